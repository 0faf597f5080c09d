import { AdapterRegistry, ReadError, readReport, type ReadLimits } from '@xxgk/core';
import { textAdapter } from '@xxgk/adapter-text';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { docxAdapter, readDocx } from '../src/index.js';
import { documentXml, docx, paragraph } from './docx-builder.js';

const small = docx(paragraph('一、总体情况') + paragraph('二、主动公开政府信息情况'));

/** The ReadError a read throws (the test fails if it does not throw one). */
function errorOf(bytes: Uint8Array, limits?: Partial<ReadLimits>): ReadError {
  try {
    readDocx(bytes, limits);
  } catch (error) {
    expect(error).toBeInstanceOf(ReadError);
    return error as ReadError;
  }
  throw new Error('expected a ReadError');
}

/** An OLE compound file header followed by a directory entry named `stream` (UTF-16LE). */
function ole(stream: string): Uint8Array {
  const bytes = new Uint8Array(1536);
  bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  [...'Root Entry', ...Array(22).fill('\0'), ...stream].forEach((char, index) => (bytes[1024 + index * 2] = char.charCodeAt(0)));
  return bytes;
}

/** Overwrites a 32-bit little-endian field of the central directory entry of `name`. */
function patchCentral(bytes: Uint8Array, name: string, field: number, value: number): Uint8Array {
  const copy = bytes.slice();
  const view = new DataView(copy.buffer);
  for (let at = copy.length - 22; at >= 0; at -= 1) {
    if (view.getUint32(at, true) !== 0x02014b50) continue;
    const length = view.getUint16(at + 28, true);
    if (new TextDecoder().decode(copy.subarray(at + 46, at + 46 + length)) === name) {
      view.setUint32(at + field, value, true);
      return copy;
    }
  }
  throw new Error(`no entry ${name}`);
}

