import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { resolvePolicy, RULES } from '../../../policy/index.ts';
import { fixSource } from '../../../plugin/fix/fix-source.ts';
import { unifiedDiff } from '../../../plugin/fix/unified-diff.ts';
import { expandGlob } from '../../../plugin/lint/expand-glob.ts';

const policy = resolvePolicy(RULES, undefined);
const JOB = (name: string) => `apiVersion: batch/v1
kind: Job
metadata:
    name: ${name} # four spaces of indentation, kept
spec:
    template:
        spec:
            restartPolicy: Never
            containers:
                - name: main
                  image: busybox
`;

describe('--fix on a text', () => {
  test('each Job of a multi-document file is fixed, the indentation of the file kept', () => {
    const text = `${JOB('a')}---\n${JOB('b')}`;
    const outcome = fixSource(text, policy);
    if ('refused' in outcome) throw new Error(outcome.refused);
    expect(outcome.fixes.map((f) => `${f.object} ${f.ruleId}`)).toEqual(['Job a require-ttl', 'Job b require-ttl']);
    expect(outcome.text).toBe(
      `${JOB('a')}    ttlSecondsAfterFinished: 86400\n---\n${JOB('b')}    ttlSecondsAfterFinished: 86400\n`,
    );
  });

  test('a file the yaml package would print otherwise gets only the changed lines; its own spacing stays', () => {
    const odd = JOB('a').replace('kind: Job', 'kind:    Job').replace('name: a #', 'name: a    #');
    const outcome = fixSource(odd, policy);
    expect(outcome).toEqual({ text: `${odd}    ttlSecondsAfterFinished: 86400\n`, fixes: [expect.anything()] });
  });

  test('a fix that has no place in the file as written is refused, the file left alone', () => {
    const flow =
      'apiVersion: batch/v1\nkind: Job\nmetadata: {name: a}\nspec: {template:  {spec: {restartPolicy: Never, containers: [{name: m, image: b}]}}}\n';
    expect(fixSource(flow, policy)).toEqual({ refused: expect.stringContaining('cannot be placed') });
  });

  test('a suppressed rule is not fixed', () => {
    const suppressed = JOB('a').replace(
      '    name: a # four spaces of indentation, kept\n',
      '    name: a\n    annotations:\n        ignore.job-x.dev/require-ttl: "kept for audits"\n',
    );
    const outcome = fixSource(suppressed, policy);
    expect(outcome).toEqual({ text: suppressed, fixes: [] });
  });

  test('the diff is unified, with context', () => {
    expect(unifiedDiff('f.yaml', 'a\nb\nc\n', 'a\nb\nc\nd\n')).toBe(
      '--- a/f.yaml\n+++ b/f.yaml\n@@ -1,3 +1,4 @@\n a\n b\n c\n+d\n',
    );
  });
});

describe('globs expanded by lint', () => {
  test('** spans folders; on Windows a backslash separates', () => {
    const dir = mkdtempSync(join(tmpdir(), 'job-x-glob-'));
    mkdirSync(join(dir, 'a', 'b'), { recursive: true });
    for (const f of ['a/x.yaml', 'a/b/y.yaml', 'a/b/z.json', 'top.yaml']) writeFileSync(join(dir, f), '');
    expect(expandGlob(`${dir}/**/*.yaml`)).toEqual([
      join(dir, 'a', 'b', 'y.yaml'),
      join(dir, 'a', 'x.yaml'),
      join(dir, 'top.yaml'),
    ]);
    expect(expandGlob(`${dir}\\a\\*.yaml`, 'win32')).toEqual([join(dir, 'a', 'x.yaml')]);
    expect(expandGlob(`${dir}/a/x.yaml`)).toBeUndefined();
  });
});
