import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { review, type FixtureName, type Review } from './fixtures.ts';
import { createMemoryLimit, residentBytes, resetPeak, type MemoryLimit } from './memory-limit.ts';
import { httpsClient, makeCertificate, startWebhook, tempDir, type Client, type Webhook } from './webhook-process.ts';

/**
 * The webhook as shipped (the bundle, the Dockerfile's Node flags) under the memory limit the
 * Deployment ships, enforced for real (a memory cgroup; a watchdog where none can be made), fed the
 * largest reviews a real API server sends: it caps a request body at 3 MiB, and an UPDATE review
 * carries the object and the old object. Four at once, of the shapes that cost the most: bodies
 * whose text Node must hold two bytes per character, objects with as many JSON values as job-x
 * decodes, and objects with twenty times more (an UPDATE of those once took 475 MiB).
 * Every answer must be a well-formed AdmissionReview with its uid, and the process must stay
 * under the limit, measured by the kernel's peak resident size (VmHWM), which also counts Node's
 * own code. JOBX_MEMORY_REPORT=1 prints the peak of each round.
 */
const ROOT = join(import.meta.dirname, '..', '..', '..');
const MiB = 1024 * 1024;
/** The API server's limit on a request body (k8s.io/apiserver/pkg/server/config.go MaxRequestBodyBytes). */
const OBJECT_BYTES = 3 * MiB;
const CONCURRENT = 4;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** resources.limits.memory of the webhook container in manifests/base, in bytes. */
function shippedLimit(): number {
  const deployment = readFileSync(join(ROOT, 'manifests', 'base', 'deployment.yaml'), 'utf8');
  const match = /^\s+limits:\n\s+memory: (\d+)Mi$/m.exec(deployment);
  if (!match) throw new Error('no limits.memory in Mi in manifests/base/deployment.yaml');
  return Number(match[1]) * MiB;
}

