// Text output never passes on what a manifest or a cluster wrote as control characters: a newline
// that starts a line of its own (a `::error file=…::` workflow command in a GitHub Actions log),
// ESC sequences (recolouring, clearing the screen, retitling the terminal), a carriage return
// that hides what came before, bidi overrides that reorder a line. Each is written as its JSON
// escape, as -o github, json and SARIF already escape in their own syntax.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { resolvePolicy, RULES } from '../../../../policy/index.ts';
import { diagnose } from '../../../../plugin/diagnose/diagnose.ts';
import { explainManifest } from '../../../../plugin/explain/explain-manifest.ts';
import { createColors } from '../../../../plugin/format/colors.ts';
import { formatDiagnosisText } from '../../../../plugin/format/format-diagnosis-text.ts';
import { formatExplainText } from '../../../../plugin/format/format-explain-text.ts';
import { formatIndexStatusText } from '../../../../plugin/format/format-index-status-text.ts';
import { formatLintText } from '../../../../plugin/format/format-lint-text.ts';
import { toIndexDetails } from '../../../../plugin/index-status/index-details.ts';
import { toIndexStatus } from '../../../../plugin/index-status/index-status.ts';
import { lintSource } from '../../../../plugin/lint/lint-source.ts';
import { loadSnapshot, snapshotScenarios } from '../../../helpers/snapshot-fixtures.ts';
import { indexedJob, indexPod, snapshotOf } from '../index-status/builders.ts';

const MANIFESTS = join(import.meta.dirname, '..', '..', '..', 'e2e', 'manifests');
const policy = resolvePolicy(RULES, undefined);
const plain = createColors(false);
const colored = createColors(true);

/** What an attacker writes: a workflow command on a line of its own, ESC sequences, CR, a bidi override. */
const HOSTILE = 'x\n::error file=ci.yml::pwned\u001b[2J\u001b]0;title\u0007\r\u202ecba\t\u0085';
const ESCAPED = 'x\\n::error file=ci.yml::pwned\\u001b[2J\\u001b]0;title\\u0007\\r\\u202ecba\\t\\u0085';

