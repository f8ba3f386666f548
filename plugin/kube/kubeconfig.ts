// Which cluster, user and namespace a live view talks to, decided the way kubectl (client-go's
// clientcmd) decides it. Why not client-node's loadFromDefault (measured with client-node 2:
// node bench/kube/client-node-cost.ts, figures in bench/README.md): with KUBECONFIG=a:b it throws
// "Duplicate cluster" when both files name the same cluster, lets the LAST file's current-context
// win, throws ENOENT on a missing file, and with nothing configured silently talks to
// http://localhost:8080; kubectl merges (first file wins), skips missing files and says that no
// configuration was found (notes/kubectl-plugin-ux.md §1.4). So the files are read and merged here:
//
//   1. --kubeconfig FILE: that file alone (it must exist).
//   2. else KUBECONFIG (a list split on ':' or ';' on Windows): missing and empty files are
//      skipped; for every cluster, user and context name the FIRST file defining it wins, and so
//      does the first current-context. Relative paths resolve against the file that holds them.
//   3. else ~/.kube/config if it exists.
//   4. if that gave no usable context: the in-cluster config (KUBERNETES_SERVICE_HOST/PORT and the
//      service-account token), namespace from POD_NAMESPACE, else the service account's.
//   --context, --cluster and --user override; the namespace is -n, else the context's, else default.
import { describeError, describeValue } from '../../kubernetes/index.ts';
import { existsSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { homedir } from 'node:os';
import { delimiter, dirname, isAbsolute, join, resolve } from 'node:path';
import { ConfigError } from '../../edge/index.ts';
import { parseSource } from '../yaml/index.ts';
import type { KubeFlags } from './flags.ts';
import { proxyFromEnvironment } from './proxy.ts';

export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/** A kubeconfig cluster (client-node's `Cluster` shape, so it can be handed to KubeConfig as is). */
export interface KubeCluster {
  name: string;
  server: string;
  caData?: string;
  caFile?: string;
  skipTLSVerify: boolean;
  tlsServerName?: string;
  proxyUrl?: string;
}

/** An exec credential plugin (users[].user.exec), command path already resolved. */
export interface ExecConfig {
  command: string;
  args?: string[];
  env?: { name: string; value: string }[];
  apiVersion?: string;
  installHint?: string;
  provideClusterInfo?: boolean;
  interactiveMode?: string;
}

/** A kubeconfig user (client-node's `User` shape). */
export interface KubeUser {
  name: string;
  certData?: string;
  certFile?: string;
  keyData?: string;
  keyFile?: string;
  token?: string;
  /** users[].user.tokenFile, read when the client is made (client-go reads it per request). */
  tokenFile?: string;
  username?: string;
  password?: string;
  exec?: ExecConfig;
  authProvider?: { name?: string; config?: Record<string, unknown> };
  impersonateUser?: string;
}

export interface KubeContext {
  name: string;
  cluster: string;
  user: string;
  namespace?: string;
}

export type KubeConfigSource = { kind: 'files'; files: string[] } | { kind: 'in-cluster' };

/** The outcome: exactly one cluster and user to talk to, and the namespace. */
export interface ResolvedKubeConfig {
  source: KubeConfigSource;
  /** The context used (null in-cluster, or for a context-less --cluster/--user choice). */
  contextName: string | null;
  cluster: KubeCluster;
  user: KubeUser;
  namespace: string;
  /** Whether -n chose the namespace. */
  namespaceFromFlag: boolean;
}

/** What loading reads besides the flags; tests pass their own. */
export interface KubeConfigEnvironment {
  env: Readonly<Record<string, string | undefined>>;
  /** The home folder holding .kube/config (undefined: none). */
  homeDir: string | undefined;
  /** Where the in-cluster service account's token, ca.crt and namespace files are. */
  serviceAccountDir: string;
  /** KUBECONFIG's list separator (':' or ';' on Windows). */
  pathDelimiter: string;
}

/** Where the kubeconfig is looked for, given the environment variables (HOME, KUBECONFIG, ...). */
export function kubeConfigEnvironment(env: Readonly<Record<string, string | undefined>>): KubeConfigEnvironment {
  return {
    env,
    homeDir: env.HOME || homedir() || undefined,
    serviceAccountDir: SERVICE_ACCOUNT_DIR,
    pathDelimiter: delimiter,
  };
}

interface ParsedFile {
  file: string;
  clusters: KubeCluster[];
  users: KubeUser[];
  contexts: KubeContext[];
  currentContext?: string;
}

type KubeConfigFlags = Pick<KubeFlags, 'kubeconfig' | 'context' | 'cluster' | 'user' | 'namespace'>;

/** Resolves the flags and environment to one cluster, user and namespace; throws ConfigError. */
export function loadKubeConfig(flags: KubeConfigFlags, environment: KubeConfigEnvironment): ResolvedKubeConfig {
  const { files, candidates } = kubeconfigFiles(flags, environment);
  const parsed = files.map(readKubeconfigFile).filter((file): file is ParsedFile => file !== null);
  const merged = mergeFirstWins(parsed);
  const contextName = flags.context ?? merged.currentContext;
  const choosesSomething = contextName !== undefined || flags.cluster !== undefined;
  if (!choosesSomething) {
    const inCluster = loadInCluster(flags, environment);
    if (inCluster) return inCluster;
    if (parsed.length === 0) {
      throw new ConfigError(
        `no Kubernetes configuration found (looked at ${candidates.join(', ') || '~/.kube/config'}, and not running inside a cluster).`,
        { hint: ['Point --kubeconfig or KUBECONFIG at a kubeconfig file, or choose a context with --context.'] },
      );
    }
    const names = merged.contexts.map((c) => c.name);
    throw new ConfigError(
      `the kubeconfig (${parsed.map((p) => p.file).join(', ')}) sets no current-context: choose one with --context` +
        (names.length > 0 ? ` (contexts: ${names.join(', ')})` : ' (it defines no contexts)'),
    );
  }
  const where = parsed.map((p) => p.file).join(', ') || candidates.join(', ');
  let context: KubeContext | undefined;
  if (contextName !== undefined) {
    context = merged.contexts.find((c) => c.name === contextName);
    if (!context) {
      const names = merged.contexts.map((c) => c.name);
      throw new ConfigError(
        `context "${contextName}" does not exist in the kubeconfig (${where})${names.length > 0 ? `; contexts: ${names.join(', ')}` : ''}`,
      );
    }
  }
  const clusterName = flags.cluster ?? context?.cluster ?? '';
  const found = merged.clusters.find((c) => c.name === clusterName);
  if (!found) {
    const by = flags.cluster !== undefined ? '--cluster' : `context "${contextName}"`;
    throw new ConfigError(`cluster "${clusterName}" (chosen by ${by}) does not exist in the kubeconfig (${where})`);
  }
  if (!found.server) throw new ConfigError(`cluster "${clusterName}" in the kubeconfig (${where}) has no server`);
  const userName = flags.user ?? context?.user ?? '';
  let user: KubeUser = { name: userName };
  if (userName !== '') {
    const foundUser = merged.users.find((u) => u.name === userName);
    if (!foundUser) {
      const by = flags.user !== undefined ? '--user' : `context "${contextName}"`;
      throw new ConfigError(`user "${userName}" (chosen by ${by}) does not exist in the kubeconfig (${where})`);
    }
    user = foundUser;
  }
  return {
    source: { kind: 'files', files: parsed.map((p) => p.file) },
    contextName: contextName ?? null,
    cluster: withProxy(found, environment),
    user,
    namespace: flags.namespace || context?.namespace || 'default',
    namespaceFromFlag: Boolean(flags.namespace),
  };
}

function kubeconfigFiles(
  flags: KubeConfigFlags,
  environment: KubeConfigEnvironment,
): { files: string[]; candidates: string[] } {
  if (flags.kubeconfig !== undefined) {
    const file = resolve(flags.kubeconfig);
    if (!existsSync(file))
      throw new ConfigError(`cannot read kubeconfig ${flags.kubeconfig} (--kubeconfig): no such file`);
    return { files: [file], candidates: [file] };
  }
  const list = environment.env.KUBECONFIG;
  if (list) {
    const candidates = [...new Set(list.split(environment.pathDelimiter).filter((f) => f !== ''))].map((f) =>
      resolve(f),
    );
    return { files: candidates.filter((f) => existsSync(f)), candidates: candidates.map((f) => `${f} (KUBECONFIG)`) };
  }
  if (environment.homeDir) {
    const file = join(environment.homeDir, '.kube', 'config');
    return { files: existsSync(file) ? [file] : [], candidates: [file] };
  }
  return { files: [], candidates: [] };
}

function readKubeconfigFile(file: string): ParsedFile | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(
      `cannot read kubeconfig ${file}: ${(error as NodeJS.ErrnoException).code ?? describeError(error)}`,
    );
  }
  if (text.trim() === '') return null;
  // Read as kubectl reads it (client-go: go-yaml through sigs.k8s.io/yaml), by the reader lint
  // uses for manifests; it also spares a cluster command loading the full YAML parser at start-up.
  const source = parseSource(text);
  const error = source.problems.find((problem) => problem.severity === undefined);
  if (error !== undefined)
    throw new ConfigError(`kubeconfig ${file} is not valid YAML: line ${error.line}: ${error.message.split('\n')[0]}`);
  const document: unknown = source.objects[0]?.value;
  if (document === null || document === undefined) return null;
  if (typeof document !== 'object' || Array.isArray(document))
    throw new ConfigError(`kubeconfig ${file} is not a kubeconfig (expected a mapping)`);
  const root = document as Record<string, unknown>;
  const dir = dirname(file);
  const path = (value: unknown): string | undefined =>
    typeof value === 'string' && value !== '' ? (isAbsolute(value) ? value : join(dir, value)) : undefined;
  const text_ = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
  const entries = (key: string, inner: string): { name: string; body: Record<string, unknown> }[] => {
    const list = root[key];
    if (list === undefined || list === null) return [];
    if (!Array.isArray(list)) throw new ConfigError(`kubeconfig ${file}: ${key} must be a list`);
    return list.flatMap((item: unknown) => {
      if (typeof item !== 'object' || item === null) return [];
      const { name, [inner]: body } = item as Record<string, unknown>;
      if (typeof name !== 'string' || name === '') return [];
      return [{ name, body: typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {} }];
    });
  };
  const clusters = entries('clusters', 'cluster').map(({ name, body }): KubeCluster => ({
    name,
    server: text_(body.server) ?? '',
    caData: text_(body['certificate-authority-data']),
    caFile: path(body['certificate-authority']),
    skipTLSVerify: body['insecure-skip-tls-verify'] === true,
    tlsServerName: text_(body['tls-server-name']),
    proxyUrl: text_(body['proxy-url']),
  }));
  const users = entries('users', 'user').map(({ name, body }): KubeUser => ({
    name,
    certData: text_(body['client-certificate-data']),
    certFile: path(body['client-certificate']),
    keyData: text_(body['client-key-data']),
    keyFile: path(body['client-key']),
    token: text_(body.token),
    tokenFile: path(body.tokenFile),
    username: text_(body.username),
    password: text_(body.password),
    exec: toExecConfig(body.exec, dir),
    authProvider:
      typeof body['auth-provider'] === 'object' && body['auth-provider'] !== null
        ? (body['auth-provider'] as KubeUser['authProvider'])
        : undefined,
    impersonateUser: text_(body.as),
  }));
  const contexts = entries('contexts', 'context').map(({ name, body }): KubeContext => ({
    name,
    cluster: text_(body.cluster) ?? '',
    user: text_(body.user) ?? '',
    namespace: text_(body.namespace),
  }));
  return { file, clusters, users, contexts, currentContext: text_(root['current-context']) };
}

