import { describe, expect, test } from '@jest/globals';
import { toAdmissionPolicy } from '../../../policy/index.ts';
import { handleAdmission, type AdmissionEndpoint } from '../../../webhook/admission/handle.ts';
import { loadDefaultPolicy } from '../../../policy/index.ts';
import { reviewText, type FixtureName, type Review } from './fixtures.ts';

/**
 * An object whose metadata.name is a mapping with a `toString` key (or an array holding one) used
 * to make job-x throw: /validate then denied with a 500, which no suppression annotation lifts,
 * and /mutate let the object through with a warning. The API server never sends such an object
 * (it cannot decode it), but a webhook must judge what it is sent without failing.
 *
 * Bodies are built as the server reads them, from JSON text (JSON.parse makes `__proto__` an own key).
 */
const POLICY = toAdmissionPolicy(loadDefaultPolicy());
const MARK = 'job-x-test-name-goes-here';

function withName(fixture: FixtureName, nameJson: string, annotations: Record<string, string> = {}): Review {
  const body = JSON.parse(reviewText(fixture)) as Review;
  const metadata = body.request.object!.metadata as Record<string, unknown>;
  metadata.annotations = { ...(metadata.annotations as object), ...annotations };
  metadata.name = MARK;
  const text = JSON.stringify(body).replace(JSON.stringify(MARK), nameJson);
  expect(text).toContain(`"name":${nameJson}`);
  return JSON.parse(text) as Review;
}

function decide(endpoint: AdmissionEndpoint, body: Review) {
  const handled = handleAdmission(endpoint, body, POLICY);
  expect(handled.status).toBe(200);
  if (handled.status !== 200) throw new Error('unreachable');
  return { decision: handled.decision, response: handled.body.response };
}

const HOSTILE_NAMES = [
  '{"toString":"x"}',
  '[{"toString":1}]',
  '{"toString":1,"valueOf":2,"constructor":3}',
  '{"__proto__":{"toString":1}}',
];

describe.each(HOSTILE_NAMES)('metadata.name %s', (nameJson) => {
  test.each(['job-create-clean', 'job-create-deny', 'cronjob-create-deny', 'job-update-label'] as const)(
    '%s: /validate judges it (no 500), /mutate applies its defaults (no fail-open warning)',
    (fixture) => {
      const validated = decide('validate', withName(fixture, nameJson));
      expect(validated.decision.outcome).not.toBe('error');
      expect(validated.response.status?.code).not.toBe(500);
      const mutated = decide('mutate', withName(fixture, nameJson));
      expect(mutated.decision.outcome).not.toBe('error');
      expect(mutated.response.warnings ?? []).not.toContainEqual(expect.stringContaining('internal error'));
    },
  );

  test('the suppression annotation lifts a denial as it does for any Job', () => {
    const denied = decide('validate', withName('job-create-deny', nameJson));
    expect(denied.response.allowed).toBe(false);
    expect(denied.decision.denied.length).toBeGreaterThan(0);
    const suppressions = Object.fromEntries(
      denied.decision.denied.map((id) => [`ignore.job-x.dev/${id}`, 'accepted by the team']),
    );
    const lifted = decide('validate', withName('job-create-deny', nameJson, suppressions));
    expect(lifted.response.allowed).toBe(true);
  });
});
