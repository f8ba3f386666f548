import { evaluate, isApiServerRejection, resolvePolicy, RULES, toJobView, type Finding } from '../../policy/index.ts';
import type { DryRunAnswer } from '../e2e/conformance/dry-run-create.ts';
import type { Mutant } from './mutate.ts';

/**
 * Agreement between the API server and lint on one mutant: the verdict (rejected or not), and
 * the places: the fields of a 422's causes, the unknown fields of a strict decoding error, or the
 * message of any other decode error (it names no path), against lint's `apiserver` errors.
 */
export interface Agreement {
  readonly verdict: boolean;
  readonly places: boolean;
  readonly server: readonly string[];
  readonly lint: readonly string[];
  /** Where the mutation was, for classifying disagreements. */
  readonly area: string;
  /** The server refused to decode the object, or lint says it would. */
  readonly decoding: boolean;
  /** Findings of lint's internal-error rule: bugs, whatever the server says. */
  readonly internalErrors: readonly string[];
}

const policy = resolvePolicy(RULES, undefined);
const DECODE_PREFIX = /^.* cannot be handled as an? \w+: /;

/** The places the server names in its answer (empty: accepted). */
export function serverPlaces(answer: DryRunAnswer): string[] {
  if (answer.status < 300 && answer.status !== 0) return [];
  if (answer.status === 422) return [...new Set(answer.causes.map((c) => c.field))].sort();
  if (answer.status !== 400) return [`status ${answer.status}`];
  const message = answer.message.replace(DECODE_PREFIX, '');
  if (message.startsWith('strict decoding error: '))
    return [...new Set([...message.matchAll(/unknown field "((?:[^"\\]|\\.)*)"/g)].map((m) => m[1] ?? ''))].sort();
  return [`decode: ${message}`];
}

/** The same places from lint's findings. */
export function lintPlaces(findings: readonly Finding[]): string[] {
  const places = findings
    .filter(isApiServerRejection)
    .map((f) => (f.ruleId === 'field-types' ? `decode: ${f.message}` : f.path));
  return [...new Set(places)].sort();
}

/** `pod template: containers.ports`, `job spec: backoffLimit`, `metadata`, ... */
export function areaOf(path: string): string {
  const template = /^(?:spec\.jobTemplate\.)?spec\.template\.(.*)$/.exec(path);
  if (template) {
    const rest = template[1] ?? '';
    const container = /^spec\.(containers|initContainers|ephemeralContainers)\[\d+\]\.?([A-Za-z]*)/.exec(rest);
    if (container) return `pod template: ${container[1]}${container[2] ? `.${container[2]}` : ''}`;
    const field = /^(metadata|spec)\.?([A-Za-z]*)/.exec(rest);
    return field ? `pod template: ${field[1] === 'metadata' ? 'metadata' : field[2] || 'spec'}` : 'pod template';
  }
  if (/^spec\.jobTemplate\.metadata/.test(path)) return 'job template metadata';
  const jobSpec = /^spec\.jobTemplate\.spec\.?([A-Za-z]*)/.exec(path);
  if (jobSpec) return `job spec: ${jobSpec[1] || '(whole)'}`;
  const spec = /^spec\.?([A-Za-z]*)/.exec(path);
  if (spec) return `spec: ${spec[1] || '(whole)'}`;
  return /^([A-Za-z]*)/.exec(path)?.[1] || '(root)';
}

export function agreement(mutant: Mutant, answer: DryRunAnswer): Agreement {
  const findings = evaluate(toJobView(mutant.manifest), policy, 'lint');
  const server = serverPlaces(answer);
  const lint = lintPlaces(findings);
  return {
    // No answer at all (status 0: the server panicked and dropped the connection) creates nothing.
    verdict: (answer.status >= 300 || answer.status === 0) === lint.length > 0,
    places: server.join('\n') === lint.join('\n'),
    server,
    lint,
    area:
      answer.status === 0
        ? 'API server panic (no answer)'
        : `${mutant.manifest.kind === 'CronJob' ? 'CronJob ' : ''}${areaOf(mutant.path)}`,
    decoding:
      answer.status === 400 || findings.some((f) => f.ruleId === 'field-types' || f.ruleId === 'unknown-fields'),
    internalErrors: findings.filter((f) => f.ruleId === 'internal-error').map((f) => f.message),
  };
}
