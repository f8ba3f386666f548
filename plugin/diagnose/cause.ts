// The diagnosis proper: which state the Job is in, the reason, the one-line verdict and the
// evidence behind it. The order of the checks follows syncJob (job_controller.go): managedBy,
// finished, the interim FailureTarget / SuccessCriteriaMet, then what blocks a running Job.
import { valueText } from '../../kubernetes/index.ts';
import type { DiagnoseOutput } from '../../schemas/generated/diagnose-output.ts';
import { describeRule } from '../../kubernetes/index.ts';
import type { Decisions, PodAnalysis } from './attempts.ts';
import type { Blocker } from './blockers.ts';
import { latest, type EventIndex } from './events.ts';
import type { MissingPod } from './evidence-gone.ts';
import { describeFailures, failureGroups, groupDetail, groupVerb, type FailureGroup } from './failure-groups.ts';
import { trueCondition, type JobFacts } from './job-facts.ts';
import type { Retries } from './retries.ts';
import { humanDuration, secondsBetween, toMillis } from '../../kubernetes/index.ts';
import { formatIntervals, parseIndexesLenient, toIntervals } from '../../kubernetes/index.ts';
import { hasIndex } from './retries.ts';

export type State = DiagnoseOutput['state'];
export type Evidence = DiagnoseOutput['evidence'][number];
export type DecisiveMatch = NonNullable<DiagnoseOutput['podFailurePolicy']>;

export interface Context {
  facts: JobFacts;
  pods: PodAnalysis[];
  events: EventIndex;
  now: number;
  decisions: Decisions;
  retries: Retries;
  blockers: Blocker[];
  missing: MissingPod[];
}

export interface Cause {
  state: State;
  reason: string | null;
  verdict: string;
  evidence: Evidence[];
  decisive: DecisiveMatch | null;
  /** How the counted failures failed, for the verdict and the suggestions. */
  groups: FailureGroup[];
  /** BackoffLimitExceeded although this success policy rule was met (success-policy-backoff-race). */
  successPolicyRace: number | null;
}

const plural = (n: number, word: string, words = `${word}s`) => `${n} ${n === 1 ? word : words}`;

export function findCause(ctx: Context): Cause {
  const { facts } = ctx;
  const groups = failureGroups(ctx.pods, (p) => p.counted === true);
  const complete = trueCondition(facts, 'Complete');
  const failed = trueCondition(facts, 'Failed');
  const failureTarget = trueCondition(facts, 'FailureTarget');
  const successCriteria = trueCondition(facts, 'SuccessCriteriaMet');
  if (complete) return succeeded(ctx, 'Complete', complete.reason || null, groups);
  if (failed) return failedCause(ctx, 'Failed', failed.reason || null, failed.message ?? '', groups);
  if (failureTarget)
    return failedCause(ctx, 'Failing', failureTarget.reason || null, failureTarget.message ?? '', groups);
  if (successCriteria) return succeeded(ctx, 'Completing', successCriteria.reason || null, groups);
  if (facts.suspend) return suspended(ctx, groups);
  if (facts.managedElsewhereBy !== null) return managedElsewhere(ctx, groups);
  return running(ctx, groups);
}

// --- finished or finishing --------------------------------------------------------------------

function succeeded(
  ctx: Context,
  state: 'Complete' | 'Completing',
  reason: string | null,
  groups: FailureGroup[],
): Cause {
  const { facts, pods } = ctx;
  const evidence: Evidence[] = [
    ...conditionEvidence(ctx, state === 'Complete' ? ['SuccessCriteriaMet', 'Complete'] : ['SuccessCriteriaMet']),
  ];
  const attempts = pods.length + ctx.missing.length;
  const failures = pods.filter((p) => p.failed && !p.stoppedAfterSuccess);
  const ignored = failures.filter((p) => p.counted === false && p.match?.action === 'Ignore');
  let what: string;
  if (reason === 'SuccessPolicy') {
    const rule = /Matched rules at index (\d+)/.exec(trueCondition(facts, 'SuccessCriteriaMet')?.message ?? '')?.[1];
    const n = facts.status.succeeded;
    what = `success policy rule ${rule ?? '?'} met (${facts.indexed && n > 0 ? `${n === 1 ? 'index' : 'indexes'} ${shortIndexes(facts.status.completedIndexes ?? '')} succeeded` : `${n} succeeded`})`;
    if (rule !== undefined) {
      const spec = facts.successPolicyRules?.[Number(rule)];
      if (spec) {
        evidence.push({
          kind: 'spec',
          message: `successPolicy.rules[${rule}]: ${[spec.succeededIndexes !== undefined ? `succeededIndexes ${valueText(spec.succeededIndexes)}` : '', spec.succeededCount !== undefined ? `succeededCount ${valueText(spec.succeededCount)}` : ''].filter(Boolean).join(', ')}; completedIndexes ${facts.status.completedIndexes || '""'}.`,
          object: `job/${facts.name}`,
          at: null,
        });
      }
    }
  } else {
    what =
      facts.completions === null
        ? `${facts.status.succeeded} succeeded (work queue)`
        : `${facts.status.succeeded}/${facts.completions} completions`;
  }
  const retried: string[] = [];
  if (facts.status.failed > 0) retried.push(`${plural(facts.status.failed, 'attempt')} failed`);
  if (ignored.length > 0) retried.push(ignoredWords(ignored));
  if (facts.restartPolicy === 'OnFailure') {
    const restarts = pods.reduce((n, p) => n + p.attempt.restarts, 0);
    if (restarts > 0) retried.push(`${plural(restarts, 'container restart')}`);
  }
  let verdict: string;
  if (state === 'Complete') {
    verdict =
      retried.length === 0 && reason !== 'SuccessPolicy'
        ? `Complete: nothing wrong — ${what} after ${plural(attempts, 'attempt')}`
        : `Complete: ${what} after ${plural(attempts, 'attempt')}${retried.length > 0 ? `; ${retried.join(', ')}` : ''}`;
  } else {
    verdict = `Completing: ${what}; ${waitingForTermination(ctx)}`;
    evidence.push(...terminatingEvidence(ctx));
  }
  for (const pod of ignored) evidence.push(policyEvidence(ctx, pod));
  const tooMany = latest(ctx.events.job, 'TooManySucceededPods');
  if (tooMany) evidence.push(eventEvidence(tooMany, `job/${facts.name}`));
  return { state, reason, verdict, evidence, decisive: null, groups, successPolicyRace: null };
}

