import { describe, expect, test } from '@jest/globals';
import { evaluate, isApiServerRejection, resolvePolicy, RULES, toJobView, type Rule } from '../../../policy/index.ts';
import { defaultJob } from '../../../kubernetes/index.ts';
import type { JobXPolicy } from '../../../schemas/generated/policy.ts';
import { toAdmissionPolicy, type AdmissionPolicy } from '../../../policy/index.ts';
import { handleAdmission, type AdmissionEndpoint } from '../../../webhook/admission/handle.ts';
import type { AdmissionResponse } from '../../../webhook/admission/review.ts';
import { defaultPolicyDocument, loadDefaultPolicy } from '../../../policy/index.ts';
import { applyPatchStrictly, decodePatch, getPath, review, setPath, type Review } from './fixtures.ts';

const DEFAULT = toAdmissionPolicy(loadDefaultPolicy());

function policyOf(
  document: Omit<JobXPolicy, 'apiVersion' | 'kind'>,
  registry: readonly Rule[] = RULES,
): AdmissionPolicy {
  return toAdmissionPolicy(
    resolvePolicy(registry, { apiVersion: 'job-x.dev/v1alpha1', kind: 'Policy', ...document }),
    registry,
  );
}

/** The answer to a review; fails the test unless it is a well-formed AdmissionReview echoing the uid. */
function answer(endpoint: AdmissionEndpoint, body: Review, policy: AdmissionPolicy = DEFAULT): AdmissionResponse {
  const handled = handleAdmission(endpoint, body, policy);
  expect(handled.status).toBe(200);
  if (handled.status !== 200) throw new Error('unreachable');
  expect(handled.body.apiVersion).toBe('admission.k8s.io/v1');
  expect(handled.body.kind).toBe('AdmissionReview');
  expect(handled.body.response.uid).toBe(body.request.uid);
  return handled.body.response;
}

/** Allowed with nothing added: the request is not job-x's to judge. */
function expectUntouched(response: AdmissionResponse): void {
  expect(response).toEqual({ uid: response.uid, allowed: true });
}

const causesOf = (response: AdmissionResponse) => response.status?.details?.causes ?? [];

