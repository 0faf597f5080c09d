/**
 * Rebuilds lines and table rows from positioned text, without pdfjs: text pieces on one
 * baseline form a line, and wide gaps (or column borders) split a line into cells.
 *
 * Ruled tables (most reports: Word, WPS and LibreOffice draw cell borders) are read by
 * their grid: the lines between two horizontal borders are one row, so that a wrapped label
 * and the values centred beside it stay together; each cell is placed in its column, an
 * empty column giving an empty cell (`exact` rows); and the text of a cell spanning several
 * rows goes to the row where the cell starts. In tables without borders a line of values
 * takes the label lines centred around it; rows there are `loose`.
 *
 * Coordinates are device space at scale 1: x grows to the right, y grows downwards, and a
 * piece's y is its baseline.
 */

/** A run of text as the PDF places it. */
export interface TextPiece {
  text: string;
  /** left edge */
  x: number;
  /** baseline */
  y: number;
  width: number;
  /** font size (the height of an em) */
  size: number;
}

/** A straight ruling line, horizontal (y1 = y2) or vertical (x1 = x2), e.g. a table border. */
export interface Ruling {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** One cell of a rebuilt line, with the page line (0-based) its text starts on. */
export interface LayoutCell {
  text: string;
  lineIndex: number;
}

/** A rebuilt line: one cell is a paragraph line, two or more a table row. */
export interface LayoutLine {
  /** the page line (0-based, top to bottom) the row starts on */
  lineIndex: number;
  cells: LayoutCell[];
  /**
   * `exact` for a row of a ruled table whose cells could each be placed between two column
   * borders: every column is there, an empty one as a cell with empty text. `loose`
   * otherwise: cells as the gaps split them, empty columns leave no trace.
   */
  positions: 'exact' | 'loose';
}

export interface PageLayout {
  lines: LayoutLine[];
  /** how many baseline lines the page has; merged rows take several */
  lineCount: number;
}

/** A span of a table row between two horizontal rulings, with vertical rulings either side. */
export interface Band {
  top: number;
  bottom: number;
}

const RULING_TOLERANCE = 1;
/** a gap wider than this many ems starts a new cell */
const CELL_GAP_EMS = 1;
/** pieces on baselines closer than this many ems share a line */
const BASELINE_EMS = 0.5;
/** the most lines one table row may span before it is taken for several rows */
const MAX_ROW_LINES = 12;
/** lines of one wrapped cell are at most this many ems apart (double spacing is about 2.6) */
const MAX_WRAP_EMS = 3;

const HAN = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;
// built once: tidyText runs for every cell
const SPACE_BEFORE_HAN = new RegExp(` (?=${HAN.source})`, 'gu');
const HAN_BEFORE_SPACE = new RegExp(`(${HAN.source}) `, 'gu');

// ---- bands: the rows of ruled tables ----

interface Interval {
  from: number;
  to: number;
}

function mergeIntervals(intervals: Interval[], slack: number): Interval[] {
  const sorted = [...intervals].sort((a, b) => a.from - b.from);
  const merged: Interval[] = [];
  for (const interval of sorted) {
    const last = merged[merged.length - 1];
    if (last && interval.from <= last.to + slack) last.to = Math.max(last.to, interval.to);
    else merged.push({ ...interval });
  }
  return merged;
}

/** Groups rulings on (nearly) the same coordinate, with the union of their extents. */
function groupRulings(rulings: { at: number; from: number; to: number }[]): { at: number; spans: Interval[] }[] {
  const sorted = [...rulings].sort((a, b) => a.at - b.at);
  const groups: { at: number; parts: Interval[] }[] = [];
  for (const ruling of sorted) {
    const last = groups[groups.length - 1];
    if (last && ruling.at - last.at <= RULING_TOLERANCE) last.parts.push({ from: ruling.from, to: ruling.to });
    else groups.push({ at: ruling.at, parts: [{ from: ruling.from, to: ruling.to }] });
  }
  return groups.map((group) => ({ at: group.at, spans: mergeIntervals(group.parts, 2) }));
}

function covers(spans: readonly Interval[], from: number, to: number): boolean {
  return spans.some((span) => span.from <= from + RULING_TOLERANCE && span.to >= to - RULING_TOLERANCE);
}

function overlap(a: readonly Interval[], b: readonly Interval[]): Interval | null {
  let best: Interval | null = null;
  for (const left of a) {
    for (const right of b) {
      const from = Math.max(left.from, right.from);
      const to = Math.min(left.to, right.to);
      if (to > from && (!best || to - from > best.to - best.from)) best = { from, to };
    }
  }
  return best;
}

/**
 * The rows of ruled tables: the spans between two consecutive horizontal rulings that have
 * at least two vertical rulings running through them, within the width both share. Space
 * between two tables has no vertical rulings, so prose never falls in a band.
 */
export function tableBands(rulings: readonly Ruling[]): Band[] {
  return bandsOf(horizontalRulings(rulings), verticalRulings(rulings));
}

type RulingGroup = { at: number; spans: Interval[] };

function bandsOf(horizontal: readonly RulingGroup[], vertical: readonly RulingGroup[]): Band[] {
  const bands: Band[] = [];
  for (let index = 0; index + 1 < horizontal.length; index += 1) {
    const upper = horizontal[index]!;
    const lower = horizontal[index + 1]!;
    if (lower.at - upper.at < 2) continue;
    const shared = overlap(upper.spans, lower.spans);
    if (!shared) continue;
    const sides = vertical.filter(
      (line) => line.at >= shared.from - RULING_TOLERANCE && line.at <= shared.to + RULING_TOLERANCE && covers(line.spans, upper.at, lower.at),
    );
    if (sides.length >= 2) bands.push({ top: upper.at, bottom: lower.at });
  }
  return bands;
}

/** Horizontal rulings, grouped by y. */
function horizontalRulings(rulings: readonly Ruling[]): RulingGroup[] {
  return groupRulings(
    rulings.filter((r) => Math.abs(r.y1 - r.y2) <= RULING_TOLERANCE && Math.abs(r.x2 - r.x1) > RULING_TOLERANCE)
      .map((r) => ({ at: (r.y1 + r.y2) / 2, from: Math.min(r.x1, r.x2), to: Math.max(r.x1, r.x2) })),
  );
}

/** Vertical rulings, grouped by x. */
function verticalRulings(rulings: readonly Ruling[]): RulingGroup[] {
  return groupRulings(
    rulings.filter((r) => Math.abs(r.x1 - r.x2) <= RULING_TOLERANCE && Math.abs(r.y2 - r.y1) > RULING_TOLERANCE)
      .map((r) => ({ at: (r.x1 + r.x2) / 2, from: Math.min(r.y1, r.y2), to: Math.max(r.y1, r.y2) })),
  );
}

// ---- lines and cells ----

/** The x of each vertical ruling that runs past a line's text. */
function wallsOf(line: Line, verticals: readonly { at: number; spans: Interval[] }[]): number[] {
  const top = line.y - line.size * 0.7;
  const bottom = line.y - line.size * 0.1;
  return verticals.filter((wall) => wall.spans.some((span) => span.from <= top && span.to >= bottom)).map((wall) => wall.at);
}

/** How wide a character sets, in ems: CJK and full-width forms 1, the rest about half. */
function charWidth(char: string): number {
  return HAN.test(char) ? 1 : 0.5;
}

/**
 * Splits a piece whose text lines columns up with runs of spaces (`行政许可      1245`, as
 * some printers to PDF write it) into one piece per run, placed in proportion to the
 * characters before it.
 */
export function splitSpaced(piece: TextPiece): TextPiece[] {
  if (!/\S\s{2,}\S/.test(piece.text)) return [piece];
  const chars = [...piece.text];
  const total = chars.reduce((sum, char) => sum + charWidth(char), 0);
  const scale = total > 0 ? piece.width / total : 0;
  const parts: TextPiece[] = [];
  let offset = 0;
  for (const match of piece.text.matchAll(/\S+(?:\s\S+)*/g)) {
    const before = [...piece.text.slice(offset, match.index)].reduce((sum, char) => sum + charWidth(char), 0);
    const start = (parts.length === 0 ? 0 : parts[parts.length - 1]!.x + parts[parts.length - 1]!.width - piece.x) + before * scale;
    const width = [...match[0]].reduce((sum, char) => sum + charWidth(char), 0) * scale;
    parts.push({ ...piece, text: match[0], x: piece.x + start, width });
    offset = match.index + match[0].length;
  }
  return parts;
}

interface Line {
  y: number;
  size: number;
  band: number;
  pieces: TextPiece[];
}

interface Cell {
  text: string;
  from: number;
  to: number;
}

function bandOf(piece: TextPiece, bands: readonly Band[]): number {
  // the middle of a CJK glyph sits about 0.38 em above the baseline
  const middle = piece.y - piece.size * 0.38;
  return bands.findIndex((band) => middle > band.top && middle < band.bottom);
}

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && /[\p{L}\p{N}]/u.test(char) && !HAN.test(char);
}

