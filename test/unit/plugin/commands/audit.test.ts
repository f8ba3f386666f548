// `kubectl job-x audit` against a local fake API server: paged lists, -n and -A, every format,
// the exit codes, --from-cluster, and a missing RBAC right named. The CLI runs in this process.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runJobX, startFakeApiServer, statusBody, type FakeApiServer } from '../../../helpers/fake-api-server.ts';
import { compileSchema, loadSchema } from '../../../helpers/output-schemas.ts';

const CONTAINERS = [{ name: 'main', image: 'busybox:1.36', command: ['true'] }];

function job(namespace: string, name: string, spec: Record<string, unknown> = {}) {
  const uid = `uid-${name}`;
  return {
    metadata: {
      name,
      namespace,
      uid,
      resourceVersion: '1',
      managedFields: [{ manager: 'kubectl', operation: 'Update' }],
    },
    spec: {
      ttlSecondsAfterFinished: 600,
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } },
      ...spec,
      template: {
        metadata: { labels: { 'batch.kubernetes.io/controller-uid': uid, 'controller-uid': uid } },
        spec: { restartPolicy: 'Never', containers: CONTAINERS },
      },
    },
    status: { active: 1, startTime: '2026-12-06T18:00:00Z' },
  };
}

const JOBS = [
  job('team-a', 'clean'),
  job('team-a', 'deadline-zero', { activeDeadlineSeconds: 0 }),
  job('team-a', 'no-ttl', { ttlSecondsAfterFinished: undefined }),
  job('team-b', 'clean-b'),
  job('team-b', 'exit-300', {
    podFailurePolicy: {
      rules: [
        { action: 'FailJob', onExitCodes: { operator: 'In', values: [300] } },
        { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] },
      ],
    },
  }),
  job('kube-system', 'exempt', { activeDeadlineSeconds: 0 }),
];
const CRONJOBS = [
  {
    metadata: { name: 'nightly', namespace: 'team-b', uid: 'uid-nightly' },
    spec: {
      schedule: '0 3 * * *',
      jobTemplate: {
        spec: { activeDeadlineSeconds: 0, template: { spec: { restartPolicy: 'Never', containers: CONTAINERS } } },
      },
    },
  },
];

/** Pages of at most this many items, whatever limit the client asks for: continue tokens are followed. */
const PAGE = 2;
const requests: URL[] = [];
let forbidCronJobs = false;
let forbidNamespaces = false;
/** The namespaces' labels, for policies with a namespaceSelector or overrides. */
const NAMESPACE_LABELS: Record<string, Record<string, string>> = { 'team-a': { rollout: 'early' }, 'team-b': {} };
let server: FakeApiServer;
const dir = mkdtempSync(join(tmpdir(), 'job-x-audit-'));

function page(kind: string, items: unknown[], url: URL) {
  const start = Number(url.searchParams.get('continue') ?? '0');
  const size = Math.min(PAGE, Number(url.searchParams.get('limit') ?? '500'));
  const next = start + size < items.length ? String(start + size) : undefined;
  return {
    kind: `${kind}List`,
    apiVersion: 'batch/v1',
    metadata: { resourceVersion: '9', ...(next ? { continue: next } : {}) },
    items: items.slice(start, start + size),
  };
}

