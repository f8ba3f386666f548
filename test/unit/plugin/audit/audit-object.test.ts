// The audit says what the webhook would do: each case is judged by auditObject and, for
// comparison, sent to the webhook's own handlers as the API server would send it (a CREATE of the
// same object: /mutate, its patch applied, then /validate; an UPDATE that changes nothing).
import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { JsonObject } from '../../../../kubernetes/index.ts';
import {
  defaultPolicyDocument,
  resolvePolicy,
  RULES,
  toAdmissionPolicy,
  type AdmissionPolicy,
} from '../../../../policy/index.ts';
import { parsePolicy } from '../../../../policy/validate-policy.ts';
import { auditObject } from '../../../../plugin/audit/audit-object.ts';
import { loadAuditPolicy } from '../../../../plugin/audit/audit-policy.ts';
import { handleAdmission, type AdmissionEndpoint } from '../../../../webhook/admission/handle.ts';
import { applyPatchStrictly, decodePatch } from '../../webhook/fixtures.ts';

const NOW = '2026-12-06T19:00:00Z';
const STORED = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'stored');
const shipped = await loadAuditPolicy(undefined);

/** A Job as the API server stores it: uid, resourceVersion, generated selector and labels, status. */
function storedJob(
  name: string,
  spec: Record<string, unknown> = {},
  metadata: Record<string, unknown> = {},
): JsonObject {
  const uid = `0000-${name}`;
  const labels = {
    'batch.kubernetes.io/controller-uid': uid,
    'batch.kubernetes.io/job-name': name,
    'controller-uid': uid,
    'job-name': name,
  };
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name,
      namespace: 'team-a',
      uid,
      resourceVersion: '42',
      creationTimestamp: '2026-12-01T00:00:00Z',
      generation: 1,
      ...metadata,
    },
    spec: {
      parallelism: 1,
      completions: 1,
      backoffLimit: 6,
      completionMode: 'NonIndexed',
      suspend: false,
      manualSelector: false,
      podReplacementPolicy: 'TerminatingOrFailed',
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } },
      ...spec,
      template: {
        metadata: { labels },
        spec: {
          restartPolicy: 'Never',
          containers: [
            {
              name: 'main',
              image: 'busybox:1.36',
              command: ['true'],
              terminationMessagePolicy: 'File',
              imagePullPolicy: 'IfNotPresent',
            },
          ],
          dnsPolicy: 'ClusterFirst',
          schedulerName: 'default-scheduler',
          terminationGracePeriodSeconds: 30,
        },
      },
    },
    status: {
      succeeded: 1,
      completionTime: '2026-12-01T00:01:00Z',
      conditions: [{ type: 'Complete', status: 'True' }],
    },
  };
}

function storedCronJob(name: string, jobSpec: Record<string, unknown>, spec: Record<string, unknown> = {}): JsonObject {
  const { spec: job } = storedJob('x', jobSpec) as { spec: Record<string, unknown> };
  const { selector: _selector, ...template } = job;
  (template.template as { metadata?: unknown }).metadata = {};
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name, namespace: 'team-a', uid: `0000-${name}`, resourceVersion: '7' },
    spec: {
      schedule: '*/5 * * * *',
      concurrencyPolicy: 'Allow',
      suspend: false,
      jobTemplate: { spec: template },
      ...spec,
    },
    status: { lastScheduleTime: '2026-12-06T18:55:00Z' },
  };
}

const TTL = { ttlSecondsAfterFinished: 3600 };
const OUT_OF_RANGE_PATH = 'spec.podFailurePolicy.rules[0].onExitCodes.values[1]';
const OUT_OF_RANGE = {
  podFailurePolicy: {
    rules: [
      { action: 'FailJob', onExitCodes: { operator: 'In', values: [1, 300] } },
      { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] },
    ],
  },
};

type Labels = Readonly<Record<string, string>> | undefined;