/** Joins two texts read left to right or top to bottom: no space next to CJK. */
function joinText(left: string, right: string, spaced: boolean): string {
  if (left === '') return right;
  if (right === '') return left;
  return spaced && isWordChar(left[left.length - 1]) && isWordChar(right[0]) ? `${left} ${right}` : left + right;
}

/**
 * Collapses whitespace and drops it next to CJK characters: PDF writers space out
 * justified text and put a gap between Chinese and Latin text (2023 年), which are layout,
 * not words. Kangxi radicals and compatibility ideographs, which some writers map glyphs
 * to (⼯作 for 工作), become the ordinary characters.
 */
export function tidyText(text: string): string {
  return text
    .replace(/[\u2e80-\u2fdf\uf900-\ufaff]/g, (char) => char.normalize('NFKC'))
    .replace(/[\s\u00a0]+/g, ' ')
    .replace(SPACE_BEFORE_HAN, '')
    .replace(HAN_BEFORE_SPACE, '$1')
    .trim();
}

/**
 * Splits a line into cells where the gap between two pieces exceeds about one character,
 * or where a vertical ruling (a table's column border, `walls`) runs between them.
 */
function lineCells(pieces: readonly TextPiece[], walls: readonly number[]): Cell[] {
  const sorted = [...pieces].sort((a, b) => a.x - b.x);
  const cells: Cell[] = [];
  let previous: TextPiece | null = null;
  for (const piece of sorted) {
    const current = cells[cells.length - 1];
    if (previous && current) {
      // the same text drawn twice at (nearly) the same place: fake bold
      if (piece.text === previous.text && Math.abs(piece.x - previous.x) < piece.size * 0.3) continue;
      const gap = piece.x - current.to;
      const walled = walls.some((wall) => wall >= current.to - RULING_TOLERANCE && wall <= piece.x + RULING_TOLERANCE);
      if (!walled && gap <= Math.max(piece.size, previous.size) * CELL_GAP_EMS) {
        current.text = joinText(current.text, piece.text, gap > piece.size * 0.15);
        current.to = Math.max(current.to, piece.x + piece.width);
        previous = piece;
        continue;
      }
    }
    cells.push({ text: piece.text, from: piece.x, to: piece.x + piece.width });
    previous = piece;
  }
  return cells.map((cell) => ({ ...cell, text: tidyText(cell.text) })).filter((cell) => cell.text !== '');
}

