import { FINDING_COLUMNS, REPORT_COLUMNS, cellTable, eachFindingRow, type FileResult, type TableOptions, type TableValue } from './tables.js';

export type CsvKind = 'findings' | 'cells';

/** Byte order mark: with it, Excel opens a UTF-8 CSV with its Chinese intact. */
export const BOM = '\uFEFF';

/** Characters that make a spreadsheet read a text field as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^[+-]?\d+(?:\.\d+)?$/;

/**
 * One RFC 4180 field: quoted when it holds a comma, quote or line break, quotes doubled.
 * A text (not a number) that a spreadsheet would take for a formula (`=…`, `+…`, `-…`,
 * `@…`) is prefixed with `'`: agency names and cell texts come from the documents checked.
 */
export function csvField(value: TableValue): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text) && !NUMBER.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csvLine(row: readonly TableValue[]): string {
  return row.map(csvField).join(',') + '\r\n';
}

/**
 * CSV (RFC 4180: comma-separated, CRLF line ends, quoted where needed) with a UTF-8 BOM.
 *
 * - `findings`: one row per finding; a file without findings has no row. Columns:
 *   `FINDING_COLUMNS` (`文件 file`, `机关 agency`, … `说明 message`).
 * - `cells`: one row per file read as a report: `REPORT_COLUMNS` (`文件 file` … `落款日期
 *   publishedAt`), then one column per cell key (`CELL_KEYS` order, then keys rule packs
 *   add), headed by the key; a blank or absent cell is empty.
 */
export function formatCsv(results: readonly FileResult[], kind: CsvKind, options: TableOptions = {}): string {
  return [...csvLines(results, kind, options)].join('');
}

/**
 * formatCsv's text a line at a time (the BOM with the header line), for writing a large
 * batch out piece by piece: its CSV can be longer than a JavaScript string may be.
 */
export function* csvLines(results: readonly FileResult[], kind: CsvKind, options: TableOptions = {}): Generator<string> {
  if (kind === 'findings') {
    yield BOM + csvLine(FINDING_COLUMNS.map((column) => column.header));
    for (const row of eachFindingRow(results, options)) yield csvLine(FINDING_COLUMNS.map((column) => row[column.key]));
    return;
  }
  if (kind === 'cells') {
    const table = cellTable(results, options);
    yield BOM + csvLine([...REPORT_COLUMNS.map((column) => column.header), ...table.keys]);
    for (const row of table.rows) yield csvLine([...REPORT_COLUMNS.map((column) => row.report[column.key] ?? null), ...row.cells]);
    return;
  }
  throw new TypeError(`unknown CSV kind: ${String(kind)} (findings | cells)`);
}
