/**
 * Differential fuzzing of lint against the testbed's real kube-apiserver (dryRun=All,
 * fieldValidation=Strict): seeded mutants of valid Jobs and CronJobs, each judged by both.
 *
 *   npm run fuzz:apiserver -- --count N --seed S [--start I] [--concurrency C] [--out DIR]
 *
 * Prints the agreement rates for the verdict and for the places, and writes every disagreement
 * as a ready corpus case (test/corpus/create form), one file per area, into DIR (default: a new
 * folder under the system's temporary directory), with summary.json.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { parse, stringify } from 'yaml';
import { KUBECONFIG } from '../e2e/helpers/cluster.ts';
import { toCorpusCase } from './corpus-case.ts';
import { type FuzzResult, runFuzz } from './fuzz-run.ts';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '1' },
    start: { type: 'string', default: '0' },
    concurrency: { type: 'string', default: '16' },
    out: { type: 'string' },
  },
});
const count = Number(values.count);
const seed = Number(values.seed);
const start = Number(values.start);
if (![count, seed, start].every(Number.isSafeInteger) || count < 1) {
  process.stderr.write(
    'usage: npm run fuzz:apiserver -- --count N --seed S [--start I] [--concurrency C] [--out DIR]\n',
  );
  process.exit(2);
}

const kubeconfig = new KubeConfig();
try {
  kubeconfig.loadFromString(readFileSync(KUBECONFIG, 'utf8'));
} catch {
  process.stderr.write(`no testbed kubeconfig at ${KUBECONFIG}: start it with npm run testbed:up\n`);
  process.exit(2);
}
const namespace = `fuzz-${process.pid}`;
const core = kubeconfig.makeApiClient(CoreV1Api);
await core.createNamespace({ body: { metadata: { name: namespace } } });
try {
  const started = Date.now();
  const summary = await runFuzz({ kubeconfig, namespace, count, seed, start, concurrency: Number(values.concurrency) });
  const out = values.out ?? mkdtempSync(join(tmpdir(), `job-x-fuzz-${seed}-`));
  mkdirSync(out, { recursive: true });
  const bases = parse(readFileSync(join(import.meta.dirname, '..', 'corpus', 'bases.yaml'), 'utf8')) as Record<
    string,
    unknown
  >;
  const byArea = new Map<string, FuzzResult[]>();
  for (const d of summary.disagreements) byArea.set(d.agreement.area, [...(byArea.get(d.agreement.area) ?? []), d]);
  for (const [area, results] of byArea) {
    const file = `${area
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase()}.yaml`;
    writeFileSync(
      join(out, file),
      `# ${results.length} disagreements of lint with the API server (${area}), npm run fuzz:apiserver -- --seed ${seed}\n${stringify({ cases: results.map((r) => toCorpusCase(r, bases, seed)) })}`,
    );
  }
  const areas = Object.fromEntries(
    [...byArea].sort((a, b) => b[1].length - a[1].length).map(([area, results]) => [area, results.length]),
  );
  const report = {
    seed,
    start,
    mutants: summary.mutants,
    startingPoints: summary.seeds,
    verdictAgreement: summary.verdictAgreements / summary.mutants,
    placeAgreement: summary.placeAgreements / summary.mutants,
    verdictDisagreements: summary.mutants - summary.verdictAgreements,
    placeDisagreements: summary.verdictAgreements - summary.placeAgreements,
    internalErrors: summary.disagreements.flatMap((d) => d.agreement.internalErrors).length,
    decodingDisagreements: summary.disagreements.filter((d) => d.agreement.decoding).length,
    seconds: (Date.now() - started) / 1000,
    disagreementsByArea: areas,
  };
  writeFileSync(join(out, 'summary.json'), `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(report, null, 2)}\ndisagreements written to ${out}\n`);
} finally {
  await core.deleteNamespace({ name: namespace }).catch(() => undefined);
}
