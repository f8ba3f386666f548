// `lint --fix` against the real API server: a file fixed in place keeps its comments and layout,
// lints clean for the rules that were fixed, and `kubectl create --dry-run=server` accepts it.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { KUBECONFIG, kubectlPath } from './helpers/cluster.ts';
import { jobX } from './helpers/job-x-cli.ts';
import { createNamespace, deleteNamespace } from './helpers/namespace.ts';

const MANIFESTS = `# Two objects with what --fix can fix: no TTL, no DisruptionTarget Ignore rule.
apiVersion: batch/v1
kind: Job
metadata:
  name: fix-me # the comment stays
spec:
  backoffLimit: 2
  podFailurePolicy:
    rules:
      - action: FailJob
        onExitCodes: {operator: In, values: [42]}
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: main
          image: "busybox:1.36"
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: fix-me-too}
spec:
  schedule: "*/5 * * * *"
  jobTemplate:
    spec:
      podFailurePolicy:
        rules: [{action: FailJob, onExitCodes: {operator: In, values: [1]}}]
      template:
        spec:
          restartPolicy: Never
          containers: [{name: main, image: busybox:1.36}]
`;

let namespace: string;
let dir: string;

beforeAll(async () => {
  namespace = await createNamespace('lint-fix');
  dir = mkdtempSync(join(tmpdir(), 'job-x-lint-fix-'));
});

afterAll(async () => {
  await deleteNamespace(namespace);
});

function kubectlCreate(file: string): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      kubectlPath(),
      ['--kubeconfig', KUBECONFIG, '-n', namespace, 'create', '--dry-run=server', '-f', file],
      { encoding: 'utf8' },
      (error, _stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stderr }),
    );
  });
}

const FIXED_RULES = ['require-ttl', 'disruption-ignore-rule'];

describe('lint --fix', () => {
  test('the fixed file keeps its comments, lints clean for the fixed rules, and the API server accepts it', async () => {
    const file = join(dir, 'jobs.yaml');
    writeFileSync(file, MANIFESTS);
    const before = await jobX(['lint', '--no-config', '-o', 'json', file], { kubeconfig: null });
    const ruleIds = (stdout: string) =>
      (JSON.parse(stdout) as { results: { findings: { ruleId: string }[] }[] }).results.flatMap((r) =>
        r.findings.map((f) => f.ruleId),
      );
    for (const id of FIXED_RULES) expect(ruleIds(before.stdout)).toContain(id);

    const fixed = await jobX(['lint', '--no-config', '--fix', '-o', 'json', file], { kubeconfig: null });
    expect(fixed.stderr).toContain('fixed ');
    const found = ruleIds(fixed.stdout);
    for (const id of FIXED_RULES) expect(found).not.toContain(id);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('name: fix-me # the comment stays');
    expect(text).toContain('# Two objects with what --fix can fix');
    expect(text).toContain('image: "busybox:1.36"');
    expect(text).toContain('metadata: {name: fix-me-too}');

    const created = await kubectlCreate(file);
    expect({ code: created.code, stderr: created.stderr }).toEqual({ code: 0, stderr: '' });
  });
});
