import type { RowBlock, SourceBlock, SourceCell } from '@xxgk/core';
import { attribute, isElement, isText, lineOf, textLines, traverse, type HtmlDocument, type HtmlElement, type HtmlNode, type HtmlParent } from './tree.js';

/** Elements whose content is not the page's text. */
const IGNORED = new Set([
  'head', 'title', 'script', 'style', 'noscript', 'template', 'nav', 'aside', 'form', 'select', 'option', 'button', 'textarea',
  'input', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'audio', 'video', 'canvas', 'svg', 'math', 'map', 'xml', 'img',
]);
/** Site headers and footers are ignored, unless they are an article's own. */
const CHROME = new Set(['header', 'footer']);
const ARTICLE = new Set(['article', 'main', 'section']);
/** class or id words of site footers that are plain divs */
const FOOTER_WORDS = new Set(['footer', 'foot', 'copyright']);

/** Elements that begin and end a line of text. */
const BLOCK = new Set([
  '#document', 'html', 'body', 'address', 'article', 'aside', 'blockquote', 'center', 'dd', 'details', 'dialog', 'dir', 'div', 'dl',
  'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'legend', 'li',
  'listing', 'main', 'marquee', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'caption', 'thead', 'tbody', 'tfoot',
  'tr', 'td', 'th', 'ul', 'xmp', 'plaintext',
]);
/** Rows and cells are never dropped for their class (a `<td class="header">` is a label). */
const TABLE_PARTS = new Set(['caption', 'colgroup', 'col', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th']);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** A cell this long is page content, not a table cell of a report. */
const MAX_CELL_TEXT = 300;

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u3000-\u303f\u2018\u2019\u201c\u201d\u2014\u2026\u00b7]/;
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;

function isCjk(char: string | undefined): boolean {
  return char !== undefined && CJK.test(char);
}

/**
 * Collapses whitespace as a browser shows it: runs become one space, except that a line
 * break between two Chinese characters disappears (政府信息⏎公开 is 政府信息公开); the
 * result is trimmed.
 */
export function collapseWhitespace(text: string): string {
  return text
    .replace(INVISIBLE, '')
    .replace(/[\s\u00a0]+/g, (run, offset: number, whole: string) =>
      /[\n\r]/.test(run) && isCjk(whole[offset - 1]) && isCjk(whole[offset + run.length]) ? '' : ' ',
    )
    .trim();
}

/** Joins lines of one cell: nothing between Chinese characters, a space between others. */
function joinLines(lines: readonly string[]): string {
  let joined = '';
  for (const line of lines) {
    if (line === '') continue;
    if (joined !== '' && !isCjk(joined[joined.length - 1]) && !isCjk(line[0])) joined += ' ';
    joined += line;
  }
  return joined;
}

function classWords(element: HtmlElement): string[] {
  return `${attribute(element, 'class') ?? ''} ${attribute(element, 'id') ?? ''}`.toLowerCase().split(/[\s_-]+/);
}

function isHidden(element: HtmlElement): boolean {
  if (attribute(element, 'hidden') !== undefined) return true;
  if (element.nodeName === 'input' && attribute(element, 'type')?.toLowerCase() === 'hidden') return true;
  const style = attribute(element, 'style');
  return style !== undefined && /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all)\b/i.test(style);
}

/** Elements known to be inside an article (or not): a page of nested headers stays linear. */
const inArticle = new WeakMap<HtmlElement, boolean>();

function insideArticle(element: HtmlElement): boolean {
  const chain: HtmlElement[] = [];
  let inside = false;
  for (let parent = element.parentNode; parent && isElement(parent); parent = parent.parentNode) {
    const known = inArticle.get(parent);
    if (known !== undefined || ARTICLE.has(parent.nodeName)) {
      inside = known ?? true;
      break;
    }
    chain.push(parent);
  }
  for (const parent of chain) inArticle.set(parent, inside);
  return inside;
}

/** True for elements whose content is not read: scripts, menus, site header and footer, hidden. */
export function isIgnored(element: HtmlElement): boolean {
  const name = element.nodeName;
  if (IGNORED.has(name) || isHidden(element)) return true;
  if (CHROME.has(name)) return !insideArticle(element);
  return !TABLE_PARTS.has(name) && classWords(element).some((word) => FOOTER_WORDS.has(word));
}

