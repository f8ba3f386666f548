import { describe, expect, test } from '@jest/globals';
import {
  fieldsAtVersion,
  GATED_FIELDS,
  KUBE_MINORS,
  NOT_SERVED,
  presentPaths,
  toKubeMinor,
} from '../../../kubernetes/index.ts';
import {
  evaluate,
  FIELD_IGNORED,
  FIELD_NOT_SERVED,
  fieldKeptAt,
  judgeAtVersion,
  resolvePolicy,
  ruleAppliesAt,
  RULES,
  toJobView,
  withKubeVersion,
} from '../../../policy/index.ts';

const job = (pod: Record<string, unknown>, container: Record<string, unknown> = {}) => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'v' },
  spec: {
    ttlSecondsAfterFinished: 60,
    activeDeadlineSeconds: 60,
    template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox', ...container }], ...pod } },
  },
});
const cronJob = (jobObject: ReturnType<typeof job>) => ({
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'v' },
  spec: { schedule: '* * * * *', jobTemplate: { spec: jobObject.spec } },
});

const base = resolvePolicy(RULES, undefined);
const ids = (object: unknown, minor?: (typeof KUBE_MINORS)[number]) =>
  evaluate(toJobView(object as Record<string, unknown>), minor ? withKubeVersion(base, minor) : base, 'lint').map(
    (f) => `${f.ruleId} ${f.path}`,
  );

describe('the generated version tables', () => {
  test('cover 1.33 to 1.36, the newest with nothing unserved', () => {
    expect(KUBE_MINORS).toEqual(['1.33', '1.34', '1.35', '1.36']);
    expect(NOT_SERVED['1.36']).toBeUndefined();
  });

  test('hostnameOverride: not served by 1.33, gated off in 1.34, on in 1.35 (HostnameOverride)', () => {
    expect(NOT_SERVED['1.33']!.Job).toContainEqual(['spec.template.spec.hostnameOverride', '1.34']);
    expect(GATED_FIELDS.find((g) => g.gate === 'HostnameOverride')?.defaults).toEqual({
      '1.33': null,
      '1.34': false,
      '1.35': true,
      '1.36': true,
    });
  });

  test('every gated field cites the upstream function that drops it', () => {
    for (const { droppedBy } of GATED_FIELDS)
      expect(droppedBy).toMatch(/^drop\w+(, drop\w+)* \(pkg\/api\/pod\/util\.go\)$/);
  });
});

describe('toKubeMinor', () => {
  test.each([
    ['1.33', '1.33'],
    ['v1.34', '1.34'],
    ['1.35.4', '1.35'],
    ['1.32', undefined],
    ['1.37', undefined],
    ['2.0', undefined],
  ])('%s → %s', (text, minor) => expect(toKubeMinor(text)).toBe(minor));
});

describe('presentPaths', () => {
  test('expands list items and skips what is absent or null', () => {
    const object = { a: { b: [{ c: 1 }, { d: 2 }, { c: null }] } };
    expect(presentPaths(object, 'a.b[*].c')).toEqual(['a.b[0].c']);
    expect(presentPaths(object, 'a.x')).toEqual([]);
  });

  test('reads own properties only (a hostile key is data)', () => {
    expect(presentPaths({}, 'constructor')).toEqual([]);
    expect(presentPaths({ a: 'string' }, 'a.length')).toEqual([]);
  });
});

describe('fieldsAtVersion', () => {
  test('a Job: unserved with the version that serves it, ignored with its gate', () => {
    const object = job(
      { hostnameOverride: 'h', resources: { limits: { cpu: '1' } } },
      { lifecycle: { stopSignal: 'SIGUSR1' } },
    );
    const at133 = fieldsAtVersion(object, 'Job', '1.33');
    expect(at133.unserved).toEqual([{ path: 'spec.template.spec.hostnameOverride', since: '1.34' }]);
    expect(at133.ignored.map((f) => [f.path, f.gate])).toEqual([
      ['spec.template.spec.resources', 'PodLevelResources'],
      ['spec.template.spec.containers[0].lifecycle.stopSignal', 'ContainerStopSignals'],
    ]);
    expect(fieldsAtVersion(object, 'Job', '1.35')).toEqual({
      unserved: [],
      ignored: [expect.objectContaining({ gate: 'ContainerStopSignals' })],
    });
  });

  test('a CronJob: the same fields under spec.jobTemplate.spec', () => {
    const object = cronJob(job({ hostnameOverride: 'h', resources: { limits: { cpu: '1' } } }));
    const at133 = fieldsAtVersion(object, 'CronJob', '1.33');
    expect(at133.unserved.map((f) => f.path)).toEqual(['spec.jobTemplate.spec.template.spec.hostnameOverride']);
    expect(at133.ignored.map((f) => f.path)).toEqual(['spec.jobTemplate.spec.template.spec.resources']);
  });
});

