/**
 * The figures a report's prose states about its own tables: 本年新收政府信息公开申请20件,
 * 予以公开6件, 行政复议1起, 未收取信息处理费 … Section 一 mostly restates table 三 and 四,
 * and often disagrees with them; the `narrative-mismatch` rule compares the two.
 *
 * Deterministic: a phrase table (NARRATIVE_PHRASES), data, each entry a pattern and the
 * cell key(s) it states. A sentence that is ambiguous is left alone rather than guessed
 * at: a figure for another period (历年累计, 上半年, 同比, another year), for a wider
 * body (全市, 各部门), approximate (约, 余, 以上), a percentage, a count of 信息 items
 * (主动公开信息121条 is no cell of table 二) — see the comments of each entry.
 */
import { NATIONAL_VOCABULARY, type Vocabulary } from '../model/cell-keys.js';
import type { NarrativeClaim, Report } from '../model/schema.js';
import { TABLES } from '../model/templates.js';
import { comparableValue, packedMap, roundSum } from '../model/values.js';
import { describeLocation } from '../findings/messages.js';

/** An entry of the phrase table. */
export interface NarrativePhrase {
  id: string;
  /** the figure's meaning, in Chinese (for people reading the table) */
  states: string;
  /**
   * Tried on each sentence, normalised (NFKC: full-width digits and punctuation
   * half-width; whitespace removed). Group `n` is the figure (Arabic or Chinese
   * numerals), `wan` a 万 before 元; a phrase without `n` states `value`.
   */
  pattern: RegExp;
  keys: readonly string[];
  alternatives?: readonly (readonly string[])[];
  /** the figure of a phrase that states one without a number (未收取… = 0) */
  value?: number;
  /** how a message names a sum of cells (a single cell is named by describeLocation) */
  place?: string;
  /** the words must contain this */
  requires?: RegExp;
  /** group `what` (or, without one, the words) must not contain this */
  forbids?: RegExp;
  /** the words of the clause before the phrase (since the last ，or ；) must not contain this */
  notAfter?: RegExp;
  /** the sentence must contain this, unless the paragraph is in section `contextSection` */
  context?: RegExp;
  contextSection?: number;
  /**
   * A breakdown (其中自然人17件): only right after one of these phrases (or another
   * breakdown of the same) in the same sentence; it keeps alternatives only if that
   * phrase's claim has them.
   */
  after?: readonly string[];
}

// ——— building blocks of the patterns ———

/** A count: Arabic digits or Chinese numerals. */
const N = String.raw`(?<n>\d+|[零〇一二两三四五六七八九十百千万]+)`;
/** A count and its unit; not 件次 (person-times), not approximate (余, 多, 以上, 左右). */
const COUNT = String.raw`${N}(?:件|条|个|份|宗|起|例)(?!次|余|多|以上|以下|左右)`;
/** An amount of money in 元 (or 万元). */
const AMOUNT = String.raw`(?<n>\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)(?<wan>万)?元(?!以上|以下|左右)`;
/**
 * Words allowed between a phrase and its figure: 申请件17件, 数量为20件, 共计3件. Not 约, 近,
 * 超过, 增加 …: a figure after those is not the cell's.
 */
const LINK = String.raw`(?:的|申请|案件|件数|件|数量|总数|总量|数|共计|合计|总计|共|为|达到|达|有|了|:)*`;
/** What was received, between the verb and 申请 (受理公民、法人或其他组织向市政府提出的政府信息依申请公开20件). */
const WHAT = String.raw`(?<what>[^,.。;:!?()]{0,40}?)`;
/** The end of a clause, after a phrase that states zero without a number. */
const CLAUSE_END = String.raw`(?=[,.。;、]|$)`;

