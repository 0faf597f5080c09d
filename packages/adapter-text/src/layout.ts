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
    } else blocks.push({ kind: 'text', text: line.trim(), line: lineNumber });
  }
  return blocks;
}

function row(cells: SourceCell[], line: number, positions: RowBlock['positions']): RowBlock {
  return { kind: 'row', cells, line, positions };
}
