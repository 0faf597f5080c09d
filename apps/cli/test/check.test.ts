import { describe, expect, it } from 'vitest';
import { EXAMPLE_FILES, byName, checkJson, examples, seeds, xxgk } from './helpers.js';

const summary = (findings: { ruleId: string; cells: string[]; actual?: unknown; expected?: unknown }[]) =>
  findings.map(({ ruleId, cells, actual, expected }) => ({ ruleId, cell: cells[0] ?? null, actual, expected }));

describe('xxgk check on the seed reports', async () => {
  const { code, files } = await checkJson(seeds);

  it('checks all five and exits 1 because some have errors', () => {
    expect(files).toHaveLength(5);
    expect(code).toBe(1);
  });

  it('000: 规章 row missing and published late (2023年2月3日)', () => {
    const result = byName(files, '000_32c7538ebe09f062.txt');
    expect(summary(result.findings)).toEqual([
      { ruleId: 'row-missing', cell: 'active.regulations.issued', actual: undefined, expected: undefined },
      { ruleId: 'published-late', cell: null, actual: '2023-02-03', expected: '2023-01-31' },
    ]);
    expect(result.findings[0]!.message).toBe('表二 缺少“规章”行');
  });

  it('004: outdated template, blank 表三 cells, no fee statement', () => {
    const result = byName(files, '004_7951624ebb58a0d9.txt');
    expect(result.template).toBe('2019');
    const rules = result.findings.map((finding) => finding.ruleId);
    expect(rules).toContain('template-outdated');
    expect(rules).toContain('fee-statement-missing');
    const blankRequests = result.findings.filter((finding) => finding.ruleId === 'cell-blank' && finding.cells[0]!.startsWith('requests.'));
    expect(blankRequests).toHaveLength(23);
    expect(blankRequests[0]!.cells).toEqual([
      'requests.newReceived.naturalPerson',
      'requests.newReceived.commercialEnterprise',
      'requests.newReceived.researchInstitution',
      'requests.newReceived.socialWelfareOrganization',
      'requests.newReceived.legalServiceOrganization',
      'requests.newReceived.otherOrganization',
    ]);
    expect(new Set(rules)).toEqual(new Set(['template-outdated', 'cell-blank', 'fee-statement-missing']));
  });

  it('001, 002 and 003: no errors', () => {
    for (const name of ['001_ed81bf0277f87ec6.txt', '002_5d8db5c6007b71c2.txt', '003_2ca7ff8f1ad21034.txt']) {
      expect(byName(files, name).findings.filter((finding) => finding.severity === 'error'), name).toEqual([]);
    }
  });
});

