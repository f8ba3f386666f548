// A kube-apiserver of an older release (test/tools/kube-apiserver/build.sh), started beside the
// testbed for the --kube-version tests: it shares the testbed's etcd under an --etcd-prefix of its
// own (deleted again when it stops) and its PKI (read only), so that it needs nothing else and
// leaves the testbed as it was. No controllers run against it: it is for dry-run creates.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { REPO_ROOT, TESTBED_DIR } from './cluster.ts';

const BUILD_SCRIPT = join(REPO_ROOT, 'test', 'tools', 'kube-apiserver', 'build.sh');

/** A cold build of kube-apiserver 1.33 takes 10 to 20 minutes of CPU on two cores (modules downloaded first). */
export const OLDER_APISERVER_BUILD_TIMEOUT_MS = 2_400_000;

export interface OlderApiServer {
  readonly kubeConfig: KubeConfig;
  /** The release it reports at /version (gitVersion). */
  readonly version: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function testbedPorts(): Record<string, string> {
  const text = readFileSync(join(TESTBED_DIR, 'ports'), 'utf8');
  return Object.fromEntries([...text.matchAll(/^(\w+)=(\d+)$/gm)].map((m) => [m[1]!, m[2]!]));
}

/** Deletes every etcd key under the prefix (etcd's v3 JSON gateway). */
async function deletePrefix(etcd: string, prefix: string): Promise<void> {
  const key = Buffer.from(prefix);
  const end = Buffer.from(prefix);
  end[end.length - 1]! += 1;
  await fetch(`${etcd}/v3/kv/deleterange`, {
    method: 'POST',
    body: JSON.stringify({ key: key.toString('base64'), range_end: end.toString('base64') }),
  });
}

/** Builds (when the cache lacks it) and starts the older kube-apiserver; resolves once it is ready. */
export async function startOlderApiServer(): Promise<OlderApiServer> {
  const binary = execFileSync('bash', [BUILD_SCRIPT], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
  const pki = join(TESTBED_DIR, 'pki');
  const etcd = `http://127.0.0.1:${testbedPorts().ETCD_CLIENT_PORT}`;
  const prefix = `/job-x-older-apiserver-${process.pid}-${Date.now()}/`;
  const port = await freePort();
  const certDir = mkdtempSync(join(tmpdir(), 'job-x-older-apiserver-'));
  const child: ChildProcess = spawn(
    binary,
    [
      `--etcd-servers=${etcd}`,
      `--etcd-prefix=${prefix}`,
      '--bind-address=127.0.0.1',
      '--advertise-address=127.0.0.1',
      `--secure-port=${port}`,
      `--cert-dir=${certDir}`,
      `--tls-cert-file=${join(pki, 'apiserver.crt')}`,
      `--tls-private-key-file=${join(pki, 'apiserver.key')}`,
      `--client-ca-file=${join(pki, 'ca.crt')}`,
      '--authorization-mode=RBAC',
      '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
      `--service-account-key-file=${join(pki, 'sa.pub')}`,
      `--service-account-signing-key-file=${join(pki, 'sa.key')}`,
      '--service-cluster-ip-range=10.0.0.0/24',
      '--endpoint-reconciler-type=none',
      '--profiling=false',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    log = (log + chunk.toString('utf8')).slice(-20_000);
  });
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [{ name: 'older', server: `https://127.0.0.1:${port}`, caFile: join(pki, 'ca.crt') }],
    users: [{ name: 'admin', certFile: join(pki, 'admin.crt'), keyFile: join(pki, 'admin.key') }],
    contexts: [{ name: 'older', cluster: 'older', user: 'admin' }],
    currentContext: 'older',
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    rmSync(certDir, { recursive: true, force: true });
    await deletePrefix(etcd, prefix).catch(() => undefined);
  };
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`the older kube-apiserver exited (${child.exitCode}):\n${log}`);
    }
    const version = await readyVersion(kubeConfig).catch(() => undefined);
    if (version !== undefined) return { kubeConfig, version, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the older kube-apiserver was not ready in 120 s:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Its /version once /readyz says ok. */
async function readyVersion(kubeConfig: KubeConfig): Promise<string | undefined> {
  const { request } = await import('node:https');
  const get = async (path: string): Promise<{ status: number; text: string }> => {
    const options: Parameters<typeof request>[1] = { method: 'GET' };
    await kubeConfig.applyToHTTPSOptions(options);
    return new Promise((resolve, reject) => {
      const req = request(new URL(`${kubeConfig.getCurrentCluster()!.server}${path}`), options, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      });
      req.on('error', reject);
      req.end();
    });
  };
  if ((await get('/readyz')).status !== 200) return undefined;
  return (JSON.parse((await get('/version')).text) as { gitVersion: string }).gitVersion;
}
