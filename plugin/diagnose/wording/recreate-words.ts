// The notes of the re-create manifest (recreate.ts): why indexes are not re-run one by one, and
// what the new Job does not keep.
import type { RecreateNote } from '../recreate.ts';
import { say, type MessageTable } from './message-table.ts';

const NOTES: MessageTable<RecreateNote> = {
  'index-from-env-only': (n) =>
    `${n.count === 1 ? 'The index is re-run as its own Job' : `Each of the ${n.count} indexes is re-run as its own Job`} ` +
    '(completions 1) whose containers set JOB_COMPLETION_INDEX to it; its pod is index 0 to the Job controller, ' +
    'so this is right only if the program reads its index from JOB_COMPLETION_INDEX, not from its hostname.',
  'reads-index-downward-api': (n) =>
    `Not re-run index by index: ${n.where} reads ${n.fieldPath} through the downward API, which a Job per index ` +
    'would set to 0; the manifest re-creates the whole Job.',
  'uses-subdomain': (n) =>
    `Not re-run index by index: the pods address each other as NAME-INDEX.${n.subdomain} (spec.template.spec.subdomain), ` +
    'and a Job per index gives them other names and no peers; the manifest re-creates the whole Job.',
  'too-many-indexes': (n) =>
    `Not re-run index by index: ${n.count} indexes would be more than ${n.max} Jobs; the manifest re-creates the whole Job.`,
  'dropped-for-one-index': (n) =>
    `Each Job re-runs one index, so ${n.fields.join(' and ')} (which count the indexes of the whole Job) ${n.fields.length === 1 ? 'is' : 'are'} left out.`,
  'owner-dropped': (n) =>
    `The new Job is not owned by ${n.kind} ${n.name}: its history limits do not count or delete it (set ttlSecondsAfterFinished to clean it up).`,
  'manual-selector-kept': () =>
    'spec.selector is kept as written (manualSelector: true): it must not select the pods of other Jobs.',
  'fix-by-hand': (n) =>
    `Set ${n.fields.join(' and ')} in the manifest before creating it: the suggestion names ${n.fields.length === 1 ? 'the field' : 'the fields'}, not the value.`,
  'no-fix': () => 'No suggestion changes the spec: the manifest runs the same Job again.',
};

export function recreateNoteWords(note: RecreateNote): string {
  return say(NOTES, note);
}
