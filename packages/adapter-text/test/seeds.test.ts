import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildReport } from '@xxgk/core';
import { describe, expect, it } from 'vitest';
import { decodeText, readText } from '../src/index.js';

const seedsDir = fileURLToPath(new URL('../../../../shared/seeds/', import.meta.url));
const fixturesDir = fileURLToPath(new URL('./fixtures/seeds/', import.meta.url));

interface Expected {
  file: string;
  template: '2021' | '2019';
  meta: { agency: string; year: number; publishedAt: string | null };
  cells: Record<string, number | null>;
}

const fixtures = readdirSync(fixturesDir)
  .filter((name) => name.endsWith('.json'))
  .map((name) => JSON.parse(readFileSync(fixturesDir + name, 'utf8')) as Expected);

function readSeed(file: string) {
  return buildReport(readText(decodeText(readFileSync(seedsDir + file))));
}

describe('the five seed reports', () => {
  it('has a fixture for each seed', () => {
    expect(fixtures.map((fixture) => fixture.file).sort()).toEqual(readdirSync(seedsDir).filter((name) => name.endsWith('.txt')).sort());
  });

  for (const expected of fixtures) {
    describe(expected.file, () => {
      const report = readSeed(expected.file);

      it('reads every cell exactly, and no cell the report does not have', () => {
        expect(report.cells).toEqual(expected.cells);
      });

      it('detects the template from the tables', () => {
        expect(report.template).toBe(expected.template);
      });

      it('reads the meta', () => {
        expect({ agency: report.meta.agency, year: report.meta.year, publishedAt: report.meta.publishedAt }).toEqual(expected.meta);
      });

      it('finds the six sections in order', () => {
        expect(report.sections.map((section) => section.number)).toEqual([1, 2, 3, 4, 5, 6]);
      });

      it('records where each value came from', () => {
        for (const key of Object.keys(report.cells)) {
          const source = report.sources[key];
          expect(source, key).toBeDefined();
          expect(source!.line).toBeGreaterThan(0);
          if (report.cells[key] !== null && !key.startsWith('fees.')) {
            expect(source!.text.normalize('NFKC').replace(/\D/g, ''), key).toContain(String(Math.trunc(report.cells[key]!)));
          }
        }
      });
    });
  }

  it('reads the values the issue names for seed 002', () => {
    const report = readSeed('002_5d8db5c6007b71c2.txt');
    expect(report.cells['requests.newReceived.total']).toBe(20);
    expect(report.cells['requests.total.total']).toBe(19);
    expect(report.cells['requests.carriedForward.total']).toBe(1);
    expect(report.cells['review.reconsideration.upheld']).toBe(1);
  });

  it('points a cell of the one-cell-a-line layout at its own line', () => {
    const report = readSeed('003_2ca7ff8f1ad21034.txt');
    const lines = readFileSync(seedsDir + '003_2ca7ff8f1ad21034.txt', 'utf8').split('\n');
    const source = report.sources['requests.newReceived.total']!;
    expect(lines[source.line - 1]!.trim()).toBe('0');
    expect(lines.slice(source.line - 9, source.line).join('')).toContain('本年新收');
  });

  it('keeps the unit conversion of 6000 元 in yuan and the 2019 procurement row of seed 004', () => {
    const report = readSeed('004_7951624ebb58a0d9.txt');
    expect(report.cells['active.procurement.amount']).toBe(6000);
    expect(report.sources['active.procurement.amount']!.text).toBe('6000 元');
  });
});