describe('validate: CREATE', () => {
  test('a clean Job is allowed without warnings', () => {
    expect(answer('validate', review('job-create-clean'))).toEqual({
      uid: '3f1c6a52-8d0e-4c36-9a57-2f4b1f0e7a01',
      allowed: true,
      auditAnnotations: { decision: 'allowed' },
    });
  });

  test('warn-level findings become warnings `[rule-id] path: message`, and the Job is allowed', () => {
    const response = answer('validate', review('job-create-warn'));
    expect(response.allowed).toBe(true);
    expect(response.status).toBeUndefined();
    expect(response.warnings).toEqual([
      '[parallelism-zero] spec.parallelism: parallelism 0: no pod will start',
      '[restart-policy-on-failure] spec.template.spec.restartPolicy: OnFailure loses the logs of failed attempts when the Job fails; prefer Never',
    ]);
    expect(response.auditAnnotations).toEqual({
      decision: 'allowed',
      'warned-rules': 'parallelism-zero,restart-policy-on-failure',
    });
  });

  test('deny-level findings deny with the API server Invalid status, one cause per finding', () => {
    const response = answer('validate', review('job-create-deny'));
    expect(response.allowed).toBe(false);
    const remediation = (id: string) => RULES.find((r) => r.id === id)!.docs.remediation;
    const deadline = `a deadline of 0 seconds fails the Job (DeadlineExceeded) as soon as it starts. ${remediation('active-deadline-zero')} (job-x rule active-deadline-zero)`;
    const exitCode = `exit code 300 is outside 0-255 and can never match a Linux container. ${remediation('exit-code-out-of-range')} (job-x rule exit-code-out-of-range)`;
    expect(response.status).toEqual({
      status: 'Failure',
      reason: 'Invalid',
      code: 422,
      message: `Job.batch "report-deny" is invalid: [spec.activeDeadlineSeconds: ${deadline}, spec.podFailurePolicy.rules[1].onExitCodes.values[1]: ${exitCode}]`,
      details: {
        name: 'report-deny',
        group: 'batch',
        kind: 'Job',
        causes: [
          { reason: 'FieldValueInvalid', field: 'spec.activeDeadlineSeconds', message: deadline },
          {
            reason: 'FieldValueInvalid',
            field: 'spec.podFailurePolicy.rules[1].onExitCodes.values[1]',
            message: exitCode,
          },
        ],
      },
    });
    expect(response.auditAnnotations).toEqual({
      decision: 'denied',
      'denied-rules': 'active-deadline-zero,exit-code-out-of-range',
    });
  });

  test('one cause: the message holds it alone, as field.ErrorList does', () => {
    const body = review('job-create-deny');
    setPath(body.request.object, ['spec', 'activeDeadlineSeconds'], 600);
    const response = answer('validate', body);
    expect(causesOf(response).map((c) => c.field)).toEqual(['spec.podFailurePolicy.rules[1].onExitCodes.values[1]']);
    expect(response.status?.message).toMatch(
      /^Job\.batch "report-deny" is invalid: spec\.podFailurePolicy\.rules\[1\]\.onExitCodes\.values\[1\]: exit code 300 /,
    );
  });

  test('a required field a deny rule misses is reported as FieldValueRequired', () => {
    const body = review('job-create-clean');
    setPath(body.request.object, ['spec', 'ttlSecondsAfterFinished'], undefined);
    const response = answer('validate', body, policyOf({ rules: { 'require-ttl': 'deny' } }));
    expect(causesOf(response)).toEqual([
      expect.objectContaining({ reason: 'FieldValueRequired', field: 'spec.ttlSecondsAfterFinished' }),
    ]);
  });

  test('a denial carries the fix that fits the object (an Indexed Job is not told to use an Indexed Job)', () => {
    const body = review('job-create-clean');
    setPath(body.request.object, ['spec', 'completionMode'], 'Indexed');
    setPath(body.request.object, ['spec', 'completions'], 10);
    setPath(body.request.object, ['spec', 'parallelism'], 5);
    const response = answer('validate', body, policyOf({ rules: { 'concurrent-pods': 'deny' } }));
    expect(causesOf(response).map((c) => c.message)).toEqual([
      'up to 5 pods run at once; they must tolerate each other. Make each pod idempotent and safe to run next to its siblings: each knows its share of the work from its completion index (JOB_COMPLETION_INDEX), so make what they share (files, database rows, queues, external APIs) safe for concurrent use. (job-x rule concurrent-pods)',
    ]);
  });

  test('a CronJob is judged on its jobTemplate, with paths under spec.jobTemplate.spec', () => {
    const response = answer('validate', review('cronjob-create-deny'));
    expect(response.allowed).toBe(false);
    expect(response.status?.details).toEqual(
      expect.objectContaining({ name: 'nightly', group: 'batch', kind: 'CronJob' }),
    );
    expect(causesOf(response).map((c) => c.field)).toEqual([
      'spec.jobTemplate.spec.podFailurePolicy.rules[0].onExitCodes.values[0]',
    ]);
    expect(response.warnings).toEqual([
      '[disruption-ignore-rule] spec.jobTemplate.spec.podFailurePolicy.rules: no Ignore rule for DisruptionTarget: evictions and preemptions count as failures',
    ]);
  });

  test('dryRun is judged exactly like the real request', () => {
    const real = answer('validate', review('job-create-deny'));
    const dry = answer('validate', review('job-create-deny-dry-run'));
    expect(review('job-create-deny-dry-run').request.dryRun).toBe(true);
    expect({ ...dry, uid: real.uid }).toEqual(real);
  });

  test('API server rules are left to the API server: an invalid restartPolicy is not judged here', () => {
    const body = review('job-create-clean');
    setPath(body.request.object, ['spec', 'template', 'spec', 'restartPolicy'], 'Always');
    const lintFindings = evaluate(toJobView(body.request.object!), resolvePolicy(RULES, undefined), 'admission').filter(
      isApiServerRejection,
    );
    expect(lintFindings.map((f) => f.ruleId)).toContain('restart-policy');
    expect(answer('validate', body).allowed).toBe(true);
  });

  test('a review without an object on CREATE is refused as a bad request, uid echoed', () => {
    const body = review('job-create-clean');
    body.request.object = null;
    const response = answer('validate', body);
    expect(response).toEqual({
      uid: body.request.uid,
      allowed: false,
      status: expect.objectContaining({ code: 400, reason: 'BadRequest', status: 'Failure' }),
    });
  });
});

