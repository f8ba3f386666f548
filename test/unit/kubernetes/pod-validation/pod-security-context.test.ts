import { describe, expect, test } from '@jest/globals';
import { FieldPath, isValidSysctlName, validatePodSecurityContext } from '../../../../kubernetes/index.ts';

const path = FieldPath.root('spec', 'securityContext');
const render = (errors: readonly { path: string; message: string }[]): string[] =>
  errors.map((e) => `${e.path}: ${e.message}`);

describe('validatePodSecurityContext (validatePodSpecSecurityContext of 1.36.4)', () => {
  test('ids, sysctls and policies with the API server’s messages', () => {
    const errors = validatePodSecurityContext(
      {
        runAsUser: -1,
        supplementalGroups: [1, 2147483648],
        sysctls: [
          { name: 'net.core.somaxconn' },
          { name: 'kernel.shm_rmid_forced' },
          { name: 'kernel.shm_rmid_forced' },
          { name: '_bad' },
        ],
        fsGroupChangePolicy: 'Sometimes',
        seLinuxChangePolicy: 'MountOption',
      },
      path,
      { hostNetwork: true, hostIPC: true },
    );
    expect(render(errors)).toEqual([
      'spec.securityContext.runAsUser: Invalid value: -1: must be between 0 and 2147483647, inclusive',
      'spec.securityContext.supplementalGroups[1]: Invalid value: 2147483648: must be between 0 and 2147483647, inclusive',
      'spec.securityContext.sysctls[0].name: Invalid value: "net.core.somaxconn": may not be specified when \'hostNetwork\' is true',
      'spec.securityContext.sysctls[1].name: Invalid value: "kernel.shm_rmid_forced": may not be specified when \'hostIPC\' is true',
      'spec.securityContext.sysctls[2].name: Duplicate value: "kernel.shm_rmid_forced"',
      'spec.securityContext.sysctls[2].name: Invalid value: "kernel.shm_rmid_forced": may not be specified when \'hostIPC\' is true',
      'spec.securityContext.sysctls[3].name: Invalid value: "_bad": must have at most 253 characters and match regex ^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$',
      'spec.securityContext.fsGroupChangePolicy: Unsupported value: "Sometimes": supported values: "Always", "OnRootMismatch"',
      'spec.securityContext.seLinuxChangePolicy: Unsupported value: "MountOption": supported values: "Recursive"',
    ]);
  });

  test('shareProcessNamespace with hostPID is reported under securityContext, as the internal type has it', () => {
    expect(render(validatePodSecurityContext(undefined, path, { hostPID: true, shareProcessNamespace: true }))).toEqual(
      [
        'spec.securityContext.shareProcessNamespace: Invalid value: true: ShareProcessNamespace and HostPID cannot both be enabled',
      ],
    );
  });

  test('profiles: seccomp, AppArmor and Windows options', () => {
    const errors = validatePodSecurityContext(
      {
        seccompProfile: { type: 'Localhost' },
        appArmorProfile: { type: 'Localhost', localhostProfile: ' padded ' },
        windowsOptions: { runAsUserName: 'a\\b\\c', gmsaCredentialSpec: '' },
      },
      path,
      {},
    );
    expect(render(errors)).toEqual([
      'spec.securityContext.seccompProfile.localhostProfile: Required value: must be set when seccomp type is Localhost',
      'spec.securityContext.windowsOptions.gmsaCredentialSpec: Invalid value: "": gmsaCredentialSpec cannot be an empty string',
      'spec.securityContext.windowsOptions.runAsUserName: Invalid value: "a\\\\b\\\\c": runAsUserName cannot contain more than one backslash',
      'spec.securityContext.appArmorProfile.localhostProfile: Invalid value: " padded ": must not be padded with whitespace',
    ]);
  });

  test('sysctl names (validation_test.go TestValidateSysctls, IsValidSysctlName)', () => {
    for (const name of ['a.b.c.d', 'a', 'a_b', 'a-b', 'abc', 'abc.def', 'a/b/c/d', 'a/b.c'])
      expect(isValidSysctlName(name)).toBe(true);
    for (const name of [
      '',
      '*',
      'ä',
      'a_',
      '_',
      '__',
      '_a',
      '_a._b',
      '-',
      '.',
      'a.',
      '.a',
      'a.b.',
      'a*.b',
      'a*b',
      '*a',
      'a.*',
      '*',
      'abc*',
      'a.abc*',
      'a.b.*',
      'Abc',
      'a/b/c/d/',
      'a'.repeat(254),
    ])
      expect(isValidSysctlName(name)).toBe(false);
  });

  test('hostile values never crash', () => {
    expect(() =>
      validatePodSecurityContext({ sysctls: [null, 3, { name: 5 }], supplementalGroups: 'x' }, path, null),
    ).not.toThrow();
  });
});
