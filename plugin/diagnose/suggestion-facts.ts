// The suggestions as data: a code with its values, and the change itself (a strategic merge patch
// of the Job and whether the field can change on the existing Job, or commands to run).
// wording/suggestion-words.ts writes the sentence; the code is part of the -o json output.
import type { JsonObject } from '../../kubernetes/index.ts';

/** What to do: change a field (with a patch, or only named), run commands, or neither. */
export type SuggestedAction =
  | { field: string; patch: JsonObject | null; mutable: boolean; command: null }
  | { field: null; patch: null; mutable: null; command: string }
  | { field: null; patch: null; mutable: null; command: null };

type Fact<Code extends string, Values = unknown> = { code: Code } & Values & SuggestedAction;

/** Why a stuck Job needs a deadline: what never fails on its own. */
export type NeverFails = 'never-scheduled' | 'never-starts' | 'gated' | 'image-pull';

export type SuggestionFact =
  | Fact<'read-logs', { pod: string; container: string | null; previous: boolean }>
  | Fact<'count-instead-of-fail-job', { rule: number; exitCode: number; perIndex: boolean }>
  | Fact<
      'raise-backoff-limit-for-success-policy',
      { backoffLimit: number; to: number; rule: number; perIndex: boolean }
    >
  | Fact<
      'allow-more-time',
      { seconds: number; to: number; pace: { done: number; total: number; elapsed: number } | null }
    >
  | Fact<'fail-index-on-exit', ExitValues & { backoffLimitPerIndex: number }>
  | Fact<'more-attempts-per-index', { to: number }>
  | Fact<'raise-max-failed-indexes', { maxFailedIndexes: number; to: number }>
  | Fact<'raise-parallelism'>
  | Fact<'resource-quota', { namespace: string }>
  | Fact<'fewer-pods-for-quota'>
  | Fact<'admission-webhook-denies'>
  | Fact<'admission-policy-denies', { policy: string; binding: string }>
  | Fact<'pod-security-refuses'>
  | Fact<'limit-range', { namespace: string }>
  | Fact<'fix-failed-create'>
  | Fact<'unschedulable', { pod: string }>
  | Fact<'node-selector-matches-no-node', { nodeSelector: JsonObject }>
  | Fact<'scheduler-not-acting', { scheduler: string }>
  | Fact<'node-not-reporting', { node: string }>
  | Fact<'scheduling-gates-stay'>
  | Fact<'fix-image', { container: string | null; image: string | null; pullSecrets: boolean; inTemplate: boolean }>
  | Fact<'container-config'>
  | Fact<'volume-mount'>
  | Fact<'set-active-deadline', { neverFails: NeverFails }>
  | Fact<'check-external-controller', { by: string }>
  | Fact<'recreate-without-managed-by'>
  | Fact<'ask-kueue', { queue: string | null }>
  | Fact<'resume'>
  | Fact<'force-delete-stuck-pod', { pod: string; node: string }>
  | Fact<'check-finalizers', { pod: string }>
  | Fact<'replace-terminating-at-once'>
  | Fact<'restart-policy-never'>
  | Fact<'fail-job-on-exit', ExitValues & { backoffLimit: number }>
  | Fact<'count-rule-to-fail-job', { exitCode: number; rule: number }>
  | Fact<'raise-memory-limit', { container: string; times: number; from: string | null; to: string }>
  | Fact<'set-memory-limits', { container: string; times: number }>
  | Fact<'oom-outside-template', { container: string; times: number }>
  | Fact<'ignore-disruptions', { count: number; reasons: (string | null)[] }>
  | Fact<'keep-logs'>
  | Fact<'keep-failed-jobs-longer', { seconds: number }>
  | Fact<'keep-more-failed-jobs', { cronJob: string }>;

export type SuggestionCode = SuggestionFact['code'];

interface ExitValues {
  exitCode: number;
  container: string | null;
}

/** A change of a field: the patch, or null when only the field can be named (an image, resources). */
export const specChange = (field: string, patch: JsonObject | null, mutable: boolean) =>
  ({ field, patch, mutable, command: null }) as const;
/** Commands to run, one per line. */
export const commands = (...lines: string[]) =>
  ({ field: null, patch: null, mutable: null, command: lines.join('\n') }) as const;
/** Advice with nothing to apply or run. */
export const adviceOnly = { field: null, patch: null, mutable: null, command: null } as const;

/** The suggestions in order, most useful first: one per field, each command and piece of advice once. */
export class SuggestionList {
  readonly list: SuggestionFact[] = [];
  private readonly seen = new Set<string>();

  add(fact: SuggestionFact): void {
    const key =
      fact.field !== null
        ? `field ${fact.field}`
        : fact.command !== null
          ? `command ${fact.command}`
          : `advice ${JSON.stringify(fact)}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push(fact);
  }
}
