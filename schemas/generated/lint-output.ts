/* eslint-disable */
// Generated from schemas/*.schema.json by scripts/generate-types.ts. DO NOT EDIT.

/**
 * The output of `kubectl job-x lint -o json` (a contract: see design.md).
 */
export interface LintOutput {
  results: ObjectResult[];
  summary: {
    /**
     * Files (and standard input) read.
     */
    files: number;
    /**
     * Jobs and CronJobs linted.
     */
    linted: number;
    /**
     * Objects that are not Jobs or CronJobs.
     */
    skipped: number;
    errors: number;
    warnings: number;
    infos: number;
  };
}
export interface ObjectResult {
  /**
   * The path as given, or <stdin>.
   */
  file: string;
  /**
   * 0-based index of the YAML document in the file.
   */
  document: number;
  /**
   * 0-based index in a List's items, for objects from a List.
   */
  item?: number;
  /**
   * null for a document that could not be read.
   */
  kind: 'Job' | 'CronJob' | null;
  namespace: string | null;
  name: string | null;
  findings: Finding[];
}
export interface Finding {
  ruleId: string;
  severity: 'error' | 'warning' | 'info';
  /**
   * apiserver + error: the API server rejects the manifest.
   */
  origin: 'apiserver' | 'policy' | 'parser';
  /**
   * Field path as the API server prints it; empty for the whole document.
   */
  path: string;
  line: number;
  column: number;
  message: string;
  /**
   * For apiserver errors: the field error type the API server reports.
   */
  type?: 'Required' | 'Invalid' | 'NotSupported' | 'Duplicate' | 'TooMany' | 'TooLong' | 'Forbidden' | 'TypeInvalid';
}
