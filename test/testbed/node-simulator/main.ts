// job-x testbed node simulator: stands in for kube-scheduler and the kubelets of a small cluster,
// so that the real Job controller sees pods run, succeed, fail, get evicted or stay stuck
// exactly as the pod annotations ask (see outcomes.ts and ../README.md, "Node simulator").
//
// Usage: node main.ts --kubeconfig FILE [--ready-file FILE] [--nodes 2] [--heartbeat-seconds 20]
// up.sh starts it once the control plane is ready and waits for the ready file.
import { rmSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { makeInformer, VersionApi, type V1Pod } from '@kubernetes/client-node';
import { connect, describeError, httpStatus, readPod } from './api.ts';
import { Attempts } from './attempts.ts';
import { EventRecorder } from './events.ts';
import { Kubelet } from './kubelet.ts';
import { log } from './log.ts';
import { registerNodes, simulatedNodes, startHeartbeat } from './nodes.ts';
import { Scheduler } from './scheduler.ts';
import { WorkQueue } from './work-queue.ts';

const { values: args } = parseArgs({
  options: {
    kubeconfig: { type: 'string' },
    'ready-file': { type: 'string' },
    nodes: { type: 'string', default: '2' },
    'heartbeat-seconds': { type: 'string', default: '20' },
  },
});
if (!args.kubeconfig) {
  process.stderr.write('usage: main.ts --kubeconfig FILE [--ready-file FILE] [--nodes N] [--heartbeat-seconds S]\n');
  process.exit(2);
}

/** A sync that keeps conflicting this often gives up until the next event or timer. */
const MAX_CONFLICTS = 5;

async function main(kubeconfig: string): Promise<void> {
  const api = connect(kubeconfig);
  const version = await api.kubeConfig.makeApiClient(VersionApi).getCode();
  const nodes = simulatedNodes(Number(args.nodes));
  await registerNodes(api, nodes, version.gitVersion);
  const stopHeartbeat = startHeartbeat(api, nodes, Number(args['heartbeat-seconds']) * 1000);

  // Newest known version of every pod, by uid: fed by the watch and by fresh reads after a 409.
  const pods = new Map<string, V1Pod>();
  const remember = (pod: V1Pod): void => {
    const uid = pod.metadata?.uid;
    if (!uid) return;
    const known = pods.get(uid);
    if (!known || newer(pod, known)) pods.set(uid, pod);
  };
  const load = (node: string): number =>
    [...pods.values()].filter(
      (p) => p.spec?.nodeName === node && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed',
    ).length;

  const attempts = new Attempts();
  const recorder = new EventRecorder(api);
  const kubelet = new Kubelet(api, recorder, attempts, nodes);
  const scheduler = new Scheduler(api, recorder, attempts, nodes, load);

  const queue = new WorkQueue(async (uid) => {
    let pod = pods.get(uid);
    for (let conflicts = 0; pod && conflicts < MAX_CONFLICTS; conflicts++) {
      try {
        if (kubelet.handles(pod)) return await kubelet.sync(pod);
        if (scheduler.handles(pod)) return await scheduler.sync(pod);
        return undefined;
      } catch (err) {
        if (httpStatus(err) !== 409) {
          throw new Error(`${pod.metadata?.namespace}/${pod.metadata?.name}: ${describeError(err)}`, { cause: err });
        }
        // Someone else wrote the pod since we read it: decide again on a fresh copy.
        const fresh = await readPod(api, pod);
        if (fresh) remember(fresh);
        pod = fresh;
      }
    }
    return pod ? Date.now() + 200 : undefined;
  });

  let synced = false;
  const informer = makeInformer(api.kubeConfig, '/api/v1/pods', () => api.core.listPodForAllNamespaces());
  const onChange = (pod: V1Pod): void => {
    attempts.observe(pod);
    remember(pod);
    if (synced) queue.add(pod.metadata!.uid!);
  };
  informer.on('add', onChange);
  informer.on('update', onChange);
  informer.on('delete', (pod) => {
    const uid = pod.metadata?.uid;
    if (!uid) return;
    pods.delete(uid);
    queue.forget(uid);
    kubelet.forget(uid);
    recorder.forget(uid);
  });
  // client-node's informer stops on errors other than a watch timeout or 410: restart it.
  informer.on('error', (err) => {
    log(`pod watch failed, restarting in 1s: ${describeError(err)}`);
    setTimeout(
      () => void informer.start().catch((e: unknown) => log(`pod watch restart failed: ${describeError(e)}`)),
      1000,
    );
  });
  await informer.start();
  synced = true;
  for (const uid of pods.keys()) queue.add(uid);

  const readyFile = args['ready-file'];
  if (readyFile) writeFileSync(readyFile, `${process.pid}\n`);
  log(`ready: ${nodes.map((n) => n.name).join(', ')} (Kubernetes ${version.gitVersion}); watching pods`);

  const shutdown = (signal: string): void => {
    log(`${signal}: stopping`);
    queue.stop();
    stopHeartbeat();
    void informer.stop();
    if (readyFile) rmSync(readyFile, { force: true });
    process.exit(0);
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

/** resourceVersions are etcd revisions in practice: comparing them numerically is what tells stale copies apart. */
function newer(a: V1Pod, b: V1Pod): boolean {
  try {
    return BigInt(a.metadata?.resourceVersion ?? '0') >= BigInt(b.metadata?.resourceVersion ?? '0');
  } catch {
    return true;
  }
}

main(args.kubeconfig).catch((err: unknown) => {
  log(`fatal: ${describeError(err)}`);
  process.exit(1);
});
