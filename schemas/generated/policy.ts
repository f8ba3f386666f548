/* eslint-disable */
// Generated from schemas/*.schema.json by scripts/generate-types.ts. DO NOT EDIT.

export type RuleSetting =
  | Level
  | {
      /**
       * off: not run; info, warn (or warning): reported (warn becomes an admission warning); deny (or error): an error (lint exits 1, the webhook denies).
       */
      level?: 'off' | 'info' | 'warn' | 'warning' | 'deny' | 'error';
      /**
       * Rule options; each rule documents its own.
       */
      options?: {
        [k: string]: unknown;
      };
      /**
       * What a denial by this rule does (default: the policy's mode).
       */
      mode?: 'deny' | 'warn' | 'audit';
    }
  | 'audit';
/**
 * off: not run; info, warn (or warning): reported (warn becomes an admission warning); deny (or error): an error (lint exits 1, the webhook denies).
 */
export type Level = 'off' | 'info' | 'warn' | 'warning' | 'deny' | 'error';

/**
 * job-x policy: which rules run at which level, the defaults the mutating webhook applies, and exemptions. Shared by `kubectl job-x lint` (found as .job-x.yaml, or --config/--policy FILE) and the webhook. Read as YAML 1.2 (`off` is a string).
 */
export interface JobXPolicy {
  /**
   * Always job-x.dev/v1alpha1.
   */
  apiVersion: 'job-x.dev/v1alpha1';
  /**
   * Always Policy.
   */
  kind: 'Policy';
  /**
   * Per rule id: a level, or a level with options. Rules not named keep their built-in level.
   */
  rules?: {
    [k: string]: RuleSetting;
  };
  /**
   * Ids of rules whose default the mutating webhook applies (each rule must have a default).
   */
  defaults?: string[];
  /**
   * Namespaces the webhook leaves alone (no findings, no defaults).
   */
  exemptNamespaces?: string[];
  /**
   * The per-object annotation ignore.job-x.dev/<rule-id>: "<reason>".
   */
  suppressions?: {
    /**
     * Honour suppression annotations (default true). A suppression never hides an API server error.
     */
    allow?: boolean;
  };
  /**
   * What a denial does, for every rule without a mode of its own (default deny). Adopt a policy in audit, then warn, then deny.
   */
  mode?: 'deny' | 'warn' | 'audit';
  namespaceSelector?: LabelSelector;
  objectSelector?: LabelSelector1;
  /**
   * User names (request.userInfo.username, e.g. system:serviceaccount:ci:deployer) whose requests the webhook leaves alone.
   */
  exemptUsers?: string[];
  /**
   * Groups (request.userInfo.groups) whose members' requests the webhook leaves alone.
   */
  exemptGroups?: string[];
  /**
   * Owner kinds whose Jobs also get the defaults. By default a Job with a controller owner (ownerReferences[].controller: true) gets none: its owner (JobSet, an operator, Argo) manages it; CronJob-created Jobs get their CronJob's jobTemplate.
   */
  defaultOwnerKinds?: string[];
  /**
   * Per-namespace overrides, chosen by namespace labels; every matching override applies, later ones over earlier ones.
   */
  overrides?: Override[];
  lint?: LintSettings;
}
/**
 * Judge only objects in namespaces whose labels match (default: every namespace). The webhook reads namespace labels from a watch of namespaces.
 */
export interface LabelSelector {
  /**
   * Labels the object must have, each with exactly this value.
   */
  matchLabels?: {
    [k: string]: string;
  };
  /**
   * Requirements on labels, all of which must hold.
   */
  matchExpressions?: {
    /**
     * The label key.
     */
    key: string;
    /**
     * In, NotIn: the value is (not) one of values; Exists, DoesNotExist: the key is (not) there.
     */
    operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
    /**
     * The values for In and NotIn (required there); empty for Exists and DoesNotExist.
     */
    values?: string[];
  }[];
}
/**
 * Judge only objects whose own labels match (default: every object).
 */
export interface LabelSelector1 {
  /**
   * Labels the object must have, each with exactly this value.
   */
  matchLabels?: {
    [k: string]: string;
  };
  /**
   * Requirements on labels, all of which must hold.
   */
  matchExpressions?: {
    /**
     * The label key.
     */
    key: string;
    /**
     * In, NotIn: the value is (not) one of values; Exists, DoesNotExist: the key is (not) there.
     */
    operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
    /**
     * The values for In and NotIn (required there); empty for Exists and DoesNotExist.
     */
    values?: string[];
  }[];
}
export interface Override {
  namespaceSelector: LabelSelector2;
  /**
   * The policy's mode in these namespaces.
   */
  mode?: 'deny' | 'warn' | 'audit';
  /**
   * Rule settings that replace the policy's in these namespaces.
   */
  rules?: {
    [k: string]: RuleSetting;
  };
}
/**
 * Namespaces whose labels match take this override.
 */
export interface LabelSelector2 {
  /**
   * Labels the object must have, each with exactly this value.
   */
  matchLabels?: {
    [k: string]: string;
  };
  /**
   * Requirements on labels, all of which must hold.
   */
  matchExpressions?: {
    /**
     * The label key.
     */
    key: string;
    /**
     * In, NotIn: the value is (not) one of values; Exists, DoesNotExist: the key is (not) there.
     */
    operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
    /**
     * The values for In and NotIn (required there); empty for Exists and DoesNotExist.
     */
    values?: string[];
  }[];
}
/**
 * Settings of `kubectl job-x lint` (the webhook ignores them).
 */
export interface LintSettings {
  /**
   * Paths not linted, as .gitignore lines (relative to this file's folder; `!` re-includes, a trailing / matches folders only).
   */
  exclude?: string[];
  /**
   * Read a Helm chart's templates/ folder as plain YAML (default false: a folder with Chart.yaml has its templates skipped, with a note).
   */
  chartTemplates?: boolean;
  render?: RenderSettings;
  /**
   * The Kubernetes minor version the manifests target, such as "1.36".
   */
  kubeVersion?: string;
  /**
   * A baseline file (lint --write-baseline writes it): the findings it records do not fail the run.
   */
  baseline?: string;
  /**
   * The default output format (-o wins).
   */
  output?: 'text' | 'json' | 'sarif' | 'github' | 'junit' | 'tap';
  /**
   * The default --max-warnings.
   */
  maxWarnings?: number;
  /**
   * Show each finding's remediation and docs URL in text output (default true; --no-fix-hints hides them).
   */
  fixHints?: boolean;
}
/**
 * Render Helm charts and kustomize folders before linting (off by default).
 */
export interface RenderSettings {
  /**
   * Render a folder with Chart.yaml with `helm template` (default false).
   */
  helm?: boolean;
  /**
   * Render a folder with kustomization.yaml with `kubectl kustomize` (default false).
   */
  kustomize?: boolean;
  /**
   * Values files passed to `helm template` with --values, relative to this file's folder.
   */
  helmValues?: string[];
}
