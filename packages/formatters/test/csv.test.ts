import { readFileSync } from 'node:fs';
import { CELL_KEYS, RuleEngine, readReport, type CheckResult, type RulePack } from '@xxgk/core';
import { nationalPack } from '@xxgk/rules-national';
import { beforeAll, describe, expect, it } from 'vitest';
import { FINDING_COLUMNS, csvField, csvLines, formatCsv } from '../src/index.js';
import { CJK_NAME, EMPTY_NAME, EXAMPLE_04, EXAMPLE_05, EXAMPLE_07, checkedExamples, registry, resultOf } from './helpers.js';

/** A strict RFC 4180 reader: CRLF after every record, quotes only around whole fields. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let wasQuoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char !== '"') field += char;
      else if (text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else quoted = false;
      continue;
    }
    if (char === '"') {
      if (field !== '' || wasQuoted) throw new Error(`quote inside a field at ${i}`);
      quoted = true;
      wasQuoted = true;
    } else if (char === ',') {
      row.push(field);
      field = '';
      wasQuoted = false;
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      wasQuoted = false;
      i += 1;
    } else if (char === '\r' || char === '\n') {
      throw new Error(`bare line break at ${i}`);
    } else {
      if (wasQuoted) throw new Error(`text after a closing quote at ${i}`);
      field += char;
    }
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || row.length > 0) throw new Error('the last record does not end in CRLF');
  return rows;
}

function read(csv: string): Record<string, string>[] {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  const [header, ...rows] = parseCsv(csv.slice(1));
  if (!header) throw new Error('no header');
  for (const row of rows) expect(row).toHaveLength(header.length);
  return rows.map((row) => Object.fromEntries(header.map((name, index) => [name, row[index] ?? ''])));
}

describe('formatCsv findings', () => {
  let results: CheckResult[];
  let csv: string;
  beforeAll(async () => {
    results = await checkedExamples();
    csv = formatCsv(results, 'findings');
  });

  it('has a BOM, CRLF records and the Chinese-and-key header', () => {
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const header = parseCsv(csv.slice(1))[0];
    expect(header).toEqual([
      '文件 file',
      '机关 agency',
      '年度 year',
      '模板 template',
      '规则 ruleId',
      '级别 severity',
      '表 table',
      '行 row',
      '列 column',
      '行号 line',
      '报告值 reported',
      '应为 expected',
      '单元格 cells',
      '说明 message',
    ]);
    expect(header).toEqual(FINDING_COLUMNS.map((column) => column.header));
  });

  it('has one row per finding, and none for a file without findings', () => {
    const rows = read(csv);
    expect(rows).toHaveLength(results.reduce((sum, result) => sum + result.findings.length, 0));
    expect(rows.filter((row) => row['文件 file'] === 'examples/01-clean-2021-pipes.txt')).toEqual([]);
    expect(rows.filter((row) => row['文件 file'] === CJK_NAME)).toEqual([]);
    expect(rows.filter((row) => row['文件 file'] === EXAMPLE_04).map((row) => row['规则 ruleId'])).toEqual(['requests-row-total', 'requests-outcome-total', 'requests-balance', 'review-total']);
  });

  it('writes the row-total finding of example 04 in full', () => {
    const row = read(csv).find((item) => item['文件 file'] === EXAMPLE_04 && item['规则 ruleId'] === 'requests-row-total');
    expect(row).toEqual({
      '文件 file': EXAMPLE_04,
      '机关 agency': '鹤汀市住房和城乡建设局',
      '年度 year': '2023',
      '模板 template': '2021',
      '规则 ruleId': 'requests-row-total',
      '级别 severity': 'error',
      '表 table': '表三',
      '行 row': '（七）总计',
      '列 column': '总计',
      '行号 line': '52',
      '报告值 reported': '19',
      '应为 expected': '20',
      '单元格 cells':
        'requests.total.total requests.total.naturalPerson requests.total.commercialEnterprise requests.total.researchInstitution requests.total.socialWelfareOrganization requests.total.legalServiceOrganization requests.total.otherOrganization',
      '说明 message': '表三 “（七）总计”行 “总计”列：报告 19，按六类申请人之和应为 20',
    });
  });

  it('names the section of a finding without cells, and leaves the report columns of an unread file empty', () => {
    const rows = read(csv);
    const section = rows.find((item) => item['文件 file'] === EXAMPLE_05 && item['规则 ruleId'] === 'section-missing');
    expect(section).toMatchObject({ '表 table': '第五部分', '行 row': '', '列 column': '', '行号 line': '', '单元格 cells': '' });
    const late = rows.find((item) => item['文件 file'] === EXAMPLE_05 && item['规则 ruleId'] === 'published-late');
    expect(late).toMatchObject({ '级别 severity': 'warning', '报告值 reported': '2024-03-05', '应为 expected': '2024-01-31' });
    const empty = rows.find((item) => item['文件 file'] === EMPTY_NAME);
    expect(empty).toMatchObject({ '机关 agency': '', '年度 year': '', '模板 template': '', '规则 ruleId': 'file-unreadable', '级别 severity': 'error' });
  });

  it('keeps a negative number as written', () => {
    const negative = read(csv).find((item) => item['文件 file'] === EXAMPLE_07 && item['单元格 cells'] === 'requests.granted.naturalPerson');
    expect(negative?.['报告值 reported']).toBe('-2');
    expect(negative?.['表 table']).toBe('表三');
  });

  it('quotes commas, quotes and line breaks, and defuses formulas in text', () => {
    const tricky: CheckResult = {
      name: 'a,b "c".txt',
      report: null,
      template: null,
      findings: [{ ruleId: 'file-unreadable', severity: 'error', message: '第一行\r\n第二行，"引号", 逗号', cells: [], section: null, actual: '=1+1', expected: -3 }],
    };
    const text = formatCsv([tricky], 'findings');
    expect(text).toContain('"a,b ""c"".txt"');
    const [row] = read(text);
    expect(row?.['文件 file']).toBe('a,b "c".txt');
    expect(row?.['说明 message']).toBe('第一行\r\n第二行，"引号", 逗号');
    expect(row?.['报告值 reported']).toBe("'=1+1");
    expect(row?.['应为 expected']).toBe('-3');
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('-2')).toBe('-2');
    expect(csvField(null)).toBe('');
  });

  it('is a header alone when nothing was found', () => {
    expect(read(formatCsv([], 'findings'))).toEqual([]);
  });
});

describe('formatCsv cells', () => {
  let results: CheckResult[];
  let rows: Record<string, string>[];
  let header: string[];
  beforeAll(async () => {
    results = await checkedExamples();
    const csv = formatCsv(results, 'cells');
    header = parseCsv(csv.slice(1))[0] ?? [];
    rows = read(csv);
  });

  it('has the report columns, then every cell key in CELL_KEYS order as headers', () => {
    expect(header.slice(0, 5)).toEqual(['文件 file', '机关 agency', '年度 year', '模板 template', '落款日期 publishedAt']);
    expect(header.slice(5)).toEqual([...CELL_KEYS]);
  });

  it('has one row per report, none for a file that is no report', () => {
    expect(rows.map((row) => row['文件 file'])).toEqual(results.filter((result) => result.report).map((result) => result.name));
    expect(rows.some((row) => row['文件 file'] === EMPTY_NAME)).toBe(false);
  });

  it('writes the numbers of example 04, and blank or absent cells empty', () => {
    const row = rows.find((item) => item['文件 file'] === EXAMPLE_04);
    expect(row).toMatchObject({ '机关 agency': '鹤汀市住房和城乡建设局', '年度 year': '2023', '模板 template': '2021', '落款日期 publishedAt': '2024-01-26' });
    expect(row?.['requests.total.total']).toBe('19');
    expect(row?.['requests.newReceived.total']).toBe('19');
    expect(row?.['review.reconsideration.total']).toBe('2');
    // a 2019 key in a 2021 report
    expect(row?.['active.licensing.previous']).toBe('');
    const five = rows.find((item) => item['文件 file'] === EXAMPLE_05);
    expect(resultOf(results, EXAMPLE_05).report?.cells['requests.newReceived.researchInstitution']).toBeNull();
    expect(five?.['requests.newReceived.researchInstitution']).toBe('');
    expect(five?.['requests.newReceived.total']).toBe('30');
    expect(five?.['active.coercion.decisions']).toBe('');
    const three = rows.find((item) => item['文件 file'] === 'examples/03-clean-2019-tabs.txt');
    expect(three?.['active.procurement.amount']).toBe('1286000');
    expect(three?.['active.licensing.change']).toMatch(/^[+-]?\d+$/);
  });

  it('takes what readReport gives (xxgk extract) as well', async () => {
    const name = 'examples/03-clean-2019-tabs.txt';
    const read = await readReport({ name, bytes: readFileSync(new URL('../../../' + name, import.meta.url)) }, registry);
    const [row] = read ? parseCsv(formatCsv([read], 'cells').slice(1)).slice(1) : [];
    expect(row?.slice(0, 5)).toEqual([name, '青岑县交通运输局', '2020', '2019', expect.stringMatching(/^2021-\d\d-\d\d$/)]);
    expect(row?.[5 + CELL_KEYS.indexOf('active.procurement.amount')]).toBe('1286000');
  });

  it('adds a column for a cell key a rule pack adds, after the national ones', () => {
    const pack: RulePack = {
      ...nationalPack,
      id: 'local',
      rules: [],
      extraRows: [{ table: 'active', key: 'localPermits', label: '地方许可', patterns: ['地方许可'], columns: [{ key: 'count', label: '件数', kind: 'count' }], templates: ['2021'] }],
    };
    const engine = new RuleEngine([nationalPack, pack]);
    const base = resultOf(results, EXAMPLE_04);
    const report = base.report;
    if (!report) throw new Error('no report');
    const extra: CheckResult = { ...base, report: { ...report, cells: { ...report.cells, 'active.localPermits.count': 7 } } };
    const csv = formatCsv([extra], 'cells', { vocabulary: engine.vocabulary });
    const [head, row] = parseCsv(csv.slice(1));
    expect(head?.at(-1)).toBe('active.localPermits.count');
    expect(head).toHaveLength(5 + CELL_KEYS.length + 1);
    expect(row?.at(-1)).toBe('7');
  });
});

describe('csvLines', () => {
  it('gives formatCsv a record at a time: the BOM and header first, then one line per finding or report', async () => {
    const results = await checkedExamples();
    for (const kind of ['findings', 'cells'] as const) {
      const lines = [...csvLines(results, kind)];
      expect(lines.join('')).toBe(formatCsv(results, kind));
      expect(lines[0]!.startsWith('\uFEFF文件 file,')).toBe(true);
      expect(lines.every((line) => line.endsWith('\r\n') && parseCsv(line.replace('\uFEFF', '')).length === 1)).toBe(true);
    }
    expect([...csvLines(results, 'findings')]).toHaveLength(1 + results.reduce((sum, result) => sum + result.findings.length, 0));
    expect([...csvLines(results, 'cells')]).toHaveLength(1 + results.filter((result) => result.report).length);
  });
});