function failedCause(
  ctx: Context,
  state: 'Failed' | 'Failing',
  reason: string | null,
  message: string,
  groups: FailureGroup[],
): Cause {
  const evidence: Evidence[] = [
    ...conditionEvidence(ctx, state === 'Failed' ? ['FailureTarget', 'Failed'] : ['FailureTarget']),
  ];
  let decisive: DecisiveMatch | null = null;
  let why: string;
  switch (reason) {
    case 'BackoffLimitExceeded':
      why = backoffLimitExceeded(ctx, groups, evidence);
      break;
    case 'DeadlineExceeded':
      why = deadlineExceeded(ctx, evidence);
      break;
    case 'PodFailurePolicy': {
      decisive = decisiveFailJob(ctx, message);
      why = decisive ? describeDecisive(ctx, decisive) : `the pod failure policy failed the Job: ${message}`;
      if (decisive) {
        evidence.push({
          kind: 'policy',
          message: `podFailurePolicy.rules[${decisive.matchedRule}] (${decisive.action} on ${ruleWords(ctx, decisive.matchedRule)}) matched pod ${decisive.pod}${decisive.exitCode !== null ? `: ${decisive.container} exited ${decisive.exitCode}` : `: condition ${decisive.condition}`}.`,
          object: `pod/${decisive.pod}`,
          at: null,
        });
      }
      break;
    }
    case 'MaxFailedIndexesExceeded':
    case 'FailedIndexes':
      decisive = decisiveFailIndex(ctx);
      why = failedIndexes(ctx, reason, groups, evidence);
      break;
    default:
      why = message || 'the controller gave no reason';
  }
  for (const pod of ctx.pods.filter((p) => p.failed && p.match?.action === 'Ignore'))
    evidence.push(policyEvidence(ctx, pod));
  const label = state === 'Failed' ? 'Failed' : 'Failing';
  const verdict = state === 'Failing' ? `${label}: ${why}; ${waitingForTermination(ctx)}` : `${label}: ${why}`;
  if (state === 'Failing') evidence.push(...terminatingEvidence(ctx));
  return {
    state,
    reason,
    verdict,
    evidence,
    decisive,
    groups,
    successPolicyRace: reason === 'BackoffLimitExceeded' ? successPolicyWouldHaveMatched(ctx) : null,
  };
}

