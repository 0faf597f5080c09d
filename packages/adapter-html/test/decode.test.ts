import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AdapterRegistry, ReadError, readReport } from '@xxgk/core';
import { textAdapter } from '@xxgk/adapter-text';
import { describe, expect, it } from 'vitest';
import {
  BINARY_MESSAGE,
  EMPTY_MESSAGE,
  NO_TEXT_MESSAGE,
  declaredEncoding,
  decodeHtml,
  encodingOfLabel,
  htmlAdapter,
  readHtml,
} from '../src/index.js';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const examples = fileURLToPath(new URL('../../../examples/', import.meta.url));

/** 一、总体情况 in GBK */
const GBK_HEADING = [210, 187, 161, 162, 215, 220, 204, 229, 199, 233, 191, 246];
/** 政府資訊公開 in Big5 */
const BIG5_TEXT = [172, 70, 169, 178, 184, 234, 176, 84, 164, 189, 182, 125];

function ascii(text: string): number[] {
  return [...text].map((char) => char.charCodeAt(0));
}

/** A page: ASCII markup around raw bytes. */
function page(before: string, body: number[], after = '</p></body></html>'): Uint8Array {
  return new Uint8Array([...ascii(before), ...body, ...ascii(after)]);
}

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** The ReadError an action throws, or the promise it returns rejects with (the adapter's read). */
async function readError(action: () => unknown): Promise<ReadError> {
  try {
    await action();
  } catch (error) {
    if (error instanceof ReadError) return error;
    throw error;
  }
  throw new Error('no ReadError was thrown');
}

describe('decodeHtml', () => {
  it('reads <meta charset="gbk">', () => {
    expect(decodeHtml(page('<html><head><meta charset="gbk"></head><body><p>', GBK_HEADING))).toContain('<p>一、总体情况</p>');
  });

  it('reads the http-equiv Content-Type declaration of gb2312', () => {
    const bytes = page('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body><p>', GBK_HEADING);
    expect(declaredEncoding(bytes)).toBe('gb18030');
    expect(decodeHtml(bytes)).toContain('一、总体情况');
  });

  it('reads the encoding of the XML declaration', () => {
    const bytes = page('<?xml version="1.0" encoding="GBK"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body><p>', GBK_HEADING);
    expect(declaredEncoding(bytes)).toBe('gb18030');
    expect(decodeHtml(bytes)).toContain('一、总体情况');
  });

  it('reads another declared charset with TextDecoder (Big5)', () => {
    expect(decodeHtml(page('<meta charset=big5><p>', BIG5_TEXT))).toContain('政府資訊公開');
  });

  it('falls back to GB18030 when a page without a declaration is not valid UTF-8', () => {
    expect(decodeHtml(page('<html><body><p>', GBK_HEADING))).toContain('一、总体情况');
  });

  it('reads a UTF-8 page with a damaged byte (cut short in a character) as UTF-8, not as GB18030', () => {
    const bytes = utf8('<html><body><p>一、总体情况</p><p>二、主动公开政府信息情况</p>');
    expect(decodeHtml(new Uint8Array([...bytes, 0xe4, 0xb8]))).toBe('<html><body><p>一、总体情况</p><p>二、主动公开政府信息情况</p>\ufffd');
    expect(decodeHtml(new Uint8Array([...utf8('<meta charset="utf-8">'), ...bytes, 0xe4]))).toContain('二、主动公开政府信息情况');
  });

  it('believes the bytes over a wrong declaration, both ways', () => {
    expect(decodeHtml(page('<meta charset="utf-8"><p>', GBK_HEADING))).toContain('一、总体情况');
    expect(decodeHtml(utf8('<meta charset="gb2312"><p>一、总体情况</p>'))).toContain('一、总体情况');
  });

  it('lets a byte-order mark decide, UTF-8 and UTF-16', () => {
    expect(decodeHtml(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('<meta charset="gbk"><p>一、总体情况</p>')]))).toBe(
      '<meta charset="gbk"><p>一、总体情况</p>',
    );
    const text = '<p>一、总体情况</p>';
    const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(new Uint16Array([...text].map((char) => char.charCodeAt(0))).buffer)]);
    expect(decodeHtml(utf16)).toBe(text);
  });

  it('looks for the declaration only in the first 2 KB, and not inside comments', () => {
    expect(declaredEncoding(utf8(`<html><head>${' '.repeat(3000)}<meta charset="gbk">`))).toBeNull();
    expect(declaredEncoding(utf8('<!-- <meta charset="big5"> --><meta charset="gbk">'))).toBe('gb18030');
    expect(declaredEncoding(utf8('<meta name="keywords" content="年报"><title>x</title>'))).toBeNull();
  });

  it('maps every name of the GB family to GB18030', () => {
    for (const label of ['gbk', 'GB2312', 'gb_2312-80', 'x-gbk', 'GB18030', 'cp936', 'euc-cn']) expect(encodingOfLabel(label), label).toBe('gb18030');
    expect(encodingOfLabel('UTF8')).toBe('utf-8');
    expect(encodingOfLabel('no-such-charset')).toBeNull();
  });

  it('decodes the GBK fixture as the UTF-8 fixture, but for its declaration', () => {
    const gbk = new Uint8Array(readFileSync(fixtures + '02-site-template-gbk.html'));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk)).toThrow();
    expect(declaredEncoding(gbk)).toBe('gb18030');
    const utf8Page = readFileSync(fixtures + '01-site-template.html', 'utf8');
    expect(decodeHtml(gbk)).toBe(
      utf8Page.replace('<meta http-equiv="Content-Type" content="text/html; charset=utf-8">', '<meta charset="gb2312">'),
    );
  });
});

