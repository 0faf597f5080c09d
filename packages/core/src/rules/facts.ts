import { NATIONAL_VOCABULARY, cellKey, type Vocabulary } from '../model/cell-keys.js';
import type { Report } from '../model/schema.js';
import {
  CHINESE_NUMERALS,
  REQUEST_COLUMNS,
  REQUIRED_TABLES,
  REVIEW_GROUPS,
  REVIEW_OUTCOMES,
  SECTIONS,
  TABLES,
  type TableId,
} from '../model/templates.js';

/**
 * One thing a rule found wrong. A fact that returns a list of violations makes a rule
 * fire once per violation; each becomes a finding with the rule's message.
 */
export interface Violation {
  /** cell keys involved; for an identity the total first, then every addend */
  cells: string[];
  actual?: number | string | null;
  expected?: number | string;
  section?: number | null;
  line?: number;
  /** values for the message's {placeholders} */
  vars?: Record<string, string | number>;
}

/** Named sets of keys a rule can iterate over (`"over": { "column": "requests.columns" }`). */
export const KEY_SETS: Record<string, readonly string[]> = {
  'requests.columns': REQUEST_COLUMNS.map((column) => column.key),
  'requests.rows': [...new Set(TABLES.requests.rows.map((row) => row.key))],
  'review.groups': REVIEW_GROUPS.map((group) => group.key),
  'review.outcomes': REVIEW_OUTCOMES.map((outcome) => outcome.key),
};

export interface IdentityParams {
  /** key patterns summed on the left; `{var}` is bound by `over`, `*` matches one key segment */
  left: string[];
  right: string[];
  over?: Record<string, string | string[]>;
  /** largest difference still accepted (amounts); 0 for counts */
  tolerance?: number;
}

export interface CellComparison {
  /** all must hold: [key, operator, number or key] */
  if: [string, '>' | '>=' | '<' | '<=' | '=' | '!=', number | string][];
  /** the reason, in Chinese, put in the message as {because} */
  because: string;
}

/** What facts know besides the report: the cell keys in force. */
export interface FactContext {
  vocabulary: Vocabulary;
}

const NATIONAL_CONTEXT: FactContext = { vocabulary: NATIONAL_VOCABULARY };

type Fact = (report: Report, params: never, context: FactContext) => unknown;

const numeral = (n: number): string => CHINESE_NUMERALS[n] ?? String(n);

function sectionTitle(number: number): string {
  return SECTIONS.find((section) => section.number === number)?.title ?? '';
}

/** Expands a key pattern against the report's keys: `requests.denied.*.total`. */
export function expandPattern(pattern: string, report: Report): string[] {
  if (!pattern.includes('*')) return pattern in report.cells ? [pattern] : [];
  let expanded = EXPANSIONS.get(report);
  if (!expanded) EXPANSIONS.set(report, (expanded = new Map()));
  let keys = expanded.get(pattern);
  if (!keys) {
    const regex = new RegExp(`^${pattern.replace(/\./g, '\\.').replace(/\*/g, '[^.]+')}$`);
    keys = Object.keys(report.cells).filter((key) => regex.test(key));
    expanded.set(pattern, keys);
  }
  return keys;
}

/**
 * Wildcard expansions per report: the same patterns recur in every rule and binding.
 * Reports are values: to check a changed report, check a changed copy.
 */
const EXPANSIONS = new WeakMap<Report, Map<string, string[]>>();

/** The patterns of each binding of an identity, substituted once per rule, not per report. */
const PLANS = new WeakMap<IdentityParams, { left: string[]; right: string[] }[]>();

function planOf(params: IdentityParams): { left: string[]; right: string[] }[] {
  let plan = PLANS.get(params);
  if (!plan) {
    plan = bindings(params.over).map((binding) => ({
      left: params.left.map((pattern) => substitute(pattern, binding)),
      right: params.right.map((pattern) => substitute(pattern, binding)),
    }));
    PLANS.set(params, plan);
  }
  return plan;
}

function bindings(over: IdentityParams['over']): Record<string, string>[] {
  let result: Record<string, string>[] = [{}];
  for (const [name, set] of Object.entries(over ?? {})) {
    const values = typeof set === 'string' ? KEY_SETS[set] ?? [] : set;
    result = result.flatMap((binding) => values.map((value) => ({ ...binding, [name]: value })));
  }
  return result;
}

function substitute(pattern: string, binding: Record<string, string>): string {
  return pattern.replace(/\{(\w+)\}/g, (whole, name: string) => binding[name] ?? whole);
}

/** A cell's value when it counts in a sum: blank and invalid cells are unknown. */
function known(report: Report, key: string): number | null {
  const value = report.cells[key];
  return typeof value === 'number' && !(key in report.problems) ? value : null;
}

interface Side {
  sum: number;
  /** some cell is blank or invalid: the true sum is at least `sum` */
  partial: boolean;
  /** no cell has a value */
  empty: boolean;
}

