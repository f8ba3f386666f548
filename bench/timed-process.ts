// What the cluster benchmarks (bench:diagnose, bench:audit) share: a command timed spawn to exit
// with its peak RSS, and a bounded pool of concurrent requests for setting the testbed up.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TIME = '/usr/bin/time';

export interface TimedRun {
  wallMs: number;
  maxRssKiB: number;
  code: number;
  stdoutBytes: number;
  stderr: string;
  /** Where stdout went (the last run's output, read it before the next run). */
  outFile: string;
}

/** Spawns under /usr/bin/time; stdout to a file so this process does no work while it runs. */
export function timed(
  bench: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<TimedRun> {
  const dir = join(tmpdir(), `${bench}-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const timeFile = join(dir, 'time.txt');
  const outFile = join(dir, 'out.txt');
  return new Promise((resolvePromise, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(
      'bash',
      ['-c', `exec "$0" -f '%M' -o "${timeFile}" "$@" > "${outFile}"`, TIME, command, ...args],
      { env, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      const rss = Number(readFileSync(timeFile, 'utf8').trim().split('\n').at(-1));
      resolvePromise({
        wallMs,
        maxRssKiB: rss,
        code: code ?? -1,
        stdoutBytes: readFileSync(outFile).length,
        stderr,
        outFile,
      });
    });
  });
}

/** Runs `work` over items with at most `limit` in flight. */
export async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}
