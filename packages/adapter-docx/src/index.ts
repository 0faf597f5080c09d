import { ReadError, limitsOf, type ReadLimits, type SourceDocument } from '@xxgk/core';
import { MAIN_PART, OFD_PART, docxAdapter, isOle } from './adapter.js';
import { parseDocumentXml, readBody } from './body.js';
import { inflateEntry } from './inflate.js';
import { ZipFormatError, checkedDirectory, formatSize, isZip, type ZipEntry } from './zip.js';

export { readZipDirectory, type ZipEntry } from './zip.js';
export { docxAdapter, isOle };

const SAVE_AS = '请在 Word 或 WPS 中打开并“另存为” .docx 后再检查';

/** Whether the bytes contain `name` as UTF-16LE, as OLE directory entries store stream names. */
function hasStreamName(bytes: Uint8Array, name: string): boolean {
  const pattern = new Uint8Array(name.length * 2);
  for (let index = 0; index < name.length; index += 1) pattern[index * 2] = name.charCodeAt(index);
  const first = pattern[0]!;
  outer: for (let at = bytes.indexOf(first); at >= 0 && at + pattern.length <= bytes.length; at = bytes.indexOf(first, at + 1)) {
    for (let index = 1; index < pattern.length; index += 1) if (bytes[at + index] !== pattern[index]) continue outer;
    return true;
  }
  return false;
}

function oleError(bytes: Uint8Array): ReadError {
  if (hasStreamName(bytes, 'EncryptedPackage')) {
    return new ReadError('file-unreadable', '这是设有打开密码的加密 Word 文档，无法读取：请在 Word 或 WPS 中取消密码后“另存为” .docx 再检查');
  }
  if (hasStreamName(bytes, 'WordDocument')) {
    return new ReadError('file-unreadable', `这是旧版 Word 97-2003 或 WPS 文字文档（.doc、.wps），无法直接读取：${SAVE_AS}`);
  }
  return new ReadError('file-unreadable', `这是旧版 Office 97-2003 格式的文件（OLE 复合文档），不是 Word 文档，无法直接读取：${SAVE_AS}`);
}

/** What a file named .doc/.docx that is not a zip actually is, for the message. */
function notZipError(bytes: Uint8Array): ReadError {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 512)).trimStart().toLowerCase();
  let what = '内容不是 .docx 所用的 ZIP 格式，文件可能已损坏或扩展名有误';
  if (head.startsWith('{\\rtf')) what = '内容是 RTF 格式，不是 .docx';
  else if (head.startsWith('%pdf')) what = '内容是 PDF，不是 Word 文档';
  else if (head.startsWith('mime-version') || /^<(?:!doctype|html|\?xml)/.test(head)) what = '内容是网页（HTML/MHT/XML），不是 .docx';
  return new ReadError('file-unreadable', `文件不是 Word 2007 及以上版本的文档（.docx）：${what}。${SAVE_AS}`);
}

function corrupt(detail: string): ReadError {
  return new ReadError('file-unreadable', `Word 文档（.docx）已损坏，无法读取（${detail}）：请重新下载或获取原文件，或${SAVE_AS}`);
}

/** Runs a zip step, turning format errors (ours and fflate's) into a user-facing ReadError. */
function zipStep<T>(step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof ReadError) throw error;
    if (error instanceof ZipFormatError) throw corrupt(error.message);
    throw corrupt(`解压失败：${error instanceof Error ? error.message : String(error)}`);
  }
}

function decodeXml(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return new TextDecoder('utf-8').decode(bytes); // drops a UTF-8 BOM
}

/**
 * The main document part: `word/document.xml`, or where `_rels/.rels` says the office
 * document is (a few generators name it otherwise).
 */
function mainPart(bytes: Uint8Array, entries: readonly ZipEntry[], limits: ReadLimits): ZipEntry {
  const byName = new Map(entries.map((entry) => [entry.name, entry]));
  const main = byName.get(MAIN_PART);
  if (main) return main;
  const rels = byName.get('_rels/.rels');
  if (rels) {
    const xml = decodeXml(zipStep(() => inflateEntry(bytes, rels, limits)));
    const target = /<(?:\w+:)?Relationship\b[^>]*Type="[^"]*\/officeDocument"[^>]*>/.exec(xml)?.[0];
    const path = target && /\bTarget="\/?([^"]+)"/.exec(target)?.[1];
    const part = path ? byName.get(path) : undefined;
    if (part && !/^(?:xl|ppt)\//.test(part.name)) return part;
  }
  if (byName.has(OFD_PART)) {
    throw new ReadError('file-unreadable', '这是 OFD 版式文件（.ofd），暂不能读取：请提供同一报告的 PDF、Word（.docx）或网页版本，或在 OFD 阅读器中将其打印为 PDF 后再检查');
  }
  let what = '这不是 Word 文档';
  if (byName.has('xl/workbook.xml')) what = '这是 Excel 表格（.xlsx），不是 Word 文档';
  else if (byName.has('ppt/presentation.xml')) what = '这是 PowerPoint 演示文稿（.pptx），不是 Word 文档';
  else if (byName.has('content.xml')) what = '这是 OpenDocument（WPS/LibreOffice 的 .odt 等）文件，不是 .docx';
  throw new ReadError('file-unreadable', `压缩包中没有 Word 正文（${MAIN_PART}），${what}：${SAVE_AS}`);
}

/**
 * Reads a .docx into paragraphs and table rows. The zip's central directory is checked
 * against the limits before anything is inflated, and only the main document part is.
 * Throws ReadError (`file-unreadable`) for empty, legacy (.doc), corrupt or hostile input.
 */
export function readDocx(bytes: Uint8Array, limits?: Partial<ReadLimits>): SourceDocument {
  const effective = limitsOf({ name: '', bytes, limits });
  if (bytes.length === 0) {
    throw new ReadError('file-unreadable', '文件为空（0 字节），没有可读取的内容：请重新导出或下载完整的 Word 文档');
  }
  if (bytes.length > effective.maxFileBytes) {
    throw new ReadError(
      'file-unreadable',
      `文件大小 ${formatSize(bytes.length)}，超过上限 ${formatSize(effective.maxFileBytes)}，未读取：请压缩文档中的图片后重新保存，或调高文件大小上限`,
    );
  }
  if (isOle(bytes)) throw oleError(bytes);
  if (!isZip(bytes)) throw notZipError(bytes);
  const entries = zipStep(() => checkedDirectory(bytes, effective));
  const part = mainPart(bytes, entries, effective);
  const xml = decodeXml(zipStep(() => inflateEntry(bytes, part, effective)));
  return { format: 'docx', blocks: readBody(parseDocumentXml(xml)) };
}

export default docxAdapter;
