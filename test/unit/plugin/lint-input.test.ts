import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, test } from '@jest/globals';

/**
 * Input as kubectl reads it, through the real executable: encodings, symbolic links, names that
 * are not UTF-8, and inputs without an end (devices, FIFOs, endless standard input). What kubectl
 * 1.36.4 does with each case is recorded in test/fixtures/kubectl-reading.json.
 */

const BIN = join(import.meta.dirname, '..', '..', '..', 'bin', 'kubectl-job_x.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], options: { input?: string | Buffer; timeout?: number } = {}): Run {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    input: options.input,
    encoding: 'utf8',
    timeout: options.timeout ?? 30_000,
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function lintJson(args: string[], input?: string | Buffer) {
  const r = run(['lint', '-o', 'json', ...args], { input });
  return { ...r, json: JSON.parse(r.stdout || '{"results":[]}') as { results: Record<string, unknown>[] } };
}

const BAD_JOB = `apiVersion: batch/v1
kind: Job
metadata: {name: bad}
spec:
  template:
    spec:
      restartPolicy: Always
      containers: [{name: main, image: busybox}]
`;
const CONFIG_MAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n';

const ruleIds = (results: Record<string, unknown>[]) =>
  results.flatMap((r) => (r.findings as { ruleId: string }[]).map((f) => f.ruleId));

const utf16le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
const utf16be = (text: string) => Buffer.from(Buffer.from(text, 'utf16le')).swap16();
const utf32 = (text: string, littleEndian: boolean) => {
  const codePoints = [0xfeff, ...[...text].map((c) => c.codePointAt(0)!)];
  const bytes = Buffer.alloc(codePoints.length * 4);
  codePoints.forEach((c, i) => (littleEndian ? bytes.writeUInt32LE(c, i * 4) : bytes.writeUInt32BE(c, i * 4)));
  return bytes;
};

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'job-x-input-'));
});

