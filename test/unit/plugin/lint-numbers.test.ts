import { describe, expect, test } from '@jest/globals';
import { lintSource } from '../../../plugin/lint/lint-source.ts';
import { resolvePolicy, RULES } from '../../../policy/index.ts';
import { jobManifestText } from '../../helpers/job-manifest-text.ts';

/**
 * Numbers through the whole of lint (YAML reader, exact digits, decode check), with the answers
 * recorded from `kubectl create --dry-run=server -f` on the testbed (kubectl and kube-apiserver
 * 1.36.4); test/e2e/kubectl-numbers.test.ts checks the same against the live ones.
 */
const policy = resolvePolicy(RULES, undefined);

/** The apiserver and parser errors of a manifest, as `path: message`. */
function refusals(text: string): string[] {
  return lintSource('numbers.yaml', text, policy)
    .results.flatMap((r) => r.findings)
    .filter((f) => f.severity === 'error' && (f.origin === 'apiserver' || f.origin === 'parser'))
    .map((f) => `${f.path}: ${f.message}`);
}

describe('numbers as kubectl reads and sends them', () => {
  test.each([
    ['completions: 0o17', []],
    ['completions: 017', []],
    ['completions: 1e3', []],
    ['completions: 1.0', []],
    ['activeDeadlineSeconds: 9223372036854775807', []],
    ['activeDeadlineSeconds: 0x7FFFFFFFFFFFFFFF', []],
    ['activeDeadlineSeconds: 9_223_372_036_854_775_807', []],
    [
      'completions: 1:20',
      ['spec.completions: json: cannot unmarshal string into Go struct field JobSpec.spec.completions of type int32'],
    ],
    [
      'completions: 9223372036854775807',
      [
        'spec.completions: json: cannot unmarshal number 9223372036854775807 into Go struct field JobSpec.spec.completions of type int32',
      ],
    ],
    [
      'activeDeadlineSeconds: 9223372036854775808',
      [
        'spec.activeDeadlineSeconds: json: cannot unmarshal number 9223372036854776000 into Go struct field JobSpec.spec.activeDeadlineSeconds of type int64',
      ],
    ],
    [
      'activeDeadlineSeconds: 0x8000000000000000',
      [
        'spec.activeDeadlineSeconds: json: cannot unmarshal number 9223372036854776000 into Go struct field JobSpec.spec.activeDeadlineSeconds of type int64',
      ],
    ],
    [
      'activeDeadlineSeconds: 1e19',
      [
        'spec.activeDeadlineSeconds: json: cannot unmarshal number 10000000000000000000 into Go struct field JobSpec.spec.activeDeadlineSeconds of type int64',
      ],
    ],
    [
      'activeDeadlineSeconds: 1e30',
      [
        'spec.activeDeadlineSeconds: json: cannot unmarshal number 1e+30 into Go struct field JobSpec.spec.activeDeadlineSeconds of type int64',
      ],
    ],
    // go-yaml leaves a float64 that overflows as a string.
    [
      'activeDeadlineSeconds: 1e400',
      [
        'spec.activeDeadlineSeconds: json: cannot unmarshal string into Go struct field JobSpec.spec.activeDeadlineSeconds of type int64',
      ],
    ],
    ['completions: .inf', [': error converting YAML to JSON: json: unsupported value: +Inf']],
  ] as const)('%s', (spec, expected) => {
    expect(refusals(jobManifestText({ spec: `  ${spec}\n` }))).toEqual(expected);
  });

  test('kubectl decodes the top-level metadata itself, from go-yaml exact uint64 digits', () => {
    expect(refusals(jobManifestText({ metadata: '  deletionGracePeriodSeconds: 9223372036854775808\n' }))).toEqual([
      'metadata.deletionGracePeriodSeconds: json: cannot unmarshal number 9223372036854775808 into Go struct field ObjectMeta.metadata.deletionGracePeriodSeconds of type int64',
    ]);
  });

  test('a CronJob: startingDeadlineSeconds and the template deadline', () => {
    const cronjob = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: numbers
spec:
  schedule: "* * * * *"
  startingDeadlineSeconds: 18446744073709551615
  jobTemplate:
    spec:
      activeDeadlineSeconds: 9223372036854775807
      template:
        spec:
          restartPolicy: Never
          containers:
            - name: main
              image: busybox:1.36
`;
    expect(refusals(cronjob)).toEqual([
      'spec.startingDeadlineSeconds: json: cannot unmarshal number 18446744073709552000 into Go struct field CronJobSpec.spec.startingDeadlineSeconds of type int64',
    ]);
  });
});