describe('xxgk check on the bundled examples', async () => {
  const { code, files } = await checkJson(examples);

  it('reads every example report and nothing else', () => {
    expect(files.map((file) => file.file.split('/').pop())).toEqual(EXAMPLE_FILES);
    expect(code).toBe(1);
  });

  it('finds nothing in the clean ones, in all three layouts and both templates', () => {
    expect(byName(files, '01-clean-2021-pipes.txt')).toMatchObject({ template: '2021', findings: [] });
    expect(byName(files, '02-clean-2021-cells.txt')).toMatchObject({ template: '2021', findings: [] });
    expect(byName(files, '03-clean-2019-tabs.txt')).toMatchObject({ template: '2019', findings: [] });
  });

  it('10: a clean 2019-template PDF on 2020', () => {
    expect(byName(files, '10-clean-2019-pdf.pdf')).toMatchObject({ template: '2019', findings: [] });
  });

  it('08: a clean report inside a web page', () => {
    expect(byName(files, '08-clean-2021-web.html')).toMatchObject({ template: '2021', findings: [] });
  });

  it('09: a Word file with blanks, text and a total that does not add up', () => {
    expect(summary(byName(files, '09-defect-2021-word.docx').findings)).toEqual([
      { ruleId: 'cell-blank', cell: 'active.charges.amount', actual: undefined, expected: undefined },
      { ruleId: 'cell-blank', cell: 'requests.carriedOver.researchInstitution', actual: undefined, expected: undefined },
      { ruleId: 'cell-blank', cell: 'review.litigationAfterReconsideration.pending', actual: undefined, expected: undefined },
      { ruleId: 'cell-invalid', cell: 'active.punishment.decisions', actual: '若干', expected: undefined },
      { ruleId: 'requests-row-total', cell: 'requests.total.total', actual: 70, expected: 71 },
      { ruleId: 'requests-outcome-total', cell: 'requests.total.total', actual: 70, expected: 71 },
      { ruleId: 'requests-balance', cell: 'requests.newReceived.total', actual: 72, expected: 71 },
    ]);
  });

  it('04: the sums that do not add up, and a carry-over that is not last year’s (11)', () => {
    expect(summary(byName(files, '04-defect-sums-2021-pipes.txt').findings)).toEqual([
      { ruleId: 'requests-row-total', cell: 'requests.total.total', actual: 19, expected: 20 },
      { ruleId: 'requests-outcome-total', cell: 'requests.total.total', actual: 19, expected: 20 },
      { ruleId: 'requests-balance', cell: 'requests.newReceived.total', actual: 22, expected: 21 },
      { ruleId: 'review-total', cell: 'review.reconsideration.total', actual: 2, expected: 1 },
      { ruleId: 'carryover-mismatch', cell: 'requests.carriedOver.naturalPerson', actual: 2, expected: 3 },
      { ruleId: 'carryover-mismatch', cell: 'requests.carriedOver.total', actual: 3, expected: 4 },
    ]);
    const four = byName(files, '04-defect-sums-2021-pipes.txt').findings;
    const outcome = four[1]!;
    expect(outcome.message).toBe('表三 “（七）总计”行 “总计”列：报告 19，按各项之和应为 20');
    expect(outcome.cells).toHaveLength(1 + 2 + 8 + 3 + 5 + 3);
    // 04's 二、上年结转 (line 30) against 11's 四、结转下年度继续办理 (line 53)
    const lastYear = `${examples}/11-lastyear-2022-pipes.txt`;
    expect(four.slice(4)).toEqual([
      expect.objectContaining({
        severity: 'warning',
        line: 30,
        related: [{ report: lastYear, cells: ['requests.carriedForward.naturalPerson'], line: 53, value: 3 }],
      }),
      expect.objectContaining({
        severity: 'warning',
        line: 30,
        related: [{ report: lastYear, cells: ['requests.carriedForward.total'], line: 53, value: 4 }],
      }),
    ]);
    expect(four[4]!.message).toBe(
      `表三 “二、上年结转政府信息公开申请数量”行 “自然人”列为 2，而上年报告（${lastYear}）表三 “四、结转下年度继续办理”行 “自然人”列为 3，二者应相等`,
    );
  });

  it('11: 04’s agency on the year before, clean; its valid count and its prose carry on into 04 without a finding', () => {
    expect(byName(files, '11-lastyear-2022-pipes.txt')).toMatchObject({ template: '2021', findings: [] });
    const rules = files.flatMap((file) => file.findings.map((finding) => finding.ruleId));
    expect(rules).not.toContain('valid-count-continuity');
    expect(rules).not.toContain('copied-report');
    expect(rules).not.toContain('narrative-mismatch');
  });

  it('compares no reports with --no-across: 04 has its four sums only', async () => {
    const run = await checkJson(examples, '--no-across');
    expect(run.files.flatMap((file) => file.findings.filter((finding) => finding.ruleId === 'carryover-mismatch'))).toEqual([]);
    expect(byName(run.files, '04-defect-sums-2021-pipes.txt').findings).toHaveLength(4);
  });

  it('05: missing section, row and fee statement, a blank cell, a late date', () => {
    expect(summary(byName(files, '05-defect-structure-2021-cells.txt').findings)).toEqual([
      { ruleId: 'section-missing', cell: null, actual: undefined, expected: undefined },
      { ruleId: 'row-missing', cell: 'active.coercion.decisions', actual: undefined, expected: undefined },
      { ruleId: 'cell-blank', cell: 'requests.newReceived.researchInstitution', actual: undefined, expected: undefined },
      { ruleId: 'fee-statement-missing', cell: null, actual: undefined, expected: undefined },
      { ruleId: 'published-late', cell: null, actual: '2024-03-05', expected: '2024-01-31' },
    ]);
    expect(byName(files, '05-defect-structure-2021-cells.txt').findings[0]).toMatchObject({ message: '缺少第五部分“存在的主要问题及改进情况”', section: 5 });
    // the late finding points at the signing date's line
    expect(byName(files, '05-defect-structure-2021-cells.txt').findings.find((finding) => finding.ruleId === 'published-late')?.line).toBe(387);
  });

  it('06: a 2022 report in the 2019 template', () => {
    expect(summary(byName(files, '06-defect-outdated-2019-tabs.txt').findings)).toEqual([
      { ruleId: 'template-outdated', cell: null, actual: undefined, expected: undefined },
    ]);
  });

  it('07: text and a negative where counts belong, fee figures, period', () => {
    expect(summary(byName(files, '07-defect-values-2021-pipes.txt').findings)).toEqual([
      { ruleId: 'cell-invalid', cell: 'active.punishment.decisions', actual: '若干', expected: undefined },
      { ruleId: 'cell-invalid', cell: 'requests.granted.naturalPerson', actual: '-2', expected: undefined },
      { ruleId: 'fee-amounts', cell: 'fees.noticeAmount', actual: 200, expected: undefined },
      { ruleId: 'fee-amounts', cell: 'fees.collectedAmount', actual: 300, expected: undefined },
      { ruleId: 'period-mismatch', cell: null, actual: 2021, expected: 2022 },
    ]);
  });
});

describe('xxgk check output', () => {
  it('prints findings ESLint-style with a summary, in Chinese', async () => {
    const run = await xxgk('check', `${examples}/04-defect-sums-2021-pipes.txt`);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('错误  表三 “（七）总计”行 “总计”列：报告 19，按各项之和应为 20  requests-outcome-total');
    expect(run.stdout.trim().split('\n').pop()).toBe('✖ 共 1 个文件：4 个错误，0 个警告');
  });

  it('sums up the bundled examples', async () => {
    const run = await xxgk('check', examples);
    expect(run.code).toBe(1);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toContain('  carryover-mismatch      2 个警告');
    expect(lines).toContain('按格式统计：2021 版 8 份，2019 版 3 份，未识别 0 份，未能读取 0 份');
    expect(lines.pop()).toBe('✖ 共 11 个文件：14 个错误，10 个警告');
  });

  it('exits 0 when there are no errors', async () => {
    const run = await xxgk('check', `${examples}/01-clean-2021-pipes.txt`, `${examples}/02-clean-2021-cells.txt`);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('✓ 共 2 个文件：0 个错误，0 个警告');
  });
});
