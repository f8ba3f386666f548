import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { ConfigError, ExitError, UsageError } from '../../../edge/index.ts';
import { resolvePolicy, RULES } from '../../../policy/index.ts';
import { createCommandContext } from '../../../plugin/command-context.ts';
import { lint, type LintFormat } from '../../../plugin/commands/lint.ts';
import { toExplainOutput } from '../../../plugin/commands/explain.ts';
import { explainManifest } from '../../../plugin/explain/explain-manifest.ts';
import { createColors } from '../../../plugin/format/colors.ts';
import { formatExplainText } from '../../../plugin/format/format-explain-text.ts';
import { formatStructured } from '../../../plugin/format/format-structured.ts';
import { compileSchema, loadSchema, type Validate } from '../../helpers/output-schemas.ts';
import { hostileValues, objectOf, PROTOTYPE_NAMES } from '../../helpers/hostile-values.ts';

/**
 * Fuzzing lint through its real entry: the `lint` command in this process (standard input, every
 * output format) and a few runs of the built executable. Inputs are arbitrary bytes and text, and
 * manifests (the examples) mutated with prototype-named keys, toString-carrying values, numbers
 * past every limit, control characters, deep nesting, text damage, Lists, and other encodings.
 * Whatever the input: no exception escapes but the exit codes' own, no stack trace, exit code 0, 1
 * or 2, valid JSON (against its schema) and SARIF, no internal-error finding, and each input done
 * in bounded time and memory.
 *
 * CI runs a fixed seed. The long mode is run by hand, e.g.
 *   JOBX_FUZZ_RUNS=20000 [JOBX_FUZZ_SEED=n] node --experimental-vm-modules \
 *     node_modules/jest/bin/jest.js test/unit/plugin/lint-fuzz --selectProjects unit
 * and prints its figures (runs, time, slowest input, peak RSS) at the end.
 */
const LONG = process.env.JOBX_FUZZ_RUNS !== undefined;
const RUNS = Number(process.env.JOBX_FUZZ_RUNS ?? 120);
const SEED = Number(process.env.JOBX_FUZZ_SEED ?? 20261206);
const CLI_INPUTS = LONG ? 60 : 12;
/** Generous: a hang or a blow-up, not a slow machine, is what these catch. */
const MAX_SECONDS_PER_INPUT = 20;
/**
 * Growth of this process's RSS since the file began. Jest's worker runs other test files before this
 * one (some lint hundreds of MiB on purpose), and RSS seldom shrinks, so the absolute figure says
 * more about the worker's history than about these inputs; the growth is what a blow-up shows.
 */
const MAX_RSS_GROWTH_MIB = 1024;
const rssMib = (): number => process.memoryUsage().rss / 1024 / 1024;
const TIMEOUT_MS = LONG ? 24 * 3600_000 : 180_000;

const REPO = join(import.meta.dirname, '..', '..', '..');
const BIN = join(REPO, 'bin', 'kubectl-job_x.js');
const policy = resolvePolicy(RULES, undefined);

// ------------------------------------------------------------------ inputs

const EXAMPLES = join(REPO, 'examples');
const SEEDS: unknown[] = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => parse(readFileSync(join(EXAMPLES, f), 'utf8')) as unknown);

/** Deep nesting goes into the text as one flow collection: block YAML that deep is quadratic in size. */
const deepMarker = (depth: number, asMapping: boolean): string => `JOBXDEEP${depth}${asMapping ? 'M' : 'A'}`;
const DEEP_MARKER = /"?JOBXDEEP(\d+)([MA])"?/g;
const expandDeep = (text: string): string =>
  text.replace(DEEP_MARKER, (_, depth: string, kind: string) =>
    kind === 'M'
      ? `${'{"a":'.repeat(Number(depth))}1${'}'.repeat(Number(depth))}`
      : `${'['.repeat(Number(depth))}1${']'.repeat(Number(depth))}`,
  );
