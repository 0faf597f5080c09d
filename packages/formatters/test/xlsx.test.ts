import type { CheckResult } from '@xxgk/core';
import { CELL_KEYS } from '@xxgk/core';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { FINDING_COLUMNS, summarize, writeXlsx, writeXlsxTo, type XlsxOptions } from '../src/index.js';
import { EMPTY_NAME, EXAMPLE_04, EXAMPLE_05, checkedExamples, engine } from './helpers.js';

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return workbook;
}

function sheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const found = workbook.getWorksheet(name);
  if (!found) throw new Error(`no sheet ${name}`);
  return found;
}

function values(row: ExcelJS.Row, count: number): unknown[] {
  return Array.from({ length: count }, (_, index) => row.getCell(index + 1).value ?? null);
}

/** The rows of a sheet below its header rows, by the headers of `headerRow`. */
function records(worksheet: ExcelJS.Worksheet, headerRow: number): Record<string, unknown>[] {
  const header = worksheet.getRow(headerRow);
  const names = values(header, header.cellCount).map(String);
  const out: Record<string, unknown>[] = [];
  for (let index = headerRow + 1; index <= worksheet.rowCount; index += 1) {
    const row = worksheet.getRow(index);
    out.push(Object.fromEntries(names.map((name, column) => [name, row.getCell(column + 1).value ?? null])));
  }
  return out;
}

