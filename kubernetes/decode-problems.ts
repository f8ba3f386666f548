import { isObject } from './decoded-access.ts';
import { type DecodeType, rootDecodeType } from './decode-types.ts';
import { kubectlNumberText, yamlToJsonNumberText } from './exact-integers.ts';
import { quantitySyntaxError } from './quantity-syntax.ts';
import { rfc3339Error } from './rfc3339.ts';

/**
 * What the API server cannot decode in a Job or CronJob, with the messages it prints: its decoder
 * (sigs.k8s.io/json, a fork of encoding/json, in strict mode as kubectl's default
 * `--validate=strict` asks) reading the body into the batch/v1 Go types of the pinned release
 * (decode-types.ts). It answers 400 with one message, and nothing is validated:
 *
 * - a value of the wrong type is skipped and decoding goes on; the first one is reported;
 * - a type with its own UnmarshalJSON (Quantity, IntOrString, Time) stops decoding at its error;
 * - only when the body decodes are the unknown fields reported, all of them.
 *
 * kubectl sends the keys of every object sorted (Go marshals maps so), so "first" is in that order.
 * Null is always accepted (Go decodes it as unset).
 */
export interface DecodeProblem {
  readonly kind: 'type' | 'unknown-field';
  readonly path: string;
  readonly message: string;
}

