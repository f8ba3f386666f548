// "Run it again": the manifest of a new Job from the diagnosed one, with the suggested fixes
// applied (every suggestion's patch, in order: one per field) and what the API server set taken
// out (kubernetes/job-for-create.ts). An Indexed Job with backoffLimitPerIndex whose failure left
// indexes undone re-runs only those, one Job per index (recreate-per-index.ts), where the
// template allows it; otherwise the whole Job, with the reason. Data only: the words are in
// wording/recreate-words.ts; `diagnose NAME --recreate-manifest` prints the manifest.
import {
  applyStrategicMergePatch,
  complement,
  countIndexes,
  formatIntervals,
  newDecodedObject,
  normalize,
  obj,
  parseIndexesLenient,
  podSpecOf,
  toJobForCreate,
  union,
  type IndexInterval,
  type JsonObject,
  type RawJob,
} from '../../kubernetes/index.ts';
import type { JobFacts } from './job-facts.ts';
import { perIndexBlocker, toIndexJob, type PerIndexBlocker } from './recreate-per-index.ts';
import type { SuggestionCode, SuggestionFact } from './suggestion-facts.ts';

export type RecreateNote =
  | PerIndexBlocker
  | { code: 'index-from-env-only'; count: number }
  | { code: 'dropped-for-one-index'; fields: string[] }
  | { code: 'owner-dropped'; kind: string; name: string }
  | { code: 'manual-selector-kept' }
  | { code: 'fix-by-hand'; fields: string[] }
  | { code: 'no-fix' };

export interface RecreatePlan {
  /** The command that prints the manifest and creates it. */
  command: string;
  /** `job`: one Job like the old one; `indexes`: one Job per index left undone. */
  scope: 'job' | 'indexes';
  /** The indexes re-run (the API's `1,3-5` form) when scope is `indexes`. */
  indexes: string | null;
  /** The suggestions whose patches the manifest has applied, in order. */
  fixes: SuggestionCode[];
  notes: RecreateNote[];
  /** A batch/v1 Job, or a v1 List of Jobs (one per index). */
  manifest: JsonObject;
}

/** Fields a per-index Job drops: they count the indexes of the whole Job. */
const WHOLE_JOB_FIELDS = ['spec.maxFailedIndexes', 'spec.successPolicy'];

/**
 * The plan for a Job that failed or is failing (`failed`), or whose fix only a new Job can take.
 * Only a failed Job re-runs single indexes: a running one is still working on the others.
 */
export function planRecreate(
  job: RawJob,
  facts: JobFacts,
  suggestions: readonly SuggestionFact[],
  failed: boolean,
): RecreatePlan {
  const withPatch = suggestions.filter((s) => s.patch !== null);
  let fixed = job as JsonObject;
  for (const s of withPatch) fixed = applyStrategicMergePatch(fixed, s.patch!);
  const notes: RecreateNote[] = [];
  // A suggestion that names a field without a value (an image, memory limits): the user's to write.
  const byHand = suggestions.filter((s) => s.patch === null && s.field !== null).map((s) => s.field!);
  if (byHand.length > 0) notes.push({ code: 'fix-by-hand', fields: byHand });
  else if (withPatch.length === 0) notes.push({ code: 'no-fix' });
  if (facts.owner) notes.push({ code: 'owner-dropped', ...facts.owner });
  if (facts.spec.manualSelector === true) notes.push({ code: 'manual-selector-kept' });

  const command = `kubectl job-x diagnose ${facts.name} -n ${facts.namespace} --recreate-manifest | kubectl create -f -`;
  const fixes = withPatch.map((s) => s.code);
  const undone = failed ? undoneIndexes(facts) : null;
  const count = undone === null ? 0 : countIndexes(undone);
  const whole = (): RecreatePlan => ({
    command,
    scope: 'job',
    indexes: null,
    fixes,
    notes,
    manifest: labelled(toJobForCreate(fixed, `${facts.name}-rerun-`), facts.name),
  });
  if (undone === null || count === 0 || count === facts.completions) return whole();
  const blocker = perIndexBlocker(podSpecOf(obj(fixed, 'spec') ?? {}), count);
  if (blocker) {
    notes.unshift(blocker);
    return whole();
  }
  const dropped = WHOLE_JOB_FIELDS.filter((path) => obj(fixed, 'spec')?.[path.slice('spec.'.length)] !== undefined);
  notes.unshift({ code: 'index-from-env-only', count });
  if (dropped.length > 0) notes.push({ code: 'dropped-for-one-index', fields: dropped });
  const jobs: JsonObject[] = [];
  for (const { first, last } of undone)
    for (let index = first; index <= last; index++)
      jobs.push(toIndexJob(labelled(toJobForCreate(fixed, `${facts.name}-`), facts.name), facts.name, index));
  return {
    command,
    scope: 'indexes',
    indexes: formatIntervals(undone),
    // A per-index Job has no maxFailedIndexes or successPolicy to fix.
    fixes: withPatch.filter((s) => !WHOLE_JOB_FIELDS.includes(s.field ?? '')).map((s) => s.code),
    notes,
    manifest: jobs.length === 1 ? jobs[0]! : toList(jobs),
  };
}

/**
 * The indexes a re-run of a failed Indexed Job with backoffLimitPerIndex should do: every index it
 * did not complete, the failed ones and those the failure stopped (MaxFailedIndexesExceeded, a
 * FailJob rule or a deadline ends the others). null when the Job is not such a Job.
 */
function undoneIndexes(facts: JobFacts): IndexInterval[] | null {
  const completions = facts.completions;
  if (!facts.indexed || facts.backoffLimitPerIndex === null || completions === null) return null;
  const failedIndexes = parseIndexesLenient(facts.status.failedIndexes ?? '', completions);
  const completed = normalize(parseIndexesLenient(facts.status.completedIndexes ?? '', completions));
  return union(normalize(failedIndexes), complement(completed, completions));
}

/** Labels the new Job with the one it re-runs: `kubectl get jobs -l job-x.dev/rerun-of=NAME`. */
export const RERUN_OF_LABEL = 'job-x.dev/rerun-of';

function labelled(manifest: JsonObject, name: string): JsonObject {
  const metadata = obj(manifest, 'metadata');
  if (metadata) {
    const labels = obj(metadata, 'labels') ?? newDecodedObject();
    labels[RERUN_OF_LABEL] = name;
    metadata.labels = labels;
  }
  return manifest;
}

function toList(items: JsonObject[]): JsonObject {
  const list = newDecodedObject();
  list.apiVersion = 'v1';
  list.kind = 'List';
  list.items = items;
  return list;
}
