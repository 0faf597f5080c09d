/**
 * Facts that compare a report with other reports: last year's report of the same agency
 * (`related.previous`) and the reports a summary report adds up (`related.children`).
 * They read `FactContext.related`, which `RuleEngine.check(report, related)` sets, and
 * find nothing when the report they need is not given.
 */
import { NATIONAL_VOCABULARY } from '../model/cell-keys.js';
import type { RelatedPlace, RelatedReport, Report } from '../model/schema.js';
import { REQUEST_COLUMNS } from '../model/templates.js';
import { comparableValue, roundSum } from '../model/values.js';
import { sourceOf } from '../reader/sources.js';
// types only: facts.ts imports this module to register the facts
import type { FactContext, Violation } from './facts.js';

const NATIONAL_CONTEXT: FactContext = { vocabulary: NATIONAL_VOCABULARY };

/** Another report's cell as a related place: its name, the cell, its source line and value. */
function placeOf(other: RelatedReport, key: string): RelatedPlace {
  const place: RelatedPlace = { report: other.name, cells: [key] };
  const line = sourceOf(other.report, key)?.line;
  if (line !== undefined) place.line = line;
  if (Object.hasOwn(other.report.cells, key)) place.value = other.report.cells[key] ?? null;
  return place;
}

/**
 * 表三 第二项 (上年结转) of each column must equal last year's 第四项 (结转下年度继续办理)
 * of the same column: one violation per column where both are numbers and differ. Cells:
 * this year's `requests.carriedOver.<column>`; related: last year's
 * `requests.carriedForward.<column>`. Nothing without `related.previous`.
 */
export function carryoverMismatches(report: Report, _params: unknown, context: FactContext = NATIONAL_CONTEXT): Violation[] {
  const previous = context.related?.previous;
  if (!previous) return [];
  const violations: Violation[] = [];
  for (const { key: column } of REQUEST_COLUMNS) {
    const key = `requests.carriedOver.${column}`;
    const previousKey = `requests.carriedForward.${column}`;
    const value = comparableValue(report, key);
    const previousValue = comparableValue(previous.report, previousKey);
    if (value === null || previousValue === null || value === previousValue) continue;
    violations.push({
      cells: [key],
      actual: value,
      expected: previousValue,
      vars: { previousName: previous.name },
      related: [placeOf(previous, previousKey)],
    });
  }
  return violations;
}

/** The rows of 表二 (2021 template) whose 现行有效件数 carries over from year to year. */
const VALID_COUNT_ROWS = ['active.regulations', 'active.normativeDocuments'] as const;

/**
 * 表二 (2021 template) 规章 and 行政规范性文件: this year's 现行有效件数 should be last
 * year's plus this year's 本年制发件数 less 本年废止件数. One violation per row where all
 * four cells are numbers and it does not hold. Cells: `.valid`, `.issued`, `.repealed` of
 * this year; related: last year's `.valid`. Reports in the 2019 template have no such
 * keys and are not checked; nothing without `related.previous`.
 */
export function validCountDiscontinuities(report: Report, _params: unknown, context: FactContext = NATIONAL_CONTEXT): Violation[] {
  const previous = context.related?.previous;
  if (!previous) return [];
  const violations: Violation[] = [];
  for (const row of VALID_COUNT_ROWS) {
    const valid = comparableValue(report, `${row}.valid`);
    const issued = comparableValue(report, `${row}.issued`);
    const repealed = comparableValue(report, `${row}.repealed`);
    const previousValid = comparableValue(previous.report, `${row}.valid`);
    if (valid === null || issued === null || repealed === null || previousValid === null) continue;
    const expected = previousValid + issued - repealed;
    if (valid === expected) continue;
    violations.push({
      cells: [`${row}.valid`, `${row}.issued`, `${row}.repealed`],
      actual: valid,
      expected,
      vars: { previousName: previous.name, previousValid, issued, repealed },
      related: [placeOf(previous, `${row}.valid`)],
    });
  }
  return violations;
}

export interface SimilarityParams {
  /** the similarity (0–1) from which a report counts as copied; 0.9 unless told */
  threshold?: number;
  /** prose shorter than this, after normalisation, is not judged; 200 unless told */
  minLength?: number;
  /** characters per shingle; 5 unless told */
  shingle?: number;
}

/** The placeholder every number and year of the prose becomes. */
const NUMBER = '#';
/** A year in Chinese numerals (二〇二二年, 二零二三年): the year, without 年. */
const CHINESE_YEAR = /[〇零○一二三四五六七八九]{4}(?=年)/gu;
const DIGITS = /\d+/gu;
/** Whitespace, punctuation and symbols: not what a report says. */
const NOISE = /[\s\p{P}\p{S}]+/gu;

/**
 * The prose of a report as the similarity compares it: its paragraphs joined, NFKC,
 * whitespace, punctuation and symbols removed, then every run of digits (1,234 is one)
 * and every year in Chinese numerals one placeholder. A report copied with its years and
 * figures changed gives the same text.
 */
export function normalizeProse(report: Report): string {
  return report.paragraphs
    .map((paragraph) => paragraph.text)
    .join('\n')
    .normalize('NFKC')
    .replace(NOISE, '')
    .replace(CHINESE_YEAR, NUMBER)
    .replace(DIGITS, NUMBER);
}

/** The set of `size`-character shingles of a text (code points, not UTF-16 units). */
export function shingles(text: string, size: number): Set<string> {
  const characters = [...text];
  const set = new Set<string>();
  for (let index = 0; index + size <= characters.length; index += 1) set.add(characters.slice(index, index + size).join(''));
  return set;
}

