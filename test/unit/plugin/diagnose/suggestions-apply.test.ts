// Every suggestion fits the Job it is made for: a patch changes something, the patched Job is one
// the API server accepts (no refusal the Job did not already have), a change marked mutable is
// allowed on the existing Job (ValidateJobSpecUpdate), a field named without a patch exists, and a
// command names pods that exist. Checked on every recording and on variations of them (a fixed
// fast-check seed); each kind of suggestion also has cases where it must not be made.
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import type { RawJob, RawPod } from '../../../../kubernetes/objects.ts';
import { diagnose } from '../../../../plugin/diagnose/diagnose.ts';
import type { JobSnapshot } from '../../../../plugin/job-snapshot.ts';
import { evaluate, resolvePolicy, RULES, toJobView } from '../../../../policy/index.ts';
import type { DiagnoseOutput } from '../../../../schemas/generated/diagnose-output.ts';
import { loadSnapshot, snapshotScenarios } from '../../../helpers/snapshot-fixtures.ts';
import { applyStrategicMergePatch } from '../../../helpers/strategic-merge-patch.ts';

type Suggestion = DiagnoseOutput['suggestions'][number];
// Decoded JSON, edited freely by the variations below.
type Loose = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const POLICY = resolvePolicy(RULES, undefined);
/** Spec fields ValidateJobSpecUpdate keeps immutable (the template only while the Job is not suspended). */
const IMMUTABLE = new Set([
  'selector',
  'completions',
  'completionMode',
  'podFailurePolicy',
  'backoffLimitPerIndex',
  'managedBy',
  'successPolicy',
]);
/** `kubectl logs POD`, `kubectl describe pod POD`, `kubectl delete pod POD`, `kubectl get pod POD`. */
const POD_IN_COMMAND = /kubectl (?:logs|describe pod|delete pod|get pod) (\S+)/g;

function refusals(job: RawJob): Set<string> {
  const findings = evaluate(toJobView(job as Loose), POLICY, 'admission');
  return new Set(
    findings.filter((f) => f.origin === 'apiserver' && f.severity === 'error').map((f) => `${f.path}: ${f.message}`),
  );
}

/** Why the suggestion does not fit the snapshot's Job; empty when it does. */
function problemsOf(snapshot: JobSnapshot, s: Suggestion): string[] {
  const problems: string[] = [];
  const job = snapshot.job as Loose;
  if (s.patch) {
    const patched = applyStrategicMergePatch(job, s.patch) as RawJob;
    if (isDeepStrictEqual(patched, job)) problems.push('it sets fields to the values they have');
    const before = refusals(snapshot.job);
    for (const refusal of refusals(patched)) if (!before.has(refusal)) problems.push(`refused: ${refusal}`);
    if (s.mutable) {
      for (const key of Object.keys((s.patch.spec as Loose | undefined) ?? {})) {
        const frozen = IMMUTABLE.has(key) || (key === 'template' && job.spec?.suspend !== true);
        if (frozen) problems.push(`spec.${key} cannot change on the existing Job, yet it is marked mutable`);
      }
    }
  } else if (s.field) {
    const container = /^spec\.template\.spec\.(containers|initContainers)\[name=([^\]]+)\]/.exec(s.field);
    const list = (job.spec?.template?.spec?.[container?.[1] ?? ''] ?? []) as Loose[];
    if (container && !list.some((c) => c.name === container[2])) problems.push(`${s.field}: no such container`);
  }
  for (const [, pod] of (s.command ?? '').matchAll(POD_IN_COMMAND)) {
    if (!snapshot.pods.some((p) => p.metadata.name === pod)) problems.push(`${s.command}: no pod ${pod}`);
  }
  return problems;
}

const problemsIn = (snapshot: JobSnapshot): string[] =>
  diagnose(snapshot).suggestions.flatMap((s) => problemsOf(snapshot, s).map((p) => `${s.code}: ${p}`));

