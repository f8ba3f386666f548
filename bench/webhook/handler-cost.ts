/**
 * `node bench/webhook/handler-cost.ts [--calls N] [--root DIR]`: the admission handler's CPU time
 * per call in-process, without HTTP or TLS: JSON.parse of a recorded review alone, then JSON.parse,
 * handleAdmission and JSON.stringify of the answer, on the bench's three scenarios. The difference
 * is the handler's own cost, steadier on a shared machine than requests per second.
 * `--root` loads the sources of another checkout (e.g. an extracted `git archive` of an older
 * commit) to compare before and after in one run.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseBenchOptions } from '../bench-options.ts';

const HERE = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const { values: argv, positiveInt } = parseBenchOptions('handler-cost', 'handler-cost.ts [--calls N] [--root DIR]', {
  calls: { type: 'string' },
  root: { type: 'string' },
});
const CALLS = positiveInt('calls', argv.calls, 20_000);
const ROOT = resolve(argv.root ?? HERE);

type Handle = (endpoint: 'validate' | 'mutate', body: unknown, policy: unknown) => { body: unknown };
const { handleAdmission } = (await import(join(ROOT, 'webhook', 'admission', 'handle.ts'))) as {
  handleAdmission: Handle;
};
const { loadDefaultPolicy, toAdmissionPolicy } = (await import(join(ROOT, 'policy', 'index.ts'))) as {
  loadDefaultPolicy: () => unknown;
  toAdmissionPolicy: (document: unknown) => unknown;
};
const policy = toAdmissionPolicy(loadDefaultPolicy());

const SCENARIOS = [
  ['validate-create', 'validate', 'job-create-clean'],
  ['validate-update', 'validate', 'job-update-label'],
  ['mutate-create', 'mutate', 'job-create-mutate'],
] as const;

/** CPU microseconds per call of `call`, after as many calls to warm up. */
function cpuPerCall(call: () => void): number {
  for (let i = 0; i < CALLS; i++) call();
  const before = process.cpuUsage();
  for (let i = 0; i < CALLS; i++) call();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / CALLS;
}

process.stdout.write(
  `handler-cost: ${ROOT}, ${CALLS} calls each, Node ${process.version}, load average ${(await import('node:os'))
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}\n`,
);
for (const [name, endpoint, fixture] of SCENARIOS) {
  const text = readFileSync(join(HERE, 'test', 'fixtures', 'admission', `${fixture}.json`), 'utf8');
  const parse = cpuPerCall(() => JSON.parse(text));
  const whole = cpuPerCall(() => JSON.stringify(handleAdmission(endpoint, JSON.parse(text), policy).body));
  process.stdout.write(
    `  ${name.padEnd(16)} JSON.parse ${parse.toFixed(1).padStart(6)} µs   with the handler ${whole.toFixed(1).padStart(6)} µs   handler ${(whole - parse).toFixed(1).padStart(6)} µs\n`,
  );
}