function backoffLimitExceeded(ctx: Context, groups: FailureGroup[], evidence: Evidence[]): string {
  const { facts, retries } = ctx;
  const counted = facts.status.failed;
  if (facts.restartPolicy === 'OnFailure' && counted <= facts.backoffLimit) {
    // pastBackoffLimitOnFailure: the restarts of active pods reached the limit.
    const present = ctx.pods.filter((p) => p.attempt.restarts > 0);
    const gone = ctx.missing.filter((m) => m.restarts > 0);
    const restarts = present.reduce((n, p) => n + p.attempt.restarts, 0) + gone.reduce((n, m) => n + m.restarts, 0);
    const last = present.map((p) => p.attempt.lastTermination).find((t) => t !== null);
    const container =
      last?.container ??
      (gone.length > 0 ? /failed container (\S+)/.exec(gone[0]!.lastEvent?.message ?? '')?.[1] : undefined);
    for (const m of gone) {
      const backOff = ctx.events.byPod
        .get(m.pod)
        ?.filter((e) => e.reason === 'BackOff')
        .at(-1);
      if (backOff) evidence.push(eventEvidence(backOff, `pod/${m.pod}`));
    }
    evidence.push({
      kind: 'status',
      message: `restartPolicy OnFailure: the controller counts container restarts of active pods against backoffLimit ${facts.backoffLimit} and fails the Job when they reach it${restarts > 0 ? ` (${plural(restarts, 'restart')} seen)` : ''}.`,
      object: `job/${facts.name}`,
      at: null,
    });
    return `backoffLimit ${facts.backoffLimit} reached by container restarts — restartPolicy OnFailure restarted ${container ? `container ${container}` : 'the container'} ${restarts > 0 ? `${plural(restarts, 'time')} ` : ''}in place${last ? ` (last exit ${last.exitCode ?? '?'}${last.reason ? ` ${last.reason}` : ''})` : ''}`;
  }
  evidence.push({
    kind: 'status',
    message: `status.failed ${counted} > spec.backoffLimit ${facts.backoffLimit}: the controller fails the Job once more failures are counted than backoffLimit allows.`,
    object: `job/${facts.name}`,
    at: null,
  });
  for (const group of groups) evidence.push(groupEvidence(group));
  const present = groups.reduce((n, g) => n + g.pods.length, 0);
  const ignored = retries.ignored;
  let failures = describeFailures(groups, present);
  if (present < counted)
    failures += `${present > 0 ? '; ' : ''}${plural(counted - present, 'counted failure')} left no pod`;
  if (ignored > 0) failures += `; ${ignoredWords(ctx.pods.filter((p) => p.failed && p.match?.action === 'Ignore'))}`;
  const race = successPolicyWouldHaveMatched(ctx);
  if (race !== null) {
    failures += `; ${facts.status.succeeded === 1 ? `index ${shortIndexes(facts.status.completedIndexes ?? '')}` : `indexes ${shortIndexes(facts.status.completedIndexes ?? '')}`} also met success policy rule ${race}, but backoffLimit is checked first`;
    evidence.push({
      kind: 'status',
      message: `completedIndexes ${shortIndexes(facts.status.completedIndexes ?? '', 60)} meets successPolicy.rules[${race}], but the controller checks backoffLimit before the success policy; the failures landed in the same sync.`,
      object: `job/${facts.name}`,
      at: null,
    });
  }
  return `backoffLimit ${facts.backoffLimit} exceeded — ${plural(counted, 'failure')} counted; ${failures}`;
}

function deadlineExceeded(ctx: Context, evidence: Evidence[]): string {
  const { facts } = ctx;
  const start = facts.status.startTime;
  const decided = ctx.decisions.failedAt;
  const ran = start !== null && decided !== undefined ? humanDuration(secondsBetween(start, decided)) : undefined;
  evidence.push({
    kind: 'status',
    message: `spec.activeDeadlineSeconds ${facts.activeDeadlineSeconds ?? '?'} counted from status.startTime ${facts.status.startTimeText ?? '(unset)'}${ran ? `; the controller failed the Job ${ran} later` : ''}.`,
    object: `job/${facts.name}`,
    at: facts.status.startTimeText,
  });
  const killed =
    ctx.pods.filter((p) => p.stoppedByJobFailure).length +
    ctx.missing.filter(
      (m) => m.deletedBy === 'job-controller' && decided !== undefined && (m.deletedAtMs ?? 0) >= decided - 1000,
    ).length;
  const waiting = ctx.pods.filter((p) => p.attempt.phase === 'Pending' && !p.attempt.startedAt).length;
  const progress =
    facts.completions === null
      ? `${facts.status.succeeded} succeeded`
      : `${facts.status.succeeded}/${facts.completions} completions`;
  const parts = [`ran ${ran ?? 'past it'}, ${progress}`];
  if (killed > 0) parts.push(`the controller killed ${plural(killed, 'running pod')}`);
  if (waiting > 0) parts.push(`${plural(waiting, 'pod')} never started`);
  return `activeDeadlineSeconds ${facts.activeDeadlineSeconds ?? '?'} exceeded — the Job ${parts.join('; ')}`;
}

function failedIndexes(ctx: Context, reason: string, groups: FailureGroup[], evidence: Evidence[]): string {
  const { facts, retries } = ctx;
  const perIndex = retries.perIndex;
  const failedText = facts.status.failedIndexes ?? '';
  const count = perIndex?.failedIndexCount ?? 0;
  const failedSet = parseIndexesLenient(failedText, facts.completions ?? 0);
  const failedGroups = failureGroups(
    ctx.pods,
    (p) => p.counted === true && p.index !== null && hasIndex(failedSet, p.index),
  );
  const one = failedGroups.length === 1 ? failedGroups[0]! : undefined;
  const how = one
    ? `, ${one.pods.length === 1 ? '' : reason === 'MaxFailedIndexesExceeded' ? 'all ' : 'each '}${one.label}${groupDetail({ ...one, kind: 'exit' })}`
    : '';
  evidence.push({
    kind: 'status',
    message:
      reason === 'MaxFailedIndexesExceeded'
        ? `status.failedIndexes ${shortIndexes(failedText, 60)} (${count}) > spec.maxFailedIndexes ${facts.maxFailedIndexes ?? '?'}.`
        : `status.failedIndexes ${shortIndexes(failedText, 60)}; every other index succeeded (completedIndexes ${shortIndexes(facts.status.completedIndexes ?? '', 60) || '""'}), so the Job cannot complete.`,
    object: `job/${facts.name}`,
    at: null,
  });
  for (const group of failedGroups) evidence.push(groupEvidence(group));
  void groups;
  const limit = facts.backoffLimitPerIndex ?? 0;
  const tries = `${limit + 1 === 1 ? 'its only attempt' : `all ${limit + 1} attempts`} (backoffLimitPerIndex ${limit})${how}`;
  if (reason === 'MaxFailedIndexesExceeded') {
    return `${plural(count, 'index', 'indexes')} failed (${shortIndexes(failedText)}), more than maxFailedIndexes ${facts.maxFailedIndexes ?? '?'} — each failed ${tries}`;
  }
  const succeededCount = facts.status.succeeded;
  return `${count === 1 ? `index ${shortIndexes(failedText)}` : `indexes ${shortIndexes(failedText)}`} failed ${tries}; ${succeededCount > 0 ? `${succeededCount === 1 ? 'index' : 'indexes'} ${shortIndexes(facts.status.completedIndexes ?? '')} succeeded` : 'no index succeeded'}`;
}

