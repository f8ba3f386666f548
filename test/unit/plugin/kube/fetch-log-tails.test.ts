// Which failed container runs `diagnose --logs N` reads the logs of, and in which order.
import { describe, expect, test } from '@jest/globals';
import { recentFailedContainers } from '../../../../plugin/kube/fetch-log-tails.ts';
import type { RawPod } from '../../../../kubernetes/objects.ts';
import { loadSnapshot } from '../../../helpers/snapshot-fixtures.ts';

const terminated = (exitCode: number, finishedAt: string, reason?: string) => ({
  terminated: { exitCode, finishedAt, ...(reason ? { reason } : {}) },
});

function pod(name: string, statuses: object[]): RawPod {
  return { metadata: { name }, status: { containerStatuses: statuses } } as RawPod;
}

describe('recentFailedContainers', () => {
  test('every failed attempt of a recording, most recent first, at most N', () => {
    const { pods } = loadSnapshot('failed-indexes');
    const all = recentFailedContainers(pods, 10);
    // Two pods of index 1 failed (exit 1); the pods of indexes 0 and 2 succeeded.
    expect(all.map((f) => f.pod)).toEqual(['pi-1-m7fmz', 'pi-1-7l2xd']);
    expect(recentFailedContainers(pods, 1).map((f) => f.pod)).toEqual(['pi-1-m7fmz']);
    expect(recentFailedContainers(pods, 0)).toEqual([]);
  });

  test('a restarted container that failed again: its latest run, then the run before', () => {
    const pods = [
      pod('a', [
        {
          name: 'main',
          state: terminated(2, '2026-01-01T00:00:20Z'),
          lastState: terminated(1, '2026-01-01T00:00:10Z'),
        },
      ]),
      pod('b', [{ name: 'main', state: terminated(137, '2026-01-01T00:00:15Z', 'OOMKilled') }]),
    ];
    expect(recentFailedContainers(pods, 5)).toEqual([
      { pod: 'a', container: 'main', previous: false, finishedAt: '2026-01-01T00:00:20Z' },
      { pod: 'b', container: 'main', previous: false, finishedAt: '2026-01-01T00:00:15Z' },
      { pod: 'a', container: 'main', previous: true, finishedAt: '2026-01-01T00:00:10Z' },
    ]);
  });

  test('a container that recovered (its latest run succeeded) is no failed attempt; a running one keeps its last failure', () => {
    const pods = [
      pod('recovered', [
        {
          name: 'main',
          state: terminated(0, '2026-01-01T00:00:20Z'),
          lastState: terminated(1, '2026-01-01T00:00:10Z'),
        },
      ]),
      pod('running', [{ name: 'main', state: { running: {} }, lastState: terminated(3, '2026-01-01T00:00:05Z') }]),
    ];
    expect(recentFailedContainers(pods, 5)).toEqual([
      { pod: 'running', container: 'main', previous: true, finishedAt: '2026-01-01T00:00:05Z' },
    ]);
  });
});
