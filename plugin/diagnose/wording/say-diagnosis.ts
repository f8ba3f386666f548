// The decision in words: the -o json output, where every sentence comes from a message table
// (verdict, evidence, notes, why pods are gone, suggestions) and the data is passed through.
import { describeRule } from '../../../kubernetes/index.ts';
import type { DiagnoseOutput } from '../../../schemas/generated/diagnose-output.ts';
import type { Decision } from '../decision.ts';
import { attemptNoteWords } from './attempt-note-words.ts';
import { evidenceWords } from './evidence-words.ts';
import { goneWords } from './gone-words.ts';
import { recreateNoteWords } from './recreate-words.ts';
import { suggestionWords } from './suggestion-words.ts';
import { verdictWords } from './verdict-words.ts';

export function sayDiagnosis(d: Decision): DiagnoseOutput {
  return {
    job: d.job,
    now: d.now,
    state: d.state,
    reason: d.reason,
    verdict: verdictWords(d.verdict),
    conditions: d.conditions,
    progress: d.progress,
    podFailurePolicy: d.podFailurePolicy,
    policyReplay: d.policyReplay && {
      rules: d.policyReplay.rules.map((r) => ({
        rule: r.rule,
        action: r.action,
        on: describeRule(r.spec),
        pods: r.pods,
      })),
      unmatched: d.policyReplay.unmatched,
    },
    retries: d.retries,
    deadline: d.deadline,
    attempts: d.attempts.map(({ attempt, notes }) => ({ ...attempt, note: attemptNoteWords(notes) })),
    evidence: d.evidence.map((e) => ({
      code: e.code,
      kind: e.kind,
      message: evidenceWords(e),
      object: e.object,
      at: e.at,
    })),
    evidenceGone: d.evidenceGone && { ...d.evidenceGone, why: goneWords(d.evidenceGone.why) },
    ttl: d.ttl,
    suggestions: d.suggestions.map((s) => ({
      code: s.code,
      message: suggestionWords(s),
      field: s.field,
      patch: s.patch,
      mutable: s.mutable,
      command: s.command,
    })),
    logTail: d.logTail,
    logTails: d.logTails,
    recreate: d.recreate && {
      command: d.recreate.command,
      scope: d.recreate.scope,
      indexes: d.recreate.indexes,
      fixes: d.recreate.fixes,
      notes: d.recreate.notes.map((note) => ({ code: note.code, message: recreateNoteWords(note) })),
      manifest: d.recreate.manifest,
    },
    // The CronJob part: diagnose cronjob/NAME sets it (plugin/diagnose/cronjob/).
    cronjob: null,
  };
}
