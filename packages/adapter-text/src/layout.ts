import { packedMap, sectionOfHeading, type RowBlock, type SourceBlock, type SourceCell } from '@xxgk/core';

/** Word and web exports leave markers such as [bookmark: _GoBack] in the text. */
const DEBRIS = /\[(?:bookmark|image|chart|anchor)[^\]]*\]/gi;

const PIPE = /[|｜]/;

/**
 * Columns laid out with runs of spaces, as `pdftotext -layout` and PDF viewers' copy give
 * them: `\S\s{2,}\S`, which in a trimmed line (trim removes what \s matches) is any two
 * whitespace characters in a row.
 */
const SPACED_COLUMNS = /\s\s/;
const SPACED_SEPARATOR = /\s{2,}/;

function clean(text: string): string {
  return text.replace(DEBRIS, '');
}

/** `| a | b |`, `a | b |`: web-page tables pasted as text. */
function pipeCells(trimmed: string, lineNumber: number): SourceCell[] {
  // without the pipes that open and close the line
  const start = isPipe(trimmed.charCodeAt(0)) ? 1 : 0;
  const end = trimmed.length - 1 >= start && isPipe(trimmed.charCodeAt(trimmed.length - 1)) ? trimmed.length - 1 : trimmed.length;
  const cells: SourceCell[] = [];
  const fullWidth = trimmed.indexOf('｜', start);
  if (fullWidth >= 0 && fullWidth < end) {
    for (const text of trimmed.slice(start, end).split(PIPE)) cells.push({ text: text.trim(), line: lineNumber });
    return cells;
  }
  // the texts between the “|”, as split('|') gives them
  let from = start;
  for (let at = trimmed.indexOf('|', from); at >= 0 && at < end; at = trimmed.indexOf('|', from)) {
    cells.push({ text: trimmed.slice(from, at).trim(), line: lineNumber });
    from = at + 1;
  }
  cells.push({ text: trimmed.slice(from, end).trim(), line: lineNumber });
  return cells;
}

/**
 * A row copied out of a PDF viewer or `pdftotext -raw`: a label, then two or more numbers
 * separated by single spaces (`一、本年新收政府信息公开申请数量 35 6 0 1 3 2 47`).
 */
// a unit may stand after a space (`6000 元`), as reports write amounts
const NUMBER = String.raw`(?:[-+]?\d[\d,.]*(?:\s?(?:万元|元))?|[/—－])`;
const NUMBER_TAIL = new RegExp(String.raw`^(?:\S.*?\s+)?${NUMBER}(?:\s+${NUMBER})+$`);
/** A short label and a single number (`行政许可 326`), as PDF text gives one-column rows. */
const LABEL_NUMBER = new RegExp(String.raw`^[^\s，。；：:,;]{2,24}\s+${NUMBER}$`);
const NUMBER_TOKEN = new RegExp(`^${NUMBER}$`);
/** How NUMBER ends: a line ending otherwise (a sentence's 。) is no number row. */
const NUMBER_END = /[\d,.元/—－]/;

/** Where a number row splits: at spaces, but not at the one before an amount's unit. */
const TOKEN_SEPARATOR = /\s+(?!(?:万元|元)(?:\s|$))/;

function numberTailCells(line: string, lineNumber: number): SourceCell[] {
  const tokens = line.split(TOKEN_SEPARATOR);
  let start = tokens.length;
  while (start > 0 && NUMBER_TOKEN.test(tokens[start - 1]!)) start -= 1;
  const label = tokens.slice(0, start).join('');
  const cells = packedMap(tokens.slice(start), (text) => ({ text, line: lineNumber }));
  return label ? [{ text: label, line: lineNumber }, ...cells] : cells;
}

/** The cells of a line cut at `separator`, trimmed (a packed list, as the reader's code expects: see packedMap). */
function splitCells(line: string, separator: string | RegExp, lineNumber: number): SourceCell[] {
  return packedMap(line.split(separator), (text) => ({ text: text.trim(), line: lineNumber }));
}

const TAB = 9;

/**
 * A line that may be one table cell of a DOCX export: a tab, then the cell's text, and no
 * paragraph (authors indent paragraphs with a tab too).
 */
function isCellLine(line: string): boolean {
  return line.length > 0 && line.charCodeAt(0) === TAB && line.indexOf('\t', 1) < 0 && !looksLikeParagraph(line);
}

/** Longer than any label of the tables (the longest, with its numbering, has 36 characters). */
const PARAGRAPH_LENGTH = 60;

/** A sentence's full stop, or more text than a table cell holds. */
function looksLikeParagraph(line: string): boolean {
  return line.length > PARAGRAPH_LENGTH || line.includes('。');
}

function isPipe(code: number): boolean {
  return code === 0x7c || code === 0xff5c;
}

function hasPipe(line: string): boolean {
  return line.includes('|') || line.includes('｜');
}

/** A cell line holding a number or a blank's mark (/, —, 无), as the tables' value cells do. */
const VALUE_CELL = /^\t\s*(?:[\d０-９][\d０-９,.，]*|[/／—－-]+|无)\s*$/;