/** Groups pieces into baseline lines, top to bottom; pieces in different bands never share a line. */
function baselineLines(pieces: readonly TextPiece[], bands: readonly Band[]): Line[] {
  const sorted = [...pieces].sort((a, b) => a.y - b.y || a.x - b.x);
  const lines: Line[] = [];
  for (const piece of sorted) {
    const band = bandOf(piece, bands);
    let line: Line | undefined;
    for (let index = lines.length - 1; index >= 0; index -= 1) {
      const candidate = lines[index]!;
      const tolerance = Math.max(candidate.size, piece.size) * BASELINE_EMS;
      if (piece.y - candidate.y > tolerance) break;
      if (candidate.band === band) {
        line = candidate;
        break;
      }
    }
    if (line) {
      line.pieces.push(piece);
      line.size = Math.max(line.size, piece.size);
    } else lines.push({ y: piece.y, size: piece.size, band, pieces: [piece] });
  }
  return lines.sort((a, b) => a.y - b.y);
}

/** A number as a table cell holds it: digits with separators, a sign or a short unit. */
function isNumberLike(text: string): boolean {
  return /^[+\-－]?[\d０-９][\d０-９.,，\s]*(?:[%％]|[\p{Script=Han}]{1,2})?$/u.test(text);
}

interface Column {
  from: number;
  to: number;
  parts: LayoutCell[];
  lastLine: number;
}

