import { describe, expect, test } from '@jest/globals';
import { isDecodedPrototype, isObject, type JsonObject } from '../../../kubernetes/index.ts';
import {
  admissionFindings,
  evaluate,
  type Finding,
  isJobKind,
  loadDefaultPolicy,
  toAdmissionObject,
  toAdmissionPolicy,
  toEngineObject,
  toJobView,
} from '../../../policy/index.ts';
import { FIXTURE_NAMES, review } from './fixtures.ts';

const POLICY = toAdmissionPolicy(loadDefaultPolicy());

/** Every object in a value, arrays walked through. */
function objectsIn(value: unknown, out: object[] = []): object[] {
  if (Array.isArray(value)) for (const item of value) objectsIn(item, out);
  else if (isObject(value)) {
    out.push(value);
    for (const key of Object.keys(value)) objectsIn(value[key], out);
  }
  return out;
}

/**
 * The webhook copies a review's object once (toAdmissionObject) instead of changing every object's
 * prototype in place and copying again (toEngineObject): the same object for the rules, on every
 * recorded review, with nothing inherited anywhere.
 */
describe.each(FIXTURE_NAMES)('%s', (name) => {
  test('toAdmissionObject is toEngineObject, with every object inheriting nothing', () => {
    const { request } = review(name);
    for (const object of [request.object, request.oldObject]) {
      if (!isObject(object) || !isJobKind(object)) continue;
      const kind = object.kind === 'CronJob' ? 'CronJob' : 'Job';
      const before = JSON.stringify(object);
      const copy = toAdmissionObject(object as JsonObject, kind);
      expect(JSON.stringify(copy)).toBe(JSON.stringify(toEngineObject(object as JsonObject, kind)));
      expect(copy).not.toHaveProperty('status');
      expect(copy.metadata).not.toHaveProperty('managedFields');
      for (const part of objectsIn(copy)) expect(isDecodedPrototype(Object.getPrototypeOf(part))).toBe(true);
      // The request's own object is left as it was.
      expect(JSON.stringify(object)).toBe(before);
    }
  });
});

test('apiVersion and kind are the ones the request names, as toEngineObject sets them', () => {
  const copy = toAdmissionObject(JSON.parse('{"kind":"Pod","spec":{}}') as JsonObject, 'CronJob');
  expect(copy).toEqual({ kind: 'CronJob', spec: {}, apiVersion: 'batch/v1' });
});

describe('the ratchet reads the old object only when the new one has a finding to ratchet', () => {
  const objectOf = (fixture: 'job-create-clean' | 'job-create-deny'): JsonObject =>
    toAdmissionObject(review(fixture).request.object!, 'Job');

  test('no deny- or warn-level finding: the old object is never asked for', () => {
    let asked = 0;
    const judged = admissionFindings(objectOf('job-create-clean'), POLICY, () => {
      asked++;
      return objectOf('job-create-deny');
    });
    expect(judged.deny).toEqual([]);
    expect(asked).toBe(0);
  });

  test('a finding: the old object is asked for once and ratchets what it had already', () => {
    let asked = 0;
    const judged = admissionFindings(objectOf('job-create-deny'), POLICY, () => {
      asked++;
      return objectOf('job-create-deny');
    });
    expect(asked).toBe(1);
    expect(judged.deny).toEqual([]);
    expect(judged.ratcheted.length).toBeGreaterThan(0);
    expect(admissionFindings(objectOf('job-create-deny'), POLICY).deny.length).toBeGreaterThan(0);
  });
});

/**
 * The ratchet judges the old object with the rules of the new object's findings only
 * (policy/admission-findings.ts): on every pair of recorded Jobs, each also with a wrong type and
 * an unknown field, the same answer as judging the old object with every rule.
 */
describe('the ratchet with only the rules it needs answers as with every rule', () => {
  const jobs: [string, JsonObject][] = [];
  for (const name of FIXTURE_NAMES) {
    const { request } = review(name);
    for (const [side, object] of [
      ['object', request.object],
      ['oldObject', request.oldObject],
    ] as const)
      if (isObject(object) && object.kind === 'Job') jobs.push([`${name}.${side}`, object as JsonObject]);
  }
  const variants = (object: JsonObject): [string, JsonObject][] => {
    const wrongType = JSON.parse(JSON.stringify(object)) as { spec: Record<string, unknown> };
    wrongType.spec.parallelism = 'two';
    const unknownField = JSON.parse(JSON.stringify(object)) as { spec: Record<string, unknown> };
    unknownField.spec.parallelizm = 2;
    return [
      ['as recorded', object],
      ['wrong type', wrongType as unknown as JsonObject],
      ['unknown field', unknownField as unknown as JsonObject],
    ];
  };
  const withEveryRule = (object: JsonObject, old: JsonObject) => {
    const judged = admissionFindings(object, POLICY);
    const before = new Set(
      evaluate(toJobView(old, true), POLICY.evaluation, 'admission').map((f) => `${f.ruleId}\u0000${f.path}`),
    );
    const isNew = (f: Finding): boolean => !before.has(`${f.ruleId}\u0000${f.path}`);
    return {
      deny: [...judged.deny, ...judged.wouldDeny, ...judged.audited].filter(isNew),
      warn: judged.warn.filter(isNew),
      ratcheted: [...judged.deny, ...judged.wouldDeny, ...judged.audited, ...judged.warn].filter((f) => !isNew(f)),
    };
  };
  test.each(jobs)('new object %s', (_name, raw) => {
    let compared = 0;
    for (const [, newRaw] of variants(raw)) {
      const object = toAdmissionObject(newRaw, 'Job');
      for (const [, oldRaw] of jobs.flatMap(([, o]) => variants(o))) {
        const old = toAdmissionObject(oldRaw, 'Job');
        const judged = admissionFindings(object, POLICY, old);
        const expected = withEveryRule(object, old);
        expect([...judged.deny, ...judged.wouldDeny, ...judged.audited]).toEqual(expected.deny);
        expect(judged.warn).toEqual(expected.warn);
        expect(judged.ratcheted.map((f) => f.ruleId).sort()).toEqual(expected.ratcheted.map((f) => f.ruleId).sort());
        compared++;
      }
    }
    expect(compared).toBe(3 * 3 * jobs.length);
  });
});
