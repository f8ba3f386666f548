import { cloneDecoded, type JsonObject } from '../kubernetes/index.ts';
import { ADMITTED } from './admission-object.ts';
import type { AdmissionPolicy } from './admission-policy.ts';
import { defaultsApplyTo } from './admission-scope.ts';
import { toJobView } from './job-view.ts';
import { suppressedRuleIds } from './suppression.ts';

/** One change a default made, in the rule's words (`set spec.ttlSecondsAfterFinished=86400 ...`). */
export interface DefaultChange {
  readonly ruleId: string;
  readonly change: string;
}

export interface AppliedDefaults {
  /** The object after the defaults: `base` itself when none changed anything. */
  readonly draft: JsonObject;
  /**
   * Each change, and each default left out because its rule threw on this object (its half-made
   * changes with it), in the order of the policy's defaults.
   */
  readonly steps: readonly (DefaultChange | DefaultFailure)[];
  /**
   * True when no default applies because a controller owner manages the object and its kind is
   * not in the policy's `defaultOwnerKinds` (owner-aware defaults: policy/admission-scope.ts).
   */
  readonly controllerOwned: boolean;
}

export interface DefaultFailure {
  readonly ruleId: string;
  readonly error: unknown;
}

/**
 * What the mutating webhook does to an object on CREATE: each default of the policy
 * (`policy.defaults`, in order) applied to a copy of the current draft, so `base` is never
 * changed. A Job its controller owner manages gets none (unless the policy lists the owner's kind
 * in `defaultOwnerKinds`). A default whose rule the object suppresses (`ignore.job-x.dev/<id>`
 * with a reason, where the policy allows suppressions) is not applied: the owner said no. A
 * default that throws is left out and reported as a failure. The defaults only fill fields that
 * are unset, so a second pass over the draft changes nothing. `admitted` (toJobView): false for an
 * object the API server has not defaulted yet (the Job a CronJob's next run creates).
 */
export function applyDefaults(base: JsonObject, policy: AdmissionPolicy, admitted = ADMITTED): AppliedDefaults {
  if (!defaultsApplyTo(policy.settings, base)) return { draft: base, steps: [], controllerOwned: true };
  let view = toJobView(base, admitted);
  const suppressed = policy.allowSuppressions ? suppressedRuleIds(view) : new Set<string>();
  let draft = base;
  const steps: (DefaultChange | DefaultFailure)[] = [];
  for (const { rule, context } of policy.defaults) {
    if ((rule.kinds && !rule.kinds.includes(view.kind)) || suppressed.has(rule.id)) continue;
    const attempt = cloneDecoded(draft);
    let made: string[];
    try {
      made = rule.applyDefault!(attempt, view, context);
    } catch (error) {
      steps.push({ ruleId: rule.id, error });
      continue;
    }
    if (made.length === 0) continue;
    draft = attempt;
    view = toJobView(draft, admitted);
    for (const change of made) steps.push({ ruleId: rule.id, change });
  }
  return { draft, steps, controllerOwned: false };
}
