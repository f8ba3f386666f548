import { arr, obj, str, type JsonObject } from './decoded-access.ts';

/**
 * An object as the API server stored it — `kubectl get job pi -o yaml`, piped to lint or saved to
 * a file — rather than a manifest as written. Such a document is judged as what `kubectl create
 * -f` of it would be: a copy, which the API server gives a new uid. The copy keeps everything the
 * server filled in for the original, including the selector and template labels it generated from
 * the original's uid, which no longer fit (pkg/registry/batch/job/strategy.go generateSelector,
 * validation.ValidateGeneratedSelector).
 */
export interface StoredObject {
  /** The stored object's uid: metadata.uid, else the one its generated selector carries. */
  readonly uid: string | undefined;
  /** The fields that show it was stored, as paths (for messages and tests). */
  readonly evidence: readonly string[];
}

/** The label keys generateSelector puts the Job's uid under (the legacy one and the current one). */
export const CONTROLLER_UID_LABELS = ['batch.kubernetes.io/controller-uid', 'controller-uid'] as const;

/**
 * The signs of a stored object, or undefined for a manifest. What kubectl writes for an object it
 * has not sent (`create --dry-run=client -o yaml`: `creationTimestamp: null`, `status: {}`) is
 * no sign: only values the API server alone assigns are.
 */
export function toStoredObject(document: JsonObject): StoredObject | undefined {
  const metadata = obj(document, 'metadata');
  const evidence: string[] = [];
  const metadataUid = nonEmpty(str(metadata, 'uid'));
  if (metadataUid !== undefined) evidence.push('metadata.uid');
  if (nonEmpty(str(metadata, 'resourceVersion')) !== undefined) evidence.push('metadata.resourceVersion');
  if ((arr(metadata, 'managedFields') ?? []).length > 0) evidence.push('metadata.managedFields');
  const status = obj(document, 'status');
  if (status && Object.keys(status).length > 0) evidence.push('status');
  const selectorUid = generatedSelectorUid(document);
  if (selectorUid !== undefined) evidence.push('spec.selector');
  if (evidence.length === 0) return undefined;
  return { uid: metadataUid ?? selectorUid, evidence };
}

/** The uid a Job's selector carries under a controller-uid key (what generateSelector wrote). */
function generatedSelectorUid(document: JsonObject): string | undefined {
  if (str(document, 'kind') !== 'Job') return undefined;
  const matchLabels = obj(obj(obj(document, 'spec'), 'selector'), 'matchLabels');
  for (const key of CONTROLLER_UID_LABELS) {
    const uid = nonEmpty(str(matchLabels, key));
    if (uid !== undefined) return uid;
  }
  return undefined;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === '' ? undefined : value;
}