// --- variations: what real Jobs differ in ------------------------------------------------------

const spec = (s: JobSnapshot) => (s.job as Loose).spec as Loose;
const podSpec = (s: JobSnapshot) => spec(s).template.spec as Loose;
const statuses = (pod: RawPod) => [
  ...(pod.status?.containerStatuses ?? []),
  ...(pod.status?.initContainerStatuses ?? []),
];
const hoursAgo = (time: string, hours: number) =>
  new Date(Date.parse(time) - hours * 3_600_000).toISOString().replace('.000Z', 'Z');

const VARIATIONS: Record<string, (s: JobSnapshot) => void> = {
  'restartPolicy OnFailure': (s) => (podSpec(s).restartPolicy = 'OnFailure'),
  'backoffLimit 0': (s) => (spec(s).backoffLimit = 0),
  'backoffLimit 50': (s) => (spec(s).backoffLimit = 50),
  'activeDeadlineSeconds raised after the run': (s) => (spec(s).activeDeadlineSeconds = 100_000),
  'activeDeadlineSeconds removed': (s) => delete spec(s).activeDeadlineSeconds,
  'ttlSecondsAfterFinished 60': (s) => (spec(s).ttlSecondsAfterFinished = 60),
  'owned by a CronJob': (s) => {
    s.job.metadata.ownerReferences = [
      { apiVersion: 'batch/v1', kind: 'CronJob', name: 'nightly', uid: 'u', controller: true },
    ];
  },
  'a full pod failure policy (20 rules)': (s) => {
    const rules = Array.from({ length: 20 }, (_, i) => ({
      action: 'Count',
      onExitCodes: { operator: 'In', values: [200 + i] },
    }));
    spec(s).podFailurePolicy = { rules };
    spec(s).podReplacementPolicy = 'Failed';
  },
  'rule 0 of the pod failure policy is not the one the condition names': (s) => {
    const rules = spec(s).podFailurePolicy?.rules as Loose[] | undefined;
    if (rules?.[0]) rules[0] = { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] };
  },
  'containers that are not in the pod template (a sidecar a webhook injects)': (s) => {
    for (const pod of s.pods) for (const status of statuses(pod)) status.name = `injected-${status.name}`;
  },
  'the container is an init container': (s) => {
    podSpec(s).initContainers = podSpec(s).containers;
    podSpec(s).containers = [{ name: 'main', image: 'busybox' }];
    for (const pod of s.pods) {
      if (!pod.status) continue;
      pod.status.initContainerStatuses = pod.status.containerStatuses;
      pod.status.containerStatuses = [];
    }
  },
  'a memory limit': (s) => {
    for (const c of podSpec(s).containers as Loose[]) c.resources = { limits: { memory: '64Mi' } };
  },
  'an empty nodeSelector': (s) => (podSpec(s).nodeSelector = {}),
  imagePullSecrets: (s) => (podSpec(s).imagePullSecrets = [{ name: 'registry' }]),
  'started two hours ago': (s) => {
    s.job.metadata.creationTimestamp = hoursAgo(s.job.metadata.creationTimestamp!, 2);
    if (s.job.status?.startTime) s.job.status.startTime = hoursAgo(s.job.status.startTime, 2);
  },
  'no backoffLimitPerIndex': (s) => delete spec(s).backoffLimitPerIndex,
  'no maxFailedIndexes': (s) => delete spec(s).maxFailedIndexes,
  'evictions without a DisruptionTarget condition': (s) => {
    for (const pod of s.pods)
      if (pod.status)
        pod.status.conditions = (pod.status.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget');
  },
  'failed containers exited 0': (s) => {
    for (const pod of s.pods)
      if (pod.status?.phase === 'Failed')
        for (const status of statuses(pod)) if (status.state?.terminated) status.state.terminated.exitCode = 0;
  },
  'parallelism 1': (s) => (spec(s).parallelism = 1),
};

