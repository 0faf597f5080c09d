import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createChecker } from '../src/index.js';

/** The same reports as text, HTML, DOCX and PDF (fixtures/formats, made by scripts/fixtures). */
const dir = fileURLToPath(new URL('../../../fixtures/formats/', import.meta.url));
const ids = readdirSync(dir)
  .filter((name) => name.endsWith('.expected.json'))
  .map((name) => name.replace('.expected.json', ''));

interface Expected {
  template: string;
  meta: { agency: string | null; year: number | null; publishedAt: string | null };
  sections: number[];
  cells: Record<string, number | null>;
}

const FORMATS = ['html', 'docx', 'pdf'];

describe.each(FORMATS)('%s files give the very cells of the text', async (format) => {
  const checker = await createChecker({ config: { packs: [], alwaysApply: [], rules: {}, suppressions: [], baseDir: dir } });

  it('has the corpus', () => {
    expect(ids.length).toBeGreaterThanOrEqual(8);
  });

  for (const id of ids) {
    it(id, async () => {
      const expected = JSON.parse(readFileSync(`${dir}${id}.expected.json`, 'utf8')) as Expected;
      const { report, findings } = await checker.readFile(`${dir}${id}.${format}`);
      expect(findings).toEqual([]);
      expect(report!.format).toBe(format);
      expect(report!.template).toBe(expected.template);
      expect(report!.sections.map((section) => section.number)).toEqual(expected.sections);
      expect({ agency: report!.meta.agency, year: report!.meta.year, publishedAt: report!.meta.publishedAt }).toEqual(expected.meta);
      expect(report!.cells).toEqual(expected.cells);
    });
  }
});

describe('a GBK-encoded page declared as gb2312', () => {
  it('gives the cells of its UTF-8 twin', async () => {
    const checker = await createChecker({ config: { packs: [], alwaysApply: [], rules: {}, suppressions: [], baseDir: dir } });
    const expected = JSON.parse(readFileSync(`${dir}seed-002.expected.json`, 'utf8')) as Expected;
    const { report } = await checker.readFile(`${dir}seed-002.gbk.html`);
    expect(readFileSync(`${dir}seed-002.gbk.html`).includes(Buffer.from('charset="gb2312"'))).toBe(true);
    expect(report!.cells).toEqual(expected.cells);
    expect(report!.meta.agency).toBe(expected.meta.agency);
  });
});
