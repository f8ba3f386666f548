// When the TTL-after-finished controller deletes a finished Job, with its pods
// (getFinishAndExpireTime and jobFinishTime, pkg/controller/ttlafterfinished, Kubernetes 1.36).
import type { RawCondition } from './objects.ts';
import { toMillis } from './timestamps.ts';

/**
 * getFinishAndExpireTime, in epoch milliseconds: the Job finished when its first True Complete or
 * Failed condition says (jobFinishTime), and expires ttlSecondsAfterFinished later. Undefined
 * while it has not finished, or when that condition has no time (the controller then waits).
 */
export function finishAndExpireTime(
  conditions: readonly RawCondition[],
  ttlSecondsAfterFinished: number,
): { readonly finishAt: number; readonly expireAt: number } | undefined {
  const finished = conditions.find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
  const finishAt = toMillis(finished?.lastTransitionTime);
  if (finishAt === undefined) return undefined;
  return { finishAt, expireAt: finishAt + ttlSecondsAfterFinished * 1000 };
}