const variation = fc.record({
  scenario: fc.constantFrom(...snapshotScenarios()),
  edits: fc.uniqueArray(fc.constantFrom(...Object.keys(VARIATIONS)), { maxLength: 3 }),
});

function vary({ scenario, edits }: { scenario: string; edits: string[] }): JobSnapshot {
  const snapshot = structuredClone(loadSnapshot(scenario));
  for (const edit of edits) VARIATIONS[edit]!(snapshot);
  return snapshot;
}

describe('every suggestion fits the Job', () => {
  test.each(snapshotScenarios())('%s', (scenario) => {
    expect(problemsIn(loadSnapshot(scenario))).toEqual([]);
  });

  test('variations of the recordings (fixed seed)', () => {
    fc.assert(
      fc.property(variation, (v) => {
        expect({ ...v, problems: problemsIn(vary(v)) }).toEqual({ ...v, problems: [] });
      }),
      { seed: 20261123, numRuns: 400 },
    );
  });
});

// --- each kind of suggestion, where it does not fit as it stood -----------------------------------

const suggestionsFor = (scenario: string, ...edits: ((s: JobSnapshot) => void)[]) => {
  const snapshot = structuredClone(loadSnapshot(scenario));
  for (const edit of edits) edit(snapshot);
  return { snapshot, suggestions: diagnose(snapshot).suggestions };
};
const codes = (suggestions: Suggestion[]) => suggestions.map((s) => s.code);
const named = (suggestions: Suggestion[], code: string) => suggestions.find((s) => s.code === code);

