import { describe, expect, it } from 'vitest';
import { rulingsOf, toPiece, type Matrix, type OpCodes } from '../src/geometry.js';
import { layoutPage, splitSpaced, tableBands, tidyText, type Ruling, type TextPiece } from '../src/index.js';

/** A piece of text at (x, baseline y), size 10, each character 10 wide (CJK) unless given. */
function piece(text: string, x: number, y: number, width = text.length * 10, size = 10): TextPiece {
  return { text, x, y, width, size };
}

function texts(pieces: TextPiece[], rulings: Ruling[] = []): string[][] {
  return layoutPage(pieces, rulings).lines.map((line) => line.cells.map((cell) => cell.text));
}

/** The borders of a grid: rows between the ys, columns between the xs. */
function grid(xs: number[], ys: number[]): Ruling[] {
  const left = xs[0]!;
  const right = xs[xs.length - 1]!;
  const top = ys[0]!;
  const bottom = ys[ys.length - 1]!;
  return [...ys.map((y) => ({ x1: left, y1: y, x2: right, y2: y })), ...xs.map((x) => ({ x1: x, y1: top, x2: x, y2: bottom }))];
}

describe('lines and cells', () => {
  it('joins CJK text split into one item per character without spaces', () => {
    expect(texts(['政', '府', '信', '息', '公', '开'].map((char, index) => piece(char, 50 + index * 10, 100)))).toEqual([['政府信息公开']]);
  });

  it('makes no empty cells of whitespace items', () => {
    const pieces = [piece('行政许可', 50, 100), piece(' ', 90, 100, 200), piece('', 290, 100, 0), piece('1245', 300, 100, 20), piece('  ', 320, 100, 5)];
    expect(texts(pieces)).toEqual([['行政许可', '1245']]);
  });

  it('starts a new cell after a gap wider than a character', () => {
    expect(texts([piece('规章', 50, 100), piece('0', 81, 100, 5), piece('0', 97, 100, 5)])).toEqual([['规章', '0', '0']]);
    expect(texts([piece('规章', 50, 100), piece('0', 75, 100, 5)])).toEqual([['规章0']]);
  });

  it('keeps a space between Latin words, none next to Chinese', () => {
    expect(texts([piece('PDF', 50, 100, 18), piece('text', 70, 100, 20), piece('层', 95, 100)])).toEqual([['PDF text层']]);
    expect(tidyText('桐川县 2023 年 政 府')).toBe('桐川县2023年政府');
    expect(tidyText('  a \u00a0 b  ')).toBe('a b');
  });

  it('reads Kangxi radicals as the ordinary characters', () => {
    expect(tidyText('\u2f2f\u4f5c\u62a5\u544a')).toBe('工作报告');
  });

  it('groups pieces by baseline within half a character, top to bottom', () => {
    const pieces = [piece('下', 50, 130), piece('上', 50, 100), piece('同一行', 80 + 40, 103)];
    expect(texts(pieces)).toEqual([['上', '同一行'], ['下']]);
    expect(texts([piece('一', 50, 100), piece('二', 100, 106)])).toEqual([['一'], ['二']]);
  });

  it('splits text that lines columns up with runs of spaces', () => {
    // 4 CJK (4 ems) + 6 spaces (3 ems) + 4 digits (2 ems) = 9 ems over 90
    const spaced = piece('行政许可      1245', 50, 100, 90);
    expect(splitSpaced(spaced)).toEqual([
      { text: '行政许可', x: 50, y: 100, width: 40, size: 10 },
      { text: '1245', x: 120, y: 100, width: 20, size: 10 },
    ]);
    expect(texts([spaced])).toEqual([['行政许可', '1245']]);
    expect(splitSpaced(piece('2023 年', 50, 100))).toEqual([piece('2023 年', 50, 100)]);
  });

  it('skips the same text drawn twice at one place (fake bold)', () => {
    expect(texts([piece('总体情况', 50, 100), piece('总体情况', 50.4, 100)])).toEqual([['总体情况']]);
  });

  it('numbers page lines from 0, a merged row taking the lines it spans', () => {
    const layout = layoutPage([piece('甲', 50, 100), piece('乙', 50, 120)]);
    expect(layout.lineCount).toBe(2);
    expect(layout.lines.map((line) => line.lineIndex)).toEqual([0, 1]);
    expect(layoutPage([]).lineCount).toBe(0);
  });
});

