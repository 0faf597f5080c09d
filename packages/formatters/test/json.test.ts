import { readFileSync } from 'node:fs';
import { readReport } from '@xxgk/core';
import { describe, expect, it } from 'vitest';
import { checkJsonPieces, checkRecord, extractJsonPieces, extractRecord, formatCheckJson, formatExtractJson } from '../src/index.js';
import { EMPTY_NAME, EXAMPLE_04, checkedExamples, registry, resultOf } from './helpers.js';

describe('JSON records (the CLI contract)', () => {
  it('a check record is file, template and findings', async () => {
    const result = resultOf(await checkedExamples(), EXAMPLE_04);
    const record = checkRecord(result);
    expect(Object.keys(record)).toEqual(['file', 'template', 'findings']);
    expect(record.file).toBe(EXAMPLE_04);
    expect(record.template).toBe('2021');
    expect(record.findings.map((finding) => finding.ruleId)).toContain('requests-outcome-total');
    expect(JSON.parse(formatCheckJson([result]))).toEqual([JSON.parse(JSON.stringify(record))]);
  });

  it('an extract record is the report model’s public part', async () => {
    const bytes = readFileSync(new URL('../../../examples/04-defect-sums-2021-pipes.txt', import.meta.url));
    const read = await readReport({ name: EXAMPLE_04, bytes }, registry);
    const record = extractRecord(read);
    expect(Object.keys(record)).toEqual(['file', 'template', 'meta', 'cells', 'sources', 'sections']);
    expect(record.meta).toEqual({ agency: '鹤汀市住房和城乡建设局', year: 2023, publishedAt: read.report!.meta.publishedAt });
    expect(record.cells['requests.total.total']).toBe(19);
    expect(record.sources['requests.total.total']?.line).toBeGreaterThan(0);
    expect(JSON.parse(formatExtractJson([read]))[0].cells['requests.total.total']).toBe(19);
  });

  it('an unreadable file keeps its finding and has no cells', async () => {
    const result = resultOf(await checkedExamples(), EMPTY_NAME);
    const record = extractRecord(result);
    expect(record).toMatchObject({ file: EMPTY_NAME, template: null, meta: { agency: null, year: null, publishedAt: null }, cells: {}, sources: {}, sections: [] });
    expect(record.findings?.[0]?.ruleId).toBe('file-unreadable');
  });
});

describe('JSON a file at a time', () => {
  it('joins to exactly JSON.stringify(records, null, 2), and to [] for no files', async () => {
    const results = await checkedExamples();
    expect([...checkJsonPieces(results)].join('')).toBe(JSON.stringify(results.map(checkRecord), null, 2));
    expect([...checkJsonPieces(results)]).toHaveLength(results.length + 1);
    expect([...extractJsonPieces(results)].join('')).toBe(JSON.stringify(results.map(extractRecord), null, 2));
    expect(formatCheckJson([])).toBe('[]');
    expect(formatExtractJson([])).toBe('[]');
  });
});
