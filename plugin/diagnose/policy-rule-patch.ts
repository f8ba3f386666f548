// The pod failure policy rules a suggestion adds or changes, as a patch the API server accepts:
// at most 20 rules, exit code rules only for containers of the pod template and never `In [0]`,
// and what any pod failure policy requires of the rest of the Job (restartPolicy Never,
// podReplacementPolicy Failed). ValidateJobSpec and validatePodFailurePolicy in
// pkg/apis/batch/validation/validation.go.
import type { JsonObject } from '../../kubernetes/index.ts';
import type { Context } from './context.ts';
import type { FailureGroup } from './failure-groups.ts';
import { templateContainers } from './job-facts.ts';

/** maxPodFailurePolicyRules. */
const MAX_RULES = 20;
/** Exit codes that mean a signal (SIGKILL, SIGTERM): the process was killed, not a bug of its own. */
const SIGNAL_EXIT_CODES = new Set([137, 143]);

export interface Exit {
  exitCode: number;
  container: string | null;
}

/** The Job's pod failure policy with `rule` first; null when the policy has no room for it. */
export function withFirstRule(ctx: Context, rule: JsonObject): JsonObject | null {
  const rules = ctx.facts.podFailurePolicyRules ?? [];
  if (rules.length >= MAX_RULES) return null;
  return policyPatch(ctx, [rule, ...rules]);
}

/** The Job's pod failure policy with rule `index` given another action. */
export function withAction(ctx: Context, index: number, action: string): JsonObject {
  const rules = ctx.facts.podFailurePolicyRules ?? [];
  return policyPatch(
    ctx,
    rules.map((rule, i) => (i === index ? { ...rule, action } : rule)),
  );
}

/** The rules, with what a pod failure policy requires of the Job. */
function policyPatch(ctx: Context, rules: JsonObject[]): JsonObject {
  const { facts } = ctx;
  return {
    spec: {
      podFailurePolicy: { rules },
      ...(facts.podReplacementPolicy === 'Failed' ? {} : { podReplacementPolicy: 'Failed' }),
      ...(facts.restartPolicy === 'Never' ? {} : { template: { spec: { restartPolicy: 'Never' } } }),
    },
  };
}

/** An onExitCodes rule for that exit, or null when the API server would refuse it. */
export function exitRule(ctx: Context, action: 'FailJob' | 'FailIndex', exit: Exit): JsonObject | null {
  if (exit.exitCode === 0) return null; // "must not be 0 for the In operator"
  if (exit.container !== null && !templateContainers(ctx.facts).has(exit.container)) return null;
  return {
    action,
    onExitCodes: {
      ...(exit.container ? { containerName: exit.container } : {}),
      operator: 'In',
      values: [exit.exitCode],
    },
  };
}

/** The single non-signal exit code every counted failure shares, unless a rule already handles it. */
export function deterministicExit(groups: FailureGroup[]): Exit | undefined {
  if (groups.length !== 1) return undefined;
  const group = groups[0]!;
  if (group.kind !== 'exit' || group.exitCode === null || SIGNAL_EXIT_CODES.has(group.exitCode)) return undefined;
  if (group.pods.some((p) => p.match !== null)) return undefined;
  return { exitCode: group.exitCode, container: group.container };
}

/** The rule at that index when it has that action and matches exit codes. */
export function exitCodeRule(ctx: Context, index: number, action: string): JsonObject | undefined {
  const rule = ctx.facts.podFailurePolicyRules?.[index];
  return rule && rule.action === action && typeof rule.onExitCodes === 'object' ? rule : undefined;
}
