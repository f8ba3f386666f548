import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { toAdmissionPolicy } from '../../../policy/index.ts';
import { handleAdmission, type AdmissionEndpoint } from '../../../webhook/admission/handle.ts';
import { loadDefaultPolicy } from '../../../policy/index.ts';
import { hostileValue, PROTOTYPE_NAMES, toStringCarrying } from '../../helpers/hostile-values.ts';
import { review, setPath } from './fixtures.ts';

/**
 * Arbitrary bodies never make the handler throw: each gets a 400 Status (not an AdmissionReview)
 * or a well-formed AdmissionReview echoing the uid, and job-x never fails internally on them.
 */
const POLICY = toAdmissionPolicy(loadDefaultPolicy());
// JOBX_FUZZ_RUNS (and JOBX_FUZZ_SEED) for a long run by hand, as for the lint fuzz test.
const RUNS = {
  seed: Number(process.env.JOBX_FUZZ_SEED ?? 4242),
  numRuns: Number(process.env.JOBX_FUZZ_RUNS ?? 300),
};
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
  // job-x never fails on what it is sent: no 500 denial (which no suppression could lift).
  expect((handled.body.response.status as { code?: number } | undefined)?.code).not.toBe(500);
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

/** Where hostile values go: names, labels, containers, resources, maps, and every path above. */
const NAMED_PATHS: (string | number)[][] = [
  ['metadata', 'name'],
  ['metadata', 'generateName'],
  ['metadata', 'namespace'],
  ['metadata', 'labels'],
  ['metadata', 'labels', 'app'],
  ['spec', 'template', 'metadata', 'labels'],
  ['spec', 'template', 'metadata', 'labels', 'controller-uid'],
  ['spec', 'selector', 'matchLabels'],
  ['spec', 'template', 'spec', 'containers', 0],
  ['spec', 'template', 'spec', 'containers', 0, 'name'],
  ['spec', 'template', 'spec', 'containers', 0, 'image'],
  ['spec', 'template', 'spec', 'containers', 0, 'resources', 'limits'],
  ['spec', 'template', 'spec', 'containers', 0, 'resources', 'requests', 'memory'],
  ['spec', 'template', 'spec', 'nodeSelector'],
  ['spec', 'podFailurePolicy', 'rules', 0, 'action'],
  ['spec', 'successPolicy', 'rules', 0, 'succeededIndexes'],
  ['spec', 'jobTemplate', 'spec', 'template', 'spec', 'containers', 0, 'name'],
  ['spec', 'timeZone'],
];
const HOSTILE_PATHS = [...NAMED_PATHS, ...NAMED_PATHS, ...PATHS];

/** Sets an own property, `__proto__` included (setPath's assignment would set the prototype). */
function setOwn(root: unknown, path: readonly (string | number)[], key: string, value: unknown): void {
  setPath(root, path, undefined);
  let node = root as Record<string | number, unknown>;
  for (const segment of path) {
    if (typeof node[segment] !== 'object' || node[segment] === null) node[segment] = {};
    node = node[segment] as Record<string | number, unknown>;
  }
  Object.defineProperty(node, key, { value, enumerable: true, writable: true, configurable: true });
}

type HostileEdit =
  | { readonly kind: 'set'; readonly path: (string | number)[]; readonly value: unknown }
  | { readonly kind: 'add-key'; readonly path: (string | number)[]; readonly key: string; readonly value: unknown };

const hostileEdit: fc.Arbitrary<HostileEdit> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), path: fc.constantFrom(...HOSTILE_PATHS), value: toStringCarrying }),
  fc.record({ kind: fc.constant('set' as const), path: fc.constantFrom(...HOSTILE_PATHS), value: hostileValue }),
  fc.record({
    kind: fc.constant('add-key' as const),
    path: fc.constantFrom(...HOSTILE_PATHS.filter((p) => typeof p[p.length - 1] !== 'number')),
    key: fc.constantFrom(...PROTOTYPE_NAMES),
    value: hostileValue,
  }),
);

