import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, test } from '@jest/globals';
import { ConfigError } from '../../../../edge/errors.ts';
import { loadKubeConfig, type KubeConfigEnvironment } from '../../../../plugin/kube/kubeconfig.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'job-x-kubeconfig-'));
});

function write(name: string, text: string): string {
  const file = join(dir, name);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, text);
  return file;
}

/** A kubeconfig with one context, cluster and user per name given. */
function kubeconfig(options: {
  current?: string;
  contexts?: { name: string; cluster: string; user: string; namespace?: string }[];
  clusters?: { name: string; server: string; ca?: string }[];
  users?: { name: string; token?: string }[];
}): string {
  const lines = ['apiVersion: v1', 'kind: Config'];
  if (options.current) lines.push(`current-context: ${options.current}`);
  lines.push('clusters:');
  for (const c of options.clusters ?? [])
    lines.push(
      `- name: ${c.name}`,
      '  cluster:',
      `    server: ${c.server}`,
      ...(c.ca ? [`    certificate-authority: ${c.ca}`] : []),
    );
  lines.push('users:');
  for (const u of options.users ?? []) lines.push(`- name: ${u.name}`, '  user:', `    token: ${u.token ?? 'x'}`);
  lines.push('contexts:');
  for (const c of options.contexts ?? []) {
    lines.push(
      `- name: ${c.name}`,
      '  context:',
      `    cluster: ${c.cluster}`,
      `    user: ${c.user}`,
      ...(c.namespace ? [`    namespace: ${c.namespace}`] : []),
    );
  }
  return `${lines.join('\n')}\n`;
}

function environment(
  env: Record<string, string | undefined> = {},
  homeDir: string | undefined = join(dir, 'home'),
): KubeConfigEnvironment {
  return { env, homeDir, serviceAccountDir: join(dir, 'sa'), pathDelimiter: ':' };
}

const FILE_A = () =>
  write(
    'a.yaml',
    kubeconfig({
      current: 'a',
      contexts: [
        { name: 'a', cluster: 'shared', user: 'shared', namespace: 'from-a' },
        { name: 'only-a', cluster: 'cluster-a', user: 'shared' },
      ],
      clusters: [
        { name: 'shared', server: 'https://a.example:6443' },
        { name: 'cluster-a', server: 'https://only-a.example' },
      ],
      users: [{ name: 'shared', token: 'token-a' }],
    }),
  );
const FILE_B = () =>
  write(
    'b.yaml',
    kubeconfig({
      current: 'b',
      contexts: [
        { name: 'a', cluster: 'cluster-b', user: 'shared', namespace: 'from-b' },
        { name: 'b', cluster: 'shared', user: 'user-b' },
      ],
      clusters: [
        { name: 'shared', server: 'https://b.example:6443' },
        { name: 'cluster-b', server: 'https://only-b.example' },
      ],
      users: [
        { name: 'shared', token: 'token-b' },
        { name: 'user-b', token: 'token-user-b' },
      ],
    }),
  );

