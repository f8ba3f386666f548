// One timestamped line per action on stdout (up.sh sends it to .testbed/logs/node-simulator.log):
// the first place to look when an end-to-end test waits in vain.
export function log(message: string): void {
  process.stdout.write(`${new Date().toISOString()} ${message}\n`);
}