function children(element: HtmlElement, name: string): HtmlElement[] {
  return element.childNodes.filter((node): node is HtmlElement => isElement(node) && node.nodeName === name);
}

/** A cell's text: its lines (<br>, blocks) joined without spaces between Chinese characters. */
export function cellText(cell: HtmlElement): string {
  const lines: string[] = [];
  let line = '';
  const endLine = (element: HtmlElement): void => {
    if (!BLOCK.has(element.nodeName) && element.nodeName !== 'br') return;
    lines.push(collapseWhitespace(line));
    line = '';
  };
  const enter = (node: HtmlNode): boolean => {
    if (isText(node)) line += node.value;
    if (!isElement(node) || isIgnored(node)) return false;
    endLine(node);
    return true;
  };
  traverse(cell, enter, endLine);
  lines.push(collapseWhitespace(line));
  return joinLines(lines);
}

function span(cell: HtmlElement, name: string, max: number): number {
  const value = Number.parseInt(attribute(cell, name) ?? '', 10);
  if (Number.isNaN(value) || value < 0) return 1;
  return Math.min(value, max);
}

interface GridRow {
  tr: HtmlElement;
  /** line of the `<tr>` (of its first cell when the page left the `<tr>` out) */
  line: number;
  cells: SourceCell[];
}

/** The rows of a table's row groups, in source order: thead, tbody, tfoot and bare rows. */
function rowGroups(table: HtmlElement): HtmlElement[][] {
  const groups: HtmlElement[][] = [];
  let bare: HtmlElement[] | null = null;
  for (const node of table.childNodes) {
    if (!isElement(node)) continue;
    if (node.nodeName === 'tr') {
      if (!bare) groups.push((bare = []));
      bare.push(node);
    } else if (node.nodeName === 'thead' || node.nodeName === 'tbody' || node.nodeName === 'tfoot') {
      bare = null;
      groups.push(children(node, 'tr'));
    }
  }
  return groups;
}

/**
 * A table as a grid: each cell's text in its first position, `merged: 'col'` empty cells
 * for the columns a colspan covers, `merged: 'row'` for the positions a rowspan covers in
 * later rows (rowspan=0 and spans past the end stop at the end of the row group).
 */
export function tableGrid(table: HtmlElement): GridRow[] {
  const grid: SourceCell[][] = [];
  const rows: GridRow[] = [];
  let index = 0;
  for (const group of rowGroups(table)) {
    const groupEnd = index + group.length;
    for (const tr of group) {
      const rowLine = lineOf(tr) ?? lineOf(table) ?? 1;
      const row = (grid[index] ??= []);
      let column = 0;
      for (const cell of tr.childNodes) {
        if (!isElement(cell) || (cell.nodeName !== 'td' && cell.nodeName !== 'th')) continue;
        while (row[column]) column += 1;
        const colspan = Math.max(span(cell, 'colspan', 1000), 1);
        const rowspanAttribute = span(cell, 'rowspan', 65534);
        const rowspan = rowspanAttribute === 0 ? groupEnd - index : Math.min(Math.max(rowspanAttribute, 1), groupEnd - index);
        const line = lineOf(cell) ?? rowLine;
        row[column] = { text: isHidden(cell) ? '' : cellText(cell), line };
        for (let offset = 1; offset < colspan; offset += 1) row[column + offset] ??= { text: '', line, merged: 'col' };
        for (let below = 1; below < rowspan; below += 1) {
          const later = (grid[index + below] ??= []);
          for (let offset = 0; offset < colspan; offset += 1) later[column + offset] ??= { text: '', line, merged: 'row' };
        }
        column += colspan;
      }
      rows.push({ tr, line: rowLine, cells: Array.from(row, (cell) => cell ?? { text: '', line: rowLine }) });
      index += 1;
    }
  }
  return rows;
}

