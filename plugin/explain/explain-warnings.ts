import { int, type JsonObject } from '../../kubernetes/index.ts';
import { JOB_CONTROLLER_NAME, podSpecOf } from '../../kubernetes/index.ts';
import type { Effective, Pattern } from './explanation.ts';

/**
 * What the pods must be built for, from the Kubernetes Job documentation (the seeds): each
 * warning applies to this spec, with the values its message needs; wording/warnings-wording.ts
 * words them. They say what to design for rather than what is wrong (the lint findings do that).
 */
export type WarningFacts =
  | { readonly id: 'pod-may-run-twice'; readonly replacedEarly: boolean }
  | { readonly id: 'concurrent-pods'; readonly atOnce: number }
  | { readonly id: 'work-queue-coordination' }
  | { readonly id: 'on-failure-loses-logs' }
  | { readonly id: 'elastic-indexed' }
  | { readonly id: 'pod-deadline-is-not-job-deadline'; readonly podDeadline: number; readonly specPath: string }
  | { readonly id: 'managed-elsewhere'; readonly managedBy: string };

export function explainWarnings(
  effective: Effective,
  spec: JsonObject,
  pattern: Pattern,
  atOnce: number | null,
  kind: 'Job' | 'CronJob',
): WarningFacts[] {
  const warnings: WarningFacts[] = [];
  warnings.push({ id: 'pod-may-run-twice', replacedEarly: effective.podReplacementPolicy === 'TerminatingOrFailed' });
  if (atOnce !== null && atOnce > 1) warnings.push({ id: 'concurrent-pods', atOnce });
  if (pattern === 'WorkQueue') warnings.push({ id: 'work-queue-coordination' });
  if (effective.restartPolicy === 'OnFailure') warnings.push({ id: 'on-failure-loses-logs' });
  if (pattern === 'Indexed') warnings.push({ id: 'elastic-indexed' });
  const podDeadline = int(podSpecOf(spec), 'activeDeadlineSeconds');
  if (podDeadline !== undefined) {
    const specPath = kind === 'CronJob' ? 'spec.jobTemplate.spec' : 'spec';
    warnings.push({ id: 'pod-deadline-is-not-job-deadline', podDeadline, specPath });
  }
  if (effective.managedBy !== null && effective.managedBy !== JOB_CONTROLLER_NAME)
    warnings.push({ id: 'managed-elsewhere', managedBy: effective.managedBy });
  return warnings;
}
