import { describe, expect, test } from '@jest/globals';
import { C0, errorsOf, main, template } from './template-errors.ts';

// validation_test.go TestValidatePodSpec, TestValidatePodHostName, TestValidateHostUsers,
// TestValidatePodTemplateSpecSeccomp (1.36.4).
const P = 'spec.template.spec';

describe('pod-level scalar fields (pod-fields.ts, restart-policy.ts)', () => {
  test('names and ranges', () => {
    const spec = {
      serviceAccountName: 'Builder',
      activeDeadlineSeconds: 0,
      hostname: 'a.b',
      preemptionPolicy: 'Always',
      restartPolicy: 'Sometimes',
    };
    expect(errorsOf(template([main()], spec))).toEqual([
      `${P}.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"`,
      `${P}.serviceAccountName: Invalid value: "Builder": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
      `${P}.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive`,
      `${P}.hostname: Invalid value: "a.b": must not contain dots`,
      `${P}.preemptionPolicy: Unsupported value: "Always": supported values: "PreemptLowerPriority", "Never"`,
    ]);
  });

  test('hostnameOverride and user namespaces', () => {
    expect(errorsOf(template([main()], { hostnameOverride: 'h', hostNetwork: true }))).toEqual([
      `${P}.hostnameOverride: Forbidden: may not be specified when hostNetwork is true`,
    ]);
    expect(errorsOf(template([main()], { hostUsers: false, hostPID: true }))).toEqual([
      `${P}.HostPID: Forbidden: when \`hostUsers\` is false`,
    ]);
  });

  test('hostNetwork: a hostPort must match its containerPort', () => {
    expect(errorsOf(template([main({ ports: [{ containerPort: 80, hostPort: 81 }] })], { hostNetwork: true }))).toEqual(
      [`${C0}.ports[0].hostPort: Invalid value: 81: must match \`containerPort\` when \`hostNetwork\` is true`],
    );
  });
});

describe('pod annotations (pod-annotations.ts)', () => {
  test('seccomp annotation against the field, deletion cost', () => {
    const metadata = {
      annotations: {
        'container.seccomp.security.alpha.kubernetes.io/main': 'unconfined',
        'controller.kubernetes.io/pod-deletion-cost': '+1',
      },
    };
    const t = template([main({ securityContext: { seccompProfile: { type: 'RuntimeDefault' } } })], {}, metadata);
    expect(errorsOf(t)).toEqual([
      'spec.template.annotations[controller.kubernetes.io/pod-deletion-cost]: Invalid value: "+1": must be a 32bit integer',
      `${C0}.securityContext.seccompProfile.type: Forbidden: seccomp type in annotation and field must match`,
    ]);
  });
});
