import { describe, expect, test } from '@jest/globals';
import { pastActiveDeadline } from '../../../../kubernetes/index.ts';

const START = Date.parse('2026-05-01T10:00:00Z');

// pastActiveDeadline (job_controller.go, Kubernetes 1.36), as TestPastDeadlineJobFinished drives
// it: the Job fails once activeDeadlineSeconds have passed since status.startTime.
describe('pastActiveDeadline', () => {
  test('reached at activeDeadlineSeconds after startTime, not a moment before', () => {
    expect(pastActiveDeadline(10, START, false, START + 9_999)).toBe(false);
    expect(pastActiveDeadline(10, START, false, START + 10_000)).toBe(true);
  });
  test('never without a deadline, without a startTime, or while suspended', () => {
    expect(pastActiveDeadline(null, START, false, START + 1e9)).toBe(false);
    expect(pastActiveDeadline(10, null, false, START + 1e9)).toBe(false);
    expect(pastActiveDeadline(10, START, true, START + 1e9)).toBe(false);
  });
});
