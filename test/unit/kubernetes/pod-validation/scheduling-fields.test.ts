import { describe, expect, test } from '@jest/globals';
import {
  FieldPath,
  validateDNSPolicy,
  validateHostAliases,
  validateLegacyIP,
  validateOverhead,
  validatePodDNSConfig,
  validateScheduling,
  validateTolerations,
  validateTopologySpreadConstraints,
  DEFAULT_FEATURE_GATES,
} from '../../../../kubernetes/index.ts';

const spec = FieldPath.root('spec');
const render = (errors: readonly { path: string; message: string }[]): string[] =>
  errors.map((e) => `${e.path}: ${e.message}`);

describe('tolerations (ValidateTolerations)', () => {
  test('messages', () => {
    const errors = validateTolerations(
      [
        { operator: 'Equal' },
        { key: 'k', operator: 'Exists', value: 'v', tolerationSeconds: 5 },
        { key: 'k', operator: 'Lt', value: '1' },
      ],
      spec.child('tolerations'),
    );
    expect(render(errors)).toEqual([
      'spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"',
      'spec.tolerations[1].effect: Invalid value: "": effect must be \'NoExecute\' when `tolerationSeconds` is set',
      'spec.tolerations[1].operator: Invalid value: "v": value must be empty when `operator` is \'Exists\'',
      'spec.tolerations[2].operator: Unsupported value: "Lt": supported values: "Equal", "Exists", "Lt", "Gt"',
    ]);
  });

  test('Lt/Gt values once TaintTolerationComparisonOperators is on', () => {
    const gates = { ...DEFAULT_FEATURE_GATES, TaintTolerationComparisonOperators: true };
    const errors = validateTolerations(
      [
        { key: 'k', operator: 'Gt', value: '05' },
        { key: 'k', operator: 'Lt', value: '9223372036854775808' },
        { key: 'k', operator: 'Lt', value: '-3' },
      ],
      spec.child('tolerations'),
      gates,
    );
    expect(render(errors)).toEqual([
      'spec.tolerations[0].value: Invalid value: "05": must be a valid decimal integer in canonical form',
      'spec.tolerations[1].value: Invalid value: "9223372036854775808": strconv.ParseInt: parsing "9223372036854775808": value out of range',
    ]);
  });
});

describe('topology spread (validateTopologySpreadConstraints)', () => {
  test('messages', () => {
    const errors = validateTopologySpreadConstraints(
      [
        { maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'ScheduleAnyway', minDomains: 2 },
        { maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'ScheduleAnyway' },
      ],
      spec.child('topologySpreadConstraints'),
    );
    expect(render(errors)).toEqual([
      'spec.topologySpreadConstraints[0].{topologyKey, whenUnsatisfiable}: Duplicate value: "{zone, ScheduleAnyway}"',
      'spec.topologySpreadConstraints[0].minDomains: Invalid value: 2: can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ScheduleAnyway',
    ]);
  });

  test('the legacy matchLabelKeys rule when SelectorMerge is off', () => {
    const gates = { ...DEFAULT_FEATURE_GATES, MatchLabelKeysInPodTopologySpreadSelectorMerge: false };
    const constraint = {
      maxSkew: 1,
      topologyKey: 'z',
      whenUnsatisfiable: 'DoNotSchedule',
      labelSelector: { matchLabels: { a: 'b' } },
      matchLabelKeys: ['a'],
    };
    expect(render(validateTopologySpreadConstraints([constraint], spec.child('t'), gates))).toEqual([
      'spec.t[0].matchLabelKeys[0]: Invalid value: "a": exists in both matchLabelKeys and labelSelector',
    ]);
    expect(validateTopologySpreadConstraints([constraint], spec.child('t'))).toEqual([]);
  });
});

