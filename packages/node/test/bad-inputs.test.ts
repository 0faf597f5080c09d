import { spawnSync } from 'node:child_process';
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

// A named pipe nobody writes to held its open for ever — past the time limit, since a
// thread waiting in the system cannot be stopped — and with it the worker and the process.
// Run in a child process: here, that wait would hold the test run itself.
describe.skipIf(process.platform === 'win32')('a named pipe among the reports', () => {
  it('gets a finding saying it is not a file, at once, and the batch goes on', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xxgk-fifo-'));
    expect(spawnSync('mkfifo', [join(dir, 'a-pipe.txt')]).status).toBe(0);
    copyFileSync(`${examples}01-clean-2021-pipes.txt`, join(dir, 'b-report.txt'));
    const script = `
      const { check } = await import('@xxgk/node');
      const results = await check([process.argv[1]], { cwd: process.argv[1] });
      console.log(JSON.stringify(results.map((result) => [result.name.split('/').pop(), result.findings.map((finding) => [finding.ruleId, finding.message])])));`;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script, dir], { encoding: 'utf8', timeout: 30_000, cwd: fileURLToPath(new URL('..', import.meta.url)) });
    expect(child.signal, 'the child was stopped after 30 s').toBeNull();
    expect(JSON.parse(child.stdout)).toEqual([
      ['a-pipe.txt', [['file-unreadable', '无法读取：不是普通文件（目录、命名管道、设备或套接字），未读取其内容；请提供报告文件本身']]],
      ['b-report.txt', []],
    ]);
  }, 60_000);
});
