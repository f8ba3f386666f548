import type { FieldErrorType } from '../kubernetes/index.ts';
import type { Origin, Severity } from './finding.ts';
import type { JobKind, JobView } from './job-view.ts';
import type { JsonObject } from '../kubernetes/index.ts';

/**
 * Where a rule can run. `lint` rules need the manifest as written (the API server defaults
 * fields before any webhook sees them, so "must be set explicitly" can only be checked offline).
 */
export type Stage = 'lint' | 'admission' | 'both';

export interface RuleDocs {
  /** One line: what the rule reports. */
  readonly summary: string;
  /** Why it matters. */
  readonly rationale: string;
  /**
   * What to change; a full sentence ending with a period. It must hold for every object the rule
   * reports; where it would not, the rule's report carries one that fits (Report.remediation).
   */
  readonly remediation: string;
  /** The Kubernetes documentation (or issue) that backs the rule. */
  readonly url: string;
}

/** One problem a rule reports; the engine adds the rule's id, origin and severity. */
export interface Report {
  readonly path: string;
  readonly message: string;
  readonly type?: FieldErrorType;
  /**
   * What to change in this object, when the docs' remediation would not fit it as written: the
   * field is elsewhere (a CronJob's Job fields are under spec.jobTemplate.spec), or the object
   * already does part of what the docs suggest (an Indexed Job told to use an Indexed Job).
   */
  readonly remediation?: string;
}

/**
 * The rule in CEL, for `kubectl job-x export admission-policy`: a ValidatingAdmissionPolicy runs
 * it inside the API server. `paths` is a CEL expression giving the list of field paths (strings,
 * as the rule's findings name them) the rule reports on one object; the export evaluates it on the
 * new and the old object, so UPDATE ratchets on rule and path exactly as the webhook does.
 * Placeholders the export fills in (they are not CEL, so one left over fails to compile):
 * - `$spec`: the Job spec (a CronJob's spec.jobTemplate.spec), as the API server defaulted it;
 * - `$specPath`: its path as a CEL string, 'spec' or 'spec.jobTemplate.spec';
 * - `$object`: the whole Job or CronJob;
 * - `$options.NAME`: the rule option's value in the policy, as a CEL literal;
 * - `$allowSuppressions`: the policy's suppressions.allow, as a CEL bool.
 */
export interface RuleCel {
  readonly paths: string;
}

/** Why a rule has no CEL form: the webhook stays the only way to enforce it. */
export interface RuleWithoutCel {
  readonly notExpressible: string;
}

/**
 * A rule's default in CEL, for a MutatingAdmissionPolicy on CREATE: `when` is the CEL condition
 * (same placeholders as RuleCel) under which the default applies, and `patch` a CEL expression
 * giving the JSONPatch list that makes the change.
 */
export interface RuleDefaultCel {
  readonly when: string;
  readonly patch: string;
}

export interface RuleContext {
  readonly options: Readonly<Record<string, unknown>>;
  /** Whether the policy honours suppression annotations. */
  readonly allowSuppressions: boolean;
}

export interface Rule {
  readonly id: string;
  readonly origin: Exclude<Origin, 'parser'>;
  readonly severity: Severity;
  readonly stage: Stage;
  /** Kinds the rule reads; both when absent. */
  readonly kinds?: readonly JobKind[];
  readonly docs: RuleDocs;
  /**
   * Job fields (paths with `[*]`) the rule is about: with `--kube-version`, it is skipped for a
   * version that does not serve one of them or drops it (kube-version.ts).
   */
  readonly needs?: readonly string[];
  /** Default option values; the policy file may override them. */
  readonly defaultOptions?: Readonly<Record<string, unknown>>;
  /** Every `policy` rule says how it exports to CEL, or why it cannot. */
  readonly cel?: RuleCel | RuleWithoutCel;
  check(view: JobView, context: RuleContext): Report[];
  /**
   * For the mutating webhook and `lint --fix`: change `draft` (a copy of the object being
   * admitted) so the rule no longer fires, and return one sentence per change made.
   */
  applyDefault?(draft: JsonObject, view: JobView, context: RuleContext): string[];
  /** The default as a MutatingAdmissionPolicy can apply it; absent when CEL cannot. */
  readonly defaultCel?: RuleDefaultCel | RuleWithoutCel;
}

export function defineRule(rule: Rule): Rule {
  return rule;
}
