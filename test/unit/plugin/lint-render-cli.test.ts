// lint --render with the real tools: helm (test/tools/helm/build.sh) and the testbed's kubectl
// (kubectl kustomize), on the fixtures in test/fixtures/render (see its README). The expected
// lines are looked up in the tools' own output, not written down.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, test } from '@jest/globals';
import { compileSchema, loadSchema } from '../../helpers/output-schemas.ts';
import { helmBinary, kubectlBinary, pathWith, TOOL_BUILD_TIMEOUT_MS } from '../../helpers/render-tools.ts';

const REPO = join(import.meta.dirname, '..', '..', '..');
/** The executable under test; JOBX_BIN points at another build (e.g. of main, to see these tests fail there). */
const BIN = process.env.JOBX_BIN ?? join(REPO, 'bin', 'kubectl-job_x.js');
const FIXTURES = relative(REPO, join(REPO, 'test', 'fixtures', 'render'));
const CHART = join(FIXTURES, 'chart');
const OVERLAY = join(FIXTURES, 'kustomize', 'overlays', 'prod');

interface Finding {
  ruleId: string;
  severity: string;
  path: string;
  line: number;
  column: number;
  message: string;
}
interface Result {
  file: string;
  document: number;
  kind: string | null;
  name: string | null;
  findings: Finding[];
  rendered?: { tool: string; from: string };
}

let helm: string;
let kubectl: string;
let helmOnly: string;
let kubectlOnly: string;
let nothing: string;

beforeAll(() => {
  helm = helmBinary();
  kubectl = kubectlBinary();
  helmOnly = pathWith({ helm });
  kubectlOnly = pathWith({ kubectl });
  nothing = pathWith({});
}, TOOL_BUILD_TIMEOUT_MS);

