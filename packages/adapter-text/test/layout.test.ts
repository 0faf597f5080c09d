import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ReadError, buildReport } from '@xxgk/core';
import { describe, expect, it } from 'vitest';
import { decodeText, readText, textAdapter } from '../src/index.js';

const examples = fileURLToPath(new URL('../../../examples/', import.meta.url));
const clean = readFileSync(examples + '01-clean-2021-pipes.txt', 'utf8');

function read(text: string) {
  return buildReport(readText(text));
}

function edit(text: string, from: string, to: string): string {
  expect(text, `the example contains ${from}`).toContain(from);
  return text.replace(from, to);
}

describe('text adapter: what real pastes contain', () => {
  const base = read(clean);

  it('reads the clean pipe example completely', () => {
    expect(base.template).toBe('2021');
    expect(base.cells['requests.newReceived.naturalPerson']).toBe(18);
    expect(base.cells['active.licensing.decisions']).toBe(1245);
    expect(base.cells['review.reconsideration.total']).toBe(4);
    expect(Object.values(base.cells).every((value) => value !== null)).toBe(true);
  });

  it('reads full-width digits', () => {
    const report = read(edit(clean, '一、本年新收政府信息公开申请数量 | 18 |', '一、本年新收政府信息公开申请数量 | １８ |'));
    expect(report.cells['requests.newReceived.naturalPerson']).toBe(18);
  });

  it('reads thousands separators', () => {
    expect(read(edit(clean, '行政许可 | 1245 |', '行政许可 | 1,245 |')).cells['active.licensing.decisions']).toBe(1245);
    expect(read(edit(clean, '行政许可 | 1245 |', '行政许可 | 1，245件 |')).cells['active.licensing.decisions']).toBe(1245);
  });

  it('reads blank cells as null, not zero, and keeps the rest of the row in place', () => {
    const report = read(edit(clean, '行政规范性文件 | 3 | 1 | 12 |', '行政规范性文件 | / |  | 12 |'));
    expect(report.cells['active.normativeDocuments.issued']).toBeNull();
    expect(report.cells['active.normativeDocuments.repealed']).toBeNull();
    expect(report.cells['active.normativeDocuments.valid']).toBe(12);
    expect(read(edit(clean, '行政强制 | 7 |', '行政强制 | — |')).cells['active.coercion.decisions']).toBeNull();
  });

  it('leaves the keys of a missing row absent', () => {
    const report = read(edit(clean, '行政强制 | 7 |\n', ''));
    expect('active.coercion.decisions' in report.cells).toBe(false);
    expect(report.cells['active.punishment.decisions']).toBe(86);
  });

  it('joins a label split over two lines (三安全一稳 / 定”)', () => {
    const report = read(edit(clean, '3.危及“三安全一稳定” | 0 | 0 | 0 | 0 | 0 | 0 | 0 |', '3.危及“三安全一稳 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n定” |'));
    expect(report.cells['requests.denied.endangersSafety.total']).toBe(0);
    expect(report.cells['requests.denied.thirdPartyRights.naturalPerson']).toBe(1);
  });

  it('reads a mistyped label (其他法律行政止公开)', () => {
    const report = read(edit(clean, '2.其他法律行政法规禁止公开 | 0 |', '2.其他法律行政止公开 | 0 |'));
    expect(report.cells['requests.denied.prohibitedByLaw.naturalPerson']).toBe(0);
    expect(Object.keys(report.cells)).toEqual(Object.keys(base.cells));
  });

  it('reads half-width brackets and numbering with spaces', () => {
    const report = read(edit(clean, '（四）无法提供 | 1.本机关不掌握相关政府信息 |', '(四) 无法提供 | 1. 本机关不掌握相关政府信息 |'));
    expect(report.cells['requests.unavailable.notHeld.total']).toBe(4);
  });

  it('reads CRLF line endings', () => {
    expect(read(clean.replace(/\n/g, '\r\n')).cells).toEqual(base.cells);
  });

  describe('one cell a line', () => {
    const cellsText = readFileSync(examples + '02-clean-2021-cells.txt', 'utf8');
    const cellsBase = read(cellsText);

    it('reads every line break doubled as the usual layout: \\r\\r\\n endings and a blank line after each', () => {
      expect(Object.keys(cellsBase.cells).length).toBeGreaterThan(150);
      expect(read(cellsText.replace(/\n/g, '\r\r\n')).cells).toEqual(cellsBase.cells);
      expect(read(cellsText.replace(/\n/g, '\n\n')).cells).toEqual(cellsBase.cells);
    });

    it('points each cell at its own line of a doubled text', () => {
      const doubled = cellsText.replace(/\n/g, '\n\n');
      const source = read(doubled).sources['requests.newReceived.total']!;
      expect(doubled.split('\n')[source.line - 1]!.trim()).toBe(String(cellsBase.cells['requests.newReceived.total']));
      expect(source.line).toBe(2 * cellsBase.sources['requests.newReceived.total']!.line - 1);
    });

    it('keeps section headings and paragraphs indented with a tab out of the rows', () => {
      const indented = cellsText.replace(/^(?=[一二三四五六]、|[^\n\t]*。)/gm, '\t');
      expect(indented.match(/^\t[一二三四五六]、/gm)?.length).toBeGreaterThanOrEqual(6);
      const report = read(indented);
      expect(report.sections.map((section) => section.number)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(report.cells).toEqual(cellsBase.cells);
      expect(report.claims).toEqual(cellsBase.claims);
    });

    it('knows the layout by blank marks as well as by numbers: a report that fills every cell with “/”', () => {
      const blanked = read(cellsText.replace(/^\t\d+$/gm, '\t/'));
      const requests = Object.keys(cellsBase.cells).filter((key) => key.startsWith('requests.'));
      expect(requests.length).toBeGreaterThan(150);
      for (const key of requests) expect(blanked.cells[key], key).toBeNull();
    });

    it('joins a label split over two lines (三安全一稳 / 定”)', () => {
      const split = edit(cellsText, '\t3.危及“三安全一稳定”\n', '\t3.危及“三安全一稳\n定”\n');
      expect(read(split).cells).toEqual(cellsBase.cells);
      expect(read(split.replace(/\n/g, '\n\n')).cells).toEqual(cellsBase.cells);
    });
  });

  it('keeps an amount’s unit written after a space with its number in a row of single spaces', () => {
    const [block] = readText('政府集中采购 5 1286000 元').blocks;
    expect(block).toMatchObject({ kind: 'row', positions: 'loose', cells: [{ text: '政府集中采购' }, { text: '5' }, { text: '1286000 元' }] });
    expect(readText('行政事业性收费 32.04 万元').blocks[0]).toMatchObject({ kind: 'row', cells: [{ text: '行政事业性收费' }, { text: '32.04 万元' }] });
  });

  it('reads UTF-8 with a damaged byte as UTF-8: a file cut short in a character, a stray byte', () => {
    const bytes = new TextEncoder().encode(clean);
    const cut = new Uint8Array([...bytes, 0xe4, 0xb8]);
    expect(buildReport(readText(decodeText(cut))).cells).toEqual(base.cells);
    const at = bytes.indexOf(0x0a) + 1;
    const stray = new Uint8Array([...bytes.subarray(0, at), 0xa0, ...bytes.subarray(at)]);
    expect(buildReport(readText(decodeText(stray))).cells).toEqual(base.cells);
  });

  it('decodes GB18030 (GBK) files', () => {
    const gbk = readFileSync(fileURLToPath(new URL('./fixtures/gbk-report.txt', import.meta.url)));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk)).toThrow();
    expect(buildReport(readText(decodeText(gbk))).cells).toEqual(base.cells);
  });

  it('ignores bookmarks left by Word', () => {
    const report = read(edit(clean, '二、主动公开政府信息情况', '[bookmark: _GoBack]二、主动公开政府信息情况'));
    expect(report.sections.map((section) => section.number)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('converts amounts written with another unit and says so', () => {
    const yuan = read(edit(clean, '行政事业性收费 | 3.52 |', '行政事业性收费 | 35,200元 |'));
    expect(yuan.cells['active.charges.amount']).toBe(3.52);
    expect(yuan.sources['active.charges.amount']!.note).toContain('换算为万元');
    expect(read(edit(clean, '行政事业性收费 | 3.52 |', '行政事业性收费 | 3.52万元 |')).cells['active.charges.amount']).toBe(3.52);
  });

  it('reads a hybrid: 2021 table 二 with the single 2019 （六）其他处理 row', () => {
    const hybrid = clean.replace(
      /（六）其他处理 \| 1\.申请人无正当理由逾期不补正[^\n]*\n2\.申请人逾期未按[^\n]*\n3\.其他[^\n]*\n/,
      '（六）其他处理 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n',
    );
    expect(hybrid).not.toBe(clean);
    const report = read(hybrid);
    expect(report.template).toBe('2021');
    expect(report.cells['requests.otherHandling.total']).toBe(1);
    expect('requests.otherHandling.overdueCorrection.total' in report.cells).toBe(false);
  });

  it('refuses binary content with a file-unreadable error', () => {
    expect(() => decodeText(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31]))).toThrow(ReadError);
    expect(() => decodeText(new Uint8Array([0x41, 0x00, 0x42, 0x00, 0x01, 0x02]))).toThrowError(/不是文本格式/);
    expect(textAdapter.sniff(new Uint8Array([0x50, 0x4b, 0x03, 0x04]))).toBe(0);
  });

  it('decodes UTF-16 with a byte-order mark', () => {
    const text = '一、总体情况';
    const bytes = new Uint8Array([0xff, 0xfe, ...new Uint8Array(new Uint16Array([...text].map((char) => char.charCodeAt(0))).buffer)]);
    expect(decodeText(bytes)).toBe(text);
  });
});