describe('KUBECONFIG with several files (kubectl: the first file to set a name wins)', () => {
  test('current-context, clusters, users and contexts come from the first file that defines them', () => {
    const config = loadKubeConfig({}, environment({ KUBECONFIG: `${FILE_A()}:${FILE_B()}` }));
    expect(config.contextName).toBe('a');
    expect(config.cluster.server).toBe('https://a.example:6443');
    expect(config.user.token).toBe('token-a');
    expect(config.namespace).toBe('from-a');
    expect(config.source).toEqual({ kind: 'files', files: [join(dir, 'a.yaml'), join(dir, 'b.yaml')] });
  });

  test('the other order gives the other file precedence', () => {
    const config = loadKubeConfig({}, environment({ KUBECONFIG: `${FILE_B()}:${FILE_A()}` }));
    expect(config.contextName).toBe('b');
    expect(config.cluster.server).toBe('https://b.example:6443');
    expect(config.user.token).toBe('token-user-b');
  });

  test('names defined only in a later file are available (--context from the second file)', () => {
    const config = loadKubeConfig({ context: 'b' }, environment({ KUBECONFIG: `${FILE_A()}:${FILE_B()}` }));
    // context b (file b) names cluster "shared", which file a defined first
    expect(config.cluster.server).toBe('https://a.example:6443');
    expect(config.user.token).toBe('token-user-b');
  });

  test('missing and empty files in the list are skipped', () => {
    const empty = write('empty.yaml', '');
    const config = loadKubeConfig(
      {},
      environment({ KUBECONFIG: `${join(dir, 'missing.yaml')}::${empty}:${FILE_B()}` }),
    );
    expect(config.contextName).toBe('b');
    expect(config.source).toEqual({ kind: 'files', files: [join(dir, 'b.yaml')] });
  });

  test('a file without current-context lets a later one set it', () => {
    const first = write(
      'no-current.yaml',
      kubeconfig({
        contexts: [{ name: 'x', cluster: 'shared', user: 'shared' }],
        clusters: [{ name: 'shared', server: 'https://x.example' }],
      }),
    );
    const config = loadKubeConfig({}, environment({ KUBECONFIG: `${first}:${FILE_B()}` }));
    expect(config.contextName).toBe('b');
    expect(config.cluster.server).toBe('https://x.example');
  });
});

describe('which file', () => {
  test('--kubeconfig is used alone: KUBECONFIG is ignored', () => {
    const config = loadKubeConfig({ kubeconfig: FILE_B() }, environment({ KUBECONFIG: FILE_A() }));
    expect(config.contextName).toBe('b');
    expect(config.source).toEqual({ kind: 'files', files: [join(dir, 'b.yaml')] });
  });

  test('--kubeconfig naming a missing file is an error naming it', () => {
    expect(() => loadKubeConfig({ kubeconfig: join(dir, 'nope.yaml') }, environment())).toThrow(
      new ConfigError(`cannot read kubeconfig ${join(dir, 'nope.yaml')} (--kubeconfig): no such file`),
    );
  });

  test('without KUBECONFIG: ~/.kube/config', () => {
    write(
      'home/.kube/config',
      kubeconfig({
        current: 'h',
        contexts: [{ name: 'h', cluster: 'c', user: 'u' }],
        clusters: [{ name: 'c', server: 'https://home.example' }],
        users: [{ name: 'u' }],
      }),
    );
    expect(loadKubeConfig({}, environment()).cluster.server).toBe('https://home.example');
  });

  test('nothing configured and not in a cluster: a clear error naming where it looked', () => {
    const error = catchConfigError(() => loadKubeConfig({}, environment()));
    expect(error.message).toContain('no Kubernetes configuration found');
    expect(error.message).toContain(join(dir, 'home', '.kube', 'config'));
    expect(error.hint.join('\n')).toContain('--kubeconfig');
  });

  test('relative certificate paths resolve against the file that holds them', () => {
    const file = write(
      'sub/dir/config',
      kubeconfig({
        current: 'c',
        contexts: [{ name: 'c', cluster: 'c', user: 'u' }],
        clusters: [{ name: 'c', server: 'https://x', ca: 'certs/ca.crt' }],
        users: [{ name: 'u' }],
      }),
    );
    expect(loadKubeConfig({ kubeconfig: file }, environment()).cluster.caFile).toBe(
      join(dir, 'sub', 'dir', 'certs', 'ca.crt'),
    );
  });

  test('invalid YAML names the file', () => {
    const file = write('bad.yaml', 'clusters: [\n');
    expect(catchConfigError(() => loadKubeConfig({ kubeconfig: file }, environment())).message).toMatch(
      new RegExp(`^kubeconfig ${file} is not valid YAML`),
    );
  });
});

