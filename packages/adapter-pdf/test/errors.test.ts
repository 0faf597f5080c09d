import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AdapterRegistry, ReadError, readReport, type ReadErrorCode } from '@xxgk/core';
import { describe, expect, it, vi } from 'vitest';
import { createPdfAdapter, pdfAdapter, readPdf } from '../src/index.js';
import { pdfAdapter as nodePdfAdapter, nodePdfOptions, pdfjsDataUrls, readPdf as readPdfInNode } from '../src/node.js';

// the first read loads pdfjs; under a loaded machine (turbo runs every package at once)
// reading a 4-page PDF can take longer than vitest's default 5 s
vi.setConfig({ testTimeout: 60_000 });

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));

function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(fixtures + name));
}

/** The error a read fails with (adapters may return a value or a promise). */
async function readError(reading: unknown): Promise<ReadError> {
  const error = await Promise.resolve(reading).then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ReadError);
  return error as ReadError;
}

async function expectReadError(reading: unknown, code: ReadErrorCode, message: RegExp): Promise<void> {
  const error = await readError(reading);
  expect(error.code).toBe(code);
  expect(error.message).toMatch(message);
}

describe('PDFs that cannot be read', () => {
  it('a scan (an image, no text layer) → pdf-no-text, asking for OCR or the Word file', async () => {
    const error = await readError(pdfAdapter.read({ name: 'scan.pdf', bytes: fixture('scan.pdf') }));
    expect(error.code).toBe('pdf-no-text');
    expect(error.message).toContain('没有文字层');
    expect(error.message).toContain('OCR');
    expect(error.message).toContain('Word');
  });

  it('a password-protected PDF → file-unreadable, saying so', async () => {
    await expectReadError(pdfAdapter.read({ name: 'encrypted.pdf', bytes: fixture('encrypted.pdf') }), 'file-unreadable', /密码/);
  });

  it('a truncated PDF → file-unreadable', async () => {
    await expectReadError(pdfAdapter.read({ name: 'truncated.pdf', bytes: fixture('truncated.pdf') }), 'file-unreadable', /已损坏/);
  });

  it('a PDF header followed by garbage → file-unreadable', async () => {
    const bytes = new TextEncoder().encode('%PDF-1.7\n这不是 PDF 的内容\n%%EOF\n');
    await expectReadError(readPdf(bytes), 'file-unreadable', /不是有效的 PDF|已损坏/);
  });

  it('bytes that are not a PDF, or none → file-unreadable', async () => {
    await expectReadError(readPdf(new TextEncoder().encode('一、总体情况')), 'file-unreadable', /不是 PDF/);
    await expectReadError(readPdf(new Uint8Array()), 'file-unreadable', /文件为空/);
  });

  it('more pages than limits.maxPdfPages → file-unreadable naming the cap, nothing read', async () => {
    const bytes = fixture('report.pdf');
    await expectReadError(pdfAdapter.read({ name: 'report.pdf', bytes, limits: { maxPdfPages: 1 } }), 'file-unreadable', /共 4 页，超过页数上限 1 页，未读取/);
    await expectReadError(readPdf(bytes, { limits: { maxPdfPages: 3 } }), 'file-unreadable', /上限 3 页/);
    await expect(readPdf(bytes, { limits: { maxPdfPages: 4 } })).resolves.toMatchObject({ format: 'pdf' });
    // an adapter's own limits apply unless the input gives its own
    const capped = createPdfAdapter({ limits: { maxPdfPages: 2 } });
    await expectReadError(capped.read({ name: 'report.pdf', bytes }), 'file-unreadable', /上限 2 页/);
    await expect(capped.read({ name: 'report.pdf', bytes, limits: { maxPdfPages: 10 } })).resolves.toMatchObject({ format: 'pdf' });
  });

  it('a file over limits.maxFileBytes → file-unreadable', async () => {
    await expectReadError(readPdf(fixture('report.pdf'), { limits: { maxFileBytes: 1000 } }), 'file-unreadable', /超过上限/);
  });

  it('becomes a finding, not a crash, in readReport', async () => {
    const registry = new AdapterRegistry([pdfAdapter]);
    const scan = await readReport({ name: 'scan.pdf', bytes: fixture('scan.pdf') }, registry);
    expect(scan.report).toBeNull();
    expect(scan.findings.map((finding) => finding.ruleId)).toEqual(['pdf-no-text']);
    const locked = await readReport({ name: 'encrypted.pdf', bytes: fixture('encrypted.pdf') }, registry);
    expect(locked.findings.map((finding) => [finding.ruleId, finding.severity])).toEqual([['file-unreadable', 'error']]);
  });
});

describe('Chinese fonts that are not embedded (CMaps)', () => {
  const bytes = fixture('cid-song.pdf');

  it('say what is missing when no cMapUrl is set, instead of reading an empty page', async () => {
    const error = await readError(pdfAdapter.read({ name: 'cid-song.pdf', bytes }));
    expect(error.code).toBe('file-unreadable');
    expect(error.message).toContain('UniGB-UCS2-H');
    expect(error.message).toContain('@xxgk/adapter-pdf/node');
  });

  it('say so too when the cMapUrl is wrong', async () => {
    const error = await readError(readPdf(bytes, { cMapUrl: fixtures + 'no-such-dir/' }));
    expect(error.message).toContain('CMap');
  });

  it('decode with the Node entry, which finds the installed pdfjs-dist data', async () => {
    const document = await nodePdfAdapter.read({ name: 'cid-song.pdf', bytes });
    expect(document.blocks.map((block) => (block.kind === 'text' ? block.text : null))).toEqual([
      '某某县档案馆2023年政府信息公开工作年度报告',
      '一、总体情况',
      '本馆依法做好政府信息公开工作。',
    ]);
    expect(await readPdfInNode(bytes)).toEqual(document);
  });

  it('decode with cMapUrl given as a file: URL or as a path', async () => {
    const { cMapUrl } = pdfjsDataUrls();
    expect(cMapUrl).toMatch(/^file:.*\/pdfjs-dist\/cmaps\/$/);
    expect(readFileSync(new URL('UniGB-UCS2-H.bcmap', cMapUrl)).length).toBeGreaterThan(0);
    const viaUrl = await readPdf(bytes, { cMapUrl });
    const viaPath = await readPdf(bytes, { cMapUrl: fileURLToPath(cMapUrl).replace(/\/$/, '') });
    expect(viaPath).toEqual(viaUrl);
    expect(viaUrl.blocks[1]).toEqual({ kind: 'text', text: '一、总体情况', line: 2, page: 1 });
  });

  it('the Node entry keeps the caller\'s options and limits', async () => {
    expect(nodePdfOptions({ limits: { maxPdfPages: 1 } })).toMatchObject({ limits: { maxPdfPages: 1 }, cMapUrl: expect.stringMatching(/cmaps\/$/) });
    await expectReadError(nodePdfAdapter.read({ name: 'r.pdf', bytes: fixture('report.pdf'), limits: { maxPdfPages: 1 } }), 'file-unreadable', /上限 1 页/);
  });
});
