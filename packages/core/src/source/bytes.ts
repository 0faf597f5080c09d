/**
 * Looking at raw bytes before decoding them: shared by the adapters that read text
 * (plain text, web pages) to tell text from binary formats.
 */

const SAMPLE = 8192;

/** True for bytes that start like a binary format (PDF, ZIP/DOCX, OLE/DOC, images, gzip). */
export function hasBinaryMagic(bytes: Uint8Array): boolean {
  const starts = (...magic: number[]) => magic.every((byte, index) => bytes[index] === byte);
  return (
    starts(0x25, 0x50, 0x44, 0x46) || // %PDF
    starts(0x50, 0x4b, 0x03, 0x04) || // PK zip (DOCX, XLSX)
    starts(0xd0, 0xcf, 0x11, 0xe0) || // OLE compound file (DOC, XLS)
    starts(0x89, 0x50, 0x4e, 0x47) || // PNG
    starts(0xff, 0xd8, 0xff) || // JPEG
    starts(0x47, 0x49, 0x46, 0x38) || // GIF
    starts(0x1f, 0x8b) // gzip
  );
}

/** The encoding a byte-order mark names, and its length; null without one. */
export function byteOrderMark(bytes: Uint8Array): { encoding: string; skip: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', skip: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', skip: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', skip: 2 };
  return null;
}

/** NUL bytes or many control characters in the first 8 KB: not text (UTF-16 without a BOM included). */
export function hasControlBytes(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, SAMPLE);
  let control = 0;
  let index = 0;
  // four bytes at a time where none is below 0x20 (most of any text): the bytes up to a
  // 4-byte boundary one by one, then whole words, then the rest
  const lead = Math.min(end, (4 - (bytes.byteOffset & 3)) & 3);
  const words = (end - lead) >> 2;
  if (words > 0) {
    for (; index < lead; index += 1) {
      const byte = bytes[index]!;
      if (byte === 0) return true;
      if (isControl(byte)) control += 1;
    }
    const view = new Uint32Array(bytes.buffer, bytes.byteOffset + lead, words);
    for (let word = 0; word < words; word += 1) {
      const value = view[word]!;
      // some byte of the word is below 0x20 (never a false negative)
      if (((value - 0x20202020) & ~value & 0x80808080) === 0) continue;
      for (let at = lead + word * 4, stop = at + 4; at < stop; at += 1) {
        const byte = bytes[at]!;
        if (byte === 0) return true;
        if (isControl(byte)) control += 1;
      }
    }
    index = lead + words * 4;
  }
  for (; index < end; index += 1) {
    const byte = bytes[index]!;
    if (byte === 0) return true;
    if (isControl(byte)) control += 1;
  }
  return control > end * 0.01;
}

function isControl(byte: number): boolean {
  return byte < 0x09 || (byte > 0x0d && byte < 0x20 && byte !== 0x1b);
}

/** looksBinary's answers by input: an adapter's sniff asks, then its read asks again. */
const BINARY = new WeakMap<Uint8Array, boolean>();

/** Binary content: no BOM, and a binary signature or control bytes (remembered per array: an input's bytes do not change while it is read). */
export function looksBinary(bytes: Uint8Array): boolean {
  let binary = BINARY.get(bytes);
  if (binary === undefined) {
    binary = byteOrderMark(bytes) === null && (hasBinaryMagic(bytes) || hasControlBytes(bytes));
    BINARY.set(bytes, binary);
  }
  return binary;
}

