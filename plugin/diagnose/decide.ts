// The diagnosis of one snapshot as data: the state, the reason, the evidence and the suggestions,
// by replaying the Kubernetes 1.36 Job controller's decisions (pkg/controller/job: syncJob,
// matchPodFailurePolicy, trackJobStatusAndRemoveFinalizers, backoff_utils.go, indexed_job_utils.go).
import type { DiagnoseOutput } from '../../schemas/generated/diagnose-output.ts';
import type { JobSnapshot, LogTail } from '../job-snapshot.ts';
import { analyzePods, decisionsOf, type PodAnalysis } from './attempts.ts';
import { findBlockers } from './blockers.ts';
import { findCause } from './cause.ts';
import type { Context } from './context.ts';
import { toDeadline } from './deadline.ts';
import type { Decision, PolicyReplay } from './decision.ts';
import { indexEvents } from './events.ts';
import type { EvidenceFact } from './evidence-facts.ts';
import { missingPods, toEvidenceGone } from './evidence-gone.ts';
import { toJobFacts, type JobFacts } from './job-facts.ts';
import { toRetries } from './retries.ts';
import { planRecreate } from './recreate.ts';
import { suggest } from './suggest.ts';
import { finishAndExpireTime, secondsBetween, toMillis, toRfc3339 } from '../../kubernetes/index.ts';

export function decide(snapshot: JobSnapshot): Decision {
  const facts = toJobFacts(snapshot.job);
  const now = toMillis(snapshot.now) ?? 0;
  const events = indexEvents(snapshot.events, facts.name);
  const decisions = decisionsOf(facts);
  const pods = analyzePods(snapshot.pods, facts, events, decisions, now);
  const decided = decisions.failedAt !== undefined || decisions.succeededAt !== undefined;
  const missing = missingPods(pods, events);
  const retries = toRetries(facts, pods, missing, decisions, now);
  const blockers = decided || facts.suspend ? [] : findBlockers(facts, pods, events, now);
  const ctx: Context = { facts, pods, events, now, decisions, retries, blockers, missing };
  const cause = findCause(ctx);
  const ttl = ttlOf(facts, now);
  const suggestions = suggest(ctx, cause);
  const failed = cause.state === 'Failed' || cause.state === 'Failing';
  return {
    job: {
      namespace: facts.namespace,
      name: facts.name,
      uid: facts.uid,
      createdAt: facts.createdAt,
      owner: facts.owner,
    },
    now: snapshot.now,
    state: cause.state,
    reason: cause.reason,
    verdict: cause.verdict,
    conditions: facts.conditions.map((c) => ({
      type: c.type ?? '',
      status: c.status ?? '',
      reason: c.reason || null,
      message: c.message || null,
      lastTransitionTime: c.lastTransitionTime ?? null,
    })),
    progress: {
      completionMode: facts.completionMode,
      completions: facts.completions,
      parallelism: facts.parallelism,
      succeeded: facts.status.succeeded,
      failed: facts.status.failed,
      active: facts.status.active,
      ready: facts.status.ready,
      terminating: facts.status.terminating,
      completedIndexes: facts.status.completedIndexes,
      failedIndexes: facts.status.failedIndexes,
      podsFound: pods.length,
    },
    podFailurePolicy: cause.decisive,
    policyReplay: policyReplay(facts, pods),
    retries,
    deadline: toDeadline(facts, cause.reason, decisions.failedAt ?? decisions.succeededAt, now),
    attempts: pods.map((p) => ({ attempt: p.attempt, notes: p.notes })),
    evidence: [...cause.evidence, ...ttlEvidence(facts, ttl)],
    evidenceGone: toEvidenceGone(facts, pods, missing, events, decisions),
    ttl,
    suggestions,
    logTail: snapshot.logTail
      ? { pod: snapshot.logTail.pod, container: snapshot.logTail.container, lines: [...snapshot.logTail.lines] }
      : null,
    logTails: [...(snapshot.logTail ? [snapshot.logTail] : []), ...(snapshot.earlierLogTails ?? [])].map(toLogTail),
    // "Run it again": for a Job that failed (or is failing), or whose fix only a new Job can take.
    recreate:
      failed || suggestions.some((s) => s.patch && s.mutable === false)
        ? planRecreate(snapshot.job, facts, suggestions, failed)
        : null,
  };
}

/** A log tail with the run it comes from (null where a snapshot saved before --logs does not say). */
function toLogTail(tail: LogTail): DiagnoseOutput['logTails'][number] {
  return {
    pod: tail.pod,
    container: tail.container,
    previous: tail.previous ?? null,
    finishedAt: tail.finishedAt ?? null,
    lines: [...tail.lines],
  };
}

function policyReplay(facts: JobFacts, pods: readonly PodAnalysis[]): PolicyReplay | null {
  const rules = facts.podFailurePolicyRules;
  if (rules === null) return null;
  // Pods stopped because the Job had already failed are counted, but did not fail on their own.
  const failed = pods.filter((p) => p.failed && !p.stoppedAfterSuccess && (!p.stoppedByJobFailure || p.match !== null));
  return {
    rules: rules.map((spec, index) => ({
      rule: index,
      action: typeof spec.action === 'string' ? spec.action : '',
      spec,
      pods: failed.filter((p) => p.match?.rule === index).map((p) => p.name),
    })),
    unmatched: failed.filter((p) => p.match === null).map((p) => p.name),
  };
}

/** The TTL controller deletes a finished Job (with its pods) ttlSecondsAfterFinished after it finished. */
function ttlOf(facts: JobFacts, now: number): DiagnoseOutput['ttl'] {
  if (facts.ttlSecondsAfterFinished === null) return null;
  const expiry = finishAndExpireTime(facts.conditions, facts.ttlSecondsAfterFinished);
  if (expiry === undefined) return { seconds: facts.ttlSecondsAfterFinished, deletesAt: null, deletesInSeconds: null };
  const deletesAt = expiry.expireAt;
  return {
    seconds: facts.ttlSecondsAfterFinished,
    deletesAt: toRfc3339(deletesAt),
    deletesInSeconds: Math.max(0, Math.ceil(secondsBetween(now, deletesAt))),
  };
}

/** When the TTL controller deletes the finished Job, that ends the evidence. */
function ttlEvidence(facts: JobFacts, ttl: DiagnoseOutput['ttl']): EvidenceFact[] {
  if (!ttl?.deletesAt) return [];
  return [
    {
      code: 'ttl-deletes',
      kind: 'spec',
      seconds: ttl.seconds,
      deletesInSeconds: ttl.deletesInSeconds ?? 0,
      object: `job/${facts.name}`,
      at: ttl.deletesAt,
    },
  ];
}