/** What the webhook answers, as the API server would ask it (in namespace team-a, with these labels). */
function webhook(object: JsonObject, policy: AdmissionPolicy, labels: Labels = undefined) {
  const kind = object.kind as string;
  const request = (endpoint: AdmissionEndpoint, operation: 'CREATE' | 'UPDATE', body: unknown, old?: unknown) =>
    handleAdmission(
      endpoint,
      {
        apiVersion: 'admission.k8s.io/v1',
        kind: 'AdmissionReview',
        request: {
          uid: 'u',
          kind: { group: 'batch', version: 'v1', kind },
          resource: { group: 'batch', version: 'v1', resource: kind === 'Job' ? 'jobs' : 'cronjobs' },
          requestKind: { group: 'batch', version: 'v1', kind },
          name: 'n',
          namespace: 'team-a',
          operation,
          userInfo: { username: 'u' },
          object: body,
          oldObject: old ?? null,
          dryRun: false,
        },
      },
      policy,
      undefined,
      () => labels,
    );
  const mutated = request('mutate', 'CREATE', structuredClone(object));
  if (mutated.status !== 200) throw new Error('mutate failed');
  const patch = mutated.body.response.patch;
  const created = patch ? applyPatchStrictly(structuredClone(object), decodePatch(patch)) : object;
  const validated = request('validate', 'CREATE', created);
  const updated = request('validate', 'UPDATE', structuredClone(object), structuredClone(object));
  if (validated.status !== 200 || updated.status !== 200) throw new Error('validate failed');
  return {
    skipped: validated.decision.outcome === 'skipped',
    defaulted: [...mutated.decision.defaulted].sort(),
    createDenied: [...validated.decision.denied].sort(),
    createWarned: [...validated.decision.warned].sort(),
    createAudited: [...validated.decision.audited].sort(),
    updateAllowed: updated.body.response.allowed,
  };
}

function effects(object: JsonObject, policy: AdmissionPolicy = shipped, labels: Labels = undefined) {
  const result = auditObject(object, object.kind as 'Job' | 'CronJob', policy, NOW, labels)!;
  return result.findings.map((f) => `${f.ruleId} ${f.path} ${f.admission}`);
}

/** The audit's labels agree with the webhook's decisions: denied, defaulted, warned and audited rule ids. */
function expectWebhookAgrees(object: JsonObject, policy: AdmissionPolicy = shipped, labels: Labels = undefined): void {
  const findings = auditObject(object, object.kind as 'Job' | 'CronJob', policy, NOW, labels)!.findings;
  const ids = (...labels: string[]) =>
    findings
      .filter((f) => labels.includes(f.admission))
      .map((f) => f.ruleId)
      .sort();
  const answer = webhook(object, policy, labels);
  expect(answer.skipped).toBe(false);
  expect(ids('denied-on-create', 'denied-on-change')).toEqual(answer.createDenied);
  expect(ids('defaulted-on-create')).toEqual(answer.defaulted);
  expect(ids('warned')).toEqual(answer.createWarned);
  expect(ids('audited')).toEqual(answer.createAudited);
  // The ratchet: an UPDATE that changes nothing passes, whatever the object has.
  expect(answer.updateAllowed).toBe(true);
}

