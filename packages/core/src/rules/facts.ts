import { NATIONAL_VOCABULARY, cellKey, type CellKeyInfo, type Vocabulary } from '../model/cell-keys.js';
import type { RelatedPlace, RelatedReports, Report } from '../model/schema.js';
import {
  CHINESE_NUMERALS,
  REQUEST_COLUMNS,
  REQUIRED_TABLES,
  REVIEW_GROUPS,
  REVIEW_OUTCOMES,
  SECTIONS,
  TABLES,
  type RowDef,
  type TableId,
} from '../model/templates.js';
import { claimPlace, narrativeClaims, tableSum } from '../reader/narrative.js';
import { sourceOf } from '../reader/sources.js';
import { packedMap, roundSum } from '../model/values.js';
import { CROSS_REPORT_FACTS } from './cross-report.js';

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
  /** the other places compared (see Finding#related) */
  related?: RelatedPlace[];
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
  /**
   * Set by an engine for one check of one report: where the facts keep what they read of
   * it once (its cell keys and values) for the other facts of that check. Without it,
   * each fact reads the report itself.
   */
  scratch?: FactScratch;
  /** the other reports of this check (last year's, a summary's children), when given */
  related?: RelatedReports;
}

/** What facts share during one check of one report (see FactContext#scratch). */
export interface FactScratch {
  report?: Report;
  scan?: unknown;
}

const NATIONAL_CONTEXT: FactContext = { vocabulary: NATIONAL_VOCABULARY };

type Fact = (report: Report, params: never, context: FactContext) => unknown;

const numeral = (n: number): string => CHINESE_NUMERALS[n] ?? String(n);

function sectionTitle(number: number): string {
  return SECTIONS.find((section) => section.number === number)?.title ?? '';
}

/** A wildcard pattern, compiled once: its RegExp and the literal text every match starts and ends with. */
interface Wildcard {
  regex: RegExp;
  /** literal start of every matching key ('' when unknown) */
  prefix: string;
  /** literal end of every matching key ('' when unknown) */
  suffix: string;
}

const WILDCARDS = new Map<string, Wildcard>();
/** Text that stands for itself in the RegExp a pattern becomes (its dots are escaped). */
const LITERAL = /^[A-Za-z0-9_.]*$/;

function wildcard(pattern: string): Wildcard {
  let compiled = WILDCARDS.get(pattern);
  if (!compiled) {
    const regex = new RegExp(`^${pattern.replace(/\./g, '\\.').replace(/\*/g, '[^.]+')}$`);
    const prefix = pattern.slice(0, pattern.indexOf('*'));
    const suffix = pattern.slice(pattern.lastIndexOf('*') + 1);
    compiled = { regex, prefix: LITERAL.test(prefix) ? prefix : '', suffix: LITERAL.test(suffix) ? suffix : '' };
    if (WILDCARDS.size >= 10_000) WILDCARDS.clear();
    WILDCARDS.set(pattern, compiled);
  }
  return compiled;
}

/**
 * What the facts keep of one list of cell keys, in order: wildcard expansions (by literal
 * prefix and by pattern), each key's position, and the identities' bindings resolved to
 * positions. Reports of one template mostly have the same keys in the same order, so the
 * lists of the last few reports are kept and shared by the reports that have them.
 */
interface KeyList {
  keys: readonly string[];
  byPrefix: Map<string, string[]>;
  patterns: Map<string, string[]>;
  positions: Map<string, number> | undefined;
  resolved: WeakMap<readonly Binding[], ResolvedBinding[]>;
  /** by a table's list of rows: those none of whose keys the list has (see rowsWithoutKeys) */
  rowsMissing: WeakMap<readonly RowDef[], readonly RowDef[]>;
}

/** What the facts read of one report, once: its keys (a shared list) and its values in the same order. */
interface Scan {
  list: KeyList;
  /** `Object.values(cells)`: the value of `list.keys[i]` is `values[i]` */
  values: readonly unknown[];
  /** no dotted name is `in` the cells but their own keys (they inherit from a plain Object.prototype) */
  plain: boolean;
  /** Object.prototype has a dotted name (as good as never) */
  dottedPrototype: boolean;
}