describe('DNS, host aliases and IPs', () => {
  test('dnsPolicy defaults to ClusterFirst', () => {
    expect(validateDNSPolicy(undefined, spec.child('dnsPolicy'))).toEqual([]);
    expect(render(validateDNSPolicy('Cluster', spec.child('dnsPolicy')))).toEqual([
      'spec.dnsPolicy: Unsupported value: "Cluster": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"',
    ]);
  });

  test('dnsConfig messages', () => {
    expect(render(validatePodDNSConfig(undefined, spec.child('dnsConfig'), 'None'))).toEqual([
      'spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None',
    ]);
    expect(
      render(
        validatePodDNSConfig(
          { nameservers: ['1.2.3.4', '1.1.1.1', '8.8.8.8', '9.9.9.9'], searches: ['a_b.', '.'] },
          spec.child('dnsConfig'),
          'ClusterFirst',
        ),
      ),
    ).toEqual([
      'spec.dnsConfig.nameservers: Invalid value: ["1.2.3.4","1.1.1.1","8.8.8.8","9.9.9.9"]: must not have more than 3 nameservers',
    ]);
  });

  test('legacy IPs under StrictIPCIDRValidation', () => {
    const at = spec.child('ip');
    for (const ok of [
      '1.2.3.4',
      '0.0.0.0',
      '::',
      '::1',
      '2001:db8::1',
      'FE80::0202:B3FF:FE1E:8329',
      '64:ff9b::1.2.3.4',
      '1:2:3:4:5:6:7:8',
    ])
      expect([ok, validateLegacyIP(ok, at)]).toEqual([ok, []]);
    for (const bad of [
      '',
      '1.2.3',
      '256.1.1.1',
      '1.2.3.4.5',
      ':::',
      '1:2:3:4:5:6:7:8:9',
      'fe80::1%eth0',
      'g::1',
      '1::2::3',
    ])
      expect([bad, render(validateLegacyIP(bad, at))]).toEqual([
        bad,
        [
          `spec.ip: Invalid value: ${JSON.stringify(bad)}: must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)`,
        ],
      ]);
    expect(render(validateLegacyIP('010.1.1.1', at))).toEqual([
      'spec.ip: Invalid value: "010.1.1.1": must not have leading 0s',
    ]);
    expect(render(validateLegacyIP('::ffff:1.2.3.4', at))).toEqual([
      'spec.ip: Invalid value: "::ffff:1.2.3.4": must not be an IPv4-mapped IPv6 address',
    ]);
    expect(validateLegacyIP('010.1.1.1', at, false)).toEqual([]);
  });

  test('host aliases', () => {
    expect(
      render(validateHostAliases([{ ip: '1.2.3.4', hostnames: ['ok', 'Not_OK'] }], spec.child('hostAliases'))),
    ).toEqual([
      "spec.hostAliases[0].hostnames[1]: Invalid value: \"Not_OK\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ]);
  });
});

describe('scheduling fields and OS rules', () => {
  test('messages', () => {
    const errors = validateScheduling(
      {
        resourceClaims: [{ name: 'a' }],
        schedulingGates: [{ name: 'g' }, { name: 'g' }],
        os: { name: 'windows' },
        hostPID: true,
        containers: [{ name: 'c', securityContext: { privileged: false } }],
      },
      spec,
    );
    expect(render(errors)).toEqual([
      'spec.resourceClaims[0]: Invalid value: {"Name":"a","ResourceClaimName":null,"ResourceClaimTemplateName":null}: must specify one of: `resourceClaimName`, `resourceClaimTemplateName`',
      'spec.schedulingGates[1]: Duplicate value: "g"',
      'spec.hostPID: Forbidden: cannot be set for a windows pod',
      'spec.containers[0].securityContext.privileged: Forbidden: cannot be set for a windows pod',
    ]);
  });

  test('hostProcess containers (validateWindowsHostProcessPod)', () => {
    const errors = validateScheduling(
      {
        securityContext: { windowsOptions: { hostProcess: true } },
        containers: [{ name: 'a', securityContext: { windowsOptions: { hostProcess: false } } }, { name: 'b' }],
      },
      spec,
    );
    expect(render(errors)).toEqual([
      'spec.containers[0].securityContext.windowsOptions.hostProcess: Invalid value: false: pod hostProcess value must be identical if both are specified, was true',
      'spec: Invalid value: "": If pod contains any hostProcess containers then all containers must be HostProcess containers',
      'spec.hostNetwork: Invalid value: false: hostNetwork must be true if pod contains any hostProcess containers',
    ]);
  });

  test('overhead is checked as container limits by the given validator', () => {
    const seen: unknown[] = [];
    validateOverhead({ cpu: '1' }, spec.child('overhead'), (requirements, at) => {
      seen.push([requirements, at.toString()]);
      return [];
    });
    expect(seen).toEqual([[{ limits: { cpu: '1' } }, 'spec.overhead']]);
  });
});