// --- not finished -----------------------------------------------------------------------------

function suspended(ctx: Context, groups: FailureGroup[]): Cause {
  const { facts } = ctx;
  const condition = facts.conditions.find((c) => c.type === 'Suspended' && c.status === 'True');
  const since = toMillis(condition?.lastTransitionTime);
  const evidence: Evidence[] = [...conditionEvidence(ctx, ['Suspended'])];
  evidence.push({
    kind: 'spec',
    message:
      'spec.suspend is true: the controller creates no pods and deletes the active ones (not counted as failures).',
    object: `job/${facts.name}`,
    at: null,
  });
  const terminating = ctx.pods.filter((p) => p.terminating).length;
  if (facts.activeDeadlineSeconds !== null) {
    evidence.push({
      kind: 'spec',
      message: `activeDeadlineSeconds ${facts.activeDeadlineSeconds} does not run while suspended; it restarts when the Job resumes (startTime is reset).`,
      object: `job/${facts.name}`,
      at: null,
    });
  }
  const forHow = since !== undefined ? ` for ${humanDuration(secondsBetween(since, ctx.now))}` : '';
  let verdict: string;
  if (facts.kueueManaged) {
    const queue = facts.kueueQueue;
    evidence.push({
      kind: 'spec',
      message: queue
        ? `label kueue.x-k8s.io/queue-name=${queue}: Kueue keeps the Job suspended until its Workload is admitted (quota in the ClusterQueue behind LocalQueue ${queue}), then resumes it.`
        : `spec.managedBy ${facts.managedElsewhereBy}: Kueue keeps the Job suspended until its Workload is admitted, then resumes it.`,
      object: `job/${facts.name}`,
      at: null,
    });
    verdict = `Suspended${forHow}: queued in Kueue${queue ? ` LocalQueue ${queue}` : ''}, waiting for admission — Kueue resumes it`;
  } else {
    verdict = `Suspended${forHow}: no pods run until spec.suspend is false`;
  }
  if (terminating > 0) verdict += `; ${plural(terminating, 'pod')} still terminating`;
  return {
    state: 'Suspended',
    reason: 'JobSuspended',
    verdict,
    evidence,
    decisive: null,
    groups,
    successPolicyRace: null,
  };
}

function managedElsewhere(ctx: Context, groups: FailureGroup[]): Cause {
  const { facts } = ctx;
  const by = facts.managedElsewhereBy!;
  const untouched = facts.status.startTime === null && ctx.pods.length === 0 && facts.conditions.length === 0;
  const evidence: Evidence[] = [
    {
      kind: 'spec',
      message: `spec.managedBy is ${by}: the built-in Job controller skips this Job (managedByExternalController); only ${by} creates its pods and writes its status.`,
      object: `job/${facts.name}`,
      at: null,
    },
  ];
  if (untouched) {
    evidence.push({
      kind: 'status',
      message: 'The Job has no status, no pods and no events: nothing has acted on it.',
      object: `job/${facts.name}`,
      at: null,
    });
    return {
      state: 'Stuck',
      reason: 'ManagedElsewhere',
      verdict: `Stuck: spec.managedBy is ${by} — the built-in Job controller ignores this Job, and nothing has acted on it${ageWords(ctx)}`,
      evidence,
      decisive: null,
      groups,
      successPolicyRace: null,
    };
  }
  return {
    state: 'Running',
    reason: 'ManagedElsewhere',
    verdict: `Running under ${by} (spec.managedBy) — ${progressWords(ctx)}; the built-in Job controller does not manage it`,
    evidence,
    decisive: null,
    groups,
    successPolicyRace: null,
  };
}

