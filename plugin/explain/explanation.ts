// The explain result is the `explain -o json` contract itself: its types are generated from
// schemas/explain-output.schema.json, so the analysis cannot drift from the schema.
export type {
  AfterFinish,
  CronJobSchedule,
  Deadline,
  Effective,
  ExplainFinding,
  ExplainOutput,
  Explanation,
  ExplanationList,
  PodFailurePolicy,
  PodFailurePolicyRule,
  Pods,
  Retries,
  Source,
  Success,
  SuccessPolicy,
  Warning,
} from '../../schemas/generated/explain-output.ts';

import type { Explanation } from '../../schemas/generated/explain-output.ts';

export type Pattern = Explanation['pattern'];