/** Applications that are not requests for government information (行政许可申请, 信访, 复议…). */
const NOT_DISCLOSURE = /复议|诉讼|信访|投诉|举报|许可|审批|建议|提案|热线|留言|咨询|来信|来访/;
/** Reviews and lawsuits are only those about information disclosure (table 四), not the agency's others. */
const DISCLOSURE_CONTEXT = /政府信息|信息公开|依申请/;
/** Words before a count of reviews that make it one outcome's or one group's, not the total: 结果维持的行政复议1起. */
const ONE_OUTCOME = /审结|维持|纠正|其他结果|直接起诉|复议后/;

const rowTotals = (prefix: string): string[] =>
  TABLES.requests.rows.filter((row) => row.key.startsWith(prefix) && row.templates.includes('2021')).map((row) => `requests.${row.key}.total`);

const ORGANISATIONS = ['commercialEnterprise', 'researchInstitution', 'socialWelfareOrganization', 'legalServiceOrganization', 'otherOrganization'];
const RECEIVED_ANCHORS = ['requests.newReceived', 'requests.received'];

/**
 * The phrase table: what the prose says → the cells it restates. Order matters only when
 * two entries match the same words for the same cells: the one that starts first wins,
 * then the earlier entry.
 */
export const NARRATIVE_PHRASES: readonly NarrativePhrase[] = [
  // 表三 一、本年新收. "新收" is unambiguous: the row's own words.
  {
    id: 'requests.newReceived',
    states: '本年新收政府信息公开申请数量',
    pattern: new RegExp(String.raw`新(?:收到?|受理|接收)${WHAT}申请(?:公开)?${LINK}${COUNT}`),
    keys: ['requests.newReceived.total'],
    requires: /公开/,
    forbids: NOT_DISCLOSURE,
  },
  // "共收到/受理 … 申请 N 件" (seed 002: 受理…政府信息依申请公开20件; seed 000: 收到政府公开申请1条):
  // the 2021 template's row 一 is the new ones, but a report with applications carried
  // over from last year may count them in: either sum is accepted. The words must name a
  // disclosure request (公开), not 行政许可申请, 信访, 复议 …
  {
    id: 'requests.received',
    states: '收到（受理）政府信息公开申请数量：本年新收，或连同上年结转',
    pattern: new RegExp(String.raw`(?<!新)(?:收到|受理|接收|接到)${WHAT}申请(?:公开)?${LINK}${COUNT}`),
    keys: ['requests.newReceived.total'],
    alternatives: [['requests.newReceived.total', 'requests.carriedOver.total']],
    requires: /公开/,
    forbids: NOT_DISCLOSURE,
  },
  // "未收到政府信息公开申请", "没有依申请公开申请" = 0. Only with the request named right
  // there: "未收到网上要求公开政府信息的申请" (seed 001, online ones only) says nothing of the total.
  {
    id: 'requests.none',
    states: '未收到政府信息公开申请（0 件）',
    pattern: new RegExp(
      String.raw`(?<!尚)(?:(?:未|没有)(?:收到|受理|接到|接收)(?:过)?(?:任何)?(?:(?:公民|法人|其他组织|、|或|和|及)+(?:提出|提交)?的?)?|无|没有)(?:政府信息公开|信息公开|依申请公开|公开)(?:的)?申请(?:的情况|情况|事项)?${CLAUSE_END}`,
    ),
    keys: ['requests.newReceived.total'],
    alternatives: [['requests.newReceived.total', 'requests.carriedOver.total']],
    value: 0,
  },
  // Breakdowns by applicant, only right after the total they break down (其中自然人申请件17件,
  // 法人或其他组织申请件3件): after 予以公开6件 "其中自然人5件" is the granted row's, not row 一's.
  {
    id: 'requests.naturalPerson',
    states: '新收申请中自然人的申请数量',
    pattern: new RegExp(String.raw`自然人(?:提出(?:的)?)?${LINK}${COUNT}`),
    keys: ['requests.newReceived.naturalPerson'],
    alternatives: [['requests.newReceived.naturalPerson', 'requests.carriedOver.naturalPerson']],
    after: RECEIVED_ANCHORS,
  },
  // 法人或其他组织 = the five organisation columns; not "公民、法人或其他组织" (all applicants).
  {
    id: 'requests.organisations',
    states: '新收申请中法人或其他组织的申请数量（五类之和）',
    pattern: new RegExp(String.raw`(?<!、|公民)法人(?:或|和|及|、)?(?:其他组织)?(?:提出(?:的)?)?${LINK}${COUNT}`),
    keys: ORGANISATIONS.map((column) => `requests.newReceived.${column}`),
    alternatives: [ORGANISATIONS.flatMap((column) => [`requests.newReceived.${column}`, `requests.carriedOver.${column}`])],
    place: '表三 “一、本年新收政府信息公开申请数量”行 “法人或其他组织”五列之和',
    after: RECEIVED_ANCHORS,
  },
  // 表三 三、办理结果. Not 不予公开, not 部分予以公开; 主动公开信息N条 is no request (no 予以公开).
  {
    id: 'requests.granted',
    states: '予以公开',
    pattern: new RegExp(String.raw`(?<!不|部分)(?:予以公开|同意公开|全部公开)${LINK}${COUNT}`),
    keys: ['requests.granted.total'],
  },
  {
    id: 'requests.partiallyGranted',
    states: '部分公开（区分处理）',
    pattern: new RegExp(String.raw`(?:部分公开|部分予以公开|区分处理)${LINK}${COUNT}`),
    keys: ['requests.partiallyGranted.total'],
  },
  {
    id: 'requests.denied',
    states: '不予公开（八种情形之和）',
    pattern: new RegExp(String.raw`不予(?:以)?公开${LINK}${COUNT}`),
    keys: rowTotals('denied.'),
    place: '表三 “（三）不予公开”各项 “总计”列之和',
  },
  {
    id: 'requests.unavailable',
    states: '无法提供（三种情形之和）',
    pattern: new RegExp(String.raw`无法提供${LINK}${COUNT}`),
    keys: rowTotals('unavailable.'),
    place: '表三 “（四）无法提供”各项 “总计”列之和',
  },
  {
    id: 'requests.notProcessed',
    states: '不予处理（五种情形之和）',
    pattern: new RegExp(String.raw`不予处理${LINK}${COUNT}`),
    keys: rowTotals('notProcessed.'),
    place: '表三 “（五）不予处理”各项 “总计”列之和',
  },
  // not 无正当理由大量反复申请
  {
    id: 'requests.duplicate',
    states: '重复申请',
    pattern: new RegExp(String.raw`(?<!反复)重复申请${LINK}${COUNT}`),
    keys: ['requests.notProcessed.duplicate.total'],
  },
  // 上年结转3件, 上年结转申请5件; not "较上年增加9件".
  {
    id: 'requests.carriedOver',
    states: '上年结转政府信息公开申请数量',
    pattern: new RegExp(String.raw`上一?年度?结转${LINK}${COUNT}`),
    keys: ['requests.carriedOver.total'],
  },
  // 结转下年办理1件, 结转下年度继续办理3件.
  {
    id: 'requests.carriedForward',
    states: '结转下年度继续办理',
    pattern: new RegExp(String.raw`(?:结转|转入)(?:至|到)?下一?年度?(?:继续)?(?:办理|处理)?${LINK}${COUNT}`),
    keys: ['requests.carriedForward.total'],
  },
  // 表四. Only in a sentence about information disclosure (or in section 四): an agency may
  // also handle other reconsiderations (司法局). Not 行政复议纠正1件 (one outcome), not
  // 复议后起诉 (one group), not "行政复议、行政诉讼各1起".
  {
    id: 'review.reconsideration',
    states: '政府信息公开行政复议数量',
    pattern: new RegExp(String.raw`(?<!未经)行政复议${LINK}${COUNT}`),
    keys: ['review.reconsideration.total'],
    notAfter: ONE_OUTCOME,
    context: DISCLOSURE_CONTEXT,
    contextSection: 4,
  },
  {
    id: 'review.litigation',
    states: '政府信息公开行政诉讼数量（未经复议直接起诉与复议后起诉之和）',
    pattern: new RegExp(String.raw`行政诉讼${LINK}${COUNT}`),
    keys: ['review.litigationDirect.total', 'review.litigationAfterReconsideration.total'],
    place: '表四 “行政诉讼”（未经复议直接起诉、复议后起诉）“总计”之和',
    notAfter: ONE_OUTCOME,
    context: DISCLOSURE_CONTEXT,
    contextSection: 4,
  },
  // "没有因政府信息申请行为而引起的行政复议和行政诉讼" (seed 003) = 0 and 0; not
  // "未经复议直接起诉的行政诉讼", "尚未审结的行政复议", "无行政复议被纠错情况".
  {
    id: 'review.reconsideration.none',
    states: '未发生政府信息公开行政复议（0 起）',
    pattern: new RegExp(
      String.raw`(?<!尚)(?:未|没有|无(?!法))(?:发生|出现|收到|产生|涉及|被申请|被提起|提起)?${WHAT.replace('{0,40}', '{0,24}')}行政复议(?:(?:和|、|及|与|或)(?:行政)?诉讼)?(?:案件|情况|事项|申请)?${CLAUSE_END}`,
    ),
    keys: ['review.reconsideration.total'],
    value: 0,
    forbids: /复议|诉讼|审结|纠正|维持|经|起诉|\d/,
    context: DISCLOSURE_CONTEXT,
    contextSection: 4,
  },
  {
    id: 'review.litigation.none',
    states: '未发生政府信息公开行政诉讼（0 起）',
    pattern: new RegExp(
      String.raw`(?<!尚)(?:未|没有|无(?!法))(?:发生|出现|收到|产生|涉及|被申请|被提起|提起)?${WHAT.replace('{0,40}', '{0,24}')}(?:行政复议(?:和|、|及|与|或)(?:行政)?诉讼|行政诉讼)(?:案件|情况|事项)?${CLAUSE_END}`,
    ),
    keys: ['review.litigationDirect.total', 'review.litigationAfterReconsideration.total'],
    value: 0,
    place: '表四 “行政诉讼”（未经复议直接起诉、复议后起诉）“总计”之和',
    forbids: /复议|诉讼|审结|纠正|维持|经|起诉|\d/,
    context: DISCLOSURE_CONTEXT,
    contextSection: 4,
  },
  // 信息处理费 (国办函〔2020〕109号). "通知收取…380元" is the noticed amount, not the collected.
  // Not "信息处理费为0" without 收取 (kept out: "通知收取信息处理费380元" reads the same way).
  {
    id: 'fees.collected',
    states: '实际收取信息处理费金额（元）',
    pattern: new RegExp(String.raw`(?<!通知)(?:实际收取|收取(?:了)?(?:信息(?:公开)?)?处理费)(?:用|金额|费用)?${LINK}${AMOUNT}`),
    keys: ['fees.collectedAmount'],
    context: /处理费/,
  },
  // 未收取信息处理费, 没有产生信息公开处理费, 无收取信息处理费情况 = 0 元. Not 不收取 (a policy,
  // "可以不收取"), not 未缴纳 (the applicant's).
  {
    id: 'fees.none',
    states: '未收取信息处理费（0 元）',
    pattern: /(?<!尚)(?:未|没有|无)(?:产生|发生|收取|收到|涉及)?(?:向申请人)?(?:收取)?(?:任何)?(?:信息(?:公开)?)?处理费/,
    keys: ['fees.collectedAmount'],
    value: 0,
  },
  {
    id: 'fees.noticeAmount',
    states: '通知收取信息处理费金额（元）',
    pattern: new RegExp(String.raw`通知收取(?:信息(?:公开)?处理费)?(?:用|金额|费用)?${LINK}${AMOUNT}`),
    keys: ['fees.noticeAmount'],
    context: /处理费|收费/,
  },
  {
    id: 'fees.noticeCount',
    states: '发出收费通知件数',
    pattern: new RegExp(String.raw`(?:发出|送达|下发|出具)(?:了)?(?:信息处理费)?收费通知(?:书)?${LINK}${COUNT}`),
    keys: ['fees.noticeCount'],
  },
  {
    id: 'fees.noticeCount.object',
    states: '发出收费通知件数（“向N件申请发出收费通知”）',
    pattern: new RegExp(String.raw`向${N}件申请(?:人)?(?:发出|送达|出具)(?:了)?收费通知`),
    keys: ['fees.noticeCount'],
  },
  // 表二 第二十条第（一）项 (2021 template: 本年制发/废止/现行有效; a 2019 report lacks these cells,
  // so its sentences are not compared). Not 发布 (may be others' documents), not 规章制度.
  {
    id: 'active.normativeDocuments.issued',
    states: '本年制发行政规范性文件件数',
    pattern: new RegExp(String.raw`(?:制发|制定|出台|印发)(?:了)?(?:行政)?规范性文件${LINK}${COUNT}`),
    keys: ['active.normativeDocuments.issued'],
  },
  // 废止行政规范性文件2件; "对…行政规范性文件开展集中清理，废止1件" (examples 01, 07).
  {
    id: 'active.normativeDocuments.repealed',
    states: '本年废止行政规范性文件件数',
    pattern: new RegExp(String.raw`(?:废止(?:了)?(?:行政)?规范性文件|规范性文件(?<what>[^。;]{0,16}?)废止(?:了)?(?:文件)?)${LINK}${COUNT}`),
    keys: ['active.normativeDocuments.repealed'],
    forbids: /规章|制发|制定|出台|印发|修改|修订|\d|[一二两三四五六七八九十]件/,
  },
  {
    id: 'active.normativeDocuments.valid',
    states: '现行有效行政规范性文件件数',
    pattern: new RegExp(String.raw`现行有效(?:的)?(?:行政)?规范性文件${LINK}${COUNT}`),
    keys: ['active.normativeDocuments.valid'],
  },
  {
    id: 'active.regulations.issued',
    states: '本年制发规章件数',
    pattern: new RegExp(String.raw`(?:制发|制定|出台|印发)(?:了)?(?:政府)?规章${LINK}${COUNT}`),
    keys: ['active.regulations.issued'],
  },
  {
    id: 'active.regulations.repealed',
    states: '本年废止规章件数',
    pattern: new RegExp(String.raw`废止(?:了)?规章${LINK}${COUNT}`),
    keys: ['active.regulations.repealed'],
  },
  {
    id: 'active.regulations.valid',
    states: '现行有效规章件数',
    pattern: new RegExp(String.raw`现行有效(?:的)?规章${LINK}${COUNT}`),
    keys: ['active.regulations.valid'],
  },
];

