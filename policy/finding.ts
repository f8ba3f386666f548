import type { FieldErrorType } from '../kubernetes/index.ts';

export type Severity = 'error' | 'warning' | 'info';

/**
 * Where a finding comes from: `apiserver` means the Kubernetes API server itself rejects (severity
 * error) or warns (severity warning); `policy` is job-x's opinion; `parser` is about the source text.
 */
export type Origin = 'apiserver' | 'policy' | 'parser';

export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly origin: Origin;
  /** Field path exactly as the API server prints it; `''` for the document as a whole. */
  readonly path: string;
  readonly message: string;
  /** For `apiserver` errors: the field error type the API server reports. */
  readonly type?: FieldErrorType;
  /** What to change in this object, where the rule's docs remediation would not fit it (Report.remediation). */
  readonly remediation?: string;
}

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** A manifest is rejected by the API server, in job-x's view, exactly when this holds. */
export function isApiServerRejection(finding: Finding): boolean {
  return finding.origin === 'apiserver' && finding.severity === 'error';
}