const value = hostileValues(deepMarker);

/** Every mapping and sequence of a document, as paths, so that an edit can pick one. */
function containers(node: unknown, path: (string | number)[] = [], out: (string | number)[][] = []) {
  if (typeof node !== 'object' || node === null) return out;
  out.push(path);
  if (Array.isArray(node)) node.forEach((item, i) => containers(item, [...path, i], out));
  else for (const [key, item] of Object.entries(node)) containers(item, [...path, key], out);
  return out;
}

function at(root: unknown, path: readonly (string | number)[]): Record<string | number, unknown> {
  let node = root as Record<string | number, unknown>;
  for (const key of path) node = node[key] as Record<string | number, unknown>;
  return node;
}

interface Edit {
  readonly where: number;
  readonly key: string | number | null;
  readonly value: unknown;
}

function applyEdit(document: unknown, edit: Edit): void {
  const paths = containers(document);
  // A copy: generated constants are shared between runs, and an edit may nest a value in itself.
  const value = structuredClone(edit.value);
  const node = at(document, paths[edit.where % paths.length]!);
  if (Array.isArray(node)) {
    const index = typeof edit.key === 'number' ? edit.key % (node.length + 1) : node.length;
    node[index] = value;
    return;
  }
  const keys = Object.keys(node);
  const key =
    edit.key === null && keys.length > 0
      ? keys[0]!
      : typeof edit.key === 'number'
        ? (keys[edit.key % Math.max(1, keys.length)] ?? 'x')
        : (edit.key ?? 'x');
  Object.defineProperty(node, key, { value, enumerable: true, writable: true, configurable: true });
}

const edit: fc.Arbitrary<Edit> = fc.record({
  where: fc.nat(),
  key: fc.oneof(fc.constant(null), fc.nat(), fc.constantFrom(...PROTOTYPE_NAMES), fc.string({ maxLength: 8 })),
  value,
});

type TextEdit =
  | { readonly kind: 'truncate' | 'delete-line' | 'indent-line' | 'crlf'; readonly at: number }
  | { readonly kind: 'insert'; readonly at: number; readonly text: string };

const LOOKALIKES = [
  '\uff1a',
  '\u00a0',
  '\u201c',
  '\u201d',
  '\u2018',
  '\t',
  '\u0000',
  '\ufeff',
  '\u2028',
  ': ',
  '- ',
  '&a ',
  '*a',
  '<<: ',
  '!!binary ',
];
const textEdit: fc.Arbitrary<TextEdit> = fc.oneof(
  fc.record({ kind: fc.constantFrom('truncate', 'delete-line', 'indent-line', 'crlf'), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert'),
    at: fc.nat(),
    text: fc.oneof(fc.constantFrom(...LOOKALIKES), fc.string({ unit: 'binary', maxLength: 6 })),
  }),
) as fc.Arbitrary<TextEdit>;

function applyTextEdit(text: string, e: TextEdit): string {
  const at = text.length === 0 ? 0 : e.at % text.length;
  const lines = text.split('\n');
  const line = lines.length === 0 ? 0 : e.at % lines.length;
  switch (e.kind) {
    case 'truncate':
      return text.slice(0, at);
    case 'insert':
      return text.slice(0, at) + e.text + text.slice(at);
    case 'delete-line':
      return lines.filter((_, i) => i !== line).join('\n');
    case 'indent-line':
      return lines.map((l, i) => (i === line ? ` ${l}` : l)).join('\n');
    case 'crlf':
      return text.replace(/\n/g, '\r\n');
  }
}

const ENCODINGS = ['utf8', 'utf8-bom', 'utf16le', 'utf16be', 'utf32le', 'utf32be', 'latin1'] as const;
type Encoding = (typeof ENCODINGS)[number];

