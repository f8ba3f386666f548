import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KubeConfig } from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';
import { evaluate, isApiServerRejection, resolvePolicy, RULES, toJobView } from '../../policy/index.ts';
import { dryRunCreate, type DryRunAnswer } from '../e2e/conformance/dry-run-create.ts';
import { seededRandom } from '../helpers/seeded-random.ts';
import { seedExamples } from '../helpers/seed-examples.ts';
import { agreement, type Agreement } from './agreement.ts';
import { mutate, type Mutant } from './mutate.ts';

type JsonObject = Record<string, never>;
const REPO_ROOT = join(import.meta.dirname, '..', '..');

export interface FuzzResult {
  readonly index: number;
  readonly seedName: string;
  readonly mutant: Mutant;
  readonly answer: DryRunAnswer;
  readonly agreement: Agreement;
}

export interface FuzzSummary {
  readonly mutants: number;
  readonly verdictAgreements: number;
  readonly placeAgreements: number;
  readonly disagreements: FuzzResult[];
  readonly seeds: number;
}

/** Jobs and CronJobs of a YAML text, without their namespace (the request's namespace is used). */
function manifestsOf(text: string): JsonObject[] {
  return parseAllDocuments(text)
    .map((d) => d.toJS() as unknown)
    .filter(
      (m): m is JsonObject =>
        typeof m === 'object' &&
        m !== null &&
        (m as { apiVersion?: unknown }).apiVersion === 'batch/v1' &&
        ['Job', 'CronJob'].includes(String((m as { kind?: unknown }).kind)),
    )
    .map((m) => {
      const copy = structuredClone(m) as { metadata?: Record<string, unknown> };
      if (copy.metadata) delete copy.metadata.namespace;
      return copy as JsonObject;
    });
}

/** The starting points: the corpus bases, the examples and the seed documents' manifests. */
export function seedManifests(): { name: string; manifest: JsonObject }[] {
  const out: { name: string; manifest: JsonObject }[] = [];
  const bases = manifestsOf(
    Object.values(
      (parseAllDocuments(readFileSync(join(REPO_ROOT, 'test', 'corpus', 'bases.yaml'), 'utf8'))[0]?.toJS() ??
        {}) as Record<string, unknown>,
    )
      .map((b) => JSON.stringify(b))
      .join('\n---\n'),
  );
  bases.forEach((manifest, i) => out.push({ name: `corpus base ${i}`, manifest }));
  for (const file of readdirSync(join(REPO_ROOT, 'examples')).sort())
    manifestsOf(readFileSync(join(REPO_ROOT, 'examples', file), 'utf8')).forEach((manifest, i) =>
      out.push({ name: `examples/${file}#${i}`, manifest }),
    );
  try {
    for (const example of seedExamples())
      manifestsOf(example.text).forEach((manifest) => out.push({ name: example.id, manifest }));
  } catch {
    // The seed documents live beside the repository; without them the other starting points do.
  }
  return out;
}

/** Runs `count` at a time at most `concurrency` at once. */
async function pool<T>(count: number, concurrency: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      results[i] = await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return results;
}

const policy = resolvePolicy(RULES, undefined);

/**
 * A dry-run create, tried again when the connection drops. A request that makes the API server
 * panic drops it every time (kube-apiserver 1.36.4 dereferences a nil `completions` in
 * validateSuccessPolicyRule): after the retries it is answered with status 0.
 */
async function send(kubeconfig: KubeConfig, namespace: string, manifest: JsonObject): Promise<DryRunAnswer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await dryRunCreate(kubeconfig, namespace, manifest);
    } catch (error) {
      if (attempt >= 3)
        return { status: 0, causes: [], warnings: [], message: `no answer: ${(error as Error).message}`, body: null };
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

/** Keeps the starting points the server accepts and lint finds clean: mutants start from valid objects. */
async function validSeeds(kubeconfig: KubeConfig, namespace: string) {
  const candidates = seedManifests();
  const accepted = await pool(candidates.length, 8, async (i) => {
    const { manifest } = candidates[i]!;
    const answer = await send(kubeconfig, namespace, manifest);
    const lintErrors = evaluate(toJobView(manifest), policy, 'lint').filter(isApiServerRejection);
    return answer.status < 300 && lintErrors.length === 0;
  });
  return candidates.filter((_, i) => accepted[i]);
}

export async function runFuzz(options: {
  kubeconfig: KubeConfig;
  namespace: string;
  count: number;
  seed: number;
  /** Index of the first mutant (chunks of one long run share the seed's stream). */
  start?: number;
  concurrency?: number;
}): Promise<FuzzSummary> {
  const seeds = await validSeeds(options.kubeconfig, options.namespace);
  if (seeds.length === 0) throw new Error('no valid starting point (is the testbed up?)');
  const start = options.start ?? 0;
  // Mutant i is drawn from its own stream, so any mutant can be replayed alone.
  const mutants: { index: number; seedName: string; mutant: Mutant }[] = [];
  for (let index = start; mutants.length < options.count; index++) {
    const random = seededRandom(options.seed * 1_000_003 + index);
    const seed = seeds[Math.floor(random() * seeds.length)]!;
    const mutant = mutate(random, seed.manifest);
    if (mutant) mutants.push({ index, seedName: seed.name, mutant });
  }
  const results = await pool(mutants.length, options.concurrency ?? 16, async (i) => {
    const { index, seedName, mutant } = mutants[i]!;
    const answer = await send(options.kubeconfig, options.namespace, mutant.manifest as JsonObject);
    return { index, seedName, mutant, answer, agreement: agreement(mutant, answer) };
  });
  return {
    mutants: results.length,
    verdictAgreements: results.filter((r) => r.agreement.verdict).length,
    placeAgreements: results.filter((r) => r.agreement.verdict && r.agreement.places).length,
    disagreements: results.filter((r) => !r.agreement.verdict || !r.agreement.places),
    seeds: seeds.length,
  };
}
