// The client against a tiny local HTTP server, for what the real testbed cannot easily produce:
// expired continue tokens, odd status bodies, a server that never answers, exec plugins. The
// happy paths (TLS, real RBAC messages, real lists) are covered end to end on the testbed.
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { ConfigError } from '../../../../edge/errors.ts';
import { continueTokenOf, createKubeClient, type KubeClient } from '../../../../plugin/kube/client.ts';
import {
  KubeApiError,
  KubeForbiddenError,
  KubeNotFoundError,
  KubeTimeoutError,
  KubeUnauthorizedError,
  KubeUnreachableError,
} from '../../../../plugin/kube/errors.ts';
import type { KubeFlags } from '../../../../plugin/kube/flags.ts';

type Handler = (request: http.IncomingMessage, response: http.ServerResponse) => void;
let handler: Handler;
const seen: { url: string; headers: http.IncomingHttpHeaders }[] = [];
let server: http.Server;
let base: string;
let dir: string;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    seen.push({ url: request.url ?? '', headers: request.headers });
    handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = mkdtempSync(join(tmpdir(), 'job-x-client-'));
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  seen.length = 0;
});

function json(response: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

function kubeconfigFile(user: string, server = base): string {
  const file = join(dir, `kubeconfig-${Math.random().toString(36).slice(2)}`);
  writeFileSync(
    file,
    `current-context: c\ncontexts: [{name: c, context: {cluster: c, user: u, namespace: ns1}}]\nclusters: [{name: c, cluster: {server: "${server}"}}]\nusers: [{name: u, user: ${user}}]\n`,
  );
  return file;
}

async function client(
  flags: Partial<KubeFlags> = {},
  user = '{token: secret}',
  env: Record<string, string> = {},
): Promise<KubeClient> {
  return createKubeClient(
    { kubeconfig: kubeconfigFile(user), ...flags },
    { env: { PATH: process.env.PATH, ...env }, stdinIsTTY: false },
  );
}

const status = (code: number, reason: string, message: string, details?: object) => ({
  kind: 'Status',
  apiVersion: 'v1',
  status: 'Failure',
  code,
  reason,
  message,
  details,
});

describe('requests', () => {
  test('raw JSON (unknown fields and times kept as sent), bearer token, the Date header as "now", counted', async () => {
    handler = (_req, res) =>
      json(
        res,
        200,
        { metadata: { name: 'pi', creationTimestamp: '2026-01-01T00:00:01Z' }, spec: { futureField: { x: 1 } } },
        { Date: 'Wed, 02 Sep 2026 10:11:12 GMT' },
      );
    const c = await client();
    const response = await c.get('/apis/batch/v1/namespaces/ns1/jobs/pi');
    expect(response).toEqual({
      body: { metadata: { name: 'pi', creationTimestamp: '2026-01-01T00:00:01Z' }, spec: { futureField: { x: 1 } } },
      serverDate: '2026-09-02T10:11:12Z',
    });
    expect(seen[0]?.headers.authorization).toBe('Bearer secret');
    expect(seen[0]?.headers['user-agent']).toMatch(/^kubectl-job_x\//);
    expect(c.requestCount).toBe(1);
    expect(c.namespace).toBe('ns1');
    c.close();
  });

  test('gzip answers are decompressed (a server on loopback is not asked for gzip: it would cost more than it saves)', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
      res.end(gzipSync(JSON.stringify({ kind: 'Pod', metadata: { name: 'zipped' } })));
    };
    const c = await client();
    expect((await c.get<{ metadata: { name: string } }>('/api/v1/namespaces/ns1/pods/zipped')).body.metadata.name).toBe(
      'zipped',
    );
    expect(seen[0]?.headers['accept-encoding']).toBeUndefined();
    c.close();
  });

  test("lists follow continue tokens, fill in each item's kind, and keep only what `keep` returns", async () => {
    handler = (req, res) => {
      const url = new URL(req.url!, base);
      const token = url.searchParams.get('continue');
      const page = token ? Number(token) : 0;
      const items = [0, 1].map((i) => ({ metadata: { name: `pod-${page * 2 + i}` } }));
      json(res, 200, {
        apiVersion: 'v1',
        kind: 'PodList',
        metadata: { continue: page < 2 ? String(page + 1) : '' },
        items,
      });
    };
    const c = await client();
    const list = await c.list<{ kind?: string; metadata: { name: string } }, string>(
      '/api/v1/namespaces/ns1/pods',
      { labelSelector: 'a=b' },
      {
        pageSize: 2,
        keep: (pod) => (pod.kind === 'Pod' && pod.metadata.name !== 'pod-3' ? pod.metadata.name : undefined),
      },
    );
    expect(list.items).toEqual(['pod-0', 'pod-1', 'pod-2', 'pod-4', 'pod-5']);
    expect(seen.map((s) => new URL(s.url, base).searchParams.toString())).toEqual([
      'labelSelector=a%3Db&limit=2',
      'labelSelector=a%3Db&limit=2&continue=1',
      'labelSelector=a%3Db&limit=2&continue=2',
    ]);
    expect(c.requestCount).toBe(3);
    c.close();
  });

  test("an expired continue token (410) restarts the list in one request without a limit, like client-go's pager", async () => {
    handler = (req, res) => {
      const url = new URL(req.url!, base);
      if (url.searchParams.get('continue'))
        return json(res, 410, status(410, 'Expired', 'The provided continue parameter is too old'));
      if (url.searchParams.get('limit'))
        return json(res, 200, { kind: 'PodList', metadata: { continue: 'tok' }, items: [{ metadata: { name: 'a' } }] });
      json(res, 200, {
        kind: 'PodList',
        metadata: {},
        items: [{ metadata: { name: 'a' } }, { metadata: { name: 'b' } }],
      });
    };
    const c = await client();
    const list = await c.list<{ metadata: { name: string } }, string>(
      '/api/v1/namespaces/ns1/pods',
      {},
      { keep: (p) => p.metadata.name },
    );
    expect(list.items).toEqual(['a', 'b']);
    expect(seen.map((s) => new URL(s.url, base).search)).toEqual(['?limit=500', '?limit=500&continue=tok', '']);
    c.close();
  });
});

