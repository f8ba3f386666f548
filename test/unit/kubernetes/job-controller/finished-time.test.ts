import { describe, expect, test } from '@jest/globals';
import { finishedTimeOf, type RawPod } from '../../../../kubernetes/index.ts';

const T = Date.parse('2009-11-10T23:00:00Z');
const at = (offsetSeconds: number) => new Date(T + offsetSeconds * 1000).toISOString();
const finishedAt = (offsetSeconds: number) => ({ state: { terminated: { finishedAt: at(offsetSeconds) } } });

// TestGetFinishedTime (backoff_utils_test.go, 1.36), row by row.
describe('finishedTimeOf (TestGetFinishedTime)', () => {
  test.each<[string, RawPod, number]>([
    [
      'Pod with multiple containers and all containers terminated',
      {
        metadata: {},
        status: {
          containerStatuses: [
            { name: 'a', ...finishedAt(-1) },
            { name: 'b', ...finishedAt(0) },
            { name: 'c', ...finishedAt(-2) },
          ],
        },
      },
      T,
    ],
    [
      'Pod with multiple containers; two containers in terminated state and one in running state; fallback to deletionTimestamp',
      {
        metadata: { deletionTimestamp: at(0) },
        status: {
          containerStatuses: [
            { name: 'a', ...finishedAt(-1) },
            { name: 'b', state: { running: {} } },
            { name: 'c', ...finishedAt(-2) },
          ],
        },
      },
      T,
    ],
    [
      'fallback to deletionTimestamp',
      {
        metadata: { deletionTimestamp: at(0) },
        status: { containerStatuses: [{ name: 'a', state: { running: {} } }] },
      },
      T,
    ],
    [
      'fallback to deletionTimestamp, decremented by grace period',
      {
        metadata: { deletionTimestamp: at(0), deletionGracePeriodSeconds: 30 },
        status: { containerStatuses: [{ name: 'a', state: { running: {} } }] },
      },
      T - 30_000,
    ],
    [
      'fallback to PodReady.LastTransitionTime when status of the condition is False',
      {
        metadata: {},
        status: {
          containerStatuses: [{ name: 'a', state: { terminated: {} } }],
          conditions: [{ type: 'Ready', status: 'False', reason: 'PodFailed', lastTransitionTime: at(0) }],
        },
      },
      T,
    ],
    [
      'skip fallback to PodReady.LastTransitionTime when status of the condition is True',
      {
        metadata: { deletionTimestamp: at(0) },
        status: {
          containerStatuses: [{ name: 'a', state: { terminated: {} } }],
          conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: at(-30) }],
        },
      },
      T,
    ],
    [
      'fallback to creationTimestamp',
      {
        metadata: { creationTimestamp: at(0) },
        status: { containerStatuses: [{ name: 'a', state: { terminated: {} } }] },
      },
      T,
    ],
    [
      'Pod with sidecar container and all containers terminated',
      {
        metadata: {},
        spec: { initContainers: [{ name: 'sidecar', restartPolicy: 'Always' }] },
        status: {
          containerStatuses: [{ name: 'a', ...finishedAt(-1) }],
          initContainerStatuses: [{ name: 'sidecar', ...finishedAt(0) }],
        },
      },
      T,
    ],
  ])('%s', (_name, pod, want) => {
    expect(finishedTimeOf(pod)).toBe(want);
  });

  test('an init container that is not a sidecar does not count', () => {
    const pod: RawPod = {
      metadata: {},
      spec: { initContainers: [{ name: 'setup' }] },
      status: {
        containerStatuses: [{ name: 'a', ...finishedAt(-1) }],
        initContainerStatuses: [{ name: 'setup', ...finishedAt(0) }],
      },
    };
    expect(finishedTimeOf(pod)).toBe(T - 1000);
  });
});