function encode(text: string, encoding: Encoding): Buffer {
  const utf16le = (t: string) => Buffer.from(`\ufeff${t}`, 'utf16le');
  switch (encoding) {
    case 'utf8':
      return Buffer.from(text, 'utf8');
    case 'utf8-bom':
      return Buffer.from(`\ufeff${text}`, 'utf8');
    case 'utf16le':
      return utf16le(text);
    case 'utf16be':
      return utf16le(text).swap16();
    case 'utf32le':
    case 'utf32be': {
      const codePoints = [0xfeff, ...Array.from(text, (c) => c.codePointAt(0)!)];
      const out = Buffer.alloc(codePoints.length * 4);
      codePoints.forEach((cp, i) =>
        encoding === 'utf32le' ? out.writeUInt32LE(cp, i * 4) : out.writeUInt32BE(cp, i * 4),
      );
      return out;
    }
    case 'latin1':
      return Buffer.from(text, 'latin1');
  }
}

interface Manifest {
  readonly seed: number;
  readonly edits: Edit[];
  readonly format: 'yaml' | 'json' | 'json-pretty';
  readonly wrap: 'none' | 'list' | 'nested-list' | 'stream';
  readonly textEdits: TextEdit[];
  readonly encoding: Encoding;
}

function toBytes(m: Manifest): Buffer {
  const document = structuredClone(SEEDS[m.seed % SEEDS.length]);
  for (const e of m.edits) applyEdit(document, e);
  const list = (items: unknown[]) =>
    objectOf([
      ['apiVersion', 'v1'],
      ['kind', 'List'],
      ['items', items],
    ]);
  const wrapped =
    m.wrap === 'list' ? list([document]) : m.wrap === 'nested-list' ? list([list([list([document])])]) : document;
  const serialize = (v: unknown): string =>
    m.format === 'yaml'
      ? stringify(v, { version: '1.1', lineWidth: 0 })
      : JSON.stringify(v, null, m.format === 'json-pretty' ? 2 : undefined);
  let text = expandDeep(
    m.wrap === 'stream' ? `${serialize(document)}\n---\n${serialize(SEEDS[0])}` : serialize(wrapped),
  );
  for (const e of m.textEdits) text = applyTextEdit(text, e);
  return encode(text, m.encoding);
}

const manifest: fc.Arbitrary<Buffer> = fc
  .record({
    seed: fc.nat(),
    edits: fc.array(edit, { maxLength: 5 }),
    format: fc.constantFrom('yaml', 'json', 'json-pretty'),
    wrap: fc.constantFrom('none', 'none', 'list', 'nested-list', 'stream'),
    // Mostly intact text in UTF-8, so that most inputs reach the rules.
    textEdits: fc.oneof(
      { weight: 3, arbitrary: fc.constant<TextEdit[]>([]) },
      { weight: 1, arbitrary: fc.array(textEdit, { maxLength: 3 }) },
    ),
    encoding: fc.oneof(
      { weight: 5, arbitrary: fc.constant('utf8' as const) },
      { weight: 1, arbitrary: fc.constantFrom(...ENCODINGS) },
    ),
  })
  .map(toBytes);

/** Bytes that fast-check prints as text when it reports a counterexample (a Buffer prints as numbers). */
function readable(bytes: Buffer): Buffer {
  return Object.assign(bytes, {
    [fc.toStringMethod]: () => `bytes of ${JSON.stringify(bytes.toString('utf8'))} (${bytes.length} bytes)`,
  });
}

/** What lint reads: mostly mutated manifests, and arbitrary bytes and text. */
const input: fc.Arbitrary<Buffer> = fc
  .oneof(
    { weight: 6, arbitrary: manifest },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 4096 }).map((b) => Buffer.from(b)) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 2000 }).map((t) => Buffer.from(t, 'utf8')) },
  )
  .map(readable);

// ------------------------------------------------------------------ checks

