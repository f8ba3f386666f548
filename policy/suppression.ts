import type { JobView } from './job-view.ts';

/** `ignore.job-x.dev/<rule-id>: "<reason>"` on the Job's or CronJob's own metadata. */
export const SUPPRESSION_PREFIX = 'ignore.job-x.dev/';

export interface Suppression {
  readonly annotation: string;
  readonly ruleId: string;
  readonly reason: string;
}

export function suppressionsOf(view: JobView): Suppression[] {
  const out: Suppression[] = [];
  for (const [annotation, value] of Object.entries(view.annotations)) {
    if (!annotation.startsWith(SUPPRESSION_PREFIX)) continue;
    out.push({
      annotation,
      ruleId: annotation.slice(SUPPRESSION_PREFIX.length),
      reason: typeof value === 'string' ? value.trim() : '',
    });
  }
  return out;
}

/** Rule ids whose findings are hidden: only suppressions that carry a reason count. */
export function suppressedRuleIds(view: JobView): Set<string> {
  return new Set(
    suppressionsOf(view)
      .filter((s) => s.reason !== '')
      .map((s) => s.ruleId),
  );
}
