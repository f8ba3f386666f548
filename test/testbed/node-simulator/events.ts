// Events as the real components write them, so that `kubectl describe` and job-x diagnose see
// the shapes they meet in clusters:
// - the kubelet uses the legacy core/v1 recorder: source {component: kubelet, host}, count,
//   firstTimestamp/lastTimestamp, a repeat of the same event bumps count on the existing object;
// - the scheduler uses events.k8s.io/v1: eventTime, reportingController, action, no count
//   (seen through core/v1 as firstTimestamp/lastTimestamp null).
import type { V1Pod } from '@kubernetes/client-node';
import { describeError, mergePatch, type Api } from './api.ts';
import { log } from './log.ts';
import { microTime, rfc3339 } from './time.ts';

export type EventType = 'Normal' | 'Warning';

/** The object reference both event APIs use for a pod (core/v1 involvedObject, events.k8s.io regarding). */
function podReference(pod: V1Pod) {
  const meta = pod.metadata!;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    namespace: meta.namespace!,
    name: meta.name!,
    uid: meta.uid!,
    resourceVersion: meta.resourceVersion!,
  };
}

export interface KubeletEvent {
  type: EventType;
  reason: string;
  message: string;
  /** Container the event is about (involvedObject.fieldPath `spec.containers{name}`). */
  container?: { name: string; init: boolean };
}

let sequence = 0n;
/** `<object>.<hex nanoseconds>`, the name client-go's recorder gives events. */
function eventName(object: string): string {
  sequence += 1n;
  return `${object}.${(BigInt(Date.now()) * 1_000_000n + (sequence % 1_000_000n)).toString(16)}`;
}

export class EventRecorder {
  private readonly api: Api;
  /** Aggregation of identical kubelet events (client-go's EventCorrelator, simplified). */
  private readonly seen = new Map<string, { name: string; namespace: string; count: number }>();

  constructor(api: Api) {
    this.api = api;
  }

  async kubelet(pod: V1Pod, node: string, event: KubeletEvent): Promise<void> {
    const meta = pod.metadata!;
    const fieldPath = event.container
      ? `spec.${event.container.init ? 'initContainers' : 'containers'}{${event.container.name}}`
      : undefined;
    const key = [meta.uid, fieldPath, event.type, event.reason, event.message].join('\u0000');
    const now = rfc3339();
    try {
      const previous = this.seen.get(key);
      if (previous) {
        previous.count += 1;
        await this.api.core.patchNamespacedEvent(
          {
            name: previous.name,
            namespace: previous.namespace,
            body: { count: previous.count, lastTimestamp: now },
          },
          mergePatch,
        );
        return;
      }
      const name = eventName(meta.name!);
      await this.api.core.createNamespacedEvent({
        namespace: meta.namespace!,
        body: {
          metadata: { name, namespace: meta.namespace! },
          involvedObject: { ...podReference(pod), ...(fieldPath ? { fieldPath } : {}) },
          type: event.type,
          reason: event.reason,
          message: event.message,
          source: { component: 'kubelet', host: node },
          reportingComponent: 'kubelet',
          reportingInstance: node,
          firstTimestamp: now as unknown as Date,
          lastTimestamp: now as unknown as Date,
          count: 1,
        },
      });
      this.seen.set(key, { name, namespace: meta.namespace!, count: 1 });
    } catch (err) {
      // A terminating namespace refuses new events; nothing reads them there anyway.
      log(`event ${event.reason} for ${meta.namespace}/${meta.name} not recorded: ${describeError(err)}`);
    }
  }

  async scheduler(pod: V1Pod, type: EventType, reason: string, action: string, note: string): Promise<void> {
    const meta = pod.metadata!;
    try {
      await this.api.events.createNamespacedEvent({
        namespace: meta.namespace!,
        body: {
          metadata: { name: eventName(meta.name!), namespace: meta.namespace! },
          eventTime: microTime() as unknown as Date,
          reportingController: 'default-scheduler',
          reportingInstance: 'default-scheduler-job-x-testbed',
          action,
          reason,
          note,
          type,
          regarding: podReference(pod),
        },
      });
    } catch (err) {
      log(`event ${reason} for ${meta.namespace}/${meta.name} not recorded: ${describeError(err)}`);
    }
  }

  /** Forgets the aggregation keys of a deleted pod. */
  forget(uid: string): void {
    for (const key of this.seen.keys()) if (key.startsWith(`${uid}\u0000`)) this.seen.delete(key);
  }
}
