/**
 * Corrupted copies of a PDF, made deterministically (no randomness) for the tests here and
 * in @xxgk/node: each is a kind of damage found by corrupting the committed PDFs.
 */

const latin1 = (bytes: Uint8Array): string => Array.from(bytes, (byte) => String.fromCharCode(byte)).join('');

/** `bytes` with `text` (Latin-1) written at `offset`, same length. */
function overwrite(bytes: Uint8Array, offset: number, text: string): Uint8Array {
  const copy = bytes.slice();
  copy.set(Array.from(text, (char) => char.charCodeAt(0)), offset);
  return copy;
}

export interface Corruptions {
  /** the first half of the file */
  truncated: Uint8Array;
  /** the xref table's entry for object 2 (page 1's content stream) pointing elsewhere */
  badXrefEntry: Uint8Array;
  /** the catalog's /Pages reference replaced by a number */
  badPageTree: Uint8Array;
}

/** Corruptions of a LibreOffice PDF with a classic xref table (report.pdf and the like). */
export function corruptions(pdf: Uint8Array): Corruptions {
  const text = latin1(pdf);
  const xref = text.lastIndexOf('\nxref\n') + 1;
  const header = /^xref\r?\n\d+ \d+\r?\n/.exec(text.slice(xref))![0];
  const pages = text.search(/\/Pages \d+ 0 R/);
  return {
    truncated: pdf.slice(0, pdf.length >> 1),
    badXrefEntry: overwrite(pdf, xref + header.length + 20 * 2, '0000000777'),
    badPageTree: overwrite(pdf, pages, '/Pages 99999 '),
  };
}