describe('sniff', () => {
  const sniff = (bytes: Uint8Array) => htmlAdapter.sniff(bytes);

  it('is sure of pages that start like HTML', () => {
    expect(sniff(utf8('<!DOCTYPE html><html><body></body></html>'))).toBe(0.9);
    expect(sniff(utf8('\n\n  <html xmlns:o="urn:schemas-microsoft-com:office:office">'))).toBe(0.9);
    expect(sniff(utf8('<!-- saved from url=(0050)https://example/ -->\n<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN">'))).toBe(0.9);
    expect(sniff(utf8('<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'))).toBe(0.9);
    expect(sniff(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('<HTML><HEAD>')]))).toBe(0.9);
    // UTF-16 with its BOM: '<' is followed by a zero byte, not by the letter
    expect(sniff(new Uint8Array([0xff, 0xfe, ...[...'<html><body>'].flatMap((char) => [char.charCodeAt(0), 0])]))).toBe(0.9);
    expect(sniff(new Uint8Array(readFileSync(fixtures + '02-site-template-gbk.html')))).toBe(0.9);
  });

  it('is fairly sure of fragments with tables or a body', () => {
    expect(sniff(utf8('桐川县年报\n<table border="1"><tr><td>规章</td></tr></table>'))).toBe(0.7);
    expect(sniff(utf8('<div class="article"><p>一、总体情况</p></div>'))).toBe(0.7);
    expect(sniff(utf8('<DIV CLASS="article"><P>一、总体情况</P></DIV>'))).toBe(0.7);
  });

  it('tells HTML from plain text', () => {
    expect(sniff(new Uint8Array(readFileSync(examples + '01-clean-2021-pipes.txt')))).toBe(0);
    expect(sniff(utf8('一、总体情况\n规章 | 0 | 0 | 0 |'))).toBe(0);
    // a '<' that opens no tag: a title in angle brackets, a comparison, the last byte
    expect(sniff(utf8('关于印发<中华人民共和国政府信息公开工作年度报告格式>的通知'))).toBe(0);
    expect(sniff(utf8('答复时间<10个工作日，一般 a<b 不影响'))).toBe(0);
    expect(sniff(utf8('一、总体情况<'))).toBe(0);
    expect(textAdapter.sniff(new Uint8Array(readFileSync(fixtures + '01-site-template.html')))).toBeLessThan(0.9);
  });

  it('says 0 for PDF, ZIP (DOCX), DOC, images and empty input', () => {
    expect(sniff(utf8('%PDF-1.7\n<html>'))).toBe(0);
    expect(sniff(new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...ascii('<html>')]))).toBe(0);
    expect(sniff(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toBe(0);
    expect(sniff(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(0);
    expect(sniff(new Uint8Array([0x3c, 0x00, 0x68, 0x00]))).toBe(0);
    expect(sniff(new Uint8Array())).toBe(0);
  });

  it('lets the registry choose HTML for pages and text for text, whatever the extension', () => {
    const registry = new AdapterRegistry([textAdapter, htmlAdapter]);
    expect(registry.pick({ name: 'report.txt', bytes: new Uint8Array(readFileSync(fixtures + '03-nested-layout.html')) })?.id).toBe('html');
    expect(registry.pick({ name: 'report.html', bytes: utf8('一、总体情况\n') })?.id).toBe('text');
  });

  it('declares its id, name and extensions', () => {
    expect(htmlAdapter.id).toBe('html');
    expect(htmlAdapter.name).toBe('网页（HTML）');
    expect(htmlAdapter.extensions).toEqual(['.html', '.htm', '.shtml', '.xhtml', '.mht', '.mhtml']);
  });
});

