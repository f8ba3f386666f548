/* eslint-disable */
// Generated from schemas/*.schema.json by scripts/generate-types.ts. DO NOT EDIT.

/**
 * The output of `kubectl job-x lint -o json` (a contract: see design.md).
 */
export interface LintOutput {
  /**
   * One entry per Job or CronJob found (and per document that could not be read), in input order.
   */
  results: ObjectResult[];
  /**
   * Totals over every file.
   */
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
    /**
     * Findings at error level (any of them makes lint exit 1).
     */
    errors: number;
    /**
     * Findings at warning level (more than --max-warnings makes lint exit 1).
     */
    warnings: number;
    /**
     * Findings at info level (never change the exit code).
     */
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
   * For an object of a List inside a List (which kubectl refuses: see nested-list): the 0-based item indexes from the outer List in; item is the first.
   */
  itemPath?: number[];
  /**
   * null for a document that could not be read.
   */
  kind: 'Job' | 'CronJob' | null;
  /**
   * metadata.namespace as written, or null when unset.
   */
  namespace: string | null;
  /**
   * metadata.name (or generateName) as written, or null when unset.
   */
  name: string | null;
  /**
   * Every finding for this object; empty when it is clean.
   */
  findings: Finding[];
  /**
   * For an object rendered from a Helm chart or kustomize folder (lint --render): file is then the template Helm's `# Source:` comment names (for kustomize, the folder), and line and column are in the template's rendered text, as `helm template CHART --show-only TEMPLATE` prints it (for kustomize, in its whole output).
   */
  rendered?: {
    /**
     * helm: rendered with `helm template`; kustomize: with `kubectl kustomize` (or `kustomize build`).
     */
    tool: 'helm' | 'kustomize';
    /**
     * The chart or kustomization folder as lint found it.
     */
    from: string;
  };
}
export interface Finding {
  /**
   * The rule that reported it (kubectl job-x rules ID explains it), or a parser id for unreadable input.
   */
  ruleId: string;
  /**
   * error, warning or info, after the policy file's levels.
   */
  severity: 'error' | 'warning' | 'info';
  /**
   * apiserver + error: the API server rejects the manifest.
   */
  origin: 'apiserver' | 'policy' | 'parser';
  /**
   * Field path as the API server prints it; empty for the whole document.
   */
  path: string;
  /**
   * 1-based line of the field in the file.
   */
  line: number;
  /**
   * 1-based column of the field in the file.
   */
  column: number;
  /**
   * What is wrong, in the API server's words for apiserver findings.
   */
  message: string;
  /**
   * For apiserver errors: the field error type the API server reports.
   */
  type?:
    | 'Required'
    | 'Invalid'
    | 'NotSupported'
    | 'NotFound'
    | 'Duplicate'
    | 'TooMany'
    | 'TooLong'
    | 'Forbidden'
    | 'TypeInvalid';
  /**
   * What to change to fix it: the rule's remediation, or one that fits this object. Absent for findings about the source text.
   */
  remediation?: string;
  /**
   * The documentation behind the rule (Kubernetes docs, or job-x's docs/rules.md for the parser's findings).
   */
  docsUrl: string;
}
