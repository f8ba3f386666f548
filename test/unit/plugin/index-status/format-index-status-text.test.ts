import { describe, expect, test } from '@jest/globals';
import { fromIndexes } from '../../../../kubernetes/interval-set.ts';
import { createColors } from '../../../../plugin/format/colors.ts';
import { formatIndexStatusText, formatNotIndexedMessage } from '../../../../plugin/format/format-index-status-text.ts';
import { formatIntervalsCapped } from '../../../../plugin/format/index-intervals-text.ts';
import { humanAge } from '../../../../plugin/format/index-status-details-text.ts';
import { toIndexDetails } from '../../../../plugin/index-status/index-details.ts';
import { toIndexStatus, type IndexStatus } from '../../../../plugin/index-status/index-status.ts';
import type { JobSnapshot } from '../../../../plugin/job-snapshot.ts';
import { loadSnapshot } from '../../../helpers/snapshot-fixtures.ts';
import { everyOther, indexedJob, indexPod, snapshotOf } from './builders.ts';

const plain = createColors(false);

function analyse(snapshot: JobSnapshot): IndexStatus {
  const result = toIndexStatus(snapshot);
  if (!result.indexed) throw new Error('not Indexed');
  return result.status;
}
const text = (snapshot: JobSnapshot, width = 80) => formatIndexStatusText(analyse(snapshot), { colors: plain, width });

describe('text output of the recorded Jobs', () => {
  test.each(['indexed-mixed-running', 'max-failed-indexes-exceeded', 'success-policy', 'success-policy-backoff-race'])(
    '%s',
    (scenario) => {
      expect(text(loadSnapshot(scenario))).toMatchSnapshot();
    },
  );

  test('--index detail of indexed-mixed-running', () => {
    const status = analyse(loadSnapshot('indexed-mixed-running'));
    expect(
      formatIndexStatusText(status, {
        colors: plain,
        width: 80,
        details: toIndexDetails(status, [{ first: 1, last: 4 }]),
      }),
    ).toMatchSnapshot();
  });

  test('a NonIndexed Job gets a sentence, not an empty table', () => {
    const result = toIndexStatus(loadSnapshot('complete'));
    if (result.indexed) throw new Error('expected NonIndexed');
    expect(formatNotIndexedMessage(result.job)).toBe(
      'Job fixture-complete/pi is not an Indexed Job (completionMode NonIndexed): its pods have no completion index, so there is nothing per index to show. ' +
        'It has 1 succeeded, 0 failed and 0 active pods (completions 1); kubectl job-x diagnose pi explains where it stands',
    );
  });
});

describe('100,000 completions', () => {
  const completions = 100_000;
  const failed = Array.from({ length: 40 }, (_, i) => 2_501 + i * 2_400).join(',');
  const job = indexedJob(
    { completions, parallelism: 2000, backoffLimitPerIndex: 1, maxFailedIndexes: 100 },
    { completedIndexes: everyOther(60_000), failedIndexes: failed },
  );
  const pods = Array.from({ length: 2000 }, (_, i) =>
    indexPod(60_001 + i * 2, { phase: 'Running', failureCount: i % 50 === 0 ? 1 : 0 }),
  );
  const output = text(snapshotOf(job, pods));
  const lines = output.split('\n');

  test('stays on one screen: no line wider than the terminal except none, grid of 20 rows', () => {
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(80);
    expect(lines.length).toBeLessThan(60);
    expect(lines.filter((l) => /^ *\d+ {2}[█▄▒·X ]+$/.test(l))).toHaveLength(20);
  });

  test('the snapshot (review: the failed cells show as X in the first, half-done rows)', () => {
    expect(output).toMatchSnapshot();
  });
});

describe('notes under the overview', () => {
  test('unrecorded successes, indexes awaiting a retry, terminating pods and stray pods are each named', () => {
    const job = indexedJob(
      { completions: 6, backoffLimitPerIndex: 2, podReplacementPolicy: 'Failed' },
      { completedIndexes: '0', failedIndexes: '' },
    );
    const pods = [
      indexPod(1, { phase: 'Succeeded', tracked: true, failureCount: 0 }),
      indexPod(2, { phase: 'Failed', failureCount: 0 }),
      indexPod(3, { phase: 'Running', deleting: true, tracked: true, failureCount: 0 }),
      indexPod(4, { phase: 'Running', failureCount: 0 }),
      indexPod(9, { phase: 'Running', failureCount: 0 }),
    ];
    const output = text(snapshotOf(job, pods));
    expect(output.split('\n').filter((line) => /^(Not yet|Pending indexes|1 pod has)/.test(line))).toEqual([
      "Not yet in the Job's status (the controller records them next): succeeded 1",
      'Pending indexes that failed and await their next pod (backoff delay): 2',
      'Pending indexes whose pod is still terminating: 3',
      '1 pod has no completion index below 6 (left from lowering completions?); it counts for no index',
    ]);
    expect(output).toMatchSnapshot();
  });
});

describe('colour', () => {
  test('only with colours on, and only around state words and glyphs', () => {
    const status = analyse(loadSnapshot('indexed-mixed-running'));
    const coloured = formatIndexStatusText(status, { colors: createColors(true), width: 80 });
    expect(coloured).toContain('\u001b[31mX\u001b[39m');
    expect(coloured).toContain('\u001b[32msucceeded');
    // Stripped of colour it is the plain text, column for column.
    // eslint-disable-next-line no-control-regex
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, '')).toBe(formatIndexStatusText(status, { colors: plain, width: 80 }));
    expect(formatIndexStatusText(status, { colors: plain, width: 80 })).not.toContain('\u001b[');
  });
});

describe('helpers', () => {
  test('interval lists are cut at an interval boundary, saying how many indexes were left out', () => {
    const evens = fromIndexes(Array.from({ length: 50 }, (_, i) => i * 2));
    const cut = formatIntervalsCapped(evens, 30);
    expect(cut).toBe('0,2,4,6,8,10,12,… (+43 more)');
    expect(cut.length).toBeLessThanOrEqual(30);
    expect(formatIntervalsCapped(fromIndexes([1, 3, 4, 5, 7]), 30)).toBe('1,3-5,7');
  });

  test("kubectl's human durations", () => {
    const now = '2026-11-23T16:10:00Z';
    const ago = (seconds: number) => humanAge(now, new Date(Date.parse(now) - seconds * 1000).toISOString());
    expect([
      ago(0),
      ago(119),
      ago(120),
      ago(125),
      ago(600),
      ago(3 * 3600),
      ago(3 * 3600 + 60),
      ago(30 * 3600),
      ago(3 * 86400 + 3600),
      ago(400 * 86400),
    ]).toEqual(['0s', '119s', '2m', '2m5s', '10m', '3h', '3h1m', '30h', '3d1h', '400d']);
  });
});
