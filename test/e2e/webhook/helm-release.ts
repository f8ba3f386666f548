// A Helm release of manifests/helm/job-x installed on the testbed by real helm, and its webhook
// pod run by the testbed. The testbed has no container runtime (a node simulator; no Deployment
// or ReplicaSet controller either), so this file plays the parts a cluster plays for a pod:
//   - kubelet: it reads the Deployment as installed, projects the Secret and ConfigMap volumes
//     into a directory as kubelet's atomic writer does (`..data` symlink swapped on every change,
//     polled every 500 ms) and runs the built webhook (bin/job-x-webhook.js, the image's
//     entrypoint) with the container's args, their mount paths mapped to that directory; the
//     service account token comes from the TokenRequest API, as a projected token would;
//   - the EndpointSlice controller: once the container's readinessProbe answers, an EndpointSlice
//     of each Service that selects the pod names the process's address and ports.
// The API server reaches the chart's clientConfig.service through those EndpointSlices: the
// testbed runs kube-apiserver with --enable-aggregator-routing=true (test/testbed/up.sh). An
// endpoint address may not be loopback (ValidateEndpointIP), so the process listens on the
// machine's first non-loopback IPv4 address. Its ports are free ones instead of the container's
// (parallel test runs share the machine); the EndpointSlice names them, as it names a pod's.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { cluster, KUBECONFIG, REPO_ROOT, TESTBED_DIR } from '../helpers/cluster.ts';
import { kubectlRun, ok, run, show, TESTBED_SCRIPTS, type RunResult } from './run.ts';

export const CHART = join(REPO_ROOT, 'manifests', 'helm', 'job-x');

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let helmBinary: string | undefined;

/** Real helm (test/tools/helm/build.sh) against the testbed; never throws on a non-zero exit. */
export async function helm(args: string[]): Promise<RunResult> {
  helmBinary ??= ok(await run('bash', [join(REPO_ROOT, 'test', 'tools', 'helm', 'build.sh')])).stdout.trim();
  return run(helmBinary, [...args, '--kubeconfig', KUBECONFIG]);
}

/** npm run build when the webhook bundle is older than its sources (as webhook-up.sh does). */
export async function ensureWebhookBuilt(): Promise<void> {
  const script = `source "${TESTBED_SCRIPTS}/lib.sh" && source "${TESTBED_SCRIPTS}/webhook/webhook-lib.sh" && webhook_ensure_built auto`;
  ok(await run('bash', ['-c', script], { env: { TESTBED_DIR } }));
}

/** The address a pod would have: the machine's, since endpoints may not be loopback. */
function nodeAddress(): string {
  for (const addresses of Object.values(networkInterfaces()))
    for (const address of addresses ?? [])
      if (address.family === 'IPv4' && !address.internal && !address.address.startsWith('169.254.'))
        return address.address;
  throw new Error(
    'no non-loopback IPv4 address on this machine: an EndpointSlice may not point at loopback (ValidateEndpointIP)',
  );
}

function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function getJson(args: string[]): Promise<Json> {
  return JSON.parse(ok(await kubectlRun(['get', '-o', 'json', ...args])).stdout) as Json;
}

/** A Secret's or ConfigMap's files, as kubelet writes them (keys → contents). */
function volumeFiles(object: Json): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const [key, value] of Object.entries((object.data ?? {}) as Record<string, string>))
    files.set(key, object.kind === 'Secret' ? Buffer.from(value, 'base64') : Buffer.from(value, 'utf8'));
  return files;
}

/**
 * kubelet's atomic writer: the files in a fresh `..<generation>` directory, `..data` renamed over
 * to point at it, and one `<key> -> ..data/<key>` symlink per key.
 */
function project(dir: string, files: Map<string, Buffer>, mode: number, generation: number): void {
  const data = `..gen_${generation}`;
  mkdirSync(join(dir, data), { recursive: true });
  for (const [key, content] of files) {
    writeFileSync(join(dir, data, key), content);
    chmodSync(join(dir, data, key), mode);
  }
  symlinkSync(data, join(dir, '..data_tmp'));
  renameSync(join(dir, '..data_tmp'), join(dir, '..data'));
  for (const key of files.keys()) {
    try {
      symlinkSync(join('..data', key), join(dir, key));
    } catch {
      // already there from an earlier generation
    }
  }
}