/** A cell of a row with its horizontal extent. */
interface PlacedCell extends LayoutCell {
  from: number;
  to: number;
}

interface IndexedLine {
  index: number;
  line: Line;
  cells: Cell[];
}

/**
 * Merges the lines of one table row into one row of cells: cells of different lines that
 * overlap horizontally are one cell wrapped over several lines. Returns null when the
 * lines do not look like one row (two numbers would stack in one cell, the lines are too
 * far apart, or there is only one column), so they stay separate lines.
 */
function mergeRow(lines: readonly IndexedLine[]): PlacedCell[] | null {
  if (lines.length > MAX_ROW_LINES) return null;
  for (let index = 1; index < lines.length; index += 1) {
    const { line } = lines[index]!;
    const above = lines[index - 1]!.line;
    if (line.y - above.y > Math.max(line.size, above.size) * MAX_WRAP_EMS) return null;
  }
  const columns: Column[] = [];
  for (const { index, cells } of lines) {
    for (const cell of cells) {
      const touching = columns.filter((column) => Math.min(column.to, cell.to) - Math.max(column.from, cell.from) > 0);
      const column = touching.length === 1 && touching[0]!.lastLine !== index ? touching[0]! : null;
      if (column) {
        const last = column.parts[column.parts.length - 1]!;
        if (isNumberLike(last.text) && isNumberLike(cell.text)) return null;
        column.parts.push({ text: cell.text, lineIndex: index });
        column.from = Math.min(column.from, cell.from);
        column.to = Math.max(column.to, cell.to);
        column.lastLine = index;
      } else {
        columns.push({ from: cell.from, to: cell.to, parts: [{ text: cell.text, lineIndex: index }], lastLine: index });
      }
    }
  }
  // one column is text in a box (a title row, or prose set in a table): its lines stay lines
  if (columns.length < 2) return null;
  columns.sort((a, b) => a.from - b.from || a.parts[0]!.lineIndex - b.parts[0]!.lineIndex);
  return columns.map((column) => ({
    text: column.parts.reduce((text, part) => joinText(text, part.text, true), ''),
    lineIndex: column.parts[0]!.lineIndex,
    from: column.from,
    to: column.to,
  }));
}

/**
 * The x of each vertical ruling that runs through a whole band, left to right: the
 * borders of its columns, including those of rowspan columns the horizontal rulings skip.
 */
function bandWalls(band: Band, verticals: readonly RulingGroup[]): number[] {
  return verticals.filter((wall) => covers(wall.spans, band.top, band.bottom)).map((wall) => wall.at).sort((a, b) => a - b);
}

/**
 * A ruled row as the grid has it: each cell in the column between two borders, empty
 * columns as empty cells. Null when a cell falls outside the table or two share a column.
 */
function gridRow(cells: readonly PlacedCell[], walls: readonly number[]): LayoutCell[] | null {
  if (walls.length < 2) return null;
  const slots: (LayoutCell | null)[] = walls.slice(1).map(() => null);
  for (const cell of cells) {
    const middle = (cell.from + cell.to) / 2;
    const slot = walls.findIndex((wall, index) => index + 1 < walls.length && middle > wall && middle < walls[index + 1]!);
    if (slot < 0 || slots[slot]) return null;
    slots[slot] = { text: cell.text, lineIndex: cell.lineIndex };
  }
  const lineIndex = Math.min(...cells.map((cell) => cell.lineIndex));
  return slots.map((slot) => slot ?? { text: '', lineIndex });
}

