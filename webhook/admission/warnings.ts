import type { Finding } from '../../policy/index.ts';

/**
 * Admission warnings reach the client as `Warning: 299` headers. The API server drops a warning
 * that contains a control character (net.NewWarningHeader), and once the warnings of all sources
 * of one request pass 4096 runes it cuts each to 256 runes (apiserver endpoints/filters/warning.go;
 * admission/v1 asks for 120 when possible). job-x keeps each warning within 256 runes itself and
 * uses at most half the total, leaving room for the API server's own warnings and other webhooks.
 */
export const MAX_WARNING_RUNES = 256;
export const WARNING_BUDGET_RUNES = 2048;

/** `[rule-id] path: message`, as kubectl prints it after `Warning: `. */
export function formatFindingWarning(finding: Finding): string {
  return finding.path === ''
    ? `[${finding.ruleId}] ${finding.message}`
    : `[${finding.ruleId}] ${finding.path}: ${finding.message}`;
}

/** A denial that the policy's mode (warn) turns into a warning: says it will deny once enforced. */
export function formatWouldDenyWarning(finding: Finding): string {
  return `${formatFindingWarning(finding)} (denied when the policy enforces this rule)`;
}

/** `[rule-id] <what the default changed>`, one per change a default made. */
export function formatDefaultWarning(ruleId: string, change: string): string {
  return `[${ruleId}] ${change}`;
}

/** Printable, well-formed, at most MAX_WARNING_RUNES runes, and within the budget overall. */
export function formatWarnings(warnings: readonly string[]): string[] {
  const out: string[] = [];
  let used = 0;
  for (const [i, warning] of warnings.entries()) {
    const text = truncateRunes(sanitize(warning), MAX_WARNING_RUNES);
    const runes = countRunes(text);
    if (used + runes > WARNING_BUDGET_RUNES) {
      out.push(
        `[job-x] ${warnings.length - i} more warnings not shown; run kubectl job-x lint on the manifest to see them all`,
      );
      break;
    }
    out.push(text);
    used += runes;
  }
  return out;
}

/** Control characters (Go's unicode.IsControl: C0, DEL, C1) and lone surrogates would void the header. */
function sanitize(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- matching control characters is the point
      .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
  );
}

function countRunes(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

function truncateRunes(text: string, max: number): string {
  if (text.length <= max) return text;
  const runes = Array.from(text);
  return runes.length <= max ? text : `${runes.slice(0, max - 1).join('')}…`;
}
