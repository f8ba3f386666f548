import { arr, has, int, obj, objects, own, str, type JsonObject } from '../decoded-access.ts';
import { checkNonNegative, fieldError, type FieldError } from '../field-error.ts';
import type { FieldPath } from '../field-path.ts';
import { validatePortNumOrName } from './ports.ts';
import { httpHeaderNameErrors } from './value-checks.ts';

/**
 * Probes and lifecycle handlers (validation.go validateProbe and friends). The generated
 * defaulters run first: SetDefaults_Probe turns a zero timeoutSeconds, periodSeconds,
 * successThreshold or failureThreshold into 1, 10, 1, 3, and SetDefaults_HTTPGetAction an empty
 * path and scheme into `/` and HTTP. `lifecycle.stopSignal` needs the ContainerStopSignals gate
 * (alpha, off in 1.36.4): the API server drops it before validation, so it is not checked.
 */

const HTTP_SCHEMES = ['HTTP', 'HTTPS'];
const PROBE_DEFAULTS: Readonly<Record<string, number>> = {
  timeoutSeconds: 1,
  periodSeconds: 10,
  successThreshold: 1,
  failureThreshold: 3,
};
type ProbeKind = 'livenessProbe' | 'readinessProbe' | 'startupProbe';

/** A probe field after SetDefaults_Probe. */
function probeField(probe: JsonObject, key: string): number {
  const value = int(probe, key) ?? 0;
  return value === 0 ? (PROBE_DEFAULTS[key] ?? 0) : value;
}

/** validation.go validateLivenessProbe, validateReadinessProbe and validateStartupProbe. */
export function validateProbeOf(
  container: JsonObject,
  kind: ProbeKind,
  gracePeriod: number | undefined,
  path: FieldPath,
): FieldError[] {
  const probe = obj(container, kind);
  if (!probe) return [];
  const errors = validateProbe(probe, gracePeriod, path);
  if (kind !== 'readinessProbe') {
    const success = probeField(probe, 'successThreshold');
    if (success !== 1) errors.push(fieldError.invalid(path.child('successThreshold'), success, 'must be 1'));
  } else if (has(probe, 'terminationGracePeriodSeconds')) {
    errors.push(
      fieldError.invalid(
        path.child('terminationGracePeriodSeconds'),
        own(probe, 'terminationGracePeriodSeconds'),
        'must not be set for readinessProbes',
      ),
    );
  }
  return errors;
}

/** validation.go validateProbe. */
function validateProbe(probe: JsonObject, gracePeriod: number | undefined, path: FieldPath): FieldError[] {
  const errors = validateHandler(probe, ['exec', 'httpGet', 'tcpSocket', 'grpc'], gracePeriod, path);
  errors.push(...checkNonNegative(int(probe, 'initialDelaySeconds') ?? 0, path.child('initialDelaySeconds')));
  for (const key of ['timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'])
    errors.push(...checkNonNegative(probeField(probe, key), path.child(key)));
  const grace = int(probe, 'terminationGracePeriodSeconds');
  if (grace !== undefined && grace <= 0)
    errors.push(fieldError.invalid(path.child('terminationGracePeriodSeconds'), grace, 'must be greater than 0'));
  return errors;
}

/** validation.go validateLifecycle (postStart and preStop; see above for stopSignal). */
export function validateLifecycle(
  lifecycle: JsonObject,
  gracePeriod: number | undefined,
  path: FieldPath,
): FieldError[] {
  const errors: FieldError[] = [];
  for (const key of ['postStart', 'preStop']) {
    const handler = obj(lifecycle, key);
    if (handler)
      errors.push(...validateHandler(handler, ['exec', 'httpGet', 'tcpSocket', 'sleep'], gracePeriod, path.child(key)));
  }
  return errors;
}

/** validation.go validateHandler: exactly one handler type, each checked; the later ones Forbidden. */
function validateHandler(
  handler: JsonObject,
  kinds: readonly string[],
  gracePeriod: number | undefined,
  path: FieldPath,
): FieldError[] {
  const errors: FieldError[] = [];
  let count = 0;
  for (const kind of kinds) {
    const action = obj(handler, kind);
    if (!action) continue;
    if (count > 0) {
      errors.push(fieldError.forbidden(path.child(kind), 'may not specify more than 1 handler type'));
      continue;
    }
    count++;
    errors.push(...validateAction(kind, action, gracePeriod, path.child(kind)));
  }
  if (count === 0) errors.push(fieldError.required(path, 'must specify a handler type'));
  return errors;
}

function validateAction(
  kind: string,
  action: JsonObject,
  gracePeriod: number | undefined,
  path: FieldPath,
): FieldError[] {
  switch (kind) {
    case 'exec':
      // validateExecAction.
      return (arr(action, 'command') ?? []).length === 0 ? [fieldError.required(path.child('command'))] : [];
    case 'httpGet':
      return validateHttpGetAction(action, path);
    case 'tcpSocket':
      return validatePortNumOrName(own(action, 'port'), path.child('port'));
    case 'grpc':
      // validateGRPCAction: an int32 port.
      return validatePortNumOrName(int(action, 'port') ?? 0, path.child('port'));
    default:
      return validateSleepAction(action, gracePeriod, path);
  }
}

/** validation.go validateHTTPGetAction (after SetDefaults_HTTPGetAction). */
function validateHttpGetAction(action: JsonObject, path: FieldPath): FieldError[] {
  const errors = validatePortNumOrName(own(action, 'port'), path.child('port'));
  const scheme = str(action, 'scheme') || 'HTTP';
  if (!HTTP_SCHEMES.includes(scheme)) errors.push(fieldError.notSupported(path.child('scheme'), scheme, HTTP_SCHEMES));
  for (const header of objects(action, 'httpHeaders')) {
    const name = str(header, 'name') ?? '';
    for (const m of httpHeaderNameErrors(name)) errors.push(fieldError.invalid(path.child('httpHeaders'), name, m));
  }
  return errors;
}

/**
 * validation.go validateSleepAction with PodLifecycleSleepActionAllowZero (GA in 1.34, locked
 * on): 0 is allowed; the grace period bounds it.
 */
function validateSleepAction(sleep: JsonObject, gracePeriod: number | undefined, path: FieldPath): FieldError[] {
  const seconds = int(sleep, 'seconds') ?? 0;
  if (gracePeriod !== undefined && (seconds < 0 || seconds > gracePeriod))
    return [
      fieldError.invalid(
        path,
        seconds,
        `must be non-negative and less than terminationGracePeriodSeconds (${gracePeriod})`,
      ),
    ];
  return [];
}
