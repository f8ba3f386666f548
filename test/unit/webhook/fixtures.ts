import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import jsonPatch, { type Operation } from 'fast-json-patch';

/** AdmissionReviews recorded from the testbed's API server (scripts/record-admission-fixtures.ts). */
export type Review = {
  apiVersion: string;
  kind: string;
  request: {
    uid: string;
    kind: { group: string; version: string; kind: string };
    name: string;
    namespace: string;
    operation: string;
    subResource?: string;
    dryRun: boolean;
    object: Record<string, unknown> | null;
    oldObject: Record<string, unknown> | null;
    [key: string]: unknown;
  };
};

export const FIXTURE_NAMES = [
  'job-create-clean',
  'job-create-warn',
  'job-create-deny',
  'job-create-deny-dry-run',
  'job-create-mutate',
  'cronjob-create-deny',
  'job-update-label',
  'job-update-deadline-zero',
  'job-delete',
  'pod-create',
  'pod-exec-connect',
] as const;

export type FixtureName = (typeof FIXTURE_NAMES)[number];

const DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'admission');
const cache = new Map<string, string>();

/** A fresh copy each time: tests change reviews freely. */
export function review(name: FixtureName): Review {
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(join(DIR, `${name}.json`), 'utf8');
    cache.set(name, text);
  }
  return JSON.parse(text) as Review;
}

export function reviewText(name: FixtureName): string {
  review(name);
  return cache.get(name)!;
}

/** Sets a value deep in decoded JSON, creating the objects on the way. */
export function setPath(root: unknown, path: readonly (string | number)[], value: unknown): void {
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string | number, unknown>;
  }
  const last = path[path.length - 1]!;
  if (value === undefined) delete node[last];
  else node[last] = value;
}

export function getPath(root: unknown, path: readonly (string | number)[]): unknown {
  let node: unknown = root;
  for (const key of path)
    node = node === null || typeof node !== 'object' ? undefined : (node as Record<string | number, unknown>)[key];
  return node;
}

/** The operations of an AdmissionResponse's base64 `patch`. */
export function decodePatch(base64: string): Operation[] {
  return JSON.parse(Buffer.from(base64, 'base64').toString('utf8')) as Operation[];
}

/**
 * A copy of `document` with the patch applied by fast-json-patch, strict where the API server's
 * applier (evanphx/json-patch) is strict: every operation is validated first (`add` needs an
 * existing parent, `remove` and `replace` an existing target, array indexes in range), and an
 * invalid one throws.
 */
export function applyPatchStrictly(document: unknown, operations: readonly Operation[]): unknown {
  return jsonPatch.applyPatch(document, [...operations], true, false).newDocument;
}
