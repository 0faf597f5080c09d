import { ReadError } from '@xxgk/core';

/**
 * Web archives (.mht, .mhtml; RFC 2557): the page a browser saved “as a single file”, with its
 * images and styles, as a MIME message — Internet Explorer, 360 and Edge in IE mode write
 * the page in base64, Chrome and Edge in quoted-printable. The page is the archive's first
 * text/html part (or its only body).
 */

export const NO_PAGE_MESSAGE = '网页存档（.mht）中没有网页正文（text/html 部分）：请在浏览器中打开原网页，另存为“网页，仅 HTML”（.html）后再检查';

/** How far into a file its MIME headers are looked for. */
const HEAD_BYTES = 4096;

// one character per byte (a single-byte decoding keeps every position): MIME's structure is
// ASCII, found in the text, and a part's body is then taken from the bytes themselves
const SINGLE_BYTE = new TextDecoder('latin1');

function bytesOf(binary: string): Uint8Array {
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

const BLANK_LINE = /\r?\n\r?\n/g;

/** Where a header block from `from` ends, before `limit`: the empty line after it (CRLF or LF); -1 for none. */
function headerEnd(text: string, from: number, limit = text.length): { end: number; body: number } {
  BLANK_LINE.lastIndex = from;
  const match = BLANK_LINE.exec(text);
  return match && match.index < limit ? { end: match.index, body: match.index + match[0].length } : { end: -1, body: -1 };
}

/** Header lines, unfolded, by lower-cased name. */
function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

/** A parameter of a header value (`boundary="----=_NextPart_000"`). */
function parameter(value: string, name: string): string | undefined {
  const match = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(value);
  return match ? (match[1] ?? match[2]) : undefined;
}

/** Whether the bytes start (after whitespace) with a header name and its colon: cheap enough to ask of every file. */
function startsWithHeader(bytes: Uint8Array): boolean {
  let at = 0;
  while (at < bytes.length && (bytes[at] === 0x20 || bytes[at] === 0x09 || bytes[at] === 0x0d || bytes[at] === 0x0a)) at += 1;
  const first = at;
  for (; at < bytes.length && at - first < 80; at += 1) {
    const byte = bytes[at]!;
    if (byte === 0x3a) return at > first;
    // a header name: ASCII letters, digits and hyphens
    if (!((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7a) && !(byte >= 0x30 && byte <= 0x39) && byte !== 0x2d) return false;
  }
  return false;
}

/** Whether the bytes are a web archive (.mht): MIME headers naming a version and a page or related parts. */
export function isWebArchive(bytes: Uint8Array): boolean {
  if (!startsWithHeader(bytes)) return false;
  const head = SINGLE_BYTE.decode(bytes.subarray(0, HEAD_BYTES)).replace(/^\s+/, '');
  const { end } = headerEnd(head, 0);
  const headers = parseHeaders(end < 0 ? head : head.slice(0, end));
  const type = headers.get('content-type')?.toLowerCase() ?? '';
  return headers.has('mime-version') && (type.startsWith('multipart/related') || type.startsWith('text/html'));
}

const EQUALS = 0x3d;
const CR = 0x0d;
const LF = 0x0a;

function hexValue(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  const lower = byte | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}

/** Quoted-printable, from the bytes (writers leave 8-bit bytes in it too): =XX a byte, = at a line's end no line break. */
function decodeQuotedPrintable(body: Uint8Array): Uint8Array {
  const out = new Uint8Array(body.length);
  let length = 0;
  for (let at = 0; at < body.length; at += 1) {
    const byte = body[at]!;
    if (byte !== EQUALS) {
      out[length++] = byte;
      continue;
    }
    if (body[at + 1] === LF) at += 1;
    else if (body[at + 1] === CR && body[at + 2] === LF) at += 2;
    else if (hexValue(body[at + 1] ?? -1) >= 0 && hexValue(body[at + 2] ?? -1) >= 0) {
      out[length++] = hexValue(body[at + 1]!) * 16 + hexValue(body[at + 2]!);
      at += 2;
    } else out[length++] = byte;
  }
  return out.subarray(0, length);
}

function decodeBody(body: Uint8Array, transferEncoding: string | undefined): Uint8Array {
  const encoding = transferEncoding?.toLowerCase();
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(body);
  if (encoding === 'base64') {
    try {
      return bytesOf(atob(SINGLE_BYTE.decode(body).replace(/[^A-Za-z0-9+/=]/g, '')));
    } catch {
      throw new ReadError('file-unreadable', '网页存档（.mht）已损坏：网页正文的 base64 编码无法解开；请重新保存网页后再检查');
    }
  }
  return body;
}

/**
 * The bytes of the page a web archive holds (its first text/html part), decoded from its
 * transfer encoding; their charset is left to the page's own reading (decodeHtml). Throws a
 * ReadError when the archive holds no page.
 */
export function pageOfWebArchive(bytes: Uint8Array): Uint8Array {
  const text = SINGLE_BYTE.decode(bytes);
  const start = Math.max(0, text.search(/\S/));
  const top = headerEnd(text, start);
  if (top.end < 0) throw new ReadError('file-unreadable', NO_PAGE_MESSAGE);
  const headers = parseHeaders(text.slice(start, top.end));
  const type = headers.get('content-type') ?? '';
  if (type.toLowerCase().startsWith('text/html')) return decodeBody(bytes.subarray(top.body), headers.get('content-transfer-encoding'));
  const boundary = parameter(type, 'boundary');
  if (!boundary) throw new ReadError('file-unreadable', NO_PAGE_MESSAGE);
  const delimiter = `--${boundary}`;
  for (let at = text.indexOf(delimiter, top.body); at >= 0; ) {
    let partStart = at + delimiter.length;
    // the closing delimiter (--boundary--) ends the parts
    if (text.startsWith('--', partStart)) break;
    const next = text.indexOf(delimiter, partStart);
    const partEnd = next < 0 ? text.length : next;
    // the rest of the delimiter's line
    const lineEnd = text.indexOf('\n', partStart);
    partStart = lineEnd < 0 || lineEnd >= partEnd ? partEnd : lineEnd + 1;
    const { end, body } = headerEnd(text, partStart, partEnd);
    if (end >= 0) {
      const partHeaders = parseHeaders(text.slice(partStart, end));
      if ((partHeaders.get('content-type') ?? '').toLowerCase().startsWith('text/html')) {
        // the line break before the next delimiter belongs to the delimiter
        let bodyEnd = partEnd;
        if (next >= 0 && text[bodyEnd - 1] === '\n') bodyEnd -= text[bodyEnd - 2] === '\r' ? 2 : 1;
        return decodeBody(bytes.subarray(body, bodyEnd), partHeaders.get('content-transfer-encoding'));
      }
    }
    at = next;
  }
  throw new ReadError('file-unreadable', NO_PAGE_MESSAGE);
}
