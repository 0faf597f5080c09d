import { readFileSync } from 'node:fs';
import { readReport } from '@xxgk/core';
import { describe, expect, it } from 'vitest';
import { StreamedArray, checkJsonPieces, checkRecord, extractJsonPieces, extractRecord, formatCheckJson, formatExtractJson, formatSarif, jsonPieces, sarifPieces } from '../src/index.js';
import { EMPTY_NAME, EXAMPLE_04, checkedExamples, engine, registry, resultOf } from './helpers.js';

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

describe('JSON a piece at a time', () => {
  it('joins to exactly JSON.stringify(records, null, 2), and to [] for no files', async () => {
    const results = await checkedExamples();
    expect([...checkJsonPieces(results)].join('')).toBe(JSON.stringify(results.map(checkRecord), null, 2));
    expect([...extractJsonPieces(results)].join('')).toBe(JSON.stringify(results.map(extractRecord), null, 2));
    expect(formatCheckJson([])).toBe('[]');
    expect(formatExtractJson([])).toBe('[]');
  });
});

describe('jsonPieces', () => {
  it('joins to exactly JSON.stringify(value, null, 2): SARIF of the examples, and the cases JSON.stringify treats apart', async () => {
    const sarif = formatSarif(await checkedExamples(), { rules: engine.rules(), toolVersion: '0.1.0' });
    expect([...jsonPieces(sarif)].join('')).toBe(JSON.stringify(sarif, null, 2));
    const odd = {
      empty: { list: [], object: {} },
      // left out of objects, null in arrays
      gone: undefined,
      call: () => 1,
      list: [undefined, () => 1, Symbol('s'), NaN, -0, 1e21, 'a"\n', null, [[]], [{}]],
      date: new Date(Date.UTC(2026, 0, 31)),
      own: { toJSON: () => ({ replaced: true }) },
      2: 'integer keys first',
      nested: Object.assign(Object.create(null) as object, { a: [1, { b: [2] }] }),
    };
    expect([...jsonPieces(odd)].join('')).toBe(JSON.stringify(odd, null, 2));
    // long arrays (≥ 256 items) are where it opens things up: as deep as they sit
    const long = { runs: [{ tool: 'x', results: Array.from({ length: 300 }, (_, index) => (index % 3 === 0 ? odd : index % 3 === 1 ? undefined : [index, { deeper: Array.from({ length: 260 }, () => odd.list) }])) }] };
    const pieces = [...jsonPieces(long)];
    expect(pieces.join('')).toBe(JSON.stringify(long, null, 2));
    expect(pieces.length).toBeGreaterThan(300);
    expect([...jsonPieces([])].join('')).toBe('[]');
    expect([...jsonPieces('text')].join('')).toBe('"text"');
  });
});

describe('StreamedArray', () => {
  it('is written as the array of its items, by jsonPieces and by JSON.stringify, and [] when it has none', () => {
    const value = { before: 1, items: new StreamedArray(() => [1, { a: [2] }, undefined, 'x']), after: [] };
    const text = JSON.stringify({ before: 1, items: [1, { a: [2] }, undefined, 'x'], after: [] }, null, 2);
    expect(JSON.stringify(value, null, 2)).toBe(text);
    expect([...jsonPieces(value)].join('')).toBe(text);
    expect([...jsonPieces({ none: new StreamedArray(() => []) })].join('')).toBe(JSON.stringify({ none: [] }, null, 2));
  });

  it('has jsonPieces make its items only as it writes them', () => {
    let made = 0;
    const items = new StreamedArray(function* () {
      for (let index = 0; index < 1000; index += 1) {
        made += 1;
        yield { index };
      }
    });
    const pieces = jsonPieces({ items });
    let written = 0;
    for (const piece of pieces) {
      if (piece.includes('"index"')) written += 1;
      // never more than the item being written ahead of what is out
      expect(made - written).toBeLessThanOrEqual(1);
    }
    expect(written).toBe(1000);
  });
});

describe('sarifPieces', () => {
  it('joins to exactly formatSarif’s log as JSON, its results made as they are written', async () => {
    const results = await checkedExamples();
    // a batch with more than one long array, the examples many times over
    const many = Array.from({ length: 40 }, (_, copy) => results.map((result) => ({ ...result, name: `${copy}/${result.name}` }))).flat();
    const options = { rules: engine.rules(), toolVersion: '0.1.0' };
    expect([...sarifPieces(many, options)].join('')).toBe(JSON.stringify(formatSarif(many, options), null, 2));
    expect([...sarifPieces([], options)].join('')).toBe(JSON.stringify(formatSarif([], options), null, 2));
  });
});
