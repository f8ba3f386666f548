import { describe, expect, test } from '@jest/globals';
import { cellWidth, truncateCells } from '../../../../plugin/format/cell-width.ts';

describe('cellWidth: terminal cells, per character as a terminal draws it', () => {
  test.each([
    ['ASCII', 'backoffLimit', 12],
    ['CJK ideographs and kana', '日本語のジョブ', 14],
    ['Hangul', '한국어', 6],
    ['fullwidth forms', 'ＡＢＣ', 6],
    ['an emoji', '💥', 2],
    ['an emoji with a skin tone', '👍🏽', 2],
    ['a ZWJ family', '👨‍👩‍👧', 2],
    ['a flag', '🇯🇵', 2],
    ['a heart with VS16 (emoji presentation)', '❤️', 2],
    ['a text-presentation symbol', '✔', 1],
    ['a combining acute accent', 'Cafe\u0301', 4],
    ['a combining mark outside U+0300–U+036F', 'x\u20d7', 1],
    ['a zero-width space and joiner', 'a\u200bb\u200dc', 3],
    ['our colour codes', '\u001b[31mred\u001b[39m', 3],
    ['the box and block glyphs of the views', '█▄▒·…│•', 7],
  ])('%s', (_, text, width) => {
    expect(cellWidth(text)).toBe(width);
  });
});

describe('truncateCells', () => {
  test('cuts on a character boundary, never inside a surrogate pair or a cluster', () => {
    expect(truncateCells('😀😀😀😀', 6)).toBe('😀😀…');
    expect(truncateCells('👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧', 5)).toBe('👨‍👩‍👧👨‍👩‍👧…');
    expect(truncateCells('日本語テキスト', 7)).toBe('日本語…');
    expect(truncateCells('Cafe\u0301 au lait', 5)).toBe('Cafe\u0301…');
  });

  test('text that fits is left alone', () => {
    expect(truncateCells('日本', 4)).toBe('日本');
  });
});
