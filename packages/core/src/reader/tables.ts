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
import { isBlankText, isNumericText, normalizeLabel, normalizeText, readCell } from '../model/values.js';
import type { RowBlock, SourceBlock, SourceCell } from '../source/document.js';
import { sectionOfHeading } from './sections.js';

/** The cells read from a document's tables. */
export interface TableReading {
  template: TemplateId | null;
  cells: Record<string, number | null>;
  sources: Record<string, CellSource>;
  problems: Record<string, string>;
  tables: { id: TableId; line: number }[];
}

const MARKERS_2019 = /本年新制作数量|本年新公开数量|对外公开总数量|上一年项目数量|本年增\/?减|其他对外管理服务事项/;
const MARKERS_2021 = /本年制发件数|本年废止件数|现行有效件数|本年处理决定数量|本年收费金额/;

/**
 * Detects the template from the tables themselves: table 二's column headers first (the
 * two templates differ most there), then the shape of table 三's （六） rows.
 */
export function detectTemplate(blocks: readonly SourceBlock[]): TemplateId | null {
  let score2019 = 0;
  let score2021 = 0;
  let otherHandlingRows = 0;
  let singleOtherHandling = false;
  let anyTable = false;
  for (const block of blocks) {
    if (block.kind !== 'row') continue;
    for (const cell of block.cells) {
      const text = normalizeText(cell.text);
      if (MARKERS_2019.test(text)) score2019 += 1;
      if (MARKERS_2021.test(text)) score2021 += 1;
    }
    const labels = block.cells.map((cell) => normalizeLabel(cell.text));
    if (labels.some((label) => /本年新收|上年结转/.test(label))) anyTable = true;
    if (labels.some((label) => /不补正|缴纳费用/.test(label))) otherHandlingRows += 1;
    if (labels.some((label) => /其他处理$/.test(label)) && labels.filter(Boolean).length === 1 + countValues(block.cells)) {
      singleOtherHandling = true;
    }
  }
  if (score2019 > score2021) return '2019';
  if (score2021 > score2019) return '2021';
  if (otherHandlingRows > 0) return '2021';
  if (singleOtherHandling) return '2019';
  return anyTable ? '2021' : null;
}

function countValues(cells: readonly SourceCell[]): number {
  return cells.filter((cell) => isNumericText(cell.text)).length;
}

function isValueLike(text: string): boolean {
  return isBlankText(text) || isNumericText(text);
}

/** Column labels of table 三: a row that has two of them is a header row. */
const REQUEST_HEADER_WORDS = new Set(
  [...REQUEST_COLUMNS.map((column) => column.label), '法人或其他组织', '申请人情况'].map((label) => normalizeText(label)),
);

interface LabelledRow {
  row: RowDef;
  values: SourceCell[];
}

/**
 * Finds which template row a source row is. The most specific label cell is the last
 * one (`（三）不予公开 | 1.属于国家秘密`), so label cells are tried from the last to the
 * first, then joined (a label split over two cells); the cells after the matching label
 * are the values. Text where a number belongs is kept as a value, to be reported.
 */
function labelRow(cells: readonly SourceCell[], rows: readonly RowDef[]): LabelledRow | null {
  const firstLabel = cells.findIndex((cell) => !isBlankText(cell.text));
  if (firstLabel < 0) return null;
  let lastLabel = firstLabel;
  while (lastLabel + 1 < cells.length && !isValueLike(cells[lastLabel + 1]!.text)) lastLabel += 1;
  for (let index = lastLabel; index >= firstLabel; index -= 1) {
    const label = normalizeLabel(cells[index]!.text);
    const row = rows.find((candidate) => candidate.patterns.some((pattern) => pattern.test(label)));
    if (row) return { row, values: cells.slice(index + 1) };
  }
  const joined = normalizeLabel(cells.slice(firstLabel, lastLabel + 1).map((cell) => cell.text).join(''));
  const row = rows.find((candidate) => candidate.patterns.some((pattern) => pattern.test(joined)));
  return row ? { row, values: cells.slice(lastLabel + 1) } : null;
}

/**
 * Lines a row's value cells up with the template's columns. With exact positions, cells
 * stand in their columns and surplus empty cells at the end are layout debris. With
 * loose positions (PDF text), empty cells may be missing or doubled: a row with the
 * right count is positional, any other is aligned to the right, where the 总计 column is.
 */
