// The `-o json|yaml` document (schemas/index-status-output.schema.json): the analysis with every
// index set written as the API's interval string.
import { countIndexes, formatIntervals } from '../../kubernetes/index.ts';
import type { IndexDetail, IndexStatusOutput } from '../../schemas/generated/index-status-output.ts';
import type { IndexStatus } from './index-status.ts';

export function toIndexStatusOutput(status: IndexStatus, details?: IndexDetail[]): IndexStatusOutput {
  const { sets } = status;
  const output: IndexStatusOutput = {
    namespace: status.namespace,
    name: status.name,
    completions: status.completions,
    parallelism: status.parallelism,
    suspended: status.suspended,
    condition: status.condition,
    counts: {
      succeeded: countIndexes(sets.succeeded),
      failed: countIndexes(sets.failed),
      active: countIndexes(sets.active),
      pending: countIndexes(sets.pending),
    },
    intervals: {
      succeeded: formatIntervals(sets.succeeded),
      failed: formatIntervals(sets.failed),
      active: formatIntervals(sets.active),
      pending: formatIntervals(sets.pending),
    },
    terminating: formatIntervals(status.terminating),
    unrecorded: {
      succeeded: formatIntervals(status.unrecorded.succeeded),
      failed: formatIntervals(status.unrecorded.failed),
    },
    backoffLimit: status.backoffLimit,
    backoffLimitPerIndex:
      status.backoffLimitPerIndex === null
        ? null
        : {
            limit: status.backoffLimitPerIndex.limit,
            lastChance: formatIntervals(status.backoffLimitPerIndex.lastChance),
            lastChanceCount: countIndexes(status.backoffLimitPerIndex.lastChance),
          },
    maxFailedIndexes: status.maxFailedIndexes,
    failures: status.failures,
    successPolicy: status.successPolicy,
    strayPods: status.strayPods,
  };
  if (details !== undefined) output.details = details;
  return output;
}