/**
 * Words before a figure, in its sentence, that make it another period's or another body's
 * figure: 历年累计, 上半年, 1-6月, 同比, 去年, 截至, 近三年, 全市, 各部门 … (上年结转 and
 * 结转下年度 are removed first: they are rows of table 三; so is 截至年底, the date of 现行有效).
 */
const ELSEWHERE =
  /累计|历年|以来|上半年|下半年|季度|月份|同比|环比|去年|前年|上一?年|\d{1,2}[-—~至到]\d{1,2}月|截[至止]|近[一二两三四五六七八九十\d]+年|全(?:省|市|县|区|州|盟|旗)|各(?:级|地|部门|单位|乡镇|街道|县|区|市)|系统内/;
const NOT_ELSEWHERE = /上一?年度?结转|结转(?:至|到)?下一?年度?|今年以来|本年度?以来|年初以来|截[至止](?:本|今|(?:19|20)\d{2})?年度?[底末]|截[至止](?:(?:19|20)\d{2}年)?12月31日/g;
const YEAR = /((?:19|20)\d{2})年/g;

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/**
 * A number written in Chinese numerals: 十二 → 12, 一百零五 → 105, 两千 → 2000, 三万二千 → 32000,
 * 二〇二三 → 2023 (digit by digit); Arabic digits (full-width too) as they are. Null when
 * the text is no such number.
 */
