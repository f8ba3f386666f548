import { isObject } from './decoded-access.ts';
import { kubectlNumberText, yamlToJsonNumberText } from './exact-integers.ts';
import { FieldPath } from './field-path.ts';
import { CRONJOB_TYPE, type FieldType, goTypeName, JOB_TYPE } from './job-schema.ts';

/**
 * What the API server cannot decode in a Job or CronJob, with the messages it prints: Go's
 * encoding/json (as vendored in sigs.k8s.io/json) decoding the body into the batch/v1 structs
 * (job-schema.ts). Null is always accepted (Go decodes it as unset).
 */
export interface DecodeProblem {
  readonly kind: 'type' | 'unknown-field';
  readonly path: string;
  readonly message: string;
}

const RANGES = {
  int32: [-(2n ** 31n), 2n ** 31n - 1n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
} as const;

/** Where a value is, for lint's path and for encoding/json's error context. */
interface Place {
  /** As lint prints it: `spec.podFailurePolicy.rules[0].onExitCodes.values[1]`. */
  readonly path: FieldPath;
  /** encoding/json's field stack: the JSON names from the root, without indexes or map keys. */
  readonly goField: string;
  /** The innermost Go struct holding the field (`PodFailurePolicyOnExitCodesRequirement`). */
  readonly struct: string;
  /** The object or array holding the value, and its key or index there. */
  readonly container: object | undefined;
  readonly key: string | number;
  /** Under the top-level metadata, which kubectl decodes itself from sigs.k8s.io/yaml's JSON. */
  readonly inKubectl: boolean;
}

/** encoding/json's name of a JSON value's kind in its UnmarshalTypeError. */
function jsonKind(value: unknown): string {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'bool';
  return Array.isArray(value) ? 'array' : 'object';
}

/** encoding/json's UnmarshalTypeError, with the error context of a struct field. */
function unmarshalError(valueKind: string, type: FieldType, place: Place): DecodeProblem {
  return {
    kind: 'type',
    path: place.path.toString(),
    message: `json: cannot unmarshal ${valueKind} into Go struct field ${place.struct}.${place.goField} of type ${goTypeName(type)}`,
  };
}

/**
 * An integer field: encoding/json reads the number's JSON text with strconv.ParseInt and refuses
 * a fraction, an exponent or a value beyond the Go type (decode.go, literalStore). The text is the
 * one kubectl sends: `1e3` and `1.0` arrive as 1000 and 1, and int64s keep their exact digits.
 */
function integerProblems(value: number, type: 'int32' | 'int64', place: Place): DecodeProblem[] {
  const { container, key } = place;
  const text = !container
    ? String(value)
    : place.inKubectl
      ? yamlToJsonNumberText(container, key, value)
      : kubectlNumberText(container, key, value);
  if (/^-?\d+$/.test(text)) {
    const exact = BigInt(text);
    const [min, max] = RANGES[type];
    if (exact >= min && exact <= max) return [];
  }
  return [unmarshalError(`number ${text}`, type, place)];
}

function problemsOf(value: unknown, type: FieldType, place: Place): DecodeProblem[] {
  if (value === null || value === undefined || type === 'any') return [];
  if (type === 'string' || (typeof type === 'object' && 'string' in type))
    return typeof value === 'string' ? [] : [unmarshalError(jsonKind(value), type, place)];
  if (type === 'bool') return typeof value === 'boolean' ? [] : [unmarshalError(jsonKind(value), type, place)];
  if (type === 'int32' || type === 'int64')
    return typeof value === 'number'
      ? integerProblems(value, type, place)
      : [unmarshalError(jsonKind(value), type, place)];
  if ('array' in type) {
    if (!Array.isArray(value)) return [unmarshalError(jsonKind(value), type, place)];
    return value.flatMap((item, i) =>
      problemsOf(item, type.array, { ...place, path: place.path.index(i), container: value, key: i }),
    );
  }
  if (!isObject(value)) return [unmarshalError(jsonKind(value), type, place)];
  if ('map' in type)
    return Object.keys(value).flatMap((key) =>
      problemsOf(value[key], type.map, { ...place, path: place.path.key(key), container: value, key }),
    );
  const problems: DecodeProblem[] = [];
  const struct = type.go.slice(type.go.indexOf('.') + 1);
  for (const key of Object.keys(value)) {
    const path = place.path.child(key);
    const fieldType = Object.hasOwn(type.object, key) ? type.object[key] : undefined;
    if (fieldType) {
      const goField = place.goField ? `${place.goField}.${key}` : key;
      const inKubectl = place.inKubectl || (place.goField === '' && key === 'metadata');
      problems.push(...problemsOf(value[key], fieldType, { path, goField, struct, container: value, key, inKubectl }));
    } else if (type.closed)
      problems.push({ kind: 'unknown-field', path: path.toString(), message: `unknown field "${path.toString()}"` });
  }
  return problems;
}

/** Walks a decoded document against a type. */
export function decodeProblems(value: unknown, type: FieldType): DecodeProblem[] {
  return problemsOf(value, type, {
    path: FieldPath.root(),
    goField: '',
    struct: '',
    container: undefined,
    key: '',
    inKubectl: false,
  });
}

const problemsByDocument = new WeakMap<object, DecodeProblem[]>();

/**
 * The decode problems of a whole Job or CronJob, computed once per document: the field-types and
 * unknown-fields rules both read them.
 */
export function documentDecodeProblems(document: Record<string, unknown>, kind: 'Job' | 'CronJob'): DecodeProblem[] {
  let problems = problemsByDocument.get(document);
  if (!problems) {
    problems = decodeProblems(document, kind === 'Job' ? JOB_TYPE : CRONJOB_TYPE);
    problemsByDocument.set(document, problems);
  }
  return problems;
}
