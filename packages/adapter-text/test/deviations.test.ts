import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildReport } from '@xxgk/core';
import { describe, expect, it } from 'vitest';
import { readText } from '../src/index.js';

// The committed reports in every text layout (the seeds, our own, the examples), each read
// again after one of the field notes' deviations (shared/spec/field-notes.md): what a
// report says must not change with how it was pasted.
const sourcesDir = fileURLToPath(new URL('../../../fixtures/formats/sources/', import.meta.url));
const examplesDir = fileURLToPath(new URL('../../../examples/', import.meta.url));
const reports = [
  ...readdirSync(sourcesDir).map((name) => ({ name, text: readFileSync(sourcesDir + name, 'utf8') })),
  ...readdirSync(examplesDir)
    .filter((name) => name.endsWith('.txt'))
    .map((name) => ({ name, text: readFileSync(examplesDir + name, 'utf8') })),
];

const fullWidth = (digits: string) => digits.replace(/[0-9]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) + 0xfee0));
/** A line's cells, for the layouts that have them in one line (pipes, tabs): null otherwise. */
const pipeCells = (line: string) => (line.includes('|') ? line.replace(/\s*\|\s*$/, '').split(/\s*\|\s*/) : null);
/** Every line of prose (a sentence's full stop, no table) led by a tab, as some authors indent. */
const indentParagraphs = (text: string) => text.replace(/^(?=[^\n|\t]*。)/gm, '\t');
/** A line's cells when it is a row of pipes or of tabs. */
const rowCells = (line: string) => pipeCells(line) ?? (/\S\t/.test(line) ? line.split('\t').map((cell) => cell.trim()) : null);
const HEADINGS = '总体情况|主动公开政府信息情况|收到和处理政府信息公开申请情况|政府信息公开行政复议、行政诉讼情况|存在的主要问题及改进情况|其他需要报告的事项';

const deviations: Record<string, (text: string, read: Essentials) => string> = {
  'CRLF line endings': (text) => text.replace(/\n/g, '\r\n'),
  '\\r\\r\\n line endings': (text) => text.replace(/\n/g, '\r\r\n'),
  'a blank line after every line': (text) => text.replace(/\n/g, '\n\n'),
  'paragraphs indented with a tab': (text) => indentParagraphs(text),
  'paragraphs indented with a tab, every line break doubled': (text) => indentParagraphs(text).replace(/\n/g, '\n\n'),
  'every line of text indented with a tab (tables of pipes or tabs)': (text) => (/^\t[^\t\n]*$/m.test(text) ? text : text.replace(/^(?=[^\n|\t]+$)/gm, '\t')),
  'trailing spaces': (text) => text.replace(/\n/g, '  \n'),
  'full-width digits in cells': (text) =>
    text.replace(/(?<=(?:^|[|\t])\s*)(\d+)(?=\s*(?:[|\t]|$))/gm, fullWidth).replace(/^(\t)(\d+)$/gm, (_, tab: string, digits: string) => tab + fullWidth(digits)),
  'non-breaking and ideographic spaces around numbers': (text) => text.replace(/\| (\d+) \|/g, '|\u00a0$1\u3000|'),
  'half-width brackets': (text) => text.replace(/（/g, '(').replace(/）/g, ')'),
  'full-width brackets': (text) => text.replace(/\(/g, '（').replace(/\)/g, '）'),
  'numbering with a space (1. 重复申请)': (text) => text.replace(/(?<=[^\d.]\d)\.(?=[\u4e00-\u9fff])/g, '. '),
  'straight quotes': (text) => text.replace(/[“”]/g, '"'),
  'spaced-out short labels (行 政 许 可)': (text) =>
    text.replace(/(^|[|\t]\s*)([\u4e00-\u9fff]{2,6})(?=\s*(?:[|\t]|$))/gm, (_, before: string, label: string) => before + [...label].join(' ')),
  'a web page’s header and footer around the report': (text) =>
    `首页 | 政务公开 | 政府信息公开年报\n当前位置：首页 > 政务公开 > 年报\n发布日期：2025-03-01 来源：本站 浏览次数：128\n${text}\n\n网站地图 | 联系我们\n主办单位：某某市人民政府办公室\n`,
  'pipe tables as tab-separated rows': (text) => text.split('\n').map((line) => pipeCells(line)?.join('\t') ?? line).join('\n'),
  'pipe tables as space-aligned columns': (text) => text.split('\n').map((line) => pipeCells(line)?.join('    ') ?? line).join('\n'),
  // single spaces lose an empty cell's place, and a word among numbers is no number row: only reports with every cell a number
  'rows of single spaces, as copied from a PDF viewer': (text, read) =>
    Object.values(read.cells).some((value) => value === null) ? text : text.split('\n').map((line) => rowCells(line)?.filter((cell) => cell !== '').join(' ') ?? line).join('\n'),
  'tabs as runs of spaces': (text) => text.split('\n').map((line) => (/\S\t/.test(line) ? line.replace(/\t+/g, '   ') : line)).join('\n'),
  'table 三 without its header rows': (text) => text.replace(/^[^\n]*申请人情况[^\n]*\n(?:[^\n]*(?:自然人|商业 ?企业)[^\n]*\n)+/m, ''),
  'table 四 without its header rows': (text) => text.replace(/^行政复议 \| 行政诉讼[^\n]*\n(?:[^\n]*结果 ?维持[^\n]*\n)+/m, ''),
  'table 二 without its 信息内容 header rows': (text) => text.replace(/^[^\n]*信息内容[^\n]*\n/gm, ''),
  'a page number inside table 三': (text) => text.replace(/\n(?=[^\n]*5\.属于三类内部事务信息)/, '\n\n— 3 —\n\n'),
  'table 三 broken across pages, its header rows repeated': (text) => {
    const header = /^[^\n]*申请人情况[^\n]*\n(?:[^\n]*(?:自然人|商业 ?企业)[^\n]*\n)+/m.exec(text)?.[0];
    return header ? text.replace(/\n(?=[^\n]*5\.属于三类内部事务信息)/, `\n— 3 —\n${header}`) : text;
  },
  'section headings without numbers': (text) => text.replace(new RegExp(`^[一二三四五六]、(${HEADINGS})`, 'gm'), '$1'),
  'section headings numbered （一）': (text) => text.replace(new RegExp(`^([一二三四五六])、(${HEADINGS})`, 'gm'), '（$1）$2'),
  'a long label wrapped before its numbers': (text) => text.replace(/申请人无正当理由逾期不补正、(?=行政机关)/, '申请人无正当理由逾期不补正、\n'),
  'a long label wrapped after its numbers': (text) =>
    text.replace(/(申请人无正当理由逾期不补正、)(行政机关不再处理其政府信息公开申请)((?: \||\t)[^\n]*)/, (_, head: string, tail: string, numbers: string) => `${head}${numbers}\n${tail}${numbers.startsWith(' |') ? ' |' : ''}`),
};

