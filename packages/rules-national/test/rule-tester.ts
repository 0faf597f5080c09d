/**
 * ESLint-RuleTester-style tests for one rule of the national pack: `valid` reports on
 * which the rule must stay silent, `invalid` reports with the exact findings it must give
 * (every field, in order, so a rule firing too often or too rarely fails the test).
 */
import type { Finding, RelatedReports, Report, Severity } from '@xxgk/core';
import { describe, expect, it } from 'vitest';
import { findingsOf } from './report-builder.js';

export interface ValidCase {
  name: string;
  report: Report;
  /** the other reports a cross-report rule compares it with (last year's, a summary's parts) */
  related?: RelatedReports;
}

/** A finding as the test expects it; ruleId and severity come from the rule under test. */
export type ExpectedFinding = Omit<Finding, 'ruleId' | 'severity'>;

export interface InvalidCase {
  name: string;
  report: Report;
  related?: RelatedReports;
  findings: ExpectedFinding[];
}

export function testRule(ruleId: string, severity: Severity, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(ruleId, () => {
    describe('valid', () => {
      for (const { name, report, related } of cases.valid) {
        it(name, async () => {
          expect(await findingsOf(report, ruleId, related)).toEqual([]);
        });
      }
    });
    describe('invalid', () => {
      for (const { name, report, related, findings } of cases.invalid) {
        it(name, async () => {
          expect(findings.length).toBeGreaterThan(0);
          expect(await findingsOf(report, ruleId, related)).toEqual(findings.map((finding) => ({ ruleId, severity, ...finding })));
        });
      }
    });
  });
}