describe('continueTokenOf (read ahead of the items, to ask for the next page early)', () => {
  test('the token from the head of the list', () => {
    expect(
      continueTokenOf(
        '{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"5","continue":"abc","remainingItemCount":3},"items":[{"metadata":{"name":"x"}}]}',
      ),
    ).toBe('abc');
  });

  test('none on the last page, or when the head has another shape', () => {
    expect(
      continueTokenOf('{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"5"},"items":[]}'),
    ).toBeUndefined();
    expect(continueTokenOf('{"items":[],"metadata":{"continue":"abc"}}')).toBeUndefined();
    expect(continueTokenOf('{"kind":"PodList","metadata":{"continue":')).toBeUndefined();
  });
});

describe('errors', () => {
  test('403 names the user, verb, resource and namespace from the RBAC message', async () => {
    handler = (_req, res) =>
      json(
        res,
        403,
        status(
          403,
          'Forbidden',
          'pods is forbidden: User "system:serviceaccount:ns1:reader" cannot list resource "pods" in API group "" in the namespace "ns1"',
          { kind: 'pods' },
        ),
      );
    const c = await client();
    const error = await c.get('/api/v1/namespaces/ns1/pods').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KubeForbiddenError);
    expect(error).toMatchObject({
      verb: 'list',
      resource: 'pods',
      namespace: 'ns1',
      user: 'system:serviceaccount:ns1:reader',
      exitCode: 2,
    });
    expect((error as KubeForbiddenError).message).toBe(
      'forbidden: user "system:serviceaccount:ns1:reader" cannot list pods in namespace "ns1".',
    );
    expect((error as KubeForbiddenError).hint).toEqual([
      'Ask a cluster admin for a Role that allows it; check with: kubectl auth can-i list pods -n ns1',
    ]);
    c.close();
  });

  test('403 with an API group and a subresource', async () => {
    handler = (_req, res) =>
      json(
        res,
        403,
        status(
          403,
          'Forbidden',
          'jobs.batch "pi" is forbidden: User "alice" cannot get resource "jobs" in API group "batch" in the namespace "ns1"',
        ),
      );
    const c = await client();
    await expect(c.get('/apis/batch/v1/namespaces/ns1/jobs/pi')).rejects.toMatchObject({
      verb: 'get',
      resource: 'jobs.batch',
      user: 'alice',
    });
    handler = (_req, res) => json(res, 403, status(403, 'Forbidden', 'something a webhook authorizer said'));
    const other = (await c.getText('/api/v1/namespaces/ns1/pods/p/log').catch((e: unknown) => e)) as KubeForbiddenError;
    expect(other).toMatchObject({ verb: 'get', resource: 'pods/log', namespace: 'ns1', user: null });
    expect(other.hint).toContain('(the API server said: something a webhook authorizer said)');
    c.close();
  });

  test('401 says the credentials were refused, naming the kubeconfig user', async () => {
    handler = (_req, res) => json(res, 401, status(401, 'Unauthorized', 'Unauthorized'));
    const c = await client();
    const error = await c.get('/api/v1/namespaces').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KubeUnauthorizedError);
    expect((error as Error).message).toContain(
      `the server ${base} did not accept the credentials of kubeconfig user "u" (401 Unauthorized)`,
    );
    c.close();
  });

  test("404 with a Status becomes NotFound (exit 1); other statuses keep the server's message", async () => {
    handler = (_req, res) =>
      json(
        res,
        404,
        status(404, 'NotFound', 'jobs.batch "nope" not found', { name: 'nope', group: 'batch', kind: 'jobs' }),
      );
    const c = await client();
    const notFound = await c.get('/apis/batch/v1/namespaces/ns1/jobs/nope').catch((e: unknown) => e);
    expect(notFound).toBeInstanceOf(KubeNotFoundError);
    expect(notFound).toMatchObject({ message: 'jobs.batch "nope" not found in namespace "ns1"', exitCode: 1 });
    handler = (_req, res) => json(res, 503, status(503, 'ServiceUnavailable', 'etcd is unhappy'));
    const unavailable = await c.get('/apis/batch/v1/namespaces/ns1/jobs/x').catch((e: unknown) => e);
    expect(unavailable).toBeInstanceOf(KubeApiError);
    expect((unavailable as Error).message).toBe(
      `the server ${base} answered 503 ServiceUnavailable to GET /apis/batch/v1/namespaces/ns1/jobs/x: etcd is unhappy`,
    );
    c.close();
  });

  test('a server that never answers: a timeout naming the server and --request-timeout', async () => {
    handler = () => undefined; // accepts, never answers
    const c = await client({ requestTimeout: '200ms' });
    const error = await c.get('/apis/batch/v1/namespaces/ns1/jobs/slow').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KubeTimeoutError);
    expect((error as Error).message).toBe(
      `no answer from ${base} within 200ms (--request-timeout) to GET /apis/batch/v1/namespaces/ns1/jobs/slow: raise --request-timeout (0 = no limit), or check the cluster's health`,
    );
    c.close();
  });

  test('connection refused names the server and the context', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const c = await createKubeClient(
      { kubeconfig: kubeconfigFile('{token: t}', `http://127.0.0.1:${port}`) },
      { env: {}, stdinIsTTY: false },
    );
    const error = await c.get('/api').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KubeUnreachableError);
    expect((error as Error).message).toBe(
      `cannot connect to the cluster at http://127.0.0.1:${port} (context "c"): connection refused. Is the API server running, and is this the right context?`,
    );
    c.close();
  });

  test('a host that does not resolve', async () => {
    const c = await createKubeClient(
      { kubeconfig: kubeconfigFile('{token: t}', 'http://no-such-host.invalid:6443') },
      { env: {}, stdinIsTTY: false },
    );
    const error = (await c.get('/api').catch((e: unknown) => e)) as KubeUnreachableError;
    expect(error).toBeInstanceOf(KubeUnreachableError);
    expect(error.message).toMatch(
      /^cannot resolve the host of http:\/\/no-such-host\.invalid:6443 \(context "c"\) \((ENOTFOUND|EAI_AGAIN)\)/,
    );
    c.close();
  });
});

