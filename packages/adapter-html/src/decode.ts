import { ReadError, byteOrderMark, decodeDamagedUtf8, decodeUtf8, looksBinary } from '@xxgk/core';
import { isWebArchive } from './mhtml.js';

/** How far into the raw bytes the charset declaration is looked for. */
const PRESCAN = 2048;
const SAMPLE = 8192;

export const EMPTY_MESSAGE = '网页文件为空，没有任何内容；请重新下载或另存该网页后再检查';
export const BINARY_MESSAGE = '文件不是网页（HTML）格式，而是二进制文件（可能是 PDF、Word、压缩包或图片）；请确认文件类型，PDF、Word 文件请按原格式提交';


const LATIN1 = new TextDecoder('latin1');

/** The first bytes as ASCII (each byte one character), comments removed. */
function asciiHead(bytes: Uint8Array, length: number): string {
  // one character per byte: ASCII as it is, other bytes as some non-ASCII character (windows-1252 in browsers)
  const head = LATIN1.decode(bytes.subarray(0, length));
  return head.replace(/<!--[\s\S]*?(?:-->|$)/g, '');
}

const GB_LABELS = new Set(['gbk', 'gb2312', 'gb_2312', 'gb_2312-80', 'gb18030', 'x-gbk', 'cp936', 'ms936', 'windows-936', 'csgb2312', 'chinese', 'iso-ir-58', 'euc-cn']);
const UTF8_LABELS = new Set(['utf-8', 'utf8', 'unicode-1-1-utf-8', 'unicode11utf8', 'unicode20utf8', 'x-unicode20utf8']);

/** A charset label as a TextDecoder encoding: the GB family is read as GB18030, its superset. */
export function encodingOfLabel(label: string): string | null {
  const name = label.trim().toLowerCase();
  if (GB_LABELS.has(name)) return 'gb18030';
  if (UTF8_LABELS.has(name)) return 'utf-8';
  // a page that calls itself UTF-16 but was found by an ASCII scan is not UTF-16
  if (name.startsWith('utf-16')) return 'utf-8';
  try {
    return new TextDecoder(name).encoding;
  } catch {
    return null;
  }
}

/**
 * The charset the page declares in its first bytes: `<meta charset="gbk">`,
 * `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">` or the XML
 * declaration's `encoding`, as a TextDecoder encoding; null when there is none or it is
 * unknown.
 */
export function declaredEncoding(bytes: Uint8Array): string | null {
  const head = asciiHead(bytes, PRESCAN);
  const xml = /^\s*<\?xml[^>]*?\sencoding\s*=\s*["']?([A-Za-z0-9._:-]+)/i.exec(head);
  for (const meta of head.match(/<meta\b[^>]*>/gi) ?? []) {
    const charset = /charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i.exec(meta);
    const encoding = charset ? encodingOfLabel(charset[1]!) : null;
    if (encoding) return encoding;
  }
  return xml ? encodingOfLabel(xml[1]!) : null;
}

function hasNonAscii(bytes: Uint8Array): boolean {
  return bytes.some((byte) => byte >= 0x80);
}

/**
 * Decodes a web page: a BOM decides; otherwise the charset the page declares; otherwise
 * UTF-8, and GB18030 (a superset of GBK and GB2312) when the bytes are not valid UTF-8.
 * A declaration the bytes contradict — "utf-8" on GBK bytes, "gb2312" on valid UTF-8,
 * both met on government sites — gives way to what the bytes are: non-ASCII bytes that
 * are valid UTF-8 are read as UTF-8, invalid UTF-8 declared as UTF-8 as GB18030 (unless
 * only a few bytes are damaged: decodeDamagedUtf8). Throws a ReadError for empty or binary
 * content.
 */
export function decodeHtml(bytes: Uint8Array): string {
  if (bytes.length === 0) throw new ReadError('file-unreadable', EMPTY_MESSAGE);
  const bom = byteOrderMark(bytes);
  if (bom) return new TextDecoder(bom.encoding).decode(bytes.subarray(bom.skip));
  if (looksBinary(bytes)) throw new ReadError('file-unreadable', BINARY_MESSAGE);
  const declared = declaredEncoding(bytes);
  // valid UTF-8 with non-ASCII bytes is UTF-8, whatever the page says (GBK text never is)
  const utf8 = declared === null || declared === 'utf-8' || hasNonAscii(bytes) ? decodeUtf8(bytes) : null;
  if (utf8 !== null) return utf8;
  // a page in UTF-8 with a few damaged bytes (cut short, a stray byte) is still UTF-8
  const damaged = declared === null || declared === 'utf-8' ? decodeDamagedUtf8(bytes) : null;
  if (damaged !== null) return damaged;
  if (declared && declared !== 'utf-8') return new TextDecoder(declared).decode(bytes);
  return new TextDecoder('gb18030').decode(bytes);
}

const LESS_THAN = 0x3c;
const EXCLAMATION = 0x21;
const QUESTION = 0x3f;

/**
 * Whether a '<' in the bytes is followed by an ASCII letter, '!' or '?', as every tag,
 * doctype, comment and XML declaration begins: what STARTS_LIKE_HTML and CONTAINS_HTML
 * need, read from the bytes of an ASCII-compatible encoding.
 */
function opensTag(bytes: Uint8Array): boolean {
  for (let at = bytes.indexOf(LESS_THAN); at >= 0 && at + 1 < bytes.length; at = bytes.indexOf(LESS_THAN, at + 1)) {
    const next = bytes[at + 1]!;
    // OR 0x20 lower-cases an ASCII letter and leaves no other byte among a–z
    if (next === EXCLAMATION || next === QUESTION || ((next | 0x20) >= 0x61 && (next | 0x20) <= 0x7a)) return true;
  }
  return false;
}
const STARTS_LIKE_HTML = /^(?:<\?xml[^>]*>\s*(?:<!--[\s\S]*?-->\s*)*)?<(?:!doctype\s+html|html|head|meta|title|body)[\s>/]/i;
const CONTAINS_HTML = /<(?:table|body|html|div|p)[\s>]/i;

/**
 * How sure it is from the content that the bytes are a web page (0–1): 0.9 for a web archive
 * (.mht) and when they start (after a BOM, whitespace and comments) with a doctype or
 * <html>/<head>/<body>, 0.7 when <table>, <body> or <div> appears near the start, 0 for
 * binary or plain text.
 */
export function htmlLikelihood(bytes: Uint8Array): number {
  if (isWebArchive(bytes)) return 0.9;
  const sample = bytes.subarray(0, SAMPLE);
  // no '<' byte in the sample (most plain-text reports; in UTF-16 too): no tag, whatever the encoding
  if (sample.indexOf(LESS_THAN) < 0) return 0;
  if (looksBinary(bytes)) return 0;
  const bom = byteOrderMark(bytes);
  // without a BOM, tags are ASCII bytes: text whose '<' opens none (<中华人民共和国…>, <10件) is not decoded to be sure
  if (!bom && !opensTag(sample)) return 0;
  const head = bom ? new TextDecoder(bom.encoding).decode(bytes.subarray(bom.skip, SAMPLE)) : asciiHead(bytes, SAMPLE);
  const start = head.replace(/^(?:\s|<!--[\s\S]*?-->)+/, '');
  if (STARTS_LIKE_HTML.test(start)) return 0.9;
  if (CONTAINS_HTML.test(head.slice(0, 4096))) return 0.7;
  return 0;
}
