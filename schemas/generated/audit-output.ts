/* eslint-disable */
// Generated from schemas/*.schema.json by scripts/generate-types.ts. DO NOT EDIT.

/**
 * The output of `kubectl job-x audit -o json` (a contract: see design.md).
 */
export interface AuditOutput {
  /**
   * One entry per live Job or CronJob with at least one finding, in the order the API server listed them (Jobs, then CronJobs).
   */
  results: AuditResult[];
  summary: AuditSummary;
}
export interface AuditResult {
  /**
   * The namespace of the object.
   */
  namespace: string;
  /**
   * Job or CronJob.
   */
  kind: 'Job' | 'CronJob';
  /**
   * The name of the object.
   */
  name: string;
  /**
   * Every finding, with what the webhook would do about it.
   */
  findings: AuditFinding[];
}
export interface AuditFinding {
  /**
   * The job-x rule (kubectl job-x rules RULE explains it).
   */
  ruleId: string;
  /**
   * The rule's level in the policy: error (deny), warning (warn) or info.
   */
  severity: 'error' | 'warning' | 'info';
  /**
   * As lint's; in practice `policy`: the webhook does not repeat the API server's own checks, and a live object passed them.
   */
  origin: 'apiserver' | 'policy' | 'parser';
  /**
   * The field, as the API server prints it (a CronJob's under spec.jobTemplate.spec.); empty for the whole object.
   */
  path: string;
  /**
   * What is wrong, for this object.
   */
  message: string;
  /**
   * The field error type, when the rule gives one (as lint).
   */
  type?: string;
  /**
   * How to fix it, where that says more than the rule's docs.
   */
  remediation?: string;
  /**
   * What the webhook would do: denied-on-create (a CREATE of the same spec would be denied; an UPDATE cannot reach the field, or for a CronJob every Job it starts would be denied), denied-on-change (UPDATEs pass while the finding stays, one that makes it a new finding would be denied, as would a CREATE), defaulted-on-create (the mutating webhook would set the field on CREATE), warned (a CREATE would get a warning: a warn-level finding, or a deny-level one whose rollout mode is warn), audited (a deny-level finding whose rollout mode is audit: admitted, recorded as an audit annotation and a metric only), allowed (info only). The rollout modes are the rule's, else the policy's, with the overrides matching the namespace's labels applied.
   */
  admission: 'denied-on-create' | 'denied-on-change' | 'defaulted-on-create' | 'warned' | 'audited' | 'allowed';
  /**
   * The same in one sentence.
   */
  effect: string;
}
/**
 * Counts over every object judged, per rule, per admission effect and per namespace.
 */
export interface AuditSummary {
  /**
   * Where the policy came from: `default`, a file, or `configmap NAMESPACE/NAME`.
   */
  policy: string;
  /**
   * Jobs judged.
   */
  jobs: number;
  /**
   * CronJobs judged.
   */
  cronJobs: number;
  /**
   * Objects in namespaces the policy exempts (not judged).
   */
  exempt: number;
  /**
   * Objects with at least one finding.
   */
  withFindings: number;
  /**
   * Findings at error level (any of them makes audit exit 1).
   */
  errors: number;
  /**
   * Findings at warning level.
   */
  warnings: number;
  /**
   * Findings at info level.
   */
  infos: number;
  /**
   * Findings per admission effect.
   */
  byAdmission: {
    [k: string]: number;
  };
  /**
   * Findings per rule id.
   */
  byRule: {
    [k: string]: number;
  };
  /**
   * Objects with findings per namespace.
   */
  byNamespace: {
    [k: string]: number;
  };
}