export function parseChineseNumber(text: string): number | null {
  const compact = text.normalize('NFKC').trim();
  if (/^\d+(?:\.\d+)?$/.test(compact)) return Number(compact);
  if (compact === '' || ![...compact].every((char) => char in DIGITS || char in UNITS || char === '万')) return null;
  if (![...compact].some((char) => char in UNITS || char === '万')) {
    // digit by digit (二〇二三); a single digit is itself
    return Number([...compact].map((char) => DIGITS[char]).join(''));
  }
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  let lastUnit = Infinity;
  for (const char of compact) {
    if (char in DIGITS) {
      if (digit !== null && DIGITS[char] !== 0 && digit !== 0) return null; // 二三十
      digit = DIGITS[char]!;
    } else if (char === '万') {
      if (section === 0 && digit === null) return null;
      total += (section + (digit ?? 0)) * 10_000;
      section = 0;
      digit = null;
      lastUnit = Infinity;
    } else {
      const unit = UNITS[char]!;
      if (unit >= lastUnit) return null; // 十百, 十十
      section += (digit ?? (section === 0 ? 1 : NaN)) * unit;
      if (Number.isNaN(section)) return null;
      digit = null;
      lastUnit = unit;
    }
  }
  return total + section + (digit ?? 0);
}

/** Full-width to half-width (digits, punctuation), whitespace removed: what the patterns read. */
function normalise(text: string): string {
  return text.normalize('NFKC').replace(/[\s\u00a0\u3000]+/g, '');
}

