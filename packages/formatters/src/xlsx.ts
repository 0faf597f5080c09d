import { NATIONAL_VOCABULARY, type ActiveRule, type Finding } from '@xxgk/core';
import type ExcelJS from 'exceljs';
import { INPUT_RULES } from './input-rules.js';
import { summarize } from './summary.js';
import { FINDING_COLUMNS, REPORT_COLUMNS, cellLabel, cellTable, findingRows, type FileResult, type FindingRow, type TableOptions, type TableValue } from './tables.js';

export interface XlsxOptions extends TableOptions {
  /** the active rules (`engine.rules()`), for the rule descriptions of the 汇总 sheet */
  rules?: readonly ActiveRule[];
  /** the workbook's creation date (now by default) */
  created?: Date;
}

/** The sheet names, in order. */
export const SHEETS = { findings: '问题', cells: '单元格', summary: '汇总' } as const;

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
const SEVERITY_FILL: Record<Finding['severity'], ExcelJS.Fill> = {
  error: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } },
  warning: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFEB9C' } },
};

/** Columns a text takes: two for each CJK or full-width character. */
function displayWidth(value: TableValue | undefined): number {
  if (value === null || value === undefined) return 0;
  let width = 0;
  for (const char of String(value)) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(char) ? 2 : 1;
  return width;
}

function fitWidth(values: readonly (TableValue | undefined)[], min: number, max: number): number {
  // a loop, not Math.max(...values): a column of a large batch has more values than a call has room for arguments
  let widest = min;
  for (const value of values) widest = Math.max(widest, displayWidth(value));
  return Math.min(max, widest + 2);
}

function styleHeader(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.eachCell((cell) => {
    cell.fill = HEADER_FILL;
    cell.alignment = { vertical: 'top', wrapText: true };
  });
}

const WIDTH_LIMITS: Partial<Record<keyof FindingRow, [number, number]>> = {
  file: [10, 50],
  agency: [8, 30],
  ruleId: [8, 32],
  row: [6, 30],
  column: [6, 24],
  cells: [10, 40],
  message: [30, 80],
};

function addFindingsSheet(workbook: ExcelJS.Workbook, results: readonly FileResult[], options: XlsxOptions): void {
  const sheet = workbook.addWorksheet(SHEETS.findings, { views: [{ state: 'frozen', ySplit: 1 }] });
  const rows = findingRows(results, options);
  sheet.columns = FINDING_COLUMNS.map((column) => {
    const [min, max] = WIDTH_LIMITS[column.key] ?? [6, 20];
    return { header: column.header, key: column.key, width: fitWidth([column.header, ...rows.map((row) => row[column.key])], min, max) };
  });
  styleHeader(sheet.getRow(1));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, rows.length + 1), column: FINDING_COLUMNS.length } };
  for (const row of rows) {
    const added = sheet.addRow(row);
    const severity = added.getCell('severity');
    severity.fill = SEVERITY_FILL[row.severity];
    added.getCell('message').alignment = { vertical: 'top', wrapText: true };
    added.commit();
  }
}

function addCellsSheet(workbook: ExcelJS.Workbook, results: readonly FileResult[], options: XlsxOptions): void {
  const vocabulary = options.vocabulary ?? NATIONAL_VOCABULARY;
  const sheet = workbook.addWorksheet(SHEETS.cells, { views: [{ state: 'frozen', xSplit: 1, ySplit: 2 }] });
  const table = cellTable(results, options);
  REPORT_COLUMNS.forEach((column, index) => {
    sheet.getColumn(index + 1).width = fitWidth([column.key, column.label, ...table.rows.map((row) => row.report[column.key])], 8, 40);
  });
  table.keys.forEach((key, index) => {
    sheet.getColumn(REPORT_COLUMNS.length + index + 1).width = Math.min(44, Math.max(12, key.length + 2));
  });
  const columns = REPORT_COLUMNS.length + table.keys.length;
  sheet.autoFilter = { from: { row: 2, column: 1 }, to: { row: table.rows.length + 2, column: columns } };
  styleHeader(sheet.addRow([...REPORT_COLUMNS.map((column) => column.key), ...table.keys]));
  styleHeader(sheet.addRow([...REPORT_COLUMNS.map((column) => column.label), ...table.keys.map((key) => cellLabel(key, vocabulary))]));
  for (const { report, cells, result } of table.rows) {
    const row = sheet.addRow([...REPORT_COLUMNS.map((column) => report[column.key] ?? null), ...cells]);
    // the cell a finding is about: coloured, the messages in a note
    const notes = new Map<string, Finding[]>();
    for (const finding of result.findings) {
      const first = finding.cells[0];
      if (first !== undefined) notes.set(first, [...(notes.get(first) ?? []), finding]);
    }
    for (const [key, findings] of notes) {
      const index = table.keys.indexOf(key);
      if (index < 0) continue;
      const cell = row.getCell(REPORT_COLUMNS.length + index + 1);
      cell.fill = SEVERITY_FILL[findings.some((finding) => finding.severity === 'error') ? 'error' : 'warning'];
      cell.note = findings.map((finding) => `${finding.ruleId}：${finding.message}`).join('\n');
    }
    row.commit();
  }
}

