import { ReadError, type SourceBlock, type SourceDocument } from '@xxgk/core';
import { htmlAdapter } from './adapter.js';
import { blocksOf } from './blocks.js';
import { EMPTY_MESSAGE, decodeHtml } from './decode.js';
import { isWebArchive, pageOfWebArchive } from './mhtml.js';
import { parseHtml } from './tree.js';

export { blocksOf, cellText, collapseWhitespace, tableGrid } from './blocks.js';
export { BINARY_MESSAGE, EMPTY_MESSAGE, declaredEncoding, decodeHtml, encodingOfLabel, htmlLikelihood } from './decode.js';
export { NO_PAGE_MESSAGE, isWebArchive, pageOfWebArchive } from './mhtml.js';
export { parseHtml, type HtmlDocument, type HtmlElement, type HtmlNode, type HtmlText } from './tree.js';
export { htmlAdapter };

export const NO_TEXT_MESSAGE =
  '网页中没有可读取的正文文字（可能只有脚本、图片或框架）；请在浏览器中打开原网页，确认报告正文在页面中，另存为完整网页或复制正文后再检查';

/** The paragraphs and table rows of a page's HTML source. */
export function htmlBlocks(html: string): SourceBlock[] {
  return blocksOf(parseHtml(html));
}

/**
 * Reads a web page (its bytes, or its already decoded source; a web archive's bytes, .mht,
 * give the page it holds) into paragraphs and table rows. Throws a ReadError for empty or
 * binary content, an archive without a page, and a page with no text.
 */
export function readHtml(input: Uint8Array | string): SourceDocument {
  const html = typeof input === 'string' ? input : decodeHtml(isWebArchive(input) ? pageOfWebArchive(input) : input);
  if (html.trim() === '') throw new ReadError('file-unreadable', EMPTY_MESSAGE);
  const blocks = htmlBlocks(html);
  if (blocks.length === 0) throw new ReadError('file-unreadable', NO_TEXT_MESSAGE);
  return { format: 'html', blocks };
}

export default htmlAdapter;
