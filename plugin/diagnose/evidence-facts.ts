// The evidence as data: one fact per item, a code with the values that prove it, where it comes
// from (`kind`), what it is about (`object`) and when (`at`). wording/evidence-words.ts writes the
// sentence; the code is part of the -o json output (schemas/diagnose-output.schema.json).
import type { JsonObject } from '../../kubernetes/index.ts';
import type { DiagnoseOutput } from '../../schemas/generated/diagnose-output.ts';
import type { FailureHow } from './failure-groups.ts';

type Item = Omit<DiagnoseOutput['evidence'][number], 'code' | 'message'>;
type Fact<Code extends string, Values = unknown> = Item & { code: Code } & Values;

export type EvidenceFact =
  /** True conditions of the Job; two in a row with the same reason and message read as one transition. */
  | Fact<'condition', { types: string[]; reason: string; message: string }>
  | Fact<'event', { type: string; reason: string; count: number; message: string }>
  | Fact<
      'success-policy-rule',
      { rule: string; succeededIndexes: string | null; succeededCount: number | null; completedIndexes: string }
    >
  | Fact<'restarts-counted', { backoffLimit: number; limit: number; restarts: number }>
  | Fact<'backoff-limit-exceeded', { failed: number; backoffLimit: number }>
  | Fact<'success-policy-race', { completedIndexes: string; rule: number }>
  | Fact<
      'deadline-from-start',
      { activeDeadlineSeconds: number | null; startTime: string | null; ranSeconds: number | null }
    >
  | Fact<'max-failed-indexes-exceeded', { failedIndexes: string; count: number; maxFailedIndexes: number | null }>
  | Fact<'failed-indexes', { failedIndexes: string; completedIndexes: string }>
  | Fact<'failure-group', { how: FailureHow; pods: string[]; message: string | null }>
  | Fact<'policy-match', PolicyMatchValues & { disruptionReason: string | null }>
  | Fact<'decisive-match', PolicyMatchValues>
  | Fact<'suspended'>
  | Fact<'deadline-paused', { activeDeadlineSeconds: number }>
  | Fact<'kueue-queued', { queue: string | null; managedBy: string | null }>
  | Fact<'managed-elsewhere', { by: string }>
  | Fact<'untouched'>
  | Fact<'job-deleting'>
  | Fact<'parallelism-zero'>
  | Fact<'pod-creations-refused', { refused: number; active: number; wants: number }>
  | Fact<
      'pod-stuck-terminating',
      {
        pod: string;
        deletedAt: string | null;
        overdueSeconds: number;
        phase: string | null;
        node: string | null;
        finalizers: string[];
      }
    >
  /** A pod that waits; `eventMessage` is what the evidence already quoted, not to be said twice. */
  | Fact<
      'pod-waiting',
      { pod: string; phase: string | null; reason: string | null; message: string | null; eventMessage: string | null }
    >
  | Fact<'pod-terminating', { pod: string; deletedAt: string | null; overdueSeconds: number; node: string | null }>
  | Fact<'ttl-deletes', { seconds: number; deletesInSeconds: number }>;

export type EvidenceCode = EvidenceFact['code'];

/** What a pod failure policy match says: the rule (its spec, for its words) and what matched. */
interface PolicyMatchValues {
  rule: number;
  action: string;
  ruleSpec: JsonObject | null;
  pod: string;
  container: string | null;
  exitCode: number | null;
  condition: string | null;
}