function addSummarySheet(workbook: ExcelJS.Workbook, results: readonly FileResult[], options: XlsxOptions): void {
  const sheet = workbook.addWorksheet(SHEETS.summary);
  const summary = summarize(results);
  const descriptions = new Map<string, string>([
    ...(options.rules ?? []).map((rule): [string, string] => [rule.id, rule.description]),
    ...INPUT_RULES.map((rule): [string, string] => [rule.id, rule.description]),
  ]);
  sheet.columns = [{ width: 28 }, { width: 60 }, { width: 10 }, { width: 10 }];
  const totals: Array<[string, number]> = [
    ['文件 files', summary.files],
    ['2021 版格式报告 reports.2021', summary.reports['2021']],
    ['2019 版格式报告 reports.2019', summary.reports['2019']],
    ['未识别格式的报告 reports.unknown', summary.reports.unknown],
    ['未能作为报告读取 noReport', summary.noReport],
    ['未发现问题的文件 clean', summary.clean],
    ['错误 errors', summary.errors],
    ['警告 warnings', summary.warnings],
  ];
  const head = sheet.addRow(['项目 item', '数量 count']);
  styleHeader(head);
  for (const total of totals) sheet.addRow(total);
  sheet.addRow([]);
  const ruleHead = sheet.addRow(['规则 ruleId', '说明 description', '错误 errors', '警告 warnings']);
  styleHeader(ruleHead);
  for (const [ruleId, counts] of Object.entries(summary.byRule)) {
    sheet.addRow([ruleId, descriptions.get(ruleId) ?? '', counts.errors, counts.warnings]);
  }
}

/**
 * An Excel workbook (XLSX bytes) for reviewers, with three sheets:
 *
 * - 「问题」: one row per finding, the columns of the CSV `findings` table;
 * - 「单元格」: one row per report, one column per cell key; row 1 the keys, row 2 their
 *   Chinese labels; numbers as numbers, blank or absent cells empty; a cell a finding is
 *   about is coloured and carries the finding in a note;
 * - 「汇总」: files, reports by template, errors and warnings, and per rule.
 */
export async function writeXlsx(results: readonly FileResult[], options: XlsxOptions = {}): Promise<Uint8Array> {
  const excel = await loadExcel();
  const workbook = new excel.Workbook();
  addSheets(workbook, results, options);
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer);
}

/**
 * A Node writable stream (`fs.createWriteStream(…)`), which exceljs's streaming writer pipes
 * into; described by what it must have, so that this package needs no Node types.
 */
export interface NodeWritable {
  write(chunk: Uint8Array): boolean;
  end(): unknown;
  on(event: string, listener: (...args: never[]) => void): unknown;
  once(event: string, listener: (...args: never[]) => void): unknown;
  emit(event: string, ...args: unknown[]): boolean;
}

/**
 * The same workbook as writeXlsx, written to a stream as its rows are made (Node only:
 * exceljs's streaming writer). A workbook in memory holds an object for every cell — over
 * 2 GB for 5,000 reports — where this holds little more than the results.
 */
export async function writeXlsxTo(stream: NodeWritable, results: readonly FileResult[], options: XlsxOptions = {}): Promise<void> {
  const excel = await loadExcel();
  // exceljs types the option as Node's Stream, which this package's types do not include
  const sink = stream as unknown as ExcelJS.stream.xlsx.WorkbookStreamWriterOptions['stream'];
  const workbook = new excel.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: true });
  addSheets(workbook, results, options);
  await workbook.commit();
}

// loaded when a workbook is written, not with the package: exceljs takes some 0.3 s to load
async function loadExcel(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}

/** Rows are committed as they are added: a streaming writer then writes them out, a workbook in memory ignores it. */
function addSheets(workbook: ExcelJS.Workbook, results: readonly FileResult[], options: XlsxOptions): void {
  workbook.creator = 'xxgk';
  workbook.created = options.created ?? new Date();
  workbook.modified = workbook.created;
  addFindingsSheet(workbook, results, options);
  addCellsSheet(workbook, results, options);
  addSummarySheet(workbook, results, options);
}
