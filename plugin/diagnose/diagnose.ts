// `kubectl job-x diagnose`: why a Job is in its state, the evidence, and what to change — a pure
// function of one snapshot. decide() replays the Job controller's decisions into data (codes and
// values); sayDiagnosis() writes the sentences.
import type { DiagnoseOutput } from '../../schemas/generated/diagnose-output.ts';
import type { JobSnapshot } from '../job-snapshot.ts';
import { decide } from './decide.ts';
import { sayDiagnosis } from './wording/index.ts';

export function diagnose(snapshot: JobSnapshot): DiagnoseOutput {
  return sayDiagnosis(decide(snapshot));
}
