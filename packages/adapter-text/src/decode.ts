import { ReadError, byteOrderMark, decodeDamagedUtf8, decodeUtf8, looksBinary } from '@xxgk/core';

const SAMPLE = 8192;
/** Bytes decoded first to see how the text begins; the whole sample only when they are not enough. */
const HEAD = 64;

// reusable: a call without `stream` starts afresh
const UTF8 = new TextDecoder('utf-8');

/**
 * Decodes a text file: a BOM decides; otherwise UTF-8 (a few damaged bytes aside), then
 * GB18030 (a superset of GBK and GB2312, which older offices still save in). Binary content
 * is refused with a ReadError.
 */
export function decodeText(bytes: Uint8Array): string {
  const bom = byteOrderMark(bytes);
  if (bom) return new TextDecoder(bom.encoding).decode(bytes.subarray(bom.skip));
  if (looksBinary(bytes)) {
    throw new ReadError('file-unreadable', '文件不是文本格式（可能是二进制文件），无法按文本读取；PDF、Word 文件请用相应格式提交');
  }
  return decodeUtf8(bytes) ?? decodeDamagedUtf8(bytes) ?? new TextDecoder('gb18030').decode(bytes);
}

/** How likely the bytes are text this adapter reads (0 for binary). */
export function textLikelihood(bytes: Uint8Array): number {
  if (byteOrderMark(bytes)) return 0.5;
  if (bytes.length === 0 || looksBinary(bytes)) return 0;
  // a prefix decodes as the sample does but for its last character (a sequence it cuts)
  let head = UTF8.decode(bytes.subarray(0, HEAD)).trimStart();
  if (head.length < 16 && bytes.length > HEAD) head = UTF8.decode(bytes.subarray(0, SAMPLE)).trimStart();
  if (/^<(?:!doctype|html|\?xml)/i.test(head)) return 0.1;
  return 0.5;
}
