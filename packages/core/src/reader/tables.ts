import { NATIONAL_VOCABULARY, cellKey, type Vocabulary } from '../model/cell-keys.js';
import type { CellSource } from '../model/schema.js';
import {
  FEE_COLUMNS,
  REQUEST_COLUMNS,
  REVIEW_GROUPS,
  REVIEW_OUTCOMES,
  type ColumnDef,
  type RowDef,
  type TableId,
  type TemplateId,
} from '../model/templates.js';
import { isBlankText, isNumericText, memoize, normalizeLabel, normalizeText, packedMap, readCell, type CellReading } from '../model/values.js';
import type { RowBlock, SourceBlock, SourceCell } from '../source/document.js';
import { CellRecords, numbersOf } from './records.js';
import { sectionOfHeading } from './sections.js';

/** The cells read from a document's tables. */
export interface TableReading {
  template: TemplateId | null;
  cells: Record<string, number | null>;
  /** empty when read with `sources: false` (see sourceOf) */
  sources: Record<string, CellSource>;
  /** a cell's source, whether or not `sources` was built */
  sourceOf: (key: string) => CellSource | undefined;
  problems: Record<string, string>;
  tables: { id: TableId; line: number }[];
}

const MARKERS_2019 = /本年新制作数量|本年新公开数量|对外公开总数量|上一年项目数量|本年增\/?减|其他对外管理服务事项/;
const MARKERS_2021 = /本年制发件数|本年废止件数|现行有效件数|本年处理决定数量|本年收费金额/;

/** Column labels of table 三: a row that has two of them is a header row. */
const REQUEST_HEADER_WORDS = new Set(
  [...REQUEST_COLUMNS.map((column) => column.label), '法人或其他组织', '申请人情况'].map((label) => normalizeText(label)),
);

/**
 * What the reader asks of a cell's text, worked out once per distinct text: reports repeat
 * their labels, and their numbers come from a small range.
 */
interface CellFacts {
  /** normalizeText */
  normal: string;
  /** normalizeLabel */
  label: string;
  blank: boolean;
  numeric: boolean;
  /** blank or numeric: where a number belongs */
  valueLike: boolean;
  /** a column header of the 2019 template's table 二 */
  marks2019: boolean;
  /** a column header of the 2021 template's table 二 */
  marks2021: boolean;
  /** the label of table 三's first rows */
  requestsLabel: boolean;
  /** a label of the 2021 template's （六） rows */
  otherHandlingLabel: boolean;
  /** the 2019 template's single （六）其他处理 row */
  otherHandlingTotal: boolean;
  /** a column label of table 三 */
  requestHeader: boolean;
  /** the text read as a count (the commonest column kind), once asked */
  count?: CellReading;
  /** what a header cell says of the table it begins (see onRow) */
  activeHeader: boolean;
  activeFirst: boolean;
  requestsHeader: boolean;
  reconsideration: boolean;
  litigation: boolean;
  feeHeader: boolean;
}

/** The facts of a cell's text; those of empty cells and of the numbers 0–9999 (most cells) without a memo lookup. */
function factsOf(text: string): CellFacts {
  const length = text.length;
  if (length === 0) return (emptyFacts ??= factsOfText(''));
  if (length <= 4 && (length === 1 || text.charCodeAt(0) !== ZERO)) {
    let number = 0;
    for (let index = 0; index < length; index += 1) {
      const digit = text.charCodeAt(index) - ZERO;
      if (digit < 0 || digit > 9) return factsOfText(text);
      number = number * 10 + digit;
    }
    return (NUMBER_FACTS[number] ??= factsOfText(text));
  }
  return factsOfText(text);
}

const ZERO = 48;
let emptyFacts: CellFacts | undefined;
/**
 * The facts of "0" … "9999", by number: a text of digits without a leading zero is its
 * number's. Made at its full length: an array grown by storing at scattered indices
 * becomes a dictionary, slower to read.
 */
const NUMBER_FACTS = new Array<CellFacts | undefined>(10_000);