interface Candidate {
  phrase: NarrativePhrase;
  order: number;
  start: number;
  end: number;
  value: number;
  words: string;
  /** the claim it makes, once accepted */
  claim: NarrativeClaim | null;
}

const SCANNERS: readonly RegExp[] = NARRATIVE_PHRASES.map((phrase) => new RegExp(phrase.pattern.source, `${phrase.pattern.flags.replace('g', '')}g`));

/**
 * Every phrase's pattern in one (their groups unnamed): a sentence none of them matches
 * anywhere — most sentences with a figure — is done in one search instead of one per
 * phrase. Null if the patterns' flags differ, which one pattern could not keep.
 */
export function anyPhrasePattern(phrases: readonly NarrativePhrase[]): RegExp | null {
  const flags = new Set(phrases.map((phrase) => phrase.pattern.flags.replace(/[gy]/g, '')));
  if (flags.size !== 1) return null;
  const union = phrases.map((phrase) => `(?:${phrase.pattern.source.replace(/\(\?<([A-Za-z_$][\w$]*)>/g, '(?:')})`).join('|');
  return new RegExp(union, [...flags][0]);
}

const ANY_PHRASE = anyPhrasePattern(NARRATIVE_PHRASES);

/** Whether the words before a figure make it another period's or another body's. */
function elsewhere(prefix: string, year: number | null): boolean {
  // the words since the last ；: "较上年增加9件；上年结转申请5件" is this year's carried-over count
  if (ELSEWHERE.test(prefix.slice(prefix.lastIndexOf(';') + 1).replace(NOT_ELSEWHERE, ''))) return true;
  if (year === null) return false;
  // the last year named before the figure must be the reporting year
  let last: string | undefined;
  YEAR.lastIndex = 0;
  for (let match = YEAR.exec(prefix); match !== null; match = YEAR.exec(prefix)) last = match[1];
  return last !== undefined && Number(last) !== year;
}