describe('what the webhook would do, finding by finding', () => {
  test('an immutable Job field at deny level: denied-on-create only', () => {
    const job = storedJob('exit-300', { ...TTL, ...OUT_OF_RANGE });
    expect(effects(job)).toEqual([
      'exit-code-out-of-range spec.podFailurePolicy.rules[0].onExitCodes.values[1] denied-on-create',
    ]);
    expectWebhookAgrees(job);
  });

  test('a mutable Job field at deny level: denied-on-change', () => {
    const job = storedJob('deadline-zero', { ...TTL, activeDeadlineSeconds: 0 });
    expect(effects(job)).toEqual(['active-deadline-zero spec.activeDeadlineSeconds denied-on-change']);
    expectWebhookAgrees(job);
  });

  test('no TTL: defaulted-on-create, saying what the default sets', () => {
    const job = storedJob('no-ttl');
    const [finding] = auditObject(job, 'Job', shipped, NOW)!.findings;
    expect(finding).toMatchObject({ ruleId: 'require-ttl', admission: 'defaulted-on-create', severity: 'warning' });
    expect(finding!.effect).toContain('ttlSecondsAfterFinished=86400');
    expectWebhookAgrees(job);
  });

  test("a Job a CronJob owns gets no TTL finding (the CronJob's history limits clean up)", () => {
    const job = storedJob(
      'nightly-29000000',
      {},
      {
        ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'nightly', uid: 'c', controller: true }],
      },
    );
    expect(effects(job)).toEqual([]);
    expectWebhookAgrees(job);
  });

  test('a CronJob whose template the webhook denies: every Job it starts would be denied', () => {
    const cronJob = storedCronJob('nightly', { ...TTL, ...OUT_OF_RANGE }, {});
    const findings = auditObject(cronJob, 'CronJob', shipped, NOW)!.findings.filter((f) => f.severity === 'error');
    expect(findings.map((f) => [f.path, f.admission])).toEqual([
      ['spec.jobTemplate.spec.podFailurePolicy.rules[0].onExitCodes.values[1]', 'denied-on-create'],
    ]);
    expect(findings[0]!.effect).toMatch(/every Job this CronJob starts would be denied/);
    expectWebhookAgrees(cronJob);
  });

  test("a CronJob's own field at deny level: denied-on-change (its Jobs are not concerned)", () => {
    const strict = toAdmissionPolicy(
      resolvePolicy(RULES, {
        apiVersion: 'job-x.dev/v1alpha1',
        kind: 'Policy',
        rules: { 'cronjob-starting-deadline-short': 'deny' },
      }),
    );
    const cronJob = storedCronJob('tight', TTL, { startingDeadlineSeconds: 5 });
    expect(effects(cronJob, strict)).toContain(
      'cronjob-starting-deadline-short spec.startingDeadlineSeconds denied-on-change',
    );
    expectWebhookAgrees(cronJob, strict);
  });

  test('a namespace the policy exempts is not judged', () => {
    const job = storedJob('system', {}, { namespace: 'kube-system' });
    expect(auditObject(job, 'Job', shipped, NOW)).toBeUndefined();
  });

  test('a default listed in the policy whose rule is off still shows as defaulted-on-create', () => {
    const quiet = toAdmissionPolicy(
      resolvePolicy(RULES, {
        apiVersion: 'job-x.dev/v1alpha1',
        kind: 'Policy',
        rules: { 'require-ttl': 'off' },
        defaults: ['require-ttl'],
      }),
    );
    const job = storedJob('no-ttl');
    expect(effects(job, quiet)).toContain('require-ttl  defaulted-on-create');
    expectWebhookAgrees(job, quiet);
  });
});

/** The findings the webhook acts on (info-level ones, `allowed`, left out). */
function acted(object: JsonObject, policy: AdmissionPolicy = shipped, labels: Labels = undefined) {
  return effects(object, policy, labels).filter((effect) => !effect.endsWith(' allowed'));
}

/** A policy document as the webhook and the audit prepare it (the document gives the overrides). */
function admission(document: Record<string, unknown>): AdmissionPolicy {
  const full = parsePolicy({ apiVersion: 'job-x.dev/v1alpha1', kind: 'Policy', ...document });
  return toAdmissionPolicy(resolvePolicy(RULES, full), RULES, full);
}

const OWNED_BY_JOBSET = {
  ownerReferences: [
    { apiVersion: 'jobset.x-k8s.io/v1alpha2', kind: 'JobSet', name: 'train', uid: 'j', controller: true },
  ],
};

