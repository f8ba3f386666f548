import { spawnSync } from 'node:child_process';
import { closeSync, linkSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { tinyJobsList, tinyJobsStream } from '../../helpers/large-manifests.ts';

/**
 * lint's memory is bounded by what one part of one file needs, not by the size of a file (within
 * the 16 MiB cap) or the number of files: results are written as they are found. Before, every
 * result of the run was kept to the end (about 17 KB per Job: a 16 MiB file of small Jobs took
 * 2 GB and 35 s, three such files 3.4 GB).
 *
 * The peak is the kernel's (getrusage's maxRSS: every thread, the heap and all), read when the
 * built CLI exits, by a module loaded before it. Not a timing test: only memory is bounded.
 */

const BIN = join(import.meta.dirname, '..', '..', '..', 'bin', 'kubectl-job_x.js');
const MIB = 1024 * 1024;
const LIMIT = 300 * MIB;
const REPORT_PEAK =
  'data:text/javascript,process.on("exit",()=>process.stderr.write(`\\nmaxRSS=${process.resourceUsage().maxRSS}\\n`))';

let dir: string;
let jobsIn16MiB: number;
let jobsIn8MiB: number;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'job-x-memory-'));
  const large = tinyJobsStream(16 * MIB);
  jobsIn16MiB = large.jobs;
  writeFileSync(join(dir, 'jobs-16.yaml'), large.text);
  const medium = tinyJobsStream(8 * MIB);
  jobsIn8MiB = medium.jobs;
  writeFileSync(join(dir, 'jobs-8.yaml'), medium.text);
  writeFileSync(join(dir, 'list.yaml'), tinyJobsList(16 * MIB));
  // Files are links to one file (the kernel caches it once, the test writes it once).
  linkedFiles('six', 6, tinyJobsStream(1.4 * MIB).text);
  // Enough files for worker threads (200 or more), and twice as many.
  const small = tinyJobsStream(32 * 1024).text;
  linkedFiles('workers-240', 240, small);
  linkedFiles('workers-480', 480, small);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function linkedFiles(folder: string, count: number, text: string): void {
  mkdirSync(join(dir, folder));
  const first = join(dir, folder, 'f000.yaml');
  writeFileSync(first, text);
  for (let i = 1; i < count; i++) linkSync(first, join(dir, folder, `f${String(i).padStart(3, '0')}.yaml`));
}

/** Runs lint -o FORMAT on the paths, stdout to a file; its exit code, peak RSS and the output's end. */
function lintPeak(format: string, paths: readonly string[]) {
  const out = join(dir, `out-${format}`);
  const fd = openSync(out, 'w');
  try {
    const result = spawnSync(process.execPath, ['--import', REPORT_PEAK, BIN, 'lint', '-o', format, ...paths], {
      stdio: ['ignore', fd, 'pipe'],
      encoding: 'utf8',
      timeout: 120_000,
    });
    const peak = /maxRSS=(\d+)/.exec(result.stderr);
    const output = readFileSync(out, 'utf8');
    return {
      exit: { code: result.status, signal: result.signal, stderr: result.stderr.replace(/\n?maxRSS=\d+\n/, '') },
      peak: peak ? Number(peak[1]) * 1024 : Number.NaN,
      tail: output.slice(-400),
    };
  } finally {
    closeSync(fd);
  }
}

const FOUND_ERRORS = { code: 1, signal: null, stderr: '' };

describe('lint memory', () => {
  test('16 MiB of small Jobs in one file, -o json: under 300 MiB, every Job reported', () => {
    const run = lintPeak('json', [join(dir, 'jobs-16.yaml')]);
    expect(run.exit).toEqual(FOUND_ERRORS);
    expect(run.tail).toContain(`"linted": ${jobsIn16MiB},`);
    expect(run.peak).toBeLessThan(LIMIT);
  }, 120_000);

  test.each(['text', 'sarif'])(
    '8 MiB of small Jobs in one file, -o %s: under 300 MiB',
    (format) => {
      const run = lintPeak(format, [join(dir, 'jobs-8.yaml')]);
      expect(run.exit).toEqual(FOUND_ERRORS);
      if (format === 'text') expect(run.tail).toContain(`in ${jobsIn8MiB} Job/CronJobs`);
      else expect(run.tail).toMatch(/\}\n {6}\]\n {4}\}\n {2}\]\n\}\n$/);
      expect(run.peak).toBeLessThan(LIMIT);
    },
    120_000,
  );

  test('one List document of 16 MiB (too large for the API server): under 300 MiB', () => {
    const run = lintPeak('json', [join(dir, 'list.yaml')]);
    expect(run.exit).toEqual(FOUND_ERRORS);
    expect(run.tail).toContain('"errors": 1,');
    expect(run.peak).toBeLessThan(LIMIT);
  }, 120_000);

  test('six files of 1.4 MiB, one after the other: under 300 MiB', () => {
    const run = lintPeak('json', [join(dir, 'six')]);
    expect(run.exit).toEqual(FOUND_ERRORS);
    expect(run.tail).toContain('"files": 6,');
    expect(run.peak).toBeLessThan(LIMIT);
  }, 120_000);

  test('on worker threads, twice as many files need no more memory', () => {
    // Each worker thread has a heap of its own (about 100 MB at most): the bound is on growth.
    const fewer = lintPeak('json', [join(dir, 'workers-240')]);
    const more = lintPeak('json', [join(dir, 'workers-480')]);
    expect([fewer.exit, more.exit]).toEqual([FOUND_ERRORS, FOUND_ERRORS]);
    expect(more.tail).toContain('"files": 480,');
    expect(more.peak).toBeLessThan(fewer.peak * 1.25);
  }, 120_000);
});
