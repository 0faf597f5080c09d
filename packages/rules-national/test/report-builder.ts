/**
 * Reports for the rule tests, built directly as `Report` objects (no text parsing).
 *
 * `cleanReport()` is a 2021-template report on 2022 in which every section, table, cell
 * and date is right, so the national pack finds nothing in it; `clean2019Report()` is a
 * 2019-template report on 2020, equally clean. Each call returns a fresh copy that a test
 * may change freely (`edit`, `setCell`, `setProblem`, `removeRow`).
 *
 * Layout of the clean 2021 report (source line numbers, used by findings' `line`):
 *
 *   1  title                               2  preamble with the statistics period
 *   4  一、总体情况                          5  2022年，…  (opening of section 一)
 *  10  二、主动公开政府信息情况              12–17  表二 rows (one line per row)
 *  20  三、收到和处理政府信息公开申请情况    22–46  表三 rows, in template order
 *  50  四、政府信息公开行政复议、行政诉讼情况 52  表四 (one row of 15 numbers)
 *  55  五、存在的主要问题及改进情况          56  paragraph
 *  60  六、其他需要报告的事项                61  paragraph, 62 信息处理费 table row
 *  64  agency                              65  2023年1月20日
 *
 * Table 三 rows and their lines (2021): newReceived 22, carriedOver 23, granted 24,
 * partiallyGranted 25, denied.* 26–33, unavailable.* 34–36, notProcessed.* 37–41,
 * otherHandling.* 42–44, total 45, carriedForward 46. The 2019 variant has the single
 * otherHandling row on 42, total on 43 and carriedForward on 44; its 表二 has eight rows
 * on 12–19.
 */
import { RuleEngine, cellInfo, readCell, sampleReport, type Finding, type RelatedReports, type Report } from '@xxgk/core';
import { nationalPack } from '../src/index.js';

const built = new Map<string, Report>();

/** A structuredClone of the clean report of a template and year, so that tests never share state. */
function copyOf(template: '2021' | '2019', year: number): Report {
  const key = `${template}/${year}`;
  if (!built.has(key)) built.set(key, sampleReport({ template, year }));
  return structuredClone(built.get(key)!);
}
/** A clean 2021-template report, on 2022 unless told (title, period, opening and date follow the year). */
export function cleanReport(year = 2022): Report {
  return copyOf('2021', year);
}

/**
 * A clean 2019-template report, on 2020 unless told; it has no 信息处理费 statement, which a
 * report on 2020 does not owe.
 */
export function clean2019Report(year = 2020): Report {
  return copyOf('2019', year);
}

/** A copy of a clean report with a change applied. */
export function edit(change: (report: Report) => void, base: () => Report = cleanReport): Report {
  const report = base();
  change(report);
  return report;
}

/** Sets a cell as the reader would: `null` is a blank cell, written as “/”. */
export function setCell(report: Report, key: string, value: number | null, text = value === null ? '/' : String(value)): void {
  if (!(key in report.sources)) throw new Error(`no such cell in the report: ${key}`);
  report.cells[key] = value;
  report.sources[key] = { ...report.sources[key]!, text };
}

/** Marks a cell as unreadable, as the reader does for text, negatives and fractions. */
export function setProblem(report: Report, key: string, text: string): void {
  const reading = readCell(text, cellInfo(key)!);
  setCell(report, key, reading.value, text);
  report.problems[key] = reading.problem!;
}

/** Removes a whole row (every key `<row>.<column>`) from a report, as when the report lacks it. */
export function removeRow(report: Report, row: string): void {
  for (const key of Object.keys(report.cells)) {
    if (key.slice(0, key.lastIndexOf('.')) === row) {
      delete report.cells[key];
      delete report.sources[key];
    }
  }
}

/**
 * The clean report of the year before `report`, in the same template, made consistent
 * with it for the cross-report rules: its 表三 结转下年度继续办理 is this year's 上年结转,
 * and (2021) its 表二 现行有效件数 is this year's less 本年制发 plus 本年废止.
 */
export function lastYearOf(report: Report): Report {
  const previous = copyOf(report.template ?? '2021', (report.meta.year ?? 2022) - 1);
  for (const key of Object.keys(report.cells)) {
    if (key.startsWith('requests.carriedOver.')) setCell(previous, key.replace('carriedOver', 'carriedForward'), report.cells[key]!);
  }
  for (const row of ['active.regulations', 'active.normativeDocuments']) {
    const [valid, issued, repealed] = ['valid', 'issued', 'repealed'].map((column) => report.cells[`${row}.${column}`]);
    if (typeof valid === 'number' && typeof issued === 'number' && typeof repealed === 'number') setCell(previous, `${row}.valid`, valid - issued + repealed);
  }
  return previous;
}

/** `lastYearOf(report)` as the related reports of a check, under `name`, after `change` (to break it). */
export function withLastYear(report: Report, name: string, change: (previous: Report) => void = () => {}): RelatedReports {
  const previous = lastYearOf(report);
  change(previous);
  return { previous: { name, report: previous } };
}

const engine = new RuleEngine([nationalPack]);

/** Every finding of the whole national pack on a report. */
export function checkAll(report: Report): Promise<Finding[]> {
  return engine.check(report);
}

/** The findings of one rule of the national pack on a report (compared with `related` reports, when given). */
export async function findingsOf(report: Report, ruleId: string, related?: RelatedReports): Promise<Finding[]> {
  return (await engine.check(report, related)).filter((finding) => finding.ruleId === ruleId);
}