/**
 * Value cells next to another cell that make a text's one-cell-a-line tables: lines a tab
 * indents (titles, headings, a signature) follow each other too, but hold no values.
 */
const ROWS_EVIDENCE = 2;
/** Value cells parted from the next cell by one empty line that make the tables doubled. */
const DOUBLED_EVIDENCE = 10;

/**
 * How a text lays out one-cell-a-line tables: `rows`, a row's cells on consecutive lines
 * and an empty line between rows; `doubled`, every line break doubled, as a paste through
 * `\r\r\n` line endings or an editor that leaves a blank line after each paragraph gives it
 * (a row's cells parted by one empty line, rows by more); `none`, no such table, where a
 * tab leading a line indents text.
 */
type CellLayout = 'rows' | 'doubled' | 'none';

function cellLayoutOf(lines: readonly string[]): CellLayout {
  let next = 0;
  let parted = 0;
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index]!;
    if (!isCellLine(line)) continue;
    const value = VALUE_CELL.test(line);
    if (index + 1 < lines.length && isCellLine(lines[index + 1]!)) {
      if ((value || VALUE_CELL.test(lines[index + 1]!)) && ++next >= ROWS_EVIDENCE) return 'rows';
    } else if (value && index + 2 < lines.length && lines[index + 1]!.trim() === '' && isCellLine(lines[index + 2]!)) parted += 1;
  }
  return parted >= DOUBLED_EVIDENCE && next === 0 ? 'doubled' : 'none';
}

/**
 * Splits pasted report text into paragraphs and table rows. The table layouts are
 * recognised line by line: pipes (web pages), one tab-led cell a line with an empty line
 * between rows (DOCX; with every line break doubled, one empty line between cells and
 * more between rows), and cells separated by tabs or runs of spaces (PDF text, where
 * empty cells are unreliable).
 */
export function splitBlocks(text: string): SourceBlock[] {
  // without a carriage return, the line breaks are the line feeds
  const lines = text.includes('\r') ? text.split(/\r\n|\r|\n/) : text.split('\n');
  // debris markers start with “[”: a text without one has none to remove
  if (text.includes('[')) for (let at = 0; at < lines.length; at += 1) if (lines[at]!.includes('[')) lines[at] = clean(lines[at]!);
  // only a text with a tab can have cell lines
  const layout = text.includes('\t') ? cellLayoutOf(lines) : 'none';
  const blocks: SourceBlock[] = [];
  let index = 0;
  while (index < lines.length) {
    const line = lines[index]!;
    const lineNumber = index + 1;
    // a row starts with a cell, not with a section heading a tab indents (checked there only: the rows' other cells are many)
    if (layout !== 'none' && isCellLine(line) && sectionOfHeading(line) === null) {
      const cells: SourceCell[] = [];
      const start = index;
      for (; index < lines.length; index += 1) {
        const current = lines[index]!;
        // doubled, a heading a tab indents may follow a row after one empty line
        if (isCellLine(current) && (layout === 'rows' || index === start || sectionOfHeading(current) === null)) {
          cells.push({ text: current.slice(1).trim(), line: index + 1 });
        } else {
          const trimmed = current.trim();
          if (trimmed === '') {
            // doubled: one empty line parts a row's cells (or a cell's lines), more end the row
            if (layout === 'doubled' && index + 1 < lines.length && lines[index + 1]!.trim() !== '') continue;
            break;
          }
          // a label's second line continues its cell; a heading, a paragraph or another layout's row does not
          if (sectionOfHeading(current) !== null || looksLikeParagraph(trimmed) || current.includes('\t') || hasPipe(current)) break;
          cells[cells.length - 1]!.text += trimmed;
        }
      }
      blocks.push(row(cells, lineNumber, 'exact'));
      continue;
    }
    index += 1;
    const trimmed = line.trim();
    if (trimmed === '') continue;
    if (hasPipe(line)) blocks.push(row(pipeCells(trimmed, lineNumber), lineNumber, 'exact'));
    // tabs before the first cell leave cells empty in PDF text; one tab alone indents a line of text
    else if (trimmed.includes('\t') || (/^\t+\S/.test(line) && line.indexOf('\t', 1) >= 0 && !looksLikeParagraph(trimmed))) {
      blocks.push(row(splitCells(line, '\t', lineNumber), lineNumber, 'loose'));
    } else if (SPACED_COLUMNS.test(trimmed)) {
      blocks.push(row(splitCells(trimmed, SPACED_SEPARATOR, lineNumber), lineNumber, 'loose'));
    } else if (NUMBER_END.test(trimmed[trimmed.length - 1]!) && (NUMBER_TAIL.test(trimmed) || LABEL_NUMBER.test(trimmed))) {
      blocks.push(row(numberTailCells(trimmed, lineNumber), lineNumber, 'loose'));
    } else blocks.push({ kind: 'text', text: trimmed, line: lineNumber });
  }
  return blocks;
}

function row(cells: SourceCell[], line: number, positions: RowBlock['positions']): RowBlock {
  return { kind: 'row', cells, line, positions };
}
