import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from '@jest/globals';
import { resolvePolicy, RULES } from '../../../policy/index.ts';
import { lintFiles, type FileOutcome } from '../../../plugin/lint/lint-file.ts';
import { lintInParallel, workerCount, type ParallelOptions } from '../../../plugin/lint/lint-pool.ts';
import type { LintSink } from '../../../plugin/lint/lint-sink.ts';
import type { ObjectResult } from '../../../plugin/lint/lint-source.ts';
import { expandInputs } from '../../../plugin/lint/sources.ts';
import type { JobXPolicy } from '../../../schemas/generated/policy.ts';
import { MANIFEST_VARIANTS as VARIANTS } from '../../helpers/lint-output-cases.ts';
import { tinyJob } from '../../helpers/large-manifests.ts';

let dir: string;
let files: string[];
const policy = resolvePolicy(RULES, undefined);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'job-x-pool-'));
  files = Array.from({ length: 240 }, (_, i) => {
    const file = join(dir, `m${String(i).padStart(3, '0')}.yaml`);
    writeFileSync(file, VARIANTS[i % VARIANTS.length]!.replaceAll('NAME', `job-${i}`));
    return file;
  });
});

/** Lints in parallel into a sink that gathers what each file gave, as lintFiles gives it (a read error ends the list). */
async function outcomesInParallel(
  paths: readonly string[],
  policyDocument: JobXPolicy | undefined,
  workers: number,
  options?: ParallelOptions,
): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = [];
  let results: ObjectResult[] = [];
  const sink: LintSink = {
    results: (part) => void results.push(...part),
    inputDone: (skipped) => {
      outcomes.push({ result: { file: results[0]?.file ?? paths[outcomes.length]!, results, skipped } });
      results = [];
    },
  };
  try {
    await lintInParallel(
      paths,
      { policies: [{ resolved: resolvePolicy(RULES, policyDocument), document: policyDocument }] },
      workers,
      sink,
      options,
    );
  } catch (error) {
    outcomes.push({ error: (error as Error).message });
  }
  return outcomes;
}

/** What lintFiles gives, with each result's file as the sink sees it (a file without results names itself). */
const onThisThread = (paths: readonly string[], document?: JobXPolicy): FileOutcome[] =>
  lintFiles(paths, resolvePolicy(RULES, document));

describe('linting on worker threads', () => {
  test('gives the same results, in file order, as linting on this thread', async () => {
    const expected = onThisThread(files);
    // Workers alone, then workers with this thread: whoever lints a batch, the order is the files'.
    expect(await outcomesInParallel(files, undefined, 2, { thisThread: false })).toEqual(expected);
    expect(await outcomesInParallel(files, undefined, 1)).toEqual(expected);
  }, 30_000);

  test('a file that cannot be read is an error at its place; the files before it are linted', async () => {
    const withMissing = [...files.slice(0, 100), join(dir, 'missing.yaml'), ...files.slice(100)];
    const outcomes = await outcomesInParallel(withMissing, undefined, 1, { thisThread: false });
    expect(outcomes).toHaveLength(101);
    expect(outcomes.slice(0, 100)).toEqual(onThisThread(files.slice(0, 100)));
    expect(outcomes[100]).toEqual({ error: `cannot read ${join(dir, 'missing.yaml')}: no such file or directory` });
  }, 30_000);

  test('a policy reaches the workers', async () => {
    const document: JobXPolicy = { apiVersion: 'job-x.dev/v1alpha1', kind: 'Policy', rules: { 'require-ttl': 'off' } };
    const outcomes = await outcomesInParallel(files, document, 1, { thisThread: false });
    expect(outcomes).toEqual(onThisThread(files, document));
    const ruleIds = outcomes.flatMap((outcome) =>
      'result' in outcome ? outcome.result.results.flatMap((r) => r.findings.map((f) => f.ruleId)) : [],
    );
    expect(ruleIds).not.toContain('require-ttl');
  }, 30_000);

  test("each file is linted with its own config's policy, on the workers as here", async () => {
    const off: JobXPolicy = { apiVersion: 'job-x.dev/v1alpha1', kind: 'Policy', rules: { 'require-ttl': 'off' } };
    const policies = [
      { resolved: policy, document: undefined },
      { resolved: resolvePolicy(RULES, off), document: off },
    ];
    const configs = files.map((_, i) => i % 2);
    const ttlFiles = new Set<string>();
    const sink: LintSink = {
      results: (part) => {
        for (const r of part) if (r.findings.some((f) => f.ruleId === 'require-ttl')) ttlFiles.add(r.file);
      },
      inputDone: () => undefined,
    };
    await lintInParallel(files, { policies, configs }, 2, sink, { thisThread: false });
    const expected = files.filter(
      (file, i) =>
        configs[i] === 0 &&
        lintFiles([file], policy).some(
          (o) => 'result' in o && o.result.results.some((r) => r.findings.some((f) => f.ruleId === 'require-ttl')),
        ),
    );
    expect(expected.length).toBeGreaterThan(10);
    expect([...ttlFiles].sort()).toEqual(expected.sort());
  }, 30_000);

  test('a file over 1 MiB is linted in its turn on this thread, its results handed over a part at a time', async () => {
    const big = join(dir, 'big.yaml');
    const jobs = Array.from({ length: 9000 }, (_, i) => tinyJob(i));
    writeFileSync(big, jobs.join('---\n'));
    const paths = [...files.slice(0, 120), big, ...files.slice(120)];
    let parts = 0;
    let bigParts = 0;
    const order: string[] = [];
    const sink: LintSink = {
      results: (part) => {
        parts++;
        if (part[0]?.file === big) bigParts++;
        for (const result of part) if (order.at(-1) !== result.file) order.push(result.file);
      },
      inputDone: () => undefined,
    };
    await lintInParallel(paths, { policies: [{ resolved: policy, document: undefined }] }, 1, sink, {
      thisThread: false,
    });
    expect(bigParts).toBeGreaterThan(3);
    expect(parts).toBeGreaterThan(paths.length);
    expect(order).toEqual(
      paths.filter((path) => !VARIANTS[files.indexOf(path) % VARIANTS.length]?.includes('ConfigMap')),
    );
  }, 60_000);

  test('small inputs stay on this thread', () => {
    expect(workerCount(1)).toBe(0);
    expect(workerCount(199)).toBe(0);
  });
});

describe('expanding the paths', () => {
  test('directories are walked in sorted order for manifests only; an error stops the expansion where it happened', () => {
    const tree = mkdtempSync(join(tmpdir(), 'job-x-walk-'));
    mkdirSync(join(tree, 'b', 'node_modules'), { recursive: true });
    for (const name of ['b/z.yml', 'b/a.json', 'b/node_modules/x.yaml', 'a.yaml', 'notes.txt', 'c.YAML'])
      writeFileSync(join(tree, name), 'a: 1\n');
    expect(expandInputs([tree, '-', join(tree, 'missing'), join(tree, 'a.yaml')])).toEqual([
      { kind: 'file', path: join(tree, 'a.yaml'), config: 0 },
      { kind: 'file', path: join(tree, 'b', 'a.json'), config: 0 },
      { kind: 'file', path: join(tree, 'b', 'z.yml'), config: 0 },
      { kind: 'file', path: join(tree, 'c.YAML'), config: 0 },
      { kind: 'stdin', config: 0 },
      {
        kind: 'error',
        error: expect.objectContaining({ message: `cannot read ${join(tree, 'missing')}: no such file or directory` }),
      },
    ]);
  });
});
