import { describe, expect, it } from 'vitest';
import { seeds, xxgk } from './helpers.js';

describe('xxgk extract --format json', async () => {
  const run = await xxgk('extract', `${seeds}/002_5d8db5c6007b71c2.txt`, `${seeds}/000_32c7538ebe09f062.txt`, '--format', 'json');
  const files = JSON.parse(run.stdout) as Record<string, unknown>[];

  it('prints one object per file in the documented shape', () => {
    expect(run.code).toBe(0);
    expect(files).toHaveLength(2);
    for (const file of files) expect(Object.keys(file)).toEqual(['file', 'template', 'meta', 'cells', 'sources', 'sections']);
  });

  it('gives the meta, cells and where each came from', () => {
    const [seed002, seed000] = files as { file: string; template: string; meta: unknown; cells: Record<string, number | null>; sources: Record<string, { line: number; text: string }>; sections: { number: number }[] }[];
    expect(seed002!.file).toMatch(/002_5d8db5c6007b71c2\.txt$/);
    expect(seed002!.template).toBe('2021');
    expect(seed002!.meta).toEqual({ agency: '安宁市人民政府办公室', year: 2022, publishedAt: null });
    expect(seed002!.cells['requests.newReceived.total']).toBe(20);
    expect(seed002!.sources['requests.newReceived.total']).toEqual({ line: 29, text: '20' });
    expect(seed002!.sections.map((section) => section.number)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(seed000!.meta).toEqual({ agency: '南平市工业和信息化局', year: 2022, publishedAt: '2023-02-03' });
    expect('active.regulations.issued' in seed000!.cells).toBe(false);
  });
});
