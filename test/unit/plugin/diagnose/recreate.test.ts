// The re-create manifest (`recreate` of diagnose -o json, `--recreate-manifest`) on every recorded
// scenario and on variations of the recorded Indexed Jobs: what the API server set is gone, the
// manifest is one the API server accepts (job-x's port of its validation; the e2e test creates
// them on the real one), each applied fix is in it, and failed indexes are re-run one Job per
// index exactly when the pod template allows it.
import { describe, expect, test } from '@jest/globals';
import { diagnose } from '../../../../plugin/diagnose/diagnose.ts';
import type { JobSnapshot } from '../../../../plugin/job-snapshot.ts';
import { evaluate, resolvePolicy, RULES, toJobView } from '../../../../policy/index.ts';
import type { DiagnoseOutput } from '../../../../schemas/generated/diagnose-output.ts';
import { loadSnapshot, snapshotScenarios } from '../../../helpers/snapshot-fixtures.ts';

// Decoded JSON, read and edited freely here.
type Loose = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const POLICY = resolvePolicy(RULES, undefined);
const GENERATED_LABELS = [
  'controller-uid',
  'batch.kubernetes.io/controller-uid',
  'job-name',
  'batch.kubernetes.io/job-name',
];
const SERVER_METADATA = [
  'uid',
  'resourceVersion',
  'creationTimestamp',
  'managedFields',
  'generation',
  'ownerReferences',
];

const jobsOf = (manifest: Loose): Loose[] => (manifest.kind === 'List' ? manifest.items : [manifest]);

/** The API server's refusals of a manifest, as job-x's rules port them. */
const refusals = (job: Loose): string[] =>
  evaluate(toJobView(job), POLICY, 'admission')
    .filter((f) => f.origin === 'apiserver' && f.severity === 'error')
    .map((f) => `${f.path}: ${f.message}`);

/** Whether every value the patch sets is in the object (containers matched by name). */
function holds(object: unknown, patch: unknown): boolean {
  if (patch === null) return object === undefined;
  if (Array.isArray(patch)) {
    if (!Array.isArray(object)) return false;
    // Containers merge by name; every other list is replaced whole.
    if (patch.every((item) => typeof item?.name === 'string'))
      return patch.every((item) =>
        holds(
          object.find((o) => o?.name === item.name),
          item,
        ),
      );
    return JSON.stringify(object) === JSON.stringify(patch);
  }
  if (typeof patch === 'object') {
    if (typeof object !== 'object' || object === null) return false;
    return Object.entries(patch).every(([key, value]) => holds((object as Loose)[key], value));
  }
  return object === patch;
}

const recreateOf = (snapshot: JobSnapshot): NonNullable<DiagnoseOutput['recreate']> => {
  const plan = diagnose(snapshot).recreate;
  if (!plan) throw new Error('no recreate');
  return plan;
};

describe('on every recording', () => {
  test.each(snapshotScenarios())('%s', (scenario) => {
    const snapshot = loadSnapshot(scenario);
    const output = diagnose(snapshot);
    const failed = output.state === 'Failed' || output.state === 'Failing';
    const immutableFix = output.suggestions.some((s) => s.patch && s.mutable === false);
    if (!failed && !immutableFix) {
      expect(output.recreate).toBeNull();
      return;
    }
    const plan = output.recreate!;
    const name = snapshot.job.metadata.name!;
    expect(plan.command).toBe(
      `kubectl job-x diagnose ${name} -n ${snapshot.job.metadata.namespace} --recreate-manifest | kubectl create -f -`,
    );
    for (const job of jobsOf(plan.manifest)) {
      expect(job).toMatchObject({ apiVersion: 'batch/v1', kind: 'Job' });
      expect(Object.keys(job).sort()).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
      expect(job.metadata.name).toBeUndefined();
      expect(job.metadata.generateName).toMatch(new RegExp(`^${name}-(rerun|index-\\d+)-$`));
      expect(job.metadata.labels['job-x.dev/rerun-of']).toBe(name);
      for (const key of SERVER_METADATA) expect(job.metadata[key]).toBeUndefined();
      expect(job.spec.selector).toBeUndefined();
      for (const label of GENERATED_LABELS) {
        expect(job.metadata.labels[label]).toBeUndefined();
        expect(job.spec.template.metadata?.labels?.[label]).toBeUndefined();
      }
      expect(refusals(job)).toEqual([]);
      // Every fix named is applied (a per-index Job has no maxFailedIndexes to raise).
      for (const code of plan.fixes) {
        const suggestion = output.suggestions.find((s) => s.code === code)!;
        expect(holds(job, suggestion.patch)).toBe(true);
      }
    }
    const notPatched = output.suggestions.filter((s) => s.patch && !plan.fixes.includes(s.code));
    if (plan.scope === 'job') expect(notPatched).toEqual([]);
    // The snapshot itself is left as it was.
    expect(loadSnapshot(scenario).job).toEqual(snapshot.job);
  });
});

