import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { toAdmissionPolicy } from '../../../webhook/admission/index.ts';
import { loadDefaultPolicy } from '../../../policy/index.ts';
import { createApp, createLogger, createWebhookMetrics, MemoryBudget } from '../../../webhook/server/index.ts';
import { requestCost } from '../../../webhook/server/request-cost.ts';
import { reviewText } from './fixtures.ts';

/**
 * The memory budget on the HTTP path, in-process over plain HTTP (TLS changes nothing here): a
 * request waits, its body unread, while others hold the memory, and gets a quick 429 that the API
 * server may retry when it cannot start before its deadline.
 */
interface Sent {
  readonly answer: Promise<{ status: number; headers: Record<string, unknown>; body: string }>;
  /** Sends the rest of the body. */
  finish(): void;
}

let server: Server;
let port: number;
let budget: MemoryBudget;
const logs: Record<string, unknown>[] = [];
let metricsText: () => string;

beforeAll(async () => {
  // Room for one clean review at a time.
  budget = new MemoryBudget(requestCost(Buffer.byteLength(reviewText('job-create-clean')), 8 << 20));
  const state = { ready: true, draining: false, inflight: 0 };
  const metrics = createWebhookMetrics(
    { inflight: () => 0, ready: () => true, certificateNotAfter: () => undefined, memoryBudget: () => budget },
    'test',
  );
  metricsText = () => metrics.registry.render();
  const app = createApp({
    policy: toAdmissionPolicy(loadDefaultPolicy()),
    logger: createLogger((line) => logs.push(JSON.parse(line) as Record<string, unknown>)),
    metrics,
    state,
    budget,
  });
  server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** POSTs `text`, all of it but the last byte until finish() (or at once with `whole`). */
function send(path: string, text: string, whole = false): Sent {
  const bytes = Buffer.from(text);
  const req = request({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path,
    agent: false,
    headers: { 'content-type': 'application/json', 'content-length': String(bytes.length) },
  });
  const answer = new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
  });
  req.write(bytes.subarray(0, whole ? bytes.length : bytes.length - 1));
  if (whole) req.end();
  return { answer, finish: () => req.end(bytes.subarray(bytes.length - 1)) };
}

const until = async (check: () => boolean): Promise<void> => {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe('requests wait for memory', () => {
  test('a second request waits while the first holds the budget, then is answered in turn', async () => {
    const first = send('/validate?timeout=10s', reviewText('job-create-clean'));
    await until(() => budget.inUse > 0);
    const second = send('/validate?timeout=10s', reviewText('job-create-deny'), true);
    await until(() => budget.waiting === 1);
    expect(metricsText()).toMatch(/^jobx_webhook_queued_requests 1$/m);
    first.finish();
    const [a, b] = await Promise.all([first.answer, second.answer]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(JSON.parse(b.body).response.allowed).toBe(false);
    expect([budget.inUse, budget.waiting]).toEqual([0, 0]);
  });

  test('one that cannot start before its deadline gets a quick 429 with Retry-After, and the first is unharmed', async () => {
    const first = send('/mutate?timeout=10s', reviewText('job-create-clean'));
    await until(() => budget.inUse > 0);
    const started = Date.now();
    // timeout=1s: the API server stops waiting after a second; the webhook answers before.
    const late = await send('/mutate?timeout=1s', reviewText('job-create-clean'), true).answer;
    expect(Date.now() - started).toBeLessThan(1000);
    expect(late.status).toBe(429);
    expect(late.headers['retry-after']).toBe('1');
    expect(late.headers.connection).toBe('close');
    expect(JSON.parse(late.body)).toEqual(
      expect.objectContaining({ kind: 'Status', code: 429, reason: 'TooManyRequests' }),
    );
    expect(metricsText()).toMatch(/^jobx_webhook_requests_total\{endpoint="mutate",result="too_many_requests"\} 1$/m);
    expect(logs).toContainEqual(expect.objectContaining({ msg: 'request refused', code: 429, endpoint: 'mutate' }));
    first.finish();
    expect((await first.answer).status).toBe(200);
    expect([budget.inUse, budget.waiting]).toEqual([0, 0]);
  });

  test('a waiting client that goes away leaves the queue', async () => {
    const first = send('/validate', reviewText('job-create-clean'));
    await until(() => budget.inUse > 0);
    const gone = request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/validate',
      agent: false,
      headers: { 'content-type': 'application/json', 'content-length': '100' },
    });
    gone.on('error', () => undefined);
    gone.write('{');
    await until(() => budget.waiting === 1);
    gone.destroy();
    await until(() => budget.waiting === 0);
    first.finish();
    expect((await first.answer).status).toBe(200);
    expect(budget.inUse).toBe(0);
  });
});