const factsOfText = memoize((text: string): CellFacts => {
  const normal = normalizeText(text);
  const label = normalizeLabel(text);
  const blank = isBlankText(text);
  const numeric = isNumericText(text);
  return {
    normal,
    label,
    blank,
    numeric,
    valueLike: blank || numeric,
    marks2019: MARKERS_2019.test(normal),
    marks2021: MARKERS_2021.test(normal),
    requestsLabel: /本年新收|上年结转/.test(label),
    otherHandlingLabel: /不补正|缴纳费用/.test(label),
    otherHandlingTotal: /其他处理$/.test(label),
    requestHeader: REQUEST_HEADER_WORDS.has(normal),
    activeHeader: normal.includes('第二十条'),
    activeFirst: normal.startsWith('信息内容'),
    requestsHeader: /申请人情况|勾稽关系/.test(normal),
    reconsideration: normal.includes('行政复议'),
    litigation: normal.includes('行政诉讼'),
    feeHeader: /通知收取件数|实际收取金额/.test(normal),
  };
});

function factsOfCells(cells: readonly SourceCell[]): CellFacts[] {
  const facts: CellFacts[] = [];
  for (const cell of cells) facts.push(factsOf(cell.text));
  return facts;
}

/** The facts of each row's cells (undefined for text), by block. */
function rowFactsOf(blocks: readonly SourceBlock[]): (CellFacts[] | undefined)[] {
  return packedMap(blocks, (block) => (block.kind === 'row' ? factsOfCells(block.cells) : undefined));
}

/**
 * Detects the template from the tables themselves: table 二's column headers first (the
 * two templates differ most there), then the shape of table 三's （六） rows.
 */
export function detectTemplate(blocks: readonly SourceBlock[]): TemplateId | null {
  return detectTemplateOf(blocks, rowFactsOf(blocks));
}

/** detectTemplate, with the facts of each row's cells (undefined for text). */
function detectTemplateOf(blocks: readonly SourceBlock[], rowFacts: readonly (readonly CellFacts[] | undefined)[]): TemplateId | null {
  let score2019 = 0;
  let score2021 = 0;
  let otherHandlingRows = 0;
  let singleOtherHandling = false;
  let anyTable = false;
  for (let at = 0; at < blocks.length; at += 1) {
    const cells = rowFacts[at];
    if (!cells) continue;
    let otherHandling = false;
    let otherHandlingTotal = false;
    let labels = 0;
    let values = 0;
    for (const facts of cells) {
      if (facts.marks2019) score2019 += 1;
      if (facts.marks2021) score2021 += 1;
      if (facts.requestsLabel) anyTable = true;
      if (facts.otherHandlingLabel) otherHandling = true;
      if (facts.otherHandlingTotal) otherHandlingTotal = true;
      if (facts.label) labels += 1;
      if (facts.numeric) values += 1;
    }
    if (otherHandling) otherHandlingRows += 1;
    if (otherHandlingTotal && labels === 1 + values) singleOtherHandling = true;
  }
  if (score2019 > score2021) return '2019';
  if (score2021 > score2019) return '2021';
  if (otherHandlingRows > 0) return '2021';
  if (singleOtherHandling) return '2019';
  return anyTable ? '2021' : null;
}

function countValues(facts: readonly CellFacts[]): number {
  let count = 0;
  for (const cell of facts) if (cell.numeric) count += 1;
  return count;
}

interface LabelledRow {
  row: RowDef;
  values: SourceCell[];
}

/** Which rows of a list a label is: the first whose pattern matches, remembered per list and label. */
const MATCHES = new WeakMap<readonly RowDef[], Map<string, RowDef | null> | null>();

function matchRow(label: string, rows: readonly RowDef[]): RowDef | null {
  let matches = MATCHES.get(rows);
  if (matches === undefined) {
    // a global or sticky pattern answers by its lastIndex: such lists are not remembered
    const stateless = rows.every((row) => row.patterns.every((pattern) => !pattern.global && !pattern.sticky));
    MATCHES.set(rows, (matches = stateless ? new Map() : null));
  }
  if (matches === null) return rows.find((candidate) => candidate.patterns.some((pattern) => pattern.test(label))) ?? null;
  let row = matches.get(label);
  if (row === undefined) {
    row = rows.find((candidate) => candidate.patterns.some((pattern) => pattern.test(label))) ?? null;
    if (matches.size >= 20_000) matches.clear();
    matches.set(label, row);
  }
  return row;
}

/**
 * Finds which template row a source row is. The most specific label cell is the last
 * one (`（三）不予公开 | 1.属于国家秘密`), so label cells are tried from the last to the
 * first, then joined (a label split over two cells); the cells after the matching label
 * are the values. Text where a number belongs is kept as a value, to be reported.
 */
