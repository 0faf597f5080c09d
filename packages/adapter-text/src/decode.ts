import { ReadError } from '@xxgk/core';

const SAMPLE = 8192;

/** True for bytes that start like a format other than text (PDF, ZIP/DOCX, OLE/DOC, images). */
export function hasBinaryMagic(bytes: Uint8Array): boolean {
  const starts = (...magic: number[]) => magic.every((byte, index) => bytes[index] === byte);
  return (
    starts(0x25, 0x50, 0x44, 0x46) || // %PDF
    starts(0x50, 0x4b, 0x03, 0x04) || // PK zip
    starts(0xd0, 0xcf, 0x11, 0xe0) || // OLE compound file
    starts(0x89, 0x50, 0x4e, 0x47) || // PNG
    starts(0xff, 0xd8, 0xff) || // JPEG
    starts(0x1f, 0x8b) // gzip
  );
}

function bomEncoding(bytes: Uint8Array): { encoding: string; skip: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', skip: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', skip: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', skip: 2 };
  return null;
}

function hasControlBytes(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, SAMPLE);
  let control = 0;
  for (let index = 0; index < end; index += 1) {
    const byte = bytes[index]!;
    if (byte === 0) return true;
    if (byte < 0x09 || (byte > 0x0d && byte < 0x20 && byte !== 0x1b)) control += 1;
  }
  return control > end * 0.01;
}

/**
 * Decodes a text file: a BOM decides; otherwise UTF-8, then GB18030 (a superset of GBK and
 * GB2312, which older offices still save in). Binary content is refused with a ReadError.
 */
export function decodeText(bytes: Uint8Array): string {
  const bom = bomEncoding(bytes);
  if (bom) return new TextDecoder(bom.encoding).decode(bytes.subarray(bom.skip));
  if (hasBinaryMagic(bytes) || hasControlBytes(bytes)) {
    throw new ReadError('file-unreadable', '文件不是文本格式（可能是二进制文件），无法按文本读取；PDF、Word 文件请用相应格式提交');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** How likely the bytes are text this adapter reads (0 for binary). */
export function textLikelihood(bytes: Uint8Array): number {
  if (bomEncoding(bytes)) return 0.5;
  if (bytes.length === 0 || hasBinaryMagic(bytes) || hasControlBytes(bytes)) return 0;
  const head = new TextDecoder('utf-8').decode(bytes.subarray(0, SAMPLE)).trimStart();
  if (/^<(?:!doctype|html|\?xml)/i.test(head)) return 0.1;
  return 0.5;
}
