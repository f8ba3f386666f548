// The verdict line where the decision's pieces meet: each phrase said once, joined with one
// separator, whatever pieces are missing.
import { expect, test } from '@jest/globals';
import { diagnose } from '../../../../../plugin/diagnose/diagnose.ts';
import { loadSnapshot } from '../../../../helpers/snapshot-fixtures.ts';

test('counted failures whose pods are all gone: said once, without a phrase for the pods that are not there', () => {
  const snapshot = { ...loadSnapshot('backoff-limit-exceeded'), pods: [] };
  expect(diagnose(snapshot).verdict).toBe(
    'Failed: backoffLimit 1 exceeded — 2 failures counted; 2 counted failures left no pod',
  );
});

test('some pods gone: how the present ones failed, then how many left no pod', () => {
  const recorded = loadSnapshot('backoff-limit-exceeded');
  const snapshot = { ...recorded, pods: recorded.pods.slice(1) };
  expect(diagnose(snapshot).verdict).toBe(
    'Failed: backoffLimit 1 exceeded — 2 failures counted; the attempt exited 1 (container pi); 1 counted failure left no pod',
  );
});