function running(ctx: Context, groups: FailureGroup[]): Cause {
  const { facts, pods } = ctx;
  const evidence: Evidence[] = [];
  const runningPods = pods.filter((p) => p.active && p.attempt.phase === 'Running');
  const blocker = ctx.blockers[0];
  if (facts.deleting)
    evidence.push({
      kind: 'status',
      message: 'The Job is being deleted (metadata.deletionTimestamp is set).',
      object: `job/${facts.name}`,
      at: null,
    });
  if (blocker) {
    for (const b of ctx.blockers) evidence.push(...blockerEvidence(ctx, b));
    const stuck = runningPods.length === 0;
    const words = blockerWords(ctx, blocker);
    const verdict = stuck ? `Stuck: ${words}` : `Running: ${progressWords(ctx)}; but ${words}`;
    return {
      state: stuck ? 'Stuck' : 'Running',
      reason: blocker.reason,
      verdict,
      evidence,
      decisive: null,
      groups,
      successPolicyRace: null,
    };
  }
  const next = ctx.retries.nextRetryInSeconds;
  const failuresWords = runningFailures(ctx, groups);
  evidence.push(...groups.map(groupEvidence));
  if (next !== null && next > 0 && !pods.some((p) => p.active)) {
    return {
      state: 'Running',
      reason: 'WaitingForBackoff',
      verdict: `Running: waiting ${humanDuration(next)} before the next attempt (failure backoff after ${plural(ctx.retries.failuresSinceLastSuccess, 'failure')}); ${failuresWords || progressWords(ctx)}`,
      evidence,
      decisive: null,
      groups,
      successPolicyRace: null,
    };
  }
  const retrying = facts.status.failed > 0 || (ctx.retries.restartsCounted ?? 0) > 0;
  return {
    state: 'Running',
    reason: retrying ? 'Retrying' : null,
    verdict: `Running: ${progressWords(ctx)}${failuresWords ? `; ${failuresWords}` : ''}`,
    evidence,
    decisive: null,
    groups,
    successPolicyRace: null,
  };
}

function runningFailures(ctx: Context, groups: FailureGroup[]): string {
  const { facts, retries } = ctx;
  const parts: string[] = [];
  if (retries.restartsCounted !== null && retries.restartsCounted > 0) {
    const last = ctx.pods.map((p) => p.attempt.lastTermination).find((t) => t !== null);
    parts.push(
      `${last ? `container ${last.container} ` : ''}restarted ${plural(retries.restartsCounted, 'time')}${last ? ` (last exit ${last.exitCode ?? '?'}${last.reason ? ` ${last.reason}` : ''})` : ''}, ${retries.restartsCounted} of backoffLimit ${facts.backoffLimit} used`,
    );
  }
  if (retries.perIndex) {
    if (retries.perIndex.failedIndexCount > 0)
      parts.push(
        `${plural(retries.perIndex.failedIndexCount, 'index', 'indexes')} failed (${shortIndexes(retries.perIndex.failedIndexes)})`,
      );
    const retryingIndexes = retries.perIndex.indexes.filter((i) => !i.failed && i.counted > 0);
    if (retryingIndexes.length > 0) {
      parts.push(
        `${plural(retryingIndexes.length, 'index', 'indexes')} retried (${shortIndexes(formatIntervals(toIntervals(retryingIndexes.map((i) => i.index))))})`,
      );
    }
  } else if (facts.status.failed > 0) {
    const present = groups.reduce((n, g) => n + g.pods.length, 0);
    parts.push(
      `${facts.status.failed} of backoffLimit ${facts.backoffLimit} failures used${present > 0 ? ` (${describeFailures(groups, present)})` : ''}`,
    );
  }
  return parts.join('; ');
}

// --- words ------------------------------------------------------------------------------------

function progressWords(ctx: Context): string {
  const { facts, pods } = ctx;
  const active = pods.filter((p) => p.active).length;
  const ready = pods.filter(
    (p) => p.active && p.raw.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
  ).length;
  const parts: string[] = [];
  if (facts.indexed && facts.completions !== null) {
    parts.push(
      `${facts.status.succeeded}/${facts.completions} indexes succeeded${facts.status.completedIndexes ? ` (${shortIndexes(facts.status.completedIndexes)})` : ''}`,
    );
  } else if (facts.completions !== null) {
    parts.push(`${facts.status.succeeded}/${facts.completions} completions`);
  } else {
    parts.push(`${facts.status.succeeded} succeeded (work queue)`);
  }
  parts.push(`${plural(active, 'pod')} active${active > 0 ? ` (${ready} ready)` : ''}`);
  const terminating = pods.filter((p) => p.terminating).length;
  if (terminating > 0)
    parts.push(
      `${terminating} terminating${facts.onlyReplaceFailedPods ? ` (podReplacementPolicy ${facts.podReplacementPolicy}: no replacement until ${terminating === 1 ? 'it has' : 'they have'} finished)` : ''}`,
    );
  const deadline = facts.activeDeadlineSeconds;
  if (
    deadline !== null &&
    facts.status.startTime !== null &&
    !facts.suspend &&
    ctx.decisions.failedAt === undefined &&
    ctx.decisions.succeededAt === undefined
  ) {
    const left = deadline - secondsBetween(facts.status.startTime, ctx.now);
    parts.push(
      left > 0
        ? `activeDeadlineSeconds ends it in ${humanDuration(left)}`
        : 'past activeDeadlineSeconds (the controller fails it at its next sync)',
    );
  }
  return parts.join(', ');
}