const RANGES: Record<string, readonly [bigint, bigint]> = {
  int8: [-(2n ** 7n), 2n ** 7n - 1n],
  int16: [-(2n ** 15n), 2n ** 15n - 1n],
  int32: [-(2n ** 31n), 2n ** 31n - 1n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
  uint8: [0n, 2n ** 8n - 1n],
  uint16: [0n, 2n ** 16n - 1n],
  uint32: [0n, 2n ** 32n - 1n],
  uint64: [0n, 2n ** 64n - 1n],
};

/** Where a value is, for lint's path and for encoding/json's error context. */
interface Place {
  /** As lint prints it: `spec.podFailurePolicy.rules[0].onExitCodes.values[1]`. */
  readonly path: string;
  /** encoding/json's field stack: JSON names (and embedded structs) from the root, no indexes or keys. */
  readonly goField: string;
  /** The innermost Go struct holding the field (`PodFailurePolicyOnExitCodesRequirement`). */
  readonly struct: string;
  /** The object or array holding the value, and its key or index there. */
  readonly container: object | undefined;
  readonly key: string | number;
  /** Under the top-level metadata, which kubectl decodes itself from sigs.k8s.io/yaml's JSON. */
  readonly inKubectl: boolean;
}

/** The decoder's state: the first skipped type error, the error that stopped it, unknown fields. */
interface Decoding {
  saved?: DecodeProblem;
  stopped?: DecodeProblem;
  readonly unknown: DecodeProblem[];
}

/** encoding/json's name of a JSON value's kind in its UnmarshalTypeError. */
function jsonKind(value: unknown): string {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'bool';
  return Array.isArray(value) ? 'array' : 'object';
}

/** encoding/json's UnmarshalTypeError, with the error context of a struct field. */
function unmarshalError(valueKind: string, typeName: string, place: Place): DecodeProblem {
  return {
    kind: 'type',
    path: place.path,
    message: `json: cannot unmarshal ${valueKind} into Go struct field ${place.struct}.${place.goField} of type ${typeName}`,
  };
}

/** The number's JSON text as kubectl sends it (`1e3` and `1.0` arrive as 1000 and 1). */
function numberText(value: number, place: Place): string {
  const { container, key } = place;
  if (!container) return String(value);
  return place.inKubectl ? yamlToJsonNumberText(container, key, value) : kubectlNumberText(container, key, value);
}

/**
 * The kind encoding/json names when a number does not fit an integer type, or undefined when it
 * does: strconv.ParseInt or ParseUint on the text refuse a fraction, an exponent or an overflow.
 */
function integerMismatch(value: number, typeName: string, place: Place): string | undefined {
  const text = numberText(value, place);
  const range = RANGES[typeName];
  if (/^-?\d+$/.test(text) && range) {
    const exact = BigInt(text);
    if (exact >= range[0] && exact <= range[1]) return undefined;
  }
  return `number ${text}`;
}

/** The types with their own UnmarshalJSON; their errors stop the decoder. */
function customProblem(value: unknown, type: DecodeType, place: Place): DecodeProblem | undefined {
  switch (type.name) {
    case 'intstr.IntOrString': {
      // IntOrString.UnmarshalJSON: a string, or json.Unmarshal into its int32.
      if (typeof value === 'string') return undefined;
      const mismatch = typeof value === 'number' ? integerMismatch(value, 'int32', place) : jsonKind(value);
      return mismatch === undefined ? undefined : unmarshalError(mismatch, 'int32', place);
    }
    case 'resource.Quantity': {
      // Quantity.UnmarshalJSON: ParseQuantity on a string's content or any other value's JSON text.
      const text =
        typeof value === 'string'
          ? value.trim()
          : typeof value === 'number'
            ? numberText(value, place)
            : typeof value === 'boolean'
              ? String(value)
              : '{';
      const message = quantitySyntaxError(text);
      return message === undefined ? undefined : { kind: 'type', path: place.path, message };
    }
    case 'v1.Time':
    case 'v1.MicroTime': {
      // Time.UnmarshalJSON: json.Unmarshal into a string, then time.Parse(RFC3339).
      if (typeof value !== 'string') return unmarshalError(jsonKind(value), 'string', place);
      const message = rfc3339Error(value);
      return message === undefined ? undefined : { kind: 'type', path: place.path, message };
    }
    default:
      // FieldsV1 keeps any JSON as it is.
      return undefined;
  }
}

function mismatchOf(value: unknown, type: DecodeType, place: Place): string | undefined {
  switch (type.kind) {
    case 'string':
    case 'bytes':
      return typeof value === 'string' ? undefined : jsonKind(value);
    case 'bool':
      return typeof value === 'boolean' ? undefined : jsonKind(value);
    case 'int':
    case 'uint':
      return typeof value === 'number' ? integerMismatch(value, type.name, place) : jsonKind(value);
    case 'float':
      return typeof value === 'number' ? undefined : jsonKind(value);
    case 'slice':
      return Array.isArray(value) ? undefined : jsonKind(value);
    default:
      return isObject(value) ? undefined : jsonKind(value);
  }
}

function decode(value: unknown, type: DecodeType, place: Place, state: Decoding): void {
  if (state.stopped || value === null || value === undefined || type.kind === 'interface') return;
  if (type.kind === 'custom') {
    state.stopped = customProblem(value, type, place);
    return;
  }
  const mismatch = mismatchOf(value, type, place);
  if (mismatch !== undefined) {
    // Go names the underlying type: `of type v1.ResourceList`, `of type []v1.Container`.
    state.saved ??= unmarshalError(mismatch, type.name, place);
    return;
  }
  if (type.kind === 'slice') {
    (value as unknown[]).forEach((item, i) =>
      decode(item, type.elem, { ...place, path: `${place.path}[${i}]`, container: value as unknown[], key: i }, state),
    );
  } else if (type.kind === 'map') {
    const map = value as Record<string, unknown>;
    for (const key of Object.keys(map).sort())
      decode(map[key], type.elem, { ...place, path: `${place.path}[${key}]`, container: map, key }, state);
  } else if (type.kind === 'struct') {
    const object = value as Record<string, unknown>;
    for (const key of Object.keys(object).sort()) {
      const path = place.path === '' ? key : `${place.path}.${key}`;
      const field = type.fields.get(key);
      if (!field) {
        state.unknown.push({ kind: 'unknown-field', path, message: `unknown field "${path}"` });
        continue;
      }
      const goField = `${place.goField === '' ? '' : `${place.goField}.`}${field.via}${key}`;
      const inKubectl = place.inKubectl || (place.goField === '' && key === 'metadata');
      decode(object[key], field.type, { path, goField, struct: type.short, container: object, key, inKubectl }, state);
    }
  }
}

/** What the API server's decoder reports for a document of a type (empty: it decodes). */
export function decodeProblems(value: unknown, type: DecodeType): DecodeProblem[] {
  const state: Decoding = { unknown: [] };
  decode(value, type, { path: '', goField: '', struct: '', container: undefined, key: '', inKubectl: false }, state);
  const fatal = state.stopped ?? state.saved;
  return fatal ? [fatal] : state.unknown;
}

const problemsByDocument = new WeakMap<object, DecodeProblem[]>();

/**
 * The decode problems of a whole Job or CronJob, computed once per document: the field-types and
 * unknown-fields rules both read them.
 */
export function documentDecodeProblems(document: Record<string, unknown>, kind: 'Job' | 'CronJob'): DecodeProblem[] {
  let problems = problemsByDocument.get(document);
  if (!problems) {
    problems = decodeProblems(document, rootDecodeType(kind));
    problemsByDocument.set(document, problems);
  }
  return problems;
}
