import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SourceBlock } from '@xxgk/core';
import { describe, expect, it } from 'vitest';
import { readDocx } from '../src/index.js';

const repository = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * The blocks of every DOCX in the repository (real LibreOffice exports), keyed by path, as the
 * fast-xml-parser reader (validate, then an ordered tree) gave them before document.xml was
 * read with saxes. Rewrite it only for a change meant to alter the blocks.
 */
const expected = JSON.parse(readFileSync(fileURLToPath(new URL('fixtures/expected-blocks.json', import.meta.url)), 'utf8')) as Record<string, SourceBlock[]>;

describe('docx adapter: every DOCX fixture', () => {
  it('covers every DOCX of fixtures/formats, the example and the LibreOffice fixture', () => {
    const formats = readdirSync(repository + 'fixtures/formats').filter((name) => name.endsWith('.docx'));
    expect(formats).toHaveLength(8);
    expect(Object.keys(expected)).toEqual([
      ...formats.map((name) => `fixtures/formats/${name}`),
      'examples/09-defect-2021-word.docx',
      'packages/adapter-docx/test/fixtures/libreoffice-report.docx',
    ]);
  });

  it.each(Object.keys(expected))('reads %s into the same blocks as before', (path) => {
    const blocks = readDocx(new Uint8Array(readFileSync(repository + path))).blocks;
    expect(blocks.length).toBeGreaterThan(60);
    expect(blocks).toEqual(expected[path]);
  });
});
