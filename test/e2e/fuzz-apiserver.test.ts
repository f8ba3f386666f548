import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { KUBECONFIG } from './helpers/cluster.ts';
import { type FuzzResult, runFuzz } from '../fuzz/fuzz-run.ts';

/**
 * Differential fuzzing, the CI sample: 1,000 seeded mutants of valid Jobs and CronJobs (seed 1)
 * go to the testbed's API server (dryRun=All, fieldValidation=Strict) and to lint. Decoding
 * (unknown fields, types, ranges, quantities: 400) and validation (422) must agree everywhere,
 * pod template included, in verdict and places.
 * `npm run fuzz:apiserver` runs any number and writes the disagreements as corpus cases.
 */
const NAMESPACE = `fuzz-e2e-${process.pid}`;
const kubeconfig = new KubeConfig();

beforeAll(async () => {
  kubeconfig.loadFromString(readFileSync(KUBECONFIG, 'utf8'));
  await kubeconfig.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: NAMESPACE } } });
});

afterAll(async () => {
  await kubeconfig
    .makeApiClient(CoreV1Api)
    .deleteNamespace({ name: NAMESPACE })
    .catch(() => undefined);
});

const describeResult = (r: FuzzResult) =>
  `#${r.index} ${r.mutant.mutation} at ${r.mutant.path} (${r.agreement.area}): server ${r.answer.status} [${r.agreement.server.join('; ')}] lint [${r.agreement.lint.join('; ')}]`;

test('1,000 seeded mutants: lint agrees with the API server on decoding and validation everywhere', async () => {
  const summary = await runFuzz({ kubeconfig, namespace: NAMESPACE, count: 1000, seed: 1 });
  expect(summary.mutants).toBe(1000);
  // kube-apiserver 1.36.4 panics on a successPolicy without completions: no answer to compare
  // with, but lint must still reject.
  const serverPanic = (r: FuzzResult) => r.answer.status === 0 && r.agreement.lint.length > 0;
  const unexpected = summary.disagreements.filter((r) => !serverPanic(r));
  expect(unexpected.map(describeResult)).toEqual([]);
  expect(summary.disagreements.flatMap((r) => r.agreement.internalErrors)).toEqual([]);
  process.stdout.write(
    `fuzz seed 1: ${summary.mutants} mutants, verdicts agree ${summary.verdictAgreements}, places agree ${summary.placeAgreements}\n`,
  );
});