/** The Node flags of the image's entry point (between the node binary and the script). */
function shippedNodeFlags(): string[] {
  const entrypoint = /^ENTRYPOINT (\[.*\])$/m.exec(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
  if (!entrypoint) throw new Error('no ENTRYPOINT in the Dockerfile');
  const words = JSON.parse(entrypoint[1]!) as string[];
  return words.slice(
    1,
    words.findIndex((w) => w.endsWith('job-x-webhook.js')),
  );
}

type Shape = 'two-byte text' | 'values at the limit' | 'values beyond the limit';
const VALUES_AT_LIMIT = 49_000;

/** Grows a Job to `OBJECT_BYTES` of JSON, of the given shape. */
function grow(object: Record<string, unknown>, shape: Shape): void {
  const spec = (object.spec as { template: { spec: Record<string, unknown> } }).template.spec;
  const container = (spec.containers as Record<string, unknown>[])[0]!;
  let room = OBJECT_BYTES - Buffer.byteLength(JSON.stringify(object)) - 64;
  if (shape === 'values beyond the limit') {
    // Empty tolerations: 3 bytes each, passed on as is to mutating webhooks (every field is omitempty).
    spec.tolerations = new Array(Math.floor(room / 3)).fill(0).map(() => ({}));
    return;
  }
  if (shape === 'values at the limit') {
    spec.tolerations = new Array(VALUES_AT_LIMIT).fill(0).map(() => ({}));
    room -= VALUES_AT_LIMIT * 3;
  }
  // One character beyond Latin-1 makes V8 hold the whole body as two bytes per character.
  container.args = [`${'x'.repeat(room - 2)}ā`];
}

function bigReview(name: FixtureName, shape: Shape, uid: string): string {
  const body: Review = review(name);
  body.request.uid = uid;
  grow(body.request.object!, shape);
  if (body.request.oldObject) grow(body.request.oldObject, shape);
  return JSON.stringify(body);
}

interface Answer {
  readonly uid: string;
  readonly allowed: boolean;
  readonly code?: number;
  readonly warnings: string[];
  readonly patched: boolean;
}

/** Checks that an answer is a well-formed AdmissionReview for `uid`. */
function admissionReview(status: number, body: string, uid: string): Answer {
  expect({ uid, status }).toEqual({ uid, status: 200 });
  const parsed = JSON.parse(body) as {
    apiVersion: string;
    kind: string;
    response: { uid: string; allowed: unknown; status?: { code: number }; warnings?: string[]; patchType?: string };
  };
  expect([parsed.apiVersion, parsed.kind]).toEqual(['admission.k8s.io/v1', 'AdmissionReview']);
  expect(parsed.response.uid).toBe(uid);
  expect(typeof parsed.response.allowed).toBe('boolean');
  return {
    uid,
    allowed: parsed.response.allowed === true,
    ...(parsed.response.status ? { code: parsed.response.status.code } : {}),
    warnings: parsed.response.warnings ?? [],
    patched: parsed.response.patchType === 'JSONPatch',
  };
}

describe('the webhook under the shipped memory limit', () => {
  const limitBytes = shippedLimit();
  let limit: MemoryLimit;
  let webhook: Webhook;
  let client: Client;
  const peaks: string[] = [];

  beforeAll(async () => {
    const dir = tempDir();
    const cert = makeCertificate(dir, 'memory');
    limit = createMemoryLimit(limitBytes);
    webhook = await startWebhook(
      ['--tls-cert-file', cert.certFile, '--tls-private-key-file', cert.keyFile],
      {},
      { nodeFlags: shippedNodeFlags(), wrap: limit.launch },
    );
    limit.started(webhook.child.pid!);
    client = httpsClient(webhook.port, cert.pem);
  }, 30_000);

  afterAll(async () => {
    client?.close();
    if (webhook && webhook.child.exitCode === null && webhook.child.signalCode === null) {
      webhook.child.kill('SIGINT');
      await webhook.exited;
    }
    limit?.remove();
    if (process.env.JOBX_MEMORY_REPORT === '1')
      process.stdout.write(`memory limit ${limitBytes / MiB} MiB (${limit.kind}):\n${peaks.join('\n')}\n`);
  });

  /** Sends four reviews at once, as the API server would with timeoutSeconds 30, and checks the peak. */
  async function round(endpoint: 'validate' | 'mutate', fixture: FixtureName, shape: Shape): Promise<Answer[]> {
    const pid = webhook.child.pid!;
    const perRound = resetPeak(pid);
    const bodies = Array.from({ length: CONCURRENT }, (_, i) => {
      const uid = `${endpoint}-${shape.replace(/\W+/g, '-')}-${i}`;
      return { uid, text: bigReview(fixture, shape, uid) };
    });
    const started = Date.now();
    const settled = await Promise.allSettled(
      bodies.map(({ text }) =>
        client.request('POST', `/${endpoint}?timeout=30s`, text, { 'content-type': 'application/json' }),
      ),
    );
    const peak = residentBytes(pid, 'VmHWM');
    const charged = limit.chargedPeak();
    peaks.push(
      `  ${endpoint} ${bodies[0]!.text.length} bytes × ${CONCURRENT}, ${shape}: peak RSS ${((peak ?? NaN) / MiB).toFixed(1)} MiB` +
        `${perRound ? '' : ' (since start)'}${charged === undefined ? '' : `, cgroup peak ${(charged / MiB).toFixed(1)} MiB`}, ${Date.now() - started} ms`,
    );
    // Alive (a process over a cgroup's limit is killed with SIGKILL), and under the limit by the kernel's count.
    if (settled.some((s) => s.status === 'rejected')) await Promise.race([webhook.exited, sleep(1000)]);
    expect({ signal: webhook.child.signalCode, exitCode: webhook.child.exitCode }).toEqual({
      signal: null,
      exitCode: null,
    });
    expect(peak).toBeLessThan(limitBytes);
    const answers = settled.map((s) => {
      if (s.status === 'rejected') throw s.reason;
      return s.value;
    });
    return answers.map((answer, i) => admissionReview(answer.status, answer.body, bodies[i]!.uid));
  }

  test('UPDATE reviews of two 3 MiB objects to /validate: judged, four at once', async () => {
    for (const shape of ['two-byte text', 'values at the limit'] as const) {
      for (const answer of await round('validate', 'job-update-label', shape)) {
        // The old object had the same findings: the UPDATE ratchet lets it through, unwarned.
        expect(answer).toEqual(expect.objectContaining({ allowed: true, warnings: [] }));
      }
    }
  }, 60_000);

  test('CREATE reviews of a 3 MiB object to /mutate: defaulted, four at once', async () => {
    for (const shape of ['two-byte text', 'values at the limit'] as const) {
      for (const answer of await round('mutate', 'job-create-mutate', shape))
        expect(answer).toEqual(expect.objectContaining({ allowed: true, patched: true }));
    }
  }, 60_000);

  test('objects with more values than job-x decodes: answered from the envelope, unjudged', async () => {
    for (const answer of await round('validate', 'job-update-label', 'values beyond the limit')) {
      expect(answer).toEqual(expect.objectContaining({ allowed: true, patched: false }));
      expect(answer.warnings).toEqual([
        expect.stringMatching(/^\[job-x\] not judged: request\.object holds \d+ JSON values/),
      ]);
    }
    for (const answer of await round('validate', 'job-create-mutate', 'values beyond the limit'))
      expect(answer).toEqual(expect.objectContaining({ allowed: false, code: 413 }));
    for (const answer of await round('mutate', 'job-create-mutate', 'values beyond the limit')) {
      expect(answer).toEqual(expect.objectContaining({ allowed: true, patched: false }));
      expect(answer.warnings).toEqual([expect.stringMatching(/^\[job-x\] no defaults applied: /)]);
    }
  }, 60_000);
});
