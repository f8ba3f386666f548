/**
 * The exact digits of decoded integers that a JavaScript number cannot print.
 *
 * kubectl keeps every integer that fits int64 exact on its way to the API server, and the server
 * decides by those digits: `activeDeadlineSeconds: 9223372036854775807` (2^63 - 1) is accepted,
 * 9223372036854775808 is refused, yet both read as the same JavaScript number. The readers that
 * decode manifests (the YAML reader) record here the digits of every integer whose number would
 * print otherwise, keyed by the object or array holding it and its key or index; the decoded value
 * itself stays a plain number, so nothing else needs to know.
 */
const digitsByContainer = new WeakMap<object, Map<string | number, string>>();

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Records the exact decimal digits of the integer at `container[key]` (an array takes its index). */
export function recordExactInteger(container: object, key: string | number, digits: string): void {
  let entries = digitsByContainer.get(container);
  if (!entries) {
    entries = new Map();
    digitsByContainer.set(container, entries);
  }
  entries.set(Array.isArray(container) ? Number(key) : key, digits);
}

function recordedDigits(container: object, key: string | number): string | undefined {
  return digitsByContainer.get(container)?.get(Array.isArray(container) ? Number(key) : key);
}

/**
 * The JSON text kubectl sends the API server for the number at `container[key]`. apimachinery's
 * util/json keeps an integer exact when it fits int64 and makes anything else a float64, which
 * encoding/json writes in JavaScript's shortest form (and integers within ±2^53 as their digits).
 */
export function kubectlNumberText(container: object, key: string | number, value: number): string {
  const digits = recordedDigits(container, key);
  if (digits !== undefined) {
    const exact = BigInt(digits);
    if (exact >= INT64_MIN && exact <= INT64_MAX) return digits;
  }
  return String(value);
}

/**
 * The JSON text of the number as sigs.k8s.io/yaml writes it, before util/json: go-yaml's uint64
 * integers are still exact there. kubectl decodes the top-level `metadata` from this text itself
 * (cli-runtime's metadataValidatingDecoder), so its errors print these digits.
 */
export function yamlToJsonNumberText(container: object, key: string | number, value: number): string {
  return recordedDigits(container, key) ?? String(value);
}