interface Figures {
  runs: number;
  seconds: number;
  slowestSeconds: number;
  slowestBytes: number;
  largestBytes: number;
  exitCodes: Record<string, number>;
  findings: number;
  objects: number;
}
const figures: Figures = {
  runs: 0,
  seconds: 0,
  slowestSeconds: 0,
  slowestBytes: 0,
  largestBytes: 0,
  exitCodes: {},
  findings: 0,
  objects: 0,
};

let validateJson: Validate;
let rssAtStartMib = 0;
beforeAll(async () => {
  rssAtStartMib = rssMib();
  validateJson = await compileSchema(loadSchema('lint-output'));
});

afterAll(() => {
  if (!LONG) return;
  const peakRssMib = Math.round(process.resourceUsage().maxRSS / 1024);
  console.error(
    `lint fuzz (seed ${SEED}): ${figures.runs} inputs in ${figures.seconds.toFixed(1)} s; slowest ${figures.slowestSeconds.toFixed(2)} s ` +
      `(${figures.slowestBytes} bytes); largest input ${figures.largestBytes} bytes; exit codes ${JSON.stringify(figures.exitCodes)}; ` +
      `${figures.objects} Jobs and CronJobs linted, ${figures.findings} findings; peak RSS of this process ${peakRssMib} MiB`,
  );
});

const STACK_LINE = /^\s+at .+(:\d+:\d+\)?|\(native\))$/m;

/** `kubectl job-x lint -o FORMAT -` in this process; the exit code as main would set it. */
async function lintStdin(bytes: Buffer, output: LintFormat): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const stdin = Object.assign(Readable.from([bytes]), { isTTY: false });
  try {
    await lint(
      { paths: ['-'], output, quiet: false, color: 'never' },
      createCommandContext({
        stdin,
        stdout: { write: (t: string) => (stdout += t), isTTY: false },
        stderr: { write: () => true },
        env: { NO_COLOR: '1' },
      }),
    );
    return { code: 0, stdout };
  } catch (error) {
    if (error instanceof ExitError) return { code: error.code, stdout };
    // A clear error for the user (main prints it as one line): never anything else.
    if (error instanceof UsageError || error instanceof ConfigError) {
      expect(error.message).not.toMatch(STACK_LINE);
      return { code: 2, stdout };
    }
    throw error;
  }
}

interface JsonReport {
  results: { kind: string | null; findings: { ruleId: string; line: number; column: number; message: string }[] }[];
}

function checkJson(stdout: string): JsonReport {
  const report = JSON.parse(stdout) as JsonReport;
  expect({ valid: validateJson(report), errors: validateJson.errors ?? null }).toEqual({ valid: true, errors: null });
  for (const finding of report.results.flatMap((r) => r.findings)) {
    expect({ ruleId: finding.ruleId, message: finding.message }).not.toEqual(
      expect.objectContaining({ ruleId: 'internal-error' }),
    );
    expect(Number.isInteger(finding.line) && finding.line >= 1).toBe(true);
  }
  return report;
}

function checkSarif(stdout: string): void {
  const sarif = JSON.parse(stdout) as {
    version: string;
    runs: { tool: { driver: { rules: { id: string }[] } }; results: Record<string, unknown>[] }[];
  };
  expect(sarif.version).toBe('2.1.0');
  expect(sarif.runs).toHaveLength(1);
  const ruleIds = new Set(sarif.runs[0]!.tool.driver.rules.map((r) => r.id));
  for (const result of sarif.runs[0]!.results) {
    expect(ruleIds.has(result.ruleId as string)).toBe(true);
    expect(['error', 'warning', 'note']).toContain(result.level);
    expect(typeof (result.message as { text: unknown }).text).toBe('string');
    const region = (result.locations as { physicalLocation: { region: { startLine: number } } }[])[0]!.physicalLocation
      .region;
    expect(Number.isInteger(region.startLine) && region.startLine >= 1).toBe(true);
  }
}

