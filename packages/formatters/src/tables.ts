import { CELL_KEYS, NATIONAL_VOCABULARY, type Finding, type ReadResult, type TemplateId, type Vocabulary } from '@xxgk/core';

/**
 * What the formatters take: a `FileResult` of `checkReport`, or a `ReadResult` of
 * `readReport` (`xxgk extract`), whose template is its report's.
 */
export type FileResult = ReadResult & { template?: TemplateId | null };

/** A value in a table cell: text, a number, or nothing. */
export type TableValue = string | number | null;

/** Options shared by the table formats (CSV, XLSX). */
export interface TableOptions {
  /**
   * The cell keys in force, for the labels of rows a rule pack adds (pass
   * `engine.vocabulary`); the national vocabulary by default.
   */
  vocabulary?: Vocabulary;
}

export interface Column<K extends string = string> {
  /** the column's key: a field name, or a cell key */
  key: K;
  /** the header: Chinese label and key, `文件 file`; a cell key alone for cell columns */
  header: string;
  /** the Chinese label alone */
  label: string;
}

function column<K extends string>(key: K, label: string): Column<K> {
  return { key, label, header: `${label} ${key}` };
}

/** One finding as a table row. */
export interface FindingRow {
  file: string;
  agency: string | null;
  year: number | null;
  template: string | null;
  ruleId: string;
  severity: 'error' | 'warning';
  /** the first cell's table (表三), or the section (第六部分) of a finding that names no cell */
  table: string | null;
  row: string | null;
  column: string | null;
  line: number | null;
  /** the finding's `actual` */
  reported: TableValue;
  expected: TableValue;
  /** the cell keys, separated by spaces */
  cells: string;
  message: string;
}

/** The columns of the findings table (CSV `findings`, XLSX 「问题」), in order. */
export const FINDING_COLUMNS: readonly Column<keyof FindingRow>[] = [
  column('file', '文件'),
  column('agency', '机关'),
  column('year', '年度'),
  column('template', '模板'),
  column('ruleId', '规则'),
  column('severity', '级别'),
  column('table', '表'),
  column('row', '行'),
  column('column', '列'),
  column('line', '行号'),
  column('reported', '报告值'),
  column('expected', '应为'),
  column('cells', '单元格'),
  column('message', '说明'),
];

/** The report columns that precede the cell keys in the cells table (CSV `cells`, XLSX 「单元格」). */
export const REPORT_COLUMNS: readonly Column[] = [
  column('file', '文件'),
  column('agency', '机关'),
  column('year', '年度'),
  column('template', '模板'),
  column('publishedAt', '落款日期'),
];

const NUMERALS = ['', '一', '二', '三', '四', '五', '六'];

/** 第三部分 for section 3. */
export function sectionName(section: number): string {
  return `第${NUMERALS[section] ?? String(section)}部分`;
}

function reportFields(result: FileResult): Pick<FindingRow, 'file' | 'agency' | 'year' | 'template'> {
  return {
    file: result.name,
    agency: result.report?.meta.agency ?? null,
    year: result.report?.meta.year ?? null,
    template: result.template ?? result.report?.template ?? null,
  };
}

/** Where a finding is, as a clerk reads the report: the first cell's table, row and column, or the section. */
export function findingPlace(finding: Finding, vocabulary: Vocabulary = NATIONAL_VOCABULARY): { table: string | null; row: string | null; column: string | null } {
  const first = finding.cells[0];
  const info = first === undefined ? undefined : vocabulary.info(first);
  if (info) return { table: info.tableName, row: info.rowLabel, column: info.columnLabel };
  return { table: finding.section === null ? null : sectionName(finding.section), row: null, column: null };
}

/** One row per finding, files in input order; a file without findings has no row. */
export function findingRows(results: readonly FileResult[], options: TableOptions = {}): FindingRow[] {
  return [...eachFindingRow(results, options)];
}

/** findingRows a row at a time, so a large batch's rows are never all made at once. */
export function* eachFindingRow(results: readonly FileResult[], options: TableOptions = {}): Generator<FindingRow> {
  const vocabulary = options.vocabulary ?? NATIONAL_VOCABULARY;
  for (const result of results) {
    for (const finding of result.findings) {
      yield {
        ...reportFields(result),
        ruleId: finding.ruleId,
        severity: finding.severity,
        ...findingPlace(finding, vocabulary),
        line: finding.line ?? null,
        reported: finding.actual ?? null,
        expected: finding.expected ?? null,
        cells: finding.cells.join(' '),
        message: finding.message,
      };
    }
  }
}

/**
 * The cell keys the cells table has a column for: every national key in `CELL_KEYS` order,
 * then any other key a report has (a rule pack's added rows), in vocabulary order.
 */
export function cellColumns(results: readonly FileResult[], options: TableOptions = {}): string[] {
  const vocabulary = options.vocabulary ?? NATIONAL_VOCABULARY;
  const national = new Set(CELL_KEYS);
  const extra = new Set<string>();
  for (const result of results) {
    for (const key of Object.keys(result.report?.cells ?? {})) if (!national.has(key)) extra.add(key);
  }
  const order = vocabulary.list();
  const rank = (key: string) => {
    const index = order.indexOf(key);
    return index < 0 ? Number.MAX_SAFE_INTEGER : index;
  };
  // sort is stable: keys the vocabulary does not know keep the order they were met in
  return [...CELL_KEYS, ...[...extra].sort((a, b) => rank(a) - rank(b))];
}

/** The Chinese label of a cell key: 表三 （七）总计 总计; empty for a key the vocabulary does not know. */
export function cellLabel(key: string, vocabulary: Vocabulary = NATIONAL_VOCABULARY): string {
  const info = vocabulary.info(key);
  if (!info) return '';
  return info.table === 'fees' ? `${info.tableName} ${info.columnLabel}` : `${info.tableName} ${info.rowLabel} ${info.columnLabel}`;
}

export interface CellTable {
  keys: string[];
  /** one row per report: the report columns, then the value of each key (null: blank or absent) */
  rows: Array<{ report: Record<string, TableValue>; cells: TableValue[]; result: FileResult }>;
}

/** One row per file that was read as a report (a file that could not be read has no row). */
export function cellTable(results: readonly FileResult[], options: TableOptions = {}): CellTable {
  const keys = cellColumns(results, options);
  const rows: CellTable['rows'] = [];
  for (const result of results) {
    const report = result.report;
    if (!report) continue;
    rows.push({
      result,
      report: {
        file: result.name,
        agency: report.meta.agency,
        year: report.meta.year,
        template: report.template,
        publishedAt: report.meta.publishedAt,
      },
      cells: keys.map((key) => report.cells[key] ?? null),
    });
  }
  return { keys, rows };
}
