import { parentPort, workerData } from 'node:worker_threads';
import { resolvePolicy, RULES, withKubeVersion } from '../../policy/index.ts';
import { fromMessage } from './file-names.ts';
import { lintFiles, packOutcomes } from './lint-file.ts';
import type { WorkerMessage, WorkerRequest, WorkerSetup } from './lint-pool.ts';

/** A lint worker thread (see lint-pool.ts): lints each batch of files it is sent, in order. */

const setup = workerData as WorkerSetup;
// The policy was validated by the main thread; resolving the same document gives the same policy.
const resolved = resolvePolicy(RULES, setup.policy);
const policy = setup.kubeVersion ? withKubeVersion(resolved, setup.kubeVersion) : resolved;
const port = parentPort!;

port.on('message', (request: WorkerRequest) => {
  const outcomes = packOutcomes(lintFiles(request.paths.map(fromMessage), policy));
  const reply: WorkerMessage = { batch: request.batch, outcomes };
  port.postMessage(reply);
});
// Work is sent only once the worker can take it, so that no batch waits for a slow start.
port.postMessage({ ready: true } satisfies WorkerMessage);
