export { formatSarif, sarifPieces, fileUri, FINGERPRINT_KEY, SARIF_SCHEMA, type SarifOptions, type SarifLog } from './sarif.js';
export { formatCsv, csvLines, csvField, BOM, type CsvKind } from './csv.js';
export { writeXlsx, writeXlsxTo, SHEETS, type NodeWritable, type XlsxOptions } from './xlsx.js';
export { summarize, type Summary, type RuleCounts } from './summary.js';
export { INPUT_RULES, type InputRule } from './input-rules.js';
export {
  FINDING_COLUMNS,
  REPORT_COLUMNS,
  findingRows,
  findingPlace,
  cellColumns,
  cellLabel,
  cellTable,
  sectionName,
  type Column,
  type FileResult,
  type FindingRow,
  type CellTable,
  type TableOptions,
  type TableValue,
} from './tables.js';
export { checkJsonPieces, checkRecord, extractJsonPieces, extractRecord, formatCheckJson, formatExtractJson, jsonPieces, StreamedArray, type CheckRecord, type ExtractRecord } from './json.js';