function side(report: Report, keys: readonly string[]): Side {
  const values = keys.map((key) => known(report, key));
  const numbers = values.filter((value): value is number => value !== null);
  return { sum: numbers.reduce((total, value) => total + value, 0), partial: numbers.length < values.length, empty: numbers.length === 0 };
}

/**
 * `left` sums must equal `right` sums, for every binding. Blank cells are unknown, not
 * zero: a side with blanks is only known to be at least its sum, so it is a violation
 * only when the other, complete side is smaller than that. A sum with an invalid cell is
 * not checked.
 */
export function identityViolations(report: Report, params: IdentityParams): Violation[] {
  const violations: Violation[] = [];
  const tolerance = (params.tolerance ?? 0) + 1e-9;
  for (const patterns of planOf(params)) {
    const left = patterns.left.flatMap((pattern) => expandPattern(pattern, report));
    const right = patterns.right.flatMap((pattern) => expandPattern(pattern, report));
    // an invalid cell (text, a negative) makes the sum meaningless: cell-invalid reports it
    if ([...left, ...right].some((key) => key in report.problems)) continue;
    const l = side(report, left);
    const r = side(report, right);
    if (l.empty || r.empty || (l.partial && r.partial)) continue;
    const differs = l.partial ? l.sum - r.sum > tolerance : r.partial ? r.sum - l.sum > tolerance : Math.abs(l.sum - r.sum) > tolerance;
    if (differs) violations.push({ cells: [...left, ...right], actual: round(l.sum), expected: round(r.sum) });
  }
  return violations;
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

export function missingSections(report: Report): Violation[] {
  return SECTIONS.filter((section) => !report.sections.some((found) => found.number === section.number)).map((section) => ({
    cells: [],
    section: section.number,
    vars: { sectionNumber: numeral(section.number), sectionTitle: section.title },
  }));
}

/**
 * Sections out of order: those outside the longest run of sections already in order, so
 * one misplaced section gives one finding, however many it displaced.
 */
export function sectionOrderViolations(report: Report): Violation[] {
  const numbers = report.sections.map((section) => section.number);
  const inOrder = longestIncreasing(numbers);
  return report.sections
    .filter((_, index) => !inOrder.has(index))
    .map((section) => {
      const before = Math.max(0, ...numbers.filter((number, index) => inOrder.has(index) && number < section.number));
      return {
        cells: [],
        section: section.number,
        line: section.line,
        vars: {
          sectionNumber: numeral(section.number),
          sectionTitle: sectionTitle(section.number),
          where: before === 0 ? '最前面' : `第${numeral(before)}部分“${sectionTitle(before)}”之后`,
        },
      };
    });
}

/** Indexes of one longest strictly increasing subsequence. */
function longestIncreasing(values: readonly number[]): Set<number> {
  const length = values.map(() => 1);
  const previous = values.map(() => -1);
  values.forEach((value, i) => {
    for (let j = 0; j < i; j += 1) {
      if (values[j]! < value && length[j]! + 1 > length[i]!) {
        length[i] = length[j]! + 1;
        previous[i] = j;
      }
    }
  });
  const kept = new Set<number>();
  let index = length.indexOf(Math.max(0, ...length));
  while (index >= 0) {
    kept.add(index);
    index = previous[index]!;
  }
  return kept;
}

export function missingTables(report: Report): Violation[] {
  return REQUIRED_TABLES.filter((table) => !report.tables.some((found) => found.id === table)).map((table) => ({
    cells: [],
    section: TABLES[table].section,
    vars: { table: TABLES[table].name, tableTitle: TABLES[table].title },
  }));
}

/**
 * Rows the report's template requires in a table that is present but lacks them; with
 * `rows`, only those rows (e.g. a row a pack adds).
 */
export function missingRows(report: Report, params: { table: TableId; rows?: string[] }, context = NATIONAL_CONTEXT): Violation[] {
  const table = TABLES[params.table];
  if (!report.template || !report.tables.some((found) => found.id === table.id)) return [];
  // without `rows`, the national template's rows: a pack's own rows are its rules' business
  const rows = params.rows
    ? context.vocabulary.rowsOf(table.id, report.template).filter((row) => params.rows!.includes(row.key))
    : NATIONAL_VOCABULARY.rowsOf(table.id, report.template);
  return rows
    .filter((row) => !row.columns.some((column) => cellKey(table.id, row.key, column.key) in report.cells))
    .map((row) => ({
      cells: row.columns.map((column) => cellKey(table.id, row.key, column.key)),
      section: table.section,
      vars: { table: table.name, row: row.label },
    }));
}

/** Blank cells (empty, /, —), one violation per row. Text is not blank: see invalidCells. */
export function blankCells(report: Report, params: { tables?: TableId[] }, context = NATIONAL_CONTEXT): Violation[] {
  const { vocabulary } = context;
  const tables = params.tables ?? ['active', 'requests', 'review', 'fees'];
  const byRow = new Map<string, string[]>();
  for (const [key, value] of Object.entries(report.cells)) {
    const info = vocabulary.info(key);
    if (value !== null || !info || !tables.includes(info.table) || key in report.problems) continue;
    const row = info.row ? `${info.table}.${info.row}` : info.table;
    byRow.set(row, [...(byRow.get(row) ?? []), key]);
  }
  return [...byRow.values()].map((keys) => ({
    cells: keys,
    line: report.sources[keys[0]!]?.line,
    vars: {
      columns: keys.map((key) => `“${vocabulary.info(key)!.columnLabel}”`).join('、'),
      count: keys.length,
    },
  }));
}

export function invalidCells(report: Report): Violation[] {
  return Object.entries(report.problems).map(([key, problem]) => ({
    cells: [key],
    actual: report.sources[key]?.text ?? null,
    vars: { problem },
  }));
}

const COMPARE: Record<CellComparison['if'][number][1], (a: number, b: number) => boolean> = {
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '=': (a, b) => a === b,
  '!=': (a, b) => a !== b,
};

/** Each check whose comparisons all hold (on cells that have numbers) is a violation. */
export function cellComparisons(report: Report, params: { checks: CellComparison[] }, context = NATIONAL_CONTEXT): Violation[] {
  const violations: Violation[] = [];
  for (const check of params.checks) {
    const cells = new Set<string>();
    const holds = check.if.every(([key, operator, operand]) => {
      const left = known(report, key);
      const right = typeof operand === 'number' ? operand : known(report, operand);
      cells.add(key);
      if (typeof operand === 'string') cells.add(operand);
      return left !== null && right !== null && COMPARE[operator](left, right);
    });
    if (holds) {
      const first = check.if[0]![0];
      const values = [...cells].map((key) => `${context.vocabulary.info(key)?.columnLabel ?? key} ${report.cells[key]}`).join('，');
      violations.push({ cells: [...cells], actual: report.cells[first] ?? null, vars: { because: check.because, values } });
    }
  }
  return violations;
}

/** Dated after the deadline (31 January of the year after the reporting year, by default). */
export function lateness(report: Report, params: { month?: number; day?: number }): Violation[] {
  const { publishedAt, year } = report.meta;
  if (!publishedAt || year === null) return [];
  const deadline = `${year + 1}-${String(params.month ?? 1).padStart(2, '0')}-${String(params.day ?? 31).padStart(2, '0')}`;
  return publishedAt > deadline ? [{ cells: [], actual: publishedAt, expected: deadline, section: null }] : [];
}

/** The title's year, the statistics period and the opening of section 一 must agree. */
export function periodMismatches(report: Report): Violation[] {
  const { titleYear, period } = report.meta;
  const violations: Violation[] = [];
  if (period) {
    const start = Number(period.start.slice(0, 4));
    const end = Number(period.end.slice(0, 4));
    const year = titleYear ?? end;
    if (start !== end) {
      violations.push({
        cells: [],
        line: period.line,
        actual: period.text,
        expected: `${year}年1月1日至${year}年12月31日`,
        vars: { what: `统计期限“${period.text}”跨越两个年度，应为 ${year}年1月1日至12月31日` },
      });
    } else if (start !== year) {
      violations.push({ cells: [], line: period.line, actual: start, expected: year, vars: { what: `标题为 ${year} 年，统计期限为 ${start} 年` } });
    }
  }
  const reportYear = titleYear ?? (period ? Number(period.start.slice(0, 4)) : null);
  const opening = report.paragraphs.find((paragraph) => paragraph.section === 1);
  const openingYear = opening ? /^\s*((?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月)/.exec(opening.text.normalize('NFKC'))?.[1] : undefined;
  if (reportYear !== null && openingYear && Number(openingYear) !== reportYear) {
    violations.push({
      cells: [],
      section: 1,
      line: opening!.line,
      actual: Number(openingYear),
      expected: reportYear,
      vars: { what: `“一、总体情况”写的是 ${openingYear} 年，报告年度为 ${reportYear} 年` },
    });
  }
  return violations;
}

/**
 * The named facts rules may use. Facts returning a list of violations fire a rule once
 * per violation; the others (template, year, cell, feeStatement) are compared with
 * json-rules-engine's operators.
 */
export const FACTS: Record<string, Fact> = {
  template: (report) => report.template,
  year: (report) => report.meta.year,
  feeStatement: (report) => report.feeStatement,
  cell: (report, params: { key: string }) => report.cells[params.key] ?? null,
  identityViolations,
  missingSections,
  sectionOrderViolations,
  missingTables,
  missingRows,
  blankCells,
  invalidCells,
  cellComparisons,
  lateness,
  periodMismatches,
};
