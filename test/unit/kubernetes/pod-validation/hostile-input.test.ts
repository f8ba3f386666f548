import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import {
  FieldPath,
  validateAffinity,
  validateDNSPolicy,
  validateHostAliases,
  validatePodDNSConfig,
  validatePodSecurityContext,
  validateScheduling,
  validateTolerations,
  validateTopologySpreadConstraints,
  validateVolumes,
} from '../../../../kubernetes/index.ts';

/**
 * Decoded manifests are hostile: any JSON shape at any field. The validators must read wrong
 * types as absent and never throw, whatever they are given.
 */
const keys = fc.constantFrom(
  'name',
  'path',
  'items',
  'key',
  'operator',
  'values',
  'sources',
  'secret',
  'configMap',
  'projected',
  'downwardAPI',
  'fieldRef',
  'resourceFieldRef',
  'divisor',
  'ephemeral',
  'volumeClaimTemplate',
  'spec',
  'metadata',
  'labelSelector',
  'matchExpressions',
  'matchLabels',
  'nodeSelectorTerms',
  'topologyKey',
  'sysctls',
  'windowsOptions',
  'runAsUserName',
  'seccompProfile',
  'nameservers',
  'searches',
  'hostnames',
  'ip',
  'os',
  'containers',
  'securityContext',
  'hostProcess',
  'iscsi',
  'initiatorName',
  'constructor',
  '__proto__',
  'toString',
);
const hostile = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double(),
    fc.string(),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(keys, tie('value'), { maxKeys: 4 }),
  ),
})).value;

const root = FieldPath.root('spec');
const validators: [string, (value: unknown) => unknown][] = [
  ['volumes', (v) => validateVolumes(v, root)],
  ['volume list', (v) => validateVolumes([v, { name: 'x', projected: v }, { name: 'y', ephemeral: v }], root)],
  ['securityContext', (v) => validatePodSecurityContext(v, root, v)],
  ['affinity', (v) => validateAffinity(v, root)],
  ['tolerations', (v) => validateTolerations(v, root)],
  ['topology spread', (v) => validateTopologySpreadConstraints(v, root)],
  ['dns', (v) => [validateDNSPolicy(v, root), validatePodDNSConfig(v, root, 'None')]],
  ['host aliases', (v) => validateHostAliases(v, root)],
  ['scheduling', (v) => validateScheduling(v, root)],
];

describe('pod-level validators on hostile decoded values', () => {
  test.each(validators)('%s never throws', (_, validate) => {
    fc.assert(
      fc.property(hostile, (value) => {
        expect(() => validate(value)).not.toThrow();
      }),
      { seed: 12, numRuns: 300 },
    );
  });
});