function labelRow(cells: readonly SourceCell[], facts: readonly CellFacts[], rows: readonly RowDef[]): LabelledRow | null {
  let firstLabel = 0;
  while (firstLabel < cells.length && facts[firstLabel]!.blank) firstLabel += 1;
  if (firstLabel === cells.length) return null;
  let lastLabel = firstLabel;
  while (lastLabel + 1 < cells.length && !facts[lastLabel + 1]!.valueLike) lastLabel += 1;
  for (let index = lastLabel; index >= firstLabel; index -= 1) {
    const row = matchRow(facts[index]!.label, rows);
    if (row) return { row, values: cells.slice(index + 1) };
  }
  let together = '';
  for (let index = firstLabel; index <= lastLabel; index += 1) together += cells[index]!.text;
  const joined = normalizeLabel(together);
  const row = matchRow(joined, rows);
  return row ? { row, values: cells.slice(lastLabel + 1) } : null;
}

/**
 * Lines a row's value cells up with the template's columns. With exact positions, cells
 * stand in their columns and surplus empty cells at the end are layout debris. With
 * loose positions (PDF text), empty cells may be missing or doubled: a row with the
 * right count is positional, any other is aligned to the right, where the 总计 column is.
 * A blank's mark (“/”, “—”, “无”) is written, so it keeps its place as a number would.
 */
export function alignValues(values: readonly SourceCell[], count: number, positions: RowBlock['positions']): (SourceCell | null)[] {
  let end = values.length;
  if (positions === 'exact') {
    while (end > count && factsOf(values[end - 1]!.text).blank) end -= 1;
    const aligned: (SourceCell | null)[] = values.slice(0, Math.min(end, count));
    while (aligned.length < count) aligned.push(null);
    return aligned;
  }
  while (end > 0 && isEmpty(values[end - 1]!)) end -= 1;
  if (end > count) {
    const filled: SourceCell[] = [];
    for (let index = 0; index < end; index += 1) if (!isEmpty(values[index]!)) filled.push(values[index]!);
    return filled.length === count ? filled : values.slice(end - count, end);
  }
  const aligned = new Array<SourceCell | null>(count - end).fill(null);
  for (let index = 0; index < end; index += 1) aligned.push(values[index]!);
  return aligned;
}

/** A cell with no text at all (whitespace aside): in PDF text, where it may be missing or doubled. */
function isEmpty(cell: SourceCell): boolean {
  return cell.text.trim() === '';
}

/**
 * Drops the cells a colspan left: a merged cell counts once, so a label or value drawn
 * across two grid columns (as Word and LibreOffice lay out irregular tables) does not
 * push the cells after it out of their template columns.
 */
function collapseColumnSpans(block: RowBlock): RowBlock {
  return block.cells.some((cell) => cell.merged === 'col') ? { ...block, cells: block.cells.filter((cell) => cell.merged !== 'col') } : block;
}

/** A label-only row (a label that wrapped onto its own line) is kept for the next row. */
function labelOnly(cells: readonly SourceCell[]): string | null {
  const texts: string[] = [];
  for (const cell of cells) {
    const text = cell.text.trim();
    if (text !== '') texts.push(text);
  }
  if (texts.length === 0 || texts.some((text) => factsOf(text).valueLike)) return null;
  return texts.join('');
}

/** The cell keys of a template row (a row belongs to one table), in column order. */
const KEYS_OF_ROW = new WeakMap<RowDef, string[]>();

function keysOfRow(table: TableId, row: RowDef): string[] {
  let keys = KEYS_OF_ROW.get(row);
  if (!keys) KEYS_OF_ROW.set(row, (keys = rowKeys(table, row.key, row.columns)));
  return keys;
}

/** The cell keys of a table row, in column order; remembered per column list. */
const ROW_KEYS = new Map<string, WeakMap<readonly ColumnDef[], string[]>>();

function rowKeys(table: TableId, row: string, columns: readonly ColumnDef[]): string[] {
  const id = `${table}\u0000${row}`;
  let byColumns = ROW_KEYS.get(id);
  if (!byColumns) {
    if (ROW_KEYS.size >= 10_000) ROW_KEYS.clear();
    ROW_KEYS.set(id, (byColumns = new WeakMap()));
  }
  let keys = byColumns.get(columns);
  if (!keys) byColumns.set(columns, (keys = columnKeys(table, row, columns)));
  return keys;
}

/** The cell keys of a table row's columns, in order. */
function columnKeys(table: TableId, row: string, columns: readonly ColumnDef[]): string[] {
  return packedMap(columns, (column) => cellKey(table, row, column.key));
}

