import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { toAdmissionPolicy, type AdmissionPolicy } from '../../../webhook/admission/index.ts';
import { loadDefaultPolicy } from '../../../policy/index.ts';
import { createApp, createLogger, createWebhookMetrics, MemoryBudget } from '../../../webhook/server/index.ts';
import { FIXTURE_NAMES, reviewText } from './fixtures.ts';

/**
 * POST /validate and /mutate as the API server sends them skip express (webhook/server/app.ts);
 * the same endpoints asked another way (another case, a trailing slash) still go through its
 * routing. Both must answer alike, byte for byte, errors included, and leave nothing in flight.
 * In-process over plain HTTP (TLS changes nothing here).
 */
let server: Server;
let port: number;
let failPolicy = false;
const state = { ready: true, draining: false, inflight: 0 };
const logs: Record<string, unknown>[] = [];
const POLICY = toAdmissionPolicy(loadDefaultPolicy());

beforeAll(async () => {
  const budget = new MemoryBudget(64 << 20);
  const metrics = createWebhookMetrics(
    { inflight: () => 0, ready: () => true, certificateNotAfter: () => undefined, memoryBudget: () => budget },
    'test',
  );
  const app = createApp({
    policy: (): AdmissionPolicy => {
      if (failPolicy) throw new Error('a bug in job-x');
      return POLICY;
    },
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

interface Answer {
  readonly status: number;
  readonly headers: Record<string, unknown>;
  readonly body: string;
}

function post(path: string, body: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path,
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          const { date: _date, ...headers } = res.headers;
          resolve({ status: res.statusCode!, headers, body: text });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const settled = async (): Promise<void> => {
  for (let i = 0; i < 200 && state.inflight !== 0; i++) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe.each(['validate', 'mutate'])('/%s', (endpoint) => {
  test.each(FIXTURE_NAMES)('%s: the same answer with and without express', async (fixture) => {
    const body = reviewText(fixture);
    const direct = await post(`/${endpoint}?timeout=10s`, body);
    const routed = await post(`/${endpoint.toUpperCase()}/?timeout=10s`, body);
    expect(direct.status).toBe(200);
    expect(routed).toEqual(direct);
    await settled();
    expect(state.inflight).toBe(0);
  });

  test('a body that is not JSON: the same 400', async () => {
    const direct = await post(`/${endpoint}`, '{"apiVersion":');
    expect(direct.status).toBe(400);
    expect(await post(`/${endpoint}/`, '{"apiVersion":')).toEqual(direct);
  });

  test('job-x failing: the same 500, logged, and the connection closed', async () => {
    failPolicy = true;
    try {
      logs.length = 0;
      const direct = await post(`/${endpoint}`, reviewText('job-create-clean'));
      const routed = await post(`/${endpoint}/`, reviewText('job-create-clean'));
      expect(direct.status).toBe(500);
      expect(direct.headers.connection).toBe('close');
      expect(JSON.parse(direct.body)).toMatchObject({ reason: 'InternalError', code: 500 });
      expect(routed).toEqual(direct);
      const failed = logs.filter((l) => l.msg === 'request failed');
      expect(failed.map((l) => [l.path, l.error])).toEqual([
        [`/${endpoint}`, 'a bug in job-x'],
        [`/${endpoint}/`, 'a bug in job-x'],
      ]);
    } finally {
      failPolicy = false;
    }
    await settled();
    expect(state.inflight).toBe(0);
  });
});
