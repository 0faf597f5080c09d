import { readFileSync, readdirSync } from 'node:fs';
import { RuleEngine, ReportSchema, cellKey, templateRows } from '@xxgk/core';
import { describe, expect, it } from 'vitest';
import { nationalPack } from '../src/index.js';
import { checkAll, clean2019Report, cleanReport } from './report-builder.js';

/** The rules of the national pack and their severities, in the order findings are listed. */
const RULES: [string, 'error' | 'warning'][] = [
  ['section-missing', 'error'],
  ['section-order', 'warning'],
  ['template-outdated', 'error'],
  ['table-missing', 'error'],
  ['row-missing', 'error'],
  ['cell-blank', 'warning'],
  ['cell-invalid', 'error'],
  ['requests-row-total', 'error'],
  ['requests-outcome-total', 'error'],
  ['requests-balance', 'error'],
  ['review-total', 'error'],
  ['fee-statement-missing', 'error'],
  ['fee-amounts', 'warning'],
  ['period-mismatch', 'warning'],
  ['published-late', 'warning'],
  ['carryover-mismatch', 'warning'],
  ['valid-count-continuity', 'warning'],
  ['copied-report', 'warning'],
  ['rollup-mismatch', 'error'],
  ['narrative-mismatch', 'warning'],
];

const HAN = /\p{Script=Han}/u;

/** Every `because` string in a rule's conditions (the reasons of cellComparisons checks). */
function becauses(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(becauses);
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([name, item]) => (name === 'because' && typeof item === 'string' ? [item] : becauses(item)));
}

describe('the national rule pack', () => {
  it('loads as @xxgk/rules-national', () => {
    expect(nationalPack.id).toBe('@xxgk/rules-national');
    expect(nationalPack.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('has exactly the 20 rules, with their severities', () => {
    expect(nationalPack.rules.map((rule) => [rule.id, rule.severity])).toEqual(RULES);
  });

  it('has one rules/<id>.json per rule, each tested in test/rules/<id>.test.ts', () => {
    const rulesDir = new URL('../rules/', import.meta.url);
    const files = readdirSync(rulesDir).filter((name) => name.endsWith('.json'));
    const ids = files.map((name) => name.slice(0, -'.json'.length)).sort();
    expect(ids).toEqual(RULES.map(([id]) => id).sort());
    for (const name of files) expect((JSON.parse(readFileSync(new URL(name, rulesDir), 'utf8')) as { id: string }).id).toBe(name.slice(0, -'.json'.length));
    const tests = readdirSync(new URL('./rules/', import.meta.url)).filter((name) => name.endsWith('.test.ts'));
    expect(tests.map((name) => name.slice(0, -'.test.ts'.length)).sort()).toEqual(ids);
  });

  it('runs every rule in an engine, none replaced or switched off', () => {
    const engine = new RuleEngine([nationalPack]);
    expect(engine.rules().map((rule) => [rule.id, rule.severity, rule.pack])).toEqual(
      RULES.map(([id, severity]) => [id, severity, '@xxgk/rules-national']),
    );
  });

  describe.each(nationalPack.rules.map((rule) => [rule.id, rule] as const))('%s', (_id, rule) => {
    it('has a Chinese description and message', () => {
      expect(rule.description).toMatch(HAN);
      // a message may be all placeholders when its text comes from the rule's own `because`s
      const reasons = becauses(rule.conditions);
      if (reasons.length > 0 && rule.message.includes('{because}')) {
        for (const reason of reasons) expect(rule.message.replace('{because}', reason)).toMatch(HAN);
      } else {
        expect(rule.message).toMatch(HAN);
      }
    });

    it('rests on a document and an article, in Chinese', () => {
      expect(rule.basis.document).toMatch(HAN);
      expect(rule.basis.article).toMatch(HAN);
      expect(rule.basis.document).toMatch(/〔\d{4}〕\d+号|《.+》/);
    });
  });
});

describe('the clean reports of the test builder', () => {
  it('are valid Report objects', () => {
    expect(() => ReportSchema.parse(cleanReport())).not.toThrow();
    expect(() => ReportSchema.parse(clean2019Report())).not.toThrow();
  });

  it('have every cell filled and a source for each', () => {
    for (const report of [cleanReport(), clean2019Report()]) {
      for (const [key, value] of Object.entries(report.cells)) {
        expect(value, key).toEqual(expect.any(Number));
        expect(report.sources[key]?.line, key).toBeGreaterThan(0);
      }
    }
  });

  it.each(['2021', '2019'] as const)('fill every %s cell key of tables 二, 三 and 四, and no other', (template) => {
    const report = template === '2021' ? cleanReport() : clean2019Report();
    const expected = (['active', 'requests', 'review'] as const).flatMap((table) =>
      templateRows(table, template).flatMap((row) => row.columns.map((column) => cellKey(table, row.key, column.key))),
    );
    const tableKeys = Object.keys(report.cells).filter((key) => !key.startsWith('fees.'));
    expect(tableKeys).toEqual(expected);
    expect(tableKeys).toHaveLength(template === '2021' ? 10 + 25 * 7 + 15 : 22 + 23 * 7 + 15);
  });

  it('give the 2021 report a 信息处理费 table and the 2019 report on 2020 none', () => {
    const report = cleanReport();
    expect(report.feeStatement?.kind).toBe('table');
    expect([report.cells['fees.noticeCount'], report.cells['fees.noticeAmount'], report.cells['fees.collectedAmount']]).toEqual([2, 380, 380]);
    expect(clean2019Report().feeStatement).toBeNull();
  });

  it('a clean 2021 report gives no finding at all from the whole pack', async () => {
    expect(await checkAll(cleanReport())).toEqual([]);
  });

  it('a clean 2019-template report on 2020 gives no finding at all from the whole pack', async () => {
    expect(await checkAll(clean2019Report())).toEqual([]);
  });

  it('a clean 2021 report on 2021 gives no finding either', async () => {
    expect(await checkAll(cleanReport(2021))).toEqual([]);
  });
});
