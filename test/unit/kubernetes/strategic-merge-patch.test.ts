import { describe, expect, test } from '@jest/globals';
import { applyStrategicMergePatch } from '../../../kubernetes/strategic-merge-patch.ts';

describe('applyStrategicMergePatch (kubectl patch --type=strategic, as diagnose uses it)', () => {
  const job = {
    spec: {
      backoffLimit: 6,
      managedBy: 'example.com/other',
      podFailurePolicy: { rules: [{ action: 'Ignore' }, { action: 'Count' }] },
      template: {
        spec: {
          containers: [
            { name: 'a', image: 'a:1', resources: { requests: { memory: '1Gi' } } },
            { name: 'b', image: 'b:1' },
          ],
        },
      },
    },
  };

  test('objects merge, null deletes, lists are replaced, containers merge by name', () => {
    const patched = applyStrategicMergePatch(job, {
      spec: {
        managedBy: null,
        podFailurePolicy: { rules: [{ action: 'FailJob' }] },
        template: { spec: { containers: [{ name: 'b', resources: { limits: { memory: '2Gi' } } }, { name: 'c' }] } },
      },
    });
    expect(patched).toEqual({
      spec: {
        backoffLimit: 6,
        podFailurePolicy: { rules: [{ action: 'FailJob' }] },
        template: {
          spec: {
            containers: [
              { name: 'a', image: 'a:1', resources: { requests: { memory: '1Gi' } } },
              { name: 'b', image: 'b:1', resources: { limits: { memory: '2Gi' } } },
              { name: 'c' },
            ],
          },
        },
      },
    });
    // Neither input changes.
    expect(job.spec.managedBy).toBe('example.com/other');
    expect(job.spec.template.spec.containers[1]).toEqual({ name: 'b', image: 'b:1' });
  });

  test('a __proto__ key in the data is an ordinary key, never a prototype', () => {
    const target = JSON.parse('{"metadata":{"labels":{"__proto__":{"polluted":true}}}}');
    const patched = applyStrategicMergePatch(target, JSON.parse('{"metadata":{"labels":{"__proto__":{"x":1}}}}'));
    const labels = (patched as { metadata: { labels: Record<string, unknown> } }).metadata.labels;
    expect(Object.keys(labels)).toEqual(['__proto__']);
    expect(Object.hasOwn(labels, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((labels as Record<string, unknown>).x).toBeUndefined();
  });
});
