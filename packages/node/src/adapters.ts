import type { Adapter } from '@xxgk/core';
// the adapters alone: their parsers (fflate and saxes, parse5) load with the first file that needs them
import { docxAdapter } from '@xxgk/adapter-docx/adapter';
import { htmlAdapter } from '@xxgk/adapter-html/adapter';
// the Node entry wires pdfjs-dist's CMaps and standard fonts, so Chinese fonts decode
import { pdfAdapter } from '@xxgk/adapter-pdf/node';
import { textAdapter } from '@xxgk/adapter-text';

/** The format adapters used when none are given: content decides, then the extension. */
export const DEFAULT_ADAPTERS: readonly Adapter[] = [pdfAdapter, docxAdapter, htmlAdapter, textAdapter];
