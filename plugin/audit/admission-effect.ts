import type { Finding } from '../../policy/index.ts';

/**
 * What the job-x webhook would do about one finding of a live object (design.md, the audit
 * contract), given its ratchet (policy/admission-findings.ts):
 * - `denied-on-create`: a CREATE of the same spec would be denied, and no UPDATE of this object can
 *   reach the field (an immutable Job field), or, for a CronJob, every Job it starts would be denied;
 * - `denied-on-change`: UPDATEs pass while the finding stays as it is; an UPDATE that makes it a new
 *   finding (another rule or field) would be denied, and so would a CREATE of the same spec;
 * - `defaulted-on-create`: the mutating webhook would set the field on a CREATE of the same spec;
 * - `warned`: a CREATE of the same spec would be admitted with a warning (UPDATEs are not warned
 *   again): a warn-level finding, or a deny-level one whose rollout mode is `warn`;
 * - `audited`: a deny-level finding whose rollout mode is `audit`: admitted without a warning,
 *   recorded as an audit annotation (`audited-rules`) and a metric;
 * - `allowed`: an info-level finding, counted but neither denied nor warned.
 */
export type AdmissionEffect =
  'denied-on-create' | 'denied-on-change' | 'defaulted-on-create' | 'warned' | 'audited' | 'allowed';

export const ADMISSION_EFFECTS: readonly AdmissionEffect[] = [
  'denied-on-create',
  'denied-on-change',
  'defaulted-on-create',
  'warned',
  'audited',
  'allowed',
];

/** A finding of the audit: the engine's finding, what the webhook would do, and that in words. */
export interface AuditFinding extends Finding {
  readonly admission: AdmissionEffect;
  /** One sentence for people: what the webhook would do and when. */
  readonly effect: string;
}

/** The sentences, kept readable here rather than spread through the code. */
export const EFFECT_WORDING = {
  immutableJobField: (path: string) =>
    `a CREATE of the same spec would be denied; UPDATEs pass, as ${path} cannot change on a Job`,
  cronJobRuns: () =>
    'every Job this CronJob starts would be denied on its CREATE; UPDATEs of the CronJob pass while this finding stays',
  onChange: () =>
    'would be denied only if this field changes into a new finding (UPDATEs that keep it pass); a CREATE of the same spec would be denied',
  defaulted: (change: string) => `would get this on CREATE: ${change}`,
  warned: () => 'a CREATE of the same spec would be admitted with a warning; UPDATEs that keep it are not warned',
  wouldDeny: () =>
    'rollout mode warn: a CREATE of the same spec would be admitted with a warning that it is denied once enforced',
  audited: () =>
    'rollout mode audit: a CREATE of the same spec would be admitted silently, recorded as an audit annotation and a metric',
  allowed: () => 'info only: neither denied nor warned',
} as const;
