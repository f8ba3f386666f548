// What the diagnosis decides, as data: the -o json output with codes and values where the output
// has sentences (the verdict, the evidence, the attempts' notes, why pods are gone, the
// suggestions, what each pod failure policy rule matches). wording/say-diagnosis.ts writes them.
import type { JsonObject } from '../../kubernetes/index.ts';
import type { DiagnoseOutput } from '../../schemas/generated/diagnose-output.ts';
import type { AttemptData, AttemptNote } from './attempts.ts';
import type { EvidenceFact } from './evidence-facts.ts';
import type { EvidenceGone } from './evidence-gone.ts';
import type { RecreateNote, RecreatePlan } from './recreate.ts';
import type { SuggestionFact } from './suggestion-facts.ts';
import type { VerdictFact } from './verdict-facts.ts';

// cronjob is not the Job's decision: sayDiagnosis sets it null and diagnose cronjob/NAME fills it.
type Worded =
  'verdict' | 'policyReplay' | 'attempts' | 'evidence' | 'evidenceGone' | 'suggestions' | 'recreate' | 'cronjob';

export type Decision = Omit<DiagnoseOutput, Worded> & {
  verdict: VerdictFact;
  policyReplay: PolicyReplay | null;
  attempts: { attempt: AttemptData; notes: AttemptNote[] }[];
  evidence: EvidenceFact[];
  evidenceGone: EvidenceGone | null;
  suggestions: SuggestionFact[];
  recreate: RecreatePlan | null;
};

/** Compiles only when both code lists are the same: the facts' and the schema's enum. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type EvidenceCodesMatchSchema = Assert<Same<EvidenceFact['code'], DiagnoseOutput['evidence'][number]['code']>>;
export type SuggestionCodesMatchSchema = Assert<
  Same<SuggestionFact['code'], DiagnoseOutput['suggestions'][number]['code']>
>;

export type RecreateNoteCodesMatchSchema = Assert<
  Same<RecreateNote['code'], NonNullable<DiagnoseOutput['recreate']>['notes'][number]['code']>
>;

type ReplayedRule = Omit<NonNullable<DiagnoseOutput['policyReplay']>['rules'][number], 'on'>;

/** spec.podFailurePolicy replayed over the failed pods; each rule with its spec (for its words). */
export interface PolicyReplay {
  rules: (ReplayedRule & { spec: JsonObject })[];
  unmatched: string[];
}