/** A value without its line numbers (`line`, `publishedLine`…), which deviations adding lines move. */
function withoutLines(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutLines);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !/^line$|Line$/.test(key)).map(([key, inner]) => [key, withoutLines(inner)]));
}

type Essentials = ReturnType<typeof essentials>;

function essentials(text: string) {
  const report = buildReport(readText(text));
  return {
    template: report.template,
    meta: withoutLines(report.meta),
    sections: report.sections.map((section) => section.number),
    cells: report.cells,
    claims: (report.claims ?? []).map((claim) => `${claim.phrase} ${claim.value}`),
  };
}

describe('text adapter: the committed reports read the same after the field notes’ deviations', () => {
  const originals = reports.map((report) => ({ ...report, read: essentials(report.text) }));

  it('reads the originals: every report has its tables', () => {
    expect(originals.length).toBeGreaterThanOrEqual(13);
    for (const original of originals) expect(Object.keys(original.read.cells).length, original.name).toBeGreaterThan(100);
    // the prose's figures are compared too: most reports state some
    expect(originals.filter((original) => original.read.claims.length > 0).length).toBeGreaterThanOrEqual(10);
  });

  // every number of the tables written as “/”: a report left blank keeps its tables and rows, only its values go
  it('every table number replaced by “/”: the same template, sections and cells, each cell blank', () => {
    for (const original of originals) {
      const blanked = original.text.replace(/(?<=^|[|\t])( *)[-+]?\d[\d.,]*( *(?:万元|元))?(?= *(?:[|\t]|$))/gm, '$1/');
      expect(blanked, original.name).not.toBe(original.text);
      const read = essentials(blanked);
      expect([read.template, read.sections], original.name).toEqual([original.read.template, original.read.sections]);
      expect(Object.keys(read.cells).sort(), original.name).toEqual(Object.keys(original.read.cells).sort());
      // what the prose states (a fee sentence's 0) is no table number
      const tableValues = Object.entries(read.cells).filter(([key]) => !key.startsWith('fees.'));
      expect(tableValues.filter(([, value]) => value !== null), original.name).toEqual([]);
    }
  });

  for (const [deviation, apply] of Object.entries(deviations)) {
    it(deviation, () => {
      let changed = 0;
      for (const original of originals) {
        const deviated = apply(original.text, original.read);
        if (deviated === original.text) continue;
        changed += 1;
        expect(essentials(deviated), `${original.name}: ${deviation}`).toEqual(original.read);
      }
      // a deviation that no report shows would test nothing
      expect(changed, deviation).toBeGreaterThan(0);
    });
  }
});
