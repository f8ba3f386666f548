import { arr, isObject, obj, selectorMatches, str, stringMap } from '../kubernetes/index.ts';
import type { AdmissionSettings } from './admission-settings.ts';

/** Who asks and where, as an AdmissionReview (and the namespace's labels) tell it. */
export interface AdmissionSubject {
  readonly namespace: string;
  /** The namespace's labels; undefined when not known (see exemptionOf and matchedOverrides). */
  readonly namespaceLabels: Readonly<Record<string, string>> | undefined;
  readonly object: unknown;
  /** On UPDATE: the object before the change (an object selector matching either is in scope). */
  readonly oldObject?: unknown;
  readonly username: string;
  readonly groups: readonly string[];
}

/** Why a policy leaves a request alone, beyond its exempt namespace list. */
export type Exemption = 'namespace-selector' | 'object-selector' | 'exempt-user' | 'exempt-group';

const labelsOf = (object: unknown): Record<string, string> => stringMap(obj(object, 'metadata'), 'labels') ?? {};

/**
 * Whether the policy's scope leaves this request alone, as the API server's own webhook selectors
 * do: the object selector matches the new or (on UPDATE) the old object's labels
 * (admission/plugin/webhook/predicates/object matcher). Namespace labels that are not known yet
 * (a namespace created a moment ago, before the webhook's watch saw it) never exempt: job-x then
 * judges, which is the safe side for a policy.
 */
export function exemptionOf(settings: AdmissionSettings, subject: AdmissionSubject): Exemption | undefined {
  if (settings.exemptUsers.has(subject.username)) return 'exempt-user';
  if (subject.groups.some((group) => settings.exemptGroups.has(group))) return 'exempt-group';
  if (
    settings.namespaceSelector &&
    subject.namespaceLabels !== undefined &&
    selectorMatches(settings.namespaceSelector, subject.namespaceLabels) === false
  )
    return 'namespace-selector';
  if (settings.objectSelector) {
    const matches = (object: unknown): boolean =>
      isObject(object) && selectorMatches(settings.objectSelector, labelsOf(object)) !== false;
    if (!matches(subject.object) && !matches(subject.oldObject)) return 'object-selector';
  }
  return undefined;
}

/** Indices of the overrides whose namespace selector matches (none when the labels are unknown). */
export function matchedOverrides(
  settings: AdmissionSettings,
  namespaceLabels: Readonly<Record<string, string>> | undefined,
): number[] {
  if (namespaceLabels === undefined) return [];
  const out: number[] = [];
  settings.overrides.forEach((override, i) => {
    if (selectorMatches(override.namespaceSelector, namespaceLabels) === true) out.push(i);
  });
  return out;
}

/**
 * Owner-aware defaults: a Job whose controller is another object (a JobSet, an operator, Argo, a
 * CronJob) belongs to that owner, which tracks it and decides its lifetime; a TTL added behind its
 * back deletes what the owner still reads. So the defaults apply only to objects without a
 * controller owner, or whose controller's kind the policy lists (`defaultOwnerKinds`), as Kyverno's
 * add-ttl-jobs sample does. Only a reference with `controller: true` makes an owner: plain owner
 * references are garbage-collection links.
 */
export function defaultsApplyTo(settings: AdmissionSettings, object: unknown): boolean {
  const controller = (arr(obj(object, 'metadata'), 'ownerReferences') ?? []).find(
    (ref) => isObject(ref) && ref.controller === true,
  );
  if (!controller) return true;
  return settings.defaultOwnerKinds.has(str(controller as Record<string, unknown>, 'kind') ?? '');
}
