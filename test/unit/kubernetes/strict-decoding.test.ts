import { describe, expect, test } from '@jest/globals';
import { documentDecodeProblems } from '../../../kubernetes/index.ts';
import { quantitySyntaxError, QUANTITY_ERRORS } from '../../../kubernetes/quantity-syntax.ts';
import { rfc3339Error } from '../../../kubernetes/rfc3339.ts';

/** Messages recorded from the testbed's kube-apiserver 1.36.4 (dryRun=All, fieldValidation=Strict). */
function job(podSpec: Record<string, unknown>, spec: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'p' },
    spec: {
      ...spec,
      template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox' }], ...podSpec } },
    },
  };
}

describe('strict decoding follows the API server decoder', () => {
  test('every unknown field is reported once the body decodes, in kubectl order (keys sorted)', () => {
    const manifest = job(
      { volumes: [{ name: 'v', emptyDir: { x: 1 } }], containers: [{ name: 'main', image: 'b', comand: ['x'] }] },
      { foo: 1 },
    );
    expect(documentDecodeProblems(manifest, 'Job').map((p) => p.message)).toEqual([
      'unknown field "spec.foo"',
      'unknown field "spec.template.spec.containers[0].comand"',
      'unknown field "spec.template.spec.volumes[0].emptyDir.x"',
    ]);
  });

  test('a type error hides the unknown fields, and only the first type error is reported', () => {
    const manifest = job({ containers: [{ name: 'main', image: 'b', ports: 'x' }] }, { completions: 'x', foo: 1 });
    expect(documentDecodeProblems(manifest, 'Job')).toEqual([
      {
        kind: 'type',
        path: 'spec.completions',
        message: 'json: cannot unmarshal string into Go struct field JobSpec.spec.completions of type int32',
      },
    ]);
  });

  test('a quantity that does not parse stops the decoder, even after an earlier type error', () => {
    const manifest = job(
      { containers: [{ name: 'main', image: 'b', resources: { limits: { cpu: 'lots' } } }] },
      {
        completions: 'x',
      },
    );
    expect(documentDecodeProblems(manifest, 'Job')).toEqual([
      { kind: 'type', path: 'spec.template.spec.containers[0].resources.limits[cpu]', message: QUANTITY_ERRORS.format },
    ]);
  });

  test('fields of embedded structs name the struct in the field stack', () => {
    const manifest = job({ containers: [{ name: 'main', image: 'b', livenessProbe: { httpGet: { port: true } } }] });
    expect(documentDecodeProblems(manifest, 'Job').map((p) => p.message)).toEqual([
      'json: cannot unmarshal bool into Go struct field HTTPGetAction.spec.template.spec.containers.livenessProbe.ProbeHandler.httpGet.port of type int32',
    ]);
  });

  test('a string-keyed map names its element type', () => {
    expect(documentDecodeProblems(job({ nodeSelector: { a: 1 } }), 'Job').map((p) => p.message)).toEqual([
      'json: cannot unmarshal number into Go struct field PodSpec.spec.template.spec.nodeSelector of type string',
    ]);
  });
});

describe('resource.ParseQuantity', () => {
  test.each(['1', '100m', '1.5', '1Gi', '1e3', '1E-3', '-1', '+2k', '.5', '0', '000', '1.', '5Ei'])(
    '%s parses',
    (text) => {
      expect(quantitySyntaxError(text)).toBeUndefined();
    },
  );
  test.each([
    ['', QUANTITY_ERRORS.format],
    ['lots', QUANTITY_ERRORS.format],
    ['true', QUANTITY_ERRORS.format],
    ['1 Gi', QUANTITY_ERRORS.format],
    ['5ki', QUANTITY_ERRORS.suffix],
    ['1Mb', QUANTITY_ERRORS.format],
    ['1kk', QUANTITY_ERRORS.suffix],
  ])('%j is refused: %s', (text, message) => {
    expect(quantitySyntaxError(text)).toBe(message);
  });
});

describe('time.Parse(RFC3339)', () => {
  test.each(['2024-01-01T00:00:00Z', '2024-02-29T23:59:59.123+02:00', '1999-12-31T12:00:00-05:30'])(
    '%s parses',
    (t) => {
      expect(rfc3339Error(t)).toBeUndefined();
    },
  );
  test.each([
    ['x', 'parsing time "x" as "2006-01-02T15:04:05Z07:00": cannot parse "x" as "2006"'],
    ['2024-13-01T00:00:00Z', 'parsing time "2024-13-01T00:00:00Z": month out of range'],
    ['2023-02-29T00:00:00Z', 'parsing time "2023-02-29T00:00:00Z": day out of range'],
    [
      '2024-01-01 00:00:00Z',
      'parsing time "2024-01-01 00:00:00Z" as "2006-01-02T15:04:05Z07:00": cannot parse " 00:00:00Z" as "T"',
    ],
  ])('%s is refused', (text, message) => {
    expect(rfc3339Error(text)).toBe(message);
  });
});
