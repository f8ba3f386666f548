#!/usr/bin/env node
// The job-x admission webhook server (see docs/webhook.md).
import module from 'node:module';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 19)) {
  process.stderr.write(
    `error: job-x-webhook needs Node.js 22.19 or newer (this is ${process.version}); see the README.\n`,
  );
  process.exit(2);
}
// Keep the compiled code on disk between starts (Node's own cache; NODE_DISABLE_COMPILE_CACHE turns it off).
module.enableCompileCache?.();
// dist/webhook is the server bundled into one file (npm run build).
const { main } = module.createRequire(import.meta.url)('../dist/webhook/server.cjs');
process.exit(await main(process.argv));