beforeAll(async () => {
  server = await startFakeApiServer('team-a', (url, send) => {
    requests.push(url);
    const match = /^\/apis\/batch\/v1\/(?:namespaces\/([^/]+)\/)?(jobs|cronjobs)$/.exec(url.pathname);
    if (match) {
      const [, namespace, plural] = match;
      if (plural === 'cronjobs' && forbidCronJobs)
        return send(
          403,
          statusBody(
            403,
            'Forbidden',
            `cronjobs.batch is forbidden: User "auditor" cannot list resource "cronjobs" in API group "batch" ${namespace ? `in the namespace "${namespace}"` : 'at the cluster scope'}`,
          ),
        );
      const all = plural === 'jobs' ? JOBS : CRONJOBS;
      const items = namespace ? all.filter((o) => o.metadata.namespace === namespace) : all;
      return send(200, page(plural === 'jobs' ? 'Job' : 'CronJob', items, url));
    }
    const namespaceMatch = /^\/api\/v1\/namespaces(?:\/([^/]+))?$/.exec(url.pathname);
    if (namespaceMatch) {
      const [, name] = namespaceMatch;
      if (forbidNamespaces)
        return send(
          403,
          statusBody(
            403,
            'Forbidden',
            `namespaces${name ? ` "${name}"` : ''} is forbidden: User "auditor" cannot ${name ? 'get' : 'list'} resource "namespaces" in API group "" at the cluster scope`,
          ),
        );
      const toNamespace = (n: string) => ({ metadata: { name: n, labels: NAMESPACE_LABELS[n] } });
      if (name) return send(200, { kind: 'Namespace', apiVersion: 'v1', ...toNamespace(name) });
      return send(200, {
        kind: 'NamespaceList',
        apiVersion: 'v1',
        metadata: { resourceVersion: '3' },
        items: Object.keys(NAMESPACE_LABELS).map(toNamespace),
      });
    }
    if (url.pathname === '/api/v1/namespaces/job-x-system/configmaps/job-x-policy')
      return send(200, {
        kind: 'ConfigMap',
        apiVersion: 'v1',
        metadata: { name: 'job-x-policy', namespace: 'job-x-system' },
        data: {
          'policy.json': JSON.stringify({
            apiVersion: 'job-x.dev/v1alpha1',
            kind: 'Policy',
            rules: { 'active-deadline-zero': 'warn' },
            exemptNamespaces: ['team-b'],
          }),
        },
      });
    return send(404, statusBody(404, 'NotFound'));
  });
});
afterAll(() => server.close());

const run = (...args: string[]) => runJobX(args, { KUBECONFIG: server.kubeconfig });

describe('audit -A', () => {
  test('-o json: every object judged through paged lists, the findings with what the webhook would do', async () => {
    requests.length = 0;
    const result = await run('audit', '-A', '-o', 'json');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const output = JSON.parse(result.stdout);
    const validate = await compileSchema(loadSchema('audit-output'));
    expect(validate(output)).toBe(true);
    const labels = output.results.flatMap(
      (r: { namespace: string; name: string; findings: { ruleId: string; admission: string }[] }) =>
        r.findings.map((f) => `${r.namespace}/${r.name} ${f.ruleId} ${f.admission}`),
    );
    expect(labels).toEqual([
      'team-a/deadline-zero active-deadline-zero denied-on-change',
      'team-a/no-ttl require-ttl defaulted-on-create',
      'team-b/exit-300 exit-code-out-of-range denied-on-create',
      'team-b/nightly active-deadline-zero denied-on-create',
    ]);
    expect(output.summary).toMatchObject({
      policy: 'default',
      jobs: 5,
      cronJobs: 1,
      exempt: 1,
      withFindings: 4,
      errors: 3,
      warnings: 1,
    });
    // Cluster-scoped lists, followed page by page: 6 Jobs in pages of 2, 1 CronJob.
    const paths = requests.map((u) => `${u.pathname}?continue=${u.searchParams.get('continue') ?? ''}`);
    expect(paths).toEqual([
      '/apis/batch/v1/jobs?continue=',
      '/apis/batch/v1/jobs?continue=2',
      '/apis/batch/v1/jobs?continue=4',
      '/apis/batch/v1/cronjobs?continue=',
    ]);
    expect(requests.every((u) => u.searchParams.get('limit') === '500')).toBe(true);
  });

  test('text: a summary per rule and per namespace, then the table', async () => {
    const result = await run('audit', '-A');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatchSnapshot();
  });

  test.each(['sarif', 'github'])('-o %s names each object and what the webhook would do', async (format) => {
    const result = await run('audit', '-A', '-o', format);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('namespaces/team-b/cronjobs/nightly');
    expect(result.stdout).toContain('every Job this CronJob starts would be denied');
  });
});