/** A relative command with a path separator is relative to its kubeconfig, as in client-go. */
function toExecConfig(value: unknown, dir: string): ExecConfig | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const exec = value as Record<string, unknown>;
  const command = typeof exec.command === 'string' ? exec.command : '';
  const resolved = command !== '' && !isAbsolute(command) && /[\\/]/.test(command) ? join(dir, command) : command;
  return {
    command: resolved,
    // Decoded data: an argument that is not a string is described, never String()ed (a mapping
    // can carry a `toString` key).
    args: Array.isArray(exec.args)
      ? exec.args.map((arg: unknown) => (typeof arg === 'string' ? arg : describeValue(arg)))
      : undefined,
    env: Array.isArray(exec.env)
      ? exec.env.flatMap((e: unknown) => {
          const entry = e as { name?: unknown; value?: unknown } | null;
          return entry && typeof entry.name === 'string'
            ? [{ name: entry.name, value: typeof entry.value === 'string' ? entry.value : '' }]
            : [];
        })
      : undefined,
    apiVersion: typeof exec.apiVersion === 'string' ? exec.apiVersion : undefined,
    installHint: typeof exec.installHint === 'string' ? exec.installHint : undefined,
    provideClusterInfo: exec.provideClusterInfo === true,
    interactiveMode: typeof exec.interactiveMode === 'string' ? exec.interactiveMode : undefined,
  };
}

