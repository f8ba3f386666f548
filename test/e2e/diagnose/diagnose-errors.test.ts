// What a user sees when diagnose cannot do its work: a Job that is not there, RBAC that is too
// narrow (a real ServiceAccount token on the testbed), a cluster that is down, slow or not
// trusted, credentials that are refused, no configuration at all. Clear message, exit code, no
// stack trace.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { parse } from 'yaml';
import { KUBECONFIG, kubectl } from '../helpers/cluster.ts';
import { loadJob } from '../helpers/jobs.ts';
import { waitForJobCondition } from '../helpers/wait.ts';
import { create, inNamespace, jobX } from './diagnose-cli.ts';

interface Testbed {
  server: string;
  caData: string;
}

let testbed: Testbed;
let dir: string;

beforeAll(() => {
  const config = parse(readFileSync(KUBECONFIG, 'utf8')) as {
    clusters: { cluster: { server: string; 'certificate-authority-data': string } }[];
  };
  testbed = {
    server: config.clusters[0]!.cluster.server,
    caData: config.clusters[0]!.cluster['certificate-authority-data'],
  };
  dir = mkdtempSync(join(tmpdir(), 'job-x-diag-e2e-'));
});

/** A kubeconfig (context "c") for `server` with the given user entry; the testbed's CA unless `ca` is false. */
function kubeconfigFile(
  user: Record<string, unknown>,
  options: { server?: string; ca?: boolean; namespace?: string } = {},
): string {
  const cluster: Record<string, unknown> = { server: options.server ?? testbed.server };
  if (options.ca !== false) cluster['certificate-authority-data'] = testbed.caData;
  const file = join(dir, `kubeconfig-${randomBytes(4).toString('hex')}`);
  writeFileSync(
    file,
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      'current-context': 'c',
      clusters: [{ name: 'c', cluster }],
      users: [{ name: 'u', user }],
      contexts: [
        {
          name: 'c',
          context: { cluster: 'c', user: 'u', ...(options.namespace ? { namespace: options.namespace } : {}) },
        },
      ],
    }),
  );
  return file;
}

