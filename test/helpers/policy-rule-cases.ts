// The valid and invalid cases of every `policy` rule, ESLint RuleTester style: the unit tests run
// them through the engine (test/unit/policy/rules/policy-rules.test.ts), and the admission-policy
// differential test sends them to the real API server, once through the exported admission
// policies and once through the webhook (test/e2e/admission-policy/).
import type { InvalidCase, ValidCase } from './rule-tester.ts';

export interface RuleCases {
  readonly valid: readonly ValidCase[];
  readonly invalid: readonly InvalidCase[];
}

const PFP = (rules: unknown[]) => ({ podFailurePolicy: { rules } });
const IGNORE_DISRUPTIONS = { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] };
const cronJob = (spec: Record<string, unknown>) => ({
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'nightly' },
  spec: {
    schedule: '0 2 * * *',
    jobTemplate: {
      spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36' }] } } },
    },
    ...spec,
  },
});

export const POLICY_RULE_CASES: Readonly<Record<string, RuleCases>> = {
  'exit-code-out-of-range': {
    valid: [
      {
        name: 'codes within 1-255',
        spec: PFP([{ action: 'FailJob', onExitCodes: { operator: 'In', values: [1, 42, 255] } }]),
      },
      { name: 'no podFailurePolicy', spec: {} },
      {
        name: 'Windows pods have 32-bit exit codes',
        spec: {
          ...PFP([{ action: 'FailJob', onExitCodes: { operator: 'In', values: [-1073741819] } }]),
          template: { spec: { os: { name: 'windows' } } },
        },
      },
    ],
    invalid: [
      {
        name: '256 and -1 never match',
        spec: PFP([{ action: 'FailJob', onExitCodes: { operator: 'In', values: [-1, 42, 256] } }]),
        paths: [
          'spec.podFailurePolicy.rules[0].onExitCodes.values[0]',
          'spec.podFailurePolicy.rules[0].onExitCodes.values[2]',
        ],
      },
    ],
  },

  'active-deadline-zero': {
    valid: [
      { name: 'a positive deadline', spec: { activeDeadlineSeconds: 600 } },
      { name: 'no deadline', spec: {} },
    ],
    invalid: [{ name: 'zero', spec: { activeDeadlineSeconds: 0 }, paths: ['spec.activeDeadlineSeconds'] }],
  },

  'succeeded-count-zero': {
    valid: [
      {
        name: 'count 1',
        spec: { completionMode: 'Indexed', completions: 3, successPolicy: { rules: [{ succeededCount: 1 }] } },
      },
    ],
    invalid: [
      {
        name: 'count 0 in the second rule',
        spec: {
          completionMode: 'Indexed',
          completions: 3,
          successPolicy: { rules: [{ succeededIndexes: '0' }, { succeededCount: 0 }] },
        },
        paths: ['spec.successPolicy.rules[1].succeededCount'],
      },
    ],
  },

  'backoff-limit-per-index-on-failure': {
    valid: [
      { name: 'per-index with Never', spec: { completionMode: 'Indexed', completions: 4, backoffLimitPerIndex: 1 } },
      { name: 'OnFailure without per-index limits', spec: { template: { spec: { restartPolicy: 'OnFailure' } } } },
    ],
    invalid: [
      {
        name: 'per-index with OnFailure',
        spec: {
          completionMode: 'Indexed',
          completions: 4,
          backoffLimitPerIndex: 1,
          template: { spec: { restartPolicy: 'OnFailure' } },
        },
        paths: ['spec.template.spec.restartPolicy'],
        remediation: 'Set `spec.template.spec.restartPolicy: Never` when using backoffLimitPerIndex.',
      },
    ],
  },

  'manual-selector-adopts-all': {
    valid: [
      {
        name: 'manual selector with labels',
        spec: {
          manualSelector: true,
          selector: { matchLabels: { app: 'x' } },
          template: { metadata: { labels: { app: 'x' } } },
        },
      },
      { name: 'generated selector', spec: {} },
    ],
    invalid: [{ name: 'empty selector', spec: { manualSelector: true, selector: {} }, paths: ['spec.selector'] }],
  },

  'manual-selector': {
    valid: [
      { name: 'generated selector', spec: {} },
      { name: 'manualSelector false', spec: { manualSelector: false } },
    ],
    invalid: [
      {
        name: 'manualSelector true',
        spec: { manualSelector: true, selector: { matchLabels: { app: 'x' } } },
        paths: ['spec.manualSelector'],
      },
      {
        // The API server takes this one (the selector selects the template's labels): the
        // admission-policy differential test needs a case that reaches admission.
        name: 'manualSelector true, selecting the template labels',
        spec: {
          manualSelector: true,
          selector: { matchLabels: { app: 'x' } },
          template: { metadata: { labels: { app: 'x' } } },
        },
        paths: ['spec.manualSelector'],
      },
    ],
  },

  'restart-policy-on-failure': {
    valid: [{ name: 'Never', spec: {} }],
    invalid: [
      {
        name: 'OnFailure',
        spec: { backoffLimit: 3, template: { spec: { restartPolicy: 'OnFailure' } } },
        paths: ['spec.template.spec.restartPolicy'],
      },
    ],
  },

  'require-ttl': {
    valid: [
      { name: 'TTL set', spec: { ttlSecondsAfterFinished: 3600 } },
      { name: 'TTL 0 (delete at once) is a choice', spec: { ttlSecondsAfterFinished: 0 } },
      {
        name: 'a Job created by a CronJob',
        manifest: {
          apiVersion: 'batch/v1',
          kind: 'Job',
          metadata: {
            name: 'nightly-29000000',
            ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'nightly', uid: 'u', controller: true }],
          },
          spec: {
            template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36' }] } },
          },
        },
      },
    ],
    invalid: [
      { name: 'no TTL', spec: {}, paths: ['spec.ttlSecondsAfterFinished'] },
      {
        // Still reported, but owner-aware defaults leave it without a TTL (its owner decides its
        // lifetime): the admission-policy differential test checks both ways agree on that.
        name: 'no TTL, a Job its JobSet controller owns',
        manifest: {
          apiVersion: 'batch/v1',
          kind: 'Job',
          metadata: {
            name: 'trainer-0',
            ownerReferences: [
              {
                apiVersion: 'jobset.x-k8s.io/v1alpha2',
                kind: 'JobSet',
                name: 'trainer',
                uid: '7b1f0c53-5d0e-4cb4-9a53-2f1f2d2e0001',
                controller: true,
              },
            ],
          },
          spec: {
            template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36' }] } },
          },
        },
        paths: ['spec.ttlSecondsAfterFinished'],
      },
    ],
  },

  'ttl-in-cronjob': {
    valid: [{ name: 'no TTL in the template', manifest: cronJob({}) }],
    invalid: [
      {
        name: 'TTL in the template',
        manifest: cronJob({
          jobTemplate: {
            spec: {
              ttlSecondsAfterFinished: 60,
              template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36' }] } },
            },
          },
        }),
        paths: ['spec.jobTemplate.spec.ttlSecondsAfterFinished'],
      },
    ],
  },

  'disruption-ignore-rule': {
    valid: [
      {
        name: 'Ignore rule present',
        spec: PFP([IGNORE_DISRUPTIONS, { action: 'FailJob', onExitCodes: { operator: 'In', values: [42] } }]),
      },
      { name: 'no podFailurePolicy', spec: {} },
    ],
    invalid: [
      {
        name: 'only a FailJob rule',
        spec: PFP([{ action: 'FailJob', onExitCodes: { operator: 'In', values: [42] } }]),
        paths: ['spec.podFailurePolicy.rules'],
      },
      {
        name: 'DisruptionTarget counted rather than ignored',
        spec: PFP([{ action: 'Count', onPodConditions: [{ type: 'DisruptionTarget' }] }]),
        paths: ['spec.podFailurePolicy.rules'],
        remediation: 'Add as the first rule: `{action: Ignore, onPodConditions: [{type: DisruptionTarget}]}`.',
      },
      {
        // 20 rules are the most the API server accepts: there is no room to add one.
        name: 'twenty rules, none for disruptions',
        spec: PFP(
          Array.from({ length: 20 }, (_, i) => ({ action: 'Count', onExitCodes: { operator: 'In', values: [i + 1] } })),
        ),
        paths: ['spec.podFailurePolicy.rules'],
        remediation:
          'Make `{action: Ignore, onPodConditions: [{type: DisruptionTarget}]}` the first rule, in place of one of the 20 rules (the most the API server accepts): merge two, or drop one.',
      },
    ],
  },

  'large-indexed-without-per-index-backoff': {
    valid: [
      { name: 'small Indexed Job', spec: { completionMode: 'Indexed', completions: 10 } },
      {
        name: 'large with per-index limits',
        spec: { completionMode: 'Indexed', completions: 500, backoffLimitPerIndex: 2 },
      },
      {
        name: 'threshold raised by option',
        spec: { completionMode: 'Indexed', completions: 500 },
        options: { minCompletions: 1000 },
      },
    ],
    invalid: [
      {
        name: '500 indexes sharing one backoffLimit',
        spec: { completionMode: 'Indexed', completions: 500 },
        paths: ['spec.backoffLimitPerIndex'],
        remediation: 'Set spec.backoffLimitPerIndex (retries for each index) and, optionally, spec.maxFailedIndexes.',
      },
    ],
  },

  'work-queue-job': {
    valid: [
      { name: 'fixed completions', spec: { completions: 5, parallelism: 2 } },
      { name: 'single pod', spec: {} },
    ],
    invalid: [
      {
        name: 'parallelism without completions',
        spec: { parallelism: 3 },
        paths: ['spec.completions'],
        remediation:
          'If every pod should run to success independently, set spec.completions; otherwise make sure each pod exits 0 only when the whole queue is drained.',
      },
    ],
  },

  'require-active-deadline': {
    valid: [{ name: 'deadline set', spec: { activeDeadlineSeconds: 3600 } }],
    invalid: [
      {
        name: 'no deadline',
        spec: {},
        paths: ['spec.activeDeadlineSeconds'],
        remediation: 'Set spec.activeDeadlineSeconds to the longest the Job may take, retries included.',
      },
    ],
  },

  'fail-job-matches-all-failures': {
    valid: [
      {
        name: 'In with specific codes',
        spec: PFP([{ action: 'FailJob', onExitCodes: { operator: 'In', values: [42] } }]),
      },
      {
        name: 'NotIn [0] but Count',
        spec: PFP([{ action: 'Count', onExitCodes: { operator: 'NotIn', values: [0] } }]),
      },
    ],
    invalid: [
      {
        name: 'FailJob NotIn [0]',
        spec: PFP([IGNORE_DISRUPTIONS, { action: 'FailJob', onExitCodes: { operator: 'NotIn', values: [0] } }]),
        paths: ['spec.podFailurePolicy.rules[1]'],
        remediation:
          'List the exit codes that mean "do not retry" with `operator: In`, or set backoffLimit: 0 if that is really intended.',
      },
      {
        // backoffLimit is 0 already: "set backoffLimit: 0" does not fit.
        name: 'FailJob NotIn [0] with backoffLimit 0',
        spec: {
          backoffLimit: 0,
          ...PFP([IGNORE_DISRUPTIONS, { action: 'FailJob', onExitCodes: { operator: 'NotIn', values: [0] } }]),
        },
        paths: ['spec.podFailurePolicy.rules[1]'],
        remediation:
          'List the exit codes that mean "do not retry" with `operator: In`, or remove the rule: with backoffLimit 0 the first failed pod fails the Job anyway.',
      },
    ],
  },

  'parallelism-zero': {
    valid: [{ name: 'parallelism 1', spec: { parallelism: 1 } }],
    invalid: [
      {
        name: 'parallelism 0',
        spec: { parallelism: 0, completions: 1 },
        paths: ['spec.parallelism'],
        remediation: 'Set parallelism to at least 1, or use `suspend: true` to create the Job paused.',
      },
      {
        name: 'parallelism 0 in a Job created suspended',
        spec: { parallelism: 0, completions: 1, suspend: true },
        paths: ['spec.parallelism'],
        remediation:
          'Set parallelism to at least 1: spec.suspend already keeps the Job paused until it is set to false.',
      },
    ],
  },

  'completions-zero': {
    valid: [{ name: 'completions 2', spec: { completions: 2 } }],
    invalid: [
      {
        name: 'completions 0',
        spec: { completions: 0 },
        paths: ['spec.completions'],
        remediation: 'Set completions to the number of successful pods you need, or remove it for a single pod.',
      },
      {
        // An Indexed Job without completions is rejected: "remove it" does not fit.
        name: 'completions 0 in an Indexed Job',
        spec: { completionMode: 'Indexed', completions: 0 },
        paths: ['spec.completions'],
        remediation: 'Set completions to the number of indexes to run (at least 1): an Indexed Job needs it.',
      },
    ],
  },

  'backoff-limit-with-per-index': {
    valid: [{ name: 'per-index only', spec: { completionMode: 'Indexed', completions: 4, backoffLimitPerIndex: 1 } }],
    invalid: [
      {
        name: 'both limits',
        spec: { completionMode: 'Indexed', completions: 4, backoffLimitPerIndex: 1, backoffLimit: 3 },
        paths: ['spec.backoffLimit'],
        remediation: 'Remove backoffLimit and bound failures with maxFailedIndexes instead.',
      },
      {
        name: 'both limits, and maxFailedIndexes already set',
        spec: {
          completionMode: 'Indexed',
          completions: 4,
          backoffLimitPerIndex: 1,
          backoffLimit: 3,
          maxFailedIndexes: 2,
        },
        paths: ['spec.backoffLimit'],
        remediation: 'Remove backoffLimit: maxFailedIndexes already bounds how many indexes may fail.',
      },
    ],
  },

  'ignore-rule-without-deadline': {
    valid: [
      {
        name: 'Ignore on exit codes with a deadline',
        spec: {
          activeDeadlineSeconds: 600,
          ...PFP([{ action: 'Ignore', onExitCodes: { operator: 'In', values: [3] } }]),
        },
      },
      { name: 'Ignore on disruptions only', spec: PFP([IGNORE_DISRUPTIONS]) },
    ],
    invalid: [
      {
        name: 'Ignore on exit codes, no deadline',
        spec: PFP([{ action: 'Ignore', onExitCodes: { operator: 'In', values: [3] } }]),
        paths: ['spec.podFailurePolicy.rules[0]'],
        remediation: 'Set spec.activeDeadlineSeconds to bound the Job, or use Count for exit codes that may repeat.',
      },
    ],
  },

  'cronjob-failed-history-zero': {
    valid: [
      { name: 'default history', manifest: cronJob({}) },
      { name: 'keep 3 failed', manifest: cronJob({ failedJobsHistoryLimit: 3 }) },
    ],
    invalid: [
      { name: 'keep none', manifest: cronJob({ failedJobsHistoryLimit: 0 }), paths: ['spec.failedJobsHistoryLimit'] },
    ],
  },

  'cronjob-starting-deadline-short': {
    valid: [
      { name: '60 seconds', manifest: cronJob({ startingDeadlineSeconds: 60 }) },
      { name: 'unset', manifest: cronJob({}) },
    ],
    invalid: [
      { name: '5 seconds', manifest: cronJob({ startingDeadlineSeconds: 5 }), paths: ['spec.startingDeadlineSeconds'] },
    ],
  },

  'concurrent-pods': {
    valid: [
      { name: 'one pod at a time', spec: { completions: 5, parallelism: 1 } },
      { name: 'work queue', spec: { parallelism: 5 } },
    ],
    invalid: [
      {
        name: 'five pods at once',
        spec: { completions: 10, parallelism: 5 },
        paths: ['spec.parallelism'],
        remediation:
          'Make each pod idempotent and safe to run next to its siblings, or use an Indexed Job so each pod knows its own share of the work.',
      },
      {
        // Issue 11 item 19: it is Indexed already, so "use an Indexed Job" does not fit.
        name: 'five pods of an Indexed Job at once',
        spec: { completionMode: 'Indexed', completions: 10, parallelism: 5 },
        paths: ['spec.parallelism'],
        remediation:
          'Make each pod idempotent and safe to run next to its siblings: each knows its share of the work from its completion index (JOB_COMPLETION_INDEX), so make what they share (files, database rows, queues, external APIs) safe for concurrent use.',
      },
    ],
  },

  'suppression-annotation': {
    valid: [
      {
        name: 'suppression with a reason',
        manifest: {
          apiVersion: 'batch/v1',
          kind: 'Job',
          metadata: { name: 'x', annotations: { 'ignore.job-x.dev/require-ttl': 'kept for audit' } },
          spec: {
            template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36' }] } },
          },
        },
      },
    ],
    invalid: [
      {
        name: 'suppression without a reason',
        manifest: {
          apiVersion: 'batch/v1',
          kind: 'Job',
          metadata: { name: 'x', annotations: { 'ignore.job-x.dev/require-ttl': ' ' } },
          spec: {
            template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36' }] } },
          },
        },
        paths: ['metadata.annotations[ignore.job-x.dev/require-ttl]'],
      },
    ],
  },

  'success-policy-backoff-race': {
    valid: [
      {
        name: 'backoffLimit above the indexes the policy lets fail',
        spec: {
          completionMode: 'Indexed',
          completions: 10,
          backoffLimit: 9,
          successPolicy: { rules: [{ succeededIndexes: '0,2-3', succeededCount: 1 }] },
        },
      },
      {
        name: 'per-index limits (no Job-wide limit by default)',
        spec: {
          completionMode: 'Indexed',
          completions: 10,
          backoffLimitPerIndex: 1,
          successPolicy: { rules: [{ succeededCount: 1 }] },
        },
      },
      {
        name: 'the policy needs every index',
        spec: { completionMode: 'Indexed', completions: 4, successPolicy: { rules: [{ succeededIndexes: '0-3' }] } },
      },
    ],
    invalid: [
      {
        // The documentation's job-success example: 9 indexes may fail, the default backoffLimit is 6.
        name: 'job-success with the default backoffLimit',
        spec: {
          completionMode: 'Indexed',
          completions: 10,
          parallelism: 10,
          successPolicy: { rules: [{ succeededIndexes: '0,2-3', succeededCount: 1 }] },
        },
        paths: ['spec.backoffLimit'],
        remediation:
          'Set backoffLimitPerIndex and leave backoffLimit unset (it then defaults to no limit, and each index gets its own budget), or raise backoffLimit to at least 9.',
      },
      {
        // backoffLimit written: setting backoffLimitPerIndex alone would not lift it.
        name: 'an explicit backoffLimit of 2',
        spec: {
          completionMode: 'Indexed',
          completions: 10,
          backoffLimit: 2,
          successPolicy: { rules: [{ succeededCount: 5 }] },
        },
        paths: ['spec.backoffLimit'],
        remediation:
          'Set backoffLimitPerIndex and leave backoffLimit unset (it then defaults to no limit, and each index gets its own budget), or raise backoffLimit to at least 5.',
      },
    ],
  },
};