/** `1 disruption ignored by pod failure policy rule 1`, `3 failures ignored by pod failure policy rules 0, 2`. */
function ignoredWords(pods: readonly PodAnalysis[]): string {
  const noun = pods.every((p) => p.attempt.disruption !== null) ? 'disruption' : 'failure';
  const rules = [...new Set(pods.map((p) => p.match?.rule))].filter((r) => r !== undefined);
  return `${plural(pods.length, noun)} ignored by pod failure policy ${rules.length === 1 ? 'rule' : 'rules'} ${rules.join(', ')}`;
}

function blockerWords(ctx: Context, blocker: Blocker): string {
  const { facts } = ctx;
  const who = blocker.pods.length === 1 ? `pod ${blocker.pods[0]!.name}` : `${blocker.pods.length} pods`;
  const quote = blocker.message ? ` — ${oneLine(blocker.message)}` : '';
  switch (blocker.reason) {
    case 'ParallelismZero':
      return `spec.parallelism is 0 — the controller creates no pods (${facts.completions === null ? `${facts.status.succeeded} succeeded` : `${facts.status.succeeded}/${facts.completions} completions`})`;
    case 'PodCreationFailing':
      return `the API server refuses the Job's pods${quote}`;
    case 'PodsUnschedulable':
      return `${who} cannot be scheduled${quote}`;
    case 'PodsSchedulingGated':
      return `${who} wait${blocker.pods.length === 1 ? 's' : ''} for scheduling gates nobody removes${quote}`;
    case 'PodsNotScheduled':
      return `${who} never scheduled — ${blocker.message ?? ''}`;
    case 'PodsNotStarting':
      return `${who} not started — ${blocker.message ?? ''}`;
    case 'ImagePullFailing': {
      const short = /: ([^:]{1,40})$/.exec(oneLine(blocker.message ?? ''))?.[1];
      return `image ${blocker.image ?? '?'} cannot be pulled${short ? ` (${short})` : ''} — ${blocker.container ? `container ${blocker.container} of ` : ''}${who} waits in ${blocker.pods[0]?.attempt.reason ?? 'ErrImagePull'}, and a pod that never starts never fails`;
    }
    case 'ContainerConfigError':
      return `container ${blocker.container ?? '?'} of ${who} cannot be created (${blocker.pods[0]?.attempt.reason ?? ''})${quote}`;
    case 'VolumeMountFailing':
      return `${who} cannot mount ${blocker.pods.length === 1 ? 'its' : 'their'} volumes${quote}`;
    case 'PodsStuckTerminating': {
      const worst = Math.max(...blocker.pods.map((p) => p.overdueSeconds));
      const waits = facts.onlyReplaceFailedPods
        ? `podReplacementPolicy ${facts.podReplacementPolicy} waits for ${blocker.pods.length === 1 ? 'it' : 'them'} to finish before creating ${blocker.pods.length === 1 ? 'a replacement' : 'replacements'}`
        : 'no other pod runs';
      return `${who} still terminating ${humanDuration(worst)} after ${blocker.pods.length === 1 ? 'its' : 'their'} grace period ended; ${waits}`;
    }
  }
}

/** `waiting for 1 pod to terminate (pi-1-x, 4s past its grace period)`. */
function waitingForTermination(ctx: Context): string {
  const terminating = ctx.pods.filter((p) => p.terminating);
  const count = Math.max(terminating.length, ctx.facts.status.terminating);
  if (count === 0) return 'the terminal condition follows once uncounted pods are counted';
  const worst = terminating.reduce<PodAnalysis | undefined>(
    (a, p) => (!a || p.overdueSeconds > a.overdueSeconds ? p : a),
    undefined,
  );
  const detail = worst
    ? ` (${worst.name}${worst.overdueSeconds > 0 ? `, ${humanDuration(worst.overdueSeconds)} past its grace period` : ''})`
    : '';
  return `waiting for ${plural(count, 'pod')} to terminate${detail}`;
}

function describeDecisive(ctx: Context, decisive: DecisiveMatch): string {
  const pod = ctx.pods.find((p) => p.name === decisive.pod);
  const what =
    decisive.exitCode !== null
      ? `${pod?.match?.initContainer ? 'init container' : 'container'} ${decisive.container} exited ${decisive.exitCode}${pod?.attempt.reason && pod.attempt.reason !== 'Error' ? ` (${pod.attempt.reason})` : ''}`
      : `it has condition ${decisive.condition}${pod?.attempt.disruption?.reason ? ` (${pod.attempt.disruption.reason})` : ''}`;
  return `pod failure policy rule ${decisive.matchedRule} (${decisive.action}) matched pod ${decisive.pod}: ${what}`;
}

function ruleWords(ctx: Context, rule: number): string {
  const spec = ctx.facts.podFailurePolicyRules?.[rule];
  return spec ? describeRule(spec) : '?';
}

function ageWords(ctx: Context): string {
  const created = toMillis(ctx.facts.createdAt);
  return created !== undefined ? ` in ${humanDuration(secondsBetween(created, ctx.now))}` : '';
}

