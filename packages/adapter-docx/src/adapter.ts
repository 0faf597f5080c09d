import type { Adapter } from '@xxgk/core';
import { isZip, zipEntryNames } from './zip.js';

/** The part of a .docx that holds the document's body. */
export const MAIN_PART = 'word/document.xml';

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** True for an OLE compound file: Word 97-2003 .doc, .xls, .ppt, or an encrypted .docx. */
export function isOle(bytes: Uint8Array): boolean {
  return OLE_MAGIC.every((byte, index) => bytes[index] === byte);
}

/** The root part of an OFD file (GB/T 33190), China's fixed-layout format for official documents. */
export const OFD_PART = 'OFD.xml';

/**
 * 0.9 for a zip whose directory lists word/document.xml, or an OLE file (legacy .doc, WPS's
 * .wps); 0.5 for an OFD file, which nothing reads, so that its error says what it is; else 0.
 */
function sniff(bytes: Uint8Array): number {
  if (isOle(bytes)) return 0.9;
  if (!isZip(bytes)) return 0;
  const names = zipEntryNames(bytes);
  return names?.includes(MAIN_PART) ? 0.9 : names?.includes(OFD_PART) ? 0.5 : 0;
}

/**
 * The DOCX adapter: Word 2007+ documents; legacy .doc and .wps files, and OFD files, get a clear error. Light to
 * load: it sniffs from the zip's directory alone, and its first read loads the inflater and
 * the XML parser (`@xxgk/adapter-docx/adapter` gives it alone, for a batch that may never
 * meet a Word file).
 */
export const docxAdapter: Adapter = {
  id: 'docx',
  name: 'Word 文档（DOCX）',
  extensions: ['.docx', '.doc', '.wps'],
  sniff,
  read: async ({ bytes, limits }) => (await import('./index.js')).readDocx(bytes, limits),
};