/** A count column, as readCell takes it. */
const COUNT: Pick<ColumnDef, 'kind' | 'unit'> = { kind: 'count' };

const TABLE_OF_SECTION: Partial<Record<number, TableId>> = { 2: 'active', 3: 'requests', 4: 'review' };

/** The review groups' labels as a row label reads, and the part after “·” a label may end with. */
const REVIEW_GROUP_LABELS = REVIEW_GROUPS.map((group) => ({ group, label: normalizeLabel(group.label), tail: group.label.split('·').pop()! }));

/** The start of each fee column's label, as a header cell begins. */
const FEE_COLUMN_STARTS = FEE_COLUMNS.map((column) => ({ column, start: normalizeText(column.label).slice(0, 6) }));

/** The fee table's columns in the order header cells name them; null unless they name every one. */
function feeColumnOrder(facts: readonly CellFacts[]): ColumnDef[] | null {
  const order: ColumnDef[] = [];
  for (const cell of facts) {
    const column = FEE_COLUMN_STARTS.find((candidate) => cell.normal.startsWith(candidate.start))?.column;
    if (column !== undefined) order.push(column);
  }
  return order.length === FEE_COLUMNS.length ? order : null;
}

class TableReader {
  private readonly records = new CellRecords();
  private readonly problems: Record<string, string> = {};
  private readonly tables: TableReading['tables'] = [];
  private table: TableId | null = null;
  private heldLabels: string[] = [];
  /** rows read since the current table began */
  private rowsRead = 0;
  private feeColumns: ColumnDef[] = [...FEE_COLUMNS];
  private reviewRead = false;

  constructor(
    private readonly template: TemplateId | null,
    private readonly vocabulary: Vocabulary,
  ) {}

  read(blocks: readonly SourceBlock[], rowFacts: readonly (readonly CellFacts[] | undefined)[], withSources: boolean): TableReading {
    for (let at = 0; at < blocks.length; at += 1) {
      const block = blocks[at]!;
      if (block.kind === 'text') this.onText(block.text);
      else this.onRow(block, rowFacts[at]!);
    }
    const { records } = this;
    const { cells, sources } = records.build(withSources);
    return { template: this.template, cells, sources, sourceOf: (key) => records.source(key), problems: this.problems, tables: this.tables };
  }

  private switchTo(table: TableId | null): void {
    if (table === this.table) return;
    this.table = table;
    this.rowsRead = 0;
    this.heldLabels = [];
  }

  private onText(text: string): void {
    // the fee table's header with its cells parted by single spaces, as PDF text gives it
    // (`项目 通知收取件数 通知收取金额（元） 实际收取金额（元）`): a line of text, but it starts the table
    if (text.includes('收取')) {
      const order = feeColumnOrder(text.split(/\s+/).map(factsOf));
      if (order) {
        this.switchTo('fees');
        this.feeColumns = order;
        return;
      }
    }
    const section = sectionOfHeading(text);
    if (section === null) {
      // PDF text puts a wrapped label's lines around its numbers: keep them for the next row,
      // once the table has begun (prose before a table is no label)
      if ((this.table === 'active' || this.table === 'requests') && this.rowsRead > 0 && text.length <= 40) this.holdLabel(text);
      return;
    }
    // the fee table is recognised by its own header, not by section 六, where charts also sit
    this.switchTo(TABLE_OF_SECTION[section] ?? null);
  }

  private onRow(original: RowBlock, originalFacts: readonly CellFacts[]): void {
    const block = collapseColumnSpans(original);
    const facts = block === original ? originalFacts : factsOfCells(block.cells);
    // what the header cells say, as the row's texts joined with “|” would
    let active = facts.length > 0 && facts[0]!.activeFirst;
    let requests = false;
    let reconsideration = false;
    let litigation = false;
    let fees = false;
    for (const cell of facts) {
      if (cell.activeHeader) active = true;
      if (cell.requestsHeader) requests = true;
      if (cell.reconsideration) reconsideration = true;
      if (cell.litigation) litigation = true;
      if (cell.feeHeader) fees = true;
    }
    if (active) this.switchTo('active');
    else if (requests) this.switchTo('requests');
    else if (reconsideration && litigation) {
      this.switchTo('review');
      this.holdReviewCells(block);
    }
    else if (fees) {
      this.switchTo('fees');
      this.onFeeHeader(facts);
      return;
    }
    switch (this.table) {
      case 'active':
        this.readLabelledRow(block, facts, 'active', this.vocabulary.tableRows('active', this.template ?? '2021'));
        break;
      case 'requests':
        if (this.isRequestHeader(facts)) return;
        this.readLabelledRow(block, facts, 'requests', this.vocabulary.tableRows('requests'));
        break;
      case 'review':
        this.onReviewRow(block, facts);
        break;
      case 'fees':
        this.onFeeRow(block, facts);
        break;
      default:
        // a row before any table: table 三 rows are recognisable on their own
        if (labelRow(block.cells, facts, this.vocabulary.tableRows('requests'))?.row.key === 'newReceived') {
          this.switchTo('requests');
          this.readLabelledRow(block, facts, 'requests', this.vocabulary.tableRows('requests'));
        }
    }
  }

