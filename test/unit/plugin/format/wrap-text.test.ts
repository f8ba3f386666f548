import { describe, expect, test } from '@jest/globals';
import { wrap } from '../../../../plugin/format/wrap-text.ts';

describe('wrap', () => {
  test('breaks at spaces, with the first and the next lines prefixed', () => {
    expect(wrap('aaa bbb ccc ddd', 9, '  ')).toEqual(['  aaa bbb', '  ccc ddd']);
    expect(wrap('aaa bbb ccc', 10, '- ', '  ')).toEqual(['- aaa bbb', '  ccc']);
  });

  test('no width: one line', () => {
    expect(wrap('aaa bbb ccc', undefined, '  ')).toEqual(['  aaa bbb ccc']);
  });

  test('a word longer than the line stays whole', () => {
    expect(wrap('x averyveryverylongword y', 10)).toEqual(['x', 'averyveryverylongword', 'y']);
  });

  test('colour codes take no width', () => {
    expect(wrap('\u001b[1mabc\u001b[22m def', 7)).toEqual(['\u001b[1mabc\u001b[22m def']);
  });

  test('CJK takes two cells a character, combining marks none', () => {
    expect(wrap('日本語 テキスト です', 10)).toEqual(['日本語', 'テキスト', 'です']);
    expect(wrap('Cafe\u0301 Cafe\u0301', 9)).toEqual(['Cafe\u0301 Cafe\u0301']);
  });

  test('no line ends in a blank where it broke', () => {
    for (const line of wrap('aaa  bbb   ccc', 5)) expect(line).toBe(line.trimEnd());
  });
});
