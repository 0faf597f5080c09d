import type { Meta } from '../model/schema.js';
import type { TextBlock } from '../source/document.js';
import { sectionOfHeading } from './sections.js';

// ○ (a circle, not 〇) and 元 (元月, January) as dates are typed
const CHINESE_DIGIT: Record<string, number> = { 〇: 0, 零: 0, O: 0, o: 0, Ｏ: 0, '○': 0, 一: 1, 元: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 二〇二三 → 2023; 十二 → 12; 三十一 → 31. */
function chineseNumber(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  if (text.length === 4 && [...text].every((char) => char in CHINESE_DIGIT)) {
    return Number([...text].map((char) => CHINESE_DIGIT[char]).join(''));
  }
  if (!text.includes('十')) return text.length === 1 && text in CHINESE_DIGIT ? CHINESE_DIGIT[text]! : null;
  const match = /^([一二三])?十([一二三四五六七八九])?$/.exec(text);
  if (!match) return null;
  const [, tens, units] = match;
  return (tens ? CHINESE_DIGIT[tens]! : 1) * 10 + (units ? CHINESE_DIGIT[units]! : 0);
}

const DATE = /^\s*([0-9]{4}|[〇零一二三四五六七八九OoＯ○]{4})\s*年\s*([0-9]{1,2}|元|[一二三]?十?[一二三四五六七八九]?)\s*月\s*([0-9]{1,2}|[一二三]?十?[一二三四五六七八九]?)\s*日\s*$/;
/** 2023.2.3, 2023-02-03, 2023/2/3: a date line in figures. */
const NUMERIC_DATE = /^\s*([0-9]{4})\s*[./-]\s*([0-9]{1,2})\s*[./-]\s*([0-9]{1,2})\s*$/;

/** A line that is only a date (2023年2月3日, 二〇二三年二月三日, 2023年元月3日, 2023.2.3), as YYYY-MM-DD. */
export function parseDateLine(text: string): string | null {
  const normal = text.normalize('NFKC');
  const match = DATE.exec(normal) ?? NUMERIC_DATE.exec(normal);
  if (!match) return null;
  const year = chineseNumber(match[1]!);
  const month = chineseNumber(match[2]!);
  const day = chineseNumber(match[3]!);
  if (!year || !month || !day || month > 12 || day > 31) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const TITLE = /^(.*?)\s*((?:19|20)\d{2})\s*年度?\s*(.*?)政府信息公开(?:工作)?(?:年度)?报告$/;
const PERIOD =
  /(?:统计期限|统计时限|统计期间|统计时间|期间|统计范围|统计周期)?[^。]{0,12}?自?\s*((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日\s*(?:起)?\s*(?:至|到|—|-|－|~)\s*(?:((?:19|20)\d{2})\s*年\s*)?12\s*月\s*31\s*日/;
const REPORT_YEAR = /((?:19|20)\d{2})\s*年度?\s*(?:本机关|本单位|我局|本局)?[^。]{0,20}?政府信息公开(?:工作)?年度报告/;

const AGENCY_SUFFIX = /(?:人民政府办公[室厅]|人民政府|委员会|办公[室厅]|局|委|厅|署|院|馆|中心|街道办事处|办事处|镇|乡|区|县|市|公司|所|站|队)$/;

/**
 * Reads the title, agency, reporting year, statistics period and signing date from the
 * report's paragraphs.
 */
export function readMeta(paragraphs: readonly TextBlock[]): Meta {
  const firstSection = paragraphs.findIndex((block) => sectionOfHeading(block.text) !== null);
  const preamble = paragraphs.slice(0, firstSection < 0 ? 8 : Math.max(firstSection, 1));
  const titleBlock = preamble.find((block) => isTitle(block.text.trim()));
  const title = titleBlock ? titleBlock.text.trim().replace(/\s+/g, ' ') : null;
  let agency: string | null = null;
  let titleYear: number | null = null;
  if (titleBlock) {
    const [, before, year, after] = TITLE.exec(titleBlock.text.trim())!;
    titleYear = Number(year);
    agency = cleanAgency(before!) ?? cleanAgency(after!);
  }

  const period = readPeriod(paragraphs.slice(0, Math.max(firstSection, 0) + 12));
  const signature = readSignature(paragraphs);
  agency ??= signature.agency;
  let year = titleYear ?? (period ? Number(period.start.slice(0, 4)) : null);
  if (year === null) {
    for (const block of preamble) {
      const match = REPORT_YEAR.exec(block.text);
      if (match) {
        year = Number(match[1]);
        break;
      }
    }
  }
  return { agency, year, publishedAt: signature.date, ...(signature.line !== undefined ? { publishedLine: signature.line } : {}), title, titleYear, period };
}

/** TITLE, on a line short enough for a title (every match ends with 报告). */
function isTitle(text: string): boolean {
  return text.length <= 60 && text.endsWith('报告') && TITLE.test(text);
}

function cleanAgency(text: string): string | null {
  const agency = text.replace(/[\s《》“”"]/g, '').replace(/关于$/, '');
  return agency.length >= 2 && agency.length <= 40 ? agency : null;
}

/** What every PERIOD match has at its group 1: the year and “年 1 月 1 日”. */
const PERIOD_START = /(?:19|20)\d{2}\s*年\s*1\s*月\s*1\s*日/;
const PERIOD_FROM = new RegExp(PERIOD.source, 'g');

/**
 * `PERIOD.exec(text)`, searched from shortly before the first PERIOD_START: a match
 * begins at most 17 characters (a 4-character label, 12 characters, 自) and a run of
 * whitespace before its year, and no match can have its year before the first one.
 */
function periodIn(text: string): RegExpExecArray | null {
  const first = PERIOD_START.exec(text);
  if (!first) return null;
  let start = first.index;
  while (start > 0 && /\s/.test(text[start - 1]!)) start -= 1;
  PERIOD_FROM.lastIndex = Math.max(0, start - 17);
  return PERIOD_FROM.exec(text);
}

function readPeriod(blocks: readonly TextBlock[]): Meta['period'] {
  for (const block of blocks) {
    const text = block.text.normalize('NFKC');
    // every match has “12 月 31 日” in it
    if (!text.includes('31') || !text.includes('月')) continue;
    const match = periodIn(text);
    if (!match) continue;
    const start = match[1]!;
    const end = match[2] ?? start;
    return { start: `${start}-01-01`, end: `${end}-12-31`, line: block.line, text: match[0].trim() };
  }
  return null;
}

/** The date line at the report's end, and the agency line just above it. */
function readSignature(paragraphs: readonly TextBlock[]): { date: string | null; line?: number; agency: string | null } {
  // far enough back to pass a web page's print links and footer lines
  const tail = paragraphs.slice(-15).filter((block) => block.text.trim().length > 0);
  for (let index = tail.length - 1; index >= 0; index -= 1) {
    const date = parseDateLine(tail[index]!.text);
    if (!date) continue;
    const above = tail[index - 1]?.text.trim() ?? '';
    const agency = above.length <= 30 && AGENCY_SUFFIX.test(above) && !/[。，,]/.test(above) ? above : null;
    return { date, line: tail[index]!.line, agency };
  }
  return { date: null, agency: null };
}
