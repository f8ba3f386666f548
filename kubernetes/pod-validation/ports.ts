import { int, objects, own, str, type JsonObject } from '../decoded-access.ts';
import { fieldError, type FieldError } from '../field-error.ts';
import type { FieldPath } from '../field-path.ts';
import { portNameErrors, portNumErrors } from './value-checks.ts';

const SUPPORTED_PORT_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

/** The generated defaulters set an empty protocol to TCP in every container list. */
function protocolOf(port: JsonObject): string {
  return str(port, 'protocol') || 'TCP';
}

/** validation.go validateContainerPorts. */
export function validateContainerPorts(container: JsonObject, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const names = new Set<string>();
  objects(container, 'ports').forEach((port, i) => {
    const at = path.index(i);
    const name = str(port, 'name') ?? '';
    if (name.length > 0) {
      const messages = portNameErrors(name);
      if (messages.length > 0) for (const m of messages) errors.push(fieldError.invalid(at.child('name'), name, m));
      else if (names.has(name)) errors.push(fieldError.duplicate(at.child('name'), name));
      else names.add(name);
    }
    const containerPort = int(port, 'containerPort') ?? 0;
    if (containerPort === 0) errors.push(fieldError.required(at.child('containerPort')));
    else
      for (const m of portNumErrors(containerPort))
        errors.push(fieldError.invalid(at.child('containerPort'), containerPort, m));
    const hostPort = int(port, 'hostPort') ?? 0;
    if (hostPort !== 0)
      for (const m of portNumErrors(hostPort)) errors.push(fieldError.invalid(at.child('hostPort'), hostPort, m));
    const protocol = protocolOf(port);
    if (!SUPPORTED_PORT_PROTOCOLS.includes(protocol))
      errors.push(fieldError.notSupported(at.child('protocol'), protocol, SUPPORTED_PORT_PROTOCOLS));
  });
  return errors;
}

/**
 * validation.go AccumulateUniqueHostPorts (checkHostPortConflicts gives it a fresh set): a host
 * port may be used once per protocol and host IP across the containers given.
 */
export function checkHostPortConflicts(containers: readonly JsonObject[], path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  containers.forEach((container, ci) => {
    objects(container, 'ports').forEach((port, pi) => {
      const hostPort = int(port, 'hostPort') ?? 0;
      if (hostPort === 0) return;
      const key = `${protocolOf(port)}/${str(port, 'hostIP') ?? ''}/${hostPort}`;
      if (seen.has(key))
        errors.push(fieldError.duplicate(path.index(ci).child('ports').index(pi).child('hostPort'), key));
      else seen.add(key);
    });
  });
  return errors;
}

/** validation.go ValidatePortNumOrName (an IntOrString: a number is a port, a string a port name). */
export function validatePortNumOrName(port: unknown, path: FieldPath): FieldError[] {
  if (typeof port === 'number') return portNumErrors(port).map((m) => fieldError.invalid(path, port, m));
  if (typeof port === 'string') return portNameErrors(port).map((m) => fieldError.invalid(path, port, m));
  // Absent: the zero IntOrString is the integer 0.
  return port === undefined || port === null ? portNumErrors(0).map((m) => fieldError.invalid(path, 0, m)) : [];
}

/** The port of a handler, read as an own property (decoded data inherits nothing). */
export function portOf(action: unknown): unknown {
  return own(action, 'port');
}