describe('validate: requests job-x leaves alone', () => {
  test.each(['validate', 'mutate'] as const)('%s: DELETE is allowed untouched', (endpoint) => {
    expectUntouched(answer(endpoint, review('job-delete')));
  });

  test.each(['validate', 'mutate'] as const)(
    '%s: CONNECT is allowed untouched (pods/exec, and a Job CONNECT)',
    (endpoint) => {
      expectUntouched(answer(endpoint, review('pod-exec-connect')));
      const jobConnect = review('job-create-deny');
      jobConnect.request.operation = 'CONNECT';
      expectUntouched(answer(endpoint, jobConnect));
    },
  );

  test.each(['validate', 'mutate'] as const)('%s: other kinds are allowed untouched', (endpoint) => {
    expectUntouched(answer(endpoint, review('pod-create')));
    const otherVersion = review('job-create-deny');
    otherVersion.request.kind = { group: 'batch', version: 'v2', kind: 'Job' };
    expectUntouched(answer(endpoint, otherVersion));
  });

  test.each(['validate', 'mutate'] as const)('%s: a subresource (status) is allowed untouched', (endpoint) => {
    const body = review('job-create-deny');
    body.request.subResource = 'status';
    expectUntouched(answer(endpoint, body));
  });

  test.each(['validate', 'mutate'] as const)('%s: exempt namespaces are allowed untouched', (endpoint) => {
    const inKubeSystem = review(endpoint === 'validate' ? 'job-create-deny' : 'job-create-mutate');
    inKubeSystem.request.namespace = 'kube-system';
    setPath(inKubeSystem.request.object, ['metadata', 'namespace'], 'kube-system');
    expectUntouched(answer(endpoint, inKubeSystem));
    // The fixtures' own namespace, exempted by a policy file.
    const exempting = policyOf({
      rules: { 'require-ttl': 'deny' },
      defaults: ['require-ttl'],
      exemptNamespaces: ['whk-fixtures'],
    });
    expectUntouched(
      answer(endpoint, review(endpoint === 'validate' ? 'job-create-deny' : 'job-create-mutate'), exempting),
    );
  });
});

