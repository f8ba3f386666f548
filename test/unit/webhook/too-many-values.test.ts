import { describe, expect, test } from '@jest/globals';
import { toAdmissionPolicy } from '../../../policy/index.ts';
import { handleAdmission, type AdmissionEndpoint } from '../../../webhook/admission/handle.ts';
import type { AdmissionResponse } from '../../../webhook/admission/review.ts';
import { loadDefaultPolicy } from '../../../policy/index.ts';
import { review, type FixtureName, type Review } from './fixtures.ts';

/**
 * A review whose object holds more JSON values than job-x decodes reaches the handler as its
 * envelope (object and oldObject null) with the count: it is answered without being judged.
 */
const POLICY = toAdmissionPolicy(loadDefaultPolicy());
const TOO_MANY = { which: 'object', values: 1_000_000, limit: 50_000 } as const;

function envelope(name: FixtureName): Review {
  const body = review(name);
  body.request.object = null;
  body.request.oldObject = null;
  return body;
}

function answer(endpoint: AdmissionEndpoint, name: FixtureName, edit?: (body: Review) => void) {
  const body = envelope(name);
  edit?.(body);
  const handled = handleAdmission(endpoint, body, POLICY, TOO_MANY);
  expect(handled.status).toBe(200);
  if (handled.status !== 200) throw new Error('unreachable');
  expect(handled.body.response.uid).toBe(body.request.uid);
  return { response: handled.body.response as AdmissionResponse, outcome: handled.decision.outcome };
}

const DETAIL = 'request.object holds 1000000 JSON values, more than the 50000 job-x decodes';

describe('an object too large to decode', () => {
  test('/validate denies a CREATE, saying why', () => {
    const { response, outcome } = answer('validate', 'job-create-clean');
    expect(outcome).toBe('too_large');
    expect(response).toEqual({
      uid: response.uid,
      allowed: false,
      status: expect.objectContaining({ code: 413, reason: 'RequestEntityTooLarge' }),
    });
    expect(response.status!.message).toBe(
      `job-x cannot judge this Job: ${DETAIL} (a large real Job holds a few thousand)`,
    );
  });

  test('/validate lets an UPDATE through with a warning: the object exists, its finalizers must be able to come off', () => {
    const { response, outcome } = answer('validate', 'job-update-label');
    expect(outcome).toBe('too_large');
    expect(response.allowed).toBe(true);
    expect(response.warnings).toEqual([expect.stringContaining(`[job-x] not judged: ${DETAIL}`)]);
  });

  test('/mutate allows a CREATE unchanged with a warning, and skips an UPDATE as usual', () => {
    const created = answer('mutate', 'job-create-mutate');
    expect(created.outcome).toBe('too_large');
    expect(created.response).toEqual({
      uid: created.response.uid,
      allowed: true,
      warnings: [expect.stringContaining(`[job-x] no defaults applied: ${DETAIL}`)],
    });
    expect(answer('mutate', 'job-update-label')).toEqual({
      response: { uid: expect.any(String), allowed: true },
      outcome: 'skipped',
    });
  });

  test.each(['validate', 'mutate'] as const)(
    '%s: what is not job-x to judge is skipped as usual (DELETE, other kinds, exempt namespaces)',
    (endpoint) => {
      const cases: [FixtureName, ((body: Review) => void)?][] = [
        ['job-delete'],
        ['pod-create'],
        ['job-create-clean', (body) => (body.request.namespace = 'kube-system')],
        ['job-create-clean', (body) => (body.request.subResource = 'status')],
      ];
      for (const [name, edit] of cases) {
        expect(answer(endpoint, name, edit)).toEqual({
          response: { uid: expect.any(String), allowed: true },
          outcome: 'skipped',
        });
      }
    },
  );
});