describe('bad input', () => {
  it('refuses an empty file', async () => {
    const error = await readError(() => htmlAdapter.read({ name: 'a.html', bytes: new Uint8Array() }));
    expect(error.code).toBe('file-unreadable');
    expect(error.message).toBe(EMPTY_MESSAGE);
    expect(error.message).toContain('网页文件为空');
    expect((await readError(() => readHtml(utf8(' \n\t ')))).message).toBe(EMPTY_MESSAGE);
  });

  it('refuses binary content: PDF, DOCX, NUL bytes', async () => {
    for (const bytes of [utf8('%PDF-1.4\n1 0 obj'), new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]), new Uint8Array([0x3c, 0x70, 0x3e, 0x00, 0x01])]) {
      const error = await readError(() => readHtml(bytes));
      expect(error.code).toBe('file-unreadable');
      expect(error.message).toBe(BINARY_MESSAGE);
    }
    expect(BINARY_MESSAGE).toContain('不是网页（HTML）格式');
  });

  it('refuses a page with no text: only scripts, images, a frame and a title', async () => {
    const html = '<!DOCTYPE html><html><head><title>桐川县人民政府</title><script>location.href="/x"</script></head>' +
      '<body><img src="scan.jpg" alt="年度报告扫描件"><iframe src="report.pdf"></iframe><div>&nbsp;</div></body></html>';
    const error = await readError(() => readHtml(utf8(html)));
    expect(error.code).toBe('file-unreadable');
    expect(error.message).toBe(NO_TEXT_MESSAGE);
    expect(error.message).toContain('没有可读取的正文文字');
  });

  it('refuses a page over the size limit', async () => {
    const error = await readError(() => htmlAdapter.read({ name: 'a.html', bytes: utf8('<p>一、总体情况</p>'), limits: { maxFileBytes: 8 } }));
    expect(error.code).toBe('file-unreadable');
    expect(error.message).toContain('网页文件过大');
  });

  it('becomes one finding through readReport, not an exception', async () => {
    const registry = new AdapterRegistry([htmlAdapter]);
    const result = await readReport({ name: 'empty.html', bytes: utf8('<html><body><script>1</script></body></html>') }, registry);
    expect(result.report).toBeNull();
    expect(result.findings).toEqual([{ ruleId: 'file-unreadable', severity: 'error', message: NO_TEXT_MESSAGE, cells: [], section: null }]);
  });

  it('reads a page that is not a report, for the core to call not-a-report', async () => {
    const registry = new AdapterRegistry([htmlAdapter]);
    const result = await readReport({ name: 'news.html', bytes: utf8('<html><body><h1>新闻</h1><p>今日召开会议。</p></body></html>') }, registry);
    expect(result.findings.map((finding) => finding.ruleId)).toEqual(['not-a-report']);
  });
});