/** Code units decoded so far (reused: a decode is over before the next begins); grown as files need. */
let units = new Uint16Array(0);
/** Files larger than this get a buffer of their own, so one large file does not hold its memory. */
const KEPT_UNITS = 1 << 20;
// ignoreBOM: a U+FEFF the bytes begin with is text, as in the UTF-8 they came from
const UTF16 = new TextDecoder('utf-16le', { ignoreBOM: true });
/** Uint16Array holds code units in the platform's byte order; the UTF-16LE decoder reads them as little-endian. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const UTF8_STRICT = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The text of UTF-8 bytes (a BOM kept as U+FEFF), or null when they are not valid UTF-8
 * (overlong forms, surrogates, truncated sequences): what `new TextDecoder('utf-8',
 * { fatal: true, ignoreBOM: true })` decodes or refuses. Why not that decoder: it turns UTF-8 into a
 * JavaScript string at ~200 MB/s, a tenth of a text report's time; decoding to code units
 * here and handing them to the UTF-16 decoder (a copy) takes a third of that.
 */
export function decodeUtf8(bytes: Uint8Array): string | null {
  if (!LITTLE_ENDIAN) {
    try {
      return UTF8_STRICT.decode(bytes);
    } catch {
      return null;
    }
  }
  const length = bytes.length;
  // a code unit per byte at most
  const out = length <= units.length ? units : length <= KEPT_UNITS ? (units = new Uint16Array(Math.max(length, 1 << 16))) : new Uint16Array(length);
  let count = 0;
  let index = 0;
  while (index < length) {
    const lead = bytes[index]!;
    if (lead < 0x80) {
      out[count++] = lead;
      index += 1;
    } else if (lead >= 0xe0 && lead < 0xf0 && index + 2 < length) {
      const second = bytes[index + 1]!;
      const third = bytes[index + 2]!;
      const code = ((lead & 0x0f) << 12) | ((second & 0x3f) << 6) | (third & 0x3f);
      if ((second & 0xc0) !== 0x80 || (third & 0xc0) !== 0x80 || code < 0x800 || (code >= 0xd800 && code < 0xe000)) return null;
      out[count++] = code;
      index += 3;
    } else if (lead >= 0xc2 && lead < 0xe0 && index + 1 < length) {
      const second = bytes[index + 1]!;
      if ((second & 0xc0) !== 0x80) return null;
      out[count++] = ((lead & 0x1f) << 6) | (second & 0x3f);
      index += 2;
    } else if (lead >= 0xf0 && lead < 0xf5 && index + 3 < length) {
      const second = bytes[index + 1]!;
      const third = bytes[index + 2]!;
      const fourth = bytes[index + 3]!;
      if ((second & 0xc0) !== 0x80 || (third & 0xc0) !== 0x80 || (fourth & 0xc0) !== 0x80) return null;
      const code = ((lead & 0x07) << 18) | ((second & 0x3f) << 12) | ((third & 0x3f) << 6) | (fourth & 0x3f);
      if (code < 0x10000 || code > 0x10ffff) return null;
      out[count++] = 0xd800 + ((code - 0x10000) >> 10);
      out[count++] = 0xdc00 + ((code - 0x10000) & 0x3ff);
      index += 4;
    } else return null;
  }
  return UTF16.decode(out.subarray(0, count));
}

const UTF8_REPLACING = new TextDecoder('utf-8', { ignoreBOM: true });
const REPLACEMENT = '\ufffd';

/**
 * The text of UTF-8 bytes with a few invalid sequences — a file cut short in the middle of a
 * character, a stray byte pasted in — each read as U+FFFD, so one bad byte does not make the
 * whole file another encoding; null when they are more than one in a thousand of its
 * non-ASCII bytes (at least one allowed): text in another encoding, as GBK is, fails on most
 * of its characters.
 */
export function decodeDamagedUtf8(bytes: Uint8Array): string | null {
  const text = UTF8_REPLACING.decode(bytes);
  let damaged = 0;
  for (let at = text.indexOf(REPLACEMENT); at >= 0; at = text.indexOf(REPLACEMENT, at + 1)) damaged += 1;
  let nonAscii = 0;
  for (let index = 0; index < bytes.length; index += 1) if (bytes[index]! >= 0x80) nonAscii += 1;
  return damaged <= Math.max(1, nonAscii / 1000) ? text : null;
}
