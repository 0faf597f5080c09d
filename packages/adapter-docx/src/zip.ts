import { ReadError, type ReadLimits } from '@xxgk/core';

/** One file of a zip archive, as its central directory describes it. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated */
  method: number;
  /** general-purpose flags; bit 0 means encrypted */
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  /** offset of the entry's local header */
  localOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
export const LOCAL = 0x04034b50;

/** Thrown by the directory reader; turned into a ReadError by the caller. */
export class ZipFormatError extends Error {}

/** Thrown when the directory declares more entries than allowed, before any is read. */
export class TooManyEntriesError extends Error {
  constructor(readonly count: number) {
    super(`zip declares ${count} entries`);
  }
}

/** Bounds-checked little-endian reads: a corrupt archive must not read past its end. */
export class Bytes {
  constructor(readonly data: Uint8Array) {}

  u16(at: number): number {
    this.check(at, 2);
    return this.data[at]! | (this.data[at + 1]! << 8);
  }

  u32(at: number): number {
    this.check(at, 4);
    return (this.data[at]! | (this.data[at + 1]! << 8) | (this.data[at + 2]! << 16) | (this.data[at + 3]! << 24)) >>> 0;
  }

  u64(at: number): number {
    const value = this.u32(at) + this.u32(at + 4) * 2 ** 32;
    if (!Number.isSafeInteger(value)) throw new ZipFormatError('ZIP64 字段超出范围');
    return value;
  }

  check(at: number, length: number): void {
    if (at < 0 || at + length > this.data.length) throw new ZipFormatError('目录记录超出文件末尾');
  }
}

/** True when the bytes start with a zip local file header. */
export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

function findEndOfDirectory(bytes: Bytes): number {
  const { length } = bytes.data;
  const lowest = Math.max(0, length - 22 - 0xffff);
  for (let at = length - 22; at >= lowest; at -= 1) {
    if (bytes.data[at] === 0x50 && bytes.data[at + 1] === 0x4b && bytes.u32(at) === EOCD) return at;
  }
  throw new ZipFormatError('找不到压缩包目录（文件可能不完整）');
}

/**
 * Reads a zip's central directory without inflating anything. A directory that declares
 * more than `maxEntries` entries is refused before any entry is read.
 */
export function readZipDirectory(data: Uint8Array, maxEntries = Infinity): ZipEntry[] {
  const bytes = new Bytes(data);
  const end = findEndOfDirectory(bytes);
  let count = bytes.u16(end + 10);
  let offset = bytes.u32(end + 16);
  if (end >= 20 && bytes.u32(end - 20) === ZIP64_LOCATOR) {
    const zip64End = bytes.u64(end - 20 + 8);
    if (bytes.u32(zip64End) !== ZIP64_EOCD) throw new ZipFormatError('ZIP64 目录记录损坏');
    count = bytes.u64(zip64End + 32);
    offset = bytes.u64(zip64End + 48);
  }
  if (count > maxEntries) throw new TooManyEntriesError(count);
  const entries: ZipEntry[] = [];
  for (let index = 0; index < count; index += 1) {
    if (bytes.u32(offset) !== CENTRAL) throw new ZipFormatError('压缩包目录记录损坏');
    const flags = bytes.u16(offset + 8);
    const nameLength = bytes.u16(offset + 28);
    const extraLength = bytes.u16(offset + 30);
    const commentLength = bytes.u16(offset + 32);
    bytes.check(offset + 46, nameLength + extraLength);
    const name = new TextDecoder(flags & 0x800 ? 'utf-8' : 'latin1').decode(data.subarray(offset + 46, offset + 46 + nameLength));
    const entry: ZipEntry = {
      name,
      method: bytes.u16(offset + 10),
      flags,
      compressedSize: bytes.u32(offset + 20),
      uncompressedSize: bytes.u32(offset + 24),
      localOffset: bytes.u32(offset + 42),
    };
    readZip64Extra(bytes, offset + 46 + nameLength, extraLength, entry);
    entries.push(entry);
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Sizes and offsets of 0xFFFFFFFF are in the ZIP64 extra field (id 1), in this order. */
function readZip64Extra(bytes: Bytes, start: number, length: number, entry: ZipEntry): void {
  const MAX = 0xffffffff;
  if (entry.uncompressedSize !== MAX && entry.compressedSize !== MAX && entry.localOffset !== MAX) return;
  for (let at = start; at + 4 <= start + length; at += 4 + bytes.u16(at + 2)) {
    if (bytes.u16(at) !== 1) continue;
    let field = at + 4;
    if (entry.uncompressedSize === MAX) {
      entry.uncompressedSize = bytes.u64(field);
      field += 8;
    }
    if (entry.compressedSize === MAX) {
      entry.compressedSize = bytes.u64(field);
      field += 8;
    }
    if (entry.localOffset === MAX) entry.localOffset = bytes.u64(field);
    return;
  }
  throw new ZipFormatError('缺少 ZIP64 扩展字段');
}

/** The names in a zip's central directory, or null when it has none that can be read. */
export function zipEntryNames(data: Uint8Array): string[] | null {
  try {
    return readZipDirectory(data).map((entry) => entry.name);
  } catch {
    return null;
  }
}

/** A size for people: KB below a megabyte, MB with one decimal above. */
export function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export const WHAT_TO_DO = '为安全起见未解压读取。请确认文件来源可靠，在 Word 或 WPS 中打开后“另存为” .docx 再检查';

/**
 * Reads the central directory and refuses, before anything is inflated, an archive over
 * the limits: too many entries, too large uncompressed, or compressed too well (a bomb).
 */
export function checkedDirectory(data: Uint8Array, limits: ReadLimits): ZipEntry[] {
  let entries: ZipEntry[];
  try {
    entries = readZipDirectory(data, limits.maxZipEntries);
  } catch (error) {
    if (!(error instanceof TooManyEntriesError)) throw error;
    throw new ReadError('file-unreadable', `Word 文档的压缩包中有 ${error.count} 个文件，超过上限 ${limits.maxZipEntries} 个，${WHAT_TO_DO}`);
  }
  const total = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  if (total > limits.maxUncompressedBytes) {
    throw new ReadError(
      'file-unreadable',
      `Word 文档解压后共 ${formatSize(total)}，超过上限 ${formatSize(limits.maxUncompressedBytes)}，${WHAT_TO_DO}`,
    );
  }
  const compressed = entries.reduce((sum, entry) => sum + entry.compressedSize, 0);
  checkRatio(total, compressed, limits, 'Word 文档');
  return entries;
}

export function checkRatio(uncompressed: number, compressed: number, limits: ReadLimits, what: string): void {
  if (uncompressed === 0) return;
  const ratio = compressed === 0 ? Infinity : uncompressed / compressed;
  if (ratio > limits.maxCompressionRatio) {
    const shown = Number.isFinite(ratio) ? `${Math.round(ratio)}:1` : '无穷大';
    throw new ReadError(
      'file-unreadable',
      `${what}的压缩比为 ${shown}，超过上限 ${limits.maxCompressionRatio}:1，可能是恶意构造的“压缩炸弹”，${WHAT_TO_DO}`,
    );
  }
}