describe('read as kubectl reads it (go-yaml v2 through sigs.k8s.io/yaml)', () => {
  test('YAML 1.1 booleans: insecure-skip-tls-verify: yes is true, as client-go reads it', () => {
    const text = kubeconfig({
      current: 'a',
      contexts: [{ name: 'a', cluster: 'c', user: 'u' }],
      clusters: [{ name: 'c', server: 'https://c.example' }],
      users: [{ name: 'u' }],
    }).replace('    server: https://c.example\n', '    server: https://c.example\n    insecure-skip-tls-verify: yes\n');
    const file = write('yes.yaml', text);
    expect(loadKubeConfig({ kubeconfig: file }, environment()).cluster.skipTLSVerify).toBe(true);
  });

  test('a tab where indentation belongs is invalid YAML, with its line', () => {
    const file = write('tab.yaml', 'apiVersion: v1\nclusters:\n\t- name: c\n');
    expect(catchConfigError(() => loadKubeConfig({ kubeconfig: file }, environment())).message).toMatch(
      new RegExp(`^kubeconfig ${file} is not valid YAML: line 3`),
    );
  });
});

describe('--context, --cluster, --user and the namespace', () => {
  test("--cluster and --user override the context's", () => {
    const config = loadKubeConfig(
      { cluster: 'cluster-b', user: 'user-b' },
      environment({ KUBECONFIG: `${FILE_A()}:${FILE_B()}` }),
    );
    expect(config.contextName).toBe('a');
    expect(config.cluster.server).toBe('https://only-b.example');
    expect(config.user.token).toBe('token-user-b');
    expect(config.namespace).toBe('from-a');
  });

  test('an unknown context lists the known ones', () => {
    const error = catchConfigError(() => loadKubeConfig({ context: 'prod' }, environment({ KUBECONFIG: FILE_A() })));
    expect(error.message).toBe(
      `context "prod" does not exist in the kubeconfig (${join(dir, 'a.yaml')}); contexts: a, only-a`,
    );
  });

  test('unknown cluster or user names what chose them', () => {
    expect(
      catchConfigError(() => loadKubeConfig({ cluster: 'nope' }, environment({ KUBECONFIG: FILE_A() }))).message,
    ).toContain('cluster "nope" (chosen by --cluster) does not exist');
    expect(
      catchConfigError(() => loadKubeConfig({ user: 'nope' }, environment({ KUBECONFIG: FILE_A() }))).message,
    ).toContain('user "nope" (chosen by --user) does not exist');
  });

  test('no current-context and no --context: say so and list the contexts', () => {
    const file = write(
      'nocurrent.yaml',
      kubeconfig({
        contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
        clusters: [{ name: 'c', server: 'https://x' }],
      }),
    );
    expect(catchConfigError(() => loadKubeConfig({ kubeconfig: file }, environment())).message).toBe(
      `the kubeconfig (${file}) sets no current-context: choose one with --context (contexts: x)`,
    );
  });

  test("namespace: -n, else the context's, else default", () => {
    const env = environment({ KUBECONFIG: FILE_A() });
    expect(loadKubeConfig({ namespace: 'flag' }, env)).toMatchObject({ namespace: 'flag', namespaceFromFlag: true });
    expect(loadKubeConfig({}, env)).toMatchObject({ namespace: 'from-a', namespaceFromFlag: false });
    expect(loadKubeConfig({ context: 'only-a' }, env).namespace).toBe('default');
  });
});

