// Exec credential plugins (kubelogin, aws eks get-token, gke-gcloud-auth-plugin, ...) run the
// way client-go runs them, so that a plugin which needs the user (device-code login, MFA
// prompt) can reach the terminal. client-node pipes the plugin's stderr and shows it only when
// the plugin fails, gives it no stdin and no KUBERNETES_EXEC_INFO (notes/kubectl-plugin-ux.md
// §1.4). Here, as in client-go (plugin/pkg/client/auth/exec): stderr always goes to the user,
// stdin is passed on when interactive, and KUBERNETES_EXEC_INFO says whether it is.
import { readFileSync } from 'node:fs';
import { ConfigError } from '../../edge/index.ts';
import { describeValue, obj, own, str } from '../../kubernetes/index.ts';
import type { ExecConfig, KubeCluster } from './kubeconfig.ts';

export interface ExecCredentialStatus {
  token?: string;
  /** PEM */
  clientCertificateData?: string;
  /** PEM */
  clientKeyData?: string;
  expirationTimestamp?: string;
}

export interface ExecIo {
  env: Readonly<Record<string, string | undefined>>;
  /** Whether standard input is a terminal a plugin may prompt on. */
  stdinIsTTY: boolean;
}

const KNOWN_API_VERSIONS = ['client.authentication.k8s.io/v1', 'client.authentication.k8s.io/v1beta1'];

/** Runs the plugin and returns its credential; throws ConfigError with what went wrong. */
export async function runExecCredentialPlugin(
  exec: ExecConfig,
  cluster: KubeCluster,
  userName: string,
  io: ExecIo,
): Promise<ExecCredentialStatus> {
  const apiVersion = exec.apiVersion ?? '';
  const label = `exec credential plugin "${exec.command}" of user "${userName}"`;
  if (exec.command === '') throw new ConfigError(`user "${userName}": exec has no command`);
  if (!KNOWN_API_VERSIONS.includes(apiVersion)) {
    throw new ConfigError(
      `${label}: apiVersion "${apiVersion}" is not supported (use ${KNOWN_API_VERSIONS.join(' or ')})`,
    );
  }
  // client.authentication.k8s.io/v1 requires interactiveMode; v1beta1 defaults to IfAvailable.
  const mode = exec.interactiveMode ?? (apiVersion.endsWith('/v1beta1') ? 'IfAvailable' : undefined);
  if (mode === undefined) throw new ConfigError(`${label}: interactiveMode must be set for ${apiVersion}`);
  if (!['Never', 'IfAvailable', 'Always'].includes(mode))
    throw new ConfigError(`${label}: unknown interactiveMode "${mode}"`);
  if (mode === 'Always' && !io.stdinIsTTY) {
    throw new ConfigError(`${label} needs to prompt (interactiveMode: Always) but standard input is not a terminal`);
  }
  const interactive = mode !== 'Never' && io.stdinIsTTY;

  const spec: Record<string, unknown> = { interactive };
  if (exec.provideClusterInfo) spec.cluster = clusterInfo(cluster);
  const env: Record<string, string | undefined> = {
    ...io.env,
    KUBERNETES_EXEC_INFO: JSON.stringify({ apiVersion, kind: 'ExecCredential', spec }),
  };
  for (const { name, value } of exec.env ?? []) env[name] = value;

  // Loaded here, not at start-up: most runs never spawn anything.
  const { spawn } = await import('node:child_process');
  const stdout = await new Promise<string>((resolvePromise, reject) => {
    const child = spawn(exec.command, exec.args ?? [], {
      env,
      stdio: [interactive ? 'inherit' : 'ignore', 'pipe', 'inherit'],
    });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) => {
      // The kubeconfig's installHint is written to be shown as it is, over several lines (as
      // kubectl shows it): its lines are the hint, each escaped on its own.
      const hint = exec.installHint ? ['', ...exec.installHint.trim().split(/\r?\n/)] : [];
      reject(
        error.code === 'ENOENT'
          ? new ConfigError(`${label}: executable not found`, { hint })
          : new ConfigError(`${label} could not run: ${error.message}`),
      );
    });
    child.on('close', (code, signal) => {
      if (code === 0) resolvePromise(Buffer.concat(chunks).toString('utf8'));
      else
        reject(
          new ConfigError(
            `${label} failed (${signal ? `signal ${signal}` : `exit code ${code}`}); its messages are above`,
          ),
        );
    });
  });

  let credential: unknown;
  try {
    credential = JSON.parse(stdout);
  } catch {
    throw new ConfigError(`${label} did not print an ExecCredential (its output is not JSON)`);
  }
  // The plugin's output is decoded data: read by type, and shown described, never String()ed.
  const kind = own(credential, 'kind');
  if (kind !== 'ExecCredential')
    throw new ConfigError(`${label} printed kind ${describeValue(kind)}, not ExecCredential`);
  const answered = own(credential, 'apiVersion');
  if (answered !== apiVersion) {
    throw new ConfigError(
      `${label} answered with apiVersion ${describeValue(answered)}, not the "${apiVersion}" it was asked for`,
    );
  }
  const fields = obj(credential, 'status');
  const status: ExecCredentialStatus = {};
  for (const key of ['token', 'clientCertificateData', 'clientKeyData', 'expirationTimestamp'] as const) {
    const value = str(fields, key);
    if (value !== undefined) status[key] = value;
  }
  const hasCertificate = Boolean(status.clientCertificateData) && Boolean(status.clientKeyData);
  if (!status.token && !hasCertificate) {
    throw new ConfigError(`${label} returned neither a token nor a client certificate and key`);
  }
  if (Boolean(status.clientCertificateData) !== Boolean(status.clientKeyData)) {
    throw new ConfigError(`${label} returned a client certificate without its key (or a key without its certificate)`);
  }
  return status;
}

/** spec.cluster of KUBERNETES_EXEC_INFO (provideClusterInfo: true). */
function clusterInfo(cluster: KubeCluster): Record<string, unknown> {
  const info: Record<string, unknown> = { server: cluster.server };
  if (cluster.tlsServerName) info['tls-server-name'] = cluster.tlsServerName;
  if (cluster.skipTLSVerify) info['insecure-skip-tls-verify'] = true;
  if (cluster.proxyUrl) info['proxy-url'] = cluster.proxyUrl;
  const ca = cluster.caData ?? (cluster.caFile ? readFileSync(cluster.caFile).toString('base64') : undefined);
  if (ca) info['certificate-authority-data'] = ca;
  return info;
}
