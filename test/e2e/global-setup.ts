// Jest global setup for the e2e project: makes sure the testbed (control plane + node simulator)
// runs. test/testbed/up.sh is idempotent, so a running healthy testbed is reused as it is.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './helpers/cluster.ts';
import { testbedRunning } from './helpers/testbed-state.ts';

/** Read by global-teardown.ts (same process): set only when this run started the testbed. */
export const STARTED_BY_E2E = 'JOBX_E2E_STARTED_TESTBED';

export default async function globalSetup(): Promise<void> {
  const wasRunning = testbedRunning();
  const up = spawnSync('bash', [join(REPO_ROOT, 'test', 'testbed', 'up.sh')], { stdio: 'inherit' });
  if (up.status !== 0) throw new Error(`test/testbed/up.sh failed (exit ${up.status}); see .testbed/logs/`);
  if (!wasRunning) process.env[STARTED_BY_E2E] = '1';
}
