// Suggestions for failed attempts: read their logs, give OOMKilled containers more memory, ignore
// disruptions, fail fast on an exit code every attempt shares, and, for failed indexes, spend
// backoffLimitPerIndex and maxFailedIndexes where they help.
import { obj, parseQuantity, str } from '../../kubernetes/index.ts';
import type { PodAnalysis } from './attempts.ts';
import type { Cause } from './cause.ts';
import type { Context } from './context.ts';
import { podCount, type FailureGroup } from './failure-groups.ts';
import { templateContainers } from './job-facts.ts';
import { deterministicExit, exitCodeRule, exitRule, withAction, withFirstRule } from './policy-rule-patch.ts';
import { restartPolicyNeverForDebugging } from './suggest-aftermath.ts';
import { adviceOnly, commands, specChange, type SuggestionFact, type SuggestionList } from './suggestion-facts.ts';

/** kubectl logs for an attempt's container (--previous for the run before a restart). */
export function readLogs(ctx: Context, pod: PodAnalysis, container: string | null, previous = false): SuggestionFact {
  const flag = container ? ` -c ${container}` : '';
  return {
    code: 'read-logs',
    pod: pod.name,
    container,
    previous,
    ...commands(`kubectl logs ${pod.name}${flag} -n ${ctx.facts.namespace}${previous ? ' --previous' : ''}`),
  };
}

/** Counted failures against backoffLimit (BackoffLimitExceeded, a running Job that retries, DeadlineExceeded). */
export function failureSuggestions(ctx: Context, groups: FailureGroup[], out: SuggestionList): void {
  const { facts } = ctx;
  const lastFailed = latestFailed(ctx, (p) => p.counted !== null);
  const restarted = ctx.pods.find((p) => p.attempt.restarts > 0 && p.attempt.lastTermination);
  const onlyDisruptions = groups.length > 0 && groups.every((g) => g.kind === 'disruption');
  if (lastFailed && !lastFailed.stoppedByJobFailure && !onlyDisruptions)
    out.add(readLogs(ctx, lastFailed, lastFailed.attempt.container));
  else if (restarted) out.add(readLogs(ctx, restarted, restarted.attempt.lastTermination!.container, true));
  oomSuggestions(ctx, groups, out);
  disruptionSuggestions(ctx, groups, out);
  const deterministic = deterministicExit(groups);
  const failJob = deterministic && exitRule(ctx, 'FailJob', deterministic);
  const failJobPatch = failJob && withFirstRule(ctx, failJob);
  if (deterministic && failJobPatch && podCount(groups) >= 2) {
    out.add({
      code: 'fail-job-on-exit',
      exitCode: deterministic.exitCode,
      container: deterministic.container,
      backoffLimit: facts.backoffLimit,
      ...specChange('spec.podFailurePolicy', failJobPatch, false),
    });
  }
  // Every counted failure matched the same Count rule: the user chose to retry that exit code.
  const countRule = countedByOneCountRule(groups);
  const group = groups[0];
  if (
    countRule !== null &&
    exitCodeRule(ctx, countRule, 'Count') &&
    groups.length === 1 &&
    group!.exitCode !== null &&
    group!.pods.length >= 2
  ) {
    out.add({
      code: 'count-rule-to-fail-job',
      exitCode: group!.exitCode,
      rule: countRule,
      ...specChange('spec.podFailurePolicy', withAction(ctx, countRule, 'FailJob'), false),
    });
  }
  if (
    facts.restartPolicy === 'OnFailure' &&
    (ctx.retries.restartsCounted ?? 0) === 0 &&
    ctx.missing.some((m) => m.restarts > 0)
  )
    restartPolicyNeverForDebugging(ctx, out);
}

