import { describe, expect, test } from '@jest/globals';
import { resolvePolicy, RULES, PolicyError } from '../../../policy/index.ts';
import { parsePolicy } from '../../../policy/validate-policy.ts';
import type { JobXPolicy } from '../../../schemas/generated/policy.ts';
import { toAdmissionPolicy, type AdmissionPolicy } from '../../../policy/index.ts';
import { handleAdmission, type AdmissionEndpoint, type NamespaceLabels } from '../../../webhook/admission/handle.ts';
import type { AdmissionResponse } from '../../../webhook/admission/review.ts';
import { review, setPath, type Review } from './fixtures.ts';

/** Exemptions, scope, per-namespace overrides, rollout modes and owner-aware defaults. */
function policyOf(document: Omit<JobXPolicy, 'apiVersion' | 'kind'>): AdmissionPolicy {
  const full = parsePolicy({ apiVersion: 'job-x.dev/v1alpha1', kind: 'Policy', ...document });
  return toAdmissionPolicy(resolvePolicy(RULES, full), RULES, full);
}

// job-create-warn: parallelism 0 (rule parallelism-zero), in namespace whk-fixtures.
const DENY_PARALLELISM = { rules: { 'parallelism-zero': 'deny' } } as const;
const LABELS: Record<string, Record<string, string>> = {
  'whk-fixtures': { team: 'batch', 'job-x.dev/exempt': 'true' },
};
const labelsOf: NamespaceLabels = (namespace) => LABELS[namespace];

function answer(
  endpoint: AdmissionEndpoint,
  body: Review,
  policy: AdmissionPolicy,
  namespaceLabels: NamespaceLabels | undefined = labelsOf,
) {
  const handled = handleAdmission(endpoint, body, policy, undefined, namespaceLabels);
  if (handled.status !== 200) throw new Error(`status ${handled.status}`);
  return { response: handled.body.response as AdmissionResponse, decision: handled.decision };
}

describe('exemptions and scope', () => {
  test('exempt users and groups are left alone; others are judged', () => {
    const body = review('job-create-warn');
    expect(answer('validate', body, policyOf(DENY_PARALLELISM)).response.allowed).toBe(false);
    const byUser = policyOf({ ...DENY_PARALLELISM, exemptUsers: ['job-x-testbed-admin'] });
    expect(answer('validate', body, byUser).decision).toMatchObject({ outcome: 'skipped', skip: 'exempt-user' });
    const byGroup = policyOf({ ...DENY_PARALLELISM, exemptGroups: ['system:masters'] });
    expect(answer('validate', body, byGroup).decision).toMatchObject({ outcome: 'skipped', skip: 'exempt-group' });
    const other = policyOf({ ...DENY_PARALLELISM, exemptUsers: ['system:serviceaccount:ci:deployer'] });
    expect(answer('validate', body, other).response.allowed).toBe(false);
  });

  test('namespaceSelector: only namespaces whose labels match are judged; unknown labels are judged', () => {
    const body = review('job-create-warn');
    const notExempt = policyOf({
      ...DENY_PARALLELISM,
      namespaceSelector: { matchExpressions: [{ key: 'job-x.dev/exempt', operator: 'DoesNotExist' }] },
    });
    expect(answer('validate', body, notExempt).decision).toMatchObject({ skip: 'namespace-selector' });
    expect(answer('validate', body, notExempt, () => ({ team: 'batch' })).response.allowed).toBe(false);
    // A namespace the watch has not seen yet: judged, the safe side.
    expect(answer('validate', body, notExempt, () => undefined).response.allowed).toBe(false);
    const team = policyOf({ ...DENY_PARALLELISM, namespaceSelector: { matchLabels: { team: 'batch' } } });
    expect(answer('validate', body, team).response.allowed).toBe(false);
  });

  test('objectSelector matches the object (or, on UPDATE, its old version)', () => {
    const body = review('job-create-warn');
    const optIn = policyOf({ ...DENY_PARALLELISM, objectSelector: { matchLabels: { 'job-x.dev/enforce': 'yes' } } });
    expect(answer('validate', body, optIn).decision).toMatchObject({ skip: 'object-selector' });
    setPath(body.request.object, ['metadata', 'labels', 'job-x.dev/enforce'], 'yes');
    expect(answer('validate', body, optIn).response.allowed).toBe(false);
  });

  test('a selector the API server would refuse is a policy error naming the key', () => {
    expect(() =>
      policyOf({ overrides: [{ namespaceSelector: { matchExpressions: [{ key: 'team', operator: 'In' }] } }] }),
    ).toThrow(PolicyError);
    expect(() =>
      policyOf({ overrides: [{ namespaceSelector: { matchExpressions: [{ key: 'team', operator: 'In' }] } }] }),
    ).toThrow(/^overrides\[0\]\.namespaceSelector\.matchExpressions\[0\]\.values: Required value/);
  });
});

