import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { check } from '../src/index.js';

const pdfFixtures = fileURLToPath(new URL('../../adapter-pdf/test/fixtures/', import.meta.url));
const examples = fileURLToPath(new URL('../../../examples/', import.meta.url));

describe('bad files of every format each get one finding, and the batch goes on', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-bad-'));
  copyFileSync(`${pdfFixtures}scan.pdf`, join(dir, 'a-scan.pdf'));
  copyFileSync(`${pdfFixtures}encrypted.pdf`, join(dir, 'b-encrypted.pdf'));
  writeFileSync(join(dir, 'c-broken.pdf'), '%PDF-1.7\n1 0 obj << /Type /Catalog');
  writeFileSync(join(dir, 'd-legacy.doc'), new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Uint8Array(504)]));
  writeFileSync(join(dir, 'e-bomb.docx'), zipSync({ 'word/document.xml': new Uint8Array(20 * 1024 * 1024).fill(0x20), '[Content_Types].xml': strToU8('<Types/>') }, { level: 9 }));
  writeFileSync(join(dir, 'f-not-a-zip.docx'), 'PK\u0003\u0004 this is not really a zip');
  copyFileSync(`${examples}10-clean-2019-pdf.pdf`, join(dir, 'g-good.pdf'));
  const results = await check([dir], { cwd: dir });

  it('gives each its finding', () => {
    expect(results.map((result) => [result.name.split('/').pop(), result.findings.map((finding) => finding.ruleId)])).toEqual([
      ['a-scan.pdf', ['pdf-no-text']],
      ['b-encrypted.pdf', ['file-unreadable']],
      ['c-broken.pdf', ['file-unreadable']],
      ['d-legacy.doc', ['file-unreadable']],
      ['e-bomb.docx', ['file-unreadable']],
      ['f-not-a-zip.docx', ['file-unreadable']],
      ['g-good.pdf', []],
    ]);
  });

  it('says what to do, in Chinese', () => {
    const message = (name: string) => results.find((result) => result.name.endsWith(name))!.findings[0]!.message;
    expect(message('a-scan.pdf')).toMatch(/文字层|OCR/);
    expect(message('b-encrypted.pdf')).toMatch(/密码/);
    expect(message('d-legacy.doc')).toMatch(/另存为/);
    expect(message('e-bomb.docx')).toMatch(/压缩比/);
  });
}, 60_000);