/**
 * A row of cells, placed in the columns of its ruled table when it has two or more cells,
 * or a lone number in a row of blanks (表四 with only its last cell filled); else as is. A
 * lone label (a wrapped label's rest after a page break) stays one cell: a text line.
 */
function layoutLine(cells: readonly PlacedCell[], walls: readonly number[] | null): LayoutLine {
  const lineIndex = Math.min(...cells.map((cell) => cell.lineIndex));
  const placeable = cells.length > 1 || (cells.length === 1 && isNumberLike(cells[0]!.text));
  const grid = walls && walls.length > 2 && placeable ? gridRow(cells, walls) : null;
  if (grid) return { lineIndex, cells: grid, positions: 'exact' };
  return { lineIndex, cells: cells.map(({ text, lineIndex: line }) => ({ text, lineIndex: line })), positions: 'loose' };
}

/**
 * Which cell of the grid each column of each band belongs to: a column with no ruling
 * above it continues the cell of the band above (a rowspan). Keys are `band:column`; the
 * value is the key of the cell's top band and column.
 */
function spanOwners(bands: readonly Band[], walls: readonly (readonly number[])[], horizontal: readonly RulingGroup[]): Map<string, string> {
  const owners = new Map<string, string>();
  const near = (a: number, b: number) => Math.abs(a - b) <= RULING_TOLERANCE * 2;
  bands.forEach((band, index) => {
    const columns = walls[index]!;
    const above = index > 0 && near(bands[index - 1]!.bottom, band.top) ? walls[index - 1]! : null;
    const top = horizontal.find((group) => near(group.at, band.top));
    for (let column = 0; column + 1 < columns.length; column += 1) {
      const left = columns[column]!;
      const right = columns[column + 1]!;
      const key = `${index}:${column}`;
      const ruledAbove = top !== undefined && top.spans.some((span) => span.from <= left + RULING_TOLERANCE * 2 && span.to >= right - RULING_TOLERANCE * 2);
      const upper = above && !ruledAbove ? above.findIndex((wall, at) => at + 1 < above.length && near(wall, left) && near(above[at + 1]!, right)) : -1;
      owners.set(key, upper >= 0 ? (owners.get(`${index - 1}:${upper}`) ?? `${index - 1}:${upper}`) : key);
    }
  });
  return owners;
}

/**
 * Moves the text of cells that span several ruled rows (rowspans) to the row where the
 * cell starts, as Word and HTML tables have it: a label centred in its span is split over
 * the lines of the rows beside it, and would otherwise stand in a row it does not label.
 */
function gatherRowspans(rows: { band: number; line: LayoutLine }[], owners: ReadonlyMap<string, string>): void {
  const spanSize = new Map<string, number>();
  for (const owner of owners.values()) spanSize.set(owner, (spanSize.get(owner) ?? 0) + 1);
  const gathered = new Map<string, LayoutCell[]>();
  const firstRow = new Map<string, { row: (typeof rows)[number]; column: number }>();
  for (const row of rows) {
    row.line.cells.forEach((cell, column) => {
      const owner = owners.get(`${row.band}:${column}`);
      if (!owner || (spanSize.get(owner) ?? 0) < 2) return;
      if (!firstRow.has(owner)) firstRow.set(owner, { row, column });
      if (cell.text === '') return;
      gathered.set(owner, [...(gathered.get(owner) ?? []), cell]);
      row.line.cells[column] = { text: '', lineIndex: cell.lineIndex };
    });
  }
  for (const [owner, parts] of gathered) {
    const target = firstRow.get(owner)!;
    const sorted = [...parts].sort((a, b) => a.lineIndex - b.lineIndex);
    target.row.line.cells[target.column] = {
      text: sorted.reduce((text, part) => joinText(text, part.text, true), ''),
      lineIndex: sorted[0]!.lineIndex,
    };
  }
}