/** writeXlsxTo into memory: the bytes the stream was given. */
async function streamed(results: CheckResult[], options?: XlsxOptions): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  const sink = new Writable({
    write(chunk: Uint8Array, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  await writeXlsxTo(sink, results, options);
  return new Uint8Array(Buffer.concat(chunks));
}

// the same workbook, made in memory (browsers, the web app) or written as it is made (the CLI)
describe.each([
  ['writeXlsx', writeXlsx],
  ['writeXlsxTo', streamed],
])('%s', (_name, write) => {
  let results: CheckResult[];
  let workbook: ExcelJS.Workbook;
  let bytes: Uint8Array;
  beforeAll(async () => {
    results = await checkedExamples();
    bytes = await write(results, { rules: engine.rules() });
    workbook = await load(bytes);
  });

  it('is an XLSX file (a zip) with the sheets 问题, 单元格, 汇总', () => {
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect([...bytes.slice(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    expect(workbook.worksheets.map((item) => item.name)).toEqual(['问题', '单元格', '汇总']);
    expect(workbook.creator).toBe('xxgk');
  });

  describe('问题', () => {
    it('has a bold, frozen, filtered header row', () => {
      const findings = sheet(workbook, '问题');
      expect(values(findings.getRow(1), FINDING_COLUMNS.length)).toEqual(FINDING_COLUMNS.map((column) => column.header));
      expect(findings.getRow(1).getCell(1).value).toBe('文件 file');
      expect(findings.getRow(1).getCell(14).value).toBe('说明 message');
      expect(findings.getRow(1).getCell(1).font?.bold).toBe(true);
      expect(findings.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(findings.autoFilter).toBeTruthy();
      expect(JSON.stringify(findings.autoFilter)).toMatch(/A1/);
      const message = findings.getColumn(14).width ?? 0;
      expect(message).toBeGreaterThanOrEqual(30);
      expect(message).toBeLessThanOrEqual(82);
      expect(findings.getColumn(5).width ?? 0).toBeGreaterThanOrEqual('requests-outcome-total'.length);
    });

    it('has one row per finding, numbers as numbers', () => {
      const rows = records(sheet(workbook, '问题'), 1);
      expect(rows).toHaveLength(results.reduce((sum, result) => sum + result.findings.length, 0));
      const row = rows.find((item) => item['文件 file'] === EXAMPLE_04 && item['规则 ruleId'] === 'requests-row-total');
      expect(row).toMatchObject({
        '机关 agency': '鹤汀市住房和城乡建设局',
        '年度 year': 2023,
        '模板 template': '2021',
        '级别 severity': 'error',
        '表 table': '表三',
        '行 row': '（七）总计',
        '列 column': '总计',
        '行号 line': 52,
        '报告值 reported': 19,
        '应为 expected': 20,
        '说明 message': '表三 “（七）总计”行 “总计”列：报告 19，按六类申请人之和应为 20',
      });
      const section = rows.find((item) => item['文件 file'] === EXAMPLE_05 && item['规则 ruleId'] === 'section-missing');
      expect(section).toMatchObject({ '表 table': '第五部分', '行号 line': null, '报告值 reported': null });
      expect(rows.find((item) => item['文件 file'] === EMPTY_NAME)?.['规则 ruleId']).toBe('file-unreadable');
    });
  });

  describe('单元格', () => {
    it('has the keys in row 1, their Chinese labels in row 2, both frozen', () => {
      const cells = sheet(workbook, '单元格');
      const keys = values(cells.getRow(1), 5 + CELL_KEYS.length);
      expect(keys).toEqual(['file', 'agency', 'year', 'template', 'publishedAt', ...CELL_KEYS]);
      const labels = values(cells.getRow(2), 5 + CELL_KEYS.length);
      expect(labels.slice(0, 5)).toEqual(['文件', '机关', '年度', '模板', '落款日期']);
      const column = keys.indexOf('requests.total.total');
      expect(labels[column]).toBe('表三 （七）总计 总计');
      expect(labels[keys.indexOf('fees.noticeAmount')]).toBe('信息处理费表 通知收取金额（元）');
      expect(cells.views[0]).toMatchObject({ state: 'frozen', ySplit: 2, xSplit: 1 });
      expect(cells.getRow(1).getCell(1).font?.bold).toBe(true);
    });

    it('has one row per report with numbers as numbers and blanks empty', () => {
      const rows = records(sheet(workbook, '单元格'), 1).slice(1);
      expect(rows.map((row) => row['file'])).toEqual(results.filter((result) => result.report).map((result) => result.name));
      const four = rows.find((row) => row['file'] === EXAMPLE_04);
      expect(four?.['requests.total.total']).toBe(19);
      expect(four?.['review.reconsideration.total']).toBe(2);
      expect(four?.['year']).toBe(2023);
      expect(four?.['publishedAt']).toBe('2024-01-26');
      expect(four?.['active.licensing.previous']).toBeNull();
      const five = rows.find((row) => row['file'] === EXAMPLE_05);
      expect(five?.['requests.newReceived.researchInstitution']).toBeNull();
      expect(five?.['active.coercion.decisions']).toBeNull();
      expect(five?.['requests.newReceived.total']).toBe(30);
    });

    it('marks the cell a finding is about, with the finding in a note', () => {
      const cells = sheet(workbook, '单元格');
      const keys = values(cells.getRow(1), 5 + CELL_KEYS.length);
      const rowIndex = [...Array(cells.rowCount).keys()].map((index) => index + 1).find((index) => cells.getRow(index).getCell(1).value === EXAMPLE_04);
      const row = cells.getRow(rowIndex ?? -1);
      const total = row.getCell(keys.indexOf('requests.total.total') + 1);
      expect(JSON.stringify(total.note)).toContain('requests-row-total');
      expect(JSON.stringify(total.note)).toContain('按六类申请人之和应为 20');
      expect(total.fill).toMatchObject({ type: 'pattern', fgColor: { argb: 'FFFFC7CE' } });
      // requests-balance is about the 一 row's total, the first of its cells
      expect(JSON.stringify(row.getCell(keys.indexOf('requests.newReceived.total') + 1).note)).toContain('requests-balance');
      const clean = row.getCell(keys.indexOf('requests.granted.total') + 1);
      expect(clean.note).toBeUndefined();
      expect(clean.fill?.type === 'pattern' ? clean.fill.fgColor?.argb : undefined).toBeUndefined();
    });
  });

  describe('汇总', () => {
    it('counts files, reports by template, errors and warnings, and each rule', () => {
      const summary = summarize(results);
      const rows = sheet(workbook, '汇总');
      const pairs = new Map<unknown, unknown>();
      rows.eachRow((row) => pairs.set(row.getCell(1).value, row.getCell(2).value));
      expect(pairs.get('文件 files')).toBe(11);
      expect(pairs.get('2021 版格式报告 reports.2021')).toBe(7);
      expect(pairs.get('2019 版格式报告 reports.2019')).toBe(2);
      expect(pairs.get('未能作为报告读取 noReport')).toBe(2);
      expect(pairs.get('错误 errors')).toBe(summary.errors);
      expect(pairs.get('错误 errors')).toBe(12);
      expect(pairs.get('警告 warnings')).toBe(5);
      let ruleRow: ExcelJS.Row | undefined;
      rows.eachRow((row) => {
        if (row.getCell(1).value === 'requests-row-total') ruleRow = row;
      });
      expect(ruleRow && values(ruleRow, 4)).toEqual(['requests-row-total', '表三每一行的“总计”应等于六类申请人之和', 1, 0]);
      let feeRow: ExcelJS.Row | undefined;
      rows.eachRow((row) => {
        if (row.getCell(1).value === 'fee-amounts') feeRow = row;
      });
      expect(feeRow && values(feeRow, 4).slice(2)).toEqual([0, 2]);
    });
  });

  it('writes an empty workbook for no results', async () => {
    const empty = await load(await write([]));
    expect(empty.worksheets.map((item) => item.name)).toEqual(['问题', '单元格', '汇总']);
    expect(sheet(empty, '问题').rowCount).toBe(1);
    expect(sheet(empty, '单元格').rowCount).toBe(2);
  });
});