describe('validate: UPDATE ratchet', () => {
  test('a finding the old object had does not deny (a label added to a non-compliant Job)', () => {
    const body = review('job-update-label');
    expect(getPath(body.request.oldObject, ['spec', 'podFailurePolicy', 'rules', 0, 'onExitCodes', 'values'])).toEqual([
      300,
    ]);
    const response = answer('validate', body);
    expect(response.allowed).toBe(true);
    expect(response.warnings).toBeUndefined();
    expect(response.auditAnnotations).toEqual({
      decision: 'allowed',
      'ratcheted-rules': 'disruption-ignore-rule,exit-code-out-of-range',
    });
  });

  test('the same object on CREATE is denied: the ratchet is what lets the UPDATE through', () => {
    const body = review('job-update-label');
    body.request.operation = 'CREATE';
    body.request.oldObject = null;
    expect(answer('validate', body).allowed).toBe(false);
  });

  test('a new finding denies; the old ones stay out of the causes', () => {
    const response = answer('validate', review('job-update-deadline-zero'));
    expect(response.allowed).toBe(false);
    expect(causesOf(response).map((c) => [c.field, /\(job-x rule ([a-z-]+)\)$/.exec(c.message)?.[1]])).toEqual([
      ['spec.activeDeadlineSeconds', 'active-deadline-zero'],
    ]);
    expect(response.auditAnnotations).toEqual({
      decision: 'denied',
      'denied-rules': 'active-deadline-zero',
      'ratcheted-rules': 'disruption-ignore-rule,exit-code-out-of-range',
    });
  });

  test('new warn-level findings warn on UPDATE, old ones do not', () => {
    const body = review('job-update-label');
    setPath(body.request.object, ['spec', 'parallelism'], 0);
    expect(answer('validate', body).warnings).toEqual([
      '[parallelism-zero] spec.parallelism: parallelism 0: no pod will start',
    ]);
  });

  test('keyed by rule and path: a finding moved to another list index is new (CronJob templates are mutable)', () => {
    const old = review('cronjob-create-deny').request.object!;
    const body = review('cronjob-create-deny');
    body.request.operation = 'UPDATE';
    body.request.oldObject = old;
    expect(answer('validate', body).allowed).toBe(true);
    setPath(
      body.request.object,
      ['spec', 'jobTemplate', 'spec', 'podFailurePolicy', 'rules'],
      [
        { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] },
        { action: 'FailJob', onExitCodes: { operator: 'In', values: [256] } },
      ],
    );
    const response = answer('validate', body);
    expect(causesOf(response).map((c) => c.field)).toEqual([
      'spec.jobTemplate.spec.podFailurePolicy.rules[1].onExitCodes.values[0]',
    ]);
  });

  test('an UPDATE of an object being deleted is never blocked (finalizers coming off)', () => {
    const body = review('job-update-deadline-zero');
    setPath(body.request.object, ['metadata', 'deletionTimestamp'], '2026-11-23T18:00:00Z');
    expectUntouched(answer('validate', body));
  });

  test('an UPDATE without an old object judges every finding as new', () => {
    const body = review('job-update-label');
    body.request.oldObject = null;
    expect(answer('validate', body).allowed).toBe(false);
  });
});

describe('validate: suppression annotations', () => {
  const suppress = (value: string): Review => {
    const body = review('job-create-deny');
    setPath(body.request.object, ['metadata', 'annotations', 'ignore.job-x.dev/exit-code-out-of-range'], value);
    return body;
  };

  test('with a reason, the suppressed rule no longer denies', () => {
    const response = answer('validate', suppress('exit code 300 is a sentinel written by our wrapper'));
    expect(causesOf(response).map((c) => c.field)).toEqual(['spec.activeDeadlineSeconds']);
    expect(response.warnings).toBeUndefined();
  });

  test('without a reason, it is not honoured and says so', () => {
    const response = answer('validate', suppress('  '));
    expect(causesOf(response).map((c) => c.field)).toEqual([
      'spec.activeDeadlineSeconds',
      'spec.podFailurePolicy.rules[1].onExitCodes.values[1]',
    ]);
    expect(response.warnings).toEqual([
      '[suppression-annotation] metadata.annotations[ignore.job-x.dev/exit-code-out-of-range]: suppression of exit-code-out-of-range has no reason and is not honoured',
    ]);
  });

  test('where the policy disallows suppressions, none is honoured', () => {
    const strict = toAdmissionPolicy(
      resolvePolicy(RULES, { ...defaultPolicyDocument(), suppressions: { allow: false } }),
    );
    const response = answer('validate', suppress('exit code 300 is a sentinel written by our wrapper'), strict);
    expect(causesOf(response).map((c) => c.field)).toEqual([
      'spec.activeDeadlineSeconds',
      'spec.podFailurePolicy.rules[1].onExitCodes.values[1]',
    ]);
    expect(response.warnings).toEqual([
      '[suppression-annotation] metadata.annotations[ignore.job-x.dev/exit-code-out-of-range]: suppression annotations are not allowed by the policy; the finding still applies',
    ]);
  });
});