  private isRequestHeader(facts: readonly CellFacts[]): boolean {
    let headers = 0;
    for (const cell of facts) if (cell.requestHeader) headers += 1;
    return headers >= 2;
  }

  /** Keeps label text for the next row; a label wraps over a few lines at most. */
  private holdLabel(text: string): void {
    this.heldLabels = [...this.heldLabels.slice(-3), text];
  }

  private readLabelledRow(block: RowBlock, facts: readonly CellFacts[], table: TableId, rows: readonly RowDef[]): void {
    let labelled = labelRow(block.cells, facts, rows);
    // table 二's row with its value left out (`行政许可 |`, a web page's copy dropping the empty
    // cell): in a layout of exact positions, the row left blank, not a label waiting for its numbers
    const leftBlank = labelled !== null && table === 'active' && block.positions === 'exact';
    // the first part of a wrapped label stood on the lines before (三安全一稳 / 定” 0 0 …):
    // try the nearest held line first, then more of them; never on a header, whose cells are words
    const hasValues = facts.some((cell) => cell.numeric || (cell.blank && cell.normal !== ''));
    for (let count = 1; !labelled && hasValues && count <= this.heldLabels.length; count += 1) {
      const held = this.heldLabels.slice(-count).join('');
      const first = facts.findIndex((cell) => !cell.blank);
      const hasLabel = first >= 0 && !facts[first]!.valueLike;
      const joinedCells = hasLabel
        ? packedMap(block.cells, (cell, index) => (index === first ? { ...cell, text: held + cell.text } : cell))
        : [{ text: held, line: block.line }, ...block.cells];
      labelled = labelRow(joinedCells, factsOfCells(joinedCells), rows);
    }
    if (!labelled || (labelled.values.length === 0 && !leftBlank)) {
      const label = labelOnly(block.cells);
      if (label !== null) this.holdLabel(label);
      else this.heldLabels = [];
      return;
    }
    this.heldLabels = [];
    this.rowsRead += 1;
    const { row, values } = labelled;
    const keys = keysOfRow(table, row);
    if (this.records.hasAll(keys)) return;
    this.store(table, keys, row.columns, alignValues(values, row.columns.length, block.positions), block);
  }

  /** Table 四 is one row of 15 numbers, or (transposed) one row per group. */
  private onReviewRow(block: RowBlock, facts: readonly CellFacts[]): void {
    const numbers = countValues(facts);
    const labels: string[] = [];
    for (const cell of facts) if (!cell.valueLike) labels.push(cell.label);
    // a row of blanks (empty, “/”, “无”) where the numbers go is the table left blank, not a header:
    // a group's row (its label and its outcomes), or the one row of all fifteen
    const blanks = facts.length - labels.length;
    const blankRow = numbers === 0 && (labels.length === 1 ? blanks >= REVIEW_OUTCOMES.length - 1 : labels.length === 0 && blanks > REVIEW_OUTCOMES.length * 2);
    if (numbers === 0 && !blankRow) return;
    const group = REVIEW_GROUP_LABELS.find((candidate) => labels.some((label) => label === candidate.label || label.endsWith(candidate.tail)))?.group;
    if (group && numbers <= REVIEW_OUTCOMES.length) {
      const values = block.cells.filter((_, index) => facts[index]!.valueLike);
      this.store('review', rowKeys('review', group.key, REVIEW_OUTCOMES), REVIEW_OUTCOMES, alignValues(values, REVIEW_OUTCOMES.length, block.positions), block);
      return;
    }
    if (this.reviewRead) return;
    this.reviewRead = true;
    const firstValue = facts.findIndex((cell) => cell.valueLike && !cell.blank);
    const lastLabel = facts.reduce((last, cell, index) => (index < firstValue && !cell.valueLike ? index : last), -1);
    const values = block.cells.slice(lastLabel + 1);
    const count = REVIEW_GROUPS.length * REVIEW_OUTCOMES.length;
    const aligned = alignValues(values, count, block.positions);
    REVIEW_GROUPS.forEach((group, index) => {
      const slice = aligned.slice(index * REVIEW_OUTCOMES.length, (index + 1) * REVIEW_OUTCOMES.length);
      this.store('review', rowKeys('review', group.key, REVIEW_OUTCOMES), REVIEW_OUTCOMES, slice, block);
    });
  }

