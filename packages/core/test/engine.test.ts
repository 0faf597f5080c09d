import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { RuleEngine, expandPattern, identityViolations, parseRulePack, type Report } from '../src/index.js';

function report(cells: Record<string, number | null>): Report {
  return {
    format: 'test',
    template: '2021',
    meta: { agency: '某局', year: 2022, publishedAt: null, title: null, titleYear: 2022, period: null },
    cells,
    sources: Object.fromEntries(Object.keys(cells).map((key, index) => [key, { line: index + 1, text: String(cells[key]) }])),
    problems: {},
    sections: [],
    tables: [],
    feeStatement: null,
    paragraphs: [],
  };
}

const reviewCells = {
  'review.reconsideration.upheld': 1,
  'review.reconsideration.corrected': 0,
  'review.reconsideration.other': 0,
  'review.reconsideration.pending': 1,
  'review.reconsideration.total': 3,
};

describe('identityViolations', () => {
  const params = { left: ['review.{group}.total'], right: ['review.{group}.upheld', 'review.{group}.corrected', 'review.{group}.other', 'review.{group}.pending'], over: { group: 'review.groups' } };

  it('lists the total first, then every addend, with reported and computed values', () => {
    expect(identityViolations(report(reviewCells), params)).toEqual([
      { cells: ['review.reconsideration.total', 'review.reconsideration.upheld', 'review.reconsideration.corrected', 'review.reconsideration.other', 'review.reconsideration.pending'], actual: 3, expected: 2 },
    ]);
  });

  it('does not check a side that is wholly blank or absent', () => {
    expect(identityViolations(report({ ...reviewCells, 'review.reconsideration.upheld': null, 'review.reconsideration.corrected': null, 'review.reconsideration.other': null, 'review.reconsideration.pending': null }), params)).toEqual([]);
    expect(identityViolations(report({ 'review.reconsideration.total': 3 }), params)).toEqual([]);
  });

  it('accepts a difference within the tolerance', () => {
    expect(identityViolations(report({ 'fees.noticeAmount': 10.004, 'fees.collectedAmount': 10 }), { left: ['fees.noticeAmount'], right: ['fees.collectedAmount'], tolerance: 0.01 })).toEqual([]);
  });
});

describe('expandPattern', () => {
  it('matches one key segment per *', () => {
    const r = report({ 'requests.denied.stateSecret.total': 0, 'requests.denied.thirdPartyRights.total': 1, 'requests.otherHandling.total': 2 });
    expect(expandPattern('requests.denied.*.total', r)).toEqual(['requests.denied.stateSecret.total', 'requests.denied.thirdPartyRights.total']);
    expect(expandPattern('requests.otherHandling.*.total', r)).toEqual([]);
  });
});

describe('RuleEngine', () => {
  const pack = parseRulePack({
    id: 'p',
    version: '1.0.0',
    rules: [
      {
        id: 'review-sum',
        severity: 'error',
        description: '复议总计',
        message: '{location}：报告 {actual}，按各项之和应为 {expected}',
        basis: { document: '文件', article: '条' },
        conditions: { all: [{ fact: 'identityViolations', params: { left: ['review.{group}.total'], right: ['review.{group}.upheld', 'review.{group}.corrected', 'review.{group}.other', 'review.{group}.pending'], over: { group: 'review.groups' } }, operator: 'hasViolations', value: true }] },
      },
      {
        id: 'old-year',
        severity: 'warning',
        description: '年度',
        message: '{year} 年度太早',
        basis: { document: '文件', article: '条' },
        section: 1,
        conditions: { all: [{ fact: 'year', operator: 'lessThan', value: 2023 }] },
      },
    ],
  });

  it('turns each violation into a finding that names the table, row and column', async () => {
    const findings = await new RuleEngine([pack]).check(report(reviewCells));
    expect(findings).toEqual([
      {
        ruleId: 'review-sum',
        severity: 'error',
        message: '表四 “行政复议” “总计”列：报告 3，按各项之和应为 2',
        cells: ['review.reconsideration.total', 'review.reconsideration.upheld', 'review.reconsideration.corrected', 'review.reconsideration.other', 'review.reconsideration.pending'],
        section: 4,
        expected: 2,
        actual: 3,
        line: 5,
      },
      { ruleId: 'old-year', severity: 'warning', message: '2022 年度太早', cells: [], section: 1 },
    ]);
  });

  it('applies severity overrides and turns rules off', async () => {
    const engine = new RuleEngine([pack], { severities: { 'review-sum': 'warning', 'old-year': 'off' } });
    expect(engine.rules().map((rule) => [rule.id, rule.severity])).toEqual([['review-sum', 'warning']]);
    expect((await engine.check(report(reviewCells))).map((finding) => finding.severity)).toEqual(['warning']);
  });

  it('is silent on a consistent report', async () => {
    expect(await new RuleEngine([pack]).check(report({ ...reviewCells, 'review.reconsideration.total': 2 }))).toEqual([
      expect.objectContaining({ ruleId: 'old-year' }),
    ]);
  });
});