/** Port of a socket that was just closed: nothing listens there. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const NO_STACK = /\n\s+at /;

describe('diagnose: the Job is not there', () => {
  test.concurrent('a typo: exit 1 with the closest names of the namespace', async () => {
    await inNamespace('not-found', async (ns) => {
      await create(ns, { ...loadJob('pi'), metadata: { name: 'nightly-report' } });
      await create(ns, { ...loadJob('pi'), metadata: { name: 'nightly-backup' } });
      const result = await jobX(['diagnose', 'nightly-reprot', '-n', ns]);
      expect(result).toEqual({
        code: 1,
        stdout: '',
        stderr: `error: jobs.batch "nightly-reprot" not found in namespace "${ns}"\nDid you mean "nightly-report"?\n`,
      });
    });
  });

  test.concurrent('the wrong namespace: names the namespace that has it', async () => {
    await inNamespace('other-ns', async (ns) => {
      const unique = `report-${randomBytes(3).toString('hex')}`;
      await create(ns, { ...loadJob('pi'), metadata: { name: unique } });
      const other = await inNamespace('empty-ns', async (empty) =>
        jobX(['diagnose', `job/${unique}`, '-n', empty]).then((r) => ({ r, empty })),
      );
      expect(other.r.code).toBe(1);
      expect(other.r.stderr).toBe(
        `error: jobs.batch "${unique}" not found in namespace "${other.empty}"\nA Job named "${unique}" exists in namespace ${ns}: add -n ${ns}.\nThere are no Jobs in namespace "${other.empty}".\n`,
      );
    });
  });

  test('usage errors: exit 2', async () => {
    const kind = await jobX(['diagnose', 'deployment/web']);
    expect(kind).toMatchObject({
      code: 2,
      stderr:
        'error: "deployment/web": job-x works on Jobs and CronJobs, not "deployment" (use NAME, job/NAME or cronjob/NAME)\n',
    });
    const none = await jobX(['diagnose']);
    expect(none.code).toBe(2);
    // NAME is optional since -f FILE diagnoses a saved snapshot instead.
    expect(none.stderr).toContain('error: nothing to diagnose: give the NAME of a Job');
    const timeout = await jobX(['diagnose', 'pi', '--request-timeout', '5 minutes']);
    expect(timeout.code).toBe(2);
    expect(timeout.stderr).toContain("option '--request-timeout <duration>' argument '5 minutes' is invalid");
  });
});

describe('diagnose: RBAC (a ServiceAccount token with a narrow Role)', () => {
  async function serviceAccountKubeconfig(ns: string, rules: object[]): Promise<string> {
    const manifest = [
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'limited', namespace: ns } },
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'limited', namespace: ns }, rules },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: 'limited', namespace: ns },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'limited' },
        subjects: [{ kind: 'ServiceAccount', name: 'limited', namespace: ns }],
      },
    ];
    const file = join(dir, `rbac-${ns}.json`);
    writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: manifest }));
    await kubectl(['apply', '-f', file]);
    const token = (await kubectl(['create', 'token', 'limited', '-n', ns, '--duration', '1h'])).trim();
    return kubeconfigFile({ token }, { namespace: ns });
  }

  test.concurrent('get jobs but not list pods: exit 2 naming the user, verb, resource and namespace', async () => {
    await inNamespace('rbac-pods', async (ns) => {
      const name = await create(ns, loadJob('pi'));
      await waitForJobCondition(ns, name, 'Complete');
      const kubeconfig = await serviceAccountKubeconfig(ns, [
        { apiGroups: ['batch'], resources: ['jobs'], verbs: ['get', 'list'] },
        { apiGroups: [''], resources: ['events'], verbs: ['list'] },
      ]);
      const result = await jobX(['diagnose', name], { kubeconfig });
      expect(result).toEqual({
        code: 2,
        stdout: '',
        stderr:
          `error: forbidden: user "system:serviceaccount:${ns}:limited" cannot list pods in namespace "${ns}".\n` +
          `Ask a cluster admin for a Role that allows it; check with: kubectl auth can-i list pods -n ${ns}\n`,
      });
    });
  });

  test.concurrent('not even get jobs: the message names jobs.batch', async () => {
    await inNamespace('rbac-jobs', async (ns) => {
      const kubeconfig = await serviceAccountKubeconfig(ns, [
        { apiGroups: [''], resources: ['pods'], verbs: ['list'] },
      ]);
      const result = await jobX(['diagnose', 'pi'], { kubeconfig });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(
        `error: forbidden: user "system:serviceaccount:${ns}:limited" cannot get jobs.batch in namespace "${ns}".`,
      );
    });
  });

  test.concurrent('pods allowed but not events: the diagnosis runs, with a warning', async () => {
    await inNamespace('rbac-events', async (ns) => {
      const name = await create(ns, loadJob('pi'));
      await waitForJobCondition(ns, name, 'Complete');
      const kubeconfig = await serviceAccountKubeconfig(ns, [
        { apiGroups: ['batch'], resources: ['jobs'], verbs: ['get'] },
        { apiGroups: [''], resources: ['pods'], verbs: ['list'] },
      ]);
      const result = await jobX(['diagnose', name, '-o', 'json'], { kubeconfig });
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ state: 'Complete' });
      expect(result.stderr).toBe(
        `warning: forbidden: user "system:serviceaccount:${ns}:limited" cannot list events in namespace "${ns}". The diagnosis goes on without Events.\n`,
      );
    });
  });
});

describe('diagnose: the cluster cannot be asked', () => {
  let silent: Server;
  let sockets: Socket[] = [];
  beforeAll(async () => {
    // Accepts connections and never says a word (a dead load balancer, a firewall that drops).
    silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    sockets = [];
    await new Promise((resolve) => silent.close(resolve));
  });

  test('connection refused: exit 2 naming the server and the context', async () => {
    const port = await closedPort();
    const result = await jobX(['diagnose', 'pi'], {
      kubeconfig: kubeconfigFile({ token: 'x' }, { server: `https://127.0.0.1:${port}` }),
    });
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: cannot connect to the cluster at https://127.0.0.1:${port} (context "c"): connection refused. Is the API server running, and is this the right context?\n`,
    });
  });

  test('a server that never answers: exit 2 naming --request-timeout', async () => {
    const { port } = silent.address() as { port: number };
    const result = await jobX(['diagnose', 'pi', '--request-timeout', '1s'], {
      kubeconfig: kubeconfigFile({ token: 'x' }, { server: `https://127.0.0.1:${port}` }),
    });
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: no answer from https://127.0.0.1:${port} within 1s (--request-timeout) to GET /apis/batch/v1/namespaces/default/jobs/pi: raise --request-timeout (0 = no limit), or check the cluster's health\n`,
    });
  });

  test('--request-timeout 1ms against the testbed: too short for any answer', async () => {
    const result = await jobX(['diagnose', 'pi', '-n', 'default', '--request-timeout', '1ms']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^error: no answer from https:\/\/127\.0\.0\.1:\d+ within 1ms \(--request-timeout\) to GET \/apis\/batch\/v1\/namespaces\/default\/jobs\/pi: /,
    );
  });

  test('a server certificate the kubeconfig does not trust: exit 2, a TLS message', async () => {
    const result = await jobX(['diagnose', 'pi'], { kubeconfig: kubeconfigFile({ token: 'x' }, { ca: false }) });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      new RegExp(
        `^error: TLS with ${testbed.server.replace(/[.]/g, '\\.')} \\(context "c"\\) failed: .+\\. Check the cluster's certificate-authority \\(or tls-server-name\\) in the kubeconfig\\.\\n$`,
      ),
    );
  });

  test('credentials the server refuses: exit 2, 401', async () => {
    const result = await jobX(['diagnose', 'pi'], { kubeconfig: kubeconfigFile({ token: 'not-a-real-token' }) });
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr:
        `error: the server ${testbed.server} did not accept the credentials of kubeconfig user "u" (401 Unauthorized).\n` +
        'The token or certificate may have expired: log in again, or pick another --context or --user.\n',
    });
  });

  test('no configuration at all: exit 2 saying where it looked', async () => {
    const home = mkdtempSync(join(tmpdir(), 'job-x-home-'));
    const result = await jobX(['diagnose', 'pi'], {
      kubeconfig: null,
      env: { PATH: process.env.PATH, HOME: home, NO_COLOR: '1' },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `error: no Kubernetes configuration found (looked at ${join(home, '.kube', 'config')}, and not running inside a cluster).\n` +
        'Point --kubeconfig or KUBECONFIG at a kubeconfig file, or choose a context with --context.\n',
    );
  });

  test('proxy-url: requests go through the proxy (an HTTP CONNECT tunnel here)', async () => {
    let tunnels = 0;
    const open: { destroy(): void }[] = [];
    const proxy = createHttpServer();
    proxy.on('connect', (request, socket, head) => {
      tunnels++;
      const url = new URL(`http://${request.url}`);
      const upstream = connect(Number(url.port), url.hostname, () => {
        socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(socket);
        socket.pipe(upstream);
      });
      upstream.on('error', () => socket.destroy());
      socket.on('error', () => upstream.destroy());
      open.push(socket, upstream);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = proxy.address() as { port: number };
      const config = parse(readFileSync(KUBECONFIG, 'utf8')) as { clusters: { cluster: Record<string, unknown> }[] };
      config.clusters[0]!.cluster['proxy-url'] = `http://127.0.0.1:${port}`;
      const file = join(dir, 'proxied-kubeconfig');
      writeFileSync(file, JSON.stringify(config));
      const result = await jobX(['diagnose', 'no-such-job', '-n', 'default'], { kubeconfig: file });
      // The API server answered through the tunnel: a NotFound, not a connection error.
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^error: jobs\.batch "no-such-job" not found in namespace "default"/);
      expect(tunnels).toBeGreaterThan(0);
    } finally {
      // Tunnels are not HTTP connections the server would close: end them, or close() waits for ever.
      for (const socket of open) socket.destroy();
      await new Promise((resolve) => proxy.close(resolve));
    }
  });

  test('none of these print a stack trace', async () => {
    const port = await closedPort();
    for (const args of [
      ['diagnose', 'pi', '--kubeconfig', join(dir, 'missing')],
      ['diagnose', 'pi', '--kubeconfig', kubeconfigFile({ token: 'x' }, { server: `https://127.0.0.1:${port}` })],
    ]) {
      const result = await jobX(args, { kubeconfig: null });
      expect(result.code).toBe(2);
      expect(result.stderr).not.toMatch(NO_STACK);
      expect(result.stderr).not.toContain('internal error');
    }
  });
});
