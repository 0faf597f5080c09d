import { sectionOfHeading, type RowBlock, type SourceBlock, type SourceCell } from '@xxgk/core';

/** Word and web exports leave markers such as [bookmark: _GoBack] in the text. */
const DEBRIS = /\[(?:bookmark|image|chart|anchor)[^\]]*\]/gi;

const PIPE = /[|｜]/;

/** Columns laid out with runs of spaces, as `pdftotext -layout` and PDF viewers' copy give them. */
const SPACED_COLUMNS = /\S\s{2,}\S/;

function clean(text: string): string {
  return text.replace(DEBRIS, '');
}

/** `| a | b |`, `a | b |`: web-page tables pasted as text. */
function pipeCells(line: string, lineNumber: number): SourceCell[] {
  const trimmed = line.trim().replace(/^[|｜]/, '').replace(/[|｜]$/, '');
  return trimmed.split(PIPE).map((text) => ({ text: text.trim(), line: lineNumber }));
}

/**
 * A row copied out of a PDF viewer or `pdftotext -raw`: a label, then two or more numbers
 * separated by single spaces (`一、本年新收政府信息公开申请数量 35 6 0 1 3 2 47`).
 */
const NUMBER = String.raw`(?:[-+]?\d[\d,.]*(?:万元|元)?|[/—－])`;
const NUMBER_TAIL = new RegExp(String.raw`^(?:\S.*?\s+)?${NUMBER}(?:\s+${NUMBER})+$`);
/** A short label and a single number (`行政许可 326`), as PDF text gives one-column rows. */
const LABEL_NUMBER = new RegExp(String.raw`^[^\s，。；：:,;]{2,24}\s+${NUMBER}$`);

function numberTailCells(line: string, lineNumber: number): SourceCell[] {
  const tokens = line.split(/\s+/);
  let start = tokens.length;
  while (start > 0 && new RegExp(`^${NUMBER}$`).test(tokens[start - 1]!)) start -= 1;
  const label = tokens.slice(0, start).join('');
  const cells = tokens.slice(start).map((text) => ({ text, line: lineNumber }));
  return label ? [{ text: label, line: lineNumber }, ...cells] : cells;
}

/** A line that is one table cell of a DOCX export: a tab, then the cell's text. */
function isCellLine(line: string): boolean {
  return line.startsWith('\t') && !line.slice(1).includes('\t');
}

/**
 * Splits pasted report text into paragraphs and table rows. The table layouts are
 * recognised line by line: pipes (web pages), one tab-led cell a line with an empty line
 * between rows (DOCX), and cells separated by tabs or runs of spaces (PDF text, where
 * empty cells are unreliable).
 */
export function splitBlocks(text: string): SourceBlock[] {
  const lines = text.split(/\r\n|\r|\n/).map(clean);
  const blocks: SourceBlock[] = [];
  let index = 0;
  while (index < lines.length) {
    const line = lines[index]!;
    const lineNumber = index + 1;
    if (isCellLine(line)) {
      const cells: SourceCell[] = [];
      for (; index < lines.length; index += 1) {
        const current = lines[index]!;
        if (isCellLine(current)) cells.push({ text: current.slice(1).trim(), line: index + 1 });
        else if (current.trim() === '' || sectionOfHeading(current) !== null) break;
        else cells[cells.length - 1]!.text += current.trim();
      }
      blocks.push(row(cells, lineNumber, 'exact'));
      continue;
    }
    index += 1;
    if (line.trim() === '') continue;
    if (PIPE.test(line)) blocks.push(row(pipeCells(line, lineNumber), lineNumber, 'exact'));
    else if (line.trim().includes('\t') || /^\t+\S/.test(line)) {
      blocks.push(row(line.split('\t').map((cell) => ({ text: cell.trim(), line: lineNumber })), lineNumber, 'loose'));
    } else if (SPACED_COLUMNS.test(line.trim())) {
      blocks.push(row(line.trim().split(/\s{2,}/).map((cell) => ({ text: cell, line: lineNumber })), lineNumber, 'loose'));
    } else if (NUMBER_TAIL.test(line.trim()) || LABEL_NUMBER.test(line.trim())) {
      blocks.push(row(numberTailCells(line.trim(), lineNumber), lineNumber, 'loose'));
    } else blocks.push({ kind: 'text', text: line.trim(), line: lineNumber });
  }
  return blocks;
}

function row(cells: SourceCell[], line: number, positions: RowBlock['positions']): RowBlock {
  return { kind: 'row', cells, line, positions };
}