describe('mutate', () => {
  const expectedTtlWarning =
    '[require-ttl] set spec.ttlSecondsAfterFinished=86400 so the finished Job and its pods are deleted';

  test('a Job without TTL gets exactly one add operation, a warning and an audit annotation', () => {
    const body = review('job-create-mutate');
    const response = answer('mutate', body);
    expect(response.allowed).toBe(true);
    expect(response.patchType).toBe('JSONPatch');
    expect(decodePatch(response.patch!)).toEqual([{ op: 'add', path: '/spec/ttlSecondsAfterFinished', value: 86400 }]);
    expect(response.warnings).toEqual([expectedTtlWarning]);
    expect(response.auditAnnotations).toEqual({ 'defaulted-rules': 'require-ttl' });
  });

  test('applying the patch yields exactly the expected object, which the API server accepts', () => {
    const body = review('job-create-mutate');
    const patched = applyPatchStrictly(body.request.object, decodePatch(answer('mutate', body).patch!)) as Record<
      string,
      unknown
    >;
    const expected = structuredClone(body.request.object);
    setPath(expected, ['spec', 'ttlSecondsAfterFinished'], 86400);
    expect(patched).toEqual(expected);
    // What the API server then does: prepare for create and validate (the lint stage reads the object as written).
    const rejections = evaluate(toJobView(defaultJob(patched)), resolvePolicy(RULES, undefined), 'lint').filter(
      isApiServerRejection,
    );
    expect(rejections).toEqual([]);
  });

  test('idempotent: a second pass over the patched object yields no patch and no warning', () => {
    const body = review('job-create-mutate');
    body.request.object = applyPatchStrictly(body.request.object, decodePatch(answer('mutate', body).patch!)) as Record<
      string,
      unknown
    >;
    expect(answer('mutate', body)).toEqual({ uid: body.request.uid, allowed: true });
  });

  test('dryRun gets the same patch', () => {
    const body = review('job-create-mutate');
    body.request.dryRun = true;
    expect(decodePatch(answer('mutate', body).patch!)).toEqual([
      { op: 'add', path: '/spec/ttlSecondsAfterFinished', value: 86400 },
    ]);
  });

  test('the rule options set the value', () => {
    const policy = policyOf({ rules: { 'require-ttl': { options: { seconds: 3600 } } }, defaults: ['require-ttl'] });
    const response = answer('mutate', review('job-create-mutate'), policy);
    expect(decodePatch(response.patch!)).toEqual([{ op: 'add', path: '/spec/ttlSecondsAfterFinished', value: 3600 }]);
  });

  test('no default where the rule does not apply: a TTL already set, a Job owned by a CronJob, a CronJob', () => {
    expect(answer('mutate', review('job-create-clean'))).toEqual({
      uid: review('job-create-clean').request.uid,
      allowed: true,
    });
    const owned = review('job-create-mutate');
    setPath(
      owned.request.object,
      ['metadata', 'ownerReferences'],
      [
        {
          apiVersion: 'batch/v1',
          kind: 'CronJob',
          name: 'nightly',
          uid: '0c0e1a7e-3b1b-4d4e-9a55-6f1e1d7c0f00',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    );
    expect(answer('mutate', owned).patch).toBeUndefined();
    expect(answer('mutate', review('cronjob-create-deny')).patch).toBeUndefined();
  });

  test('UPDATE is never patched (templates are immutable; a cleared field stays cleared)', () => {
    const body = review('job-update-label');
    setPath(body.request.object, ['spec', 'ttlSecondsAfterFinished'], undefined);
    expectUntouched(answer('mutate', body));
  });

  test('a suppression with a reason keeps the default away', () => {
    const body = review('job-create-mutate');
    setPath(body.request.object, ['metadata', 'annotations'], {
      'ignore.job-x.dev/require-ttl': 'kept for the audit trail; deleted by the nightly cleanup',
    });
    expect(answer('mutate', body)).toEqual({ uid: body.request.uid, allowed: true });
  });

  test('several defaults: an array that grew is diffed item by item, and the patch applies exactly', () => {
    const policy = policyOf({ defaults: ['require-ttl', 'disruption-ignore-rule'] });
    const body = review('job-create-mutate');
    const failJob = { action: 'FailJob', onExitCodes: { containerName: 'main', operator: 'In', values: [42] } };
    const ignoreDisruption = { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] };
    setPath(body.request.object, ['spec', 'podFailurePolicy'], { rules: [failJob] });
    const response = answer('mutate', body, policy);
    const operations = decodePatch(response.patch!);
    // The Ignore rule goes first: rules[0] turns into it member by member, the FailJob rule is
    // appended as rules[1]; podFailurePolicy was there, the TTL is added after it.
    const rules = '/spec/podFailurePolicy/rules';
    expect(operations).toEqual([
      { op: 'remove', path: `${rules}/0/onExitCodes` },
      { op: 'replace', path: `${rules}/0/action`, value: 'Ignore' },
      { op: 'add', path: `${rules}/0/onPodConditions`, value: ignoreDisruption.onPodConditions },
      { op: 'add', path: `${rules}/1`, value: failJob },
      { op: 'add', path: '/spec/ttlSecondsAfterFinished', value: 86400 },
    ]);
    expect(response.warnings).toHaveLength(2);
    expect(response.auditAnnotations).toEqual({ 'defaulted-rules': 'disruption-ignore-rule,require-ttl' });
    const patched = applyPatchStrictly(body.request.object, operations);
    expect(getPath(patched, ['spec', 'podFailurePolicy', 'rules'])).toEqual([ignoreDisruption, failJob]);
    body.request.object = patched as Record<string, unknown>;
    expect(answer('mutate', body, policy).patch).toBeUndefined();
  });

  test('a default that throws is left out with a warning; the others still apply', () => {
    const throwing: Rule = {
      ...RULES.find((r) => r.id === 'disruption-ignore-rule')!,
      id: 'throws-on-default',
      applyDefault: () => {
        throw new Error('boom');
      },
    };
    const policy = policyOf({ defaults: ['throws-on-default', 'require-ttl'] }, [...RULES, throwing]);
    const response = answer('mutate', review('job-create-mutate'), policy);
    expect(decodePatch(response.patch!)).toEqual([{ op: 'add', path: '/spec/ttlSecondsAfterFinished', value: 86400 }]);
    expect(response.warnings).toEqual([
      '[throws-on-default] default not applied: the rule failed on this object (boom); please report this',
      expectedTtlWarning,
    ]);
  });
});

describe('failures inside job-x', () => {
  test('a rule that throws denies with an internal-error cause (fail closed), which a suppression can lift', () => {
    const broken: Rule = {
      ...RULES.find((r) => r.id === 'parallelism-zero')!,
      id: 'broken-rule',
      check: () => {
        throw new Error('kaput');
      },
    };
    const policy = policyOf({}, [...RULES, broken]);
    const response = answer('validate', review('job-create-clean'), policy);
    expect(response.allowed).toBe(false);
    expect(causesOf(response)).toEqual([
      expect.objectContaining({
        field: '',
        message: expect.stringContaining('rule broken-rule failed on this object: kaput'),
      }),
    ]);
    const suppressed = review('job-create-clean');
    setPath(
      suppressed.request.object,
      ['metadata', 'annotations', 'ignore.job-x.dev/internal-error'],
      'broken-rule is tracked in issue 123',
    );
    expect(answer('validate', suppressed, policy).allowed).toBe(true);
  });

  test('an exception in the handler still answers: /validate with a 500 denial, /mutate allowed without a patch', () => {
    const exploding: AdmissionPolicy = {
      ...DEFAULT,
      evaluation: {
        ...DEFAULT.evaluation,
        get rules(): never {
          throw new Error('exploded');
        },
      },
      get defaults(): never {
        throw new Error('exploded');
      },
    };
    const validated = answer('validate', review('job-create-clean'), exploding);
    expect(validated).toEqual({
      uid: validated.uid,
      allowed: false,
      status: expect.objectContaining({ code: 500, reason: 'InternalError' }),
    });
    expect(validated.status?.message).not.toContain('exploded');
    const mutated = answer('mutate', review('job-create-mutate'), exploding);
    expect(mutated.allowed).toBe(true);
    expect(mutated.patch).toBeUndefined();
    expect(mutated.warnings?.[0]).toMatch(
      /^\[job-x\] job-x could not apply its defaults to this object: internal error/,
    );
  });
});

describe('the envelope', () => {
  test.each(['job-create-mutate', 'job-create-deny', 'job-update-deadline-zero', 'cronjob-create-deny'] as const)(
    '%s: the review sent is never changed',
    (name) => {
      const policy = policyOf({
        rules: { 'require-ttl': 'deny' },
        defaults: ['require-ttl', 'disruption-ignore-rule'],
      });
      for (const endpoint of ['validate', 'mutate'] as const) {
        const body = review(name);
        const before = structuredClone(body);
        answer(endpoint, body, policy);
        expect(body).toEqual(before);
      }
    },
  );

  test.each([
    ['not an object', [1, 2]],
    ['another kind', { apiVersion: 'admission.k8s.io/v1', kind: 'Status', request: { uid: 'x' } }],
    ['v1beta1', { apiVersion: 'admission.k8s.io/v1beta1', kind: 'AdmissionReview', request: { uid: 'x' } }],
    ['no request', { apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview' }],
    ['no uid', { apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request: { operation: 'CREATE' } }],
  ])('%s: 400 with a Status naming the problem', (_, body) => {
    const handled = handleAdmission('validate', body, DEFAULT);
    expect(handled.status).toBe(400);
    expect(handled.body).toEqual(
      expect.objectContaining({
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        code: 400,
        reason: 'BadRequest',
        message: expect.stringMatching(/^not an AdmissionReview: /),
      }),
    );
  });

  test('audit annotation keys are valid for the API server (a qualified name once prefixed with the webhook name)', () => {
    const keys = ['job-create-warn', 'job-create-deny', 'job-update-deadline-zero'].flatMap((name) =>
      Object.keys(answer('validate', review(name as 'job-create-warn')).auditAnnotations ?? {}),
    );
    keys.push(...Object.keys(answer('mutate', review('job-create-mutate')).auditAnnotations ?? {}));
    expect(new Set(keys)).toEqual(
      new Set(['decision', 'warned-rules', 'denied-rules', 'ratcheted-rules', 'defaulted-rules']),
    );
    for (const key of keys) expect(key).toMatch(/^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/);
  });

  test('many warnings stay within the API server limits', () => {
    const body = review('job-create-clean');
    const values = Array.from({ length: 300 }, (_, i) => 1000 + i);
    setPath(body.request.object, ['spec', 'podFailurePolicy', 'rules', 1, 'onExitCodes', 'values'], values);
    const response = answer('validate', body, policyOf({ rules: { 'exit-code-out-of-range': 'warn' } }));
    const warnings = response.warnings!;
    expect(warnings.length).toBeLessThan(300);
    expect(warnings.join('').length).toBeLessThanOrEqual(2048 + 200);
    expect(warnings.at(-1)).toMatch(/^\[job-x\] \d+ more warnings not shown; run kubectl job-x lint/);
    expect(Number(/(\d+) more/.exec(warnings.at(-1)!)![1]) + warnings.length - 1).toBe(300);
  });
});
