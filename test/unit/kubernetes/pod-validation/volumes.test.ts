import { describe, expect, test } from '@jest/globals';
import { DEFAULT_FEATURE_GATES, FieldPath, validateVolumes } from '../../../../kubernetes/index.ts';
import { validateProjectedVolumeSource } from '../../../../kubernetes/pod-validation/volume-sources/index.ts';

const root = FieldPath.root('spec', 'volumes');
const render = (errors: readonly { path: string; message: string }[]): string[] =>
  errors.map((e) => `${e.path}: ${e.message}`);

describe('validateVolumes (ValidateVolumes of 1.36.4)', () => {
  test('the name map holds exactly the volumes without errors', () => {
    const { errors, volumes } = validateVolumes(
      [
        { name: 'ok', emptyDir: {} },
        { name: 'bad', hostPath: { path: '' } },
        { name: 'ok', configMap: { name: 'c' } },
        { name: 'claim', persistentVolumeClaim: { claimName: 'x' } },
      ],
      root,
    );
    expect([...volumes.keys()]).toEqual(['ok', 'claim']);
    expect(volumes.get('ok')).toEqual({ name: 'ok', emptyDir: {} });
    expect(render(errors)).toEqual([
      'spec.volumes[1].hostPath.path: Required value',
      'spec.volumes[2].name: Duplicate value: "ok"',
    ]);
  });

  test('messages are the API server’s', () => {
    const { errors } = validateVolumes(
      [
        { name: 'Bad.Name', secret: { secretName: 's', defaultMode: 512 } },
        { name: 'h', hostPath: { path: '/x', type: 'Nope' } },
        { name: 'i', iscsi: { targetPortal: '127.0.0.1', iqn: 'abc', lun: 300 } },
        { name: 'g', gitRepo: { repository: 'r', directory: '../x' } },
        { name: 's', secret: { secretName: 's', items: [{ key: 'k', path: '..x' }] } },
      ],
      root,
    );
    expect(render(errors)).toEqual([
      'spec.volumes[0].secret.defaultMode: Invalid value: 512: must be a number between 0 and 0777 (octal), both inclusive',
      "spec.volumes[0].name: Invalid value: \"Bad.Name\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
      'spec.volumes[1].hostPath.type: Unsupported value: "Nope": supported values: "", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"',
      'spec.volumes[2].iscsi.iqn: Invalid value: "abc": must be valid format starting with iqn, eui, or naa',
      'spec.volumes[2].iscsi.lun: Invalid value: 300: must be between 0 and 255, inclusive',
      'spec.volumes[3].gitRepo.directory: Invalid value: "../x": must not contain \'..\'',
      'spec.volumes[4].secret.items[0].path: Invalid value: "..x": must not start with \'..\'',
    ]);
  });

  test('hostile values read as absent, never crash', () => {
    const hostile = [null, 5, 'x', [], { name: { toString: 1 } }, { name: 'p', __proto__: { emptyDir: {} } }];
    expect(() => validateVolumes(hostile, root)).not.toThrow();
    expect(validateVolumes('not a list', root).errors).toEqual([]);
  });

  test('the iscsi name length is checked on the volume name', () => {
    const { errors } = validateVolumes(
      [
        {
          name: 'a'.repeat(60),
          iscsi: {
            targetPortal: '1.2.3.4:3260',
            iqn: 'iqn.2015-02.example.com:t',
            initiatorName: 'iqn.2015-02.example.com:i',
          },
        },
      ],
      root,
    );
    expect(errors.map((e) => e.path)).toEqual(['spec.volumes[0].name']);
    expect(errors[0]?.message).toContain('must be under 64 characters if iscsi.initiatorName is specified.');
  });
});

describe('projected sources behind gates that are off in 1.36.4', () => {
  const on = { ...DEFAULT_FEATURE_GATES, ClusterTrustBundleProjection: true, PodCertificateRequest: true };
  const path = FieldPath.root('v', 'projected');
  const cases: [string, unknown, string[]][] = [
    [
      'name and signerName',
      { clusterTrustBundle: { name: 'a', signerName: 'example.com/x', path: 'p' } },
      ['v.projected.sources[0].clusterTrustBundle Invalid'],
    ],
    [
      'neither name nor signerName',
      { clusterTrustBundle: { path: 'p' } },
      ['v.projected.sources[0].clusterTrustBundle Required'],
    ],
    [
      'name with a labelSelector',
      { clusterTrustBundle: { name: 'a', labelSelector: {}, path: 'p' } },
      ['v.projected.sources[0].clusterTrustBundle.labelSelector Invalid'],
    ],
    [
      'signer-style name, bad rest',
      { clusterTrustBundle: { name: 'example.com:foo:Bad_Name', path: 'p' } },
      ['v.projected.sources[0].clusterTrustBundle.name Invalid'],
    ],
    [
      'signerName without a slash',
      { clusterTrustBundle: { signerName: 'notadomain', path: 'p' } },
      ['v.projected.sources[0].clusterTrustBundle.signerName Invalid'],
    ],
    [
      'no path',
      { clusterTrustBundle: { name: 'a', path: '' } },
      ['v.projected.sources[0].clusterTrustBundle.path Required'],
    ],
    [
      'bad keyType',
      { podCertificate: { signerName: 'example.com/x', keyType: 'DSA', keyPath: 'k' } },
      ['v.projected.sources[0].podCertificate.keyType NotSupported'],
    ],
    [
      'no certificate paths',
      { podCertificate: { signerName: 'example.com/x', keyType: 'ED25519' } },
      ['v.projected.sources[0].podCertificate Required'],
    ],
    [
      'kubernetes signer over a day',
      {
        podCertificate: {
          signerName: 'kubernetes.io/x',
          keyType: 'ED25519',
          keyPath: 'k',
          maxExpirationSeconds: 86401,
        },
      },
      ['v.projected.sources[0].podCertificate.maxExpirationSeconds Invalid'],
    ],
    [
      'duplicate certificate paths',
      { podCertificate: { signerName: 'example.com/x', keyType: 'ED25519', keyPath: 's', certificateChainPath: 's' } },
      ['v.projected Invalid'],
    ],
    [
      'user annotation without a domain',
      {
        podCertificate: {
          signerName: 'example.com/x',
          keyType: 'ED25519',
          keyPath: 'k',
          userAnnotations: { plain: 'x' },
        },
      },
      ['v.projected.sources[0].podCertificate.userAnnotations Invalid'],
    ],
  ];
  test.each(cases)('%s', (_, source, expected) => {
    const projection = { sources: [source] };
    expect(validateProjectedVolumeSource(projection, path, on).map((e) => `${e.path} ${e.type}`)).toEqual(expected);
    // With 1.36.4's defaults the pod strategy drops the source: nothing to report.
    expect(validateProjectedVolumeSource(projection, path)).toEqual([]);
  });
});
