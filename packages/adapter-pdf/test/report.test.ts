import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readText, textAdapter } from '@xxgk/adapter-text';
import { AdapterRegistry, buildReport, type Report, type SourceDocument } from '@xxgk/core';
import { describe, expect, it, vi } from 'vitest';
import { pdfAdapter, readPdf, sniffPdf } from '../src/index.js';

// the first read loads pdfjs; under a loaded machine (turbo runs every package at once)
// reading a 4-page PDF can take longer than vitest's default 5 s
vi.setConfig({ testTimeout: 60_000 });

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const examples = fileURLToPath(new URL('../../../examples/', import.meta.url));

function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(fixtures + name));
}

const expected = buildReport(readText(readFileSync(examples + '01-clean-2021-pipes.txt', 'utf8')));

/** What must not depend on the format: everything but line numbers and wrapped sentences. */
function comparable(report: Report) {
  const { period, publishedLine: _publishedLine, ...meta } = report.meta;
  return {
    template: report.template,
    cells: report.cells,
    problems: report.problems,
    sourceTexts: Object.fromEntries(Object.entries(report.sources).map(([key, source]) => [key, source.text])),
    meta: { ...meta, period: period && { start: period.start, end: period.end } },
    sections: report.sections.map((section) => [section.number, section.heading]),
    tables: report.tables.map((table) => table.id),
    fee: report.feeStatement && { kind: report.feeStatement.kind, section: report.feeStatement.section },
  };
}

/** The non-empty cell texts of each row. */
function rowTexts(document: SourceDocument): string[][] {
  return document.blocks.filter((block) => block.kind === 'row').map((block) => block.cells.map((cell) => cell.text).filter((text) => text !== ''));
}

/** The rows whose last cells are these (a rowspan label's fragment may stand before them). */
function rowsEndingWith(rows: string[][], cells: string[]): string[][] {
  return rows.filter((row) => row.length >= cells.length && row.slice(-cells.length).every((text, index) => text === cells[index]));
}

