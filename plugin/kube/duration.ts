// kubectl's --request-timeout syntax: a plain whole number is seconds, anything else is a Go
// duration (time.ParseDuration: "1.5s", "2m", "1h30m", "500ms", "0"). client-go parses it the
// same way (rest.Config from clientcmd's overrides).

const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3, // U+00B5 micro sign
  μs: 1e-3, // U+03BC Greek mu
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

const GO_DURATION = /^(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/;
const GO_DURATION_PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g;

/**
 * Milliseconds for a kubectl duration (0 means "no timeout"), or undefined when the text is not
 * one. Negative durations are refused, as kubectl does.
 */
export function parseKubectlDuration(text: string): number | undefined {
  const value = text.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  if (value === '0') return 0;
  if (!GO_DURATION.test(value)) return undefined;
  let total = 0;
  for (const [, amount, unit] of value.matchAll(GO_DURATION_PART)) total += Number(amount) * UNIT_MS[unit!]!;
  return total;
}
