import type { CellSource, FeeStatement } from '../model/schema.js';
import { readCell } from '../model/values.js';

export interface ParagraphInSection {
  line: number;
  page?: number;
  text: string;
  section: number | null;
}

export interface FeeSentenceReading {
  statement: FeeStatement;
  cells: Record<string, number>;
  sources: Record<string, CellSource>;
}

const FEE_WORD = /信息(?:公开)?处理费|处理费用?/;
/** "未收取信息处理费", "没有产生信息公开处理费", "无收取信息处理费情况", "信息处理费为0" */
const NONE_COLLECTED = /(?:未|没有|无|不)(?:产生|发生|收取|收到|涉及)?[^。；;]{0,8}?(?:信息(?:公开)?)?处理费|处理费[^。；;]{0,6}(?:为|是)\s*(?:0|零)\s*(?:元)?|处理费[^。；;]{0,4}(?:情况)?[:：]?\s*无/;
const COLLECTED = /(?:实际)?收取(?:了)?(?:信息(?:公开)?)?处理费(?:用)?(?:共计|合计|共)?\s*([0-9][0-9.,，]*\s*(?:万元|元))/;

/**
 * Finds the 信息处理费 statement when the report has no fee table: a sentence in section 六
 * (or, failing that, anywhere) that says whether fees were collected; fills
 * `fees.collectedAmount` when the sentence gives it.
 */
export function readFeeSentence(paragraphs: readonly ParagraphInSection[]): FeeSentenceReading | null {
  // section 六 first; the other paragraphs only when no sentence there says it
  for (const paragraph of paragraphs) {
    if (paragraph.section !== 6 || !isCandidate(paragraph)) continue;
    const reading = readSentence(paragraph);
    if (reading) return reading;
  }
  for (const paragraph of paragraphs) {
    if (paragraph.section === 6 || !isCandidate(paragraph)) continue;
    const reading = readSentence(paragraph);
    if (reading) return reading;
  }
  return null;
}

/** A paragraph that names the fee (FEE_WORD: every match has 处理费 in it) and is not the title of the measures. */
function isCandidate(paragraph: ParagraphInSection): boolean {
  return paragraph.text.includes('处理费') && FEE_WORD.test(paragraph.text) && !/管理办法》?$/.test(paragraph.text.trim());
}

function readSentence(paragraph: ParagraphInSection): FeeSentenceReading | null {
  const text = paragraph.text.normalize('NFKC');
  const collected = COLLECTED.exec(text);
  const none = NONE_COLLECTED.exec(text);
  if (!collected && !none) return null;
  const statement: FeeStatement = { kind: 'sentence', section: paragraph.section, line: paragraph.line, text: paragraph.text.trim() };
  const source = (cellText: string, note?: string): CellSource => ({
    line: paragraph.line,
    ...(paragraph.page ? { page: paragraph.page } : {}),
    text: cellText,
    ...(note ? { note } : {}),
  });
  if (collected) {
    const reading = readCell(collected[1]!, { kind: 'amount', unit: '元' });
    if (reading.value !== null) {
      return {
        statement,
        cells: { 'fees.collectedAmount': reading.value },
        sources: { 'fees.collectedAmount': source(collected[0], reading.note) },
      };
    }
  }
  return {
    statement,
    cells: { 'fees.collectedAmount': 0 },
    sources: { 'fees.collectedAmount': source(none![0], '句中说明未收取信息处理费，记为 0 元') },
  };
}
