// lint.render and lint.kubeVersion read from each folder's .job-x.yaml (config discovery), with the
// real helm (test/tools/helm/build.sh): the flags of lint-render-cli.test.ts, set by the config.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from '@jest/globals';
import { helmBinary, pathWith, TOOL_BUILD_TIMEOUT_MS } from '../../helpers/render-tools.ts';

const REPO = join(import.meta.dirname, '..', '..', '..');
/** The executable under test; JOBX_BIN points at another build (e.g. of main, to see these tests fail there). */
const BIN = process.env.JOBX_BIN ?? join(REPO, 'bin', 'kubectl-job_x.js');
const FIXTURE_CHART = join(REPO, 'test', 'fixtures', 'render', 'chart');

interface Result {
  file: string;
  kind: string | null;
  name: string | null;
  findings: { ruleId: string; path: string }[];
  rendered?: { tool: string; from: string };
}

const POLICY = 'apiVersion: job-x.dev/v1alpha1\nkind: Policy\n';

/** A Job that 1.33 refuses (hostnameOverride is not served there) and 1.35 takes. */
const JOB = `apiVersion: batch/v1
kind: Job
metadata: {name: v}
spec:
  ttlSecondsAfterFinished: 60
  activeDeadlineSeconds: 60
  template:
    spec:
      restartPolicy: Never
      hostnameOverride: worker
      containers: [{name: c, image: busybox:1.36}]
`;

let helmOnly: string;
let workspace: string;

/**
 * A repository (.git) with:
 * - deploy/.job-x.yaml: helm rendering on, its values file relative to deploy/, kubeVersion 1.33;
 * - deploy/chart: the fixture chart, its migrate Job given hostnameOverride (not served by 1.33)
 *   and a backoffLimit of -1 when helm renders for a version below 1.34;
 * - deploy/ci/values.yaml: the report Job's backoffLimit -1;
 * - deploy/job.yaml and plain/job.yaml: the same Job, under the config and under none;
 * - deploy/many: 240 files (worker threads).
 */
beforeAll(() => {
  helmOnly = pathWith({ helm: helmBinary() });
  workspace = mkdtempSync(join(tmpdir(), 'job-x-render-config-'));
  mkdirSync(join(workspace, '.git'));
  const deploy = join(workspace, 'deploy');
  const chart = join(deploy, 'chart');
  cpSync(FIXTURE_CHART, chart, { recursive: true });
  const jobs = join(chart, 'templates', 'jobs.yaml');
  writeFileSync(
    jobs,
    readFileSync(jobs, 'utf8')
      .replace(
        'backoffLimit: 2',
        'backoffLimit: {{ if semverCompare "<1.34-0" .Capabilities.KubeVersion.Version }}-1{{ else }}2{{ end }}',
      )
      .replace('      restartPolicy: Never\n', '      restartPolicy: Never\n      hostnameOverride: migrate\n'),
  );
  mkdirSync(join(deploy, 'ci'));
  cpSync(join(FIXTURE_CHART, 'values-broken.yaml'), join(deploy, 'ci', 'values.yaml'));
  writeFileSync(
    join(deploy, '.job-x.yaml'),
    `${POLICY}lint:\n  render: { helm: true, helmValues: [ci/values.yaml] }\n  kubeVersion: "1.33"\n`,
  );
  writeFileSync(join(deploy, 'job.yaml'), JOB);
  mkdirSync(join(deploy, 'many'));
  for (let i = 0; i < 240; i++) writeFileSync(join(deploy, 'many', `job-${String(i).padStart(3, '0')}.yaml`), JOB);
  mkdirSync(join(workspace, 'plain'));
  writeFileSync(join(workspace, 'plain', 'job.yaml'), JOB);
}, TOOL_BUILD_TIMEOUT_MS);

