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
      /**
       * What a denial by this rule does (default: the policy's mode).
       */
      mode?: 'deny' | 'warn' | 'audit';
    }
  | 'audit';
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