/** An interval string, cut at a comma when long (`0-3,7,9,…`). */
function shortIndexes(text: string, max = 30): string {
  if (text.length <= max) return text;
  const cut = text.lastIndexOf(',', max);
  return `${text.slice(0, cut > 0 ? cut : max)},…`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Whether two messages end with the same 40 characters (the registry's or scheduler's own words). */
function shareTail(a: string, b: string): boolean {
  return a.length >= 40 && b.length >= 40 && a.slice(-40) === b.slice(-40);
}

/** Ends the text with exactly one period (Kubernetes messages often bring their own). */
function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

// --- the decisive pod failure policy match ------------------------------------------------------

const FAIL_JOB_EXIT =
  /^Container (\S+) for pod ([^/\s]+)\/(\S+) failed with exit code (-?\d+) matching (\w+) rule at index (\d+)$/;
const FAIL_JOB_CONDITION = /^Pod ([^/\s]+)\/(\S+) has condition (\S+) matching (\w+) rule at index (\d+)$/;

/**
 * The FailJob match named in the Job's condition (getFailJobMessage picks the first matching pod
 * in the informer's order, which a snapshot cannot reproduce, so the condition is the truth); the
 * replay confirms it and supplies it when the message cannot be read.
 */
function decisiveFailJob(ctx: Context, message: string): DecisiveMatch | null {
  const byExit = FAIL_JOB_EXIT.exec(message);
  const byCondition = FAIL_JOB_CONDITION.exec(message);
  if (byExit) {
    return {
      matchedRule: Number(byExit[6]),
      action: 'FailJob',
      pod: byExit[3]!,
      container: byExit[1]!,
      exitCode: Number(byExit[4]),
      condition: null,
      message,
    };
  }
  if (byCondition) {
    return {
      matchedRule: Number(byCondition[5]),
      action: 'FailJob',
      pod: byCondition[2]!,
      container: null,
      exitCode: null,
      condition: byCondition[3]!,
      message,
    };
  }
  const first = [...ctx.pods]
    .filter((p) => p.match?.action === 'FailJob')
    .sort((a, b) => (a.finishedMs ?? 0) - (b.finishedMs ?? 0))[0];
  return first?.match ? toDecisive(first) : null;
}

/** For FailedIndexes / MaxFailedIndexesExceeded: the first FailIndex match, if a rule failed an index. */
function decisiveFailIndex(ctx: Context): DecisiveMatch | null {
  const first = [...ctx.pods]
    .filter((p) => p.match?.action === 'FailIndex')
    .sort((a, b) => (a.finishedMs ?? 0) - (b.finishedMs ?? 0))[0];
  return first?.match ? toDecisive(first) : null;
}

function toDecisive(pod: PodAnalysis): DecisiveMatch {
  const match = pod.match!;
  return {
    matchedRule: match.rule,
    action: match.action,
    pod: pod.name,
    container: match.container,
    exitCode: match.exitCode,
    condition: match.condition,
    message: match.message,
  };
}

/** success-policy-backoff-race: the success policy would have held, had backoffLimit not come first. */
function successPolicyWouldHaveMatched(ctx: Context): number | null {
  const { facts } = ctx;
  if (!facts.indexed || !facts.successPolicyRules || facts.completions === null) return null;
  const succeeded = parseIndexesLenient(facts.status.completedIndexes ?? '', facts.completions);
  const total = succeeded.reduce((n, i) => n + i.last - i.first + 1, 0);
  if (total === 0) return null;
  for (const [index, rule] of facts.successPolicyRules.entries()) {
    const count = typeof rule.succeededCount === 'number' ? rule.succeededCount : undefined;
    if (typeof rule.succeededIndexes === 'string') {
      const wanted = parseIndexesLenient(rule.succeededIndexes, facts.completions);
      if (wanted.length === 0) continue;
      let contains = 0;
      let need = 0;
      for (const w of wanted) {
        need += w.last - w.first + 1;
        for (let i = w.first; i <= w.last; i++) if (hasIndex(succeeded, i)) contains++;
      }
      if (contains === need || (count !== undefined && contains >= count)) return index;
    } else if (count !== undefined && total >= count) {
      return index;
    }
  }
  return null;
}

// --- evidence ---------------------------------------------------------------------------------

function conditionEvidence(ctx: Context, types: string[]): Evidence[] {
  const conditions = ctx.facts.conditions.filter((c) => types.includes(c.type ?? '') && c.status === 'True');
  const out: Evidence[] = [];
  // FailureTarget → Failed and SuccessCriteriaMet → Complete carry the same reason and message.
  for (const [i, c] of conditions.entries()) {
    const previous = conditions[i - 1];
    const detail = `${c.reason ? ` (${c.reason})` : ''}${c.message ? `: ${c.message}` : ''}`;
    if (previous && previous.reason === c.reason && previous.message === c.message) {
      const last = out.at(-1)!;
      last.message = `${previous.type}=True → ${c.type}=True${detail}`;
      last.at = c.lastTransitionTime ?? last.at;
      continue;
    }
    out.push({
      kind: 'condition',
      message: `${c.type}=True${detail}`,
      object: `job/${ctx.facts.name}`,
      at: c.lastTransitionTime ?? null,
    });
  }
  return out;
}

function groupEvidence(group: FailureGroup): Evidence {
  const first = group.pods[0]!;
  const names = group.pods.map((p) => p.name);
  const shown = names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
  const message = first.attempt.message ? `: ${oneLine(first.attempt.message)}` : '';
  return {
    kind: 'pod',
    message: sentence(
      `${names.length === 1 ? 'Pod' : `${names.length} pods`} ${shown} ${groupVerb(group, names.length > 1)}${groupDetail(group)}${message}`,
    ),
    object: `pod/${first.name}`,
    at: first.attempt.finishedAt,
  };
}

function policyEvidence(ctx: Context, pod: PodAnalysis): Evidence {
  const match = pod.match!;
  return {
    kind: 'policy',
    message: `podFailurePolicy.rules[${match.rule}] (${match.action} on ${ruleWords(ctx, match.rule)}) matched pod ${pod.name}${match.condition ? ` (${match.condition}${pod.attempt.disruption?.reason ? ` ${pod.attempt.disruption.reason}` : ''})` : match.exitCode !== null ? ` (${match.container} exit ${match.exitCode})` : ''}: ${match.action === 'Ignore' ? 'not counted' : match.action === 'Count' ? 'counted' : match.action === 'FailIndex' ? 'its index failed' : 'the Job failed'}.`,
    object: `pod/${pod.name}`,
    at: pod.attempt.finishedAt,
  };
}

function eventEvidence(
  event: { reason: string; message: string; at: string | null; count: number; type: string },
  object: string,
): Evidence {
  return {
    kind: 'event',
    message: `${event.type} ${event.reason}${event.count > 1 ? ` (×${event.count})` : ''}: ${oneLine(event.message)}`,
    object,
    at: event.at,
  };
}

function blockerEvidence(ctx: Context, blocker: Blocker): Evidence[] {
  const out: Evidence[] = [];
  if (blocker.event)
    out.push(
      eventEvidence(
        blocker.event,
        blocker.event.kind === 'Job' ? `job/${ctx.facts.name}` : `pod/${blocker.event.name ?? ''}`,
      ),
    );
  if (blocker.reason === 'ParallelismZero') {
    out.push({
      kind: 'spec',
      message: 'spec.parallelism 0: manageJob wants no active pods, so nothing runs until parallelism is raised.',
      object: `job/${ctx.facts.name}`,
      at: null,
    });
  }
  if (blocker.reason === 'PodCreationFailing') {
    const failures = ctx.events.job.filter((e) => e.reason === 'FailedCreate').reduce((n, e) => n + e.count, 0);
    out.push({
      kind: 'status',
      message: `${plural(failures, 'pod creation')} refused; status.active ${ctx.facts.status.active}, the Job wants ${Math.min(ctx.facts.parallelism, (ctx.facts.completions ?? ctx.facts.parallelism) - ctx.facts.status.succeeded)}.`,
      object: `job/${ctx.facts.name}`,
      at: null,
    });
  }
  for (const pod of blocker.pods.slice(0, 3)) {
    if (blocker.reason === 'PodsStuckTerminating') {
      const finalizers = ((pod.raw.metadata.finalizers as string[] | undefined) ?? []).join(', ');
      out.push({
        kind: 'pod',
        message: `Pod ${pod.name}: deletionTimestamp ${pod.attempt.deletedAt} passed ${humanDuration(pod.overdueSeconds)} ago, phase ${pod.attempt.phase ?? '?'}${pod.attempt.node ? `, node ${pod.attempt.node}` : ', not scheduled'}${finalizers ? `, finalizers ${finalizers}` : ''}; no kubelet has confirmed its end.`,
        object: `pod/${pod.name}`,
        at: pod.attempt.deletedAt,
      });
    } else if (blocker.reason !== 'ParallelismZero' && blocker.reason !== 'PodCreationFailing') {
      // The pod's own message often repeats the event's; say it once.
      const message = pod.attempt.message ? oneLine(pod.attempt.message) : '';
      const said = blocker.event ? oneLine(blocker.event.message) : '';
      const repeat =
        message !== '' && said !== '' && (message.includes(said) || said.includes(message) || shareTail(message, said));
      out.push({
        kind: 'pod',
        message: sentence(
          `Pod ${pod.name}: ${pod.attempt.phase ?? '?'}, ${pod.attempt.reason ?? 'waiting'}${message && !repeat ? `: ${message}` : ''}`,
        ),
        object: `pod/${pod.name}`,
        at: pod.attempt.createdAt,
      });
    }
  }
  return out;
}

function terminatingEvidence(ctx: Context): Evidence[] {
  return ctx.pods
    .filter((p) => p.terminating)
    .slice(0, 3)
    .map((pod) => ({
      kind: 'pod' as const,
      message: `Pod ${pod.name} is terminating (deletionTimestamp ${pod.attempt.deletedAt}${pod.overdueSeconds > 0 ? `, ${humanDuration(pod.overdueSeconds)} ago` : ''}${pod.attempt.node ? `, node ${pod.attempt.node}` : ''}): the controller sets the terminal condition only once no pod is terminating.`,
      object: `pod/${pod.name}`,
      at: pod.attempt.deletedAt,
    }));
}
