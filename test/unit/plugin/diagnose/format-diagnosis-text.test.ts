// The text output, as users read it: snapshots of real recordings (reviewed by hand; colour off),
// plus the properties every output must keep: no trailing blanks, the width respected, colour
// only when asked, long timelines cut.
import { describe, expect, test } from '@jest/globals';
import { diagnose } from '../../../../plugin/diagnose/diagnose.ts';
import { formatDiagnosisText } from '../../../../plugin/format/format-diagnosis-text.ts';
import type { JobSnapshot } from '../../../../plugin/job-snapshot.ts';
import { loadSnapshot, snapshotScenarios } from '../../../helpers/snapshot-fixtures.ts';

const text = (scenario: string, width?: number, color = false) =>
  formatDiagnosisText(diagnose(loadSnapshot(scenario)), { color, width });
// ESC [ ... m: an SGR colour sequence.
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

describe('text snapshots of recorded Jobs', () => {
  test.each([
    'complete',
    'backoff-limit-exceeded',
    'oom-backoff-limit-exceeded',
    'pod-failure-policy-ignore-count',
    'pod-failure-policy-failjob',
    'init-container-failjob',
    'deadline-exceeded',
    'onfailure-backoff-limit',
    'max-failed-indexes-exceeded',
    'indexed-mixed-running',
    'failure-target-interim',
    'success-policy',
    'success-policy-backoff-race',
    'image-pull-error',
    'failed-create-quota',
    'stuck-terminating',
    'suspended-kueue',
    'fail-index',
    'work-queue-mixed',
    'resumed',
    'pods-denied-by-admission',
  ])('%s', (scenario) => {
    expect(text(scenario)).toMatchSnapshot();
  });

  test('wrapped to 80 columns', () => {
    expect(text('pod-failure-policy-ignore-count', 80)).toMatchSnapshot();
  });
});

describe('the Limits row', () => {
  // Issue 11 item 16: the row said "1 failure counted, 2 allowed" for a Job its restarts had failed.
  test('onfailure-backoff-limit: the restarts that failed the Job are counted against the limit they reached', () => {
    const limits = text('onfailure-backoff-limit')
      .split('\n')
      .find((line) => line.trimStart().startsWith('backoffLimit '));
    expect(limits?.trim().replace(/\s+/g, ' ')).toBe(
      'backoffLimit 1 failure counted, 2 allowed; 2 container restarts counted too (restartPolicy OnFailure): the Job fails when they reach 2',
    );
  });
});

describe('every recording', () => {
  test.each(snapshotScenarios())(
    '%s: the verdict comes first, no line ends in a blank, prose wraps at 80 columns',
    (scenario) => {
      const plain = text(scenario);
      const output = diagnose(loadSnapshot(scenario));
      expect(plain.split('\n')[0]).toContain(output.verdict);
      for (const line of plain.split('\n')) expect(line).toBe(line.trimEnd());
      const narrow = text(scenario, 80).split('\n');
      expect(narrow.join(' ').replace(/\s+/g, ' ')).toContain(output.verdict.split(' ').slice(0, 4).join(' '));
      // Verdict and evidence wrap (a single word longer than the line may not); commands, YAML and
      // tables do not (kubectl does not wrap them either; tables cut their last column instead).
      const evidenceEnd = narrow.findIndex((l) => l.startsWith('Attempts'));
      const prose = narrow.slice(0, evidenceEnd).filter((l) => !l.startsWith('  Job '));
      for (const line of prose) {
        if ([...line].length > 80) expect(line.trim().split(' ')).toHaveLength(1);
      }
    },
  );

  test.each(snapshotScenarios())('%s: colour only when asked, and the same text under it', (scenario) => {
    const plain = text(scenario);
    const colored = text(scenario, undefined, true);
    expect(plain).not.toMatch(ANSI);
    expect(colored).toMatch(ANSI);
    expect(colored.replace(ANSI, '')).toBe(plain);
  });
});