describe('in-cluster configuration', () => {
  function serviceAccount(namespace?: string) {
    write('sa/token', 'sa-token\n');
    write('sa/ca.crt', 'CA');
    if (namespace) write('sa/namespace', namespace);
  }
  const inPod = { KUBERNETES_SERVICE_HOST: '10.96.0.1', KUBERNETES_SERVICE_PORT: '443' };

  test("used when no kubeconfig exists, with the service account's namespace", () => {
    serviceAccount('team-a');
    const config = loadKubeConfig({}, environment(inPod));
    expect(config).toMatchObject({
      source: { kind: 'in-cluster' },
      contextName: null,
      cluster: { server: 'https://10.96.0.1:443', caFile: join(dir, 'sa', 'ca.crt') },
      user: { tokenFile: join(dir, 'sa', 'token') },
      namespace: 'team-a',
    });
  });

  test("POD_NAMESPACE wins over the service account's namespace; -n over both", () => {
    serviceAccount('team-a');
    expect(loadKubeConfig({}, environment({ ...inPod, POD_NAMESPACE: 'from-env' })).namespace).toBe('from-env');
    expect(loadKubeConfig({ namespace: 'flag' }, environment({ ...inPod, POD_NAMESPACE: 'from-env' })).namespace).toBe(
      'flag',
    );
  });

  test('IPv6 service hosts are bracketed', () => {
    serviceAccount();
    const config = loadKubeConfig(
      {},
      environment({ KUBERNETES_SERVICE_HOST: 'fd00::1', KUBERNETES_SERVICE_PORT: '443' }),
    );
    expect(config.cluster.server).toBe('https://[fd00::1]:443');
    expect(config.namespace).toBe('default');
  });

  test('not used without the token file, nor when a kubeconfig chooses a context', () => {
    expect(() => loadKubeConfig({}, environment(inPod))).toThrow(ConfigError);
    serviceAccount('team-a');
    expect(loadKubeConfig({}, environment({ ...inPod, KUBECONFIG: FILE_A() })).source.kind).toBe('files');
  });
});

describe('proxies from the environment', () => {
  test('HTTPS_PROXY applies to the cluster unless NO_PROXY excludes it; proxy-url in the kubeconfig wins', () => {
    const env = { KUBECONFIG: FILE_A(), HTTPS_PROXY: 'proxy.corp:3128' };
    expect(loadKubeConfig({}, environment(env)).cluster.proxyUrl).toBe('http://proxy.corp:3128');
    expect(loadKubeConfig({}, environment({ ...env, NO_PROXY: '.example' })).cluster.proxyUrl).toBeUndefined();
    const withProxyUrl = write(
      'p.yaml',
      `${kubeconfig({ current: 'c', contexts: [{ name: 'c', cluster: 'c', user: 'u' }], clusters: [{ name: 'c', server: 'https://x.example' }], users: [{ name: 'u' }] })}`.replace(
        '    server: https://x.example',
        '    server: https://x.example\n    proxy-url: socks5://127.0.0.1:1080',
      ),
    );
    expect(loadKubeConfig({ kubeconfig: withProxyUrl }, environment(env)).cluster.proxyUrl).toBe(
      'socks5://127.0.0.1:1080',
    );
  });
});

describe('exec credential plugins', () => {
  test('a relative command with a path separator resolves against its kubeconfig; a bare name stays for PATH', () => {
    const text = (command: string) =>
      `current-context: c\ncontexts: [{name: c, context: {cluster: c, user: u}}]\nclusters: [{name: c, cluster: {server: "https://x"}}]\nusers: [{name: u, user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: "${command}", interactiveMode: IfAvailable, args: [get-token]}}}]\n`;
    const relative = write('k/relative.yaml', text('./bin/login'));
    expect(loadKubeConfig({ kubeconfig: relative }, environment()).user.exec).toMatchObject({
      command: join(dir, 'k', 'bin', 'login'),
      args: ['get-token'],
      interactiveMode: 'IfAvailable',
    });
    const bare = write('k/bare.yaml', text('kubelogin'));
    expect(loadKubeConfig({ kubeconfig: bare }, environment()).user.exec?.command).toBe('kubelogin');
  });

  test('args and env values that are mappings carrying toString are read as data, not stringified', () => {
    const file = write(
      'k/hostile-exec.yaml',
      `current-context: c\ncontexts: [{name: c, context: {cluster: c, user: u}}]\nclusters: [{name: c, cluster: {server: "https://x"}}]\n` +
        `users: [{name: u, user: {exec: {command: login, args: [get-token, {toString: 1}, 8080], env: [{name: A, value: {toString: x}}, {name: B, value: b}]}}}]\n`,
    );
    expect(loadKubeConfig({ kubeconfig: file }, environment()).user.exec).toMatchObject({
      args: ['get-token', '{"toString":1}', '8080'],
      env: [
        { name: 'A', value: '' },
        { name: 'B', value: 'b' },
      ],
    });
  });
});

function catchConfigError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}