async function checkInProcess(bytes: Buffer): Promise<void> {
  const started = performance.now();
  const json = await lintStdin(bytes, 'json');
  expect([0, 1, 2]).toContain(json.code);
  if (json.code !== 2) {
    const { results } = checkJson(json.stdout);
    figures.findings += results.flatMap((r) => r.findings).length;
    figures.objects += results.filter((r) => r.kind !== null).length;
  }
  const sarif = await lintStdin(bytes, 'sarif');
  expect(sarif.code).toBe(json.code);
  if (sarif.code !== 2) checkSarif(sarif.stdout);
  const text = await lintStdin(bytes, 'text');
  expect(text.code).toBe(json.code);
  const explained = explainManifest('fuzz.yaml', bytes.toString('utf8'), policy);
  for (const problem of explained.problems) expect(problem.message).not.toContain('please report');
  formatExplainText(explained.explanations, { colors: createColors(false), width: 100 });
  formatStructured(toExplainOutput(explained.explanations), 'json');
  const seconds = (performance.now() - started) / 1000;
  figures.runs++;
  figures.seconds += seconds;
  figures.exitCodes[json.code] = (figures.exitCodes[json.code] ?? 0) + 1;
  figures.largestBytes = Math.max(figures.largestBytes, bytes.length);
  if (seconds > figures.slowestSeconds) {
    figures.slowestSeconds = seconds;
    figures.slowestBytes = bytes.length;
  }
  expect(seconds).toBeLessThan(MAX_SECONDS_PER_INPUT);
  expect(rssMib() - rssAtStartMib).toBeLessThan(MAX_RSS_GROWTH_MIB);
}

describe('lint fuzz', () => {
  test(
    `in process: ${RUNS} inputs through lint -o json|sarif|text - and explain -f -o text|json (seed ${SEED})`,
    async () => {
      await fc.assert(fc.asyncProperty(input, checkInProcess), { seed: SEED, numRuns: RUNS, endOnFailure: true });
    },
    TIMEOUT_MS,
  );

  test(
    `the executable: ${CLI_INPUTS} inputs as files, a directory and standard input`,
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'job-x-lint-fuzz-'));
      const files = join(dir, 'files');
      mkdirSync(files);
      const inputs = fc.sample(input, { seed: SEED + 1, numRuns: CLI_INPUTS });
      inputs.forEach((bytes, i) => writeFileSync(join(files, `input-${String(i).padStart(3, '0')}.yaml`), bytes));
      const run = (args: string[], stdin?: Buffer) => {
        // A heap limit: a blow-up ends the process (and the exit code check fails) instead of the machine.
        const r = spawnSync(process.execPath, ['--max-old-space-size=512', BIN, 'lint', ...args], {
          input: stdin,
          encoding: 'utf8',
          env: { ...process.env, NO_COLOR: '1' },
          timeout: 120_000,
          maxBuffer: 256 * 1024 * 1024,
        });
        const context = `lint ${args.join(' ')}: status ${r.status} signal ${r.signal}\n${r.stderr.slice(0, 2000)}`;
        expect({ context, code: [0, 1, 2].includes(r.status ?? -1) }).toEqual({ context, code: true });
        expect(r.stderr).not.toMatch(STACK_LINE);
        expect(r.stderr).not.toContain('internal error');
        if (r.status === 2) expect(r.stderr).toMatch(/^error: /);
        return r;
      };
      const json = run(['-o', 'json', files]);
      if (json.status !== 2) checkJson(json.stdout);
      const sarif = run(['-o', 'sarif', files]);
      expect(sarif.status).toBe(json.status);
      if (sarif.status !== 2) checkSarif(sarif.stdout);
      expect(run(['-o', 'text', files]).status).toBe(json.status);
      for (const bytes of inputs.slice(0, LONG ? inputs.length : 3)) {
        const one = run(['-o', 'json', '-'], bytes);
        if (one.status !== 2) checkJson(one.stdout);
      }
    },
    TIMEOUT_MS,
  );
});
