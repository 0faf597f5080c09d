import type { CheckResult } from '@xxgk/core';
import { describe, expect, it } from 'vitest';
import { summarize } from '../src/index.js';
import { EXAMPLE_04, checkedExamples, resultOf } from './helpers.js';

describe('summarize', () => {
  it('counts the checked examples', async () => {
    const summary = summarize(await checkedExamples());
    expect(summary).toEqual({
      files: 11,
      reports: { '2021': 7, '2019': 2, unknown: 0 },
      noReport: 2,
      clean: 5,
      errors: 12,
      warnings: 5,
      byRule: {
        'requests-row-total': { errors: 1, warnings: 0 },
        'requests-outcome-total': { errors: 1, warnings: 0 },
        'requests-balance': { errors: 1, warnings: 0 },
        'review-total': { errors: 1, warnings: 0 },
        'section-missing': { errors: 1, warnings: 0 },
        'row-missing': { errors: 1, warnings: 0 },
        'cell-blank': { errors: 0, warnings: 1 },
        'fee-statement-missing': { errors: 1, warnings: 0 },
        'published-late': { errors: 0, warnings: 1 },
        'template-outdated': { errors: 1, warnings: 0 },
        'cell-invalid': { errors: 2, warnings: 0 },
        'fee-amounts': { errors: 0, warnings: 2 },
        'period-mismatch': { errors: 0, warnings: 1 },
        'file-unreadable': { errors: 1, warnings: 0 },
        'not-a-report': { errors: 1, warnings: 0 },
      },
    });
    expect(Object.keys(summary.byRule).slice(0, 4)).toEqual(['requests-row-total', 'requests-outcome-total', 'requests-balance', 'review-total']);
  });

  it('counts a report whose template was not recognised as unknown, and the severities as given', async () => {
    const four = resultOf(await checkedExamples(), EXAMPLE_04);
    const report = four.report;
    if (!report) throw new Error('no report');
    const unknown: CheckResult = {
      ...four,
      template: null,
      report: { ...report, template: null },
      findings: four.findings.map((finding, index) => ({ ...finding, severity: index === 0 ? 'warning' : 'error' })),
    };
    const summary = summarize([unknown]);
    expect(summary.reports).toEqual({ '2021': 0, '2019': 0, unknown: 1 });
    expect(summary).toMatchObject({ files: 1, noReport: 0, clean: 0, errors: 3, warnings: 1 });
    expect(summary.byRule['requests-row-total']).toEqual({ errors: 0, warnings: 1 });
  });

  it('is all zeros for nothing', () => {
    expect(summarize([])).toEqual({ files: 0, reports: { '2021': 0, '2019': 0, unknown: 0 }, noReport: 0, clean: 0, errors: 0, warnings: 0, byRule: {} });
  });
});