describe('failed indexes of a Job with backoffLimitPerIndex', () => {
  test('failed-indexes: only index 1, as a Job of one completion whose containers set JOB_COMPLETION_INDEX=1', () => {
    const plan = recreateOf(loadSnapshot('failed-indexes'));
    expect(plan).toMatchObject({ scope: 'indexes', indexes: '1', fixes: ['fail-index-on-exit'] });
    const job = plan.manifest as Loose;
    expect(job.kind).toBe('Job');
    expect(job.metadata).toMatchObject({
      generateName: 'pi-index-1-',
      labels: { 'job-x.dev/completion-index': '1', 'job-x.dev/rerun-of': 'pi' },
    });
    expect(job.spec).toMatchObject({
      completions: 1,
      parallelism: 1,
      completionMode: 'Indexed',
      backoffLimitPerIndex: 1,
    });
    expect(job.spec.template.spec.containers[0].env).toEqual([{ name: 'JOB_COMPLETION_INDEX', value: '1' }]);
    expect(plan.notes.map((n) => n.code)).toEqual(['index-from-env-only']);
  });

  test('max-failed-indexes-exceeded: indexes 1 and 3, two Jobs in a List, without maxFailedIndexes', () => {
    const plan = recreateOf(loadSnapshot('max-failed-indexes-exceeded'));
    expect(plan).toMatchObject({ scope: 'indexes', indexes: '1,3' });
    const list = plan.manifest as Loose;
    expect(list).toMatchObject({ apiVersion: 'v1', kind: 'List' });
    expect(list.items.map((job: Loose) => job.spec.template.spec.containers[0].env)).toEqual([
      [{ name: 'JOB_COMPLETION_INDEX', value: '1' }],
      [{ name: 'JOB_COMPLETION_INDEX', value: '3' }],
    ]);
    for (const job of list.items) expect(job.spec.maxFailedIndexes).toBeUndefined();
    expect(plan.notes.map((n) => n.code)).toEqual(['index-from-env-only', 'dropped-for-one-index']);
    expect(plan.fixes).not.toContain('raise-max-failed-indexes');
  });

  test('indexes the failure stopped before they completed are re-run too', () => {
    const snapshot = loadSnapshot('failed-indexes');
    const job = snapshot.job as Loose;
    job.spec.completions = 5;
    // Index 1 failed; 3 and 4 never completed (the Job failed first).
    const plan = recreateOf(snapshot);
    expect(plan.indexes).toBe('1,3,4');
    expect(jobsOf(plan.manifest)).toHaveLength(3);
  });

  /** The failed-indexes recording, its pod template changed by `edit`. */
  function withTemplate(edit: (podSpec: Loose) => void): JobSnapshot {
    const snapshot = loadSnapshot('failed-indexes');
    edit((snapshot.job as Loose).spec.template.spec);
    return snapshot;
  }

  test.each([
    [
      'an env var from the completion-index annotation',
      (p: Loose) => {
        p.containers[0].env = [
          {
            name: 'SHARD',
            valueFrom: { fieldRef: { fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" } },
          },
        ];
      },
      'reads-index-downward-api',
    ],
    [
      'a downward API volume of the labels',
      (p: Loose) => {
        p.volumes = [
          { name: 'info', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } },
        ];
      },
      'reads-index-downward-api',
    ],
    [
      'a projected volume of the completion-index label',
      (p: Loose) => {
        p.volumes = [
          {
            name: 'info',
            projected: {
              sources: [
                {
                  downwardAPI: {
                    items: [
                      {
                        path: 'i',
                        fieldRef: { fieldPath: "metadata.labels['batch.kubernetes.io/job-completion-index']" },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ];
      },
      'reads-index-downward-api',
    ],
    ['a subdomain for peer addressing', (p: Loose) => void (p.subdomain = 'workers'), 'uses-subdomain'],
  ])('%s: the whole Job, and why', (_, edit, code) => {
    const plan = recreateOf(withTemplate(edit));
    expect(plan.scope).toBe('job');
    expect(plan.indexes).toBeNull();
    expect(plan.notes[0]!.code).toBe(code);
    const job = plan.manifest as Loose;
    expect(job.spec.completions).toBe(3);
    expect(job.metadata.generateName).toBe('pi-rerun-');
    expect(refusals(job)).toEqual([]);
  });

  test('a running Job (an immutable fix, not a failure): the whole Job, its other indexes are still running', () => {
    const snapshot = loadSnapshot('indexed-mixed-running');
    // Index 2 failed, 3 and 4 run; with a memory limit, the OOM fix is a patch of the template.
    (snapshot.job as Loose).spec.template.spec.containers[0].resources = { limits: { memory: '64Mi' } };
    const output = diagnose(snapshot);
    expect(output.state).toBe('Running');
    expect(output.recreate).toMatchObject({ scope: 'job', indexes: null, fixes: ['raise-memory-limit'] });
  });

  test('init containers get the index too, as the controller gives it to them', () => {
    const plan = recreateOf(
      withTemplate((p) => {
        p.initContainers = [{ name: 'fetch', image: 'busybox', env: [{ name: 'A', value: 'a' }] }];
      }),
    );
    const podSpec = (plan.manifest as Loose).spec.template.spec;
    expect(podSpec.initContainers[0].env).toEqual([
      { name: 'A', value: 'a' },
      { name: 'JOB_COMPLETION_INDEX', value: '1' },
    ]);
  });

  test('more failed indexes than Jobs worth creating: the whole Job', () => {
    const snapshot = loadSnapshot('failed-indexes');
    const job = snapshot.job as Loose;
    job.spec.completions = 300;
    job.spec.parallelism = 3;
    job.status.failedIndexes = '1,3-200';
    const plan = recreateOf(snapshot);
    expect(plan.scope).toBe('job');
    expect(plan.notes[0]).toMatchObject({ code: 'too-many-indexes' });
  });

  test('a container that declares JOB_COMPLETION_INDEX itself gets the index in its place', () => {
    const plan = recreateOf(
      withTemplate((p) => {
        p.containers[0].env = [
          {
            name: 'JOB_COMPLETION_INDEX',
            valueFrom: { fieldRef: { fieldPath: "metadata.labels['batch.kubernetes.io/job-completion-index']" } },
          },
          { name: 'OUT', value: '/out/$(JOB_COMPLETION_INDEX)' },
        ];
      }),
    );
    expect(plan.scope).toBe('indexes');
    expect((plan.manifest as Loose).spec.template.spec.containers[0].env).toEqual([
      { name: 'JOB_COMPLETION_INDEX', value: '1' },
      { name: 'OUT', value: '/out/$(JOB_COMPLETION_INDEX)' },
    ]);
  });
});

describe('what the new Job keeps', () => {
  test('manualSelector: the selector and the labels as written', () => {
    const snapshot = loadSnapshot('backoff-limit-exceeded');
    const job = snapshot.job as Loose;
    job.spec.manualSelector = true;
    job.spec.selector = { matchLabels: { app: 'pi' } };
    job.spec.template.metadata.labels = { app: 'pi', 'job-name': 'pi' };
    const plan = recreateOf(snapshot);
    const manifest = plan.manifest as Loose;
    expect(manifest.spec.selector).toEqual({ matchLabels: { app: 'pi' } });
    expect(manifest.spec.template.metadata.labels).toEqual({ app: 'pi', 'job-name': 'pi' });
    expect(plan.notes.map((n) => n.code)).toContain('manual-selector-kept');
  });

  test("a CronJob's Job: no owner, said; its user labels and annotations kept, the scheduled time not", () => {
    const snapshot = loadSnapshot('backoff-limit-exceeded');
    const job = snapshot.job as Loose;
    job.metadata.ownerReferences = [
      { apiVersion: 'batch/v1', kind: 'CronJob', name: 'nightly', uid: 'u', controller: true },
    ];
    job.metadata.labels.team = 'data';
    job.metadata.annotations = {
      'batch.kubernetes.io/cronjob-scheduled-timestamp': '2026-11-23T16:00:00Z',
      'example.com/owner': 'data',
      ['__proto__']: 'kept as a key',
    };
    const plan = recreateOf(snapshot);
    const manifest = plan.manifest as Loose;
    expect(manifest.metadata.ownerReferences).toBeUndefined();
    expect(manifest.metadata.labels).toEqual({ team: 'data', 'job-x.dev/rerun-of': 'pi' });
    expect(Object.keys(manifest.metadata.annotations)).toEqual(['example.com/owner', '__proto__']);
    expect(plan.notes).toContainEqual({ code: 'owner-dropped', message: expect.stringContaining('CronJob nightly') });
  });
});