describe('encodings, as cli-runtime FileVisitor decodes them (unicode.BOMOverride over UTF-8)', () => {
  const cases: [string, Buffer][] = [
    ['UTF-16LE with a BOM', utf16le(BAD_JOB)],
    ['UTF-16BE with a BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(BAD_JOB)])],
    ['UTF-8 with a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(BAD_JOB)])],
    ['a UTF-8 BOM at the start of a later document', Buffer.from(`${CONFIG_MAP}---\n\ufeff${BAD_JOB}`)],
    ['a BOM at the start of a later document of a UTF-16 stream', utf16le(`${CONFIG_MAP}---\n\ufeff${BAD_JOB}`)],
  ];
  test.each(cases)('%s: the Job is linted (kubectl applies it)', (name, bytes) => {
    const file = join(dir, `${name.replaceAll(' ', '-')}.yaml`);
    writeFileSync(file, bytes);
    const r = lintJson([file]);
    expect(r.code).toBe(1);
    expect(r.json.results).toEqual([expect.objectContaining({ kind: 'Job', name: 'bad' })]);
    expect(ruleIds(r.json.results)).toContain('restart-policy');
  });

  test('UTF-16 on standard input is decoded too (kubectl decodes stdin the same way)', () => {
    const r = lintJson(['-'], utf16le(BAD_JOB));
    expect(r.code).toBe(1);
    expect(ruleIds(r.json.results)).toContain('restart-policy');
  });

  const refused: [string, Buffer, RegExp][] = [
    ['UTF-32LE with a BOM', utf32(BAD_JOB, true), /UTF-32LE/],
    ['UTF-32BE with a BOM', utf32(BAD_JOB, false), /UTF-32BE/],
    ['UTF-16LE without a BOM', Buffer.from(BAD_JOB, 'utf16le'), /UTF-16 without a byte order mark/],
  ];
  test.each(refused)(
    '%s: an error, as kubectl fails on it ("control characters are not allowed")',
    (name, bytes, says) => {
      const file = join(dir, `${name.replaceAll(' ', '-')}.yaml`);
      writeFileSync(file, bytes);
      const r = lintJson([file]);
      expect(r.code).toBe(1);
      expect(r.json.results).toEqual([
        expect.objectContaining({
          kind: null,
          findings: [expect.objectContaining({ ruleId: 'file-encoding', severity: 'error', origin: 'parser' })],
        }),
      ]);
      expect((r.json.results[0]!.findings as { message: string }[])[0]!.message).toMatch(says);
    },
  );
});

describe('symbolic links and special files in a directory', () => {
  let tree: string;
  beforeAll(() => {
    tree = join(dir, 'links');
    mkdirSync(join(tree, 'walked'), { recursive: true });
    mkdirSync(join(tree, 'elsewhere', 'sub'), { recursive: true });
    writeFileSync(join(tree, 'elsewhere', 'target.yaml'), BAD_JOB);
    writeFileSync(join(tree, 'elsewhere', 'sub', 'inner.yaml'), BAD_JOB.replace('name: bad', 'name: inner'));
    symlinkSync('../elsewhere/target.yaml', join(tree, 'walked', 'link.yaml'));
    // kubectl walks with lstat: a link to a directory is not entered.
    symlinkSync('../elsewhere/sub', join(tree, 'walked', 'dirlink'));
    symlinkSync('loop.yaml', join(tree, 'walked', 'loop.yaml'));
    symlinkSync('missing.yaml', join(tree, 'walked', 'broken.yaml'));
    execFileSync('mkfifo', [join(tree, 'walked', 'fifo.yaml')]);
  });

  test('a linked file is linted under the link name; a linked directory is not entered; loops, dangling links and FIFOs are skipped with a note', () => {
    const r = lintJson([join(tree, 'walked')]);
    expect(r.code).toBe(1);
    expect(r.json.results).toEqual([
      expect.objectContaining({ file: join(tree, 'walked', 'link.yaml'), kind: 'Job', name: 'bad' }),
    ]);
    expect(r.stderr).toContain(`note: skipped ${join(tree, 'walked', 'broken.yaml')}: no such file or directory`);
    expect(r.stderr).toContain(`note: skipped ${join(tree, 'walked', 'loop.yaml')}: too many levels of symbolic links`);
    expect(r.stderr).toContain(`note: skipped ${join(tree, 'walked', 'fifo.yaml')}: not a regular file (a FIFO)`);
  });
});

describe('file names that are not valid UTF-8', () => {
  test('the file is read by its bytes and shown escaped; the other files are linted', () => {
    const tree = join(dir, 'names');
    mkdirSync(tree);
    const raw = Buffer.concat([Buffer.from(`${tree}/bad`), Buffer.from([0xff, 0xfe]), Buffer.from('.yaml')]);
    writeFileSync(raw, BAD_JOB);
    writeFileSync(join(tree, 'good.yaml'), CONFIG_MAP);
    const r = lintJson([tree]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.json.results).toEqual([expect.objectContaining({ file: `${tree}/bad\\xff\\xfe.yaml`, name: 'bad' })]);
    // Node.js gets such a name as an argument with U+FFFD in it: the error says what to do.
    const direct = spawnSync(
      'sh',
      ['-c', `'${process.execPath}' '${BIN}' lint "$(printf '${tree}/bad\\377\\376.yaml')"`],
      {
        encoding: 'utf8',
      },
    );
    expect(direct.status).toBe(2);
    expect(direct.stderr).toContain(
      'a name that is not valid UTF-8 cannot be passed as an argument; give its directory instead',
    );
  });
});

describe('standard input from a terminal', () => {
  test('a note on stderr says how to end it', async () => {
    const { lint } = await import('../../../plugin/commands/lint.ts');
    const { createCommandContext } = await import('../../../plugin/command-context.ts');
    const stdin = Object.assign(Readable.from([Buffer.from(CONFIG_MAP)]), { isTTY: true });
    let stderr = '';
    await lint(
      { paths: ['-'], output: 'json', quiet: false, color: 'never' },
      createCommandContext({
        stdin,
        stdout: { write: () => true },
        stderr: { write: (text: string) => (stderr += text) },
        env: {},
      }),
    );
    expect(stderr).toBe('reading manifests from standard input (a terminal): end with Ctrl-D, stop with Ctrl-C\n');
  });
});

describe('inputs without an end are read up to the cap', () => {
  test('a character device (/dev/zero) stops at 16 MiB with a finding', () => {
    const r = run(['lint', '-o', 'json', '/dev/zero'], { timeout: 20_000 });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).results).toEqual([
      expect.objectContaining({
        file: '/dev/zero',
        findings: [
          expect.objectContaining({
            ruleId: 'file-too-large',
            message: 'file is larger than 16 MiB; job-x reads at most 16 MiB per file (split it)',
          }),
        ],
      }),
    ]);
  });

  test('endless standard input (yes | lint -) stops at 16 MiB with a finding', async () => {
    const child = spawn(process.execPath, [BIN, 'lint', '-o', 'json', '-'], { env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stdin.on('error', () => undefined);
    const line = Buffer.alloc(64 * 1024, 'y\n');
    const pump = (): void => {
      while (!child.stdin.destroyed && child.stdin.write(line));
      if (!child.stdin.destroyed) child.stdin.once('drain', pump);
    };
    pump();
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearTimeout(killer);
    expect(code).toBe(1);
    expect(stdout).toContain('"ruleId": "file-too-large"');
  }, 30_000);

  test('a FIFO that nobody writes to gives up after --read-timeout, naming the flag', () => {
    const fifo = join(dir, 'silent.fifo');
    execFileSync('mkfifo', [fifo]);
    const started = Date.now();
    const r = run(['lint', '--read-timeout', '1s', fifo], { timeout: 20_000 });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: cannot read ${fifo}: no data for 1s (--read-timeout)\n`);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  test('an input that cannot be read after others were reported: their report is completed, then exit 2', () => {
    // Results are written as they are found: the JSON of the inputs before the failing one is closed
    // with its summary, so that it stays valid (the run still fails, with exit 2 and the reason).
    const fifo = join(dir, 'silent-after.fifo');
    execFileSync('mkfifo', [fifo]);
    const file = join(dir, 'before-the-fifo.yaml');
    writeFileSync(file, BAD_JOB);
    const r = run(['lint', '-o', 'json', '--read-timeout', '500ms', file, fifo], { timeout: 20_000 });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: cannot read ${fifo}: no data for 500ms (--read-timeout)\n`);
    const report = JSON.parse(r.stdout) as { results: { file: string }[]; summary: { files: number } };
    expect(report.results.map((result) => result.file)).toEqual([file]);
    expect(report.summary).toMatchObject({ files: 1, linted: 1, errors: 1 });
  });

  test('a path that does not exist stops the run before anything is read or written', () => {
    const file = join(dir, 'before-the-missing-one.yaml');
    writeFileSync(file, BAD_JOB);
    const r = run(['lint', '-o', 'json', file, join(dir, 'no-such-file.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`error: cannot read ${join(dir, 'no-such-file.yaml')}: no such file or directory\n`);
  });

  test('a FIFO with a writer is read to its end', async () => {
    const fifo = join(dir, 'written.fifo');
    execFileSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', `sleep 0.3; cat > '${fifo}'`]);
    writer.stdin.end(BAD_JOB);
    const r = await new Promise<Run>((resolve) => {
      const child = spawn(process.execPath, [BIN, 'lint', '-o', 'json', '--read-timeout', '10s', fifo]);
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).results).toEqual([expect.objectContaining({ file: fifo, name: 'bad' })]);
  }, 30_000);

  test('standard input that sends nothing gives up after --read-timeout', async () => {
    // A pipe whose writer stays open and silent, as in `sleep 60 | lint -`.
    const child = spawn(process.execPath, [BIN, 'lint', '--read-timeout', '500ms', '-']);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearTimeout(killer);
    child.stdin.destroy();
    expect(code).toBe(2);
    expect(stderr).toBe('error: cannot read standard input: no data for 500ms (--read-timeout)\n');
  }, 30_000);
});

describe('the policy file is read up to a cap too', () => {
  test('--policy /dev/zero stops with a clear error', () => {
    const r = run(['lint', '--policy', '/dev/zero', '-'], { input: CONFIG_MAP, timeout: 20_000 });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: cannot read policy file /dev/zero: larger than 1 MiB, more than a policy needs\n');
  });
});
