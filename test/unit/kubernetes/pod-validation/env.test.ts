import { describe, expect, test } from '@jest/globals';
import { C0, errorsOf, main, template } from './template-errors.ts';

// validation_test.go TestValidateEnv, TestRelaxedValidateEnv, TestValidateEnvFrom,
// TestValidateEnvVarValueFromFileKeyRef (1.36.4).
const env = (...items: unknown[]): string[] => errorsOf(template([main({ env: items })]));
const E = `${C0}.env[0]`;

describe('env and envFrom (env.ts)', () => {
  test('relaxed names are accepted; = is not', () => {
    expect(env({ name: '1 a:b', value: 'x' })).toEqual([]);
    expect(env({ name: 'A=B' })).toEqual([
      `${E}.name: Invalid value: "A=B": a valid environment variable name must consist only of printable ASCII characters other than '='`,
    ]);
  });

  test('valueFrom: one source, none beside a value', () => {
    expect(env({ name: 'A', valueFrom: {} })).toEqual([
      `${E}.valueFrom: Invalid value: "": must specify one of: \`fieldRef\`, \`resourceFieldRef\`, \`configMapKeyRef\`, \`secretKeyRef\` or \`fileKeyRef\``,
    ]);
    expect(env({ name: 'A', value: 'x', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } })).toEqual([
      `${E}.valueFrom: Invalid value: "": may not be specified when \`value\` is not empty`,
    ]);
    expect(
      env({
        name: 'A',
        valueFrom: { fieldRef: { fieldPath: 'metadata.name' }, secretKeyRef: { name: 's', key: 'k' } },
      }),
    ).toEqual([`${E}.valueFrom: Invalid value: "": may not have more than one field specified at a time`]);
  });

  test('fieldRef paths', () => {
    expect(env({ name: 'A', valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']" } } })).toEqual([]);
    expect(env({ name: 'A', valueFrom: { fieldRef: { fieldPath: 'spec.restartPolicy' } } })).toEqual([
      `${E}.valueFrom.fieldRef.fieldPath: Unsupported value: "spec.restartPolicy": supported values: "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs"`,
    ]);
    expect(env({ name: 'A', valueFrom: { fieldRef: { apiVersion: 'v2', fieldPath: 'metadata.name' } } })).toEqual([
      `${E}.valueFrom.fieldRef.fieldPath: Invalid value: "metadata.name": error converting fieldPath: unsupported pod version: v2`,
    ]);
  });

  test('resourceFieldRef divisors', () => {
    expect(env({ name: 'A', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '2' } } })).toEqual([
      `${E}.valueFrom.resourceFieldRef.divisor: Invalid value: "limits.cpu": only divisor's values 1m and 1 are supported with the cpu resource`,
    ]);
    expect(env({ name: 'A', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } })).toEqual(
      [],
    );
  });

  test('fileKeyRef names an emptyDir volume of the pod', () => {
    const ref = { name: 'A', valueFrom: { fileKeyRef: { volumeName: 'cfg', path: 'a.env', key: 'K' } } };
    expect(env(ref)).toEqual([`${E}.valueFrom.fileKeyRef.volumeName: Not found: "cfg"`]);
    expect(errorsOf(template([main({ env: [ref] })], { volumes: [{ name: 'cfg', emptyDir: {} }] }))).toEqual([]);
  });

  test('envFrom: one source, reported at the list', () => {
    expect(errorsOf(template([main({ envFrom: [{ prefix: 'P_' }] })]))).toEqual([
      `${C0}.envFrom: Invalid value: "": must specify one of: \`configMapRef\` or \`secretRef\``,
    ]);
  });
});
