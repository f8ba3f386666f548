import { describe, expect, test } from '@jest/globals';
import { closestNames, editDistance } from '../../../../plugin/kube/closest-names.ts';

describe('editDistance', () => {
  test.each([
    ['', '', 0],
    ['pi', 'pi', 0],
    ['pi', 'pix', 1],
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
    ['nightly', 'nigthly', 2],
  ])('%j → %j is %d', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});

describe('closestNames', () => {
  const jobs = ['pi', 'pi-2', 'nightly-backup', 'nightly-report', 'render-frames', 'etl'];

  test('typos within a third of the length, closest first', () => {
    expect(closestNames('nightly-bakup', jobs)).toEqual(['nightly-backup']);
    expect(closestNames('render-frame', jobs)).toEqual(['render-frames']);
    expect(closestNames('pu', jobs)).toEqual(['pi']);
  });

  test("names that contain what was typed (a prefix of a CronJob's Job, say)", () => {
    expect(closestNames('nightly', jobs)).toEqual(['nightly-backup', 'nightly-report']);
  });

  test('nothing alike, nothing suggested; the exact name is never suggested; at most max', () => {
    expect(closestNames('database-migration', jobs)).toEqual([]);
    expect(closestNames('pi', ['pi'])).toEqual([]);
    expect(closestNames('job', ['job-1', 'job-2', 'job-3', 'job-4'], 2)).toEqual(['job-1', 'job-2']);
  });
});