/**
 * What every phrase needs, tested once a sentence so most sentences skip the phrases'
 * patterns (scanning them all took longer than reading the report): a figure (a numeral
 * and its unit: COUNT, AMOUNT, 向N件) for a phrase with a number, a word of negation for
 * one that states zero without one.
 */
const HAS_FIGURE = /[\d零〇一二两三四五六七八九十百千万](?:件|条|个|份|宗|起|例|元)/;
const HAS_NEGATION = /未|没有|无/;

/**
 * The characters a figure's unit or a word of negation can come from, before NFKC: 件 条
 * 个 份 宗 起 例 元 未 没 无 themselves, and the compatibility characters that fold into CJK
 * ideographs (Kangxi radicals, enclosed and compatibility ideographs; supplementary planes,
 * as surrogates). A sentence without any is no phrase's, whatever NFKC makes of it.
 */
const FIGURE_OR_NEGATION_SOURCE = /[件条个份宗起例元未没无\u2e80-\u2fff\u3190-\u33ff\uf900-\ufaff\ud800-\udfff]/;

/**
 * Whether a sentence, as written, may state a figure of the phrase table: most sentences
 * cannot, and are then not normalised at all (NFKC was the prose's largest cost).
 */
export function mayStateFigure(sentence: string): boolean {
  return FIGURE_OR_NEGATION_SOURCE.test(sentence);
}

