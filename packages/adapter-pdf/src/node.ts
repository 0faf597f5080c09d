/**
 * Node.js defaults: the CMaps and standard fonts of the installed pdfjs-dist. No Node
 * built-in is imported; the directories are found with `import.meta.resolve`.
 */
import type { Adapter, SourceDocument } from '@xxgk/core';
import { createPdfAdapter, readPdf as readPdfWith, type PdfOptions } from './index.js';

export * from './index.js';
export { guardPdfjsRejections, isPdfjsError } from './guard.js';

/** `file:` URLs of pdfjs-dist's `cmaps/` and `standard_fonts/` directories. */
export function pdfjsDataUrls(): Required<Pick<PdfOptions, 'cMapUrl' | 'standardFontDataUrl'>> {
  const packageJson = import.meta.resolve('pdfjs-dist/package.json');
  return {
    cMapUrl: new URL('cmaps/', packageJson).href,
    standardFontDataUrl: new URL('standard_fonts/', packageJson).href,
  };
}

/** Options for Node: the installed pdfjs-dist's data files, then the given options. */
export function nodePdfOptions(options: PdfOptions = {}): PdfOptions {
  return { ...pdfjsDataUrls(), ...options };
}

/** Reads a PDF in Node, with the CMaps and standard fonts of the installed pdfjs-dist. */
export function readPdf(bytes: Uint8Array, options: PdfOptions = {}): Promise<SourceDocument> {
  return readPdfWith(bytes, nodePdfOptions(options));
}

/** The PDF adapter for Node, with the CMaps and standard fonts of the installed pdfjs-dist. */
export const pdfAdapter: Adapter = {
  ...createPdfAdapter(),
  read: ({ bytes, limits }) => readPdf(bytes, { limits }),
};

export default pdfAdapter;