interface ProjectedVolume {
  kind: 'Secret' | 'ConfigMap';
  name: string;
  dir: string;
  mode: number;
  resourceVersion: string;
  generation: number;
}

export interface WebhookPod {
  /** The process's address and ports (what the EndpointSlice names). */
  address: string;
  port: number;
  metricsPort: number;
  pid: number;
  log: string;
  /** Deletes the EndpointSlice, stops the process and removes its files. */
  stop(): Promise<void>;
}

/** Runs the webhook pod of the release's Deployment `deployment` in `namespace` (see the top). */
export async function runWebhookPod(namespace: string, deployment = 'job-x-webhook'): Promise<WebhookPod> {
  const spec = (await getJson(['-n', namespace, 'deployment', deployment])).spec as Json;
  const podSpec = spec.template.spec as Json;
  const podLabels = spec.template.metadata.labels as Record<string, string>;
  const container = podSpec.containers[0] as Json;
  const id = `helm-${namespace}`;
  const dir = join(TESTBED_DIR, 'webhook', id);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true, mode: 0o700 });

  // Volumes: Secret and ConfigMap projected, emptyDir a plain directory.
  const projected: ProjectedVolume[] = [];
  const mounts: [string, string][] = [];
  for (const mount of container.volumeMounts as Json[]) {
    const volume = (podSpec.volumes as Json[]).find((v) => v.name === mount.name)!;
    const local = join(dir, 'volumes', mount.name);
    mkdirSync(local, { recursive: true });
    mounts.push([mount.mountPath, local]);
    const source = volume.secret
      ? { kind: 'Secret' as const, name: volume.secret.secretName, mode: volume.secret.defaultMode ?? 0o644 }
      : volume.configMap
        ? { kind: 'ConfigMap' as const, name: volume.configMap.name, mode: volume.configMap.defaultMode ?? 0o644 }
        : undefined;
    if (!source) continue;
    const object = await getJson(['-n', namespace, source.kind.toLowerCase(), source.name]);
    project(local, volumeFiles(object), source.mode, 0);
    projected.push({ ...source, dir: local, resourceVersion: object.metadata.resourceVersion, generation: 0 });
  }

  // The pod's service account token (the TokenRequest API, as a projected token volume gets it).
  const token = ok(
    await kubectlRun(['create', 'token', '-n', namespace, podSpec.serviceAccountName, '--duration=1h']),
  ).stdout.trim();
  const admin = cluster().kubeConfig.getCurrentCluster()!;
  const caData = /certificate-authority-data: (\S+)/.exec(readFileSync(KUBECONFIG, 'utf8'))?.[1];
  const podKubeconfig = join(dir, 'service-account.kubeconfig');
  writeFileSync(
    podKubeconfig,
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'in-cluster', cluster: { server: admin.server, 'certificate-authority-data': caData } }],
      users: [{ name: 'pod', user: { token } }],
      contexts: [{ name: 'pod', context: { cluster: 'in-cluster', user: 'pod', namespace } }],
      'current-context': 'pod',
    }),
    { mode: 0o600 },
  );

  // The container's ports, each on a free port of the machine's address.
  const address = nodeAddress();
  const ports = new Map<number, number>(); // containerPort → local port
  const portNames = new Map<string, number>(); // container port name → containerPort
  for (const p of container.ports as Json[]) {
    ports.set(p.containerPort, await freePort(address));
    portNames.set(p.name, p.containerPort);
  }
  const local = (containerPort: number): number => ports.get(containerPort)!;
  const args = (container.args as string[]).map((arg) => {
    const port = /^--(port|metrics-port)=(\d+)$/.exec(arg);
    if (port) return `--${port[1]}=${local(Number(port[2]))}`;
    for (const [mountPath, localPath] of mounts) if (arg.includes(mountPath)) return arg.replace(mountPath, localPath);
    return arg;
  });
  // --shutdown-delay=0: the EndpointSlice is deleted before the process is stopped.
  args.push(`--host=${address}`, `--kubeconfig=${podKubeconfig}`, '--shutdown-delay=0');

  const log = join(TESTBED_DIR, 'logs', `webhook-${id}.log`);
  const logFd = openSync(log, 'a');
  const child: ChildProcess = spawn(
    join(REPO_ROOT, 'node_modules', '.bin', 'node'),
    [join(REPO_ROOT, 'bin', 'job-x-webhook.js'), ...args],
    { cwd: dir, stdio: ['ignore', logFd, logFd] },
  );
  closeSync(logFd);
  const pidFile = join(TESTBED_DIR, 'pids', `webhook-${id}.pid`);
  writeFileSync(pidFile, `${child.pid}\n`); // npm run testbed:down stops a process left behind

  // kubelet's volume sync: a changed Secret or ConfigMap is projected anew.
  let syncing = true;
  const sync = (async () => {
    while (syncing) {
      for (const volume of projected) {
        try {
          const object =
            volume.kind === 'Secret'
              ? await cluster().core.readNamespacedSecret({ name: volume.name, namespace })
              : await cluster().core.readNamespacedConfigMap({ name: volume.name, namespace });
          if (object.metadata?.resourceVersion === volume.resourceVersion) continue;
          volume.resourceVersion = object.metadata!.resourceVersion!;
          project(volume.dir, volumeFiles({ kind: volume.kind, data: object.data }), volume.mode, ++volume.generation);
        } catch {
          // deleted (helm uninstall) or the API server busy: kubelet keeps the last content too
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  })();

  const endpointSlices: string[] = [];
  const stop = async (): Promise<void> => {
    syncing = false;
    await sync;
    for (const name of endpointSlices)
      await kubectlRun(['delete', '-n', namespace, 'endpointslice', name, '--ignore-not-found']);
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(pidFile, { force: true });
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    // The readinessProbe, as kubelet runs it.
    const probe = container.readinessProbe.httpGet as Json;
    const probePort = typeof probe.port === 'number' ? probe.port : portNames.get(probe.port)!;
    const url = `${String(probe.scheme ?? 'HTTP').toLowerCase()}://${address}:${local(probePort)}${probe.path}`;
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the webhook exited (${child.exitCode})`);
      const ready = await fetch(url)
        .then((response) => response.status === 200)
        .catch(() => false);
      if (ready) break;
      if (Date.now() > deadline) throw new Error(`the webhook's readiness probe ${url} did not pass in 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }

    // The EndpointSlice controller: every Service whose selector selects the pod.
    const services = (await getJson(['-n', namespace, 'services'])).items as Json[];
    for (const service of services) {
      const selector = (service.spec.selector ?? {}) as Record<string, string>;
      if (Object.keys(selector).length === 0 || !Object.entries(selector).every(([k, v]) => podLabels[k] === v))
        continue;
      const name = `${service.metadata.name}-testbed-${randomBytes(3).toString('hex')}`;
      const slice = {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: {
          name,
          namespace,
          labels: {
            'kubernetes.io/service-name': service.metadata.name,
            'endpointslice.kubernetes.io/managed-by': 'testbed.job-x.dev',
          },
        },
        addressType: 'IPv4',
        endpoints: [{ addresses: [address], conditions: { ready: true, serving: true, terminating: false } }],
        ports: (service.spec.ports as Json[]).map((p) => ({
          name: p.name,
          protocol: p.protocol,
          port: local(typeof p.targetPort === 'number' ? p.targetPort : portNames.get(p.targetPort)!),
        })),
      };
      const created = await kubectlRun(['create', '-f', '-'], JSON.stringify(slice));
      if (created.code !== 0) throw new Error(`the EndpointSlice was refused:\n${show(created)}`);
      endpointSlices.push(name);
    }
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n${readFileSync(log, 'utf8').slice(-3000)}`, { cause: error });
  }
  return {
    address,
    port: local(portNames.get('https')!),
    metricsPort: local(portNames.get('metrics')!),
    pid: child.pid!,
    log,
    stop,
  };
}