/** Expands a key pattern against the report's keys: `requests.denied.*.total`. */
export function expandPattern(pattern: string, report: Report): string[] {
  if (!pattern.includes('*')) return pattern in report.cells ? [pattern] : [];
  return expandWildcard(pattern, sharedList(Object.keys(report.cells))).slice();
}

/**
 * The report's keys and values, read once per check (the engine's scratch) for all the
 * facts that scan them, or once per fact without one.
 */
function scanOf(report: Report, context: FactContext): Scan {
  const { scratch } = context;
  if (scratch && scratch.report === report && scratch.scan) return scratch.scan as Scan;
  const { cells } = report;
  const prototype: unknown = Object.getPrototypeOf(cells);
  const dotted = dottedPrototype();
  const scan: Scan = {
    list: sharedList(Object.keys(cells)),
    values: Object.values(cells),
    plain: prototype === null || (prototype === Object.prototype && !dotted),
    dottedPrototype: dotted,
  };
  if (scratch) {
    scratch.report = report;
    scratch.scan = scan;
  }
  return scan;
}

/** Whether Object.prototype has a dotted name, which a cell key could then inherit. */
function dottedPrototype(): boolean {
  return Object.getOwnPropertyNames(Object.prototype).some((name) => name.includes('.'));
}

const RECENT: KeyList[] = [];
const RECENT_LISTS = 8;

/** The kept list with these keys (compared one by one: Object.keys gives interned strings), or a new one. */
function sharedList(keys: string[]): KeyList {
  for (let index = 0; index < RECENT.length; index += 1) {
    const known = RECENT[index]!;
    if (!sameKeys(known.keys, keys)) continue;
    if (index > 0) {
      RECENT.splice(index, 1);
      RECENT.unshift(known);
    }
    return known;
  }
  const list: KeyList = { keys, byPrefix: new Map(), patterns: new Map(), positions: undefined, resolved: new WeakMap(), rowsMissing: new WeakMap() };
  RECENT.unshift(list);
  if (RECENT.length > RECENT_LISTS) RECENT.pop();
  return list;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index += 1) if (a[index] !== b[index]) return false;
  return true;
}

function expandWildcard(pattern: string, list: KeyList): string[] {
  let keys = list.patterns.get(pattern);
  if (!keys) {
    const { regex, prefix, suffix } = wildcard(pattern);
    let candidates = list.byPrefix.get(prefix);
    if (!candidates) {
      candidates = list.keys.filter((key) => key.startsWith(prefix));
      list.byPrefix.set(prefix, candidates);
    }
    keys = candidates.filter((key) => key.endsWith(suffix) && regex.test(key));
    if (list.patterns.size >= 10_000) list.patterns.clear();
    list.patterns.set(pattern, keys);
  }
  return keys;
}

function positionsOf(list: KeyList): Map<string, number> {
  if (!list.positions) list.positions = new Map(list.keys.map((key, index) => [key, index]));
  return list.positions;
}

/** One pattern of a binding, substituted: a key, or a wildcard pattern. */
interface Term {
  pattern: string;
  wildcard: boolean;
  /** the pattern, and so every key it stands for, has a dot: no Object.prototype name has one */
  dotted: boolean;
}

/** One binding of an identity: the patterns of its two sides. */
interface Binding {
  left: Term[];
  right: Term[];
}

/** A binding's cells as positions in a key list, in the order the patterns give them. */
interface ResolvedBinding {
  left: number[];
  right: number[];
}

/** The patterns of each binding of an identity, substituted once per rule, not per report. */
const PLANS = new WeakMap<IdentityParams, Binding[]>();

