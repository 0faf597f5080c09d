import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AdapterRegistry, ReadError, readReport } from '@xxgk/core';
import { textAdapter } from '@xxgk/adapter-text';
import { describe, expect, it } from 'vitest';
import { NO_PAGE_MESSAGE, htmlAdapter, readHtml } from '../src/index.js';

// Web archives as browsers write them, made here from the committed pages: Chrome's
// (quoted-printable, UTF-8, with a style part after the page) and Internet Explorer's (base64,
// the GBK page declared gb2312 in the part's headers).
const formats = fileURLToPath(new URL('../../../fixtures/formats/', import.meta.url));
const utf8Page = new Uint8Array(readFileSync(`${formats}seed-002.html`));
const gbkPage = new Uint8Array(readFileSync(`${formats}seed-002.gbk.html`));
const ascii = (text: string) => new TextEncoder().encode(text);

/** Quoted-printable as RFC 2045 writes it: lines of at most 76 characters, soft breaks `=`. */
function quotedPrintable(bytes: Uint8Array): string {
  let out = '';
  let line = '';
  for (const byte of bytes) {
    if (byte === 0x0a) {
      out += `${line}\r\n`;
      line = '';
      continue;
    }
    const encoded = (byte >= 0x21 && byte <= 0x7e && byte !== 0x3d) || byte === 0x20 ? String.fromCharCode(byte) : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    if (line.length + encoded.length > 75) {
      out += `${line}=\r\n`;
      line = '';
    }
    line += encoded;
  }
  return out + line;
}

const chromeArchive = ascii(
  [
    'From: <Saved by Blink>',
    'Snapshot-Content-Location: http://www.example.gov.cn/xxgk/2023/report.html',
    'Subject: =?utf-8?Q?2023=E5=B9=B4=E6=8A=A5=E5=91=8A?=',
    'MIME-Version: 1.0',
    'Content-Type: multipart/related;',
    '\ttype="text/html";',
    '\tboundary="----MultipartBoundary--x7Y----"',
    '',
    '',
    '------MultipartBoundary--x7Y----',
    'Content-Type: text/html',
    'Content-ID: <frame-1@mhtml.blink>',
    'Content-Transfer-Encoding: quoted-printable',
    'Content-Location: http://www.example.gov.cn/xxgk/2023/report.html',
    '',
    quotedPrintable(utf8Page),
    '------MultipartBoundary--x7Y----',
    'Content-Type: text/css',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    'table { border: 1px solid; }',
    '------MultipartBoundary--x7Y------',
    '',
  ].join('\r\n'),
);

const ieArchive = ascii(
  [
    'From: <Saved by Windows Internet Explorer 11>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/related;',
    '\ttype="text/html";',
    '\tboundary="----=_NextPart_000_0000_01DA4D1F.6A2B3C40"',
    'X-MimeOLE: Produced By Microsoft MimeOLE V6.1.7601.17514',
    '',
    'This is a multi-part message in MIME format.',
    '',
    '------=_NextPart_000_0000_01DA4D1F.6A2B3C40',
    'Content-Type: text/html;',
    '\tcharset="gb2312"',
    'Content-Transfer-Encoding: base64',
    'Content-Location: http://www.example.gov.cn/report.html',
    '',
    Buffer.from(gbkPage).toString('base64').replace(/.{76}/g, '$&\r\n'),
    '------=_NextPart_000_0000_01DA4D1F.6A2B3C40--',
    '',
  ].join('\r\n'),
);

/** One part, the page itself in 8-bit GBK bytes: the body is taken from the bytes, whatever they are. */
const singlePartArchive = new Uint8Array(Buffer.concat([ascii('MIME-Version: 1.0\r\nContent-Type: text/html; charset="gbk"\r\nContent-Transfer-Encoding: 8bit\r\n\r\n'), gbkPage]));

describe('web archives (.mht)', () => {
  const page = readHtml(utf8Page);

  it.each([
    ['Chrome’s, quoted-printable UTF-8 with a style part after the page', chromeArchive],
    ['Internet Explorer’s, base64 GBK declared gb2312', ieArchive],
    ['a single part of raw 8-bit GBK', singlePartArchive],
  ])('%s: reads the page it holds, block for block', (_, archive) => {
    expect(htmlAdapter.sniff(archive)).toBe(0.9);
    const read = readHtml(archive);
    expect(read.blocks.length).toBeGreaterThan(50);
    expect(read.blocks.map((block) => (block.kind === 'text' ? block.text : block.cells.map((cell) => cell.text)))).toEqual(
      page.blocks.map((block) => (block.kind === 'text' ? block.text : block.cells.map((cell) => cell.text))),
    );
  });

  it('is chosen by its content, and found by its extensions', async () => {
    const registry = new AdapterRegistry([textAdapter, htmlAdapter]);
    const result = await readReport({ name: '报告.mht', bytes: chromeArchive }, registry);
    expect(result.report?.format).toBe('html');
    expect(result.report?.meta.year).toBe(2022);
    expect(htmlAdapter.extensions).toEqual(expect.arrayContaining(['.mht', '.mhtml']));
  });

  it('refuses an archive without a page, saying what to do', () => {
    const imagesOnly = ascii('MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n--b\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--b--\r\n');
    expect(() => readHtml(imagesOnly)).toThrow(new ReadError('file-unreadable', NO_PAGE_MESSAGE));
  });

  it('takes nothing else for an archive: text that starts like a header, a page, a letter', () => {
    expect(htmlAdapter.sniff(ascii('Date: 2024-01-20\n政府信息公开工作年度报告'))).toBe(0);
    expect(htmlAdapter.sniff(ascii('MIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\n一、总体情况'))).toBe(0);
    expect(readHtml(utf8Page).blocks).toEqual(page.blocks);
  });
});
