// The snapshot fetch against a tiny local API server: the testbed has no kubelet, so the log tail
// of a failed container can only be served here. The real lists are covered end to end.
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createKubeClient } from '../../../../plugin/kube/client.ts';
import { fetchJobSnapshot, LOG_TAIL_LINES } from '../../../../plugin/kube/fetch-snapshot.ts';
import { loadSnapshot } from '../../../helpers/snapshot-fixtures.ts';

const recorded = loadSnapshot('backoff-limit-exceeded');
const namespace = recorded.job.metadata.namespace!;
const logLines = Array.from({ length: 50 }, (_, i) => `line ${i + 1}`);

let logAnswer: { status: number; body: string };
/** Pods whose log request fails with 500 whatever logAnswer says (a node gone). */
const unreachablePods = new Set<string>();
const logRequests: URL[] = [];
let server: http.Server;
let kubeconfig: string;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const send = (status: number, body: unknown, type = 'application/json') => {
      response.writeHead(status, { 'Content-Type': type });
      response.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    if (url.pathname.endsWith('/log')) {
      logRequests.push(url);
      // Like the API server, honour tailLines.
      const tail = Number(url.searchParams.get('tailLines') ?? logLines.length);
      const pod = url.pathname.split('/').at(-2) ?? '';
      const status = unreachablePods.has(pod) ? 500 : logAnswer.status;
      return status === 200
        ? send(200, `${logLines.slice(-tail).join('\n')}\n`, 'text/plain')
        : send(status, {
            kind: 'Status',
            apiVersion: 'v1',
            status: 'Failure',
            code: status,
            reason: 'InternalError',
            message: logAnswer.body,
          });
    }
    if (url.pathname === `/api/v1/namespaces/${namespace}/pods`)
      return send(200, { kind: 'PodList', apiVersion: 'v1', metadata: {}, items: recorded.pods });
    if (url.pathname === `/api/v1/namespaces/${namespace}/events`)
      return send(200, { kind: 'EventList', apiVersion: 'v1', metadata: {}, items: [] });
    return send(404, {
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      code: 404,
      reason: 'NotFound',
      message: `no ${url.pathname}`,
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  kubeconfig = join(mkdtempSync(join(tmpdir(), 'job-x-snapshot-')), 'kubeconfig');
  writeFileSync(
    kubeconfig,
    `current-context: c\ncontexts: [{name: c, context: {cluster: c, user: u, namespace: ${namespace}}}]\nclusters: [{name: c, cluster: {server: "${base}"}}]\nusers: [{name: u, user: {token: t}}]\n`,
  );
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function fetchSnapshot(logTails?: number) {
  const client = await createKubeClient({ kubeconfig }, { env: { PATH: process.env.PATH }, stdinIsTTY: false });
  try {
    return await fetchJobSnapshot(client, { job: recorded.job, serverDate: null, cronJob: null }, { logTails });
  } finally {
    client.close();
  }
}

describe('the log tail of the most recent failed container', () => {
  test('its last lines, asked of the pod and container that failed last', async () => {
    logAnswer = { status: 200, body: '' };
    logRequests.length = 0;
    const snapshot = await fetchSnapshot();
    const lastFailed = [...recorded.pods].sort((a, b) =>
      (b.status!.containerStatuses![0]!.state!.terminated!.finishedAt ?? '').localeCompare(
        a.status!.containerStatuses![0]!.state!.terminated!.finishedAt ?? '',
      ),
    )[0]!;
    expect(logRequests).toHaveLength(1);
    expect(logRequests[0]!.pathname).toBe(`/api/v1/namespaces/${namespace}/pods/${lastFailed.metadata.name}/log`);
    expect(logRequests[0]!.searchParams.get('container')).toBe('pi');
    expect(snapshot.logTail).toEqual({
      pod: lastFailed.metadata.name,
      container: 'pi',
      lines: logLines.slice(-LOG_TAIL_LINES),
      previous: false,
      finishedAt: lastFailed.status!.containerStatuses![0]!.state!.terminated!.finishedAt,
    });
    // By default one tail, as before --logs: nothing earlier is fetched.
    expect(snapshot.earlierLogTails).toBeUndefined();
    expect(snapshot.pods.map((pod) => pod.metadata.name)).toEqual(recorded.pods.map((pod) => pod.metadata.name));
  });

  test('a log the cluster cannot give (no kubelet, node gone) leaves the tail out, not the diagnosis', async () => {
    logAnswer = { status: 500, body: 'Get "https://node:10250/containerLogs/...": dial tcp: connection refused' };
    const snapshot = await fetchSnapshot();
    expect(snapshot.logTail).toBeNull();
    expect(snapshot.pods).toHaveLength(recorded.pods.length);
  });
});

describe('--logs N: the log tails of the last N failed attempts', () => {
  // The recording's two failed pods, most recent first.
  const [newest, older] = ['pi-hlvbr', 'pi-26lv8'];

  test('one request per failed attempt, most recent first, each bounded in lines and bytes', async () => {
    logAnswer = { status: 200, body: '' };
    unreachablePods.clear();
    logRequests.length = 0;
    const snapshot = await fetchSnapshot(5);
    expect(logRequests.map((url) => url.pathname.split('/').at(-2)).sort()).toEqual([newest, older].sort());
    for (const url of logRequests) {
      expect(url.searchParams.get('tailLines')).toBe(String(LOG_TAIL_LINES));
      expect(url.searchParams.get('limitBytes')).toBe(String(64 * 1024));
    }
    expect(snapshot.logTail).toMatchObject({ pod: newest, previous: false, finishedAt: '2026-11-23T16:05:46Z' });
    expect(snapshot.earlierLogTails).toEqual([
      {
        pod: older,
        container: 'pi',
        previous: false,
        finishedAt: '2026-11-23T16:05:35Z',
        lines: logLines.slice(-LOG_TAIL_LINES),
      },
    ]);
  });

  test('an attempt whose log cannot be read is left out; the others stay', async () => {
    logAnswer = { status: 200, body: '' };
    unreachablePods.clear();
    unreachablePods.add(newest);
    const snapshot = await fetchSnapshot(2);
    unreachablePods.clear();
    expect(snapshot.logTail).toMatchObject({ pod: older });
    expect(snapshot.earlierLogTails).toEqual([]);
  });

  test('--logs 0 asks for no log at all', async () => {
    logRequests.length = 0;
    const snapshot = await fetchSnapshot(0);
    expect(logRequests).toHaveLength(0);
    expect(snapshot.logTail).toBeNull();
  });
});
