/**
 * What a plain (unquoted, untagged) YAML scalar means to kubectl, which reads manifests with
 * sigs.k8s.io/yaml over go-yaml v2. That is go-yaml's resolve() (resolve.go of go.yaml.in/yaml/v2
 * v2.4.3), neither the YAML 1.1 spec nor the `yaml` package's 1.1 schema:
 *
 * - booleans and nulls are exactly the words of its table (`yes`, `On`, `y`, `~`; not `yEs`);
 * - integers are Go's strconv.ParseInt, then ParseUint, with base 0 (`0x1F`, `0o17`, `0b101`, and
 *   a leading 0 for octal) after every `_` is removed;
 * - floats are what then matches its float pattern and fits a float64 (`1e3`, `1.`, `.5`), plus
 *   the `.inf`/`.nan` spellings; `1e400` is a string;
 * - base-60 numbers (`1:20`) and timestamps (`2001-12-14`) are strings (go-yaml decodes
 *   timestamps into strings for sigs.k8s.io/yaml).
 *
 * Both YAML readers resolve scalars here (the full parser through go-yaml-tags.ts), and
 * test/unit/plugin/yaml/goyaml-differential.test.ts compares them with go-yaml itself.
 */

/** Returned for the merge key `<<`, which the fast reader leaves to the full parser. */
export const UNSUPPORTED_SCALAR: unique symbol = Symbol('unsupported scalar');

/** A map key kubectl cannot turn into a JSON key (sigs.k8s.io/yaml refuses null and uint64 keys). */
export interface UnsupportedKey {
  readonly message: string;
}

/** go-yaml's resolveMap: its booleans and nulls (the empty scalar is null too). */
const WORDS = new Map<string, boolean | null>([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map((word) => [word, true] as const),
  ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map((word) => [word, false] as const),
  ...['~', 'null', 'Null', 'NULL'].map((word) => [word, null] as const),
]);

/** go-yaml's resolveMap: its infinities and NaNs. */
const SPECIAL_FLOATS = new Map<string, number>([
  ...['.nan', '.NaN', '.NAN'].map((word) => [word, NaN] as const),
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'].map((word) => [word, Infinity] as const),
  ...['-.inf', '-.Inf', '-.INF'].map((word) => [word, -Infinity] as const),
]);

/** resolve.go's yamlStyleFloat, tried on the text without its `_`. */
const YAML_STYLE_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
/** strconv.ParseFloat of a text that starts with `.` (resolve.go does not remove `_` there). */
const DOT_FLOAT = /^\.[0-9]+(?:[eE][-+]?[0-9]+)?$/;
/** strconv.ParseUint with base 0: a base prefix, or a leading 0 for octal. */
const GO_UNSIGNED = /^(?:0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;
/** Decimal integers that need no BigInt: at most 15 digits, no leading zero (that is octal). */
const SHORT_DECIMAL = /^[-+]?(?:[1-9][0-9]{0,14}|0)$/;

const INT64_LIMIT = 2n ** 63n;
const UINT64_LIMIT = 2n ** 64n;

/** A number as go-yaml types it: int (int64), uint64, or float64. */
type GoNumber =
  { readonly type: 'int' | 'uint'; readonly value: bigint } | { readonly type: 'float'; readonly value: number };

/**
 * Resolves a plain scalar's text (already unfolded) to its value: null, a boolean, a string or a
 * number. An integer (int64 or uint64 for go-yaml) that a number cannot print exactly is a bigint
 * (the readers record its digits, see exact-numbers.ts). `.inf` and `.nan` are non-finite numbers,
 * which kubectl cannot send.
 */
export function resolvePlainScalar(source: string): unknown {
  if (source.length === 0) return null;
  const c = source.charCodeAt(0);
  if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d) {
    if (SHORT_DECIMAL.test(source)) return Number(source) + 0; // + 0: `-0` is the int 0
    const special = SPECIAL_FLOATS.get(source);
    if (special !== undefined) return special;
    const number = goNumber(source);
    return number === undefined ? source : numberValue(number);
  }
  if (c === 0x2e) return dotted(source) ?? source;
  // No such word is longer than five characters.
  if (source.length > 5) return source;
  const word = WORDS.get(source);
  return word === undefined ? source : word;
}

