import { describe, expect, test } from '@jest/globals';
import { C0, errorsOf, main, template } from './template-errors.ts';

// validation_test.go TestValidateVolumeMounts, TestAlphaValidateVolumeDevices, TestValidatePorts,
// TestValidateResourceRequirements (1.36.4).
describe('volume mounts and devices (volume-mounts.ts)', () => {
  test('a mount of a volume the pod does not declare: Not found (issue 12)', () => {
    expect(errorsOf(template([main({ volumeMounts: [{ name: 'data', mountPath: '/data' }] })]))).toEqual([
      `${C0}.volumeMounts[0].name: Not found: "data"`,
    ]);
  });

  test('subPath errors are reported at the list path, as upstream does', () => {
    const t = template([main({ volumeMounts: [{ name: 'd', mountPath: '/d', subPath: '../x' }] })], {
      volumes: [{ name: 'd', emptyDir: {} }],
    });
    expect(errorsOf(t)).toEqual([`${C0}.volumeMounts.subPath: Invalid value: "../x": must not contain '..'`]);
  });

  test('a block device needs a PVC or ephemeral volume', () => {
    const t = template([main({ volumeDevices: [{ name: 'd', devicePath: '/dev/d' }] })], {
      volumes: [{ name: 'd', emptyDir: {} }],
    });
    expect(errorsOf(t)).toEqual([
      `${C0}.volumeDevices[0].name: Invalid value: "d": can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode`,
    ]);
  });
});

describe('ports (ports.ts)', () => {
  test('ranges, names, protocols and host-port clashes', () => {
    const ports = [
      { name: 'HTTP', containerPort: 0 },
      { containerPort: 80, hostPort: 8080 },
      { containerPort: 81, hostPort: 8080, protocol: 'TCP' },
      { containerPort: 82, protocol: 'ICMP' },
    ];
    expect(errorsOf(template([main({ ports })]))).toEqual([
      `${C0}.ports[0].name: Invalid value: "HTTP": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)`,
      `${C0}.ports[0].name: Invalid value: "HTTP": must contain at least one letter (a-z)`,
      `${C0}.ports[0].containerPort: Required value`,
      `${C0}.ports[3].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"`,
      `${C0}.ports[2].hostPort: Duplicate value: "TCP//8080"`,
    ]);
  });
});

describe('resources (resources.ts)', () => {
  test('requests above limits, extended resources, names', () => {
    const resources = {
      limits: { cpu: '1', 'example.com/gpu': '2', gpu: '1' },
      requests: { cpu: '2', 'example.com/gpu': '1' },
    };
    expect(errorsOf(template([main({ resources })]))).toEqual([
      `${C0}.resources.limits[gpu]: Invalid value: "gpu": must be a standard resource type or fully qualified`,
      `${C0}.resources.limits[gpu]: Invalid value: "gpu": must be a standard resource for containers`,
      `${C0}.resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1`,
      `${C0}.resources.requests: Invalid value: "1": must be equal to example.com/gpu limit of 2`,
    ]);
  });

  test('a request rounded up to milli-units equals its limit', () => {
    expect(errorsOf(template([main({ resources: { limits: { cpu: '1m' }, requests: { cpu: '100u' } } })]))).toEqual([]);
  });

  test('a claim the pod does not declare', () => {
    expect(errorsOf(template([main({ resources: { claims: [{ name: 'gpu' }] } })]))).toEqual([
      `${C0}.resources.claims[0]: Not found: "gpu": must be one of the names in pod.spec.resourceClaims which is empty`,
    ]);
  });
});
