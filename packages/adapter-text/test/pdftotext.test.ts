import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildReport } from '@xxgk/core';
import { describe, expect, it } from 'vitest';
import { decodeText, readText } from '../src/index.js';

/**
 * Text that other tools make of our PDF fixtures (`pdftotext -layout` and `-raw`, the
 * latter much like copying from a PDF viewer): columns are runs of spaces or single
 * spaces, and wrapped labels stand on lines around their numbers.
 */
const formats = fileURLToPath(new URL('../../../fixtures/formats/', import.meta.url));
const files = readdirSync(`${formats}pdftotext`).filter((name) => name.endsWith('.txt'));

describe('PDF text from pdftotext', () => {
  it('has both kinds of output', () => {
    expect(files.some((name) => name.endsWith('.layout.txt'))).toBe(true);
    expect(files.some((name) => name.endsWith('.raw.txt'))).toBe(true);
  });

  it.each(files)('%s gives the cells of the text report', (name) => {
    const id = name.split('.')[0]!;
    const expected = JSON.parse(readFileSync(`${formats}${id}.expected.json`, 'utf8')) as { template: string; cells: Record<string, number | null> };
    const report = buildReport(readText(decodeText(readFileSync(`${formats}pdftotext/${name}`))));
    expect(report.template).toBe(expected.template);
    expect(report.cells).toEqual(expected.cells);
  });
});
