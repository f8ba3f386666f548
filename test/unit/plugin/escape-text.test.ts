import { describe, expect, test } from '@jest/globals';
import { escapeText } from '../../../plugin/escape-text.ts';

describe('escapeText', () => {
  test('line breaks, tabs and carriage returns by name, as JSON writes them', () => {
    expect(escapeText('a\nb\r\tc')).toBe('a\\nb\\r\\tc');
  });

  test('ESC, BEL, DEL and C1 controls as \\u escapes: no sequence reaches the terminal', () => {
    expect(escapeText('\u001b[2J\u001b]0;t\u0007\u007f\u0085\u009b')).toBe(
      '\\u001b[2J\\u001b]0;t\\u0007\\u007f\\u0085\\u009b',
    );
  });

  test('line and paragraph separators and bidi controls', () => {
    expect(escapeText('a\u2028b\u2029c\u202ed\u2066e\u200ff\u061c')).toBe(
      'a\\u2028b\\u2029c\\u202ed\\u2066e\\u200ff\\u061c',
    );
  });

  test('a lone surrogate is escaped, a pair is not', () => {
    expect(escapeText('\ud83d x \ude00 😀')).toBe('\\ud83d x \\ude00 😀');
  });

  test('text people write is left alone: accents, CJK, emoji with joiners, backslashes of a Windows path', () => {
    for (const text of ['Cafe\u0301', '日本語', '👨‍👩‍👧 ❤️', 'C:\\jobs\\pi.yaml', '“quoted” – dash'])
      expect(escapeText(text)).toBe(text);
  });
});
