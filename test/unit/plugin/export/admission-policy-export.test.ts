import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { exportAdmissionPolicy, exportSummary } from '../../../../plugin/export/index.ts';
import { loadDefaultPolicy, resolvePolicy, RULES } from '../../../../policy/index.ts';

const BIN = join(import.meta.dirname, '..', '..', '..', '..', 'bin', 'kubectl-job_x.js');

function run(args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test access into known shapes

describe('exportAdmissionPolicy', () => {
  const result = exportAdmissionPolicy(loadDefaultPolicy());
  const byName = new Map(
    result.objects.map((o) => [`${String(o.kind)}/${String((o.metadata as Obj).name)}`, o as Obj]),
  );

  test('the shipped policy: a deny and a warn policy with bindings, and the TTL default', () => {
    expect([...byName.keys()]).toEqual([
      'MutatingAdmissionPolicy/job-x-default-require-ttl',
      'MutatingAdmissionPolicyBinding/job-x-default-require-ttl',
      'ValidatingAdmissionPolicy/job-x-deny',
      'ValidatingAdmissionPolicyBinding/job-x-deny',
      'ValidatingAdmissionPolicy/job-x-warn',
      'ValidatingAdmissionPolicyBinding/job-x-warn',
    ]);
    expect(byName.get('ValidatingAdmissionPolicyBinding/job-x-deny')!.spec.validationActions).toEqual([
      'Deny',
      'Audit',
    ]);
    expect(byName.get('ValidatingAdmissionPolicyBinding/job-x-warn')!.spec.validationActions).toEqual([
      'Warn',
      'Audit',
    ]);
    expect(result.exported.deny).toEqual([
      'active-deadline-zero',
      'exit-code-out-of-range',
      'manual-selector-adopts-all',
      'succeeded-count-zero',
    ]);
    expect(result.notExported).toEqual([
      { ruleId: 'success-policy-backoff-race', part: 'rule', reason: expect.stringContaining('succeededIndexes') },
    ]);
  });

  test('one validation and one audit annotation per rule; the exempt namespaces in every binding', () => {
    const deny = byName.get('ValidatingAdmissionPolicy/job-x-deny')!;
    expect(deny.spec.validations).toHaveLength(4);
    expect(deny.spec.auditAnnotations.map((a: Obj) => a.key)).toEqual(result.exported.deny);
    for (const object of result.objects.filter((o) => String(o.kind).endsWith('Binding')))
      expect((object as Obj).spec.matchResources.namespaceSelector.matchExpressions).toEqual([
        { key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system'] },
      ]);
  });

  test('the ratchet: a rule denies only paths the old object did not have', () => {
    const variables = byName.get('ValidatingAdmissionPolicy/job-x-deny')!.spec.variables as Obj[];
    const named = new Map(variables.map((v) => [v.name, v.expression]));
    expect(named.get('active_deadline_zero')).toBe(
      'variables.active_deadline_zero_now.filter(p, !(p in variables.active_deadline_zero_before))',
    );
    expect(named.get('active_deadline_zero_before')).toContain('oldObject == null');
  });

  test('levels, suppressions and options follow the policy', () => {
    const policy = resolvePolicy(RULES, {
      apiVersion: 'job-x.dev/v1alpha1',
      kind: 'Policy',
      rules: {
        'completions-zero': 'info',
        'large-indexed-without-per-index-backoff': { level: 'deny', options: { minCompletions: 7 } },
      },
      suppressions: { allow: false },
    });
    const exported = exportAdmissionPolicy(policy);
    // completions-zero as asked; the others are info in the registry, and no policy line changes them.
    expect(exported.exported.audit).toEqual([
      'completions-zero',
      'concurrent-pods',
      'require-active-deadline',
      'work-queue-job',
    ]);
    const text = JSON.stringify(exported.objects);
    expect(text).toContain('>= 7');
    expect(text).not.toContain('ignore.job-x.dev/large-indexed');
    const audit = exported.objects.find(
      (o) => (o.metadata as Obj).name === 'job-x-audit' && String(o.kind).endsWith('Binding'),
    );
    expect((audit as Obj).spec.validationActions).toEqual(['Audit']);
  });

  test("the policy's scope, exemptions, rollout modes and owner-aware defaults, as the webhook applies them", () => {
    const policy = resolvePolicy(RULES, {
      apiVersion: 'job-x.dev/v1alpha1',
      kind: 'Policy',
      rules: { 'active-deadline-zero': { level: 'deny', mode: 'warn' }, 'exit-code-out-of-range': 'audit' },
      defaults: ['require-ttl'],
      exemptNamespaces: ['kube-system'],
      namespaceSelector: { matchLabels: { team: 'batch' } },
      objectSelector: { matchExpressions: [{ key: 'skip-job-x', operator: 'DoesNotExist' }] },
      exemptUsers: ['system:serviceaccount:ci:deployer'],
      exemptGroups: ['platform-admins'],
      defaultOwnerKinds: ['Workflow'],
      overrides: [{ namespaceSelector: { matchLabels: { env: 'dev' } }, rules: { 'require-ttl': 'off' } }],
    });
    const exported = exportAdmissionPolicy(policy);
    expect(exported.exported.warn).toContain('active-deadline-zero');
    expect(exported.exported.audit).toContain('exit-code-out-of-range');
    expect(exported.exported.deny).not.toContain('active-deadline-zero');
    const bindings = exported.objects.filter((o) => String(o.kind).endsWith('Binding')) as Obj[];
    for (const binding of bindings)
      expect(binding.spec.matchResources).toEqual({
        namespaceSelector: {
          matchLabels: { team: 'batch' },
          matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system'] }],
        },
        objectSelector: { matchExpressions: [{ key: 'skip-job-x', operator: 'DoesNotExist' }] },
      });
    const vap = exported.objects.find((o) => o.kind === 'ValidatingAdmissionPolicy') as Obj;
    expect(vap.spec.matchConditions.map((c: Obj) => c.expression)).toEqual([
      '!has(object.metadata.deletionTimestamp)',
      '!(request.userInfo.username in ["system:serviceaccount:ci:deployer"])',
      '!request.userInfo.?groups.orValue([]).exists(g, g in ["platform-admins"])',
    ]);
    const map = exported.objects.find((o) => o.kind === 'MutatingAdmissionPolicy') as Obj;
    expect(map.spec.mutations[0].jsonPatch.expression).toContain(`[0].?kind.orValue('') in ["Workflow"]`);
    expect(exported.notExported).toContainEqual({
      ruleId: 'overrides',
      part: 'policy',
      reason: expect.stringContaining('namespace label'),
    });
  });

  test('the summary names what stays with the webhook, and why', () => {
    expect(exportSummary(exportAdmissionPolicy(loadDefaultPolicy()))).toEqual([
      'Generated by kubectl job-x export admission-policy; apply with kubectl apply -f.',
      expect.stringMatching(/^deny \(4\): active-deadline-zero, /),
      expect.stringMatching(/^warn \(15\): /),
      'defaults: require-ttl',
      'Not exported (the webhook stays the way to enforce these):',
      expect.stringMatching(/^ {2}success-policy-backoff-race: it needs the Job controller's parser/),
    ]);
  });
});

describe('kubectl job-x export admission-policy', () => {
  test('YAML: the summary as a comment, then one document per object', () => {
    const r = run(['export', 'admission-policy']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.startsWith('# Generated by kubectl job-x export admission-policy')).toBe(true);
    expect(r.stdout.match(/^kind: /gm)).toHaveLength(6);
  });

  test('JSON: a kubectl List on stdout, the summary as notes on stderr', () => {
    const r = run(['export', 'admission-policy', '-o', 'json']);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as Obj;
    expect(list.kind).toBe('List');
    expect(list.items).toHaveLength(6);
    expect(r.stderr).toContain('note: Not exported (the webhook stays the way to enforce these):');
  });

  test('--policy: the file given; a bad one is a usage error (exit 2)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'job-x-export-'));
    writeFileSync(join(dir, 'p.yaml'), 'apiVersion: job-x.dev/v1alpha1\nkind: Policy\nrules:\n  require-ttl: deny\n');
    const r = run(['export', 'admission-policy', '--policy', join(dir, 'p.yaml'), '-o', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.stringify(JSON.parse(r.stdout))).toContain('require_ttl');
    writeFileSync(
      join(dir, 'bad.yaml'),
      'apiVersion: job-x.dev/v1alpha1\nkind: Policy\nrules:\n  no-such-rule: deny\n',
    );
    const bad = run(['export', 'admission-policy', '--policy', join(dir, 'bad.yaml')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('no-such-rule');
  });
});