describe('identityViolations with blank and invalid cells', () => {
  const params = { left: ['review.{group}.total'], right: ['review.{group}.upheld', 'review.{group}.corrected', 'review.{group}.other', 'review.{group}.pending'], over: { group: 'review.groups' } };

  it('treats a blank addend as unknown: only filled addends above the total are a violation', () => {
    expect(identityViolations(report({ ...reviewCells, 'review.reconsideration.pending': null, 'review.reconsideration.total': 2 }), params)).toEqual([]);
    expect(identityViolations(report({ ...reviewCells, 'review.reconsideration.pending': null, 'review.reconsideration.total': 0 }), params)).toEqual([
      expect.objectContaining({ actual: 0, expected: 1 }),
    ]);
  });

  it('leaves invalid cells out of the sums', () => {
    const r = report({ ...reviewCells, 'review.reconsideration.upheld': -5, 'review.reconsideration.total': 1 });
    r.problems['review.reconsideration.upheld'] = '“-5”是负数';
    expect(identityViolations(r, params)).toEqual([]);
  });
});

describe('packs that add rows and apply to some reports', () => {
  const guangdongLike = parseRulePack({
    id: 'regional',
    version: '1.0.0',
    appliesTo: { regions: ['潮州'], years: { from: 2021 } },
    extraRows: [
      {
        table: 'active',
        key: 'localItem',
        label: '地方特色事项',
        patterns: ['地方特色'],
        columns: [{ key: 'count', label: '事项数量', kind: 'count' }],
        templates: ['2021'],
      },
    ],
    rules: [
      {
        id: 'local-row-missing',
        severity: 'error',
        description: '须有地方特色事项行',
        message: '{table} 缺少“{row}”行',
        basis: { document: '地方文件', article: '第一条' },
        conditions: { all: [{ fact: 'missingRows', params: { table: 'active', rows: ['localItem'] }, operator: 'hasViolations', value: true }] },
      },
    ],
  });
  const withTables = (agency: string | null, year = 2022): Report => ({
    ...report({ 'active.licensing.decisions': 1 }),
    meta: { agency, year, publishedAt: null, title: null, titleYear: year, period: null },
    tables: [{ id: 'active', line: 1 }],
  });

  it('extends the vocabulary with the pack rows, for the reader and for messages', () => {
    const engine = new RuleEngine([guangdongLike]);
    expect(engine.vocabulary.info('active.localItem.count')).toMatchObject({ rowLabel: '地方特色事项', columnLabel: '事项数量', tableName: '表二' });
    expect(engine.vocabulary.rowsOf('active', '2021').map((row) => row.key)).toContain('localItem');
    expect(engine.vocabulary.rowsOf('active', '2019').map((row) => row.key)).not.toContain('localItem');
  });

  it('runs a regional pack only on its region’s reports and years, unless told to always apply', async () => {
    const engine = new RuleEngine([guangdongLike]);
    expect((await engine.check(withTables('潮州市某局'))).map((finding) => finding.message)).toEqual(['表二 缺少“地方特色事项”行']);
    expect(await engine.check(withTables('昆明市某局'))).toEqual([]);
    expect(await engine.check(withTables('潮州市某局', 2020))).toEqual([]);
    expect(await new RuleEngine([guangdongLike], { alwaysApply: ['regional'] }).check(withTables('昆明市某局'))).toHaveLength(1);
  });

  it('refuses a pack rule naming a key no row defines, and a bad row pattern', () => {
    expect(() =>
      parseRulePack({ ...guangdongLike, rules: [{ ...guangdongLike.rules[0]!, conditions: { all: [{ fact: 'cell', params: { key: 'active.otherItem.count' }, operator: 'equal', value: 1 }] } }] }),
    ).toThrowError(/未知的单元格键 “active.otherItem.count”/);
    expect(() => parseRulePack({ ...guangdongLike, extraRows: [{ ...guangdongLike.extraRows![0]!, patterns: ['(('] }] })).toThrowError(/extraRows\.0\.patterns: 不是有效的正则表达式/);
  });
});

describe('loading json-rules-engine', () => {
  it('happens when an interpreted engine first runs, never for a compiled one', () => {
    const onePack = {
      id: 'p',
      version: '1.0.0',
      rules: [
        {
          id: 'new-received',
          severity: 'warning',
          description: '新收申请',
          message: '新收申请 {actual}',
          basis: { document: '文件', article: '条' },
          conditions: { all: [{ fact: 'cell', params: { key: 'requests.newReceived.total' }, operator: 'greaterThan', value: 0 }] },
        },
      ],
    };
    // in a process of its own, through the built package as users load it
    const script = `
      import { createRequire } from 'node:module';
      import { RuleEngine, parseRulePack, sampleReport } from '@xxgk/core';
      const pack = parseRulePack(${JSON.stringify(onePack)});
      const loaded = () => Object.keys(createRequire(import.meta.url).cache).some((file) => file.includes('json-rules-engine'));
      const seen = [loaded()];
      await new RuleEngine([pack]).check(sampleReport());
      seen.push(loaded());
      const interpreted = new RuleEngine([pack], { mode: 'interpreted' });
      seen.push(loaded());
      await interpreted.check(sampleReport());
      seen.push(loaded());
      console.log(JSON.stringify(seen));`;
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', cwd: import.meta.dirname });
    expect(JSON.parse(output)).toEqual([false, false, false, true]);
  });
});
