import { parentPort, workerData } from 'node:worker_threads';
import { resolvePolicy, RULES, withKubeVersion } from '../../policy/index.ts';
import { fromMessage } from './file-names.ts';
import { lintFiles, packOutcomes } from './lint-file.ts';
import type { WorkerMessage, WorkerRequest, WorkerSetup } from './lint-pool.ts';

/** A lint worker thread (see lint-pool.ts): lints each batch of files it is sent, in order. */

const setup = workerData as WorkerSetup;
// The policies were validated by the main thread; resolving the same documents gives the same policies.
const policies = setup.policies.map((document, index) => {
  const resolved = resolvePolicy(RULES, document);
  const kubeVersion = setup.kubeVersions[index];
  return kubeVersion ? withKubeVersion(resolved, kubeVersion) : resolved;
});
const port = parentPort!;

port.on('message', (request: WorkerRequest) => {
  const outcomes = packOutcomes(lintFiles(request.paths.map(fromMessage), (i) => policies[request.configs[i] ?? 0]!));
  const reply: WorkerMessage = { batch: request.batch, outcomes };
  port.postMessage(reply);
});
// Work is sent only once the worker can take it, so that no batch waits for a slow start.
port.postMessage({ ready: true } satisfies WorkerMessage);
