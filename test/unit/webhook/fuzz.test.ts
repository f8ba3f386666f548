import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { toAdmissionPolicy } from '../../../webhook/admission/admission-policy.ts';
import { handleAdmission, type AdmissionEndpoint } from '../../../webhook/admission/handle.ts';
import { loadDefaultPolicy } from '../../../webhook/default-policy.ts';
import { review, setPath } from './fixtures.ts';

/**
 * Arbitrary bodies never make the handler throw: each gets a 400 Status (not an AdmissionReview)
 * or a well-formed AdmissionReview echoing the uid, and job-x never fails internally on them.
 */
const POLICY = toAdmissionPolicy(loadDefaultPolicy());
const RUNS = { seed: 4242, numRuns: 300 };
const QUALIFIED_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

/** Checks one answer; returns the outcome (or the HTTP status) so a test can see what it reached. */
function checkAnswer(endpoint: AdmissionEndpoint, body: unknown): string {
  const handled = handleAdmission(endpoint, body, POLICY);
  // What goes on the wire must survive JSON.
  const wire = JSON.parse(JSON.stringify(handled.body)) as Record<string, unknown>;
  if (handled.status === 400) {
    expect(wire).toEqual(expect.objectContaining({ kind: 'Status', status: 'Failure', code: 400 }));
    return '400';
  }
  expect(handled.status).toBe(200);
  const { decision } = handled;
  expect(decision.outcome).not.toBe('error');
  expect(decision.denied).not.toContain('internal-error');
  const uid = (body as { request: { uid: string } }).request.uid;
  expect(wire.apiVersion).toBe('admission.k8s.io/v1');
  expect(wire.kind).toBe('AdmissionReview');
  const response = wire.response as Record<string, unknown>;
  expect(response.uid).toBe(uid);
  expect(typeof response.allowed).toBe('boolean');
  if (response.allowed === false) {
    const result = response.status as { code: number; message: string; status: string };
    expect(result.status).toBe('Failure');
    expect(result.code).toBeGreaterThanOrEqual(400);
    expect(typeof result.message).toBe('string');
  }
  if (endpoint === 'validate') expect(response.patch ?? response.patchType).toBeUndefined();
  if (response.patch !== undefined) {
    expect(response.patchType).toBe('JSONPatch');
    expect(Array.isArray(JSON.parse(Buffer.from(response.patch as string, 'base64').toString()))).toBe(true);
  } else {
    expect(response.patchType).toBeUndefined();
  }
  for (const warning of (response.warnings as string[] | undefined) ?? []) {
    expect(Array.from(warning).length).toBeLessThanOrEqual(256);
    // eslint-disable-next-line no-control-regex -- asserting there are none
    expect(warning).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  }
  for (const key of Object.keys((response.auditAnnotations as object | undefined) ?? {}))
    expect(key).toMatch(QUALIFIED_NAME);
  return decision.outcome;
}

const PATHS: (string | number)[][] = [
  ['metadata'],
  ['metadata', 'annotations'],
  ['metadata', 'annotations', 'ignore.job-x.dev/exit-code-out-of-range'],
  ['metadata', 'ownerReferences'],
  ['metadata', 'deletionTimestamp'],
  ['spec'],
  ['spec', 'parallelism'],
  ['spec', 'completions'],
  ['spec', 'completionMode'],
  ['spec', 'backoffLimit'],
  ['spec', 'backoffLimitPerIndex'],
  ['spec', 'activeDeadlineSeconds'],
  ['spec', 'ttlSecondsAfterFinished'],
  ['spec', 'manualSelector'],
  ['spec', 'selector'],
  ['spec', 'podFailurePolicy'],
  ['spec', 'podFailurePolicy', 'rules'],
  ['spec', 'podFailurePolicy', 'rules', 1, 'onExitCodes', 'values'],
  ['spec', 'successPolicy'],
  ['spec', 'successPolicy', 'rules'],
  ['spec', 'template'],
  ['spec', 'template', 'spec', 'restartPolicy'],
  ['spec', 'template', 'spec', 'containers'],
  ['spec', 'template', 'spec', 'os'],
  ['spec', 'jobTemplate'],
  ['spec', 'jobTemplate', 'spec', 'podFailurePolicy', 'rules'],
  ['spec', 'schedule'],
  ['kind'],
  ['apiVersion'],
];

/** A recorded Job or CronJob with some fields set to arbitrary JSON (or an arbitrary value). */
const jobLike: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .tuple(
        fc.constantFrom('job-create-deny', 'job-create-mutate', 'cronjob-create-deny', 'job-update-label' as const),
        fc.array(fc.tuple(fc.constantFrom(...PATHS), fc.jsonValue({ maxDepth: 3 })), { maxLength: 4 }),
      )
      .map(([name, edits]) => {
        const object = review(name).request.object;
        for (const [path, value] of edits) setPath(object, path, value);
        return object;
      }),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 1, arbitrary: fc.constant(null) },
);

const gvk = fc.oneof(
  fc.constant({ group: 'batch', version: 'v1', kind: 'Job' }),
  fc.constant({ group: 'batch', version: 'v1', kind: 'CronJob' }),
  fc.record({ group: fc.string(), version: fc.string(), kind: fc.string() }),
  fc.jsonValue(),
);

const admissionReview = fc.record(
  {
    apiVersion: fc.constant('admission.k8s.io/v1'),
    kind: fc.constant('AdmissionReview'),
    request: fc.record(
      {
        uid: fc.string({ minLength: 1, maxLength: 40 }),
        kind: gvk,
        subResource: fc.oneof(fc.constant(''), fc.constant('status'), fc.jsonValue()),
        name: fc.oneof(fc.string(), fc.jsonValue()),
        namespace: fc.oneof(fc.constantFrom('whk-fixtures', 'kube-system', ''), fc.jsonValue()),
        operation: fc.oneof(fc.constantFrom('CREATE', 'UPDATE', 'DELETE', 'CONNECT'), fc.jsonValue()),
        object: jobLike,
        oldObject: jobLike,
        dryRun: fc.oneof(fc.boolean(), fc.jsonValue()),
      },
      { requiredKeys: ['uid'] },
    ),
  },
  { requiredKeys: ['apiVersion', 'kind', 'request'] },
);

describe('fuzz: the admission handler', () => {
  test.each(['validate', 'mutate'] as const)('%s: arbitrary JSON values', (endpoint) => {
    fc.assert(
      fc.property(fc.jsonValue(), (body) => {
        checkAnswer(endpoint, body);
      }),
      RUNS,
    );
  });

  test.each(['validate', 'mutate'] as const)(
    '%s: AdmissionReview-shaped bodies with arbitrary requests and objects',
    (endpoint) => {
      const seen = new Set<string>();
      fc.assert(
        fc.property(admissionReview, (body) => {
          seen.add(checkAnswer(endpoint, body));
        }),
        RUNS,
      );
      // The generator reaches the judging code, not only the early exits.
      expect([...seen].sort()).toEqual(
        endpoint === 'validate'
          ? ['allowed', 'denied', 'malformed', 'skipped']
          : ['allowed', 'malformed', 'patched', 'skipped'],
      );
    },
  );

  test.each(['validate', 'mutate'] as const)('%s: reviews whose envelope is damaged', (endpoint) => {
    const damaged = fc
      .tuple(admissionReview, fc.constantFrom('apiVersion', 'kind', 'request'), fc.jsonValue())
      .map(([body, key, value]) => ({ ...body, [key]: value }));
    fc.assert(
      fc.property(damaged, (body) => {
        checkAnswer(endpoint, body);
      }),
      RUNS,
    );
  });
});