describe('the production policy: rollout modes, overrides, owners, selectors', () => {
  test('a deny rule in mode warn is warned, in mode audit audited; the webhook agrees', () => {
    const job = storedJob('exit-300', { ...TTL, ...OUT_OF_RANGE });
    const rule = 'exit-code-out-of-range';
    const inMode = (mode: string) => admission({ rules: { [rule]: { level: 'deny', mode } } });
    expect(acted(job, inMode('warn'))).toEqual([`${rule} ${OUT_OF_RANGE_PATH} warned`]);
    expectWebhookAgrees(job, inMode('warn'));
    expect(acted(job, inMode('audit'))).toEqual([`${rule} ${OUT_OF_RANGE_PATH} audited`]);
    expectWebhookAgrees(job, inMode('audit'));
    // The policy's mode, for rules without their own; a rule's own mode deny wins.
    const policyWarn = admission({
      mode: 'warn',
      rules: { [rule]: 'deny', 'active-deadline-zero': { level: 'deny', mode: 'deny' } },
    });
    const both = storedJob('both', { ...TTL, ...OUT_OF_RANGE, activeDeadlineSeconds: 0 });
    expect(acted(both, policyWarn).sort()).toEqual([
      'active-deadline-zero spec.activeDeadlineSeconds denied-on-change',
      `${rule} ${OUT_OF_RANGE_PATH} warned`,
    ]);
    expectWebhookAgrees(both, policyWarn);
  });

  test("a namespace's overrides apply where its labels match, as in the webhook", () => {
    const policy = admission({
      rules: { 'active-deadline-zero': 'deny' },
      overrides: [{ namespaceSelector: { matchLabels: { rollout: 'early' } }, mode: 'audit' }],
    });
    const job = storedJob('deadline-zero', { ...TTL, activeDeadlineSeconds: 0 });
    expect(acted(job, policy, { rollout: 'early' })).toEqual([
      'active-deadline-zero spec.activeDeadlineSeconds audited',
    ]);
    expectWebhookAgrees(job, policy, { rollout: 'early' });
    expect(acted(job, policy, { rollout: 'late' })).toEqual([
      'active-deadline-zero spec.activeDeadlineSeconds denied-on-change',
    ]);
    expectWebhookAgrees(job, policy, { rollout: 'late' });
  });

  test('a Job with a controller owner gets no defaults unless its kind is in defaultOwnerKinds', () => {
    const owned = storedJob('train-worker-0', {}, OWNED_BY_JOBSET);
    // The shipped policy: require-ttl is warned, not defaulted (the webhook skips the owned Job).
    expect(acted(owned)).toEqual(['require-ttl spec.ttlSecondsAfterFinished warned']);
    expectWebhookAgrees(owned);
    const listed = admission({ ...defaultPolicyDocument(), defaultOwnerKinds: ['JobSet'] });
    expect(acted(owned, listed)).toEqual(['require-ttl spec.ttlSecondsAfterFinished defaulted-on-create']);
    expectWebhookAgrees(owned, listed);
  });

  test('objects the namespace or object selector exempts are not judged, as the webhook skips them', () => {
    const policy = admission({
      ...defaultPolicyDocument(),
      namespaceSelector: { matchLabels: { 'job-x.dev/enforce': 'true' } },
      objectSelector: { matchExpressions: [{ key: 'job-x.dev/skip', operator: 'DoesNotExist' }] },
    });
    const job = storedJob('no-ttl');
    const skipped = storedJob('skipped', {}, { labels: { 'job-x.dev/skip': 'yes' } });
    const enforced = { 'job-x.dev/enforce': 'true' };
    expect(auditObject(job, 'Job', policy, NOW, {})).toBeUndefined();
    expect(webhook(job, policy, {}).skipped).toBe(true);
    expect(auditObject(skipped, 'Job', policy, NOW, enforced)).toBeUndefined();
    expect(webhook(skipped, policy, enforced).skipped).toBe(true);
    expect(acted(job, policy, enforced)).toEqual(['require-ttl spec.ttlSecondsAfterFinished defaulted-on-create']);
    expectWebhookAgrees(job, policy, enforced);
  });
});

describe('stored objects are understood', () => {
  test.each([
    'job-pi.yaml',
    'job-pi-managed-fields.yaml',
    'cronjob-nightly.yaml',
    'job-manual-selector.yaml',
    'list.yaml',
  ])('%s: no finding about status, managedFields or the generated selector; the webhook agrees', (file) => {
    const document = parse(readFileSync(join(STORED, file), 'utf8')) as JsonObject;
    const objects = (document.kind === 'List' ? document.items : [document]) as JsonObject[];
    for (const object of objects) {
      if (object.kind !== 'Job' && object.kind !== 'CronJob') continue;
      const result = auditObject(object, object.kind, shipped, NOW)!;
      for (const finding of result.findings) {
        expect(finding.path).not.toMatch(/^(status|metadata\.(managedFields|uid|resourceVersion))/);
        expect(finding.ruleId).not.toBe('job-selector');
        expect(finding.origin).toBe('policy');
      }
      expectWebhookAgrees(object);
    }
  });
});