function mergeFirstWins(files: ParsedFile[]): Omit<ParsedFile, 'file'> {
  const pick = <T extends { name: string }>(lists: T[][]): T[] => {
    const seen = new Map<string, T>();
    for (const list of lists) for (const item of list) if (!seen.has(item.name)) seen.set(item.name, item);
    return [...seen.values()];
  };
  return {
    clusters: pick(files.map((f) => f.clusters)),
    users: pick(files.map((f) => f.users)),
    contexts: pick(files.map((f) => f.contexts)),
    currentContext: files.find((f) => f.currentContext !== undefined)?.currentContext,
  };
}

function withProxy(cluster: KubeCluster, environment: KubeConfigEnvironment): KubeCluster {
  if (cluster.proxyUrl) return cluster;
  let proxyUrl: string | undefined;
  try {
    proxyUrl = proxyFromEnvironment(cluster.server, environment.env);
  } catch {
    throw new ConfigError(`cluster "${cluster.name}" has a server that is not a URL: ${cluster.server}`);
  }
  return proxyUrl ? { ...cluster, proxyUrl } : cluster;
}

/** client-go's inClusterClientConfig: possible when the service host, port and token file exist. */
function loadInCluster(flags: KubeConfigFlags, environment: KubeConfigEnvironment): ResolvedKubeConfig | null {
  const host = environment.env.KUBERNETES_SERVICE_HOST;
  const port = environment.env.KUBERNETES_SERVICE_PORT;
  const tokenFile = join(environment.serviceAccountDir, 'token');
  if (!host || !port || !existsSync(tokenFile)) return null;
  const caFile = join(environment.serviceAccountDir, 'ca.crt');
  const namespaceFile = join(environment.serviceAccountDir, 'namespace');
  const saNamespace = existsSync(namespaceFile) ? readFileSync(namespaceFile, 'utf8').trim() : '';
  const server = `https://${isIP(host) === 6 ? `[${host}]` : host}:${port}`;
  return {
    source: { kind: 'in-cluster' },
    contextName: null,
    cluster: withProxy(
      { name: 'in-cluster', server, caFile: existsSync(caFile) ? caFile : undefined, skipTLSVerify: false },
      environment,
    ),
    user: { name: 'in-cluster', tokenFile },
    namespace: flags.namespace || environment.env.POD_NAMESPACE || saNamespace || 'default',
    namespaceFromFlag: Boolean(flags.namespace),
  };
}
