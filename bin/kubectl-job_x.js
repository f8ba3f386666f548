#!/usr/bin/env node
// kubectl finds plugins by name: `kubectl job-x` runs this file (kubectl-job_x).
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 19)) {
  process.stderr.write(`error: job-x needs Node.js 22.19 or newer (this is ${process.version}); see the README.\n`);
  process.exit(2);
}
const { main } = await import('../dist/plugin/main.js');
process.exitCode = await main(process.argv);
