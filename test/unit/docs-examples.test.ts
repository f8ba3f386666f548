import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from '@jest/globals';
import { parseAllDocuments } from 'yaml';
import { commandLines, fencedBlocks, runnable, type FencedBlock } from '../helpers/doc-examples.ts';

/**
 * Every example of README.md and docs/*.md that can run offline runs (issue 13): the lint,
 * rules and explain -f commands, in a workspace whose paths stand for the ones the examples
 * name; policy files load as configs; manifests lint without a parser error; every other YAML
 * block parses. An example that names a path the workspace lacks fails here: add the path.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'kubectl-job_x.js');
const DOCS = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];
const blocks: FencedBlock[] = DOCS.flatMap((file) => fencedBlocks(readFileSync(join(ROOT, file), 'utf8'), file));

let workspace: string;
beforeAll(() => {
  workspace = mkdtempSync(join(tmpdir(), 'job-x-doc-examples-'));
  mkdirSync(join(workspace, '.git'));
  for (const folder of ['manifests', 'k8s', 'legacy'])
    cpSync(join(ROOT, 'examples'), join(workspace, folder), { recursive: true });
  cpSync(join(ROOT, 'examples', 'pi-with-ttl.yaml'), join(workspace, 'job.yaml'));
  cpSync(join(ROOT, 'test', 'fixtures', 'render', 'chart'), join(workspace, 'deploy', 'chart'), { recursive: true });
});

function run(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: workspace,
    encoding: 'utf8',
    input: '',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Exit codes that say the example worked: lint may find problems (1), never a usage error (2). */
const OK_CODES: Record<string, number[]> = { lint: [0, 1], rules: [0], explain: [0] };

const commands = blocks
  .filter((b) => b.lang === 'sh' || b.lang === 'console')
  .flatMap((b) => commandLines(b).map((line) => ({ where: `${b.file}:${b.line}`, line, how: runnable(line) })));

describe('README and docs examples', () => {
  test('the runnable commands are found (the test cannot pass by running nothing)', () => {
    expect(commands.filter((c) => c.how.run).length).toBeGreaterThanOrEqual(7);
  });

  test.each(commands.filter((c) => c.how.run).map((c) => [c.where, c.line, c] as const))('%s: %s', (_w, _l, c) => {
    if (!c.how.run) return;
    const r = run(c.how.args);
    const context = { line: c.line, code: r.code, stderr: r.stderr };
    expect(OK_CODES[c.how.args[0]!]).toContain(r.code);
    expect({ ...context, error: /^error:/m.test(r.stderr) }).toEqual({ ...context, error: false });
    if (c.how.json) expect(() => JSON.parse(r.stdout) as unknown).not.toThrow();
  });

  const yamlBlocks = blocks.filter((b) => b.lang === 'yaml');
  test.each(yamlBlocks.map((b) => [`${b.file}:${b.line}`, b] as const))('YAML block %s', (where, block) => {
    const documents = parseAllDocuments(block.text);
    const parsed = Array.isArray(documents) ? documents : [];
    expect(parsed.flatMap((d) => d.errors.map((e) => e.message))).toEqual([]);
    const first: unknown = parsed[0]?.toJS();
    const kind = typeof first === 'object' && first !== null ? (first as { kind?: unknown }).kind : undefined;
    if (kind === 'Policy') {
      const file = join(workspace, `policy-${where.replace(/\W/g, '-')}.yaml`);
      writeFileSync(file, block.text);
      const r = run(['lint', '--config', file, 'k8s/']);
      expect({ where, stderr: r.stderr, ok: [0, 1].includes(r.code ?? -1) }).toEqual({ where, stderr: '', ok: true });
    } else if (kind === 'Job' || kind === 'CronJob') {
      const file = join(workspace, `manifest-${where.replace(/\W/g, '-')}.yaml`);
      writeFileSync(file, block.text);
      const r = run(['lint', '--no-config', '-o', 'json', file]);
      const findings = (JSON.parse(r.stdout) as { results: { findings: { origin: string }[] }[] }).results.flatMap(
        (x) => x.findings,
      );
      expect(findings.filter((f) => f.origin === 'parser')).toEqual([]);
    }
  });
});
