import { toJobView, type EvaluationStage, type ResolvedPolicy } from '../../policy/index.ts';
import { has, obj, str, type JsonObject } from '../../kubernetes/index.ts';
import {
  toCreateEquivalent,
  toDefaultedFields,
  toDisplayName,
  toEffective,
  toJobSpecs,
  toLastApplied,
} from './effective-spec.ts';
import { explainAfterFinish } from './explain-after-finish.ts';
import { explainCronJob } from './explain-cronjob.ts';
import { explainDeadline } from './explain-deadline.ts';
import { explainFindings } from './explain-findings.ts';
import { explainPodFailurePolicy, hasIgnoreRule } from './explain-pod-failure-policy.ts';
import { explainPods, toPattern } from './explain-pods.ts';
import { explainRetries } from './explain-retries.ts';
import { explainSuccess, explainSuccessPolicy } from './explain-success.ts';
import { explainWarnings } from './explain-warnings.ts';
import type { Explanation, Source } from './explanation.ts';
import {
  afterFinishSentences,
  cronJobSentences,
  deadlineSentences,
  podFailurePolicyRuleSentence,
  podFailurePolicySentences,
  podsSentences,
  retriesSentences,
  successPolicySentences,
  successRuleSentence,
  successSentences,
  toWarning,
} from './wording/index.ts';

export interface ExplainContext {
  readonly policy: ResolvedPolicy;
  readonly source: Source;
}

/**
 * What one Job or CronJob will do: pure, from the object alone (a manifest as written, or the
 * object as the API server stores it). Each section is decided first (explain-*.ts: data and
 * facts, no English), then worded (wording/).
 */
export function explainObject(document: JsonObject, context: ExplainContext): Explanation {
  const live = context.source.type === 'cluster';
  const view = toJobView(live ? toCreateEquivalent(document) : document);
  // A manifest is checked as `lint` checks it. A live object is what the API server decoded,
  // defaulted, validated and stored: the lint-only rules (api-version, field-types,
  // unknown-fields) judge the text a user wrote before the server ever read it, and a stored spec
  // holds server-filled values a rule reading "as written" would take for the user's (a stored
  // backoffLimit 6 is not a choice). The admission stage is the one made for an object in the
  // server's hands: it is what the webhook runs on the same object.
  const stage: EvaluationStage = live ? 'admission' : 'lint';
  const findings = explainFindings(view, context.policy, stage);
  const specs = toJobSpecs(view);
  const effective = toEffective(specs.effective);
  const pattern = toPattern(effective);
  const { pods, facts: podsFacts } = explainPods({
    effective,
    spec: specs.effective,
    pattern,
    jobName: specs.jobName,
    uid: live ? str(obj(document, 'metadata'), 'uid') : undefined,
    kind: view.kind,
  });
  const perIndex = effective.backoffLimitPerIndex !== null && effective.completionMode === 'Indexed';
  const successPolicy = explainSuccessPolicy(specs.effective, effective.completions);
  // What the user wrote: the manifest itself; for a live object only kubectl apply's record.
  const written = live ? toLastApplied(document) : document;
  const writtenSpec = written
    ? view.kind === 'Job'
      ? obj(written, 'spec')
      : obj(obj(obj(written, 'spec'), 'jobTemplate'), 'spec')
    : undefined;
  const defaulted = toDefaulted(view.kind, live, writtenSpec, specs.written, effective);
  const name = toDisplayName(document) ?? null;
  const cronJob =
    view.kind === 'CronJob' ? explainCronJob(view.object, live ? written : document, name ?? '<name>') : null;
  const retries = explainRetries({
    effective,
    // Unknown (a live Job without kubectl apply's record): make no claim that it was defaulted.
    backoffLimitWritten: defaulted === null || !defaulted.includes('backoffLimit'),
    hasPodFailurePolicy: has(specs.effective, 'podFailurePolicy'),
    hasIgnoreRule: hasIgnoreRule(specs.effective),
  });
  const podFailurePolicy = explainPodFailurePolicy(specs.effective, perIndex);
  const afterFinish = explainAfterFinish(effective, view.kind, cronJob);
  return {
    kind: view.kind,
    name,
    namespace: view.namespace ?? null,
    source: context.source,
    rejected: findings.some((finding) => finding.origin === 'apiserver' && finding.severity === 'error'),
    pattern,
    pods: { ...pods, sentences: podsSentences(podsFacts) },
    effective,
    defaulted,
    retries: { ...retries.retries, sentences: retriesSentences(retries.facts) },
    podFailurePolicy: podFailurePolicy && {
      rules: podFailurePolicy.rules.map((rule) => ({
        ...rule,
        sentence: podFailurePolicyRuleSentence(rule, podFailurePolicy.perIndex),
      })),
      sentences: podFailurePolicySentences(podFailurePolicy),
    },
    deadline: {
      activeDeadlineSeconds: effective.activeDeadlineSeconds,
      sentences: deadlineSentences(explainDeadline(effective, specs.effective, view.kind)),
    },
    success: (({ reason, ...facts }) => ({ reason, sentences: successSentences({ reason, ...facts }) }))(
      explainSuccess(effective.completions, pattern, successPolicy),
    ),
    successPolicy: successPolicy && {
      rules: successPolicy.rules.map((rule) => ({
        index: rule.index,
        succeededIndexes: rule.succeededIndexes,
        succeededCount: rule.succeededCount,
        sentence: successRuleSentence(rule),
      })),
      sentences: successPolicySentences(successPolicy),
    },
    afterFinish: {
      ttlSecondsAfterFinished: afterFinish.ttlSecondsAfterFinished,
      sentences: afterFinishSentences(afterFinish),
    },
    cronJob:
      cronJob && (({ name: _name, ...schedule }) => ({ ...schedule, sentences: cronJobSentences(cronJob) }))(cronJob),
    warnings: explainWarnings(effective, specs.effective, pattern, pods.atOnce, view.kind).map(toWarning),
    findings,
  };
}

/**
 * Which effective fields the API server filled in. A manifest says it directly. A live Job is
 * stored defaulted: only kubectl apply's record of what was written can tell, else null. A live
 * CronJob's jobTemplate.spec is stored as written (the API server defaults only its pod template,
 * and restartPolicy there is never left to the default Always, which is rejected).
 */
function toDefaulted(
  kind: 'Job' | 'CronJob',
  live: boolean,
  writtenSpec: JsonObject | undefined,
  storedSpec: JsonObject,
  effective: Explanation['effective'],
): string[] | null {
  if (!live || writtenSpec) return toDefaultedFields(writtenSpec ?? {}, effective);
  return kind === 'CronJob' ? toDefaultedFields(storedSpec, effective) : null;
}
