import { describe, expect, test } from '@jest/globals';
import { labelSelectorOf, mostRecentFailedContainer } from '../../../../plugin/kube/fetch-snapshot.ts';
import type { RawJob } from '../../../../kubernetes/objects.ts';
import { loadSnapshot } from '../../../helpers/snapshot-fixtures.ts';

describe('mostRecentFailedContainer (whose log tail diagnose shows)', () => {
  test('the failed pod that finished last', () => {
    const { pods } = loadSnapshot('backoff-limit-exceeded');
    const failed = mostRecentFailedContainer(pods);
    const finished = pods.map((p) => ({
      pod: p.metadata.name,
      at: p.status?.containerStatuses?.[0]?.state?.terminated?.finishedAt ?? '',
    }));
    const last = finished.sort((a, b) => b.at.localeCompare(a.at))[0]!;
    expect(failed).toEqual({ pod: last.pod, container: 'pi', previous: false, finishedAt: last.at });
  });

  test('a container restarted in place: its previous run (logs with previous=true)', () => {
    const failed = mostRecentFailedContainer(loadSnapshot('onfailure-restarted').pods);
    expect(failed).toMatchObject({ container: 'pi', previous: true });
  });

  test('OOMKilled counts as failed; no failure, no container', () => {
    expect(mostRecentFailedContainer(loadSnapshot('oom-failjob').pods)).toMatchObject({
      container: 'pi',
      previous: false,
    });
    expect(mostRecentFailedContainer(loadSnapshot('complete').pods)).toBeNull();
    expect(mostRecentFailedContainer(loadSnapshot('unschedulable').pods)).toBeNull();
  });
});

describe('labelSelectorOf', () => {
  test("the Job's own selector (the controller-uid label the API server sets)", () => {
    const job = loadSnapshot('complete').job;
    expect(labelSelectorOf(job)).toBe(`batch.kubernetes.io/controller-uid=${job.metadata.uid}`);
  });

  test('a manual selector with expressions', () => {
    const job: RawJob = {
      metadata: { uid: 'u' },
      spec: {
        selector: {
          matchLabels: { app: 'x' },
          matchExpressions: [
            { key: 'tier', operator: 'In', values: ['a', 'b'] },
            { key: 'skip', operator: 'DoesNotExist' },
            { key: 'has', operator: 'Exists' },
            { key: 'env', operator: 'NotIn', values: ['dev'] },
          ],
        },
      },
    };
    expect(labelSelectorOf(job)).toBe('app=x,tier in (a,b),!skip,has,env notin (dev)');
  });

  test('no selector: the controller-uid label', () => {
    expect(labelSelectorOf({ metadata: { uid: 'abc' } })).toBe('batch.kubernetes.io/controller-uid=abc');
  });
});