  /**
   * Table 四's header is the table: its cells, blank until a row of values fills them. A
   * value row left wholly empty is dropped by web pages and Word files (as a spacer row), and
   * the table would read as missing instead of blank.
   */
  private holdReviewCells(header: RowBlock): void {
    if (this.tables.some((found) => found.id === 'review')) return;
    const blanks = REVIEW_OUTCOMES.map(() => null);
    for (const group of REVIEW_GROUPS) this.store('review', rowKeys('review', group.key, REVIEW_OUTCOMES), REVIEW_OUTCOMES, blanks, header);
  }

  private onFeeHeader(facts: readonly CellFacts[]): void {
    const order = feeColumnOrder(facts);
    if (order) this.feeColumns = order;
  }

  private onFeeRow(block: RowBlock, facts: readonly CellFacts[]): void {
    if (this.records.has('fees.noticeCount')) return;
    // numbers, or the fee's label with every amount blank (“/”, “无”) or, where positions are
    // exact, left out (`信息处理费 |`): the table left blank, not a header or a note
    const blankRow =
      facts.length > 0 &&
      !facts[0]!.valueLike &&
      (facts.length > FEE_COLUMNS.length ? facts.slice(1).every((cell) => cell.blank) : facts.length === 1 && block.positions === 'exact' && facts[0]!.normal.includes('处理费'));
    if (countValues(facts) === 0 && !blankRow) return;
    const firstValue = facts.findIndex((cell) => cell.valueLike && !cell.blank);
    // the values start after the labels before the first number (after every label, when all are blank)
    const labelsEnd = firstValue < 0 ? facts.length : firstValue;
    const start = facts.reduce((last, cell, index) => (index < labelsEnd && !cell.valueLike ? index + 1 : last), 0);
    const keys = columnKeys('fees', '', this.feeColumns);
    this.store('fees', keys, this.feeColumns, alignValues(block.cells.slice(start), this.feeColumns.length, block.positions), block);
  }

  /** Stores a row's cells (`keys`, in the order of `columns`) as read from `values`. */
  private store(table: TableId, keys: readonly string[], columns: readonly ColumnDef[], values: readonly (SourceCell | null)[], block: RowBlock): void {
    if (!this.tables.some((found) => found.id === table)) this.tables.push({ id: table, line: block.line });
    const numbers = numbersOf(keys);
    for (let index = 0; index < columns.length; index += 1) {
      const key = keys[index]!;
      const cell = values[index] ?? null;
      const column = columns[index]!;
      const text = cell ? cell.text : '';
      const cellReading = column.kind === 'count' && column.unit === undefined ? (factsOf(text).count ??= readCell(text, COUNT)) : readCell(text, column);
      const position = cell ?? block;
      const trimmed = cell ? text.trim() : '';
      const source: CellSource = position.page ? { line: position.line, page: position.page, text: trimmed } : { line: position.line, text: trimmed };
      if (cellReading.note) source.note = cellReading.note;
      this.records.put(key, cellReading.value, source, numbers[index]!);
      if (cellReading.problem) this.problems[key] = cellReading.problem;
    }
  }
}

/**
 * Reads every template table of a document into cells by cell key. `sources: false` leaves
 * the reading's `sources` object empty (its `sourceOf` still answers): see BuildOptions#sources.
 */
export function readTables(blocks: readonly SourceBlock[], vocabulary: Vocabulary = NATIONAL_VOCABULARY, options: { sources?: boolean } = {}): TableReading {
  const rowFacts = rowFactsOf(blocks);
  return new TableReader(detectTemplateOf(blocks, rowFacts), vocabulary).read(blocks, rowFacts, options.sources ?? true);
}
