// The English of explain: the analysis (plugin/explain/explain-*.ts) decides and returns facts;
// these functions only turn facts into the sentences of `explain -o json` and the text view.
export { afterFinishSentences } from './after-finish-wording.ts';
export { cronJobSentences } from './cronjob-wording.ts';
export { deadlineSentences } from './deadline-wording.ts';
export { podFailurePolicyRuleSentence, podFailurePolicySentences } from './pod-failure-policy-wording.ts';
export { podsSentences } from './pods-wording.ts';
export { retriesSentences } from './retries-wording.ts';
export { successPolicySentences, successRuleSentence, successSentences } from './success-wording.ts';
export { toWarning } from './warnings-wording.ts';
