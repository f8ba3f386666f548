import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Runs of `kubectl job-x lint` whose output must not change byte for byte when the way lint
 * produces it changes (streaming, worker threads, reading large files a part at a time): every
 * format on the repository's own inputs, on a directory large enough for worker threads, on a
 * file large enough to be read in parts, and on standard input. Their digests are recorded in
 * test/fixtures/lint-output-digests.json by scripts/record-lint-output-digests.ts.
 */

export const REPO_ROOT = join(import.meta.dirname, '..', '..');
export const BIN = join(REPO_ROOT, 'bin', 'kubectl-job_x.js');
export const DIGESTS_FILE = join(REPO_ROOT, 'test', 'fixtures', 'lint-output-digests.json');

export interface LintOutputCase {
  readonly name: string;
  readonly args: readonly string[];
  /** 'repo' (the repository root) or 'generated' (the folder prepareGeneratedInputs filled). */
  readonly cwd: 'repo' | 'generated';
  /** A file of the generated folder sent on standard input. */
  readonly stdin?: string;
}

export interface LintOutputDigest {
  readonly exitCode: number | null;
  readonly stdoutBytes: number;
  readonly stdoutSha256: string;
  readonly stderr: string;
}

const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
const READING = 'test/fixtures/kubectl-reading';

export const LINT_OUTPUT_CASES: readonly LintOutputCase[] = [
  ...FORMATS.flatMap((format): LintOutputCase[] => [
    { name: `examples -o ${format}`, args: ['-o', format, 'examples'], cwd: 'repo' },
    { name: `kubectl-reading fixtures -o ${format}`, args: ['-o', format, READING], cwd: 'repo' },
    { name: `240 files (worker threads) -o ${format}`, args: ['-o', format, 'many'], cwd: 'generated' },
    { name: `a file read in parts -o ${format}`, args: ['-o', format, 'large.yaml'], cwd: 'generated' },
  ]),
  ...(['text', 'json'] as const).flatMap((format): LintOutputCase[] => [
    { name: `standard input -o ${format}`, args: ['-o', format, '-'], cwd: 'generated', stdin: 'large.yaml' },
    { name: `several paths -q -o ${format}`, args: ['-q', '-o', format, 'many', 'large.yaml'], cwd: 'generated' },
  ]),
  { name: 'examples --color always', args: ['--color', 'always', 'examples', READING], cwd: 'repo' },
];

const JOB = `apiVersion: batch/v1
kind: Job
metadata:
  name: NAME
  labels: {app: "quoted 'value'"}
spec:
  template:
    spec:
      containers: [{name: c, image: busybox, command: ["sh", "-c", "echo 'hi'"]}]
      restartPolicy: Never
`;

/**
 * Files of every kind (NAME stands for the Job's name): clean, with findings, several documents,
 * unreadable YAML, JSON, anchors, Lists, duplicate keys, a control character, a ConfigMap.
 */
export const MANIFEST_VARIANTS = [
  JOB,
  JOB.replace('restartPolicy: Never', 'restartPolicy: Always'),
  `${JOB}---\nkind: [oops\n---\n${JOB}`,
  JSON.stringify({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { parallelism: -1 } }),
  `x: &x {name: c, image: busybox}\n${JOB.replace('containers: [{name: c, image: busybox, command: ["sh", "-c", "echo \'hi\'"]}]', 'containers: [*x]')}`,
  JOB.replace('spec:\n  template', 'spec:\n  parallelism: 1\n  parallelism: 2\n  template'),
  'apiVersion: v1\nkind: ConfigMap\n',
  `apiVersion: v1\nkind: List\nitems:\n- ${JOB.trimEnd().replaceAll('\n', '\n  ')}\n`,
  `${JOB}---\na: "open quote\n---\n${JOB.replace('image: busybox', 'image: "bad image"')}`,
  JOB.replace('name: NAME', 'name: NAME\n  namespace: "ns\\u001b[31m"'),
];

/** The UTF-8 manifests of the kubectl-reading fixtures (the other encodings cannot be concatenated). */
function readingManifests(): string[] {
  const dir = join(REPO_ROOT, READING);
  return readdirSync(dir)
    .sort()
    .filter((name) => name.endsWith('.yaml') && !name.startsWith('encoding-'))
    .map((name) => readFileSync(join(dir, name), 'utf8'));
}

/** Fills `root` with `many/` (240 files) and `large.yaml` (documents of every kind, more than one part: see CHUNK_TARGET). */
export function prepareGeneratedInputs(root: string): void {
  mkdirSync(join(root, 'many'), { recursive: true });
  for (let i = 0; i < 240; i++) {
    const name = join(root, 'many', `m${String(i).padStart(3, '0')}.${i % 10 === 3 ? 'json' : 'yaml'}`);
    writeFileSync(name, MANIFEST_VARIANTS[i % MANIFEST_VARIANTS.length]!.replaceAll('NAME', `job-${i}`));
  }
  const documents = [...MANIFEST_VARIANTS.filter((variant) => !variant.startsWith('{')), ...readingManifests()];
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < 160 * 1024; i++) {
    const document = documents[i % documents.length]!.replaceAll('NAME', `job-${i}`);
    parts.push(document.endsWith('\n') ? document : `${document}\n`);
    size += document.length + 5;
  }
  writeFileSync(join(root, 'large.yaml'), parts.join('---\n'));
}

/** Runs one case with the executable `bin` and digests what it printed. */
export function runLintOutputCase(bin: string, generated: string, testCase: LintOutputCase): LintOutputDigest {
  const result = spawnSync(process.execPath, [bin, 'lint', ...testCase.args], {
    cwd: testCase.cwd === 'repo' ? REPO_ROOT : generated,
    input: testCase.stdin === undefined ? '' : readFileSync(join(generated, testCase.stdin)),
    env: { ...process.env, NO_COLOR: '1' },
    maxBuffer: 1024 * 1024 * 1024,
  });
  // The tool's version is in SARIF: a new version must not look like a changed output.
  const version = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const stdout = result.stdout.toString('utf8').replaceAll(`"version": "${version}"`, '"version": "VERSION"');
  return {
    exitCode: result.status,
    stdoutBytes: Buffer.byteLength(stdout),
    stdoutSha256: createHash('sha256').update(stdout).digest('hex'),
    stderr: result.stderr.toString('utf8'),
  };
}
