import { cellInfo, cellKey, rowOf } from '../model/cell-keys.js';
import type { Report } from '../model/schema.js';
import {
  CHINESE_NUMERALS,
  REQUEST_COLUMNS,
  REQUIRED_TABLES,
  REVIEW_GROUPS,
  REVIEW_OUTCOMES,
  SECTIONS,
  TABLES,
  templateRows,
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

type Fact = (report: Report, params: never) => unknown;

const numeral = (n: number): string => CHINESE_NUMERALS[n] ?? String(n);

function sectionTitle(number: number): string {
  return SECTIONS.find((section) => section.number === number)?.title ?? '';
}

/** Expands a key pattern against the report's keys: `requests.denied.*.total`. */
export function expandPattern(pattern: string, report: Report): string[] {
  if (!pattern.includes('*')) return pattern in report.cells ? [pattern] : [];
  const regex = new RegExp(`^${pattern.replace(/\./g, '\\.').replace(/\*/g, '[^.]+')}$`);
  return Object.keys(report.cells).filter((key) => regex.test(key));
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

function sum(report: Report, keys: readonly string[]): number | null {
  const values = keys.map((key) => report.cells[key]).filter((value): value is number => typeof value === 'number');
  return values.length === 0 ? null : values.reduce((total, value) => total + value, 0);
}

/** `left` sums must equal `right` sums, for every binding; blank sides are not checked. */
export function identityViolations(report: Report, params: IdentityParams): Violation[] {
  const violations: Violation[] = [];
  for (const binding of bindings(params.over)) {
    const left = params.left.flatMap((pattern) => expandPattern(substitute(pattern, binding), report));
    const right = params.right.flatMap((pattern) => expandPattern(substitute(pattern, binding), report));
    const leftSum = sum(report, left);
    const rightSum = sum(report, right);
    if (leftSum === null || rightSum === null) continue;
    if (Math.abs(leftSum - rightSum) <= (params.tolerance ?? 0) + 1e-9) continue;
    violations.push({ cells: [...left, ...right], actual: round(leftSum), expected: round(rightSum) });
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

/** A section whose heading comes after that of a later-numbered section. */
export function sectionOrderViolations(report: Report): Violation[] {
  const violations: Violation[] = [];
  let highest = 0;
  for (const section of report.sections) {
    if (section.number < highest) {
      violations.push({
        cells: [],
        section: section.number,
        line: section.line,
        vars: {
          sectionNumber: numeral(section.number),
          sectionTitle: sectionTitle(section.number),
          previousNumber: numeral(highest),
          previousTitle: sectionTitle(highest),
        },
      });
    }
    highest = Math.max(highest, section.number);
  }
  return violations;
}

export function missingTables(report: Report): Violation[] {
  return REQUIRED_TABLES.filter((table) => !report.tables.some((found) => found.id === table)).map((table) => ({
    cells: [],
    section: TABLES[table].section,
    vars: { table: TABLES[table].name, tableTitle: TABLES[table].title },
  }));
}

/** Rows the report's template requires in a table that is present but lacks them. */
export function missingRows(report: Report, params: { table: TableId }): Violation[] {
  const table = TABLES[params.table];
  if (!report.template || !report.tables.some((found) => found.id === table.id)) return [];
  return templateRows(table.id, report.template)
    .filter((row) => !row.columns.some((column) => cellKey(table.id, row.key, column.key) in report.cells))
    .map((row) => ({
      cells: row.columns.map((column) => cellKey(table.id, row.key, column.key)),
      section: table.section,
      vars: { table: table.name, row: row.label },
    }));
}

/** Blank cells (empty, /, —), one violation per row. Text is not blank: see invalidCells. */
export function blankCells(report: Report, params: { tables?: TableId[] }): Violation[] {
  const tables = params.tables ?? ['active', 'requests', 'review', 'fees'];
  const byRow = new Map<string, string[]>();
  for (const [key, value] of Object.entries(report.cells)) {
    const info = cellInfo(key);
    if (value !== null || !info || !tables.includes(info.table) || key in report.problems) continue;
    const row = rowOf(key);
    byRow.set(row, [...(byRow.get(row) ?? []), key]);
  }
  return [...byRow.values()].map((keys) => ({
    cells: keys,
    line: report.sources[keys[0]!]?.line,
    vars: {
      columns: keys.map((key) => `“${cellInfo(key)!.columnLabel}”`).join('、'),
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
export function cellComparisons(report: Report, params: { checks: CellComparison[] }): Violation[] {
  const violations: Violation[] = [];
  for (const check of params.checks) {
    const cells = new Set<string>();
    const holds = check.if.every(([key, operator, operand]) => {
      const left = report.cells[key];
      const right = typeof operand === 'number' ? operand : report.cells[operand];
      cells.add(key);
      if (typeof operand === 'string') cells.add(operand);
      return typeof left === 'number' && typeof right === 'number' && COMPARE[operator](left, right);
    });
    if (holds) {
      const first = check.if[0]![0];
      violations.push({ cells: [...cells], actual: report.cells[first] ?? null, vars: { because: check.because } });
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
    if (start !== end) {
      violations.push({ cells: [], line: period.line, actual: period.text, expected: `${start}年1月1日至${start}年12月31日`, vars: { what: '统计期限跨越不同年度' } });
    } else if (titleYear !== null && start !== titleYear) {
      violations.push({ cells: [], line: period.line, actual: start, expected: titleYear, vars: { what: `标题为 ${titleYear} 年，统计期限为 ${start} 年` } });
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