describe('each kind of suggestion is made only where it fits', () => {
  test('raise-memory-limit / set-memory-limits: never for a container the pod template does not declare', () => {
    const { suggestions } = suggestionsFor(
      'oom-backoff-limit-exceeded',
      VARIATIONS['containers that are not in the pod template (a sidecar a webhook injects)']!,
    );
    expect(suggestions.filter((s) => s.field?.includes('resources'))).toEqual([]);
    expect(named(suggestions, 'oom-outside-template')).toMatchObject({ field: null, patch: null });
    // With a limit of its own, the limit is doubled where the template declares it.
    const limited = suggestionsFor('oom-backoff-limit-exceeded', VARIATIONS['a memory limit']!).suggestions;
    expect(named(limited, 'raise-memory-limit')?.patch).toEqual({
      spec: { template: { spec: { containers: [{ name: 'pi', resources: { limits: { memory: '128Mi' } } }] } } },
    });
  });

  test('fix-image: names the init container list for an init container, and no field for an injected container', () => {
    const init = suggestionsFor('image-pull-error', VARIATIONS['the container is an init container']!).suggestions;
    expect(named(init, 'fix-image')?.field).toBe('spec.template.spec.initContainers[name=pi].image');
    const injected = suggestionsFor(
      'image-pull-error',
      VARIATIONS['containers that are not in the pod template (a sidecar a webhook injects)']!,
    ).suggestions;
    expect(named(injected, 'fix-image')).toMatchObject({ field: null, patch: null });
    const secrets = suggestionsFor('image-pull-error', VARIATIONS.imagePullSecrets!).suggestions;
    expect(named(secrets, 'fix-image')?.message).not.toContain('add imagePullSecrets');
  });

  test('count-instead-of-fail-job: only for the FailJob rule the condition names, and only with retries to give', () => {
    expect(codes(suggestionsFor('pod-failure-policy-failjob').suggestions)).toContain('count-instead-of-fail-job');
    const swapped = suggestionsFor(
      'pod-failure-policy-failjob',
      VARIATIONS['rule 0 of the pod failure policy is not the one the condition names']!,
    );
    expect(codes(swapped.suggestions)).not.toContain('count-instead-of-fail-job');
    const noRetries = suggestionsFor('pod-failure-policy-failjob', VARIATIONS['backoffLimit 0']!);
    expect(codes(noRetries.suggestions)).not.toContain('count-instead-of-fail-job');
  });

  test('raise-backoff-limit-for-success-policy: never to the backoffLimit the Job has', () => {
    expect(codes(suggestionsFor('success-policy-backoff-race').suggestions)).toContain(
      'raise-backoff-limit-for-success-policy',
    );
    const raised = suggestionsFor('success-policy-backoff-race', (s) => (spec(s).backoffLimit = 9)).suggestions;
    expect(codes(raised)).not.toContain('raise-backoff-limit-for-success-policy');
  });

  test('allow-more-time: never a deadline the Job already allows, nor one for a Job that has none', () => {
    const halfDone = (s: JobSnapshot) => {
      spec(s).completions = 2;
      s.job.status!.succeeded = 1;
    };
    expect(named(suggestionsFor('deadline-exceeded', halfDone).suggestions, 'allow-more-time')).toBeDefined();
    const raised = suggestionsFor(
      'deadline-exceeded',
      halfDone,
      VARIATIONS['activeDeadlineSeconds raised after the run']!,
    );
    expect(codes(raised.suggestions)).not.toContain('allow-more-time');
    const removed = suggestionsFor('deadline-exceeded', VARIATIONS['activeDeadlineSeconds removed']!);
    expect(codes(removed.suggestions)).not.toContain('allow-more-time');
  });

  test.each([
    ['fail-job-on-exit', 'backoff-limit-exceeded'],
    ['fail-index-on-exit', 'failed-indexes'],
    ['ignore-disruptions', 'evicted-counted'],
  ])(
    '%s: a new pod failure policy brings podReplacementPolicy Failed, and is not offered when full',
    (code, scenario) => {
      const made = named(suggestionsFor(scenario).suggestions, code)!;
      expect(made.patch).toMatchObject({ spec: { podReplacementPolicy: 'Failed' } });
      const full = suggestionsFor(scenario, VARIATIONS['a full pod failure policy (20 rules)']!).suggestions;
      expect(codes(full)).not.toContain(code);
    },
  );

  test.each([
    ['fail-job-on-exit', 'backoff-limit-exceeded'],
    ['fail-index-on-exit', 'failed-indexes'],
  ])(
    '%s: no rule the API server refuses (exit code 0, a container the template does not declare)',
    (code, scenario) => {
      const zero = suggestionsFor(scenario, VARIATIONS['failed containers exited 0']!).suggestions;
      expect(codes(zero)).not.toContain(code);
      const injected = suggestionsFor(
        scenario,
        VARIATIONS['containers that are not in the pod template (a sidecar a webhook injects)']!,
      ).suggestions;
      expect(codes(injected)).not.toContain(code);
    },
  );

  test('ignore-disruptions: only for evictions a DisruptionTarget rule can match', () => {
    const { suggestions } = suggestionsFor(
      'evicted-counted',
      VARIATIONS['evictions without a DisruptionTarget condition']!,
    );
    expect(codes(suggestions)).not.toContain('ignore-disruptions');
  });

  test('more-attempts-per-index / raise-max-failed-indexes: only with backoffLimitPerIndex / maxFailedIndexes set', () => {
    // Two different exit codes: no single exit code to fail an index on, so more attempts are offered.
    const mixed = (s: JobSnapshot) => {
      const failed = s.pods.filter((p) => p.status?.phase === 'Failed');
      failed[0]!.status!.containerStatuses![0]!.state!.terminated!.exitCode = 2;
    };
    expect(codes(suggestionsFor('failed-indexes', mixed).suggestions)).toContain('more-attempts-per-index');
    const noPerIndex = suggestionsFor('failed-indexes', mixed, VARIATIONS['no backoffLimitPerIndex']!).suggestions;
    expect(codes(noPerIndex)).not.toContain('more-attempts-per-index');
    expect(codes(suggestionsFor('max-failed-indexes-exceeded').suggestions)).toContain('raise-max-failed-indexes');
    const noMax = suggestionsFor('max-failed-indexes-exceeded', VARIATIONS['no maxFailedIndexes']!).suggestions;
    expect(codes(noMax)).not.toContain('raise-max-failed-indexes');
  });

  test('node-selector-matches-no-node: not for an empty nodeSelector', () => {
    const select = (s: JobSnapshot) => (podSpec(s).nodeSelector = { disk: 'ssd' });
    expect(codes(suggestionsFor('unschedulable', select).suggestions)).toContain('node-selector-matches-no-node');
    const empty = suggestionsFor('unschedulable', VARIATIONS['an empty nodeSelector']!).suggestions;
    expect(codes(empty)).not.toContain('node-selector-matches-no-node');
  });

  test('set-active-deadline: never a deadline the Job has already run past', () => {
    expect(named(suggestionsFor('unschedulable').suggestions, 'set-active-deadline')?.patch).toEqual({
      spec: { activeDeadlineSeconds: 3600 },
    });
    const { snapshot, suggestions } = suggestionsFor('unschedulable', VARIATIONS['started two hours ago']!);
    const ran = (Date.parse(snapshot.now) - Date.parse(snapshot.job.status!.startTime!)) / 1000;
    const deadline = (named(suggestions, 'set-active-deadline')!.patch!.spec as Loose).activeDeadlineSeconds as number;
    expect(deadline).toBeGreaterThanOrEqual(ran + 1800);
  });

  test('restart-policy-never: only for restartPolicy OnFailure', () => {
    expect(codes(suggestionsFor('onfailure-restarted').suggestions)).toContain('restart-policy-never');
    for (const scenario of snapshotScenarios()) {
      const never = suggestionsFor(scenario, (s) => (podSpec(s).restartPolicy = 'Never')).suggestions;
      expect(codes(never)).not.toContain('restart-policy-never');
    }
  });

  test('resume: only for a suspended Job', () => {
    expect(codes(suggestionsFor('suspended').suggestions)).toContain('resume');
    expect(codes(suggestionsFor('parallelism-zero').suggestions)).not.toContain('resume');
  });

  test('replace-terminating-at-once: not with a pod failure policy, which allows only Failed', () => {
    expect(codes(suggestionsFor('stuck-terminating').suggestions)).toContain('replace-terminating-at-once');
    const withPolicy = suggestionsFor('stuck-terminating', VARIATIONS['a full pod failure policy (20 rules)']!);
    expect(codes(withPolicy.suggestions)).not.toContain('replace-terminating-at-once');
  });

  test('keep-failed-jobs-longer: only when the TTL is short', () => {
    const short = suggestionsFor('backoff-limit-exceeded', VARIATIONS['ttlSecondsAfterFinished 60']!).suggestions;
    expect(codes(short)).toContain('keep-failed-jobs-longer');
    const long = suggestionsFor('backoff-limit-exceeded', (s) => (spec(s).ttlSecondsAfterFinished = 86_400));
    expect(codes(long.suggestions)).not.toContain('keep-failed-jobs-longer');
  });

  test('keep-more-failed-jobs: the CronJob is not in the snapshot, so its limit is read before it is raised', () => {
    const { suggestions } = suggestionsFor('backoff-limit-exceeded', VARIATIONS['owned by a CronJob']!);
    const keep = named(suggestions, 'keep-more-failed-jobs')!;
    expect(keep.command!.split('\n')[0]).toMatch(/^kubectl get cronjob nightly .*failedJobsHistoryLimit/);
    expect(keep.message).toMatch(/if it keeps fewer than 3/);
  });

  test('fewer-pods-for-quota: only when more than one pod runs at a time', () => {
    expect(codes(suggestionsFor('failed-create-quota').suggestions)).not.toContain('fewer-pods-for-quota');
    const wider = suggestionsFor('failed-create-quota', (s) => (spec(s).parallelism = 4)).suggestions;
    expect(named(wider, 'fewer-pods-for-quota')?.patch).toEqual({ spec: { parallelism: 2 } });
  });
});
