// The simulated Nodes: registered like a kubelet registers itself (object with status on
// create), Ready, with capacity and allocatable, addresses and nodeInfo, and a periodic
// heartbeat of the conditions. No node-lifecycle controller runs in the testbed, so nothing would
// mark them NotReady; the heartbeat is there so that they look alive to anyone reading them.
import { randomUUID } from 'node:crypto';
import type { V1Node, V1NodeCondition } from '@kubernetes/client-node';
import { describeError, httpStatus, mergePatch, type Api } from './api.ts';
import { log } from './log.ts';
import { rfc3339 } from './time.ts';

export interface SimulatedNode {
  name: string;
  internalIP: string;
  /** First three octets of the pod CIDR (a /24); pod IPs are handed out from it. */
  podNet: string;
  zone: string;
}

/** Allocatable resources of every node, also used by the scheduler's fit check. */
export const ALLOCATABLE = { cpuMillis: 8000, memoryBytes: 32 * 1024 ** 3 - 100 * 1024 ** 2, pods: 110 };

export const SIMULATED_LABEL = 'testbed.job-x.dev/simulated';

export function simulatedNodes(count: number): SimulatedNode[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `testbed-node-${i + 1}`,
    internalIP: `10.240.0.${11 + i}`,
    podNet: `10.244.${i + 1}`,
    zone: `testbed-${String.fromCharCode(97 + (i % 26))}`,
  }));
}

function conditions(now: string, transition: string): V1NodeCondition[] {
  const condition = (type: string, status: string, reason: string, message: string): V1NodeCondition => ({
    type,
    status,
    reason,
    message,
    lastHeartbeatTime: now as unknown as Date,
    lastTransitionTime: transition as unknown as Date,
  });
  return [
    condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
    condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
    condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
    condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
  ];
}

function nodeObject(node: SimulatedNode, kubeletVersion: string, now: string): V1Node {
  const capacity = { cpu: '8', memory: '32Gi', pods: '110', 'ephemeral-storage': '100Gi', 'hugepages-2Mi': '0' };
  const allocatable = {
    cpu: '8',
    memory: `${ALLOCATABLE.memoryBytes / 1024}Ki`,
    pods: '110',
    'ephemeral-storage': '95Gi',
    'hugepages-2Mi': '0',
  };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: node.name,
      labels: {
        'kubernetes.io/hostname': node.name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'beta.kubernetes.io/arch': 'amd64',
        'topology.kubernetes.io/zone': node.zone,
        [SIMULATED_LABEL]: 'true',
      },
      annotations: { 'node.alpha.kubernetes.io/ttl': '0' },
    },
    spec: { podCIDR: `${node.podNet}.0/24`, podCIDRs: [`${node.podNet}.0/24`] },
    status: {
      capacity,
      allocatable,
      conditions: conditions(now, now),
      addresses: [
        { type: 'InternalIP', address: node.internalIP },
        { type: 'Hostname', address: node.name },
      ],
      daemonEndpoints: { kubeletEndpoint: { port: 10250 } },
      nodeInfo: {
        machineID: randomUUID().replaceAll('-', ''),
        systemUUID: randomUUID(),
        bootID: randomUUID(),
        kernelVersion: '6.8.0-job-x-simulated',
        osImage: 'job-x testbed node simulator',
        containerRuntimeVersion: 'containerd://2.1.4',
        kubeletVersion,
        kubeProxyVersion: '',
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    },
  } as unknown as V1Node; // timestamps go over the wire as RFC 3339 strings, not the Date the type wants
}

/** Creates the nodes, or refreshes their status when they exist (simulator restart). */
export async function registerNodes(api: Api, nodes: SimulatedNode[], kubeletVersion: string): Promise<void> {
  const now = rfc3339();
  for (const node of nodes) {
    const body = nodeObject(node, kubeletVersion, now);
    try {
      await api.core.createNode({ body });
      log(`registered node ${node.name}`);
    } catch (err) {
      if (httpStatus(err) !== 409) throw err;
      await api.core.patchNodeStatus({ name: node.name, body: { status: body.status } }, mergePatch);
      log(`node ${node.name} already registered; status refreshed`);
    }
  }
}

/** Renews lastHeartbeatTime every `everyMs`, as the kubelet's node status loop does. */
export function startHeartbeat(api: Api, nodes: SimulatedNode[], everyMs: number): () => void {
  const timer = setInterval(() => {
    for (const node of nodes) {
      void (async () => {
        try {
          const current = await api.core.readNodeStatus({ name: node.name });
          const now = rfc3339();
          const renewed = (current.status?.conditions ?? []).map((c) => ({ ...c, lastHeartbeatTime: now }));
          await api.core.patchNodeStatus({ name: node.name, body: { status: { conditions: renewed } } }, mergePatch);
        } catch (err) {
          log(`heartbeat of ${node.name} failed: ${describeError(err)}`);
        }
      })();
    }
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
