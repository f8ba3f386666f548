import { describe, expect, test } from '@jest/globals';
import { FieldPath } from '../../../../kubernetes/field-path.ts';
import { podTemplateWarnings } from '../../../../kubernetes/pod-validation/pod-warnings.ts';
import { C0, main, template } from './template-errors.ts';

// pkg/api/pod/warnings.go warningsForPodSpecAndMeta (1.36.4).
const warningsOf = (t: Record<string, unknown>): string[] =>
  podTemplateWarnings(t, FieldPath.root('spec', 'template')).map((w) => `${w.path}: ${w.message}`);

describe('pod template warnings (pod-warnings.ts)', () => {
  test('a redefined env var warns unless its new value refers to the old one', () => {
    expect(
      warningsOf(
        template([
          main({
            env: [
              { name: 'X', value: 'a' },
              { name: 'X', value: '$(X)b' },
            ],
          }),
        ]),
      ),
    ).toEqual([]);
    expect(
      warningsOf(
        template([
          main({
            env: [
              { name: 'X', value: 'a' },
              { name: 'X', value: '$(X)' },
            ],
          }),
        ]),
      ),
    ).toEqual([`${C0}.env[1]: hides previous definition of "X", which may be dropped when using apply`]);
  });

  test('ports: duplicate, overlapping, ambiguous, hostIP without hostPort, repeated names', () => {
    const ports = [
      { name: 'http', containerPort: 80 },
      { containerPort: 80, hostPort: 8080 },
      { containerPort: 80, hostPort: 8080, hostIP: '10.0.0.1' },
      { name: 'http', containerPort: 81, hostIP: '10.0.0.2' },
    ];
    expect(warningsOf(template([main({ ports })]))).toEqual([
      `${C0}.ports[1]: overlapping port definition with ${C0}.ports[0]`,
      `${C0}.ports[2]: overlapping port definition with ${C0}.ports[0]`,
      `${C0}.ports[2]: dangerously ambiguous port definition with ${C0}.ports[1]`,
      `${C0}.ports[3]: hostIP set without hostPort: {Name:http HostPort:0 ContainerPort:81 Protocol:TCP HostIP:10.0.0.2}`,
      `${C0}.ports[3]: duplicate port name "http" with ${C0}.ports[0], services and probes that select ports by name will use ${C0}.ports[0]`,
    ]);
  });

  test('fractional bytes, pull secrets, deprecated annotations, negative grace period', () => {
    const metadata = { annotations: { 'scheduler.alpha.kubernetes.io/critical-pod': '' } };
    const t = template(
      [main({ resources: { limits: { memory: '0.5' } } })],
      {
        imagePullSecrets: [{ name: 'r' }, { name: 'r' }],
        terminationGracePeriodSeconds: -1,
      },
      metadata,
    );
    expect(warningsOf(t)).toEqual([
      'spec.template.metadata.annotations[scheduler.alpha.kubernetes.io/critical-pod]: non-functional in v1.16+; use the "priorityClassName" field instead',
      'spec.template.spec.imagePullSecrets[1].name: duplicate name "r"',
      `${C0}.resources.limits[memory]: fractional byte value "0.5" is invalid, must be an integer`,
      'spec.template.spec.terminationGracePeriodSeconds: must be >= 0; negative values are invalid and will be treated as 1',
    ]);
  });
});