/**
 * A plain scalar as a map key, turned into the JSON key the way sigs.k8s.io/yaml does it
 * (convertToJSONableObject): booleans and ints by their text, floats as Go's
 * FormatFloat(f, 'g', -1, 32); null and uint64 keys are refused. `<<` is a merge key.
 */
export function resolvePlainKey(source: string): string | UnsupportedKey | typeof UNSUPPORTED_SCALAR {
  // Most keys are names: longer than any word of the tables (five characters), not starting like a number.
  if (source.length > 5 && !startsNumber(source.charCodeAt(0))) return source;
  if (source === '<<') return UNSUPPORTED_SCALAR;
  const resolved = classify(source);
  switch (resolved.tag) {
    case 'str':
      return source;
    case 'null':
      return unsupportedKey('%!s(<nil>)', '<nil>');
    case 'bool':
      return resolved.value === true ? 'true' : 'false';
    case 'float':
      return float32Text(resolved.value as number);
    default: {
      // An int: go-yaml typed it int or uint64, with its exact value.
      const { type, value } = resolved.number as { type: 'int' | 'uint'; value: bigint };
      return type === 'uint' ? unsupportedKey('uint64', `0x${value.toString(16)}`) : value.toString();
    }
  }
}

/**
 * go-yaml's resolve() with an explicit core tag (`!!int 017`): the plain resolution, which must
 * give the tag's type (an int under `!!float` becomes a float), or else kubectl's error.
 */
export function resolveTaggedScalar(
  source: string,
  tag: 'int' | 'float' | 'bool' | 'null',
): { readonly value: unknown } | { readonly error: string } {
  const resolved = classify(source);
  if (resolved.tag === tag) return { value: resolved.value };
  if (tag === 'float' && resolved.tag === 'int' && resolved.number?.type === 'int')
    return { value: Number(resolved.number.value) };
  return { error: `yaml: cannot decode !!${resolved.tag} \`${source}\` as a !!${tag}` };
}

interface Resolved {
  readonly tag: 'null' | 'bool' | 'int' | 'float' | 'str';
  readonly value: unknown;
  /** For ints and floats: the number as go-yaml typed it. */
  readonly number?: GoNumber;
}

/** go-yaml's resolve() of a plain scalar, with its tag. */
function classify(source: string): Resolved {
  if (source.length === 0) return { tag: 'null', value: null };
  const special = SPECIAL_FLOATS.get(source);
  if (special !== undefined) return { tag: 'float', value: special, number: { type: 'float', value: special } };
  const word = WORDS.get(source);
  if (word !== undefined) return { tag: word === null ? 'null' : 'bool', value: word };
  const c = source.charCodeAt(0);
  const number = c === 0x2e ? floatOf(dotted(source)) : startsNumber(c) ? goNumber(source) : undefined;
  if (number === undefined) return { tag: 'str', value: source };
  return { tag: number.type === 'float' ? 'float' : 'int', value: numberValue(number), number };
}

/** A digit, `+`, `-` or `.`: where resolve.go looks for a number. */
function startsNumber(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e;
}

function unsupportedKey(type: string, key: string): UnsupportedKey {
  return { message: `error converting YAML to JSON: unsupported map key of type: ${type}, key: ${key}` };
}

/** resolve.go's `.` case: a float, or undefined (a string). */
function dotted(source: string): number | undefined {
  const special = SPECIAL_FLOATS.get(source);
  if (special !== undefined) return special;
  if (!DOT_FLOAT.test(source)) return undefined;
  const value = Number(source);
  // ParseFloat fails on what overflows float64: the text stays a string.
  return Number.isFinite(value) ? value : undefined;
}

