import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { normalizeAgency, type CheckResult, type Finding, type RelatedReport, type RelatedReports, type Report, type RuleEngine } from '@xxgk/core';
import type { ReportStore } from './store.js';

/**
 * Checks across reports: each report of a batch with last year's report of its agency (from
 * the batch, else from a store) and, for a summary named in a roll-up mapping, with the
 * reports it adds up. Runs the engine's cross-report rules (RuleEngine#checkRelated) and
 * adds their findings to the results.
 */

/** One line of a roll-up mapping: a summary report and one report it adds up. */
export interface RollupPair {
  /** a file (relative to the mapping's folder, or its name alone) or an agency's name */
  parent: string;
  child: string;
  /** the mapping's line, for messages */
  line: number;
}

/** A roll-up mapping that cannot be read. */
export class RollupMapError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RollupMapError';
  }
}

/** The fields of one CSV line: commas, and double quotes around fields that hold them. */
function csvFields(line: string): string[] {
  const fields: string[] = [];
  const pattern = /\s*(?:"((?:[^"]|"")*)"|([^,]*))\s*(?:,|$)/gy;
  let match: RegExpExecArray | null;
  while (pattern.lastIndex < line.length && (match = pattern.exec(line)) !== null) {
    fields.push(match[1] !== undefined ? match[1].replace(/""/g, '"') : match[2]!.trim());
    if (match[0].length === 0) break;
  }
  return fields;
}

const HEADER = /^(parent|汇总|汇总报告|上级|上级报告)$/i;

/**
 * Reads a roll-up mapping: a CSV with two columns, the summary report and one report it
 * adds up, a line for each pair; a header line (parent,child or 汇总,下级) is skipped.
 */
export async function readRollupMap(file: string): Promise<RollupPair[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new RollupMapError(`无法读取汇总关系表 ${file}：${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const pairs: RollupPair[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, index) => {
      if (raw.trim() === '') return;
      const [parent, child, ...rest] = csvFields(raw);
      if (index === 0 && HEADER.test(parent ?? '')) return;
      if (!parent || !child || rest.some((field) => field !== '')) {
        throw new RollupMapError(`汇总关系表 ${file} 第 ${index + 1} 行应有两列（汇总报告,下级报告），而不是 “${raw}”`);
      }
      pairs.push({ parent, child, line: index + 1 });
    });
  if (pairs.length === 0) throw new RollupMapError(`汇总关系表 ${file} 中没有汇总关系（每行：汇总报告,下级报告）`);
  return pairs;
}

export interface AcrossOptions {
  /** reports extracted earlier (xxgk extract --store) */
  store?: ReportStore;
  /** summary → parts, from readRollupMap(file); names in it are resolved from the file's folder */
  rollup?: { file: string; pairs: readonly RollupPair[] };
  cwd?: string;
}

/** The finding of a roll-up mapping line whose part is neither in the batch nor in the store. */
function missingChild(pair: RollupPair, file: string): Finding {
  return {
    ruleId: 'rollup-child-missing',
    severity: 'warning',
    message: `汇总关系表 ${file} 第 ${pair.line} 行的下级报告 “${pair.child}” 在本批文件和存储中都没有找到，汇总核对未计入它`,
    cells: [],
    section: null,
  };
}

interface Indexed {
  result: CheckResult;
  report: Report;
  key: string | null;
}

/** Reports of a batch, found by file path, file name, or agency and year. */
class BatchIndex {
  private readonly byPath = new Map<string, Indexed>();
  private readonly byName = new Map<string, Indexed>();
  private readonly byAgencyYear = new Map<string, Indexed>();

  constructor(
    readonly entries: readonly Indexed[],
    private readonly cwd: string,
  ) {
    // the first file wins, in the batch's order
    for (const entry of entries) {
      const path = resolve(cwd, entry.result.name);
      if (!this.byPath.has(path)) this.byPath.set(path, entry);
      const name = basename(path);
      if (!this.byName.has(name)) this.byName.set(name, entry);
      if (entry.key !== null && entry.report.meta.year !== null) {
        const id = `${entry.key}\u0000${entry.report.meta.year}`;
        if (!this.byAgencyYear.has(id)) this.byAgencyYear.set(id, entry);
      }
    }
  }

  agencyYear(key: string, year: number): Indexed | undefined {
    return this.byAgencyYear.get(`${key}\u0000${year}`);
  }

  /** A report named in a mapping: a path (from the mapping's folder), a file name, or an agency. */
  named(name: string, base: string, year: number | null): Indexed | undefined {
    const found = this.byPath.get(resolve(base, name)) ?? this.byPath.get(resolve(this.cwd, name)) ?? this.byName.get(basename(name));
    if (found) return found;
    const key = normalizeAgency(name);
    if (year !== null) return this.agencyYear(key, year);
    return this.entries.find((entry) => entry.key === key);
  }
}

function storedName(store: ReportStore, agency: string, year: number, file: string): string {
  return `${agency} ${year} 年报告（${file}，取自存储 ${store.file}）`;
}

/**
 * Adds the cross-report findings to checked results whose reports are whole (runBatch's
 * `keepReports`). Returns notes for the user about mapping lines naming no report of the batch.
 */
export async function checkAcross(results: readonly CheckResult[], engine: RuleEngine, options: AcrossOptions = {}): Promise<string[]> {
  const cwd = options.cwd ?? process.cwd();
  const entries: Indexed[] = results
    .filter((result): result is CheckResult & { report: Report } => result.report !== null)
    .map((result) => ({ result, report: result.report, key: result.report.meta.agency ? normalizeAgency(result.report.meta.agency) : null }));
  const index = new BatchIndex(entries, cwd);
  const notes: string[] = [];

  const childrenOf = new Map<Indexed, { children: RelatedReport[]; missing: Finding[] }>();
  const base = options.rollup ? dirname(resolve(cwd, options.rollup.file)) : cwd;
  for (const pair of options.rollup?.pairs ?? []) {
    const parent = index.named(pair.parent, base, null);
    if (!parent) {
      notes.push(`汇总关系表第 ${pair.line} 行的汇总报告 “${pair.parent}” 不在本批文件中，未核对`);
      continue;
    }
    const entry = childrenOf.get(parent) ?? { children: [], missing: [] };
    childrenOf.set(parent, entry);
    const year = parent.report.meta.year;
    const child = index.named(pair.child, base, year);
    const stored = !child && options.store && year !== null ? options.store.get(pair.child, year) : undefined;
    if (child) entry.children.push({ name: child.result.name, report: child.report });
    else if (stored) entry.children.push({ name: storedName(options.store!, stored.agency, stored.year, stored.file), report: stored.report });
    else entry.missing.push(missingChild(pair, options.rollup!.file));
  }

  for (const entry of entries) {
    const related: { -readonly [K in keyof RelatedReports]: RelatedReports[K] } = {};
    const { year, agency } = entry.report.meta;
    if (entry.key !== null && year !== null) {
      const previous = index.agencyYear(entry.key, year - 1);
      const stored = !previous && options.store ? options.store.get(agency!, year - 1) : undefined;
      if (previous) related.previous = { name: previous.result.name, report: previous.report };
      else if (stored) related.previous = { name: storedName(options.store!, stored.agency, stored.year, stored.file), report: stored.report };
    }
    const rollup = childrenOf.get(entry);
    if (rollup && rollup.children.length > 0) related.children = rollup.children;
    if (rollup) entry.result.findings.push(...rollup.missing);
    if (related.previous || related.children) entry.result.findings.push(...(await engine.checkRelated(entry.report, related)));
  }
  return notes;
}
