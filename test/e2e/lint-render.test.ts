// lint --render end to end: a chart (with its values, and with values that break a Job) and a
// kustomize base and overlay are rendered by the real helm and kubectl kustomize, and every Job
// and CronJob they render goes to the testbed's kube-apiserver (server-side dry run, as
// `kubectl create --dry-run=server` sends it). lint's verdict on each object, found by the
// template and name lint reports, must be the server's.
import { execFileSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { parseAllDocuments } from 'yaml';
import { helmBinary, kubectlBinary, pathWith, TOOL_BUILD_TIMEOUT_MS } from '../helpers/render-tools.ts';
import { cluster, REPO_ROOT } from './helpers/cluster.ts';
import { jobX } from './helpers/job-x-cli.ts';
import { createNamespace, deleteNamespace } from './helpers/namespace.ts';
import { dryRunCreate } from './conformance/dry-run-create.ts';

const FIXTURES = relative(REPO_ROOT, join(REPO_ROOT, 'test', 'fixtures', 'render'));
const CHART = join(FIXTURES, 'chart');

interface Result {
  file: string;
  kind: string | null;
  name: string | null;
  findings: { severity: string; origin: string; path: string }[];
}

let helm: string;
let kubectl: string;
let path: string;
let ns: string;

beforeAll(async () => {
  helm = helmBinary();
  kubectl = kubectlBinary();
  path = pathWith({ helm, kubectl });
  ns = await createNamespace('lint-render');
}, TOOL_BUILD_TIMEOUT_MS);

afterAll(async () => {
  if (ns) await deleteNamespace(ns);
});

/** The Jobs and CronJobs a renderer gives, as objects. */
function renderedObjects(output: string): Record<string, unknown>[] {
  return parseAllDocuments(output)
    .map((document) => document.toJS() as unknown)
    .filter((value): value is Record<string, unknown> => {
      const kind = (value as { kind?: unknown } | null)?.kind;
      return kind === 'Job' || kind === 'CronJob';
    });
}

const CASES: { name: string; args: string[]; render: () => string }[] = [
  {
    name: 'chart with its values.yaml',
    args: ['--render', 'helm', CHART],
    render: () => execFileSync(helm, ['template', join(REPO_ROOT, CHART)], { encoding: 'utf8' }),
  },
  {
    name: 'chart with values-broken.yaml',
    args: ['--render', 'helm', '--helm-values', join(CHART, 'values-broken.yaml'), CHART],
    render: () =>
      execFileSync(
        helm,
        ['template', join(REPO_ROOT, CHART), '--values', join(REPO_ROOT, CHART, 'values-broken.yaml')],
        {
          encoding: 'utf8',
        },
      ),
  },
  {
    name: 'kustomize base and overlay',
    args: ['--render', 'kustomize', join(FIXTURES, 'kustomize')],
    render: () =>
      ['base', join('overlays', 'prod')]
        .map((dir) =>
          execFileSync(kubectl, ['kustomize', join(REPO_ROOT, FIXTURES, 'kustomize', dir)], { encoding: 'utf8' }),
        )
        .join('---\n'),
  },
];

describe('lint --render agrees with the real API server on what the renderers give', () => {
  const verdicts: boolean[] = [];

  test.each(CASES.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const linted = await jobX(['lint', '-o', 'json', ...c.args], {
      kubeconfig: null,
      env: { ...process.env, PATH: path, NO_COLOR: '1' },
    });
    expect(linted.stderr).toBe('');
    const results = (JSON.parse(linted.stdout) as { results: Result[] }).results;
    const objects = renderedObjects(c.render());
    expect(objects.length).toBeGreaterThan(0);
    expect(results.map((r) => r.name).sort()).toEqual(objects.map((o) => (o.metadata as { name: string }).name).sort());
    for (const object of objects) {
      const name = (object.metadata as { name: string }).name;
      const result = results.find((r) => r.name === name)!;
      const lintRejects = result.findings.some((f) => f.origin === 'apiserver' && f.severity === 'error');
      const answer = await dryRunCreate(cluster().kubeConfig, ns, object);
      const serverRejects = answer.status >= 300;
      verdicts.push(serverRejects);
      expect({ name, file: result.file, lintRejects, server: answer.message }).toEqual({
        name,
        file: result.file,
        lintRejects: serverRejects,
        server: answer.message,
      });
    }
  });

  test('the cases hold objects the server accepts and objects it rejects', () => {
    expect(verdicts).toContain(true);
    expect(verdicts).toContain(false);
  });
});