export function alignValues(values: readonly SourceCell[], count: number, positions: RowBlock['positions']): (SourceCell | null)[] {
  const cells = [...values];
  if (positions === 'exact') {
    while (cells.length > count && isBlankText(cells[cells.length - 1]!.text)) cells.pop();
    const aligned: (SourceCell | null)[] = cells.slice(0, count);
    while (aligned.length < count) aligned.push(null);
    return aligned;
  }
  while (cells.length > 0 && isBlankText(cells[cells.length - 1]!.text)) cells.pop();
  if (cells.length > count) {
    const filled = cells.filter((cell) => !isBlankText(cell.text));
    return filled.length === count ? filled : cells.slice(cells.length - count);
  }
  const aligned: (SourceCell | null)[] = [...cells];
  while (aligned.length < count) aligned.unshift(null);
  return aligned;
}

/**
 * Drops the cells a colspan left: a merged cell counts once, so a label or value drawn
 * across two grid columns (as Word and LibreOffice lay out irregular tables) does not
 * push the cells after it out of their template columns.
 */
function collapseColumnSpans(cells: readonly SourceCell[]): SourceCell[] {
  return cells.filter((cell) => cell.merged !== 'col');
}

/** A label-only row (a label that wrapped onto its own line) is kept for the next row. */
function labelOnly(cells: readonly SourceCell[]): string | null {
  const texts = cells.map((cell) => cell.text.trim()).filter((text) => text !== '');
  if (texts.length === 0 || texts.some((text) => isValueLike(text))) return null;
  return texts.join('');
}

class TableReader {
  readonly reading: TableReading;
  private table: TableId | null = null;
  private heldLabels: string[] = [];
  /** rows read since the current table began */
  private rowsRead = 0;
  private feeColumns: ColumnDef[] = [...FEE_COLUMNS];
  private reviewRead = false;

  constructor(
    private readonly template: TemplateId | null,
    private readonly vocabulary: Vocabulary,
  ) {
    this.reading = { template, cells: {}, sources: {}, problems: {}, tables: [] };
  }

  read(blocks: readonly SourceBlock[]): TableReading {
    for (const block of blocks) {
      if (block.kind === 'text') this.onText(block.text);
      else this.onRow(block);
    }
    return this.reading;
  }

  private switchTo(table: TableId | null): void {
    if (table === this.table) return;
    this.table = table;
    this.rowsRead = 0;
    this.heldLabels = [];
  }

  private onText(text: string): void {
    const section = sectionOfHeading(text);
    if (section === null) {
      // PDF text puts a wrapped label's lines around its numbers: keep them for the next row,
      // once the table has begun (prose before a table is no label)
      if ((this.table === 'active' || this.table === 'requests') && this.rowsRead > 0 && text.length <= 40) this.holdLabel(text);
      return;
    }
    // the fee table is recognised by its own header, not by section 六, where charts also sit
    this.switchTo(({ 2: 'active', 3: 'requests', 4: 'review' } as Record<number, TableId>)[section] ?? null);
  }

  private onRow(original: RowBlock): void {
    const block = { ...original, cells: collapseColumnSpans(original.cells) };
    const joined = normalizeText(block.cells.map((cell) => cell.text).join('|'));
    if (/第二十条|^信息内容/.test(joined)) this.switchTo('active');
    else if (/申请人情况|勾稽关系/.test(joined)) this.switchTo('requests');
    else if (/行政复议/.test(joined) && /行政诉讼/.test(joined)) this.switchTo('review');
    else if (/通知收取件数|实际收取金额/.test(joined)) {
      this.switchTo('fees');
      this.onFeeHeader(block.cells);
      return;
    }
    switch (this.table) {
      case 'active':
        this.readLabelledRow(block, 'active', this.vocabulary.rowsOf('active', this.template ?? '2021'));
        break;
      case 'requests':
        if (this.isRequestHeader(block.cells)) return;
        this.readLabelledRow(block, 'requests', this.vocabulary.rowsOf('requests'));
        break;
      case 'review':
        this.onReviewRow(block);
        break;
      case 'fees':
        this.onFeeRow(block);
        break;
      default:
        // a row before any table: table 三 rows are recognisable on their own
        if (labelRow(block.cells, this.vocabulary.rowsOf('requests'))?.row.key === 'newReceived') {
          this.switchTo('requests');
          this.readLabelledRow(block, 'requests', this.vocabulary.rowsOf('requests'));
        }
    }
  }

  private isRequestHeader(cells: readonly SourceCell[]): boolean {
    return cells.filter((cell) => REQUEST_HEADER_WORDS.has(normalizeText(cell.text))).length >= 2;
  }

  /** Keeps label text for the next row; a label wraps over a few lines at most. */
  private holdLabel(text: string): void {
    this.heldLabels = [...this.heldLabels.slice(-3), text];
  }