describe('ruled tables', () => {
  // a row from y 90 to 126: a label wrapped over two lines, values centred between them
  const row = [piece('（二）部分公开（区分处', 52, 102), piece('理的）', 72, 115), piece('3', 210, 108.5, 5), piece('4', 250, 108.5, 5)];
  const borders = grid([50, 200, 240, 280], [90, 126]);

  it('finds the rows of a table from its horizontal and vertical rulings', () => {
    expect(tableBands(grid([50, 200, 240], [90, 126, 140]))).toEqual([
      { top: 90, bottom: 126 },
      { top: 126, bottom: 140 },
    ]);
    // no vertical rulings: lines above and below a paragraph, not a table
    expect(tableBands([{ x1: 50, y1: 90, x2: 280, y2: 90 }, { x1: 50, y1: 200, x2: 280, y2: 200 }])).toEqual([]);
  });

  it('merges a wrapped label and the values centred beside it into one row', () => {
    const layout = layoutPage(row, borders);
    expect(layout.lines).toEqual([
      {
        lineIndex: 0,
        cells: [
          { text: '（二）部分公开（区分处理的）', lineIndex: 0 },
          { text: '3', lineIndex: 1 },
          { text: '4', lineIndex: 1 },
        ],
        positions: 'exact',
      },
    ]);
    expect(layout.lineCount).toBe(3);
  });

  it('without borders, merges label lines at equal distances above and below a line of values', () => {
    const layout = layoutPage(row);
    expect(layout.lines).toEqual([
      { lineIndex: 0, cells: [{ text: '（二）部分公开（区分处理的）', lineIndex: 0 }, { text: '3', lineIndex: 1 }, { text: '4', lineIndex: 1 }], positions: 'loose' },
    ]);
    // four label lines, the values between the second and third
    const four = [piece('甲一', 52, 100), piece('甲二', 52, 113), piece('5', 210, 119.5, 5), piece('甲三', 52, 126), piece('甲四', 52, 139)];
    expect(texts(four)).toEqual([['甲一甲二甲三甲四', '5']]);
    // not when the lines are not symmetric, or a neighbour holds values of its own
    expect(texts([piece('上一行', 52, 100), piece('3', 210, 108.5, 5), piece('4', 250, 108.5, 5), piece('下一行', 52, 125)])).toEqual([['上一行'], ['3', '4'], ['下一行']]);
    expect(texts([piece('规章', 52, 100), piece('0', 210, 100, 5), piece('3', 210, 108.5, 5), piece('4', 250, 108.5, 5), piece('下', 52, 117)])).toEqual([
      ['规章', '0'],
      ['3', '4'],
      ['下'],
    ]);
  });

  it('splits cells at a column border even when the gap is narrow', () => {
    const header = [piece('科研机', 52, 102), piece('社会公', 84, 102), piece('构', 60, 115), piece('益组织', 84, 115)];
    expect(texts(header)).toEqual([['科研机社会公'], ['构', '益组织']]);
    expect(texts(header, grid([50, 82, 120], [90, 120]))).toEqual([['科研机构', '社会公益组织']]);
  });

  it('does not stack two numbers into one cell when inner rulings are missing', () => {
    const rows = [piece('规章', 52, 102), piece('0', 210, 102, 5), piece('规范性文件', 52, 114), piece('12', 210, 114, 10)];
    expect(texts(rows, grid([50, 200, 240], [90, 126]))).toEqual([
      ['规章', '0'],
      ['规范性文件', '12'],
    ]);
  });

  it('does not merge lines far apart in one tall ruled box', () => {
    const box = [piece('甲', 52, 102), piece('乙', 52, 180)];
    expect(texts(box, grid([50, 200], [90, 200]))).toEqual([['甲'], ['乙']]);
  });

  it('keeps the lines of a one-column box (a title row, prose in a frame) as lines', () => {
    const box = [piece('五、存在的主要问题及改进情况', 52, 102), piece('（一）存在的主要问题。', 52, 117)];
    expect(texts(box, grid([50, 400], [90, 126]))).toEqual([['五、存在的主要问题及改进情况'], ['（一）存在的主要问题。']]);
  });

  it('leaves prose between two tables alone', () => {
    const rulings = [...grid([50, 200, 280], [40, 60]), ...grid([50, 200, 280], [150, 170])];
    const prose = [piece('四、政府信息公开行政复议、行政诉讼情况', 50, 90), piece('这是正文。', 50, 110), piece('第二行。', 50, 125)];
    expect(texts(prose, rulings)).toEqual([['四、政府信息公开行政复议、行政诉讼情况'], ['这是正文。'], ['第二行。']]);
  });
});

