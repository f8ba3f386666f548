import { expect, test } from '@jest/globals';
import { evaluate, isJobKind, toJobView } from '../../../policy/index.ts';
import { isObject, type JsonObject } from '../../../kubernetes/index.ts';
import { loadDefaultPolicy, toAdmissionPolicy, toEngineObject } from '../../../policy/index.ts';
import { FIXTURE_NAMES, review } from './fixtures.ts';

/**
 * The webhook reads the objects of a review as already defaulted (toJobView(..., admitted)): the
 * API server defaults before admission. On every review recorded from the testbed's API server,
 * defaulting them again changes neither the object the rules read (but for a uid placeholder) nor a
 * single finding.
 */
test.each(FIXTURE_NAMES)('%s: an admitted object is its own defaulted form', (name) => {
  const { request } = review(name);
  const policy = toAdmissionPolicy(loadDefaultPolicy()).evaluation;
  for (const object of [request.object, request.oldObject]) {
    if (!isObject(object) || !isJobKind(object)) continue;
    const kind = object.kind === 'CronJob' ? 'CronJob' : 'Job';
    const engineObject = toEngineObject(object as JsonObject, kind);
    const again = toJobView(engineObject);
    const admitted = toJobView(engineObject, true);
    // Defaulting again reads the object as a stored one (it has a uid) and puts the placeholder of a
    // new uid in: the only difference, and no rule reads metadata.uid.
    const withoutUid = (o: JsonObject) => ({ ...o, metadata: { ...(o.metadata as JsonObject), uid: undefined } });
    // At the mutating webhook a Job has no generated name, selector and selector labels yet (the
    // API server adds them after mutating admission, job-create-mutate was recorded there); the
    // defaults read none of them.
    if (name !== 'job-create-mutate') expect(withoutUid(admitted.object)).toEqual(withoutUid(again.object));
    expect(evaluate(admitted, policy, 'admission')).toEqual(evaluate(again, policy, 'admission'));
  }
});
