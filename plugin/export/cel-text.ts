// CEL source text for the admission-policy export: literals, identifiers, and the placeholders of
// a rule's CEL form (policy/rule.ts RuleCel) filled in for the new or the old object.
import { PolicyExportError } from './policy-export-error.ts';

/** A CEL string literal: JSON's escapes are all CEL escapes too. */
export function celString(text: string): string {
  return JSON.stringify(text);
}

/**
 * A policy option as a CEL literal. Whole numbers stay ints: CEL has no implicit conversion, and
 * `$spec.completions >= 1000.0` would fail with "no such overload" at admission time.
 */
export function celLiteral(value: unknown, where: string): string {
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return celString(value);
  if (typeof value === 'number' && Number.isFinite(value)) {
    if (Number.isSafeInteger(value)) return String(value);
    if (Number.isInteger(value)) throw new PolicyExportError(`${where}: ${value} is too large for a CEL int`);
    const text = String(value);
    return text.includes('.') || text.includes('e') ? text : `${text}.0`;
  }
  throw new PolicyExportError(`${where}: only numbers, strings and booleans can be written in CEL`);
}

/** A rule id as a CEL identifier (variable names are [A-Za-z_][A-Za-z0-9_]*). */
export function celIdentifier(ruleId: string): string {
  return ruleId.replace(/[^A-Za-z0-9_]/g, '_');
}

/** What the placeholders of a rule's CEL form stand for on one side of the request. */
export interface CelBindings {
  readonly spec: string;
  readonly specPath: string;
  readonly specPointer: string;
  readonly object: string;
  readonly allowSuppressions: boolean;
  readonly options: Readonly<Record<string, unknown>>;
}

/**
 * The placeholders bound to one side of the request, through the variables every exported policy
 * declares (admission-scope.ts SPEC_VARIABLES): the object being admitted, or on UPDATE the old one.
 */
export function sideOfRequest(
  side: 'object' | 'oldObject',
  allowSuppressions: boolean,
  options: Readonly<Record<string, unknown>>,
): CelBindings {
  return {
    spec: side === 'object' ? 'variables.spec' : 'variables.oldSpec',
    specPath: 'variables.specPath',
    specPointer: 'variables.specPointer',
    object: side,
    allowSuppressions,
    options,
  };
}

const PLACEHOLDER = /\$(specPath|specPointer|spec|object|allowSuppressions|options\.([A-Za-z_][A-Za-z0-9_]*))\b/g;

/** The rule's CEL with every placeholder replaced; an unknown one is an error, not CEL. */
export function fillPlaceholders(template: string, bindings: CelBindings, ruleId: string): string {
  const filled = template.replace(PLACEHOLDER, (_match, name: string, option: string | undefined) => {
    if (option !== undefined) {
      if (!Object.hasOwn(bindings.options, option))
        throw new PolicyExportError(`rule ${ruleId}: its CEL names the option ${option}, which it does not have`);
      return celLiteral(bindings.options[option], `rule ${ruleId} option ${option}`);
    }
    if (name === 'allowSuppressions') return bindings.allowSuppressions ? 'true' : 'false';
    return `(${bindings[name as 'spec' | 'specPath' | 'specPointer' | 'object']})`;
  });
  const left = /\$[A-Za-z_.]+/.exec(filled);
  if (left) throw new PolicyExportError(`rule ${ruleId}: its CEL has an unknown placeholder ${left[0]}`);
  return filled;
}
