import { describe, expect, test } from '@jest/globals';
import { C0, errorsOf, main, template } from './template-errors.ts';

// validation_test.go TestValidateContainers, TestValidateInitContainers, TestValidateEphemeralContainers,
// TestValidateContainerRestartPolicy, TestValidateResizePolicy (1.36.4), messages as the API server prints them.
describe('containers (containers.ts, container-restart-policy.ts)', () => {
  test('a valid template has no errors', () => {
    expect(errorsOf(template([main()]))).toEqual([]);
  });

  test('no containers: Required at the list', () => {
    expect(errorsOf(template([]))).toEqual(['spec.template.spec.containers: Required value']);
  });

  test('names: DNS label, duplicates across containers and init containers', () => {
    const t = template([main(), main()], {
      initContainers: [{ ...main(), terminationMessagePolicy: 'File', imagePullPolicy: 'Always' }],
    });
    expect(errorsOf(t)).toEqual([
      'spec.template.spec.containers[1].name: Duplicate value: "main"',
      'spec.template.spec.initContainers[0].name: Duplicate value: "main"',
    ]);
    expect(errorsOf(template([main({ name: 'Main' })]))).toEqual([
      `${C0}.name: Invalid value: "Main": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
    ]);
  });

  test('image, policies', () => {
    expect(errorsOf(template([{ name: 'main', imagePullPolicy: 'Sometimes', terminationMessagePolicy: 'X' }]))).toEqual(
      [
        `${C0}.image: Required value`,
        `${C0}.terminationMessagePolicy: Unsupported value: "X": supported values: "File", "FallbackToLogsOnError"`,
        `${C0}.imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"`,
      ],
    );
  });

  test('an init container may not have probes or lifecycle unless it is a sidecar', () => {
    const probe = { exec: { command: ['true'] } };
    const init = {
      ...main({ name: 'init' }),
      terminationMessagePolicy: 'File',
      imagePullPolicy: 'Always',
      livenessProbe: probe,
    };
    expect(errorsOf(template([main()], { initContainers: [init] }))).toEqual([
      'spec.template.spec.initContainers[0].livenessProbe: Forbidden: may not be set for init containers without restartPolicy=Always',
    ]);
    expect(errorsOf(template([main()], { initContainers: [{ ...init, restartPolicy: 'Always' }] }))).toEqual([]);
  });

  test('container restart rules', () => {
    const rules = [{ action: 'Reboot', exitCodes: { operator: 'Equals', values: [1] } }, { action: 'Restart' }];
    expect(errorsOf(template([main({ restartPolicyRules: rules })]))).toEqual([
      `${C0}.restartPolicy: Required value: must specify restartPolicy when restart rules are used`,
      `${C0}.restartPolicyRules[0].action: Unsupported value: "Reboot": supported values: "Restart", "RestartAllContainers"`,
      `${C0}.restartPolicyRules[0].exitCodes.operator: Unsupported value: "Equals": supported values: "In", "NotIn"`,
      `${C0}.restartPolicyRules[1].exitCodes: Required value: must be specified`,
    ]);
  });

  test('resize policy RestartContainer needs a pod that restarts', () => {
    expect(
      errorsOf(template([main({ resizePolicy: [{ resourceName: 'cpu', restartPolicy: 'RestartContainer' }] })])),
    ).toEqual([
      `${C0}.resizePolicy: Invalid value: "RestartContainer": must be 'NotRequired' when pod \`restartPolicy\` is 'Never'`,
    ]);
  });

  test('ephemeral containers: forbidden in a template, and checked as containers', () => {
    const debug = {
      name: 'main',
      image: 'busybox',
      terminationMessagePolicy: 'File',
      imagePullPolicy: 'Always',
      ports: [{ containerPort: 80 }],
      targetContainerName: 'x',
    };
    expect(errorsOf(template([main()], { ephemeralContainers: [debug] }))).toEqual([
      'spec.template.spec.ephemeralContainers[0].name: Duplicate value: "main"',
      'spec.template.spec.ephemeralContainers[0].targetContainerName: Not found: "x"',
      'spec.template.spec.ephemeralContainers[0].ports: Forbidden: cannot be set for an Ephemeral Container',
      'spec.template.spec.ephemeralContainers: Forbidden: ephemeral containers not allowed in pod template',
    ]);
  });
});