describe('docx adapter: inputs it refuses', () => {
  it('refuses a zip bomb by its compression ratio, before inflating it', () => {
    const bomb = zipSync({ 'word/document.xml': new Uint8Array(50 * 1024 * 1024).fill(0x20), '[Content_Types].xml': strToU8('<Types/>') }, { level: 9 });
    expect(bomb.length).toBeLessThan(200 * 1024);
    expect(docxAdapter.sniff(bomb)).toBe(0.9);
    // garble the compressed data: had the adapter inflated it, it would fail as corrupt,
    // not as a bomb — the directory alone decides
    const garbled = bomb.slice();
    garbled.fill(0xff, 1000, 3000);
    expect(errorOf(garbled).message).toMatch(/压缩比为 \d+:1，超过上限 100:1/);
    const error = errorOf(bomb);
    expect(error.code).toBe('file-unreadable');
    expect(error.message).toMatch(/压缩比为 \d+:1，超过上限 100:1/);
    expect(error.message).toContain('压缩炸弹');
    expect(error.message).toContain('另存为');
  }, 60_000);

  it('refuses a document part that compresses too well even when the archive as a whole does not', () => {
    const noise = new Uint8Array(2 * 1024 * 1024).map((_, index) => (index * 2654435761) >>> 24);
    const hidden = zipSync({ 'word/media/image1.png': [noise, { level: 0 }], 'word/document.xml': new Uint8Array(4 * 1024 * 1024).fill(0x20) }, { level: 9 });
    const error = errorOf(hidden);
    expect(error.message).toMatch(/word\/document\.xml 的压缩比为 \d+:1，超过上限 100:1/);
  });

  it('refuses too many entries and too large an archive, with the limit in the message', () => {
    const entries = errorOf(small, { maxZipEntries: 3 });
    expect(entries.code).toBe('file-unreadable');
    expect(entries.message).toBe('Word 文档的压缩包中有 7 个文件，超过上限 3 个，为安全起见未解压读取。请确认文件来源可靠，在 Word 或 WPS 中打开后“另存为” .docx 再检查');
    const size = errorOf(small, { maxUncompressedBytes: 1024 });
    expect(size.message).toMatch(/^Word 文档解压后共 \d KB，超过上限 1 KB，为安全起见未解压读取/);
    const big = errorOf(docx(paragraph('x'.repeat(3 * 1024 * 1024)), { level: 0 }), { maxUncompressedBytes: 2 * 1024 * 1024 });
    expect(big.message).toMatch(/^Word 文档解压后共 3\.\d MB，超过上限 2\.0 MB，为安全起见未解压读取/);
    const file = errorOf(small, { maxFileBytes: 100 });
    expect(file.message).toMatch(/^文件大小 \d KB，超过上限 1 KB，未读取：请压缩文档中的图片/);
    expect(readDocx(small, { maxZipEntries: 7 }).blocks).toHaveLength(2);
  });

  it('refuses a directory that declares too many entries without walking them', () => {
    const forged = small.slice();
    const view = new DataView(forged.buffer);
    const end = forged.length - 22;
    expect(view.getUint32(end, true)).toBe(0x06054b50);
    view.setUint16(end + 8, 65535, true);
    view.setUint16(end + 10, 65535, true);
    expect(errorOf(forged).message).toMatch(/^Word 文档的压缩包中有 65535 个文件，超过上限 2000 个/);
  });

  it('refuses a document part that inflates to more than its directory entry claims', () => {
    const forged = patchCentral(docx(paragraph('一、总体情况'.repeat(2000))), 'word/document.xml', 24, 2000);
    const error = errorOf(forged);
    expect(error.message).toContain('word/document.xml 解压后的大小超过压缩包目录所记录的大小');
  });

  it('refuses a corrupt zip: truncated, or with damaged compressed data', () => {
    const truncated = errorOf(small.subarray(0, small.length - 40));
    expect(truncated.code).toBe('file-unreadable');
    expect(truncated.message).toMatch(/^Word 文档（\.docx）已损坏，无法读取（找不到压缩包目录（文件可能不完整））：请重新下载/);
    const damaged = small.slice();
    const local = new DataView(damaged.buffer);
    // damage the deflate data of word/document.xml, leaving the directory intact
    for (let at = 0; at < damaged.length - 4; at += 1) {
      if (local.getUint32(at, true) !== 0x04034b50) continue;
      const nameLength = local.getUint16(at + 26, true);
      if (new TextDecoder().decode(damaged.subarray(at + 30, at + 30 + nameLength)) !== 'word/document.xml') continue;
      const data = at + 30 + nameLength + local.getUint16(at + 28, true);
      damaged.fill(0xff, data, data + 40);
      break;
    }
    const error = errorOf(damaged);
    expect(error.message).toMatch(/^Word 文档（\.docx）已损坏/);
    expect(error.message).toContain('另存为');
  });

  it('refuses a zip without word/document.xml, naming what it is', () => {
    const plain = zipSync({ 'readme.txt': strToU8('hello') });
    expect(errorOf(plain).message).toBe('压缩包中没有 Word 正文（word/document.xml），这不是 Word 文档：请在 Word 或 WPS 中打开并“另存为” .docx 后再检查');
    const xlsx = zipSync({ 'xl/workbook.xml': strToU8('<workbook/>'), '_rels/.rels': strToU8('<Relationships><Relationship Id="r" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>') });
    expect(errorOf(xlsx).message).toContain('这是 Excel 表格（.xlsx）');
    expect(docxAdapter.sniff(xlsx)).toBe(0);
  });

  it('follows _rels/.rels when the main part has another name', () => {
    const rels = '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/document2.xml"/></Relationships>';
    const renamed = docx('', { parts: { 'word/document.xml': null, 'word/document2.xml': zipBody('一、总体情况'), '_rels/.rels': rels } });
    expect(readDocx(renamed).blocks).toEqual([{ kind: 'text', text: '一、总体情况', line: 1 }]);
  });

  it('refuses malformed XML in the document part, saying where', () => {
    const broken = docx('<w:p><w:r><w:t>一、总体情况</w:r></w:p>');
    const error = errorOf(broken);
    expect(error.code).toBe('file-unreadable');
    // line 2: the builder's XML declaration is line 1; column 749 ends the stray </w:r>
    expect(error.message).toBe('Word 正文（word/document.xml）不是合法的 XML（第 2 行第 749 列：unexpected close tag.），文件已损坏：请在 Word 或 WPS 中打开并“另存为” .docx 后再检查，或重新获取原文件');
    const truncated = docx(documentXml(paragraph('一、总体情况')).replace('</w:body></w:document>', ''));
    expect(errorOf(truncated).message).toMatch(/^Word 正文（word\/document\.xml）不是合法的 XML（第 2 行第 \d+ 列：unclosed tag: w:body），文件已损坏/);
    // XML has no &nbsp; (Word cannot open such a file either), nor a < inside an attribute value
    expect(errorOf(docx(paragraph({ xml: '<w:r><w:t>一、总体&nbsp;情况</w:t></w:r>' }))).message).toContain('undefined entity');
    expect(errorOf(docx('<w:p><w:pPr><w:jc w:val="<"/></w:pPr></w:p>')).message).toContain('disallowed character');
    const doctype = docx('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>');
    expect(errorOf(doctype).message).toContain('DOCTYPE');
  });

  it('refuses a legacy .doc, an encrypted .docx and other OLE files, saying what to do', () => {
    const doc = ole('WordDocument');
    expect(docxAdapter.sniff(doc)).toBe(0.9);
    expect(errorOf(doc)).toMatchObject({ code: 'file-unreadable', message: '这是旧版 Word 97-2003 或 WPS 文字文档（.doc、.wps），无法直接读取：请在 Word 或 WPS 中打开并“另存为” .docx 后再检查' });
    expect(errorOf(ole('EncryptedPackage')).message).toBe('这是设有打开密码的加密 Word 文档，无法读取：请在 Word 或 WPS 中取消密码后“另存为” .docx 再检查');
    expect(errorOf(ole('Workbook')).message).toMatch(/^这是旧版 Office 97-2003 格式的文件（OLE 复合文档），不是 Word 文档/);
  });

  it('refuses an OFD file (GB/T 33190), naming it and what to provide instead', () => {
    const ofd = zipSync({ 'OFD.xml': strToU8('<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"/>'), 'Doc_0/Document.xml': strToU8('<ofd:Document/>') });
    expect(docxAdapter.sniff(ofd)).toBe(0.5);
    expect(errorOf(ofd)).toMatchObject({
      code: 'file-unreadable',
      message: '这是 OFD 版式文件（.ofd），暂不能读取：请提供同一报告的 PDF、Word（.docx）或网页版本，或在 OFD 阅读器中将其打印为 PDF 后再检查',
    });
  });

  it('refuses empty input and content that is not a zip, naming what it is', () => {
    expect(errorOf(new Uint8Array())).toMatchObject({ code: 'file-unreadable', message: '文件为空（0 字节），没有可读取的内容：请重新导出或下载完整的 Word 文档' });
    expect(errorOf(strToU8('{\\rtf1\\ansi 一、总体情况}')).message).toBe('文件不是 Word 2007 及以上版本的文档（.docx）：内容是 RTF 格式，不是 .docx。请在 Word 或 WPS 中打开并“另存为” .docx 后再检查');
    expect(errorOf(strToU8('<html><body>报告</body></html>')).message).toContain('内容是网页（HTML/MHT/XML）');
    expect(errorOf(strToU8('一、总体情况')).message).toContain('内容不是 .docx 所用的 ZIP 格式');
  });

  it('gives the checker one finding for a bad file, through the registry', async () => {
    const registry = new AdapterRegistry([textAdapter, docxAdapter]);
    const doc = await readReport({ name: '报告.doc', bytes: ole('WordDocument') }, registry);
    expect(doc.report).toBeNull();
    expect(doc.findings).toEqual([{ ruleId: 'file-unreadable', severity: 'error', message: expect.stringContaining('Word 97-2003'), cells: [], section: null }]);
    const truncated = await readReport({ name: '报告.docx', bytes: small.subarray(0, 200) }, registry);
    expect(truncated.findings[0]).toMatchObject({ ruleId: 'file-unreadable', message: expect.stringMatching(/^Word 文档（\.docx）已损坏/) });
    const good = await readReport({ name: 'x.bin', bytes: small }, registry);
    expect(good.report?.format).toBe('docx');
  });
});

describe('docx adapter: sniff', () => {
  it('claims a .docx and an OLE file, and nothing else', () => {
    expect(docxAdapter.sniff(small)).toBe(0.9);
    expect(docxAdapter.sniff(strToU8('%PDF-1.7\n%âãÏÓ\n1 0 obj'))).toBe(0);
    expect(docxAdapter.sniff(strToU8('<!DOCTYPE html><html><body>一、总体情况</body></html>'))).toBe(0);
    expect(docxAdapter.sniff(strToU8('桐川县市场监督管理局2023年政府信息公开工作年度报告\n一、总体情况'))).toBe(0);
    expect(docxAdapter.sniff(new Uint8Array())).toBe(0);
    expect(docxAdapter.sniff(zipSync({ 'mimetype': strToU8('application/vnd.oasis.opendocument.text'), 'content.xml': strToU8('<x/>') }))).toBe(0);
    expect(docxAdapter.sniff(small.subarray(0, small.length - 40))).toBe(0);
  });

  it('describes itself', () => {
    expect(docxAdapter).toMatchObject({ id: 'docx', name: 'Word 文档（DOCX）', extensions: ['.docx', '.doc', '.wps'] });
  });
});

function zipBody(text: string): string {
  return `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`;
}