/** The CLI with PATH set to `path` alone (the renderers it may find), from the repository root. */
function lint(args: string[], path: string) {
  const result = spawnSync(process.execPath, [BIN, 'lint', ...args], {
    cwd: REPO,
    encoding: 'utf8',
    env: { ...process.env, PATH: path, NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const results = (stdout: string): Result[] => (JSON.parse(stdout) as { results: Result[] }).results;

/** The 1-based line of `text` in the output that has it (once). */
function lineOf(output: string, text: string): number {
  const lines = output.split('\n');
  const found = lines.flatMap((line, i) => (line.includes(text) ? [i + 1] : []));
  expect(found).toHaveLength(1);
  return found[0]!;
}

describe('lint --render helm', () => {
  test('names the template from # Source: and the line of helm template’s output', () => {
    const values = join(CHART, 'values-broken.yaml');
    const r = lint(['--render', 'helm', '--helm-values', values, '-o', 'json', CHART], helmOnly);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const rendered = execFileSync(helm, ['template', join(REPO, CHART), '--values', join(REPO, values)], {
      encoding: 'utf8',
    });
    const report = results(r.stdout).find((result) => result.name === 'release-name-report')!;
    expect(report).toMatchObject({
      file: join(CHART, 'templates', 'jobs.yaml'),
      kind: 'Job',
      document: 1,
      rendered: { tool: 'helm', from: CHART },
    });
    expect(report.findings).toEqual([
      expect.objectContaining({
        ruleId: 'non-negative-fields',
        path: 'spec.backoffLimit',
        line: lineOf(rendered, 'backoffLimit: -1'),
        column: 3,
      }),
    ]);
    const cron = results(r.stdout).find((result) => result.kind === 'CronJob')!;
    expect(cron.file).toBe(join(CHART, 'templates', 'cronjob.yaml'));
    const image = cron.findings.find((f) => f.path.endsWith('containers[0].image'))!;
    // A missing field is reported where its object (the container) is.
    expect(image.line).toBe(lineOf(rendered, '- name: nightly'));
    // The ConfigMap template is rendered and read, and skipped as not a Job.
    expect(results(r.stdout).map((result) => result.file)).not.toContain(join(CHART, 'templates', 'config.yaml'));
  });

  test('the output validates against the lint output schema', async () => {
    const validate = await compileSchema(loadSchema('lint-output'));
    const r = lint(['--render', 'helm', '-o', 'json', CHART, join(FIXTURES, 'broken-chart')], helmOnly);
    expect(validate(JSON.parse(r.stdout))).toBe(true);
  });

  test('without --helm-values the chart’s values.yaml is used: report is clean', () => {
    const r = lint(['--render', 'helm', '-o', 'json', CHART], helmOnly);
    const report = results(r.stdout).find((result) => result.name === 'release-name-report')!;
    expect(report.findings).toEqual([]);
  });

  test('the text output heads each template with the chart it was rendered from', () => {
    const r = lint(['--render', 'helm', CHART], helmOnly);
    expect(r.stdout).toContain(
      `${join(CHART, 'templates', 'cronjob.yaml')} (rendered by helm template ${CHART}: lines of its output)`,
    );
  });

  test('-o github gives the template without a line (the line is not the template’s) and the rendered place', () => {
    const r = lint(['--render', 'helm', '-o', 'github', CHART], helmOnly);
    const image = r.stdout.split('\n').find((line) => line.includes('containers[0].image'))!;
    expect(image).toMatch(
      new RegExp(`^::error file=${join(CHART, 'templates', 'cronjob.yaml')},title=job-x pod-template::`),
    );
    // The message's first line ends with the rendered place; the fix and docs lines follow (%0A).
    expect(image.split('%0A')[0]).toMatch(/\(rendered by helm template .*, line \d+:\d+\)$/);
  });

  test('a chart that does not render is a render-failed finding with helm’s message; the run goes on', () => {
    const r = lint(['--render', 'helm', '-o', 'json', join(FIXTURES, 'broken-chart'), CHART], helmOnly);
    expect(r.code).toBe(1);
    const [failed, ...others] = results(r.stdout);
    expect(failed).toMatchObject({ file: join(FIXTURES, 'broken-chart'), kind: null });
    expect(failed!.findings).toEqual([
      expect.objectContaining({
        ruleId: 'render-failed',
        severity: 'error',
        message: expect.stringMatching(/^helm template failed: .*function "nosuchfunction" not defined/),
      }),
    ]);
    expect(others.some((result) => result.kind === 'CronJob')).toBe(true);
  });

  test('--kube-version is passed to helm (.Capabilities.KubeVersion)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'job-x-chart-'));
    cpSync(join(REPO, CHART), dir, { recursive: true });
    const job = join(dir, 'templates', 'jobs.yaml');
    const text = execFileSync('cat', [job], { encoding: 'utf8' }).replace(
      'backoffLimit: 2',
      'backoffLimit: {{ if semverCompare "<1.34-0" .Capabilities.KubeVersion.Version }}-1{{ else }}2{{ end }}',
    );
    execFileSync('tee', [job], { input: text, stdio: ['pipe', 'ignore', 'inherit'] });
    const migrate = (version: string) =>
      results(lint(['--render', 'helm', '--kube-version', version, '-o', 'json', dir], helmOnly).stdout).find(
        (result) => result.name === 'release-name-migrate',
      )!.findings;
    expect(migrate('1.33').map((f) => f.path)).toContain('spec.backoffLimit');
    expect(migrate('1.36').map((f) => f.path)).not.toContain('spec.backoffLimit');
  });

  test('helm not on PATH: said on stderr, the chart skipped (its templates are not read as YAML)', () => {
    const r = lint(['--render', 'helm', '-o', 'json', CHART], nothing);
    expect(r.stderr).toBe(
      `note: skipped ${CHART}: a Helm chart, and helm is not on PATH (install helm to lint it, or pass --no-render)\n`,
    );
    expect(results(r.stdout)).toEqual([]);
    expect(r.code).toBe(0);
  });

  test('an unknown renderer is a usage error', () => {
    const r = lint(['--render', 'helm,jsonnet', CHART], helmOnly);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown renderer "jsonnet"');
  });
});

describe('lint --render kustomize', () => {
  test('renders an overlay with kubectl kustomize: the finding is at its line of the output', () => {
    const r = lint(['--render', 'kustomize', '-o', 'json', OVERLAY], kubectlOnly);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const rendered = execFileSync(kubectl, ['kustomize', join(REPO, OVERLAY)], { encoding: 'utf8' });
    expect(results(r.stdout)).toEqual([
      expect.objectContaining({
        file: OVERLAY,
        kind: 'Job',
        name: 'prod-export',
        rendered: { tool: 'kustomize', from: OVERLAY },
        findings: [
          expect.objectContaining({
            ruleId: 'non-negative-fields',
            line: lineOf(rendered, 'backoffLimit: -1'),
          }),
        ],
      }),
    ]);
  });

  test('a folder of kustomizations: the base and the overlay are each rendered, nothing read as plain YAML', () => {
    const r = lint(['--render', 'kustomize', '-o', 'json', join(FIXTURES, 'kustomize')], kubectlOnly);
    expect(results(r.stdout).map((result) => [result.file, result.name])).toEqual([
      [join(FIXTURES, 'kustomize', 'base'), 'export'],
      [OVERLAY, 'prod-export'],
    ]);
  });

  test('neither kubectl nor kustomize on PATH: said on stderr, the folder skipped', () => {
    const r = lint(['--render', 'kustomize', OVERLAY], nothing);
    expect(r.stderr).toContain(
      `note: skipped ${OVERLAY}: a kustomization, and neither kubectl nor kustomize is on PATH`,
    );
    expect(r.code).toBe(0);
  });

  test('--render helm leaves kustomizations to the plain walk (and --no-render both)', () => {
    const r = lint(['--render', 'helm', '-o', 'json', OVERLAY], kubectlOnly);
    expect(results(r.stdout).some((result) => result.rendered !== undefined)).toBe(false);
    const none = lint(['--no-render', '-o', 'json', join(FIXTURES, 'kustomize')], kubectlOnly);
    expect(results(none.stdout).map((result) => result.file)).toEqual([
      join(FIXTURES, 'kustomize', 'base', 'job.yaml'),
    ]);
  });
});