/**
 * Borderless tables: a line of values alone, with label lines at equal distances above and
 * below it, is a row whose label wrapped while the values were centred beside it. Finds
 * such groups of lines (outside ruled tables), by the index of their first line.
 */
function centredRows(lines: readonly IndexedLine[]): Map<number, { end: number; cells: PlacedCell[] }> {
  const groups = new Map<number, { end: number; cells: PlacedCell[] }>();
  let free = 0; // lines before this one are taken
  lines.forEach((values, at) => {
    if (at < free || values.line.band >= 0 || !values.cells.every((cell) => isNumberLike(cell.text))) return;
    const firstValue = values.cells[0]!.from;
    const labelOnly = (entry: IndexedLine | undefined): entry is IndexedLine =>
      entry !== undefined && entry.line.band < 0 && entry.cells.every((cell) => !isNumberLike(cell.text) && cell.to <= firstValue + RULING_TOLERANCE);
    let reach = 0;
    while (true) {
      const above = lines[at - reach - 1];
      const below = lines[at + reach + 1];
      if (at - reach - 1 < free || !labelOnly(above) || !labelOnly(below)) break;
      const up = values.line.y - above.line.y;
      const down = below.line.y - values.line.y;
      if (Math.abs(up - down) > values.line.size * 0.3) break;
      reach += 1;
    }
    if (reach === 0) return;
    const cells = mergeRow(lines.slice(at - reach, at + reach + 1));
    if (!cells) return;
    groups.set(at - reach, { end: at + reach + 1, cells });
    free = at + reach + 1;
  });
  return groups;
}

/**
 * Lays out one page: baseline lines split into cells at wide gaps and column borders; the
 * lines of one ruled table row merged into one row, placed in the table's columns, with
 * rowspan labels in the row where their cell starts. Whitespace-only pieces are dropped,
 * so they never make cells; an empty cell is an empty column of a ruled row.
 */
export function layoutPage(pieces: readonly TextPiece[], rulings: readonly Ruling[] = []): PageLayout {
  const horizontal = horizontalRulings(rulings);
  const verticals = verticalRulings(rulings);
  const bands = bandsOf(horizontal, verticals);
  const walls = bands.map((band) => bandWalls(band, verticals));
  const visible = pieces.filter((piece) => piece.text.trim() !== '').flatMap(splitSpaced);
  const lines: IndexedLine[] = baselineLines(visible, bands)
    .map((line, index) => ({ index, line, cells: lineCells(line.pieces, wallsOf(line, verticals)) }))
    .filter((entry) => entry.cells.length > 0);
  const placed = (entry: IndexedLine): PlacedCell[] => entry.cells.map((cell) => ({ ...cell, lineIndex: entry.index }));
  const result: LayoutLine[] = [];
  /** the exact rows that are a whole ruled row each, by band */
  const gridRows: { band: number; line: LayoutLine }[] = [];
  const centred = centredRows(lines);
  let index = 0;
  while (index < lines.length) {
    const first = lines[index]!;
    const group = centred.get(index);
    if (group) {
      result.push(layoutLine(group.cells, null));
      index = group.end;
      continue;
    }
    const band = first.line.band;
    let end = index + 1;
    if (band >= 0) {
      while (end < lines.length && lines[end]!.line.band === band) end += 1;
    }
    const lineGroup = lines.slice(index, end);
    const bandWallsHere = band >= 0 ? walls[band]! : null;
    const merged = lineGroup.length > 1 ? mergeRow(lineGroup) : placed(lineGroup[0]!);
    if (merged && (lineGroup.length > 1 || band >= 0)) {
      const line = layoutLine(merged, bandWallsHere);
      result.push(line);
      if (line.positions === 'exact') gridRows.push({ band, line });
    } else {
      result.push(...lineGroup.map((entry) => layoutLine(placed(entry), bandWallsHere)));
    }
    index = end;
  }
  gatherRowspans(gridRows, spanOwners(bands, walls, horizontal));
  return {
    lines: result.filter((line) => line.cells.some((cell) => cell.text !== '')),
    lineCount: lines.length === 0 ? 0 : lines[lines.length - 1]!.index + 1,
  };
}