const FIGURE_OR_NEGATION_SCAN = new RegExp(FIGURE_OR_NEGATION_SOURCE.source, 'g');

/**
 * A sentence ends at 。！？!?, which belong to it, or at a line break; ；and ，stay inside it
 * (a breakdown follows its total there).
 */
function endsSentence(code: number): boolean {
  return code === 0x3002 || code === 0xff01 || code === 0xff1f || code === 0x21 || code === 0x3f || code === 0x0a;
}

/**
 * The sentences of a paragraph that may state a figure (mayStateFigure), trimmed, in
 * order: found from the characters that make them candidates, so a paragraph is scanned
 * once and the sentences that cannot state one are never cut out.
 */
export function figureSentences(paragraph: string): string[] {
  const sentences: string[] = [];
  const scan = FIGURE_OR_NEGATION_SCAN;
  scan.lastIndex = 0;
  for (let hit = scan.exec(paragraph); hit !== null; hit = scan.exec(paragraph)) {
    let start = hit.index;
    while (start > 0 && !endsSentence(paragraph.charCodeAt(start - 1))) start -= 1;
    let end = hit.index + 1;
    while (end < paragraph.length && !endsSentence(paragraph.charCodeAt(end))) end += 1;
    if (end < paragraph.length && paragraph.charCodeAt(end) !== 0x0a) end += 1;
    sentences.push(paragraph.slice(start, end).trim());
    scan.lastIndex = end;
  }
  return sentences;
}

function candidatesOf(text: string, section: number | null, year: number | null): Candidate[] {
  const candidates: Candidate[] = [];
  const hasFigure = HAS_FIGURE.test(text);
  const hasNegation = HAS_NEGATION.test(text);
  if ((!hasFigure && !hasNegation) || ANY_PHRASE?.test(text) === false) return candidates;
  for (let order = 0; order < NARRATIVE_PHRASES.length; order += 1) {
    const phrase = NARRATIVE_PHRASES[order]!;
    if (!(phrase.value === undefined ? hasFigure : hasNegation)) continue;
    if (phrase.context && !phrase.context.test(text) && !(phrase.contextSection !== undefined && section === phrase.contextSection)) continue;
    // exec in place of matchAll, which copies the pattern on each call
    const scanner = SCANNERS[order]!;
    scanner.lastIndex = 0;
    for (let match = scanner.exec(text); match !== null; match = scanner.exec(text)) {
      const words = match[0];
      if (words.length === 0) scanner.lastIndex += 1;
      const candidate = candidateOf(phrase, order, match, text, year);
      if (candidate) candidates.push(candidate);
    }
  }
  return candidates.sort((a, b) => a.start - b.start || a.order - b.order);
}

