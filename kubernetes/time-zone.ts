/**
 * Whether Go's time.LoadLocation would find this IANA zone. Node's ICU database stands in for
 * the zoneinfo files; Go's lookup is case-sensitive where ICU's is not, so a name that differs
 * from a canonical one only in case is refused.
 */
let canonicalByLowerCase: Map<string, string> | undefined;

export function isKnownTimeZone(name: string): boolean {
  if (name === 'UTC') return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
  } catch {
    return false;
  }
  canonicalByLowerCase ??= new Map(Intl.supportedValuesOf('timeZone').map((zone) => [zone.toLowerCase(), zone]));
  const canonical = canonicalByLowerCase.get(name.toLowerCase());
  return canonical === undefined || canonical === name;
}