/** Jaccard similarity of two sets: |A ∩ B| / |A ∪ B| (1 for two empty sets). */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const item of small) if (large.has(item)) shared += 1;
  return shared / (a.size + b.size - shared);
}

/** The similarity of two reports' prose (0–1), or null when either is shorter than `minLength`. */
export function proseSimilarity(a: Report, b: Report, params: SimilarityParams = {}): number | null {
  const minLength = params.minLength ?? 200;
  const size = params.shingle ?? 5;
  const [left, right] = [normalizeProse(a), normalizeProse(b)];
  if ([...left].length < minLength || [...right].length < minLength) return null;
  return jaccard(shingles(left, size), shingles(right, size));
}

const percent = (value: number): string => `${Math.round(value * 100)}%`;

/**
 * A report whose prose is last year's: the Jaccard similarity of the two reports'
 * 5-character shingles, after `normalizeProse` (years and figures made one placeholder,
 * so a report copied with its year and numbers changed scores 1). One violation when the
 * similarity reaches `threshold` (0.9 unless told): `actual` is the similarity rounded to
 * two decimals, `expected` the threshold, vars `similarity` and `threshold` as
 * percentages. Nothing when either prose is shorter than `minLength` (200 characters
 * after normalisation), or without `related.previous`.
 *
 * The threshold 0.9, measured on the five real seed reports (five agencies) and the
 * text examples: different real reports score 0.01–0.05 with one another and at most
 * 0.09 with an example, although they share the template's set phrases; the examples,
 * fictional reports written on one pattern, 0.06–0.33 among themselves. A seed copied
 * with its years and figures changed scores 1.00; with its longest paragraph rewritten,
 * 0.77–0.86. So 0.9 flags only reports copied nearly word for word, and a report
 * reworked in part is left alone (lower it, say to 0.75, to flag those too).
 */
export function reportSimilarity(report: Report, params: SimilarityParams | undefined, context: FactContext = NATIONAL_CONTEXT): Violation[] {
  const previous = context.related?.previous;
  if (!previous) return [];
  const threshold = params?.threshold ?? 0.9;
  const similarity = proseSimilarity(report, previous.report, params ?? {});
  if (similarity === null || similarity < threshold) return [];
  return [
    {
      cells: [],
      section: null,
      actual: Math.round(similarity * 100) / 100,
      expected: threshold,
      vars: { previousName: previous.name, similarity: percent(similarity), threshold: percent(threshold) },
      related: [{ report: previous.name }],
    },
  ];
}

export interface RollupParams {
  /** the largest difference accepted for amounts (in the cell's unit: 万元 or 元); 0.01 unless told. Counts must match exactly. */
  amountTolerance?: number;
}

/**
 * A summary report's cells must be the sums of its children's (`related.children`, at
 * least one). Checked for every cell key the summary has as a number and at least one
 * child has as a number. A child whose cell is blank, invalid or absent (the row
 * missing) is unknown, not zero — as in the pack's identities: with every child known
 * the summary must equal their sum; with some unknown, the known ones are only a lower
 * bound, and the summary is wrong only when it is smaller than that (the unknown cells
 * get their own findings on the child's report). Amounts (`active.charges.amount` in
 * 万元, `fees.*Amount` in 元) may differ by `amountTolerance`, counts not at all.
 *
 * One violation per key: cells `[key]`, `actual` the summary's value, `expected` the
 * children's (known) sum, vars `children` ("甲局 3、乙局 2、丙局 空"), `childCount` and
 * `sumText`, and related one place per child (name, cell, line, value).
 */
export function rollupMismatches(report: Report, params: RollupParams | undefined, context: FactContext = NATIONAL_CONTEXT): Violation[] {
  const children = context.related?.children;
  if (!children || children.length === 0) return [];
  const amountTolerance = params?.amountTolerance ?? 0.01;
  const violations: Violation[] = [];
  for (const key of Object.keys(report.cells)) {
    const total = comparableValue(report, key);
    if (total === null) continue;
    const values = children.map((child) => comparableValue(child.report, key));
    if (values.every((value) => value === null)) continue;
    const sum = roundSum(values.reduce<number>((acc, value) => acc + (value ?? 0), 0));
    const unknown = values.filter((value) => value === null).length;
    const tolerance = (context.vocabulary.info(key)?.kind === 'amount' ? amountTolerance : 0) + 1e-9;
    if (unknown === 0 ? Math.abs(total - sum) <= tolerance : total >= sum - tolerance) continue;
    const listed = children.map((child, index) => `${child.name} ${describeChildCell(child.report, key, values[index]!)}`);
    violations.push({
      cells: [key],
      actual: total,
      expected: sum,
      vars: {
        children: listed.join('、'),
        childCount: children.length,
        sumText:
          unknown === 0
            ? `${children.length} 个下级报告之和为 ${sum}`
            : `已填写的下级报告之和已达 ${sum}（另有 ${unknown} 个未填写）`,
      },
      related: children.map((child) => placeOf(child, key)),
    });
  }
  return violations;
}

/** A child's cell in the list of a roll-up finding: its value, 空 (blank), 有误 (invalid) or 无此项 (absent). */
function describeChildCell(report: Report, key: string, value: number | null): string {
  if (value !== null) return String(value);
  if (!Object.hasOwn(report.cells, key)) return '无此项';
  return Object.hasOwn(report.problems, key) ? '有误' : '空';
}

/**
 * The facts that read other reports (`FactContext.related`), registered with the others in
 * FACTS. A rule using one is a cross-report rule (isCrossReportRule): silent on a report
 * checked alone.
 */
export const CROSS_REPORT_FACTS = { carryoverMismatches, validCountDiscontinuities, reportSimilarity, rollupMismatches } as const;
