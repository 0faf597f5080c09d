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

/** Binary content: no BOM, and a binary signature or control bytes. */
export function looksBinary(bytes: Uint8Array): boolean {
  return byteOrderMark(bytes) === null && (hasBinaryMagic(bytes) || hasControlBytes(bytes));
}
