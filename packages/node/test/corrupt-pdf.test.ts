import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CheckResult } from '@xxgk/core';
import { describe, expect, it } from 'vitest';
// the built package: its workers run dist/worker.js
import { check, runBatch } from '@xxgk/node';
import { corruptions } from '../../adapter-pdf/test/corrupt.js';

const examples = fileURLToPath(new URL('../../../examples/', import.meta.url));
const pdfFixtures = fileURLToPath(new URL('../../adapter-pdf/test/fixtures/', import.meta.url));
const lateFaults = fileURLToPath(new URL('./fixtures/pdfjs-late-adapters.mjs', import.meta.url));

const ruleIds = (result: CheckResult) => result.findings.map((finding) => finding.ruleId);

describe('corrupted PDFs in a batch on workers', () => {
  it('each get one file-unreadable result; the good files are checked as on their own', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xxgk-corrupt-'));
    const made = corruptions(new Uint8Array(readFileSync(`${pdfFixtures}report.pdf`)));
    // four files a worker (jobs 2): the stray rejection of a-late lands while its worker reads b, c, d
    writeFileSync(join(dir, 'a-late.pdf'), 'XXGK-FAULT PDFJS-LATE');
    writeFileSync(join(dir, 'b-truncated.pdf'), made.truncated);
    copyFileSync(`${examples}10-clean-2019-pdf.pdf`, join(dir, 'c-good.pdf'));
    writeFileSync(join(dir, 'd-bad-xref.pdf'), made.badXrefEntry);
    writeFileSync(join(dir, 'e-bad-pages.pdf'), made.badPageTree);
    copyFileSync(`${examples}04-defect-sums-2021-pipes.txt`, join(dir, 'f-sums.txt'));
    copyFileSync(`${pdfFixtures}report.pdf`, join(dir, 'g-report.pdf'));
    copyFileSync(`${examples}01-clean-2021-pipes.txt`, join(dir, 'h-clean.txt'));
    const files = ['a-late.pdf', 'b-truncated.pdf', 'c-good.pdf', 'd-bad-xref.pdf', 'e-bad-pages.pdf', 'f-sums.txt', 'g-report.pdf', 'h-clean.txt'];
    const good = ['c-good.pdf', 'f-sums.txt', 'g-report.pdf', 'h-clean.txt'];
    const alone = await check(good, { cwd: dir });

    const results: [number, CheckResult][] = [];
    const loads = join(dir, 'loads.txt');
    process.env.XXGK_TEST_LOADS = loads;
    try {
      await runBatch(files, { cwd: dir, jobs: 2, adapterModules: [lateFaults], onResult: (result, index) => results.push([index, result]) });
    } finally {
      delete process.env.XXGK_TEST_LOADS;
    }

    // this thread and the two workers, none started again: no worker was lost to the stray rejection
    expect(readFileSync(loads, 'utf8')).toBe('loaded\n'.repeat(3));
    expect(results.map(([index]) => index).sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const byFile = new Map(results.map(([, result]) => [result.name, result]));
    expect(Object.fromEntries(files.map((file) => [file, ruleIds(byFile.get(file)!)]))).toEqual({
      'a-late.pdf': ['file-unreadable'],
      'b-truncated.pdf': ['file-unreadable'],
      'c-good.pdf': [],
      'd-bad-xref.pdf': ['file-unreadable'],
      'e-bad-pages.pdf': ['file-unreadable'],
      'f-sums.txt': ['requests-row-total', 'requests-outcome-total', 'requests-balance', 'review-total'],
      'g-report.pdf': [],
      'h-clean.txt': [],
    });
    for (const result of alone) expect(byFile.get(result.name)!.findings).toEqual(result.findings);
    const message = (file: string) => byFile.get(file)!.findings[0]!.message;
    expect(message('a-late.pdf')).toMatch(/^PDF 文件已损坏，无法读取（Illegal character: 41）/);
    expect(message('b-truncated.pdf')).toMatch(/^文件不是有效的 PDF，或已损坏/);
    expect(message('d-bad-xref.pdf')).toMatch(/^PDF 第 1 页已损坏，无法读取/);
    expect(message('e-bad-pages.pdf')).toMatch(/已损坏/);
  }, 180_000);
});