// Every control character but the newlines between lines, and the reordering ones.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
// eslint-disable-next-line no-control-regex
const OUR_COLOURS = /\u001b\[[0-9;]*m/g;

/** Safe: no control character, no line that starts a workflow command; with colour, only our SGR codes. */
function expectSafe(text: string): void {
  expect(text.replace(OUR_COLOURS, '')).not.toMatch(UNSAFE);
  for (const line of text.split('\n')) expect(line.replace(OUR_COLOURS, '').trimStart()).not.toMatch(/^::/);
  expect(text).not.toContain('\u001b[2J');
}

const job = (name: string, extra = '') => `apiVersion: batch/v1
kind: Job
metadata:
  name: ${JSON.stringify(name)}
  namespace: ${JSON.stringify(name)}
spec:${extra}
  template:
    spec:
      restartPolicy: Always
      containers: [{name: c, image: i:1}]
`;

describe('lint -o text', () => {
  test('a hostile object name, namespace and file name are escaped, not printed', () => {
    const result = lintSource(`dir/${HOSTILE}.yaml`, job(HOSTILE), policy);
    const report = { results: result.results, files: 1, linted: 1, skipped: 0 };
    for (const colors of [plain, colored]) expectSafe(formatLintText(report, colors));
    const text = formatLintText(report, plain);
    expect(text).toContain(`dir/${ESCAPED}.yaml\n`);
    expect(text).toContain(`  Job ${ESCAPED}/${ESCAPED}\n`);
  });

  test('so is a message that quotes the manifest', () => {
    const result = lintSource('f.yaml', job('pi', `\n  ${JSON.stringify(HOSTILE)}: 1`), policy);
    const report = { results: result.results, files: 1, linted: 1, skipped: 0 };
    expect(report.results[0]!.findings.some((f) => f.message.includes('\n') || f.path.includes('\n'))).toBe(true);
    for (const colors of [plain, colored]) expectSafe(formatLintText(report, colors));
  });
});

describe('explain', () => {
  test('names, labels and messages quoted from the manifest are escaped', () => {
    const manifest = job(HOSTILE, `\n  managedBy: ${JSON.stringify(HOSTILE)}`).replace(
      '    spec:\n',
      `    metadata: {labels: {a: ${JSON.stringify(HOSTILE)}}}\n    spec:\n`,
    );
    const explanations = explainManifest(`${HOSTILE}.yaml`, manifest, policy).explanations;
    for (const colors of [plain, colored]) expectSafe(formatExplainText(explanations, { colors, width: 100 }));
    const text = formatExplainText(explanations, { colors: plain, width: 1000 });
    expect(text.split('\n')[0]).toBe(`Job ${ESCAPED}/${ESCAPED}  (${ESCAPED}.yaml)`);
  });

  test('every string of the explanations made hostile, the text stays safe', () => {
    const manifest = readFileSync(join(MANIFESTS, 'job-pod-failure-policy-example.yaml'), 'utf8');
    const explanations = taintStrings(explainManifest('f.yaml', manifest, policy).explanations);
    for (const colors of [plain, colored]) expectSafe(formatExplainText(explanations, { colors, width: 80 }));
  });
});

describe('diagnose', () => {
  test('log lines, event messages and reasons are escaped', () => {
    const output = diagnose(loadSnapshot('backoff-limit-exceeded'));
    const tail = { pod: HOSTILE, container: HOSTILE, lines: [HOSTILE, '\u001b[31mred from the app\u001b[0m'] };
    output.logTail = tail;
    output.logTails = [{ ...tail, previous: false, finishedAt: null }];
    output.evidence[0]!.message = HOSTILE;
    output.attempts[0]!.reason = HOSTILE;
    output.attempts[0]!.message = HOSTILE;
    for (const color of [false, true]) expectSafe(formatDiagnosisText(output, { color, width: 100 }));
    const text = formatDiagnosisText(output, { color: false });
    expect(text).toContain(`  │ ${ESCAPED}\n`);
    expect(text).toContain('  │ \\u001b[31mred from the app\\u001b[0m\n');
  });

  test.each(snapshotScenarios())('%s: every string of the output made hostile, the text stays safe', (scenario) => {
    const output = taintStrings(diagnose(loadSnapshot(scenario)));
    for (const color of [false, true]) expectSafe(formatDiagnosisText(output, { color, width: 80 }));
  });
});

describe('index-status', () => {
  const hostileJob = indexedJob({ completions: 2 }, { conditions: [] });
  hostileJob.metadata!.name = HOSTILE;
  const pods = [
    { ...indexPod(0, { phase: 'Failed', reason: HOSTILE }), spec: { nodeName: HOSTILE } },
    indexPod(1, { phase: 'Running' }),
  ];

  test('the Job name, pod reasons and node names are escaped, in the overview and with --index', () => {
    const result = toIndexStatus(snapshotOf(hostileJob, pods));
    if (!result.indexed) throw new Error('expected an Indexed Job');
    const details = toIndexDetails(result.status, [{ first: 0, last: 1 }]);
    for (const colors of [plain, colored]) {
      expectSafe(formatIndexStatusText(result.status, { colors, width: 80 }));
      expectSafe(formatIndexStatusText(result.status, { colors, width: 80, details }));
    }
    expect(formatIndexStatusText(result.status, { colors: plain, width: 80, details })).toContain(ESCAPED);
  });

  test.each(['indexed-mixed-running', 'max-failed-indexes-exceeded', 'success-policy'])(
    '%s: every string of the status made hostile, the text stays safe',
    (scenario) => {
      const result = toIndexStatus(loadSnapshot(scenario));
      if (!result.indexed) throw new Error('expected an Indexed Job');
      const details = toIndexDetails(result.status, [{ first: 0, last: 3 }]);
      const status = taintStrings(result.status);
      for (const colors of [plain, colored]) {
        expectSafe(formatIndexStatusText(status, { colors, width: 80 }));
        expectSafe(formatIndexStatusText(status, { colors, width: 80, details: taintStrings(details) }));
      }
    },
  );
});

/** Keys whose values are enumerations the formatters switch on or index with, left as they are. */
const ENUMS = new Set([
  ...['state', 'kind', 'phase', 'completionMode', 'deletedBy', 'policyAction', 'action', 'type', 'status'],
  ...['severity', 'origin', 'pattern', 'source', 'now', 'createdAt'],
]);

function taintStrings<T>(value: T, key = ''): T {
  if (typeof value === 'string') return (ENUMS.has(key) ? value : `${value}${HOSTILE}`) as T;
  if (Array.isArray(value)) return value.map((item) => taintStrings(item, key)) as T;
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, taintStrings(v, k)])) as T;
  return value;
}
