import { describe, expect, test } from '@jest/globals';
import { crashLoopRestartDelaySeconds, crashLoopSchedule } from '../../../kubernetes/index.ts';

// kuberuntime_manager.go doBackOff over flowcontrol.Backoff (Kubernetes 1.36). TestDoBackOff
// "not in backoff": an exited container with no back-off entry yet is restarted at once, and
// Backoff.Next records 10 s for the next time; each Next doubles it, up to MaxContainerBackOff.
describe('the kubelet crash-loop back-off', () => {
  test('the first restart is immediate, then 10 s doubling', () => {
    expect([1, 2, 3, 4, 5, 6].map(crashLoopRestartDelaySeconds)).toEqual([0, 10, 20, 40, 80, 160]);
  });
  test('capped at 300 s (MaxContainerBackOff) from the 7th restart on', () => {
    expect([7, 8, 100].map(crashLoopRestartDelaySeconds)).toEqual([300, 300, 300]);
  });
  test('one wait per restart', () => {
    expect(crashLoopSchedule(3)).toEqual([0, 10, 20]);
    expect(crashLoopSchedule(0)).toEqual([]);
    expect(crashLoopSchedule(2147483647, 8)).toEqual([0, 10, 20, 40, 80, 160, 300, 300]);
  });
});
