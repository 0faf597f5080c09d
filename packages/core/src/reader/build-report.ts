import type { Vocabulary } from '../model/cell-keys.js';
import type { Report, Section } from '../model/schema.js';
import type { SourceDocument, TextBlock } from '../source/document.js';
import { readFeeSentence, type ParagraphInSection } from './fees.js';
import { readMeta } from './meta.js';
import { sectionOfHeading } from './sections.js';
import { readTables } from './tables.js';

/**
 * Builds the report model from what an adapter read: sections, meta, the template's
 * tables as cells by cell key with their sources, and the 信息处理费 statement.
 */
export interface BuildOptions {
  /** the rows in force, with those rule packs add (RuleEngine#vocabulary) */
  vocabulary?: Vocabulary;
}

export function buildReport(document: SourceDocument, options: BuildOptions = {}): Report {
  const sections: Section[] = [];
  const paragraphs: ParagraphInSection[] = [];
  const texts: TextBlock[] = [];
  let current: number | null = null;
  for (const block of document.blocks) {
    if (block.kind !== 'text') continue;
    texts.push(block);
    const section = sectionOfHeading(block.text);
    if (section !== null && !sections.some((found) => found.number === section)) {
      sections.push({ number: section, heading: block.text.trim(), line: block.line });
      current = section;
      continue;
    }
    paragraphs.push({ line: block.line, ...(block.page ? { page: block.page } : {}), text: block.text, section: current });
  }

  const tables = readTables(document.blocks, options.vocabulary);
  const cells = { ...tables.cells };
  const sources = { ...tables.sources };
  let feeStatement: Report['feeStatement'] = null;
  const feeTable = tables.tables.find((table) => table.id === 'fees');
  if (feeTable) {
    feeStatement = { kind: 'table', section: 6, line: feeTable.line, text: '信息处理费收取情况表' };
  } else {
    const sentence = readFeeSentence(paragraphs);
    if (sentence) {
      feeStatement = sentence.statement;
      Object.assign(cells, sentence.cells);
      Object.assign(sources, sentence.sources);
    }
  }

  return {
    format: document.format,
    template: tables.template,
    meta: readMeta(texts),
    cells,
    sources,
    problems: tables.problems,
    sections,
    tables: tables.tables,
    feeStatement,
    paragraphs: paragraphs.map(({ line, text, section }) => ({ line, text, section })),
  };
}