describe.each([
  ['report.pdf', 'table 三 on one page', { pages: 4, ruled: true }],
  ['report-two-page.pdf', 'table 三 across pages 3 and 4', { pages: 4, ruled: true }],
  ['report-borderless.pdf', 'tables without borders', { pages: 4, ruled: false }],
])('%s (%s)', (file, _what, { pages, ruled }) => {
  const reading = pdfAdapter.read({ name: file, bytes: fixture(file) });

  it('reads exactly the report the text example gives: cells, template, sections, meta', async () => {
    const report = buildReport(await reading);
    expect(comparable(report)).toEqual(comparable(expected));
    expect(report.template).toBe('2021');
    expect(Object.keys(report.cells)).toHaveLength(203);
    expect(report.cells['requests.newReceived.naturalPerson']).toBe(18);
    expect(report.cells['requests.total.total']).toBe(27);
    expect(report.cells['active.charges.amount']).toBe(3.52);
    expect(report.cells['review.reconsideration.total']).toBe(4);
    expect(report.cells['fees.noticeCount']).toBe(0);
    expect(report.sections.map((section) => section.number)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(report.meta).toMatchObject({ agency: '桐川县市场监督管理局', year: 2023, publishedAt: '2024-01-22', titleYear: 2023 });
    expect(report.meta.period).toMatchObject({ start: '2023-01-01', end: '2023-12-31' });
  });

  it('numbers lines across the document and gives every block its page', async () => {
    const document = await reading;
    expect(document.format).toBe('pdf');
    const lines = document.blocks.map((block) => block.line);
    expect(lines[0]).toBe(1);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    expect(new Set(lines).size).toBe(lines.length);
    const pageNumbers = document.blocks.map((block) => block.page);
    expect(pageNumbers).toEqual([...pageNumbers].sort((a, b) => a! - b!));
    expect(new Set(pageNumbers)).toEqual(new Set(Array.from({ length: pages }, (_, index) => index + 1)));
    const rows = document.blocks.filter((block) => block.kind === 'row');
    for (const block of rows) {
      // loose rows have no empty cells; exact rows (ruled tables) have one per column
      if (block.positions === 'loose') expect(block.cells.every((cell) => cell.text.trim() !== '')).toBe(true);
      expect(block.cells.filter((cell) => cell.text !== '').length).toBeGreaterThanOrEqual(2);
      for (const cell of block.cells) {
        expect(cell.text).toBe(cell.text.trim());
        expect(cell.page).toBe(block.page);
        expect(cell.line).toBeGreaterThanOrEqual(block.line);
      }
    }
    // every table row is ruled, or none is
    expect(rows.every((block) => block.positions === (ruled ? 'exact' : 'loose'))).toBe(true);
    if (!ruled) return;
    // table 三's value rows have all ten columns, a rowspan label in the row where its cell starts
    const cellsOf = (label: string) => rows.find((block) => block.cells.some((cell) => cell.text === label))!.cells.map((cell) => cell.text);
    expect(cellsOf('1.属于国家秘密')).toEqual(['', '（三）不予公开', '1.属于国家秘密', '0', '0', '0', '0', '0', '0', '0']);
    expect(cellsOf('2.其他法律行政法规禁止公开')).toEqual(['', '', '2.其他法律行政法规禁止公开', '0', '0', '0', '0', '0', '0', '0']);
    expect(cellsOf('（一）予以公开')).toEqual(['三、本年度办理结果', '（一）予以公开', '9', '3', '1', '0', '1', '0', '14']);
  });

  it('keeps a wrapped label with the values centred beside it in one row', async () => {
    // ruled: the lines between two horizontal borders; borderless: label lines at equal
    // distances above and below a line of values
    const rows = rowTexts(await reading);
    expect(rowsEndingWith(rows, ['（二）部分公开（区分处理的，只计这一情形，不计其他情形）', '3', '1', '0', '0', '0', '0', '4'])).toHaveLength(1);
    expect(rowsEndingWith(rows, ['5.要求行政机关确认或重新出具已获取信息', '0', '0', '0', '0', '0', '0', '0'])).toHaveLength(1);
    expect(rowsEndingWith(rows, ['1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', '1', '0', '0', '0', '0', '0', '1'])).toHaveLength(1);
    expect(rows).toContainEqual(['（七）总计', '19', '5', '1', '0', '1', '1', '27']);
    // the header words wrapped inside narrow columns are whole again (column borders tell)
    expect(rows.some((row) => row.includes('社会公益组织') && row.includes('法律服务机构'))).toBe(ruled);
    expect(rows).toContainEqual(['2', '1', '0', '1', '4', '1', '0', '0', '1', '2', '0', '0', '0', '0', '0']);
  });

  it('records the page and line each value came from', async () => {
    const document = await reading;
    const report = buildReport(document);
    const source = report.sources['requests.newReceived.total']!;
    expect(source).toMatchObject({ text: '27', page: 3 });
    const block = document.blocks.find((candidate) => candidate.line === source.line);
    expect(block?.kind === 'row' && block.cells.map((cell) => cell.text)).toContain('一、本年新收政府信息公开申请数量');
  });
});

describe('a table that breaks across pages', () => {
  it('keeps reading table 三 on the next page, past the page footer', async () => {
    const document = await pdfAdapter.read({ name: 'report-two-page.pdf', bytes: fixture('report-two-page.pdf') });
    const report = buildReport(document);
    expect(report.sources['requests.newReceived.total']!.page).toBe(3);
    expect(report.sources['requests.otherHandling.overdueFee.total']!.page).toBe(3);
    // after the break
    expect(report.sources['requests.otherHandling.other.total']).toMatchObject({ page: 4, text: '0' });
    expect(report.sources['requests.total.total']).toMatchObject({ page: 4, text: '27' });
    expect(report.sources['requests.carriedForward.naturalPerson']).toMatchObject({ page: 4, text: '1' });
    // the footer is a harmless line of its own between the two parts
    const footer = document.blocks.find((block) => block.kind === 'text' && block.text === '-3-');
    expect(footer).toMatchObject({ page: 3 });
    const lastOnPage3 = document.blocks.filter((block) => block.page === 3).at(-1);
    expect(lastOnPage3).toBe(footer);
  });

  it('has page footers as text lines in the one-page version too', async () => {
    const document = await readPdf(fixture('report.pdf'));
    expect(document.blocks.filter((block) => block.kind === 'text' && /^第\d+页$/.test(block.text)).map((block) => block.page)).toEqual([1, 3]);
  });
});

describe('blank cells in a ruled table', () => {
  it('stay in their columns: null where the text example has an empty cell', async () => {
    let text = readFileSync(examples + '01-clean-2021-pipes.txt', 'utf8');
    for (const [before, after] of [
      ['行政规范性文件 | 3 | 1 | 12 |', '行政规范性文件 | 3 |  | 12 |'],
      ['2.重复申请 | 0 | 0 | 0 | 0 | 0 | 1 | 1 |', '2.重复申请 |  | 0 | 0 |  | 0 | 1 | 1 |'],
      ['2 | 1 | 0 | 1 | 4 | 1 | 0 | 0 | 1 | 2 | 0 | 0 | 0 | 0 | 0 |', '2 | 1 |  | 1 | 4 | 1 | 0 | 0 | 1 | 2 | 0 | 0 | 0 | 0 | 0 |'],
    ] as const) {
      expect(text).toContain(before);
      text = text.replace(before, after);
    }
    const withBlanks = buildReport(readText(text));
    const report = buildReport(await pdfAdapter.read({ name: 'report-blanks.pdf', bytes: fixture('report-blanks.pdf') }));
    expect(comparable(report)).toEqual(comparable(withBlanks));
    expect(report.cells['active.normativeDocuments.issued']).toBe(3);
    expect(report.cells['active.normativeDocuments.repealed']).toBeNull();
    expect(report.cells['active.normativeDocuments.valid']).toBe(12);
    expect(report.cells['requests.notProcessed.duplicate.naturalPerson']).toBeNull();
    expect(report.cells['requests.notProcessed.duplicate.commercialEnterprise']).toBe(0);
    expect(report.cells['requests.notProcessed.duplicate.socialWelfareOrganization']).toBeNull();
    expect(report.cells['requests.notProcessed.duplicate.legalServiceOrganization']).toBe(0);
    expect(report.cells['requests.notProcessed.duplicate.otherOrganization']).toBe(1);
    expect(report.cells['review.reconsideration.upheld']).toBe(2);
    expect(report.cells['review.reconsideration.corrected']).toBe(1);
    expect(report.cells['review.reconsideration.other']).toBeNull();
    expect(report.cells['review.reconsideration.pending']).toBe(1);
  });
});

describe('pdfAdapter', () => {
  it('describes itself and sniffs PDFs by their header', () => {
    expect(pdfAdapter).toMatchObject({ id: 'pdf', name: 'PDF', extensions: ['.pdf'] });
    expect(pdfAdapter.sniff(fixture('report.pdf'))).toBe(0.95);
    expect(sniffPdf(new TextEncoder().encode('%PDF-1.7\n'))).toBe(0.95);
    const junk = new Uint8Array(1000).fill(0x20);
    expect(sniffPdf(new Uint8Array([...junk, ...new TextEncoder().encode('%PDF-1.4')]))).toBe(0.95);
    expect(sniffPdf(new Uint8Array([...new Uint8Array(1100).fill(0x20), ...new TextEncoder().encode('%PDF-1.4')]))).toBe(0);
    expect(sniffPdf(new TextEncoder().encode('一、总体情况'))).toBe(0);
    expect(sniffPdf(new Uint8Array([0x50, 0x4b, 0x03, 0x04]))).toBe(0);
    expect(sniffPdf(new Uint8Array())).toBe(0);
  });

  it('is picked over the text adapter for PDF bytes, whatever the name', () => {
    const registry = new AdapterRegistry([textAdapter, pdfAdapter]);
    expect(registry.pick({ name: 'report.txt', bytes: fixture('report.pdf') })?.id).toBe('pdf');
    expect(registry.extensions()).toContain('.pdf');
  });

  it('leaves the caller\'s bytes intact (pdfjs takes over a copy)', async () => {
    const bytes = fixture('report.pdf');
    const length = bytes.length;
    await readPdf(bytes);
    expect(bytes.length).toBe(length);
    expect(sniffPdf(bytes)).toBe(0.95);
    // and the same bytes read twice give the same document
    expect(await readPdf(bytes)).toEqual(await readPdf(bytes));
  });
});
