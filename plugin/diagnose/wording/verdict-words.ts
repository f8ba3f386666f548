// The verdict in one line, the first thing users read (an SRE should have the cause in five
// seconds): `State: why — the numbers that prove it`. One template per verdict code.
import type { DecisiveFact, FailedWhy, SuccessFact, VerdictFact } from '../verdict-facts.ts';
import { blockerWords } from './blocker-words.ts';
import { containerWords, failureLabel, failuresWords } from './failure-words.ts';
import { plural } from '../../format/index.ts';
import { duration, indexes, lastExit, shortIndexes } from './phrases.ts';
import { ignoredWords, progressWords, runningFailuresWords, succeededWords, waitingWords } from './progress-words.ts';
import { say, type MessageTable } from './message-table.ts';

const VERDICTS: MessageTable<VerdictFact> = {
  succeeded: (v) => {
    const what = successWords(v.what);
    const attempts = plural(v.attempts, 'attempt');
    if (v.state === 'Completing') return `Completing: ${what}; ${waitingWords(v.waiting!)}`;
    const retried = [
      v.failed > 0 ? `${plural(v.failed, 'attempt')} failed` : '',
      v.ignored ? ignoredWords(v.ignored) : '',
      v.restarts ? plural(v.restarts, 'container restart') : '',
    ].filter(Boolean);
    if (retried.length === 0 && v.what.by !== 'success-policy')
      return `Complete: nothing wrong — ${what} after ${attempts}`;
    return `Complete: ${what} after ${attempts}${retried.length > 0 ? `; ${retried.join(', ')}` : ''}`;
  },
  failed: (v) => `${v.state}: ${say(FAILED, v.why)}${v.waiting ? `; ${waitingWords(v.waiting)}` : ''}`,
  suspended: (v) => {
    const forHow = v.forSeconds !== null ? ` for ${duration(v.forSeconds)}` : '';
    const why = v.kueue
      ? `queued in Kueue${v.kueue.queue ? ` LocalQueue ${v.kueue.queue}` : ''}, ` +
        'waiting for admission — Kueue resumes it'
      : 'no pods run until spec.suspend is false';
    const terminating = v.terminating > 0 ? `; ${plural(v.terminating, 'pod')} still terminating` : '';
    return `Suspended${forHow}: ${why}${terminating}`;
  },
  'managed-untouched': (v) =>
    `Stuck: spec.managedBy is ${v.by} — the built-in Job controller ignores this Job, and nothing has acted on it` +
    (v.ageSeconds !== null ? ` in ${duration(v.ageSeconds)}` : ''),
  'managed-running': (v) =>
    `Running under ${v.by} (spec.managedBy) — ${progressWords(v.progress)}; ` +
    'the built-in Job controller does not manage it',
  blocked: (v) =>
    v.stuck
      ? `Stuck: ${blockerWords(v.blocker)}`
      : `Running: ${progressWords(v.progress)}; but ${blockerWords(v.blocker)}`,
  'waiting-for-backoff': (v) => {
    const waits = `waiting ${duration(v.nextSeconds)} before the next attempt`;
    const backoff = `(failure backoff after ${plural(v.failuresSinceLastSuccess, 'failure')})`;
    return `Running: ${waits} ${backoff}; ${runningFailuresWords(v.failures) || progressWords(v.progress)}`;
  },
  running: (v) => {
    const failures = runningFailuresWords(v.failures);
    return `Running: ${progressWords(v.progress)}${failures ? `; ${failures}` : ''}`;
  },
};