describe('lint at a target version', () => {
  test('without a target version nothing changes', () => {
    expect(ids(job({ hostnameOverride: 'h' }))).toEqual([]);
  });

  test('not served: an apiserver error, as the 1.33 server refuses it (strict decoding)', () => {
    const findings = evaluate(toJobView(job({ hostnameOverride: 'h' })), withKubeVersion(base, '1.33'), 'lint');
    expect(findings).toEqual([
      expect.objectContaining({
        ruleId: FIELD_NOT_SERVED,
        severity: 'error',
        origin: 'apiserver',
        path: 'spec.template.spec.hostnameOverride',
        message: expect.stringContaining('strict decoding error: unknown field "spec.template.spec.hostnameOverride"'),
      }),
    ]);
  });

  test('ignored: a warning naming the version and the gate', () => {
    const findings = evaluate(toJobView(job({ hostnameOverride: 'h' })), withKubeVersion(base, '1.34'), 'lint');
    expect(findings).toEqual([
      expect.objectContaining({
        ruleId: FIELD_IGNORED,
        severity: 'warning',
        message: expect.stringMatching(/^ignored by 1\.34: .*feature gate HostnameOverride is off by default in 1\.34/),
      }),
    ]);
    expect(ids(job({ hostnameOverride: 'h' }), '1.35')).toEqual([]);
  });

  test('findings of other rules under a dropped field go: the server never validates it', () => {
    const object = job({ resources: { limits: { cpu: 'lots' } } });
    const view = toJobView(object);
    const other = (path: string) =>
      ({ ruleId: 'pod-template', severity: 'error', origin: 'apiserver', path, message: 'invalid' }) as const;
    const judged = judgeAtVersion(
      view,
      [other('spec.template.spec.resources.limits[cpu]'), other('spec.template.spec.containers[0].image')],
      '1.33',
    );
    expect(judged.map((f) => `${f.ruleId} ${f.path}`)).toEqual([
      'pod-template spec.template.spec.containers[0].image',
      `${FIELD_IGNORED} spec.template.spec.resources`,
    ]);
    expect(judgeAtVersion(view, [other('spec.template.spec.resources.limits[cpu]')], '1.34')).toHaveLength(1);
  });
});

describe('rules that need a field', () => {
  test('fieldKeptAt follows the tables', () => {
    expect(fieldKeptAt('spec.template.spec.hostnameOverride', '1.33')).toBe(false);
    expect(fieldKeptAt('spec.template.spec.hostnameOverride', '1.34')).toBe(false);
    expect(fieldKeptAt('spec.template.spec.hostnameOverride', '1.35')).toBe(true);
    expect(fieldKeptAt('spec.template.spec.resources.limits', '1.33')).toBe(false);
    expect(fieldKeptAt('spec.podReplacementPolicy', '1.33')).toBe(true);
  });

  test('a rule is skipped where a field it needs is not kept', () => {
    expect(ruleAppliesAt({ needs: ['spec.template.spec.hostnameOverride'] }, '1.34')).toBe(false);
    expect(ruleAppliesAt({ needs: ['spec.template.spec.hostnameOverride'] }, '1.35')).toBe(true);
    expect(ruleAppliesAt({}, '1.33')).toBe(true);
    // Every Job field the rules need (managedBy, podReplacementPolicy, successPolicy,
    // backoffLimitPerIndex) is GA or on by default from 1.33: none of today's rules is skipped.
    expect(RULES.filter((rule) => rule.needs).map((rule) => rule.id)).toHaveLength(4);
    expect(withKubeVersion(base, '1.33').rules).toEqual(base.rules);
    const withNeed = {
      ...base,
      rules: [{ ...base.rules[0]!, rule: { ...base.rules[0]!.rule, needs: ['spec.template.spec.hostnameOverride'] } }],
    };
    expect(withKubeVersion(withNeed, '1.34').rules).toEqual([]);
    expect(withKubeVersion(withNeed, '1.35').rules).toHaveLength(1);
  });
});
