#!/usr/bin/env node
// kubectl finds plugins by name: `kubectl job-x` runs this file (kubectl-job_x).
import module from 'node:module';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 19)) {
  process.stderr.write(`error: job-x needs Node.js 22.19 or newer (this is ${process.version}); see the README.\n`);
  process.exit(2);
}
// Most of a short run is compiling JavaScript: keep the compiled code on disk between runs
// (Node's own cache directory; NODE_DISABLE_COMPILE_CACHE turns it off). Worker threads inherit
// the setting through the environment.
const cache = module.enableCompileCache?.();
if (cache?.directory && process.env.NODE_COMPILE_CACHE === undefined) process.env.NODE_COMPILE_CACHE = cache.directory;
// dist/cli is the CLI bundled into a few files (npm run build); loading hundreds of modules
// one by one was most of the start-up time.
const { main } = module.createRequire(import.meta.url)('../dist/cli/main.cjs');
process.exitCode = await main(process.argv);
