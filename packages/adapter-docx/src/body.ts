import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { ReadError, type RowBlock, type SourceBlock, type SourceCell } from '@xxgk/core';

const NAMESPACES: Record<string, string> = {
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main': 'w',
  'http://purl.oclc.org/ooxml/wordprocessingml/main': 'w',
  'http://schemas.openxmlformats.org/markup-compatibility/2006': 'mc',
  'http://schemas.openxmlformats.org/officeDocument/2006/math': 'm',
  'http://purl.oclc.org/ooxml/officeDocument/math': 'm',
};

/** Inline content that is never part of the visible text of the body. */
const SKIPPED_INLINE = new Set([
  'w:pPr',
  'w:rPr',
  'w:del', // tracked deletion
  'w:moveFrom', // tracked move: the old place
  'w:delText',
  'w:delInstrText',
  'w:instrText', // field code
  'w:drawing', // images, charts, text boxes
  'w:pict',
  'w:object',
  'mc:AlternateContent',
  'w:footnoteReference',
  'w:endnoteReference',
  'w:commentReference',
  'w:annotationRef',
  'w:footnoteRef',
  'w:endnoteRef',
  'w:separator',
  'w:continuationSeparator',
  'w:sym',
  'w:fldData',
  'w:rt', // ruby (phonetic guide) text
  'w:sdtPr',
  'w:sdtEndPr',
  'w:customXmlPr',
  'w:smartTagPr',
]);

const SPACE_LIKE = new Set(['w:tab', 'w:ptab', 'w:br', 'w:cr']);

/** A complex field (fldChar begin … separate … end): its code is hidden, its result shown. */
interface Field {
  code: string;
  phase: 'code' | 'result';
  /** the result of a TOC field repeats the headings: it is not body text */
  hideResult: boolean;
}

/** Word's tables of contents and indexes repeat body text; their results are skipped. */
const HIDDEN_RESULT_FIELDS = /^\s*(?:TOC|INDEX|TOA)\b/i;

const FIX = '请在 Word 或 WPS 中打开并“另存为” .docx 后再检查，或重新获取原文件';

/** Namespace prefixes in scope → the canonical prefixes above ('?' = not a namespace we know). */
type Scope = ReadonlyMap<string, string>;

/** An element with its name resolved to the canonical prefix (`w:p`), whatever prefix the file uses. */
interface Element {
  name: string;
  attributes: Readonly<Record<string, string>>;
  children: Element[];
  /** the text directly inside, kept only where the reader reads it (TEXT_ELEMENTS) */
  text: string;
}

/** The elements whose own text the reader uses (body text, math, field codes); no other text is read. */
const TEXT_ELEMENTS = new Set(['w:t', 'm:t', 'w:instrText']);

function scopeOf(attributes: Readonly<Record<string, string>>, outer: Scope): Scope {
  let scope: Map<string, string> | null = null;
  for (const key in attributes) {
    if (key !== 'xmlns' && !key.startsWith('xmlns:')) continue;
    scope ??= new Map(outer);
    scope.set(key === 'xmlns' ? '' : key.slice(6), NAMESPACES[attributes[key]!] ?? '?');
  }
  return scope ?? outer;
}

function resolvedName(tag: string, scope: Scope): string {
  const colon = tag.indexOf(':');
  const prefix = colon < 0 ? '' : tag.slice(0, colon);
  const canonical = scope.get(prefix) ?? (colon < 0 ? '?' : prefix);
  return `${canonical}:${tag.slice(colon + 1)}`;
}

/**
 * Parses word/document.xml into its root element, refusing XML that is not well-formed.
 * One streaming pass of saxes both checks and reads it (no separate validating pass), into
 * a lean tree: names are resolved as elements open, and only the text of TEXT_ELEMENTS is kept.
 */
