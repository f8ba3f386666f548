// Jest global teardown for the e2e project. A testbed that was already running before the tests
// is left running (someone started it and may still use it, and it makes the next run faster);
// one that this run started is stopped again, so `jest --selectProjects e2e` leaves nothing
// behind. JOBX_E2E_KEEP_TESTBED=1 keeps it running in either case.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { STARTED_BY_E2E } from './global-setup.ts';
import { REPO_ROOT } from './helpers/cluster.ts';

export default async function globalTeardown(): Promise<void> {
  if (process.env[STARTED_BY_E2E] !== '1' || process.env.JOBX_E2E_KEEP_TESTBED === '1') return;
  spawnSync('bash', [join(REPO_ROOT, 'test', 'testbed', 'down.sh')], { stdio: 'inherit' });
}
