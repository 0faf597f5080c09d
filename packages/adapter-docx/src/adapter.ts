import type { Adapter } from '@xxgk/core';
import { isZip, zipEntryNames } from './zip.js';

/** The part of a .docx that holds the document's body. */
export const MAIN_PART = 'word/document.xml';

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** True for an OLE compound file: Word 97-2003 .doc, .xls, .ppt, or an encrypted .docx. */
export function isOle(bytes: Uint8Array): boolean {
  return OLE_MAGIC.every((byte, index) => bytes[index] === byte);
}

/** 0.9 for a zip whose directory lists word/document.xml, or an OLE file (legacy .doc); else 0. */
function sniff(bytes: Uint8Array): number {
  if (isOle(bytes)) return 0.9;
  if (!isZip(bytes)) return 0;
  return zipEntryNames(bytes)?.includes(MAIN_PART) ? 0.9 : 0;
}

/**
 * The DOCX adapter: Word 2007+ documents; legacy .doc files get a clear error. Light to
 * load: it sniffs from the zip's directory alone, and its first read loads the inflater and
 * the XML parser (`@xxgk/adapter-docx/adapter` gives it alone, for a batch that may never
 * meet a Word file).
 */
export const docxAdapter: Adapter = {
  id: 'docx',
  name: 'Word 文档（DOCX）',
  extensions: ['.docx', '.doc'],
  sniff,
  read: async ({ bytes, limits }) => (await import('./index.js')).readDocx(bytes, limits),
};
