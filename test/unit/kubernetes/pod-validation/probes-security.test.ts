import { describe, expect, test } from '@jest/globals';
import { C0, errorsOf, main, template } from './template-errors.ts';

// validation_test.go TestValidateProbe, TestValidateHandler, TestValidateSleepAction,
// TestValidateSecurityContext, TestValidateWindowsSecurityContextOptions (1.36.4).
const EXEC = { exec: { command: ['true'] } };

describe('probes and lifecycle (probes.ts)', () => {
  test('exactly one handler', () => {
    expect(errorsOf(template([main({ livenessProbe: { periodSeconds: 5 } })]))).toEqual([
      `${C0}.livenessProbe: Required value: must specify a handler type`,
    ]);
    expect(errorsOf(template([main({ readinessProbe: { ...EXEC, httpGet: { port: 80 } } })]))).toEqual([
      `${C0}.readinessProbe.httpGet: Forbidden: may not specify more than 1 handler type`,
    ]);
  });

  test('defaults first: successThreshold 0 is 1, an empty httpGet path is /', () => {
    expect(errorsOf(template([main({ livenessProbe: { httpGet: { port: 80 }, successThreshold: 0 } })]))).toEqual([]);
    expect(errorsOf(template([main({ startupProbe: { ...EXEC, successThreshold: 2 } })]))).toEqual([
      `${C0}.startupProbe.successThreshold: Invalid value: 2: must be 1`,
    ]);
  });

  test('ports, schemes and headers', () => {
    const probe = { httpGet: { port: 'HTTP', scheme: 'FTP', httpHeaders: [{ name: 'X_Y', value: '1' }] } };
    expect(errorsOf(template([main({ livenessProbe: probe })]))).toEqual([
      `${C0}.livenessProbe.httpGet.port: Invalid value: "HTTP": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)`,
      `${C0}.livenessProbe.httpGet.port: Invalid value: "HTTP": must contain at least one letter (a-z)`,
      `${C0}.livenessProbe.httpGet.scheme: Unsupported value: "FTP": supported values: "HTTP", "HTTPS"`,
      `${C0}.livenessProbe.httpGet.httpHeaders: Invalid value: "X_Y": a valid HTTP header must consist of alphanumeric characters or '-' (e.g. 'X-Header-Name', regex used for validation is '[-A-Za-z0-9]+')`,
    ]);
  });

  test('sleep within the grace period; zero allowed', () => {
    expect(errorsOf(template([main({ lifecycle: { preStop: { sleep: { seconds: 0 } } } })]))).toEqual([]);
    expect(errorsOf(template([main({ lifecycle: { preStop: { sleep: { seconds: 31 } } } })]))).toEqual([
      `${C0}.lifecycle.preStop.sleep: Invalid value: 31: must be non-negative and less than terminationGracePeriodSeconds (30)`,
    ]);
  });
});

describe('container security context (security-context.ts)', () => {
  test('id ranges and procMount', () => {
    expect(errorsOf(template([main({ securityContext: { runAsUser: -1, procMount: 'Unmasked' } })]))).toEqual([
      `${C0}.securityContext.runAsUser: Invalid value: -1: must be between 0 and 2147483647, inclusive`,
      `${C0}.securityContext.procMount: Invalid value: "Unmasked": \`hostUsers\` must be false to use \`Unmasked\``,
    ]);
    expect(errorsOf(template([main({ securityContext: { procMount: 'Unmasked' } })], { hostUsers: false }))).toEqual(
      [],
    );
  });

  test('privilege escalation: the value is printed as the Go struct', () => {
    expect(
      errorsOf(template([main({ securityContext: { privileged: true, allowPrivilegeEscalation: false } })])),
    ).toEqual([
      `${C0}.securityContext: Invalid value: {"Capabilities":null,"Privileged":true,"SELinuxOptions":null,"WindowsOptions":null,"RunAsUser":null,"RunAsGroup":null,"RunAsNonRoot":null,"ReadOnlyRootFilesystem":null,"AllowPrivilegeEscalation":false,"ProcMount":null,"SeccompProfile":null,"AppArmorProfile":null}: cannot set \`allowPrivilegeEscalation\` to false and \`privileged\` to true`,
    ]);
  });

  test('seccomp and AppArmor profiles', () => {
    const sc = { seccompProfile: { type: 'Localhost' }, appArmorProfile: { type: 'Enforce' } };
    expect(errorsOf(template([main({ securityContext: sc })]))).toEqual([
      `${C0}.securityContext.seccompProfile.localhostProfile: Required value: must be set when seccomp type is Localhost`,
      `${C0}.securityContext.appArmorProfile.type: Unsupported value: "Enforce": supported values: "Localhost", "RuntimeDefault", "Unconfined"`,
    ]);
  });
});