/** Why a Job failed, by the condition's reason. */
const FAILED: MessageTable<FailedWhy> = {
  'restarts-reached-backoff-limit': (w) => {
    const container = w.container ? `container ${w.container}` : 'the container';
    const times = w.restarts > 0 ? `${plural(w.restarts, 'time')} ` : '';
    return (
      `backoffLimit ${w.backoffLimit} reached by container restarts — ` +
      `restartPolicy OnFailure restarted ${container} ${times}in place${lastExit(w.last)}`
    );
  },
  'backoff-limit-exceeded': (w) => {
    // How the pods still there failed, unless none is (the count of those gone says it then).
    const parts = [w.failures.total > 0 || w.leftNoPod === 0 ? failuresWords(w.failures) : ''];
    if (w.leftNoPod > 0) parts.push(`${plural(w.leftNoPod, 'counted failure')} left no pod`);
    if (w.ignored) parts.push(ignoredWords(w.ignored));
    if (w.race) {
      const met = indexes(w.race.succeeded, w.race.completedIndexes);
      parts.push(`${met} also met success policy rule ${w.race.rule}, but backoffLimit is checked first`);
    }
    const failures = parts.filter(Boolean).join('; ');
    return `backoffLimit ${w.backoffLimit} exceeded — ${plural(w.counted, 'failure')} counted; ${failures}`;
  },
  'deadline-exceeded': (w) => {
    const parts = [
      `ran ${w.ranSeconds !== null ? duration(w.ranSeconds) : 'past it'}, ` +
        succeededWords(w.succeeded, w.completions),
    ];
    if (w.killed > 0) parts.push(`the controller killed ${plural(w.killed, 'running pod')}`);
    if (w.neverStarted > 0) parts.push(`${plural(w.neverStarted, 'pod')} never started`);
    return `activeDeadlineSeconds ${w.activeDeadlineSeconds ?? '?'} exceeded — the Job ${parts.join('; ')}`;
  },
  'pod-failure-policy': (w) => decisiveWords(w.decisive),
  'pod-failure-policy-unread': (w) => `the pod failure policy failed the Job: ${w.message}`,
  'failed-indexes': (w) => {
    const all = w.reason === 'MaxFailedIndexesExceeded' ? 'all ' : 'each ';
    const alike = w.alike
      ? `, ${w.alike.pods === 1 ? '' : all}${failureLabel(w.alike.how)}${detailOf(containerWords(w.alike.how))}`
      : '';
    const attempts = w.backoffLimitPerIndex + 1;
    const spent = attempts === 1 ? 'its only attempt' : `all ${attempts} attempts`;
    const tries =
      w.failIndexRule !== null
        ? `at once by pod failure policy rule ${w.failIndexRule} (FailIndex)${alike}`
        : `${spent} (backoffLimitPerIndex ${w.backoffLimitPerIndex})${alike}`;
    const failed = shortIndexes(w.failedIndexes);
    if (w.reason === 'MaxFailedIndexesExceeded') {
      const more = `more than maxFailedIndexes ${w.maxFailedIndexes ?? '?'}`;
      return `${plural(w.count, 'index', 'indexes')} failed (${failed}), ${more} — each failed ${tries}`;
    }
    const others = w.succeeded > 0 ? `${indexes(w.succeeded, w.completedIndexes)} succeeded` : 'no index succeeded';
    return `${indexes(w.count, w.failedIndexes)} failed ${tries}; ${others}`;
  },
  'condition-message': (w) => w.message || 'the controller gave no reason',
};

export function verdictWords(verdict: VerdictFact): string {
  return say(VERDICTS, verdict);
}

function successWords(what: SuccessFact): string {
  switch (what.by) {
    case 'success-policy': {
      const n = what.succeeded;
      const which = what.indexed && n > 0 ? `${indexes(n, what.completedIndexes)} succeeded` : `${n} succeeded`;
      return `success policy rule ${what.rule ?? '?'} met (${which})`;
    }
    case 'work-queue':
      return succeededWords(what.succeeded, null, ' (work queue)');
    case 'completions':
      return succeededWords(what.succeeded, what.completions);
  }
}

/** `pod failure policy rule 0 (FailJob) matched pod pi-x: container main exited 42`. */
function decisiveWords(d: DecisiveFact): string {
  const what =
    d.exitCode !== null
      ? `${d.initContainer ? 'init container' : 'container'} ${d.container} exited ${d.exitCode}` +
        (d.podReason && d.podReason !== 'Error' ? ` (${d.podReason})` : '')
      : `it has condition ${d.condition}${d.disruptionReason ? ` (${d.disruptionReason})` : ''}`;
  return `pod failure policy rule ${d.rule} (${d.action}) matched pod ${d.pod}: ${what}`;
}

const detailOf = (text: string) => (text ? ` (${text})` : '');
