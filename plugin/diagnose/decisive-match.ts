// The pod failure policy match that decided a failed Job: the FailJob match its condition names,
// or for failed indexes the first FailIndex match.
import type { PodAnalysis } from './attempts.ts';
import type { DecisiveMatch } from './cause-types.ts';
import type { Context } from './context.ts';

const FAIL_JOB_EXIT =
  /^Container (\S+) for pod ([^/\s]+)\/(\S+) failed with exit code (-?\d+) matching (\w+) rule at index (\d+)$/;
const FAIL_JOB_CONDITION = /^Pod ([^/\s]+)\/(\S+) has condition (\S+) matching (\w+) rule at index (\d+)$/;

/**
 * The FailJob match named in the Job's condition (getFailJobMessage picks the first matching pod
 * in the informer's order, which a snapshot cannot reproduce, so the condition is the truth); the
 * replay confirms it and supplies it when the message cannot be read.
 */
export function decisiveFailJob(ctx: Context, message: string): DecisiveMatch | null {
  const byExit = FAIL_JOB_EXIT.exec(message);
  const byCondition = FAIL_JOB_CONDITION.exec(message);
  if (byExit) {
    return {
      matchedRule: Number(byExit[6]),
      action: 'FailJob',
      pod: byExit[3]!,
      container: byExit[1]!,
      exitCode: Number(byExit[4]),
      condition: null,
      message,
    };
  }
  if (byCondition) {
    return {
      matchedRule: Number(byCondition[5]),
      action: 'FailJob',
      pod: byCondition[2]!,
      container: null,
      exitCode: null,
      condition: byCondition[3]!,
      message,
    };
  }
  return firstMatch(ctx, 'FailJob');
}

/** For FailedIndexes / MaxFailedIndexesExceeded: the first FailIndex match, if a rule failed an index. */
export function decisiveFailIndex(ctx: Context): DecisiveMatch | null {
  return firstMatch(ctx, 'FailIndex');
}

/** The earliest finished pod a rule with that action matched. */
function firstMatch(ctx: Context, action: 'FailJob' | 'FailIndex'): DecisiveMatch | null {
  const first = [...ctx.pods]
    .filter((p) => p.match?.action === action)
    .sort((a, b) => (a.finishedMs ?? 0) - (b.finishedMs ?? 0))[0];
  return first?.match ? toDecisive(first) : null;
}

function toDecisive(pod: PodAnalysis): DecisiveMatch {
  const match = pod.match!;
  return {
    matchedRule: match.rule,
    action: match.action,
    pod: pod.name,
    container: match.container,
    exitCode: match.exitCode,
    condition: match.condition,
    message: match.message,
  };
}
