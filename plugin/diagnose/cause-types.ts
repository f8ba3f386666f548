// What the diagnosis decides about the Job as a whole: the types the cause-* deciders share.
import type { DiagnoseOutput } from '../../schemas/generated/diagnose-output.ts';
import type { EvidenceFact } from './evidence-facts.ts';
import type { FailureGroup } from './failure-groups.ts';
import type { VerdictFact } from './verdict-facts.ts';

export type State = DiagnoseOutput['state'];
export type DecisiveMatch = NonNullable<DiagnoseOutput['podFailurePolicy']>;

export interface Cause {
  state: State;
  reason: string | null;
  verdict: VerdictFact;
  evidence: EvidenceFact[];
  decisive: DecisiveMatch | null;
  /** How the counted failures failed, for the suggestions. */
  groups: FailureGroup[];
  /** BackoffLimitExceeded although this success policy rule was met (success-policy-backoff-race). */
  successPolicyRace: number | null;
}
