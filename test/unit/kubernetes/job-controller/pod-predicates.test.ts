import { describe, expect, test } from '@jest/globals';
import {
  hasJobTrackingFinalizer,
  isPodActive,
  isPodFailed,
  isPodTerminating,
  onlyReplaceFailedPods,
} from '../../../../kubernetes/index.ts';
import { buildPod } from './build-pod.ts';

// controller.IsPodActive / IsPodTerminating (controller_utils.go) and isPodFailed /
// onlyReplaceFailedPods (job_controller.go), Kubernetes 1.36.
describe('pod predicates', () => {
  const phases = ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'];

  test('active: not finished and not being deleted; terminating: not finished and being deleted', () => {
    expect(phases.map((p) => isPodActive(buildPod().phase(p).pod))).toEqual([true, true, false, false, true]);
    expect(phases.map((p) => isPodTerminating(buildPod().phase(p).pod))).toEqual([false, false, false, false, false]);
    const deleted = phases.map((p) => buildPod().phase(p).deletionTimestamp().pod);
    expect(deleted.map(isPodActive)).toEqual([false, false, false, false, false]);
    expect(deleted.map(isPodTerminating)).toEqual([true, true, false, false, true]);
  });

  test('onlyReplaceFailedPods: podReplacementPolicy Failed, or any pod failure policy', () => {
    expect(onlyReplaceFailedPods({ spec: { podReplacementPolicy: 'Failed' } })).toBe(true);
    expect(onlyReplaceFailedPods({ spec: { podFailurePolicy: { rules: [] } } })).toBe(true);
    expect(onlyReplaceFailedPods({ spec: { podReplacementPolicy: 'TerminatingOrFailed' } })).toBe(false);
    expect(onlyReplaceFailedPods({})).toBe(false);
  });

  test('failed: phase Failed, or deleted before it succeeded unless only failed pods are replaced', () => {
    const replacing = { spec: { podReplacementPolicy: 'TerminatingOrFailed' } };
    const waiting = { spec: { podReplacementPolicy: 'Failed' } };
    expect(isPodFailed(buildPod().phase('Failed').pod, waiting)).toBe(true);
    expect(isPodFailed(buildPod().phase('Running').deletionTimestamp().pod, replacing)).toBe(true);
    expect(isPodFailed(buildPod().phase('Running').deletionTimestamp().pod, waiting)).toBe(false);
    expect(isPodFailed(buildPod().phase('Succeeded').deletionTimestamp().pod, replacing)).toBe(false);
    expect(isPodFailed(buildPod().phase('Running').pod, replacing)).toBe(false);
  });

  test('the tracking finalizer', () => {
    expect(hasJobTrackingFinalizer(buildPod().trackingFinalizer().pod)).toBe(true);
    expect(hasJobTrackingFinalizer(buildPod().pod)).toBe(false);
  });
});
