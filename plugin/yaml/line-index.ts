/** 1-based line and column of an offset (lines end at LF; a CRLF line break is one). */
export interface LineColumn {
  readonly line: number;
  readonly column: number;
}

/**
 * Maps offsets in a text to lines and columns. Built on first use: most objects need a few
 * positions, and files without findings need none.
 */
export class LineIndex {
  private readonly text: string;
  private starts: number[] | undefined;

  constructor(text: string) {
    this.text = text;
  }

  position(offset: number): LineColumn {
    const starts = (this.starts ??= lineStarts(this.text));
    // The last line start at or before offset.
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (starts[mid]! <= offset) low = mid + 1;
      else high = mid;
    }
    return { line: low, column: offset - starts[low - 1]! + 1 };
  }
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let lf = text.indexOf('\n'); lf !== -1; lf = text.indexOf('\n', lf + 1)) starts.push(lf + 1);
  return starts;
}
