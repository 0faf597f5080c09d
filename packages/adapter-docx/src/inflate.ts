import { Inflate } from 'fflate';
import { ReadError, type ReadLimits } from '@xxgk/core';
import { Bytes, LOCAL, WHAT_TO_DO, ZipFormatError, checkRatio, type ZipEntry } from './zip.js';

const CHUNK = 16 * 1024;

/**
 * Inflates one entry. The directory's sizes were checked against the limits; the data is
 * inflated in small chunks and stopped as soon as it outgrows the size the directory
 * claimed, so a forged size cannot make it expand any further.
 */
export function inflateEntry(data: Uint8Array, entry: ZipEntry, limits: ReadLimits): Uint8Array {
  const bytes = new Bytes(data);
  if (entry.flags & 1) {
    throw new ReadError('file-unreadable', 'Word 文档已加密（设有打开密码），无法读取：请在 Word 或 WPS 中取消密码后另存为 .docx 再检查');
  }
  checkRatio(entry.uncompressedSize, entry.compressedSize, limits, `${entry.name} `);
  if (bytes.u32(entry.localOffset) !== LOCAL) throw new ZipFormatError(`${entry.name} 的文件头损坏`);
  const start = entry.localOffset + 30 + bytes.u16(entry.localOffset + 26) + bytes.u16(entry.localOffset + 28);
  bytes.check(start, entry.compressedSize);
  const raw = data.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.uncompressedSize) throw new ZipFormatError(`${entry.name} 的大小记录不一致`);
    return raw.slice();
  }
  if (entry.method !== 8) throw new ZipFormatError(`${entry.name} 使用了不支持的压缩方式（${entry.method}）`);

  const chunks: Uint8Array[] = [];
  let size = 0;
  const inflater = new Inflate((chunk) => {
    size += chunk.length;
    if (size > entry.uncompressedSize) {
      throw new ReadError('file-unreadable', `${entry.name} 解压后的大小超过压缩包目录所记录的大小，文件已损坏或被篡改，${WHAT_TO_DO}`);
    }
    chunks.push(chunk);
  });
  for (let at = 0; at < raw.length || at === 0; at += CHUNK) {
    inflater.push(raw.subarray(at, at + CHUNK), at + CHUNK >= raw.length);
  }
  if (size !== entry.uncompressedSize) throw new ZipFormatError(`${entry.name} 解压后的大小与目录记录不符`);
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
