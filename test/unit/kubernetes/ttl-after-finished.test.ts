import { describe, expect, test } from '@jest/globals';
import { finishAndExpireTime, type RawCondition } from '../../../kubernetes/index.ts';

const NOW = Date.parse('2026-05-01T10:00:00Z');
const at = (offsetSeconds: number) => new Date(NOW + offsetSeconds * 1000).toISOString();
const condition = (type: string, offsetSeconds: number): RawCondition => ({
  type,
  status: 'True',
  lastTransitionTime: at(offsetSeconds),
});

// TestTimeLeft (ttlafterfinished_controller_test.go, Kubernetes 1.36): the rows with a TTL; the
// "no TTL" rows are the caller's (no ttlSecondsAfterFinished, nothing to compute).
describe('finishAndExpireTime (TestTimeLeft)', () => {
  test.each<[string, RawCondition[], number, number | undefined]>([
    ['Error case: Job unfinished', [], 100, undefined],
    ['Job completed now, 0s TTL', [condition('Complete', 0)], 0, 0],
    ['Job completed now, 10s TTL', [condition('Complete', 0)], 10, 10],
    ['Job completed 10s ago, 15s TTL', [condition('Complete', -10)], 15, 5],
    ['Job failed now, 0s TTL', [condition('Failed', 0)], 0, 0],
    ['Job failed now, 10s TTL', [condition('Failed', 0)], 10, 10],
    ['Job failed 10s ago, 15s TTL', [condition('Failed', -10)], 15, 5],
  ])('%s', (_name, conditions, ttl, timeLeft) => {
    const expiry = finishAndExpireTime(conditions, ttl);
    expect(expiry === undefined ? undefined : (expiry.expireAt - NOW) / 1000).toBe(timeLeft);
  });

  test('only a True Complete or Failed condition with a time finishes the Job', () => {
    expect(finishAndExpireTime([{ type: 'Complete', status: 'False', lastTransitionTime: at(0) }], 1)).toBeUndefined();
    expect(finishAndExpireTime([{ type: 'Failed', status: 'True' }], 1)).toBeUndefined();
    expect(finishAndExpireTime([condition('SuccessCriteriaMet', 0)], 1)).toBeUndefined();
  });
});