export function parseDocumentXml(xml: string): Element {
  if (/<!DOCTYPE/i.test(xml.slice(0, 4096))) {
    throw new ReadError('file-unreadable', `Word 正文（word/document.xml）含有 DOCTYPE 声明，这不是 Word 生成的文件，为安全起见未读取：${FIX}`);
  }
  const parser = new SaxesParser();
  const open: Element[] = [];
  const scopes: Scope[] = [new Map()];
  let root: Element | undefined;
  parser.on('opentag', (tag: SaxesTagPlain) => {
    const scope = scopeOf(tag.attributes, scopes[scopes.length - 1]!);
    const element: Element = { name: resolvedName(tag.name, scope), attributes: tag.attributes, children: [], text: '' };
    const parent = open[open.length - 1];
    if (parent) parent.children.push(element);
    else root = element;
    open.push(element);
    scopes.push(scope);
  });
  parser.on('closetag', () => {
    open.pop();
    scopes.pop();
  });
  const onText = (text: string): void => {
    const element = open[open.length - 1];
    if (element && TEXT_ELEMENTS.has(element.name)) element.text += text;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('error', (error) => {
    // saxes starts its message with "line:column: ", which the Chinese message gives instead
    const reason = error.message.replace(/^\d+:\d+: /, '');
    throw new ReadError('file-unreadable', `Word 正文（word/document.xml）不是合法的 XML（第 ${parser.line} 行第 ${parser.column} 列：${reason}），文件已损坏：${FIX}`);
  });
  parser.write(xml).close();
  // a well-formed document has exactly one root element, or saxes has refused it above
  return root!;
}

/** An attribute by its local name (`w:val` → `val`), whatever its prefix. */
function attribute(element: Element, local: string): string | undefined {
  for (const key in element.attributes) {
    if (key === local || key.endsWith(`:${local}`)) return element.attributes[key];
  }
  return undefined;
}

function child(element: Element, name: string): Element | undefined {
  return element.children.find((candidate) => candidate.name === name);
}

/** On/off properties (`<w:vanish/>`, `<w:vanish w:val="false"/>`). */
function isOn(element: Element | undefined): boolean {
  if (!element) return false;
  const value = attribute(element, 'val');
  return value === undefined || !/^(?:0|false|off)$/i.test(value);
}

function intAttribute(element: Element | undefined, fallback: number): number {
  const value = element ? Number.parseInt(attribute(element, 'val') ?? '', 10) : Number.NaN;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** Most columns one cell may span; a forged gridSpan must not blow a row up. */
const MAX_SPAN = 64;

/**
 * Walks a document's w:body in order and emits paragraphs as text blocks and table rows
 * as row blocks, numbering the blocks 1, 2, 3 … as `line`.
 */
class BodyReader {
  readonly blocks: SourceBlock[] = [];
  private line = 0;
  private fields: Field[] = [];
  /** the text of a paragraph whose mark was deleted (tracked): it joins the next one */
  private carried = '';

  readBlocks(children: readonly Element[]): void {
    for (const element of children) {
      switch (element.name) {
        case 'w:p':
          this.onParagraph(element);
          break;
        case 'w:tbl':
          this.onTable(element);
          break;
        case 'w:sdt': {
          const content = child(element, 'w:sdtContent');
          if (content) this.readBlocks(content.children);
          break;
        }
        case 'w:customXml':
        case 'w:ins':
        case 'w:moveTo':
          this.readBlocks(element.children);
          break;
        default:
        // sectPr, bookmarks, comment ranges, altChunk, tracked deletions, drawings: not body text
      }
    }
  }

  private onParagraph(paragraph: Element): void {
    const text = this.paragraphText(paragraph);
    if (paragraphMarkDeleted(paragraph)) {
      this.carried += text;
      return;
    }
    const joined = (this.carried + text).trim();
    this.carried = '';
    if (joined === '') return;
    this.blocks.push({ kind: 'text', text: joined, line: ++this.line });
  }

  /** A paragraph whose mark was deleted, just before a table, stays a paragraph. */
  private flushCarried(): void {
    const text = this.carried.trim();
    this.carried = '';
    if (text !== '') this.blocks.push({ kind: 'text', text, line: ++this.line });
  }

  /** The visible text of a paragraph, with tabs and line breaks as spaces. */
  paragraphText(paragraph: Element): string {
    const parts: string[] = [];
    this.readInline(paragraph.children, parts);
    // a field whose code does not end in its paragraph is broken: do not let it hide the rest
    this.fields = this.fields.filter((field) => field.phase === 'result');
    return parts.join('');
  }

  private visible(): boolean {
    return this.fields.every((field) => field.phase === 'result' && !field.hideResult);
  }

  private readInline(children: readonly Element[], parts: string[]): void {
    for (const element of children) {
      const { name } = element;
      if (SKIPPED_INLINE.has(name)) continue;
      switch (name) {
        case 'w:r':
          this.onRun(element, parts);
          break;
        case 'w:sdt': {
          const content = child(element, 'w:sdtContent');
          if (content) this.readInline(content.children, parts);
          break;
        }
        case 'w:fldSimple':
          if (!HIDDEN_RESULT_FIELDS.test(attribute(element, 'instr') ?? '')) this.readInline(element.children, parts);
          break;
        case 'w:ruby': {
          const base = child(element, 'w:rubyBase');
          if (base) this.readInline(base.children, parts);
          break;
        }
        case 'm:t':
          if (this.visible()) parts.push(element.text);
          break;
        default:
          // hyperlinks, insertions, smart tags, custom XML, math: wrappers around runs
          this.readInline(element.children, parts);
      }
    }
  }

  private onRun(run: Element, parts: string[]): void {
    const properties = child(run, 'w:rPr');
    const hidden = properties !== undefined && isOn(child(properties, 'w:vanish'));
    for (const element of run.children) {
      switch (element.name) {
        case 'w:fldChar':
          this.onFieldChar(attribute(element, 'fldCharType'));
          break;
        case 'w:instrText': {
          const field = this.fields[this.fields.length - 1];
          if (field?.phase === 'code') field.code += element.text;
          break;
        }
        case 'w:t':
          if (!hidden && this.visible()) parts.push(element.text);
          break;
        case 'w:noBreakHyphen':
          if (!hidden && this.visible()) parts.push('-');
          break;
        case 'w:ruby': {
          const base = child(element, 'w:rubyBase');
          if (base && !hidden) this.readInline(base.children, parts);
          break;
        }
        default:
          if (SPACE_LIKE.has(element.name) && !hidden && this.visible()) parts.push(' ');
        // delText, instrText, drawings, pictures, objects, AlternateContent, note and
        // comment references, symbols, softHyphen, lastRenderedPageBreak: no text
      }
    }
  }

  private onFieldChar(type: string | undefined): void {
    if (type === 'begin') this.fields.push({ code: '', phase: 'code', hideResult: false });
    const field = this.fields[this.fields.length - 1];
    if (!field) return;
    if (type === 'separate') {
      field.phase = 'result';
      field.hideResult = HIDDEN_RESULT_FIELDS.test(field.code);
    } else if (type === 'end') this.fields.pop();
  }

  private onTable(table: Element): void {
    this.flushCarried();
    const rows = collect(table, 'w:tr');
    const grid = child(table, 'w:tblGrid');
    const gridColumns = grid ? grid.children.filter((element) => element.name === 'w:gridCol').length : 0;
    const rowCells = rows.map((row) => collect(row, 'w:tc'));
    // a one-column table that wraps the report (web pages pasted into Word) is layout
    const singleColumn =
      gridColumns <= 1 && rowCells.every((cells) => cells.length <= 1 && cells.every((cell) => spanOf(cell) === 1));
    rows.forEach((row, index) => {
      const properties = child(row, 'w:trPr');
      if (properties && child(properties, 'w:del')) return; // a tracked deletion of the row
      const cells = rowCells[index]!;
      if (singleColumn || cells.some((cell) => collect(cell, 'w:tbl').length > 0)) {
        // a cell holding a table is layout: its paragraphs are text, its tables are tables
        for (const cell of cells) this.readBlocks(cell.children);
        return;
      }
      this.onRow(row, cells);
    });
  }

  private onRow(row: Element, cells: readonly Element[]): void {
    const line = this.line + 1;
    const out: SourceCell[] = [];
    const properties = child(row, 'w:trPr');
    const before = properties ? Math.min(intAttribute(child(properties, 'w:gridBefore'), 0), MAX_SPAN) : 0;
    for (let index = 0; index < before; index += 1) out.push({ text: '', line });
    for (const cell of cells) {
      const cellProperties = child(cell, 'w:tcPr');
      const vMerge = cellProperties && child(cellProperties, 'w:vMerge');
      const hMerge = cellProperties && child(cellProperties, 'w:hMerge');
      if (vMerge && attribute(vMerge, 'val') !== 'restart') out.push({ text: '', merged: 'row', line });
      else if (hMerge && attribute(hMerge, 'val') !== 'restart') out.push({ text: '', merged: 'col', line });
      else out.push({ text: this.cellText(cell), line });
      for (let span = spanOf(cell); span > 1; span -= 1) out.push({ text: '', merged: 'col', line });
    }
    if (out.every((cell) => cell.text === '')) return;
    this.line = line;
    const block: RowBlock = { kind: 'row', cells: out, line, positions: 'exact' };
    this.blocks.push(block);
  }

  /** A cell's paragraphs joined without a separator (CJK text). */
  private cellText(cell: Element): string {
    return collect(cell, 'w:p')
      .map((paragraph) => this.paragraphText(paragraph).trim())
      .join('')
      .trim();
  }
}

function spanOf(cell: Element): number {
  const properties = child(cell, 'w:tcPr');
  return Math.min(intAttribute(properties && child(properties, 'w:gridSpan'), 1), MAX_SPAN);
}

/** A paragraph whose mark is a tracked deletion runs on into the next paragraph. */
function paragraphMarkDeleted(paragraph: Element): boolean {
  const properties = child(paragraph, 'w:pPr');
  const mark = properties && child(properties, 'w:rPr');
  return mark !== undefined && child(mark, 'w:del') !== undefined;
}

/** Wrappers a row, cell, paragraph or table may stand in (content controls, custom XML). */
const WRAPPERS = new Set(['w:sdt', 'w:sdtContent', 'w:customXml', 'w:ins', 'w:moveTo']);

/**
 * The children named `name` of an element, looking through content controls and custom
 * XML, but not into nested tables (or, for `w:tbl`, into anything deeper than the cell).
 */
function collect(parent: Element, name: string): Element[] {
  const found: Element[] = [];
  for (const element of parent.children) {
    if (element.name === name) found.push(element);
    else if (WRAPPERS.has(element.name)) found.push(...collect(element, name));
  }
  return found;
}

/** Reads the body of a parsed word/document.xml into blocks. */
export function readBody(root: Element): SourceBlock[] {
  const body = root.name === 'w:document' ? child(root, 'w:body') : undefined;
  if (!body) {
    throw new ReadError('file-unreadable', '文件中没有 Word 正文（w:body），这不是 Word 文档：请提供 .docx 格式的年度报告，或在 Word 或 WPS 中打开后“另存为” .docx 再检查');
  }
  const reader = new BodyReader();
  reader.readBlocks(body.children);
  return reader.blocks;
}