describe('credentials', () => {
  test('tokenFile is read, relative to the kubeconfig', async () => {
    writeFileSync(join(dir, 'token.txt'), 'from-file\n');
    handler = (_req, res) => json(res, 200, {});
    const c = await client({}, '{tokenFile: token.txt}');
    await c.get('/api');
    expect(seen[0]?.headers.authorization).toBe('Bearer from-file');
    c.close();
  });

  test('basic auth and impersonation', async () => {
    handler = (_req, res) => json(res, 200, {});
    const c = await client({}, '{username: admin, password: pw, as: bob}');
    await c.get('/api');
    expect(seen[0]?.headers.authorization).toBe(`Basic ${Buffer.from('admin:pw').toString('base64')}`);
    expect(seen[0]?.headers['impersonate-user']).toBe('bob');
    c.close();
  });

  test('exec plugins get KUBERNETES_EXEC_INFO (interactive false without a terminal) and their env; the token is sent', async () => {
    const script = join(dir, 'get-token.sh');
    const infoFile = join(dir, 'exec-info.json');
    writeFileSync(
      script,
      `#!/bin/sh\nprintf '%s' "$KUBERNETES_EXEC_INFO" > "${infoFile}"\nprintf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"%s"}}' "$TOKEN_FROM_ENV"\n`,
    );
    chmodSync(script, 0o755);
    handler = (_req, res) => json(res, 200, {});
    const user = `{exec: {apiVersion: client.authentication.k8s.io/v1, command: ./get-token.sh, interactiveMode: IfAvailable, provideClusterInfo: true, env: [{name: TOKEN_FROM_ENV, value: exec-token}]}}`;
    const c = await client({}, user);
    await c.get('/api');
    expect(seen[0]?.headers.authorization).toBe('Bearer exec-token');
    expect(JSON.parse(readFileSync(infoFile, 'utf8'))).toEqual({
      apiVersion: 'client.authentication.k8s.io/v1',
      kind: 'ExecCredential',
      spec: { interactive: false, cluster: { server: base } },
    });
    c.close();
  });

  test("an exec plugin's answer is decoded data: a token that is not a string is none; its kind is described", async () => {
    const answer = (name: string, output: string) => {
      const script = join(dir, name);
      writeFileSync(script, `#!/bin/sh\nprintf '%s' '${output}'\n`);
      chmodSync(script, 0o755);
      return `{exec: {apiVersion: client.authentication.k8s.io/v1, command: ./${name}, interactiveMode: Never}}`;
    };
    const objectToken = answer(
      'object-token.sh',
      '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":{"toString":1}}}',
    );
    await expect(client({}, objectToken)).rejects.toThrow(
      new ConfigError(
        `exec credential plugin "${join(dir, 'object-token.sh')}" of user "u" returned neither a token nor a client certificate and key`,
      ),
    );
    const objectKind = answer('object-kind.sh', '{"kind":{"toString":"ExecCredential"}}');
    await expect(client({}, objectKind)).rejects.toThrow(
      new ConfigError(
        `exec credential plugin "${join(dir, 'object-kind.sh')}" of user "u" printed kind {"toString":"ExecCredential"}, not ExecCredential`,
      ),
    );
  });

  test('exec plugin problems are configuration errors with the install hint', async () => {
    const missing = `{exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: no-such-login-tool, installHint: "install it with: brew install no-such-login-tool"}}`;
    const notFound = await client({}, missing).catch((e: unknown) => e);
    expect(notFound).toBeInstanceOf(ConfigError);
    expect(notFound).toMatchObject({
      message: 'exec credential plugin "no-such-login-tool" of user "u": executable not found',
      hint: ['', 'install it with: brew install no-such-login-tool'],
    });
    const always = `{exec: {apiVersion: client.authentication.k8s.io/v1, command: "true", interactiveMode: Always}}`;
    await expect(client({}, always)).rejects.toThrow(
      'needs to prompt (interactiveMode: Always) but standard input is not a terminal',
    );
    const noMode = `{exec: {apiVersion: client.authentication.k8s.io/v1, command: "true"}}`;
    await expect(client({}, noMode)).rejects.toThrow('interactiveMode must be set for client.authentication.k8s.io/v1');
    const failing = `{exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: "false"}}`;
    await expect(client({}, failing)).rejects.toThrow(
      'exec credential plugin "false" of user "u" failed (exit code 1)',
    );
  });
});