describe('geometry from pdfjs', () => {
  const page: Matrix = [1, 0, 0, -1, 0, 842]; // an A4 viewport at scale 1: y flipped

  it('places text items in device space and leaves out rotated or vertical text', () => {
    expect(toPiece({ str: '一、总体情况', transform: [12, 0, 0, 12, 56, 742], width: 72 }, page)).toEqual({ text: '一、总体情况', x: 56, y: 100, width: 72, size: 12 });
    expect(toPiece({ str: '内部资料', transform: [8.5, 8.5, -8.5, 8.5, 200, 400], width: 40 }, page)).toBeNull();
    expect(toPiece({ str: '竖排', dir: 'ttb', transform: [12, 0, 0, 12, 56, 742], width: 12 }, page)).toBeNull();
  });

  it('finds stroked lines and thin filled rectangles, through the current transform', () => {
    const ops: OpCodes = {
      save: 10, restore: 11, transform: 12, constructPath: 91, paintFormXObjectBegin: 74, paintFormXObjectEnd: 75,
      stroke: 20, closeStroke: 21, fill: 22, eoFill: 23, fillStroke: 24, eoFillStroke: 25, closeFillStroke: 26, closeEOFillStroke: 27,
    };
    const moveTo = 0;
    const lineTo = 1;
    const close = 4;
    const operators = {
      fnArray: [10, 12, 91, 11, 91, 91, 91],
      argsArray: [
        null,
        [2, 0, 0, 2, 0, 0],
        [20, [new Float32Array([moveTo, 10, 400, lineTo, 100, 400])], null], // stroked, scaled ×2
        null,
        [22, [new Float32Array([moveTo, 50, 700, lineTo, 250, 700, lineTo, 250, 700.5, lineTo, 50, 700.5, close])], null], // thin fill
        [22, [new Float32Array([moveTo, 50, 600, lineTo, 250, 600, lineTo, 250, 650, lineTo, 50, 650, close])], null], // shading: not a ruling
        [20, [new Float32Array([moveTo, 0, 0, lineTo, 30, 40])], null], // diagonal: not a ruling
      ],
    };
    const rulings = rulingsOf(operators, ops, page);
    expect(rulings).toHaveLength(2);
    expect(rulings[0]).toEqual({ x1: 20, y1: 42, x2: 200, y2: 42 });
    expect(rulings[1]!.x1).toBe(50);
    expect(rulings[1]!.x2).toBe(250);
    expect(rulings[1]!.y1).toBeCloseTo(141.75);
  });
});

describe('rows placed in the columns of a ruled table', () => {
  const borders = grid([50, 150, 190, 230, 270], [90, 110]);
  const row = [piece('行政规范性文件', 52, 104), piece('3', 170, 104, 5), piece('12', 250, 104, 10)];

  it('gives a blank cell its own empty cell, and the row exact positions', () => {
    const layout = layoutPage(row, borders);
    expect(layout.lines).toHaveLength(1);
    expect(layout.lines[0]!.positions).toBe('exact');
    expect(layout.lines[0]!.cells.map((cell) => cell.text)).toEqual(['行政规范性文件', '3', '', '12']);
  });

  it('without rulings, a blank cell leaves no trace: the row is loose', () => {
    const layout = layoutPage(row);
    expect(layout.lines[0]!.positions).toBe('loose');
    expect(layout.lines[0]!.cells.map((cell) => cell.text)).toEqual(['行政规范性文件', '3', '12']);
  });

  it('falls back to loose when two cells share a column', () => {
    const crowded = [piece('规章', 52, 104), piece('0', 155, 104, 5), piece('0', 175, 104, 5)];
    const layout = layoutPage(crowded, grid([50, 150, 190], [90, 110]));
    expect(layout.lines[0]).toMatchObject({ positions: 'loose', cells: [{ text: '规章' }, { text: '0' }, { text: '0' }] });
  });
});