/** A phrase's match as a candidate claim, or null when the words or what precedes them rule it out. */
function candidateOf(phrase: NarrativePhrase, order: number, match: RegExpExecArray, text: string, year: number | null): Candidate | null {
  const words = match[0];
  const groups = match.groups ?? {};
  if (phrase.requires && !phrase.requires.test(words)) return null;
  if (phrase.forbids && phrase.forbids.test('what' in groups ? groups.what ?? '' : words)) return null;
  let value = phrase.value ?? null;
  if (groups.n !== undefined) {
    const number = parseChineseNumber(groups.n);
    value = number === null ? null : groups.wan ? roundSum(number * 10_000) : number;
  }
  if (value === null) return null;
  if (phrase.notAfter && phrase.notAfter.test(text.slice(0, match.index).replace(/^.*[,;]/, ''))) return null;
  if (elsewhere(text.slice(0, match.index), year)) return null;
  return { phrase, order, start: match.index, end: match.index + words.length, value, words, claim: null };
}

/** The cells a phrase may state, kept per phrase. */
const CELLS_OF_PHRASE = new WeakMap<NarrativePhrase, Set<string>>();

function cellsOf(phrase: NarrativePhrase): Set<string> {
  let cells = CELLS_OF_PHRASE.get(phrase);
  if (!cells) CELLS_OF_PHRASE.set(phrase, (cells = new Set([...phrase.keys, ...(phrase.alternatives ?? []).flat()])));
  return cells;
}

/**
 * The figures a report's prose states about its table cells, in the order they are
 * written. Each is one phrase of NARRATIVE_PHRASES matched in a sentence, where the
 * sentence gives no sign of another period or body.
 */
export function narrativeClaims(report: Report): NarrativeClaim[] {
  const claims: NarrativeClaim[] = [];
  const year = report.meta.year;
  for (const paragraph of report.paragraphs) {
    for (const sentence of figureSentences(paragraph.text)) {
      const text = normalise(sentence);
      const accepted: (Candidate & { claim: NarrativeClaim })[] = [];
      for (const candidate of candidatesOf(text, paragraph.section, year)) {
        const cells = cellsOf(candidate.phrase);
        const overlapping = accepted.some(
          (other) => other.start < candidate.end && candidate.start < other.end && [...cellsOf(other.phrase)].some((key) => cells.has(key)),
        );
        if (overlapping) continue;
        let alternatives = packedMap(candidate.phrase.alternatives ?? [], (keys) => [...keys]);
        const { after } = candidate.phrase;
        if (after) {
          // the claim written last before this one must be the total this breaks down
          const before = accepted.filter((other) => other.end <= candidate.start).sort((a, b) => a.end - b.end);
          const previous = before[before.length - 1];
          if (!previous) continue;
          const anchor = after.includes(previous.phrase.id) ? previous : previous.phrase.after === after ? previous : undefined;
          if (!anchor) continue;
          if (anchor.claim.alternatives.length === 0) alternatives = [];
        }
        const claim: NarrativeClaim = {
          phrase: candidate.phrase.id,
          keys: [...candidate.phrase.keys],
          alternatives,
          value: candidate.value,
          words: candidate.words,
          sentence,
          line: paragraph.line,
          section: paragraph.section,
        };
        candidate.claim = claim;
        accepted.push(candidate as Candidate & { claim: NarrativeClaim });
      }
      accepted.sort((a, b) => a.start - b.start);
      for (const entry of accepted) claims.push(entry.claim);
    }
  }
  return claims;
}

/**
 * The sum of the cells as the table gives them, or null when it cannot be told: a cell
 * absent (the report lacks the row), blank, or invalid (text, a negative).
 */
export function tableSum(report: Report, keys: readonly string[]): number | null {
  let sum = 0;
  for (const key of keys) {
    const value = comparableValue(report, key);
    if (value === null) return null;
    sum += value;
  }
  return roundSum(sum);
}

/** How a message names the cells of a claim: 表三 “（一）予以公开”行 “总计”列, or the phrase's name of a sum. */
export function claimPlace(claim: NarrativeClaim, vocabulary: Vocabulary = NATIONAL_VOCABULARY): string {
  const phrase = NARRATIVE_PHRASES.find((entry) => entry.id === claim.phrase);
  if (claim.keys.length === 1) return describeLocation(claim.keys[0]!, vocabulary);
  return phrase?.place ?? claim.keys.map((key) => describeLocation(key, vocabulary)).join('、');
}