describe('audit -n', () => {
  test("the namespace's lists only; exit 1 on an error-level finding", async () => {
    requests.length = 0;
    const result = await run('audit', '-n', 'team-a', '-o', 'json');
    expect(result.code).toBe(1);
    expect(new Set(requests.map((u) => u.pathname))).toEqual(
      new Set(['/apis/batch/v1/namespaces/team-a/jobs', '/apis/batch/v1/namespaces/team-a/cronjobs']),
    );
    expect(JSON.parse(result.stdout).summary).toMatchObject({ jobs: 3, cronJobs: 0, errors: 1, warnings: 1 });
  });

  test('--policy FILE: exit 0 when nothing is at error level', async () => {
    const file = join(dir, 'policy.yaml');
    writeFileSync(file, 'apiVersion: job-x.dev/v1alpha1\nkind: Policy\nrules:\n  active-deadline-zero: warn\n');
    const result = await run('audit', '-n', 'team-a', '--policy', file, '-o', 'json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).summary).toMatchObject({ policy: file, errors: 0, warnings: 2 });
  });

  test('--policy FILE in mode audit or warn: a deny-level finding still exits 1, labelled with what admission does', async () => {
    for (const mode of ['audit', 'warn']) {
      const file = join(dir, `policy-${mode}.yaml`);
      writeFileSync(file, `apiVersion: job-x.dev/v1alpha1\nkind: Policy\nmode: ${mode}\n`);
      const result = await run('audit', '-n', 'team-a', '--policy', file, '-o', 'json');
      expect(result.code).toBe(1);
      const output = JSON.parse(result.stdout);
      expect(output.summary).toMatchObject({ errors: 1 });
      const errors = output.results.flatMap((r: { findings: { severity: string; admission: string }[] }) =>
        r.findings.filter((f) => f.severity === 'error').map((f) => f.admission),
      );
      expect(errors).toEqual([mode === 'audit' ? 'audited' : 'warned']);
    }
  });

  test("--from-cluster: the deployed webhook's policy from its ConfigMap (levels and exempt namespaces)", async () => {
    const result = await run('audit', '-A', '--from-cluster', '-o', 'json');
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output.summary).toMatchObject({ policy: 'configmap job-x-system/job-x-policy', errors: 0, exempt: 3 });
  });

  test('--from-cluster with a ConfigMap that is not there says how to find its name', async () => {
    const result = await run('audit', '-A', '--from-cluster', 'job-x-system/other');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^error: --from-cluster: configmap job-x-system\/other not found\n.*job-x-policy-<hash>/,
    );
  });

  test('--policy and --from-cluster do not go together', async () => {
    const result = await run('audit', '--policy', 'x.yaml', '--from-cluster');
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toMatch(/--policy and --from-cluster/);
  });

  test('--policy with overrides: the namespaces are read for their labels, the matching override applies', async () => {
    const file = join(dir, 'overrides.yaml');
    writeFileSync(
      file,
      [
        'apiVersion: job-x.dev/v1alpha1',
        'kind: Policy',
        'rules:',
        '  active-deadline-zero: deny',
        'overrides:',
        '  - namespaceSelector: { matchLabels: { rollout: early } }',
        '    mode: audit',
        '',
      ].join('\n'),
    );
    for (const scope of [['-A'], ['-n', 'team-a']]) {
      requests.length = 0;
      const result = await run('audit', ...scope, '--policy', file, '-o', 'json');
      expect(result.stderr).toBe('');
      const labels = JSON.parse(result.stdout).results.flatMap(
        (r: { namespace: string; name: string; findings: { ruleId: string; admission: string }[] }) =>
          r.findings
            .filter((f) => f.ruleId === 'active-deadline-zero')
            .map((f) => `${r.namespace}/${r.name} ${f.admission}`),
      );
      // team-a (rollout: early) is audited; elsewhere (no such label; this policy exempts no
      // namespace) the rule still denies.
      expect(labels).toEqual(
        scope[0] === '-A'
          ? ['team-a/deadline-zero audited', 'kube-system/exempt denied-on-change', 'team-b/nightly denied-on-create']
          : ['team-a/deadline-zero audited'],
      );
      expect(requests.map((u) => u.pathname)).toContain(
        scope[0] === '-A' ? '/api/v1/namespaces' : '/api/v1/namespaces/team-a',
      );
    }
  });

  test('a policy that reads namespace labels, without the right to read them: says it cannot judge', async () => {
    const file = join(dir, 'selector.yaml');
    writeFileSync(
      file,
      'apiVersion: job-x.dev/v1alpha1\nkind: Policy\nnamespaceSelector: { matchLabels: { rollout: early } }\n',
    );
    forbidNamespaces = true;
    try {
      const result = await run('audit', '-A', '--policy', file, '-o', 'json');
      expect(result).toMatchObject({ code: 2, stdout: '' });
      expect(result.stderr).toMatch(
        /^error: the policy has a namespaceSelector or per-namespace overrides, .* cannot judge it without list on namespaces/,
      );
    } finally {
      forbidNamespaces = false;
    }
  });

  test('a missing right is named: list cronjobs', async () => {
    forbidCronJobs = true;
    try {
      const result = await run('audit', '-A', '-o', 'json');
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^error: forbidden: user "auditor" cannot list cronjobs.batch at cluster scope/);
      expect(result.stderr).toContain('kubectl auth can-i list cronjobs.batch');
    } finally {
      forbidCronJobs = false;
    }
  });
});