function floatOf(value: number | undefined): GoNumber | undefined {
  return value === undefined ? undefined : { type: 'float', value };
}

/** resolve.go's digit-or-sign case (after its timestamp check, which only ever gives strings here). */
function goNumber(source: string): GoNumber | undefined {
  const plain = source.includes('_') ? source.replace(/_/g, '') : source;
  const integer = parseInt64OrUint64(plain);
  if (integer) return integer;
  if (YAML_STYLE_FLOAT.test(plain)) {
    const value = Number(plain);
    if (Number.isFinite(value)) return { type: 'float', value };
  }
  // resolve.go retries `0b…` as base 2 without the prefix, where a sign may follow (`0b-1` is -1).
  if (plain.startsWith('0b')) return parseInt64OrUint64(plain.slice(2), 2);
  return undefined;
}

/** strconv.ParseInt(text, base, 64), then ParseUint (no sign there); undefined where both fail. */
function parseInt64OrUint64(text: string, base: 0 | 2 = 0): GoNumber | undefined {
  const sign = text[0];
  const signed = sign === '+' || sign === '-';
  const digits = signed ? text.slice(1) : text;
  const magnitude = base === 0 ? parseUnsigned(digits) : /^[01]+$/.test(digits) ? BigInt(`0b${digits}`) : undefined;
  if (magnitude === undefined) return undefined;
  if (sign === '-') return magnitude <= INT64_LIMIT ? { type: 'int', value: -magnitude } : undefined;
  if (magnitude < INT64_LIMIT) return { type: 'int', value: magnitude };
  return !signed && magnitude < UINT64_LIMIT ? { type: 'uint', value: magnitude } : undefined;
}

/** The value of strconv.ParseUint(digits, 0, …) before its range check; undefined on a syntax error. */
function parseUnsigned(digits: string): bigint | undefined {
  if (!GO_UNSIGNED.test(digits)) return undefined;
  const second = digits[1];
  // A leading 0 without a letter is octal (BigInt reads it as decimal).
  if (digits[0] === '0' && second !== undefined && /[0-7]/.test(second)) return BigInt(`0o${digits.slice(1)}`);
  return BigInt(digits);
}

/** The JavaScript value of a go-yaml number: a number where it prints the same digits, else a bigint. */
function numberValue(number: GoNumber): number | bigint {
  if (number.type === 'float') return number.value;
  const value = Number(number.value);
  return String(value) === number.value.toString() ? value : number.value;
}

/** Go's strconv.FormatFloat(value, 'g', -1, 32), with go-yaml's spellings of the infinities and NaN. */
export function float32Text(value: number): string {
  const f = Math.fround(value);
  if (f === Infinity) return '.inf';
  if (f === -Infinity) return '-.inf';
  if (f !== f) return '.nan';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const sign = f < 0 ? '-' : '';
  const abs = Math.abs(f);
  // The shortest digits that read back as the same float32 (toExponential rounds correctly).
  let digits = '';
  let exponent = 0;
  for (let precision = 1; precision <= 9; precision++) {
    const text = abs.toExponential(precision - 1);
    if (Math.fround(Number(text)) === abs) {
      const [mantissa = '', power = '0'] = text.split('e');
      digits = mantissa.replace('.', '');
      exponent = Number(power);
      break;
    }
  }
  // %e below 1e-4 and from 1e6 on (the shortest form decides with a precision of 6).
  if (exponent < -4 || exponent >= 6) {
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const power = Math.abs(exponent);
    return `${sign}${mantissa}e${exponent < 0 ? '-' : '+'}${power < 10 ? '0' : ''}${power}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const fraction = digits.slice(exponent + 1);
  return `${sign}${whole}${fraction ? `.${fraction}` : ''}`;
}
