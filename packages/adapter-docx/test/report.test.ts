import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readText } from '@xxgk/adapter-text';
import { buildReport, type RowBlock, type SourceBlock } from '@xxgk/core';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { docxAdapter } from '../src/index.js';
import { docx, table } from './docx-builder.js';
import { nationalBody } from './national.js';

const examples = fileURLToPath(new URL('../../../examples/', import.meta.url));
const text = readFileSync(examples + '01-clean-2021-pipes.txt', 'utf8');
const expected = buildReport(readText(text));
const bytes = docx(nationalBody(text));

async function read(input: Uint8Array, name = 'report.docx') {
  return docxAdapter.read({ name, bytes: input });
}

function rowWith(blocks: readonly SourceBlock[], label: string): RowBlock {
  const row = blocks.find((block): block is RowBlock => block.kind === 'row' && block.cells.some((cell) => cell.text === label));
  expect(row, `a row labelled ${label}`).toBeDefined();
  return row!;
}

describe('docx adapter: the clean example in the national table layout', () => {
  it('is recognised by its content', () => {
    expect(docxAdapter.sniff(bytes)).toBe(0.9);
  });

  it('reads the same report as the text version: cells, template, meta, sections', async () => {
    const report = buildReport(await read(bytes));
    expect(expected.template).toBe('2021');
    expect(Object.keys(expected.cells)).toHaveLength(Object.keys(report.cells).length);
    expect(report.template).toBe(expected.template);
    expect(report.meta).toEqual(expected.meta);
    expect(report.sections).toEqual(expected.sections);
    expect(report.cells).toEqual(expected.cells);
    expect(report.problems).toEqual({});
    expect(report.tables).toEqual(expected.tables);
    expect(report.feeStatement).toEqual(expected.feeStatement);
  });

  it('numbers blocks like the text lines, so every source line and text agrees too', async () => {
    const report = buildReport(await read(bytes));
    expect(report.sources).toEqual(expected.sources);
    expect(report.paragraphs).toEqual(expected.paragraphs);
    expect({ ...report, format: 'text' }).toEqual(expected);
    expect(report.format).toBe('docx');
  });

  it('spot-checks values from merged rows and the tracked change', async () => {
    const report = buildReport(await read(bytes));
    expect(report.meta.agency).toBe('桐川县市场监督管理局');
    expect(report.meta.publishedAt).toBe('2024-01-22');
    expect(report.cells['requests.granted.naturalPerson']).toBe(9);
    expect(report.cells['requests.partiallyGranted.total']).toBe(4);
    expect(report.cells['requests.denied.thirdPartyRights.naturalPerson']).toBe(1);
    expect(report.cells['requests.denied.enforcementFiles.total']).toBe(0);
    expect(report.cells['requests.total.total']).toBe(27);
    expect(report.sources['requests.total.total']!.text).toBe('27');
    expect(report.cells['review.reconsideration.total']).toBe(4);
    expect(report.cells['review.litigationAfterReconsideration.total']).toBe(0);
    expect(report.cells['active.licensing.decisions']).toBe(1245);
    expect(report.cells['active.charges.amount']).toBe(3.52);
  });

  it('expands merged cells to the grid: vMerge continuations and gridSpan cells are marked', async () => {
    const { blocks } = await read(bytes);
    const secret = rowWith(blocks, '1.属于国家秘密');
    expect(secret.positions).toBe('exact');
    expect(secret.cells.map((cell) => [cell.text, cell.merged])).toEqual([
      ['', 'row'],
      ['（三）不予公开', undefined],
      ['1.属于国家秘密', undefined],
      ...Array.from({ length: 7 }, () => ['0', undefined]),
    ]);
    const second = rowWith(blocks, '2.其他法律行政法规禁止公开');
    expect(second.cells.slice(0, 2)).toEqual([
      { text: '', merged: 'row', line: second.line },
      { text: '', merged: 'row', line: second.line },
    ]);
    const partial = rowWith(blocks, '（二）部分公开（区分处理的，只计这一情形，不计其他情形）');
    expect(partial.cells.map((cell) => cell.merged ?? cell.text)).toEqual(['row', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', 'col', '3', '1', '0', '0', '0', '0', '4']);
    const header = rowWith(blocks, '申请人情况');
    expect(header.cells).toHaveLength(10);
    expect(header.cells.filter((cell) => cell.merged === 'col')).toHaveLength(8);
    const licensing = rowWith(blocks, '行政许可');
    expect(licensing.cells.map((cell) => cell.merged ?? cell.text)).toEqual(['行政许可', '1245', 'col', 'col']);
    for (const block of blocks) {
      if (block.kind === 'row') expect(block.cells.every((cell) => cell.line === block.line)).toBe(true);
    }
  });

  it('leaves out the bookmark, the chart, the text box and the deleted text', async () => {
    const { blocks } = await read(bytes);
    const texts = blocks.map((block) => (block.kind === 'text' ? block.text : block.cells.map((cell) => cell.text).join('|')));
    expect(texts.some((line) => /99|72|_GoBack|图表|页眉/.test(line))).toBe(false);
    expect(blocks.map((block) => block.line)).toEqual(blocks.map((_, index) => index + 1));
    expect(blocks).toHaveLength(text.trim().split('\n').length);
  });

  it('keeps values in their columns when a label spans two grid columns', async () => {
    const body = [
      '<w:p><w:r><w:t>二、主动公开政府信息情况</w:t></w:r></w:p>',
      table(
        [
          [{ text: '第二十条第（一）项', span: 5 }],
          [{ text: '信息内容', span: 2 }, '本年制发件数', '本年废止件数', '现行有效件数'],
          [{ text: '规章', span: 2 }, '2', '/', '5'],
          [{ text: '行政规范性文件', span: 2 }, '3', '1', '12'],
        ],
        { grid: 5 },
      ),
      '<w:p><w:r><w:t>三、收到和处理政府信息公开申请情况</w:t></w:r></w:p>',
      table([
        [{ text: '一、本年新收政府信息公开申请数量', span: 2 }, '18', '5', '1', '0', '2', '1', '27'],
        [{ text: '三、本年度办理结果', vMerge: 'restart' }, '（一）予以公开', '9', '3', '1', '0', '1', '0', '14'],
        [{ vMerge: 'continue' }, '（二）部分公开', '3', '', '0', '0', '0', '0', '3'],
      ]),
    ].join('');
    const report = buildReport(await read(docx(body)));
    expect(report.cells['active.regulations.issued']).toBe(2);
    expect(report.cells['active.regulations.repealed']).toBeNull();
    expect(report.cells['active.regulations.valid']).toBe(5);
    expect(report.cells['active.normativeDocuments.issued']).toBe(3);
    expect(report.cells['active.normativeDocuments.repealed']).toBe(1);
    expect(report.cells['active.normativeDocuments.valid']).toBe(12);
    expect(report.cells['requests.newReceived.naturalPerson']).toBe(18);
    expect(report.cells['requests.newReceived.total']).toBe(27);
    expect(report.cells['requests.granted.naturalPerson']).toBe(9);
    expect(report.cells['requests.granted.total']).toBe(14);
    expect(report.cells['requests.partiallyGranted.commercialEnterprise']).toBeNull();
    expect(report.cells['requests.partiallyGranted.researchInstitution']).toBe(0);
    expect(report.cells['requests.partiallyGranted.total']).toBe(3);
  });
});

describe('docx adapter: a DOCX written by LibreOffice', () => {
  const written = new Uint8Array(readFileSync(fileURLToPath(new URL('./fixtures/libreoffice-report.docx', import.meta.url))));

  /** The report without table 四, which the core mis-reads here (see below). */
  function withoutReview<T>(record: Record<string, T>): Record<string, T> {
    return Object.fromEntries(Object.entries(record).filter(([key]) => !key.startsWith('review.')));
  }

  it('reads the same report as the text version (table 四 aside)', async () => {
    expect(docxAdapter.sniff(written)).toBe(0.9);
    const report = buildReport(await read(written));
    expect(report.template).toBe(expected.template);
    expect(report.meta).toEqual(expected.meta);
    expect(report.sections).toEqual(expected.sections);
    expect(Object.keys(report.cells)).toEqual(Object.keys(expected.cells));
    expect(withoutReview(report.cells)).toEqual(withoutReview(expected.cells));
    expect(withoutReview(report.sources)).toEqual(withoutReview(expected.sources));
    expect(report.problems).toEqual({});
    expect(report.feeStatement).toEqual(expected.feeStatement);
  });

  it('hands over table 四 as LibreOffice laid it out: 总计 spans two of sixteen grid columns', async () => {
    const { blocks } = await read(written);
    const values = blocks.find((block): block is RowBlock => block.kind === 'row' && block.cells[0]!.text === '2' && block.cells.length === 16)!;
    expect(values.cells.map((cell) => cell.merged ?? cell.text)).toEqual(['2', '1', '0', '1', '4', 'col', '1', '0', '0', '1', '2', '0', '0', '0', '0', '0']);
    const header = rowWith(blocks, '未经复议直接起诉');
    expect(header.cells.map((cell) => cell.merged ?? cell.text).slice(4, 7)).toEqual(['总计', 'col', '未经复议直接起诉']);
  });

  it('reads table 四 in its columns when a value cell spans two grid columns', async () => {
    const report = buildReport(await read(written));
    expect(report.cells['review.litigationDirect.upheld']).toBe(1);
    expect(report.cells).toEqual(expected.cells);
  });

  it('keeps LibreOffice’s text box, chart and tracked deletion out of the text', async () => {
    const { blocks } = await read(written);
    const xml = new TextDecoder().decode(unzipSync(written, { filter: (file) => file.name === 'word/document.xml' })['word/document.xml']);
    // the fixture does hold them, as LibreOffice wrote them
    expect(xml).toContain('<w:delText>72</w:delText>');
    expect(xml).toContain('<w:t>99</w:t>');
    expect(xml).toContain('<c:chart ');
    expect(xml).toContain('w:name="_GoBack"');
    const texts = blocks.map((block) => (block.kind === 'text' ? block.text : block.cells.map((cell) => cell.text).join('|')));
    expect(texts.some((line) => /99|72/.test(line))).toBe(false);
    expect(rowWith(blocks, '（七）总计').cells.at(-1)!.text).toBe('27');
  });
});

