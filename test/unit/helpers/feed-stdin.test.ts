import { spawn } from 'node:child_process';
import { describe, expect, test } from '@jest/globals';
import { feedStdin } from '../../helpers/feed-stdin.ts';

/** Runs `node -e script` with `input` on stdin; resolves with its exit code and stdout. */
function runNode(script: string, input: string | undefined): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout }));
    feedStdin(child.stdin, input);
  });
}

describe('feedStdin', () => {
  test('a child that exits without reading gives its exit code, not an EPIPE crash', async () => {
    // 16 MiB is far more than a pipe buffers, so the write is still pending when the child is gone.
    const result = await runNode('process.exit(3)', 'x'.repeat(16 * 1024 * 1024));
    expect(result).toEqual({ code: 3, stdout: '' });
  });

  test('a child that reads gets the whole input', async () => {
    const input = 'line\n'.repeat(100_000);
    const script = "let n = 0; process.stdin.on('data', (c) => (n += c.length)).on('end', () => console.log(n));";
    expect(await runNode(script, input)).toEqual({ code: 0, stdout: `${input.length}\n` });
  });

  test('no input: the child sees an empty, closed stdin', async () => {
    const script = "let n = 0; process.stdin.on('data', (c) => (n += c.length)).on('end', () => console.log(n));";
    expect(await runNode(script, undefined)).toEqual({ code: 0, stdout: '0\n' });
  });
});
