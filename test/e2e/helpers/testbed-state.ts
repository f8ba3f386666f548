// Whether the testbed is running, for global setup and teardown: they must leave alone a testbed
// someone started by hand (and may be using), and stop only one they started themselves.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TESTBED_DIR } from './cluster.ts';

const COMPONENTS = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'node-simulator'];

/** True if every component has a pid file whose process is alive. */
export function testbedRunning(): boolean {
  return COMPONENTS.every((component) => {
    const file = join(TESTBED_DIR, 'pids', `${component}.pid`);
    if (!existsSync(file)) return false;
    const pid = Number(readFileSync(file, 'utf8').trim());
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  });
}