describe('the attempts table is in the order its title says: oldest first, by when each pod started', () => {
  /** The STARTED cells of the attempts table, in seconds after the Job's creation (blank: not started). */
  const startedColumn = (out: string): (number | null)[] => {
    const lines = out.split('\n');
    const header = lines.findIndex((l) => /^ {2}POD\s/.test(l));
    if (header < 0) return []; // no attempts
    const at = lines[header]!.indexOf('STARTED');
    const rows = lines.slice(header + 1, lines.indexOf('', header));
    return rows
      .filter((l) => !l.startsWith('  …'))
      .map((l) => {
        const cell = l.slice(at).split(/\s+/)[0]!;
        return cell.startsWith('+') ? Number(/^\+(\d+)s$/.exec(cell)?.[1]) : null;
      });
  };

  test.each(snapshotScenarios())('%s: STARTED never goes back', (scenario) => {
    const started = startedColumn(text(scenario)).filter((s) => s !== null);
    expect(started).toEqual([...started].sort((a, b) => a - b));
  });

  test('a pod created first but started later comes after; pods that started together keep their creation order; pods not started come last', () => {
    const base = loadSnapshot('backoff-limit-exceeded');
    const created = Date.parse(base.job.metadata.creationTimestamp!);
    const at = (seconds: number) => new Date(created + seconds * 1000).toISOString().replace('.000Z', 'Z');
    const pod = (name: string, createdAt: number, startedAt: number) => {
      const copy = structuredClone(base.pods[0]!);
      copy.metadata.name = name;
      copy.metadata.creationTimestamp = at(createdAt);
      copy.status!.startTime = at(startedAt);
      copy.status!.containerStatuses![0]!.state!.terminated!.startedAt = at(startedAt);
      return copy;
    };
    const pending = structuredClone(base.pods[0]!);
    pending.metadata.name = 'pi-pending';
    pending.metadata.creationTimestamp = at(0);
    pending.status = { phase: 'Pending' };
    const snapshot: JobSnapshot = {
      ...base,
      events: [],
      // Listed oldest first by creation, as the fetch lists them.
      pods: [pending, pod('pi-late', 1, 3), pod('pi-tie-a', 1, 2), pod('pi-early', 2, 2), pod('pi-tie-b', 2, 2)],
    };
    const rows = formatDiagnosisText(diagnose(snapshot), { color: false })
      .split('\n')
      .filter((l) => /^ {2}pi-/.test(l))
      .map((l) => l.trim().split(/\s+/).slice(0, 2).join(' '));
    expect(rows).toEqual(['pi-tie-a +2s', 'pi-early +2s', 'pi-tie-b +2s', 'pi-late +3s', 'pi-pending Pending']);
  });
});

test('a Job with thousands of pods: the timeline shows the first and last attempts and says how many it left out', () => {
  const base = loadSnapshot('backoff-limit-exceeded');
  const pods = Array.from({ length: 5000 }, (_, i) => {
    const pod = structuredClone(base.pods[0]!);
    pod.metadata.name = `pi-${String(i).padStart(5, '0')}`;
    pod.metadata.creationTimestamp = new Date(
      Date.parse(base.job.metadata.creationTimestamp!) + i * 1000,
    ).toISOString();
    return pod;
  });
  const snapshot: JobSnapshot = {
    ...base,
    pods,
    events: [],
    job: { ...base.job, status: { ...base.job.status, failed: 5000 } },
  };
  const lines = formatDiagnosisText(diagnose(snapshot), { color: false }).split('\n');
  const rows = lines.filter((l) => /^ {2}pi-\d{5}/.test(l));
  expect(rows.map((l) => l.trim().split(/\s+/)[0])).toEqual([
    'pi-00000',
    'pi-00001',
    'pi-00002',
    'pi-00003',
    'pi-04994',
    'pi-04995',
    'pi-04996',
    'pi-04997',
    'pi-04998',
    'pi-04999',
  ]);
  expect(lines).toContain('  … 4990 more (4990 failed); -o json lists every attempt');
  expect(lines.length).toBeLessThan(60);
});

test('tables cut their last column to the width, with …', () => {
  const wide = text('evicted-counted')
    .split('\n')
    .find((l) => l.startsWith('  pi-4swd2'))!;
  expect([...wide].length).toBeGreaterThan(80);
  const row = text('evicted-counted', 80)
    .split('\n')
    .find((l) => l.startsWith('  pi-4swd2'))!;
  expect([...row].length).toBe(80);
  expect(row.endsWith('…')).toBe(true);
});

test('a log tail, when the fetch got one, ends the evidence', () => {
  const snapshot = {
    ...loadSnapshot('backoff-limit-exceeded'),
    logTail: { pod: 'pi-hlvbr', container: 'pi', lines: ['reading input', 'error: input.csv: no such file'] },
  };
  const out = formatDiagnosisText(diagnose(snapshot), { color: false });
  expect(out).toContain(
    'Last log lines pod pi-hlvbr, container pi\n  │ reading input\n  │ error: input.csv: no such file\n',
  );
});

test('--logs N: each tail headed by its pod, container, run and time, most recent first', () => {
  const snapshot = {
    ...loadSnapshot('backoff-limit-exceeded'),
    logTail: {
      pod: 'pi-hlvbr',
      container: 'pi',
      lines: ['error: input.csv: no such file'],
      previous: false,
      finishedAt: '2026-11-23T16:05:46Z',
    },
    earlierLogTails: [
      {
        pod: 'pi-26lv8',
        container: 'pi',
        lines: ['reading input', 'error: timeout'],
        previous: true,
        finishedAt: '2026-11-23T16:05:35Z',
      },
    ],
  };
  const out = formatDiagnosisText(diagnose(snapshot), { color: false });
  const at = (time: string) => Math.round((Date.parse(snapshot.now) - Date.parse(time)) / 1000);
  expect(at('2026-11-23T16:05:46Z')).toBeGreaterThan(0);
  expect(out).toContain(
    [
      'Last log lines of the last 2 failed runs',
      '  (most recent first)',
      `  pod pi-hlvbr, container pi, failed ${at('2026-11-23T16:05:46Z')}s ago`,
      '  │ error: input.csv: no such file',
      `  pod pi-26lv8, container pi (the run before its restart), failed ${at('2026-11-23T16:05:35Z')}s ago`,
      '  │ reading input',
      '  │ error: timeout',
      '',
    ].join('\n'),
  );
});
