/**
 * Peak memory of `kubectl job-x lint` on large inputs: 1, 10 and 100 files of 16 MiB (the most
 * lint reads of one file), full of small Jobs or of realistic Jobs and CronJobs (bench:lint's
 * corpus generator), in each output format. A measurement, not a test (test/unit/plugin/
 * lint-memory.test.ts holds the bounds); figures in bench/README.md.
 *
 *   npm run build && node bench/lint/lint-memory.ts [--counts 1,10,100] [--formats json,text,sarif]
 *     [--kinds tiny,realistic] [--bin path/to/kubectl-job_x.js] [--dir /tmp/...]
 *
 * The files are written under --dir (default: a new folder in the system's temporary folder,
 * removed at the end); the 10 and 100 files are hard links to one file per kind, so that the
 * disk and the page cache hold it once. The peak is the kernel's (getrusage's maxRSS, every
 * thread), read as the CLI exits by a module loaded before it; wall time from spawn to exit.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, linkSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { tinyJobsStream } from '../../test/helpers/large-manifests.ts';
import { buildCorpus } from './generate-corpus.ts';

const MIB = 1024 * 1024;
const FILE_BYTES = 16 * MIB;
const REPORT_PEAK =
  'data:text/javascript,process.on("exit",()=>process.stderr.write(`\\nmaxRSS=${process.resourceUsage().maxRSS}\\n`))';

const { values } = parseArgs({
  options: {
    counts: { type: 'string', default: '1,10,100' },
    formats: { type: 'string', default: 'json,text,sarif' },
    kinds: { type: 'string', default: 'tiny,realistic' },
    bin: { type: 'string', default: join(import.meta.dirname, '..', '..', 'bin', 'kubectl-job_x.js') },
    dir: { type: 'string' },
  },
});
const list = (text: string): string[] => text.split(',').filter((item) => item !== '');

/** Realistic Jobs and CronJobs (the YAML ones of bench:lint's corpus), as documents of one file up to `bytes`. */
function realisticStream(bytes: number): { text: string; documents: number } {
  const { texts } = buildCorpus({ count: 4000, seed: 20_261_206 });
  const parts: string[] = [];
  let size = 0;
  for (const text of texts) {
    if (text.trimStart().startsWith('{')) continue;
    const document = `${parts.length > 0 ? '---\n' : ''}${text.endsWith('\n') ? text : `${text}\n`}`;
    const length = Buffer.byteLength(document);
    if (size + length > bytes) break;
    parts.push(document);
    size += length;
  }
  return { text: parts.join(''), documents: parts.length };
}

function prepare(root: string, kind: string, count: number): string {
  const folder = join(root, `${kind}-${count}`);
  const source = join(root, `${kind}.yaml`);
  mkdirSync(folder, { recursive: true });
  for (let i = 0; i < count; i++) linkSync(source, join(folder, `f${String(i).padStart(3, '0')}.yaml`));
  return folder;
}

function measure(bin: string, format: string, path: string) {
  // The output goes nowhere: 100 files of small Jobs give 13 GB of JSON.
  const fd = openSync('/dev/null', 'w');
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['--import', REPORT_PEAK, bin, 'lint', '-o', format, path], {
    stdio: ['ignore', fd, 'pipe'],
    encoding: 'utf8',
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  closeSync(fd);
  const peak = /maxRSS=(\d+)/.exec(result.stderr);
  return {
    exit: result.status ?? result.signal,
    seconds,
    peakMiB: peak ? Number(peak[1]) / 1024 : Number.NaN,
  };
}

const root = values.dir ?? mkdtempSync(join(tmpdir(), 'job-x-lint-memory-'));
mkdirSync(root, { recursive: true });
try {
  const described: string[] = [];
  for (const kind of list(values.kinds)) {
    const made = kind === 'tiny' ? tinyJobsStream(FILE_BYTES) : realisticStream(FILE_BYTES);
    writeFileSync(join(root, `${kind}.yaml`), made.text);
    const objects = 'jobs' in made ? made.jobs : made.documents;
    described.push(`${kind}: ${objects} objects, ${(Buffer.byteLength(made.text) / MIB).toFixed(2)} MiB per file`);
  }
  process.stdout.write(`lint peak memory — ${new Date().toISOString()}, Node.js ${process.version}\n`);
  process.stdout.write(`${described.join('; ')}\nbin: ${values.bin}\n\n`);
  process.stdout.write('kind       files  format  exit   wall (s)  peak RSS (MiB)\n');
  for (const kind of list(values.kinds)) {
    for (const count of list(values.counts).map(Number)) {
      const folder = prepare(root, kind, count);
      for (const format of list(values.formats)) {
        const run = measure(values.bin, format, count === 1 ? join(folder, 'f000.yaml') : folder);
        process.stdout.write(
          `${kind.padEnd(10)} ${String(count).padStart(5)}  ${format.padEnd(6)}  ${String(run.exit).padEnd(5)}  ${run.seconds.toFixed(2).padStart(8)}  ${run.peakMiB.toFixed(0).padStart(14)}\n`,
        );
      }
      rmSync(folder, { recursive: true, force: true });
    }
  }
} finally {
  if (values.dir === undefined) rmSync(root, { recursive: true, force: true });
}
