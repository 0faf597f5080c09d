import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AdapterRegistry, buildReport, readReport, type Report } from '@xxgk/core';
import { readText, textAdapter } from '@xxgk/adapter-text';
import { describe, expect, it } from 'vitest';
import { decodeHtml, htmlAdapter, readHtml } from '../src/index.js';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const examples = fileURLToPath(new URL('../../../examples/', import.meta.url));

interface Expected {
  template: '2021' | '2019';
  meta: { agency: string; year: number; publishedAt: string };
  sections: { number: number; heading: string }[];
  tables: string[];
  cells: Record<string, number | null>;
}

const expected = JSON.parse(readFileSync(fixtures + 'expected-01-clean-2021.json', 'utf8')) as Expected;
const fromText = buildReport(readText(readFileSync(examples + '01-clean-2021-pipes.txt', 'utf8')));

const pages = [
  { file: '01-site-template.html', what: 'a report page inside a government site template' },
  { file: '02-site-template-gbk.html', what: 'the same page in GBK, declared <meta charset="gb2312">' },
  { file: '03-nested-layout.html', what: 'a report inside nested layout tables (old site, upper-case tags, omitted end tags)' },
  { file: '04-word-export.html', what: 'Word "save as web page" with colspan=2 labels and a two-column 总计' },
];

function bytesOf(file: string): Uint8Array {
  return new Uint8Array(readFileSync(fixtures + file));
}

function sourceLines(file: string): string[] {
  return decodeHtml(bytesOf(file)).split(/\r\n|\r|\n/);
}

describe('the hand-written expectation', () => {
  it('is what the text adapter reads from examples/01-clean-2021-pipes.txt', () => {
    expect(fromText.template).toBe(expected.template);
    expect({ agency: fromText.meta.agency, year: fromText.meta.year, publishedAt: fromText.meta.publishedAt }).toEqual(expected.meta);
    expect(fromText.cells).toEqual(expected.cells);
    expect(Object.keys(expected.cells)).toHaveLength(203);
  });
});

describe.each(pages)('$file: $what', ({ file }) => {
  const report: Report = buildReport(readHtml(bytesOf(file)));

  it('detects the 2021 template', () => {
    expect(report.template).toBe('2021');
    expect(report.format).toBe('html');
  });

  it('reads agency, reporting year and the signing date, not the page’s 发布时间', () => {
    expect({ agency: report.meta.agency, year: report.meta.year, publishedAt: report.meta.publishedAt }).toEqual(expected.meta);
    expect(report.meta.title).toBe('桐川县市场监督管理局2023年政府信息公开工作年度报告');
    expect(report.meta.period).toMatchObject({ start: '2023-01-01', end: '2023-12-31' });
  });

  it('finds the six sections in order, and no site menu as a section', () => {
    expect(report.sections.map(({ number, heading }) => ({ number, heading }))).toEqual(expected.sections);
  });

  it('finds the four tables', () => {
    expect(report.tables.map((table) => table.id)).toEqual(expected.tables);
    expect(report.feeStatement).toMatchObject({ kind: 'table', section: 6 });
  });

  it('reads every cell exactly as expected, and no other', () => {
    expect(report.cells).toEqual(expected.cells);
    expect(report.problems).toEqual({});
  });

  it('reads the same cells as the text adapter does from the text version', () => {
    expect(report.cells).toEqual(fromText.cells);
  });

  it('points every value at a source line of the file that holds its cell', () => {
    const lines = sourceLines(file);
    for (const [key, value] of Object.entries(report.cells)) {
      const source = report.sources[key]!;
      expect(source.line, key).toBeGreaterThan(0);
      expect(source.line, key).toBeLessThanOrEqual(lines.length);
      expect(source.text, key).toBe(String(value));
      // the cell's start tag is on that line
      expect(lines[source.line - 1], key).toMatch(/<td/i);
    }
  });

  it('points every section heading at the line of its paragraph', () => {
    const lines = sourceLines(file);
    for (const section of report.sections) {
      const near = lines.slice(section.line - 1, section.line + 1).join('');
      expect(near, section.heading).toContain(section.heading);
    }
  });
});

describe('provenance into the file', () => {
  it('gives the line of the <td> that holds a value (01)', () => {
    const report = buildReport(readHtml(bytesOf('01-site-template.html')));
    const lines = sourceLines('01-site-template.html');
    const source = report.sources['requests.newReceived.naturalPerson']!;
    expect(lines[source.line - 1]).toContain('<td>18</td><td>5</td>');
    const licensing = report.sources['active.licensing.decisions']!;
    expect(lines[licensing.line - 1]).toContain('>1245<');
  });

  it('gives the same lines for the GBK copy as for the UTF-8 page', () => {
    const utf8 = buildReport(readHtml(bytesOf('01-site-template.html')));
    const gbk = buildReport(readHtml(bytesOf('02-site-template-gbk.html')));
    expect(gbk.sources).toEqual(utf8.sources);
    expect(gbk.sections).toEqual(utf8.sections);
  });

  it('counts CRLF line endings as one line break (04)', () => {
    const report = buildReport(readHtml(bytesOf('04-word-export.html')));
    const lines = sourceLines('04-word-export.html');
    const source = report.sources['requests.total.total']!;
    expect(lines.slice(source.line - 1, source.line + 3).join('')).toContain('>27</span>');
  });
});

describe('through the core registry', () => {
  const registry = new AdapterRegistry([textAdapter, htmlAdapter]);

  it.each(pages)('picks the HTML adapter for $file by content and reads a report', async ({ file }) => {
    const input = { name: 'report.bin', bytes: bytesOf(file) };
    expect(registry.pick(input)?.id).toBe('html');
    const result = await readReport(input, registry);
    expect(result.findings).toEqual([]);
    expect(result.report?.cells).toEqual(expected.cells);
  });

  it('still picks the text adapter for the text example', () => {
    const bytes = new Uint8Array(readFileSync(examples + '01-clean-2021-pipes.txt'));
    expect(registry.pick({ name: 'a.html', bytes })?.id).toBe('text');
  });
});