/** The CLI in the workspace, with helm alone on PATH. */
function lint(args: string[], cwd = workspace) {
  const result = spawnSync(process.execPath, [BIN, 'lint', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, PATH: helmOnly, NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const results = (stdout: string): Result[] => (JSON.parse(stdout) as { results: Result[] }).results;
const byName = (stdout: string, name: string): Result => results(stdout).find((result) => result.name === name)!;
const paths = (result: Result): string[] => result.findings.map((f) => `${f.ruleId} ${f.path}`);

describe('lint.render from the config', () => {
  test('the chart is rendered with the config’s helmValues (relative to the config’s folder) and its kubeVersion', () => {
    const r = lint(['-o', 'json', 'deploy/chart']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(byName(r.stdout, 'release-name-report')).toMatchObject({
      file: join('deploy', 'chart', 'templates', 'jobs.yaml'),
      rendered: { tool: 'helm', from: join('deploy', 'chart') },
    });
    // ci/values.yaml (deploy/ci, not ./ci) gave the report Job its backoffLimit -1.
    expect(paths(byName(r.stdout, 'release-name-report'))).toEqual(['non-negative-fields spec.backoffLimit']);
    // helm rendered for 1.33 (backoffLimit -1), and the rendered Job is judged as 1.33 judges it.
    expect(paths(byName(r.stdout, 'release-name-migrate'))).toEqual([
      'non-negative-fields spec.backoffLimit',
      'field-not-served spec.template.spec.hostnameOverride',
    ]);
  });

  test('a folder walk renders the chart and never reads its templates/ as YAML', () => {
    const r = lint(['-o', 'json', 'deploy']);
    expect(r.stderr).toBe('');
    const files = results(r.stdout).map((result) => result.file);
    expect(files.filter((file) => file.startsWith(join('deploy', 'chart')))).toEqual([
      // helm's install order: Jobs before CronJobs.
      join('deploy', 'chart', 'templates', 'jobs.yaml'),
      join('deploy', 'chart', 'templates', 'jobs.yaml'),
      join('deploy', 'chart', 'templates', 'cronjob.yaml'),
    ]);
    expect(
      results(r.stdout).every((result) => !result.file.startsWith(join('deploy', 'chart')) || result.rendered),
    ).toBe(true);
  });

  test('the templates/ folder or templates given by name render their chart, once, with a note', () => {
    const r = lint([
      '-o',
      'json',
      join('deploy', 'chart', 'templates', 'jobs.yaml'),
      join('deploy', 'chart', 'templates', 'cronjob.yaml'),
      join('deploy', 'chart', 'templates'),
    ]);
    expect(r.stderr).toBe(
      [
        join('deploy', 'chart', 'templates', 'jobs.yaml'),
        join('deploy', 'chart', 'templates', 'cronjob.yaml'),
        join('deploy', 'chart', 'templates'),
      ]
        .map((path) => `note: skipped ${path}: its Helm chart deploy/chart is rendered instead (helm template)\n`)
        .join(''),
    );
    expect(results(r.stdout).map((result) => [result.name, result.rendered?.from])).toEqual([
      ['release-name-migrate', join('deploy', 'chart')],
      ['release-name-report', join('deploy', 'chart')],
      ['release-name-nightly', join('deploy', 'chart')],
    ]);
  });

  test('--no-render wins over the config: the templates are skipped with lint’s note, as without rendering', () => {
    const r = lint(['--no-render', '-o', 'json', 'deploy/chart']);
    expect(r.stderr).toContain(
      `note: skipped ${join('deploy', 'chart', 'templates')}: the templates of a Helm chart are not plain YAML`,
    );
    expect(results(r.stdout).filter((result) => result.rendered !== undefined)).toEqual([]);
  });

  test('--helm-values (relative to the working folder) wins over the config’s', () => {
    writeFileSync(join(workspace, 'clean-values.yaml'), 'report:\n  backoffLimit: 3\n');
    const r = lint(['--helm-values', 'clean-values.yaml', '-o', 'json', 'deploy/chart']);
    expect(paths(byName(r.stdout, 'release-name-report'))).toEqual([]);
  });
});

describe('lint.kubeVersion from the config', () => {
  test('files under the config are judged as 1.33; files under no config as the newest', () => {
    const r = lint(['-o', 'json', join('deploy', 'job.yaml'), join('plain', 'job.yaml')]);
    expect(r.code).toBe(1);
    expect(results(r.stdout).map((result) => [result.file, paths(result)])).toEqual([
      [join('deploy', 'job.yaml'), ['field-not-served spec.template.spec.hostnameOverride']],
      [join('plain', 'job.yaml'), []],
    ]);
  });

  test('the worker threads judge each file by its config’s version', () => {
    const r = lint(['-o', 'json', join('deploy', 'many'), join('plain', 'job.yaml')]);
    const found = results(r.stdout).map((result) => paths(result).join(','));
    expect(found).toHaveLength(241);
    expect(new Set(found.slice(0, 240))).toEqual(new Set(['field-not-served spec.template.spec.hostnameOverride']));
    expect(found[240]).toBe('');
  });

  test('--kube-version wins over the config', () => {
    const r = lint(['--kube-version', '1.35', '-o', 'json', join('deploy', 'job.yaml')]);
    expect(r.code).toBe(0);
    expect(paths(results(r.stdout)[0]!)).toEqual([]);
  });

  test('a version the tables do not know is exit 2 naming the config file', () => {
    const dir = join(workspace, 'old');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, '.job-x.yaml'), `${POLICY}lint:\n  kubeVersion: "1.30"\n`);
    writeFileSync(join(dir, 'job.yaml'), JOB);
    const r = lint([join('old', 'job.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `lint.kubeVersion in ${join(dir, '.job-x.yaml')} 1.30: job-x knows Kubernetes 1.33 to 1.36`,
    );
  });
});
