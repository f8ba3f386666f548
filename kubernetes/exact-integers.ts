/**
 * The exact digits of decoded integers that a JavaScript number cannot hold.
 *
 * kubectl keeps every integer that fits int64 exact on its way to the API server, and the server
 * decides by those digits: `activeDeadlineSeconds: 9223372036854775807` (2^63 - 1) is accepted,
 * 9223372036854775808 is refused, yet both read as the same JavaScript number. The readers that
 * decode manifests (the YAML reader) record here the digits of every integer whose number would
 * print otherwise, keyed by the object or array holding it and its key or index; the decoded value
 * itself stays a plain number, so nothing else needs to know.
 */
const digitsByContainer = new WeakMap<object, Map<string | number, string>>();

/** Records the exact decimal digits of the integer at `container[key]` (an array takes its index). */
export function recordExactInteger(container: object, key: string | number, digits: string): void {
  let entries = digitsByContainer.get(container);
  if (!entries) {
    entries = new Map();
    digitsByContainer.set(container, entries);
  }
  entries.set(Array.isArray(container) ? Number(key) : key, digits);
}

/**
 * The JSON text kubectl sends for the number at `container[key]`: its recorded digits, or else
 * JavaScript's shortest form, which is also what Go's encoding/json writes for a float64 (and, for
 * integers within ±2^53, their digits).
 */
export function kubectlNumberText(container: object, key: string | number, value: number): string {
  const digits = digitsByContainer.get(container)?.get(Array.isArray(container) ? Number(key) : key);
  return digits ?? String(value);
}
