import { describe, expect, test } from '@jest/globals';
import { toRawEvent, toRawJob, toRawObject, toRawPod } from '../../../kubernetes/index.ts';
import { objectOf } from '../../helpers/hostile-values.ts';

describe('decoded objects read into the Raw* shapes the live views trust', () => {
  test('a field of the wrong type reads as absent; the right ones are kept', () => {
    const job = toRawJob({
      metadata: { name: 'pi', namespace: ['ns'], uid: 7, creationTimestamp: 'yesterday' },
      spec: { completions: '3', parallelism: 2, backoffLimit: -1, suspend: 'true', completionMode: 'Indexed' },
      status: {
        failed: '2',
        succeeded: 1.5,
        active: 2 ** 31,
        ready: 1,
        conditions: 'Failed',
        startTime: '2026-01-02T03:04:05Z',
      },
    })!;
    expect(job.metadata).toMatchObject({
      name: 'pi',
      namespace: undefined,
      uid: undefined,
      creationTimestamp: undefined,
    });
    expect(job.spec).toMatchObject({
      completions: undefined,
      parallelism: 2,
      backoffLimit: undefined,
      suspend: undefined,
    });
    expect(job.spec?.completionMode).toBe('Indexed');
    expect(job.status).toMatchObject({ failed: undefined, succeeded: undefined, active: undefined, ready: 1 });
    expect(job.status?.conditions).toBeUndefined();
    expect(job.status?.startTime).toBe('2026-01-02T03:04:05Z');
  });

  test('metadata is always there; an object that is not one is no object at all', () => {
    expect(toRawJob({ metadata: 'pi' })?.metadata).toEqual({});
    expect(toRawPod({})?.metadata).toEqual({});
    for (const value of [null, 'job', 3, [], [{}]]) {
      expect(toRawJob(value)).toBeUndefined();
      expect(toRawEvent(value)).toBeUndefined();
    }
  });

  test('lists keep their items of the right shape; a container status must name its container', () => {
    const pod = toRawPod({
      metadata: { ownerReferences: [{ uid: 'u', controller: true }, 'owner', { uid: 3, controller: 'yes' }] },
      status: {
        conditions: [null, { type: 'Ready', status: 'True' }, [], { type: 1 }],
        containerStatuses: [
          { name: 'main', restartCount: -1, state: { terminated: { exitCode: '1', reason: 'Error' } } },
          { restartCount: 2 },
          'main',
        ],
      },
    })!;
    expect(pod.metadata.ownerReferences).toEqual([
      { uid: 'u', controller: true },
      { uid: undefined, controller: undefined },
    ]);
    expect(pod.status?.conditions).toEqual([{ type: 'Ready', status: 'True' }, { type: undefined }]);
    expect(pod.status?.containerStatuses).toEqual([
      { name: 'main', restartCount: undefined, state: { terminated: { exitCode: undefined, reason: 'Error' } } },
    ]);
  });

  test("a policy's rules keep their positions (they are named by index); wrong values inside read as absent", () => {
    const job = toRawJob({
      metadata: {},
      spec: {
        podFailurePolicy: {
          rules: ['FailJob', { action: 'Ignore', onExitCodes: { operator: 'In', values: [1, '2', 3.5, 4] } }],
        },
        successPolicy: { rules: [{ succeededCount: -1, succeededIndexes: 5 }, null] },
      },
    })!;
    expect(job.spec?.podFailurePolicy).toEqual({
      rules: [{}, { action: 'Ignore', onExitCodes: { operator: 'In', values: [1, 4] } }],
    });
    expect(job.spec?.successPolicy).toEqual({
      rules: [{ succeededCount: undefined, succeededIndexes: undefined }, {}],
    });
  });

  test('labels and annotations keep string values only, in maps that inherit nothing', () => {
    const job = toRawJob({
      metadata: {
        labels: objectOf([
          ['__proto__', 'x'],
          ['app', 'pi'],
          ['n', 1],
        ]),
      },
    })!;
    const labels = job.metadata.labels!;
    expect(Object.keys(labels)).toEqual(['__proto__', 'app']);
    expect(labels.__proto__).toBe('x');
    // A lookup of a key nobody wrote finds nothing, not Object.prototype's member.
    expect(labels.constructor).toBeUndefined();
    expect(labels.toString).toBeUndefined();
  });

  test('prototype-named keys and toString-carrying values are only data', () => {
    const event = toRawEvent(
      objectOf([
        ['metadata', objectOf([['toString', { toString: 1 }]])],
        ['reason', objectOf([['toString', 'BackOff']])],
        ['message', 'ok'],
        ['constructor', 'x'],
      ]),
    )!;
    expect(event.reason).toBeUndefined();
    expect(event.message).toBe('ok');
    expect(event.metadata.labels).toBeUndefined();
    // A Job (which the policy engine and explain walk by every key) inherits nothing, however deep.
    const job = toRawJob({ metadata: {}, spec: { template: { spec: { containers: [{ name: 'c' }] } } } })!;
    const container = (job.spec as { template: { spec: { containers: Record<string, unknown>[] } } }).template.spec
      .containers[0]!;
    for (const object of [job, job.metadata, container]) {
      expect(Object.getPrototypeOf(object)).not.toBe(Object.prototype);
      expect((object as Record<string, unknown>).hasOwnProperty).toBeUndefined();
    }
  });

  test('times must be RFC 3339 (null kept for the Event times the API leaves null)', () => {
    const event = toRawEvent({
      metadata: { creationTimestamp: '2026-13-45T99:99:99Z' },
      firstTimestamp: null,
      lastTimestamp: 'Tue, 1 Dec 2026 10:00:00 GMT',
      eventTime: '2026-12-01T10:00:00.123456Z',
      series: { count: '3', lastObservedTime: '2026-12-01T10:00:00Z' },
    })!;
    expect(event.metadata.creationTimestamp).toBeUndefined();
    expect(event.firstTimestamp).toBeNull();
    expect(event.lastTimestamp).toBeUndefined();
    expect(event.eventTime).toBe('2026-12-01T10:00:00.123456Z');
    expect(event.series).toEqual({ count: undefined, lastObservedTime: '2026-12-01T10:00:00Z' });
  });

  test('any object: apiVersion, kind and metadata read, the rest kept as sent', () => {
    const cronJob = toRawObject({ apiVersion: 1, kind: 'CronJob', metadata: [], spec: 'x', extra: { a: 1 } })!;
    expect(cronJob).toMatchObject({
      apiVersion: undefined,
      kind: 'CronJob',
      metadata: {},
      spec: undefined,
      extra: { a: 1 },
    });
  });
});
