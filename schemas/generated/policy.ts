/* eslint-disable */
// Generated from schemas/*.schema.json by scripts/generate-types.ts. DO NOT EDIT.

export type RuleSetting =
  | Level
  | {
      /**
       * off: not run; info, warn: reported (warn becomes an admission warning); deny: an error (lint exits 1, the webhook denies).
       */
      level?: 'off' | 'info' | 'warn' | 'deny';
      /**
       * Rule options; each rule documents its own.
       */
      options?: {
        [k: string]: unknown;
      };
    };
/**
 * off: not run; info, warn: reported (warn becomes an admission warning); deny: an error (lint exits 1, the webhook denies).
 */
export type Level = 'off' | 'info' | 'warn' | 'deny';

/**
 * job-x policy: which rules run at which level, the defaults the mutating webhook applies, and exemptions. Shared by `kubectl job-x lint --policy` and the webhook.
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
}