/**
 * A recorded review whose object (and old object) carry prototype-named keys and toString-carrying
 * values, built as the webhook reads a body: from JSON text (JSON.parse makes `__proto__` an own
 * key). Every such object is one JSON can carry, so an API server could decode its bytes.
 */
const hostileReview = fc
  .tuple(
    fc.constantFrom(
      'job-create-deny',
      'job-create-mutate',
      'job-create-clean',
      'cronjob-create-deny',
      'job-update-label' as const,
    ),
    fc.array(hostileEdit, { minLength: 1, maxLength: 4 }),
    fc.boolean(),
  )
  .map(([name, edits, alsoOld]) => {
    const body = review(name);
    for (const target of alsoOld && body.request.oldObject
      ? [body.request.object, body.request.oldObject]
      : [body.request.object])
      for (const edit of edits) {
        // A copy: generated constants are shared between runs, and an edit may nest a value in itself.
        const value = structuredClone(edit.value);
        if (edit.kind === 'set') setPath(target, edit.path, value);
        else setOwn(target, edit.path, edit.key, value);
      }
    return JSON.parse(JSON.stringify(body)) as unknown;
  });

describe('fuzz: prototype-named keys and toString-carrying values', () => {
  test.each(['validate', 'mutate'] as const)('%s: judged, never a 500 or a fail-open', (endpoint) => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(hostileReview, (body) => {
        seen.add(checkAnswer(endpoint, body));
      }),
      RUNS,
    );
    // The judging code is reached (a 400 "malformed" is only for what nests past the limit).
    expect([...seen]).toEqual(
      expect.arrayContaining(endpoint === 'validate' ? ['allowed', 'denied'] : ['allowed', 'patched']),
    );
  });

  // metadata.managedFields and status are never decoded nor read by a rule, and are refused all the same.
  test.each([
    [['spec', 'template', 'spec', 'affinity']],
    [['metadata', 'managedFields']],
    [['metadata', 'labels']],
    [['status']],
  ])('an object nested past the limit at %j is malformed (400), the same way every time', (path) => {
    const body = review('job-create-clean');
    let deep: unknown = 1;
    for (let i = 0; i < 20_000; i++) deep = { a: deep };
    setPath(body.request.object, path, deep);
    for (const endpoint of ['validate', 'mutate'] as const) {
      const handled = handleAdmission(endpoint, body, POLICY);
      expect(handled.status).toBe(200);
      if (handled.status !== 200) continue;
      expect(handled.decision.outcome).toBe('malformed');
      expect(handled.body.response).toMatchObject({
        allowed: false,
        status: { code: 400, message: 'request.object nests deeper than 256 levels' },
      });
    }
  });

  test('an old object nested past the limit is malformed (400), though the ratchet may not need it', () => {
    const body = review('job-update-label');
    let deep: unknown = 1;
    for (let i = 0; i < 20_000; i++) deep = [deep];
    setPath(body.request.oldObject, ['metadata', 'managedFields'], deep);
    const handled = handleAdmission('validate', body, POLICY);
    expect(handled.status === 200 && handled.body.response).toMatchObject({
      allowed: false,
      status: { code: 400, message: 'request.oldObject nests deeper than 256 levels' },
    });
  });

  test('exactly at the limit is judged', () => {
    const body = review('job-create-clean');
    // The object is level 1, its metadata 2, the outermost of 254 arrays in managedFields 3, the innermost 256.
    let deep: unknown = 1;
    for (let i = 0; i < 254; i++) deep = [deep];
    setPath(body.request.object, ['metadata', 'managedFields'], deep);
    const handled = handleAdmission('validate', body, POLICY);
    expect(handled.status === 200 && handled.decision.outcome).toBe('allowed');
    deep = [deep];
    setPath(body.request.object, ['metadata', 'managedFields'], deep);
    const refused = handleAdmission('validate', body, POLICY);
    expect(refused.status === 200 && refused.decision.outcome).toBe('malformed');
  });
});
