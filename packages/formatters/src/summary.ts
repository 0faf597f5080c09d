import type { FileResult } from './tables.js';

export interface RuleCounts {
  errors: number;
  warnings: number;
}

export interface Summary {
  /** files checked (every result) */
  files: number;
  /** files read as reports, by the template detected; `unknown` when none was */
  reports: { '2021': number; '2019': number; unknown: number };
  /** files that were not read as a report (file-unreadable, not-a-report, pdf-no-text …) */
  noReport: number;
  /** files with no finding at all */
  clean: number;
  errors: number;
  warnings: number;
  /** findings per rule id, in the order the rules were first met */
  byRule: Record<string, RuleCounts>;
}

/** Counts files, reports by template, and errors and warnings overall and per rule. */
export function summarize(results: readonly FileResult[]): Summary {
  const summary: Summary = {
    files: results.length,
    reports: { '2021': 0, '2019': 0, unknown: 0 },
    noReport: 0,
    clean: 0,
    errors: 0,
    warnings: 0,
    byRule: {},
  };
  for (const result of results) {
    if (!result.report) summary.noReport += 1;
    else summary.reports[result.report.template ?? 'unknown'] += 1;
    if (result.findings.length === 0) summary.clean += 1;
    for (const finding of result.findings) {
      const counts = (summary.byRule[finding.ruleId] ??= { errors: 0, warnings: 0 });
      if (finding.severity === 'error') {
        summary.errors += 1;
        counts.errors += 1;
      } else {
        summary.warnings += 1;
        counts.warnings += 1;
      }
    }
  }
  return summary;
}
