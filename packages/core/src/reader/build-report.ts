import type { Vocabulary } from '../model/cell-keys.js';
import type { CellSource, Report, Section } from '../model/schema.js';
import type { SourceDocument, TextBlock } from '../source/document.js';
import { readFeeSentence, type ParagraphInSection } from './fees.js';
import { readMeta } from './meta.js';
import { narrativeClaims } from './narrative.js';
import { sectionOfHeading } from './sections.js';
import { setSourcesAside } from './sources.js';
import { readTables } from './tables.js';

/**
 * Builds the report model from what an adapter read: sections, meta, the template's
 * tables as cells by cell key with their sources, and the 信息处理费 statement.
 */
export interface BuildOptions {
  /** the rows in force, with those rule packs add (RuleEngine#vocabulary) */
  vocabulary?: Vocabulary;
  /**
   * false: `report.sources` is left empty, for a caller that checks the report and drops
   * its sources (a batch's workers): the object of ~200 sources is about a tenth of a text
   * report's time. Rules and findings find the sources as before (sourceOf).
   */
  sources?: boolean;
}

export function buildReport(document: SourceDocument, options: BuildOptions = {}): Report {
  const sections: Section[] = [];
  const paragraphs: Report['paragraphs'] = [];
  /** the same paragraphs with their pages, for the fee sentence */
  const placed: ParagraphInSection[] = [];
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
    const paragraph = { line: block.line, text: block.text, section: current };
    paragraphs.push(paragraph);
    placed.push(block.page ? { line: block.line, page: block.page, text: block.text, section: current } : paragraph);
  }

  const withSources = options.sources ?? true;
  const tables = readTables(document.blocks, options.vocabulary, { sources: withSources });
  // the reading is this report's own: its records are used as they are
  const { cells, sources } = tables;
  let feeStatement: Report['feeStatement'] = null;
  let sentenceSources: Record<string, CellSource> | undefined;
  const feeTable = tables.tables.find((table) => table.id === 'fees');
  if (feeTable) {
    feeStatement = { kind: 'table', section: 6, line: feeTable.line, text: '信息处理费收取情况表' };
  } else {
    const sentence = readFeeSentence(placed);
    if (sentence) {
      feeStatement = sentence.statement;
      Object.assign(cells, sentence.cells);
      if (withSources) Object.assign(sources, sentence.sources);
      else sentenceSources = sentence.sources;
    }
  }

  const report: Report = {
    format: document.format,
    template: tables.template,
    meta: readMeta(texts),
    cells,
    sources,
    problems: tables.problems,
    sections,
    tables: tables.tables,
    feeStatement,
    paragraphs,
  };
  if (!withSources) setSourcesAside(sources, (key) => sentenceSources?.[key] ?? tables.sourceOf(key));
  // the prose's figures are read once, like the tables, not by each check
  report.claims = narrativeClaims(report);
  return report;
}
