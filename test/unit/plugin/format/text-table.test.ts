import { describe, expect, test } from '@jest/globals';
import { createColors } from '../../../../plugin/format/colors.ts';
import { renderTable } from '../../../../plugin/format/text-table.ts';

const red = createColors(true).red;
// eslint-disable-next-line no-control-regex
const plain = (lines: string[]) => lines.map((line) => line.replace(/\u001b\[[0-9;]*m/g, ''));

describe('renderTable', () => {
  test("kubectl's layout: UPPERCASE headers, three spaces between columns, no trailing blanks", () => {
    expect(
      renderTable(
        ['name', 'status', 'age'],
        [
          ['pi', 'Complete', '5m'],
          ['a-longer-name', '', ''],
        ],
      ),
    ).toEqual(['NAME            STATUS     AGE', 'pi              Complete   5m', 'a-longer-name']);
  });

  test('wide characters, emoji, combining marks and colour codes line up in cells', () => {
    const lines = renderTable(
      ['a', 'b'],
      [
        ['日本語', 'x'],
        ['💥💥', 'x'],
        ['Cafe\u0301', 'x'],
        [{ text: 'red', paint: red }, 'x'],
      ],
    );
    expect(plain(lines)).toEqual(['A        B', '日本語   x', '💥💥     x', 'Cafe\u0301     x', 'red      x']);
    expect(lines[4]).toBe('\u001b[31mred\u001b[39m      x');
  });

  test('cell text is escaped before it is painted: data cannot add lines or escape sequences', () => {
    expect(renderTable(['a', 'b'], [[{ text: 'x\n::error::y\u001b[2J', paint: red }, 'z']])).toEqual([
      'A                        B',
      '\u001b[31mx\\n::error::y\\u001b[2J\u001b[39m   z',
    ]);
  });

  test('the shrink column is cut with … to fit the width, on a character boundary', () => {
    const lines = renderTable(['pod', 'note'], [['p', '😀😀😀😀😀😀😀😀😀😀😀😀']], { width: 18, shrink: 1 });
    // 18 cells: POD takes 3 and the gap 3, the cut NOTE 12, five emoji and … (a sixth would not fit whole).
    expect(lines).toEqual(['POD   NOTE', 'p     😀😀😀😀😀…']);
  });

  test('a cut column never goes below 12 cells, and a narrow one is not widened', () => {
    expect(renderTable(['a', 'b'], [['x', 'y'.repeat(30)]], { width: 10, shrink: 1 })[1]).toBe(
      `x   ${'y'.repeat(11)}…`,
    );
    expect(renderTable(['a', 'b'], [['x'.repeat(20), 'y']], { width: 10, shrink: 1 })[1]).toBe(`${'x'.repeat(20)}   y`);
  });

  test('wrapLast: the last column wraps, its next lines under it', () => {
    expect(
      renderTable(null, [['Labels:', 'a=1, b=2, c=3']], { indent: '  ', gap: 1, width: 19, wrapLast: true }),
    ).toEqual(['  Labels: a=1, b=2,', '          c=3']);
  });

  test('minWidths keep a column as wide in every table; several pieces make one cell', () => {
    const dim = createColors(true).dim;
    const lines = renderTable(null, [['error', [{ text: 'bad  ' }, { text: 'rule', paint: dim }]]], {
      gap: 2,
      minWidths: [7],
    });
    expect(lines).toEqual(['error    bad  \u001b[2mrule\u001b[22m']);
  });
});