/** FailedIndexes / MaxFailedIndexesExceeded: indexes that spent backoffLimitPerIndex. */
export function failedIndexesSuggestions(ctx: Context, cause: Cause, out: SuggestionList): void {
  const { facts } = ctx;
  const groups = cause.groups;
  const lastFailed = latestFailed(ctx, (p) => p.counted === true);
  if (lastFailed) out.add(readLogs(ctx, lastFailed, lastFailed.attempt.container));
  oomSuggestions(ctx, groups, out);
  disruptionSuggestions(ctx, groups, out);
  // FailedIndexes needs backoffLimitPerIndex; a Job whose spec lost it gets no per-index advice.
  const perIndex = facts.backoffLimitPerIndex;
  if (perIndex === null) return;
  // A FailIndex rule failed every index at its first matching failure: more attempts per index or
  // another FailIndex rule would change nothing; the logs and the rule itself are what to read.
  const verdict = cause.verdict;
  const byRule =
    verdict.code === 'failed' && verdict.why.code === 'failed-indexes' && verdict.why.failIndexRule !== null;
  const deterministic = deterministicExit(groups);
  const failIndex = deterministic && exitRule(ctx, 'FailIndex', deterministic);
  const failIndexPatch = failIndex && withFirstRule(ctx, failIndex);
  if (!byRule && deterministic && failIndexPatch) {
    out.add({
      code: 'fail-index-on-exit',
      exitCode: deterministic.exitCode,
      container: deterministic.container,
      backoffLimitPerIndex: perIndex,
      ...specChange('spec.podFailurePolicy', failIndexPatch, false),
    });
  } else if (!byRule && !deterministic) {
    const to = perIndex + 2;
    out.add({
      code: 'more-attempts-per-index',
      to,
      ...specChange('spec.backoffLimitPerIndex', { spec: { backoffLimitPerIndex: to } }, false),
    });
  }
  const max = facts.maxFailedIndexes;
  if (cause.reason === 'MaxFailedIndexesExceeded' && max !== null) {
    const to = Math.max(ctx.retries.perIndex?.failedIndexCount ?? 0, max + 1);
    // maxFailedIndexes may not exceed completions.
    if (facts.completions === null || to <= facts.completions) {
      out.add({
        code: 'raise-max-failed-indexes',
        maxFailedIndexes: max,
        to,
        ...specChange('spec.maxFailedIndexes', { spec: { maxFailedIndexes: to } }, true),
      });
    }
  }
}

export function oomSuggestions(ctx: Context, groups: FailureGroup[], out: SuggestionList): void {
  for (const group of groups.filter((g) => g.kind === 'oom')) {
    const name = group.container;
    if (!name) continue;
    const times = group.pods.length;
    const template = templateContainers(ctx.facts).get(name);
    if (!template) {
      // A container the Job does not declare (a webhook injected it): its resources are set there.
      out.add({ code: 'oom-outside-template', container: name, times, ...adviceOnly });
      continue;
    }
    const resources = obj(template.spec, 'resources');
    const limit = str(obj(resources, 'limits'), 'memory');
    const request = str(obj(resources, 'requests'), 'memory');
    const key = template.init ? 'initContainers' : 'containers';
    const field = `spec.template.spec.${key}[name=${name}].resources`;
    const base = limit === undefined ? parseBytes(request) : parseBytes(limit);
    if (base !== undefined) {
      const to = formatBytes(base * 2);
      const patch = { spec: { template: { spec: { [key]: [{ name, resources: { limits: { memory: to } } }] } } } };
      out.add({
        code: 'raise-memory-limit',
        container: name,
        times,
        from: limit ?? null,
        to,
        ...specChange(`${field}.limits.memory`, patch, false),
      });
    } else if (limit === undefined) {
      out.add({ code: 'set-memory-limits', container: name, times, ...specChange(field, null, false) });
    }
  }
}

function disruptionSuggestions(ctx: Context, groups: FailureGroup[], out: SuggestionList): void {
  // An Ignore rule on DisruptionTarget helps only pods that carry the condition.
  const counted = groups
    .filter((g) => g.kind === 'disruption')
    .flatMap((g) => g.pods)
    .filter((p) => p.attempt.disruption !== null);
  if (counted.length === 0) return;
  const patch = withFirstRule(ctx, {
    action: 'Ignore',
    onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }],
  });
  if (!patch) return;
  out.add({
    code: 'ignore-disruptions',
    count: counted.length,
    reasons: [...new Set(counted.map((p) => p.attempt.disruption?.reason ?? p.attempt.reason))],
    ...specChange('spec.podFailurePolicy', patch, false),
  });
}

/** The failed pod that finished last, among those `include` keeps. */
function latestFailed(ctx: Context, include: (pod: PodAnalysis) => boolean): PodAnalysis | undefined {
  return [...ctx.pods]
    .filter((p) => p.failed && include(p))
    .sort((a, b) => (b.finishedMs ?? 0) - (a.finishedMs ?? 0))[0];
}

/** The Count rule every counted failure matched, if one did. */
function countedByOneCountRule(groups: FailureGroup[]): number | null {
  const pods = groups.flatMap((g) => g.pods);
  const rules = new Set(pods.map((p) => (p.match?.action === 'Count' ? p.match.rule : -1)));
  if (pods.length === 0 || rules.size !== 1 || rules.has(-1)) return null;
  return [...rules][0]!;
}

function parseBytes(quantity: string | undefined): number | undefined {
  const q = parseQuantity(quantity);
  if (!q) return undefined;
  const bytes = Number(q.numerator) / Number(q.denominator);
  return bytes > 0 ? bytes : undefined;
}

function formatBytes(bytes: number): string {
  const gi = 1024 ** 3;
  const mi = 1024 ** 2;
  if (bytes >= gi && bytes % gi === 0) return `${bytes / gi}Gi`;
  return `${Math.ceil(bytes / mi)}Mi`;
}