function planOf(params: IdentityParams): Binding[] {
  let plan = PLANS.get(params);
  if (!plan) {
    const term = (pattern: string): Term => ({ pattern, wildcard: pattern.includes('*'), dotted: pattern.includes('.') });
    plan = bindings(params.over).map((binding) => ({
      left: params.left.map((pattern) => term(substitute(pattern, binding))),
      right: params.right.map((pattern) => term(substitute(pattern, binding))),
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

/**
 * The bindings as positions in a key list, or undefined when a pattern has no dot (a key
 * absent from the list could then still be `in` the cells, inherited).
 */
function resolve(plan: Binding[], list: KeyList): ResolvedBinding[] | undefined {
  let resolved = list.resolved.get(plan);
  if (!resolved) {
    if (!plan.every((binding) => [...binding.left, ...binding.right].every((term) => term.dotted))) return undefined;
    const positions = positionsOf(list);
    const side = (terms: readonly Term[]): number[] =>
      terms.flatMap((term) => (term.wildcard ? expandWildcard(term.pattern, list) : [term.pattern]).flatMap((key) => positions.get(key) ?? []));
    resolved = plan.map((binding) => ({ left: side(binding.left), right: side(binding.right) }));
    list.resolved.set(plan, resolved);
  }
  return resolved;
}

/** A cell's value when it counts in a sum: blank and invalid cells are unknown. */
function known(report: Report, key: string): number | null {
  const value = report.cells[key];
  return typeof value === 'number' && !(key in report.problems) ? value : null;
}

/** The sum of one side of an identity, as `addSide` leaves it (facts run synchronously). */
let sideSum = 0;
/** cells of the side that have a value */
let sideNumbers = 0;
/** cells of the side present in the report */
let sideCells = 0;

/**
 * Whether a dotted cell key can be `in` the problems: not when they have no property of
 * their own and inherit only from an Object.prototype without dotted names (the common
 * case, where the check per cell can be skipped).
 */
function problemsPossible(problems: Report['problems'], scan: Scan): boolean {
  if (Object.getOwnPropertyNames(problems).length > 0) return true;
  const prototype: unknown = Object.getPrototypeOf(problems);
  if (prototype === null) return false;
  return prototype !== Object.prototype || scan.dottedPrototype;
}

/**
 * Sums the cells at `positions` into sideSum, sideNumbers and sideCells. False when a cell
 * is invalid (the identity is then not checked).
 */
function addPositions(scan: Scan, problems: Report['problems'] | null, positions: readonly number[]): boolean {
  const { values } = scan;
  const { keys } = scan.list;
  sideSum = 0;
  sideNumbers = 0;
  sideCells = positions.length;
  for (let index = 0; index < positions.length; index += 1) {
    const position = positions[index]!;
    if (problems !== null && keys[position]! in problems) return false;
    const value = values[position];
    if (typeof value === 'number') {
      sideSum += value;
      sideNumbers += 1;
    }
  }
  return true;
}

/** `addPositions` for the patterns themselves, where they cannot be resolved to positions. */
function addSide(report: Report, list: KeyList, terms: readonly Term[]): boolean {
  const { cells, problems } = report;
  sideSum = 0;
  sideNumbers = 0;
  sideCells = 0;
  const add = (key: string, value: unknown): boolean => {
    if (key in problems) return false;
    sideCells += 1;
    if (typeof value === 'number') {
      sideSum += value;
      sideNumbers += 1;
    }
    return true;
  };
  for (const term of terms) {
    if (!term.wildcard) {
      if (term.pattern in cells && !add(term.pattern, cells[term.pattern])) return false;
      continue;
    }
    for (const key of expandWildcard(term.pattern, list)) if (!add(key, cells[key])) return false;
  }
  return true;
}

function keysAt(keys: readonly string[], positions: readonly number[], into: string[]): string[] {
  for (const position of positions) into.push(keys[position]!);
  return into;
}

function keysOf(report: Report, list: KeyList, terms: readonly Term[], into: string[]): string[] {
  for (const term of terms) {
    if (!term.wildcard) {
      if (term.pattern in report.cells) into.push(term.pattern);
    } else into.push(...expandWildcard(term.pattern, list));
  }
  return into;
}

/**
 * `left` sums must equal `right` sums, for every binding. Blank cells are unknown, not
 * zero: a side with blanks is only known to be at least its sum, so it is a violation
 * only when the other, complete side is smaller than that. A sum with an invalid cell is
 * not checked.
 */
export function identityViolations(report: Report, params: IdentityParams, context = NATIONAL_CONTEXT): Violation[] {
  const violations: Violation[] = [];
  const tolerance = (params.tolerance ?? 0) + 1e-9;
  const plan = planOf(params);
  const scan = scanOf(report, context);
  const resolved = scan.plain ? resolve(plan, scan.list) : undefined;
  const problems = resolved && !problemsPossible(report.problems, scan) ? null : report.problems;
  for (let index = 0; index < plan.length; index += 1) {
    const binding = resolved?.[index];
    // an invalid cell (text, a negative) makes the sum meaningless: cell-invalid reports it
    if (!(binding ? addPositions(scan, problems, binding.left) : addSide(report, scan.list, plan[index]!.left))) continue;
    const l = sideSum;
    const lPartial = sideNumbers < sideCells;
    const lEmpty = sideNumbers === 0;
    if (!(binding ? addPositions(scan, problems, binding.right) : addSide(report, scan.list, plan[index]!.right))) continue;
    const r = sideSum;
    const rPartial = sideNumbers < sideCells;
    if (lEmpty || sideNumbers === 0 || (lPartial && rPartial)) continue;
    const differs = lPartial ? l - r > tolerance : rPartial ? r - l > tolerance : Math.abs(l - r) > tolerance;
    if (!differs) continue;
    const cells = binding
      ? keysAt(scan.list.keys, binding.right, keysAt(scan.list.keys, binding.left, []))
      : keysOf(report, scan.list, plan[index]!.right, keysOf(report, scan.list, plan[index]!.left, []));
    violations.push({ cells, actual: roundSum(l), expected: roundSum(r) });
  }
  return violations;
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
  const numbers = packedMap(report.sections, (section) => section.number);
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
  const length = packedMap(values, () => 1);
  const previous = packedMap(values, () => -1);
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

/** The cell keys of a row of a table, in column order (a vocabulary's row is in one table, and never changes). */
const ROW_KEYS = new WeakMap<RowDef, string[]>();

function rowKeys(table: TableId, row: RowDef): string[] {
  let keys = ROW_KEYS.get(row);
  if (!keys) ROW_KEYS.set(row, (keys = row.columns.map((column) => cellKey(table, row.key, column.key))));
  return keys;
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
    ? context.vocabulary.tableRows(table.id, report.template).filter((row) => params.rows!.includes(row.key))
    : NATIONAL_VOCABULARY.tableRows(table.id, report.template);
  const scan = scanOf(report, context);
  // cell keys are dotted: in plain cells, those `in` them are their own keys
  const missing = scan.plain
    ? rowsWithoutKeys(scan.list, table.id, rows)
    : rows.filter((row) => !rowKeys(table.id, row).some((key) => key in report.cells));
  return missing.map((row) => ({ cells: rowKeys(table.id, row).slice(), section: table.section, vars: { table: table.name, row: row.label } }));
}

/** The rows none of whose keys a key list has, kept per list and list of rows: reports of one template mostly share both. */
function rowsWithoutKeys(list: KeyList, table: TableId, rows: readonly RowDef[]): readonly RowDef[] {
  let missing = list.rowsMissing.get(rows);
  if (missing === undefined) {
    const present = positionsOf(list);
    missing = rows.filter((row) => !rowKeys(table, row).some((key) => present.has(key)));
    list.rowsMissing.set(rows, missing);
  }
  return missing;
}

const ROW_IDS = new WeakMap<CellKeyInfo, string>();

/** `requests.total`, `fees`: the row a cell belongs to. */
function rowIdOf(info: CellKeyInfo): string {
  let row = ROW_IDS.get(info);
  if (row === undefined) ROW_IDS.set(info, (row = info.row ? `${info.table}.${info.row}` : info.table));
  return row;
}

/** Blank cells (empty, /, —), one violation per row. Text is not blank: see invalidCells. */
export function blankCells(report: Report, params: { tables?: TableId[] }, context = NATIONAL_CONTEXT): Violation[] {
  const { vocabulary } = context;
  const tables = params.tables ?? ['active', 'requests', 'review', 'fees'];
  const { problems } = report;
  const { list, values } = scanOf(report, context);
  const byRow = new Map<string, string[]>();
  for (let index = 0; index < values.length; index += 1) {
    if (values[index] !== null) continue;
    const key = list.keys[index]!;
    const info = vocabulary.info(key);
    if (!info || !tables.includes(info.table) || key in problems) continue;
    const row = rowIdOf(info);
    const keys = byRow.get(row);
    if (keys) keys.push(key);
    else byRow.set(row, [key]);
  }
  return [...byRow.values()].map((keys) => ({
    cells: keys,
    line: sourceOf(report, keys[0]!)?.line,
    vars: {
      columns: packedMap(keys, (key) => `“${vocabulary.info(key)!.columnLabel}”`).join('、'),
      count: keys.length,
    },
  }));
}

export function invalidCells(report: Report): Violation[] {
  return Object.entries(report.problems).map(([key, problem]) => ({
    cells: [key],
    actual: sourceOf(report, key)?.text ?? null,
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
      const values = packedMap([...cells], (key) => `${context.vocabulary.info(key)?.columnLabel ?? key} ${report.cells[key]}`).join('，');
      violations.push({ cells: [...cells], actual: report.cells[first] ?? null, vars: { because: check.because, values } });
    }
  }
  return violations;
}

/** Dated after the deadline (31 January of the year after the reporting year, by default). */
export function lateness(report: Report, params: { month?: number; day?: number }): Violation[] {
  const { publishedAt, publishedLine, year } = report.meta;
  if (!publishedAt || year === null) return [];
  const deadline = `${year + 1}-${String(params.month ?? 1).padStart(2, '0')}-${String(params.day ?? 31).padStart(2, '0')}`;
  if (publishedAt <= deadline) return [];
  return [{ cells: [], actual: publishedAt, expected: deadline, section: null, ...(publishedLine !== undefined ? { line: publishedLine } : {}) }];
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
  ...CROSS_REPORT_FACTS,
  narrativeMismatches,
};

/**
 * Figures the prose states about table cells (予以公开6件, 行政复议1起 …, see
 * NARRATIVE_PHRASES) that the table contradicts: one violation per such figure, on the
 * sentence's line. A figure on a cell that is absent, blank or invalid is not checked,
 * nor one the cell was read from (a fee sentence), nor one that equals any sum its words
 * may mean (收到 N 件: newly received, or with those carried over). The figures are the
 * report's `claims` (read by buildReport), or read from its paragraphs when it has none.
 */
export function narrativeMismatches(report: Report, _params: unknown, context = NATIONAL_CONTEXT): Violation[] {
  const violations: Violation[] = [];
  for (const claim of report.claims ?? narrativeClaims(report)) {
    const expected = tableSum(report, claim.keys);
    if (expected === null || expected === claim.value) continue;
    const others = packedMap(claim.alternatives, (keys) => tableSum(report, keys)).filter((value): value is number => value !== null);
    if (others.includes(claim.value)) continue;
    const source = sourceOf(report, claim.keys[0]!);
    if (source?.line === claim.line) continue;
    const also = others.find((value) => value !== expected);
    violations.push({
      cells: claim.keys,
      actual: claim.value,
      expected,
      line: claim.line,
      section: claim.section,
      vars: {
        line: claim.line,
        phrase: claim.words,
        place: claimPlace(claim, context.vocabulary),
        cellLine: source?.line ?? '?',
        also: also === undefined ? '' : `（连同上年结转为 ${also}）`,
        sentence: claim.sentence,
      },
      related: [
        { cells: claim.keys, ...(source ? { line: source.line, text: source.text } : {}), value: expected },
        { line: claim.line, text: claim.sentence },
      ],
    });
  }
  return violations;
}
