import type { Adapter, SourceDocument } from '@xxgk/core';
import { decodeText, textLikelihood } from './decode.js';
import { splitBlocks } from './layout.js';

export { decodeText } from './decode.js';
export { splitBlocks } from './layout.js';

/** Reads a report's text in any of the layouts of pasted reports. */
export function readText(text: string): SourceDocument {
  return { format: 'text', blocks: splitBlocks(text) };
}

/** The text adapter: `.txt` files and anything else that decodes as text. */
export const textAdapter: Adapter = {
  id: 'text',
  name: '纯文本',
  extensions: ['.txt', '.text'],
  sniff: textLikelihood,
  read: ({ bytes }) => readText(decodeText(bytes)),
};

export default textAdapter;