/** The tables that hold another table or a heading, found in one pass over the tree. */
function tablesHoldingStructure(root: HtmlDocument): Set<HtmlElement> {
  const found = new Set<HtmlElement>();
  /** per open element: whether a table or heading was found inside it */
  const holds: boolean[] = [false];
  traverse(
    root,
    (node) => {
      if (!isElement(node)) return false;
      holds.push(false);
      return true;
    },
    (element) => {
      const inside = holds.pop()!;
      if (inside && element.nodeName === 'table') found.add(element);
      if (inside || element.nodeName === 'table' || HEADINGS.has(element.nodeName)) holds[holds.length - 1] = true;
    },
  );
  return found;
}

/**
 * A table without another table inside is data, unless it has a single column or a cell
 * with a long text (a page laid out in a table); layout tables are read as content.
 */
function isLayoutGrid(rows: readonly GridRow[]): boolean {
  if (rows.every((row) => row.cells.length <= 1)) return true;
  return rows.some((row) => row.cells.some((cell) => cell.text.length > MAX_CELL_TEXT));
}

class BlockWriter {
  readonly blocks: SourceBlock[] = [];
  private text = '';
  private line = 0;
  /** start-tag line of the block element the next text belongs to */
  private anchor: number | null = null;

  /** `exact`: the text's own line, not its block's (lines of preformatted text) */
  append(value: string, firstLine: number, exact = false): void {
    if (this.text === '') {
      if (!/\S/.test(value.replace(INVISIBLE, ''))) return;
      this.line = exact ? firstLine : (this.anchor ?? firstLine);
    }
    this.text += value;
  }

  /** Ends the current line of text; `anchor` is the line of the block that follows. */
  flush(anchor: number | null): void {
    const text = collapseWhitespace(this.text);
    if (text !== '') this.blocks.push({ kind: 'text', text, line: this.line });
    this.text = '';
    this.anchor = anchor;
  }

  row(block: RowBlock): void {
    this.flush(null);
    this.blocks.push(block);
  }
}

interface Walk {
  writer: BlockWriter;
  /** tables that hold another table or a heading: layout */
  layout: ReadonlySet<HtmlElement>;
}

const PREFORMATTED = new Set(['pre', 'listing', 'plaintext']);

/** The line of a block's start tag; none for a block the parser implied (text keeps its own). */
function anchorOf(element: HtmlElement): number | null {
  return element.sourceCodeLocation?.startLine ?? null;
}

/**
 * Writes the blocks of the nodes under `root`, in document order. `preformatted` is how
 * many `<pre>`-like elements `root` is inside.
 */
function walk(root: HtmlParent, state: Walk, preformatted: number): void {
  const { writer } = state;
  const enter = (node: HtmlNode): boolean => {
    if (isText(node)) {
      const { line, firstLine } = textLines(node);
      if (preformatted === 0) writer.append(node.value, firstLine);
      else {
        node.value.split('\n').forEach((text, index) => {
          if (index > 0) writer.flush(null);
          writer.append(text, line + index, true);
        });
      }
      return false;
    }
    if (!isElement(node) || isIgnored(node)) return false;
    const name = node.nodeName;
    if (name === 'br') {
      writer.flush(null);
      return false;
    }
    if (name === 'table' && !state.layout.has(node)) {
      const rows = tableGrid(node);
      if (!isLayoutGrid(rows)) {
        // a data table has no table inside, so this goes one level deep at most
        for (const caption of children(node, 'caption')) {
          writer.flush(anchorOf(caption));
          walk(caption, state, preformatted);
          writer.flush(null);
        }
        for (const { line, cells } of rows) {
          if (cells.every((cell) => cell.text === '')) continue;
          writer.row({ kind: 'row', positions: 'exact', cells, line });
        }
        writer.flush(null);
        return false;
      }
    }
    if (BLOCK.has(name)) writer.flush(anchorOf(node));
    if (PREFORMATTED.has(name)) preformatted += 1;
    return true;
  };
  const leave = (element: HtmlElement): void => {
    if (BLOCK.has(element.nodeName)) writer.flush(null);
    if (PREFORMATTED.has(element.nodeName)) preformatted -= 1;
  };
  traverse(root, enter, leave);
}

/** The page's text and tables as blocks, in document order. */
export function blocksOf(document: HtmlDocument): SourceBlock[] {
  const writer = new BlockWriter();
  walk(document, { writer, layout: tablesHoldingStructure(document) }, 0);
  writer.flush(null);
  return writer.blocks;
}
