// The text output: snapshots of a few seeds (reviewed by hand), and the layout rules.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { resolvePolicy, RULES } from '../../../../policy/index.ts';
import { explainManifest } from '../../../../plugin/explain/explain-manifest.ts';
import { createColors } from '../../../../plugin/format/colors.ts';
import { formatExplainText } from '../../../../plugin/format/format-explain-text.ts';

const MANIFESTS = join(import.meta.dirname, '..', '..', '..', 'e2e', 'manifests');
const policy = resolvePolicy(RULES, undefined);
const plain = { colors: createColors(false), width: 100 };

function explainText(file: string, text: string, options = plain): string {
  return formatExplainText(explainManifest(file, text, policy).explanations, options);
}

const seed = (name: string) => explainText(`${name}.yaml`, readFileSync(join(MANIFESTS, `${name}.yaml`), 'utf8'));

const CRONJOB = `apiVersion: batch/v1
kind: CronJob
metadata: {name: report, namespace: batch}
spec:
  schedule: "30 2 * * 1-5"
  timeZone: Europe/Berlin
  concurrencyPolicy: Replace
  startingDeadlineSeconds: 300
  jobTemplate:
    spec:
      ttlSecondsAfterFinished: 3600
      template:
        spec:
          restartPolicy: OnFailure
          containers: [{name: main, image: busybox:1.36}]
`;

describe('explain text', () => {
  test.each(['pi', 'job-pod-failure-policy-example', 'job-success', 'myjob'])('seed %s', (name) => {
    expect(seed(name)).toMatchSnapshot();
  });

  test('a CronJob with OnFailure', () => {
    expect(explainText('cron.yaml', CRONJOB)).toMatchSnapshot();
  });

  test('a manifest the API server rejects starts with the rejections', () => {
    const text = explainText(
      'bad.yaml',
      'apiVersion: batch/v1\nkind: Job\nmetadata: {name: bad}\nspec:\n  backoffLimit: -1\n  template:\n    spec:\n      containers: [{name: c, image: i:1}]\n',
    );
    const lines = text.split('\n');
    expect(lines[1]).toBe('✖ The API server would reject this Job:');
    expect(lines.slice(2, 4).sort()).toEqual([
      '  spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0',
      '  spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
    ]);
    expect(text).toContain('backoffLimit -1 is negative (the API server rejects it): the retry budget is unknown.');
  });

  test('no line is wider than the width, except a word that cannot be broken', () => {
    for (const width of [60, 80, 100]) {
      const text = explainText('pi.yaml', readFileSync(join(MANIFESTS, 'job-success.yaml'), 'utf8'), {
        colors: createColors(false),
        width,
      });
      for (const line of text.split('\n')) {
        // Beyond the width only a single word, after the indent and a "Label:" of its own.
        if (line.length > width)
          expect({
            line,
            words: line
              .trim()
              .replace(/^[A-Z][a-z ]*:\s+/, '')
              .split(' ').length,
          }).toEqual({ line, words: 1 });
      }
    }
  });

  test('colour only when asked', () => {
    const pi = readFileSync(join(MANIFESTS, 'pi.yaml'), 'utf8');
    expect(explainText('pi.yaml', pi).includes('\u001b[')).toBe(false);
    const coloured = explainText('pi.yaml', pi, { colors: createColors(true), width: 100 });
    expect(coloured).toContain('\u001b[1m');
    // Without the escapes, the same text.
    // eslint-disable-next-line no-control-regex
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, '')).toBe(explainText('pi.yaml', pi));
  });

  test('several Jobs: one block each, in order', () => {
    const a = readFileSync(join(MANIFESTS, 'pi.yaml'), 'utf8');
    const b = readFileSync(join(MANIFESTS, 'pi-with-ttl.yaml'), 'utf8');
    const text = explainText('both.yaml', `${a}\n---\n${b}`);
    const headers = text.split('\n').filter((line) => /^Job /.test(line));
    expect(headers).toEqual(['Job pi  (both.yaml)', 'Job pi-with-ttl  (both.yaml, document 2)']);
  });
});