describe('per-namespace overrides', () => {
  const policy = policyOf({
    rules: { 'parallelism-zero': 'warn' },
    overrides: [
      { namespaceSelector: { matchLabels: { team: 'batch' } }, rules: { 'parallelism-zero': 'deny' } },
      { namespaceSelector: { matchLabels: { stage: 'dev' } }, mode: 'warn' },
    ],
  });
  test('a matching override replaces the rule levels; later overrides apply over earlier ones', () => {
    const body = review('job-create-warn');
    expect(answer('validate', body, policy, () => ({})).response).toMatchObject({ allowed: true });
    expect(answer('validate', body, policy, () => ({ team: 'batch' })).response).toMatchObject({ allowed: false });
    const both = answer('validate', body, policy, () => ({ team: 'batch', stage: 'dev' })).response;
    expect(both.allowed).toBe(true);
    expect(both.warnings).toEqual(
      expect.arrayContaining([expect.stringMatching(/^\[parallelism-zero\] .*\(denied when the policy enforces/)]),
    );
  });
});

describe('rollout modes', () => {
  const body = () => review('job-create-warn');
  test('deny enforces', () => {
    expect(answer('validate', body(), policyOf({ ...DENY_PARALLELISM, mode: 'deny' })).response.allowed).toBe(false);
  });
  test('warn turns denials into warnings', () => {
    const { response, decision } = answer('validate', body(), policyOf({ ...DENY_PARALLELISM, mode: 'warn' }));
    expect(response.allowed).toBe(true);
    expect(response.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/^\[parallelism-zero\]/)]));
    expect(decision.warned).toContain('parallelism-zero');
    expect(decision.denied).toEqual([]);
  });
  test('audit: an audit annotation and a metric only, the user sees nothing of it', () => {
    const { response, decision } = answer('validate', body(), policyOf({ ...DENY_PARALLELISM, mode: 'audit' }));
    expect(response.allowed).toBe(true);
    expect(response.warnings ?? []).not.toEqual(expect.arrayContaining([expect.stringMatching(/parallelism-zero/)]));
    expect(response.auditAnnotations).toMatchObject({ decision: 'allowed', 'audited-rules': 'parallelism-zero' });
    expect(decision.audited).toEqual(['parallelism-zero']);
  });
  test('per rule: `audit` alone, or a mode beside the level, over the policy mode', () => {
    const shorthand = answer('validate', body(), policyOf({ rules: { 'parallelism-zero': 'audit' } }));
    expect(shorthand.decision.audited).toEqual(['parallelism-zero']);
    const perRule = policyOf({ mode: 'audit', rules: { 'parallelism-zero': { level: 'deny', mode: 'deny' } } });
    expect(answer('validate', body(), perRule).response.allowed).toBe(false);
  });
});

describe('owner-aware defaults', () => {
  const policy = policyOf({ defaults: ['require-ttl'] });
  const owned = (kind: string, controller: boolean): Review => {
    const body = review('job-create-mutate');
    setPath(
      body.request.object,
      ['metadata', 'ownerReferences'],
      [{ apiVersion: 'jobset.x-k8s.io/v1alpha2', kind, name: 'owner', uid: 'u-1', controller }],
    );
    return body;
  };
  test('a Job without a controller owner gets the TTL default', () => {
    expect(answer('mutate', review('job-create-mutate'), policy).decision.defaulted).toEqual(['require-ttl']);
    // A plain (non-controller) owner reference is only a garbage-collection link.
    expect(answer('mutate', owned('JobSet', false), policy).decision.defaulted).toEqual(['require-ttl']);
  });
  test('a Job with a controller owner gets none, unless the policy lists its kind', () => {
    expect(answer('mutate', owned('JobSet', true), policy).decision).toMatchObject({
      outcome: 'skipped',
      skip: 'controller-owned',
    });
    const listed = policyOf({ defaults: ['require-ttl'], defaultOwnerKinds: ['JobSet'] });
    expect(answer('mutate', owned('JobSet', true), listed).decision.defaulted).toEqual(['require-ttl']);
    expect(answer('mutate', owned('Workflow', true), listed).decision.outcome).toBe('skipped');
  });
});