  private readLabelledRow(block: RowBlock, table: TableId, rows: readonly RowDef[]): void {
    let labelled = labelRow(block.cells, rows);
    // the first part of a wrapped label stood on the lines before (三安全一稳 / 定” 0 0 …):
    // try the nearest held line first, then more of them
    for (let count = 1; !labelled && count <= this.heldLabels.length; count += 1) {
      const held = this.heldLabels.slice(-count).join('');
      const first = block.cells.findIndex((cell) => !isBlankText(cell.text));
      const hasLabel = first >= 0 && !isValueLike(block.cells[first]!.text);
      const joinedCells = hasLabel
        ? block.cells.map((cell, index) => (index === first ? { ...cell, text: held + cell.text } : cell))
        : [{ text: held, line: block.line }, ...block.cells];
      labelled = labelRow(joinedCells, rows);
    }
    if (!labelled || labelled.values.length === 0) {
      const label = labelOnly(block.cells);
      if (label !== null) this.holdLabel(label);
      else this.heldLabels = [];
      return;
    }
    this.heldLabels = [];
    this.rowsRead += 1;
    const { row, values } = labelled;
    if (row.columns.every((column) => cellKey(table, row.key, column.key) in this.reading.cells)) return;
    this.store(table, row.key, row.columns, alignValues(values, row.columns.length, block.positions), block);
  }

  /** Table 四 is one row of 15 numbers, or (transposed) one row per group. */
  private onReviewRow(block: RowBlock): void {
    const labels = block.cells.filter((cell) => !isValueLike(cell.text)).map((cell) => normalizeLabel(cell.text));
    const numbers = countValues(block.cells);
    if (numbers === 0) return;
    const group = REVIEW_GROUPS.find((candidate) =>
      labels.some((label) => label === normalizeLabel(candidate.label) || label.endsWith(candidate.label.split('·').pop()!)),
    );
    if (group && numbers <= REVIEW_OUTCOMES.length) {
      const values = block.cells.filter((cell) => isValueLike(cell.text));
      this.store('review', group.key, REVIEW_OUTCOMES, alignValues(values, REVIEW_OUTCOMES.length, block.positions), block);
      return;
    }
    if (this.reviewRead) return;
    this.reviewRead = true;
    const firstValue = block.cells.findIndex((cell) => isValueLike(cell.text) && !isBlankText(cell.text));
    const lastLabel = block.cells.reduce((last, cell, index) => (index < firstValue && !isValueLike(cell.text) ? index : last), -1);
    const values = block.cells.slice(lastLabel + 1);
    const count = REVIEW_GROUPS.length * REVIEW_OUTCOMES.length;
    const aligned = alignValues(values, count, block.positions);
    REVIEW_GROUPS.forEach((group, index) => {
      const slice = aligned.slice(index * REVIEW_OUTCOMES.length, (index + 1) * REVIEW_OUTCOMES.length);
      this.store('review', group.key, REVIEW_OUTCOMES, slice, block);
    });
  }

  private onFeeHeader(cells: readonly SourceCell[]): void {
    const order = cells
      .map((cell) => FEE_COLUMNS.find((column) => normalizeText(cell.text).startsWith(normalizeText(column.label).slice(0, 6))))
      .filter((column): column is ColumnDef => column !== undefined);
    if (order.length === FEE_COLUMNS.length) this.feeColumns = order;
  }

  private onFeeRow(block: RowBlock): void {
    if (countValues(block.cells) === 0 || 'fees.noticeCount' in this.reading.cells) return;
    const firstValue = block.cells.findIndex((cell) => isValueLike(cell.text) && !isBlankText(cell.text));
    const start = block.cells.reduce((last, cell, index) => (index < firstValue && !isValueLike(cell.text) ? index + 1 : last), 0);
    this.store('fees', '', this.feeColumns, alignValues(block.cells.slice(start), this.feeColumns.length, block.positions), block);
  }

  private store(table: TableId, row: string, columns: readonly ColumnDef[], values: readonly (SourceCell | null)[], block: RowBlock): void {
    if (!this.reading.tables.some((found) => found.id === table)) this.reading.tables.push({ id: table, line: block.line });
    columns.forEach((column, index) => {
      const key = cellKey(table, row, column.key);
      const cell = values[index] ?? null;
      const reading = readCell(cell?.text ?? '', column);
      this.reading.cells[key] = reading.value;
      const position = cell ?? block;
      this.reading.sources[key] = {
        line: position.line,
        ...(position.page ? { page: position.page } : {}),
        text: cell?.text.trim() ?? '',
        ...(reading.note ? { note: reading.note } : {}),
      };
      if (reading.problem) this.reading.problems[key] = reading.problem;
    });
  }
}

/** Reads every template table of a document into cells by cell key. */
export function readTables(blocks: readonly SourceBlock[], vocabulary: Vocabulary = NATIONAL_VOCABULARY): TableReading {
  return new TableReader(detectTemplate(blocks), vocabulary).read(blocks);
}
