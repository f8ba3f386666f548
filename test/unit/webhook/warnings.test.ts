import { describe, expect, test } from '@jest/globals';
import {
  formatFindingWarning,
  formatWarnings,
  MAX_WARNING_RUNES,
  WARNING_BUDGET_RUNES,
} from '../../../webhook/admission/warnings.ts';

const runes = (text: string): number => Array.from(text).length;

describe('formatWarnings', () => {
  test('short warnings pass unchanged', () => {
    expect(formatWarnings(['[a] spec.x: one', '[b] two'])).toEqual(['[a] spec.x: one', '[b] two']);
  });

  test('a finding reads [rule-id] path: message, without a path for the whole object', () => {
    expect(
      formatFindingWarning({ ruleId: 'r', severity: 'warning', origin: 'policy', path: 'spec.a[0]', message: 'm' }),
    ).toBe('[r] spec.a[0]: m');
    expect(formatFindingWarning({ ruleId: 'r', severity: 'warning', origin: 'policy', path: '', message: 'm' })).toBe(
      '[r] m',
    );
  });

  test('each warning is cut to 256 runes on a rune boundary, with an ellipsis', () => {
    const long = `[r] ${'é😀'.repeat(200)}`;
    const [out] = formatWarnings([long]);
    expect(runes(out!)).toBe(MAX_WARNING_RUNES);
    expect(out!.endsWith('…')).toBe(true);
    expect(out).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
  });

  test('control characters (which void a Warning header) become spaces; lone surrogates become U+FFFD', () => {
    expect(formatWarnings(['a\nb\tc\u0007d\u0085e', 'x\ud800y'])).toEqual(['a b c d e', 'x\ufffdy']);
  });

  test('the total stays within the budget and says how many were left out', () => {
    const many = Array.from({ length: 100 }, (_, i) => `[r] warning number ${i} ${'x'.repeat(80)}`);
    const out = formatWarnings(many);
    const shown = out.length - 1;
    expect(out.slice(0, -1).reduce((n, w) => n + runes(w), 0)).toBeLessThanOrEqual(WARNING_BUDGET_RUNES);
    expect(out.at(-1)).toBe(
      `[job-x] ${100 - shown} more warnings not shown; run kubectl job-x lint on the manifest to see them all`,
    );
    expect(out.slice(0, -1)).toEqual(many.slice(0, shown));
  });
});
