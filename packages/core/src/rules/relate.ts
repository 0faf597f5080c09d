/**
 * Which reports of a batch a cross-report rule compares: each report with last year's report
 * of its agency, and a summary with the reports a roll-up mapping says it adds up. Knows
 * nothing of files or stores: callers say how a mapping's names and missing years are found.
 */
import { normalizeAgency } from '../model/agency.js';
import type { Finding, RelatedReport, RelatedReports, Report } from '../model/schema.js';
import type { RuleEngine } from './engine.js';

/** One line of a roll-up mapping: a summary report and one report it adds up. */
export interface RollupPair {
  /** how the mapping names them: a file, or an agency's name */
  parent: string;
  child: string;
  /** the mapping's line, for messages */
  line: number;
}

/** A checked report of a batch (a CheckResult with its report). */
export interface BatchReport {
  name: string;
  report: Report;
  findings: Finding[];
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
 * adds up, a line for each pair; a header line (parent,child or 汇总,下级), a BOM and
 * quoted fields are fine. `file` names it in errors (RollupMapError, with the line).
 */
export function parseRollupMap(text: string, file: string): RollupPair[] {
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

export interface RelateOptions {
  /** the roll-up mapping, and its name for messages */
  rollup?: { file: string; pairs: readonly RollupPair[] };
  /**
   * A report a mapping names, in the batch: by default the one whose name is it, or else
   * the first of that agency (and year, for a part: the summary's).
   */
  named?: (name: string, year: number | null) => BatchReport | undefined;
  /** a report outside the batch (a store): an agency's report on a year */
  elsewhere?: (agency: string, year: number) => RelatedReport | undefined;
}

/** The finding of a roll-up mapping line whose part is neither in the batch nor elsewhere. */
function missingPart(pair: RollupPair, file: string): Finding {
  return {
    ruleId: 'rollup-child-missing',
    severity: 'warning',
    message: `汇总关系表 ${file} 第 ${pair.line} 行的下级报告 “${pair.child}” 在本批文件和存储中都没有找到，汇总核对未计入它`,
    cells: [],
    section: null,
  };
}

const agencyYear = (key: string, year: number): string => `${key}\u0000${year}`;

/** Reports of a batch by name and by agency and year; the first of each wins. */
export class BatchReports {
  private readonly byName = new Map<string, BatchReport>();
  private readonly byAgencyYear = new Map<string, BatchReport>();
  private readonly byAgency = new Map<string, BatchReport>();

  constructor(readonly entries: readonly BatchReport[]) {
    for (const entry of entries) {
      if (!this.byName.has(entry.name)) this.byName.set(entry.name, entry);
      const { agency, year } = entry.report.meta;
      if (!agency) continue;
      const key = normalizeAgency(agency);
      if (!this.byAgency.has(key)) this.byAgency.set(key, entry);
      if (year !== null && !this.byAgencyYear.has(agencyYear(key, year))) this.byAgencyYear.set(agencyYear(key, year), entry);
    }
  }

  /** An agency's report (any variant of its name) on a year. */
  of(agency: string, year: number): BatchReport | undefined {
    return this.byAgencyYear.get(agencyYear(normalizeAgency(agency), year));
  }

  /** The report a mapping names: by its name, else by agency (on the year, when given). */
  named(name: string, year: number | null): BatchReport | undefined {
    return this.byName.get(name) ?? (year !== null ? this.of(name, year) : this.byAgency.get(normalizeAgency(name)));
  }
}

/** A batch's reports with what each is compared with, and the findings mapping lines give. */
export interface Relation {
  entry: BatchReport;
  related: RelatedReports;
  /** `rollup-child-missing` findings of a summary */
  findings: Finding[];
}

/**
 * Relates the reports of a batch: each with last year's report of its agency (the batch's,
 * else `elsewhere`'s) and each summary of the mapping with its parts. Returns the reports
 * that have something to be compared with, and notes on mapping lines whose summary is not
 * in the batch.
 */
export function relateReports(entries: readonly BatchReport[], options: RelateOptions = {}): { relations: Relation[]; notes: string[] } {
  const batch = new BatchReports(entries);
  const named = options.named ?? ((name, year) => batch.named(name, year));
  const notes: string[] = [];
  const parts = new Map<BatchReport, { children: RelatedReport[]; findings: Finding[] }>();
  for (const pair of options.rollup?.pairs ?? []) {
    const parent = named(pair.parent, null);
    if (!parent) {
      notes.push(`汇总关系表第 ${pair.line} 行的汇总报告 “${pair.parent}” 不在本批文件中，未核对`);
      continue;
    }
    const entry = parts.get(parent) ?? { children: [], findings: [] };
    parts.set(parent, entry);
    const year = parent.report.meta.year;
    const child: RelatedReport | undefined = named(pair.child, year) ?? (year !== null ? options.elsewhere?.(pair.child, year) : undefined);
    if (child) entry.children.push({ name: child.name, report: child.report });
    else entry.findings.push(missingPart(pair, options.rollup!.file));
  }

  const relations: Relation[] = [];
  for (const entry of entries) {
    const related: { previous?: RelatedReport; children?: RelatedReport[] } = {};
    const { agency, year } = entry.report.meta;
    if (agency && year !== null) {
      const previous: RelatedReport | undefined = batch.of(agency, year - 1) ?? options.elsewhere?.(agency, year - 1);
      if (previous) related.previous = { name: previous.name, report: previous.report };
    }
    const rollup = parts.get(entry);
    if (rollup && rollup.children.length > 0) related.children = rollup.children;
    if (related.previous || related.children || rollup) relations.push({ entry, related, findings: rollup?.findings ?? [] });
  }
  return { relations, notes };
}

/**
 * The whole reports (with their paragraphs and sources, which the cross-report rules read)
 * of some reports of a batch that was kept lean to save memory, as a caller gets them
 * again, by reading their files anew say. A report it leaves out is checked as it is.
 */
export type WholeReports = (entries: readonly BatchReport[]) => Promise<ReadonlyMap<BatchReport, Report>>;

export interface CrossReportOptions extends RelateOptions {
  /** for a batch kept lean: its reports made whole, a group at a time, when a rule compares them */
  whole?: WholeReports;
  /** how many reports of the batch `whole` is asked for at most at once; 5,000 unless told (some 150 MB of whole reports) */
  groupSize?: number;
}

const GROUP_SIZE = 5_000;

/** The reports of the batch a relation compares (the report itself, last year's, the parts); none when it compares none. */
function batchMembers(relation: Relation, byReport: ReadonlyMap<Report, BatchReport>): BatchReport[] {
  const { previous, children } = relation.related;
  if (!previous && !children) return [];
  const others = [...(previous ? [previous] : []), ...(children ?? [])].map((related) => byReport.get(related.report));
  return [relation.entry, ...others.filter((entry): entry is BatchReport => entry !== undefined)];
}

/** Adds a relation's findings to its report: the mapping lines', then the cross-report rules' on the reports `whole` gives. */
async function checkRelation({ entry, related, findings }: Relation, engine: RuleEngine, whole: (report: Report) => Report): Promise<void> {
  entry.findings.push(...findings);
  if (!related.previous && !related.children) return;
  const compared: RelatedReports = {};
  if (related.previous) compared.previous = { name: related.previous.name, report: whole(related.previous.report) };
  if (related.children) compared.children = related.children.map((child) => ({ name: child.name, report: whole(child.report) }));
  entry.findings.push(...(await engine.checkRelated(whole(entry.report), compared)));
}

/**
 * Adds to each checked report of a batch the findings of the cross-report rules
 * (RuleEngine#checkRelated) and of its mapping lines. The reports must be whole (with
 * their paragraphs and sources), or `whole` must give them: then only the reports that are
 * compared are made whole, `groupSize` at a time, so a large batch kept lean is checked in
 * bounded memory. Returns the notes of relateReports.
 */
export async function addCrossReportFindings(entries: readonly BatchReport[], engine: RuleEngine, options: CrossReportOptions = {}): Promise<string[]> {
  const { relations, notes } = relateReports(entries, options);
  // without `whole`, every report is checked as it is
  const whole = options.whole ?? (async () => new Map<BatchReport, Report>());
  const byReport = new Map(entries.map((entry) => [entry.report, entry]));
  const order = new Map(entries.map((entry, index) => [entry, index]));
  const groupSize = options.groupSize ?? GROUP_SIZE;
  let group: Relation[] = [];
  let members = new Set<BatchReport>();
  const checkGroup = async () => {
    const reports = members.size > 0 ? await whole([...members].sort((a, b) => order.get(a)! - order.get(b)!)) : new Map<BatchReport, Report>();
    const wholeOf = (report: Report) => {
      const entry = byReport.get(report);
      return (entry && reports.get(entry)) ?? report;
    };
    for (const relation of group) await checkRelation(relation, engine, wholeOf);
    group = [];
    members = new Set();
  };
  for (const relation of relations) {
    const compared = batchMembers(relation, byReport);
    if (group.length > 0 && members.size + compared.filter((entry) => !members.has(entry)).length > groupSize) await checkGroup();
    group.push(relation);
    for (const entry of compared) members.add(entry);
  }
  if (group.length > 0) await checkGroup();
  return notes;
}
