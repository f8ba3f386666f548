// Columns line up in terminal cells whatever the text holds: CJK (two cells a character), emoji
// (two cells), combining marks (none), colour codes (none). The text views padded by UTF-16
// length or by code point before, and the columns after such text slid left or right.
import { describe, expect, test } from '@jest/globals';
import { resolvePolicy, RULES } from '../../../../policy/index.ts';
import { diagnose } from '../../../../plugin/diagnose/diagnose.ts';
import { explainManifest } from '../../../../plugin/explain/explain-manifest.ts';
import { createColors } from '../../../../plugin/format/colors.ts';
import { formatDiagnosisText } from '../../../../plugin/format/format-diagnosis-text.ts';
import { formatExplainText } from '../../../../plugin/format/format-explain-text.ts';
import { formatIndexStatusText } from '../../../../plugin/format/format-index-status-text.ts';
import { toIndexDetails } from '../../../../plugin/index-status/index-details.ts';
import { toIndexStatus } from '../../../../plugin/index-status/index-status.ts';
import type { RawPod } from '../../../../kubernetes/objects.ts';
import { loadSnapshot } from '../../../helpers/snapshot-fixtures.ts';
import { indexedJob, indexPod, snapshotOf } from '../index-status/builders.ts';

const plain = createColors(false);
// eslint-disable-next-line no-control-regex
const SGR = /\u001b\[[0-9;]*m/g;

/** Terminal cells of the few characters these tests use, counted by hand (not by the code under test). */
function cells(text: string): number {
  let width = 0;
  for (const char of text.replace(SGR, '')) {
    if (/\p{Mn}/u.test(char)) continue; // combining marks: none
    width += /[\u3000-\u9fff\uff00-\uff60]|\p{Emoji_Presentation}/u.test(char) ? 2 : 1;
  }
  return width;
}

/** The terminal column at which `part` starts in `line`. */
const columnOf = (line: string, part: string): number => cells(line.slice(0, line.indexOf(part)));

describe('index-status --index', () => {
  const job = indexedJob({ completions: 3 }, { failedIndexes: '' });
  const onNode = (pod: RawPod, nodeName: string): RawPod => ({ ...pod, spec: { ...pod.spec, nodeName } });
  const pods = [
    onNode(indexPod(0, { phase: 'Failed', reason: 'メモリ不足', name: 'work-0-a', exitCode: 137 }), 'ノード-1'),
    onNode(indexPod(1, { phase: 'Failed', reason: '💥Crash', name: 'work-1-b' }), 'node-2'),
    onNode(indexPod(2, { phase: 'Failed', reason: 'Cafe\u0301', name: 'work-2-c' }), 'nœud-3'),
  ];
  const result = toIndexStatus(snapshotOf(job, pods));
  if (!result.indexed) throw new Error('expected an Indexed Job');
  const details = toIndexDetails(result.status, [{ first: 0, last: 2 }]);
  const text = (colors = plain) => formatIndexStatusText(result.status, { colors, width: 80, details });

  test('REASON and NODE hold CJK, an emoji and a combining accent: NODE and AGE still line up', () => {
    expect(text().split('\n').slice(2, 6)).toEqual([
      'INDEX   STATE     FAILURES   POD        ATTEMPT   PHASE    EXIT   REASON       NODE       AGE',
      '0       pending   1          work-0-a   -         Failed   137    メモリ不足   ノード-1   5m',
      '1       pending   1          work-1-b   -         Failed   1      💥Crash      node-2     5m',
      '2       pending   1          work-2-c   -         Failed   1      Cafe\u0301         nœud-3     5m',
    ]);
  });

  test('with colour on, the columns are where they are without it', () => {
    const coloured = text(createColors(true)).split('\n').slice(2, 6);
    expect(coloured.join('\n')).toContain('\u001b[31m137\u001b[39m');
    for (const line of coloured.slice(1)) expect(columnOf(line, '5m')).toBe(columnOf(coloured[0]!, 'AGE'));
  });
});

describe('explain', () => {
  const manifest = `apiVersion: batch/v1
kind: Job
metadata: {name: report}
spec:
  managedBy: 例え.jp/コントローラ
  template:
    metadata:
      labels: {チーム: 経理部門の月次報告書作成チーム, 担当: 山田太郎と鈴木花子と佐藤次郎}
    spec:
      restartPolicy: Never
      containers: [{name: c, image: i:1}]
`;
  const policy = resolvePolicy(RULES, undefined);
  const text = formatExplainText(explainManifest('x.yaml', manifest, policy).explanations, {
    colors: plain,
    width: 60,
  }).split('\n');

  test('the effective spec: the NOTE column starts after the widest VALUE, a CJK one', () => {
    const header = text.find((line) => line.startsWith('  FIELD'))!;
    expect(header).toBe('  FIELD                     VALUE                  NOTE');
    expect(text).toContain('  managedBy                 例え.jp/コントローラ');
    expect(text).toContain('  podReplacementPolicy      TerminatingOrFailed    defaulted');
    const managedBy = text.find((line) => line.startsWith('  managedBy '))!;
    expect(cells(managedBy) + 3).toBeLessThanOrEqual(columnOf(header, 'NOTE'));
  });

  test('labels in CJK wrap at 60 terminal cells, not 60 UTF-16 units', () => {
    const labels = text.slice(text.findIndex((line) => line.startsWith('  Labels:')));
    expect(labels.slice(0, 3)).toEqual([
      '  Labels:    チーム=経理部門の月次報告書作成チーム,',
      '             担当=山田太郎と鈴木花子と佐藤次郎,',
      '             job-name=report,',
    ]);
    for (const line of text) if (line.trim().split(' ').length > 1) expect(cells(line)).toBeLessThanOrEqual(60);
  });
});

describe('diagnose', () => {
  test('the attempts timeline lines up after a CJK reason and an emoji one', () => {
    const output = diagnose(loadSnapshot('backoff-limit-exceeded'));
    output.attempts[0]!.reason = 'メモリ不足';
    output.attempts[1]!.reason = '💥';
    const lines = formatDiagnosisText(output, { color: false }).split('\n');
    const at = lines.findIndex((line) => line.startsWith('  POD '));
    expect(lines.slice(at, at + 3)).toEqual([
      '  POD        STARTED   RAN   RESULT                     COUNTED   NOTE',
      '  pi-26lv8   +2s       3s    メモリ不足: exit 1 in pi   yes',
      '  pi-hlvbr   +15s      1s    💥: exit 1 in pi           yes',
    ]);
  });
});
