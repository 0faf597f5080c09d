import { clean2019Report, cleanReport, edit, setCell, withLastYear } from '../report-builder.js';
import { testRule, type ExpectedFinding } from '../rule-tester.js';

const PREVIOUS = '2021年度报告.html';
const withPrevious = (report = thisYear, change?: Parameters<typeof withLastYear>[2]) => withLastYear(report, PREVIOUS, change);

const ROWS = { regulations: { label: '规章', line: 12 }, normativeDocuments: { label: '行政规范性文件', line: 13 } };

/** The finding on one row of 表二: this year's 现行有效件数 against last year's + 制发 − 废止. */
function discontinuity(row: keyof typeof ROWS, actual: number, previousValid: number, issued: number, repealed: number): ExpectedFinding {
  const { label, line } = ROWS[row];
  const expected = previousValid + issued - repealed;
  return {
    message: `表二 “${label}”行 “现行有效件数”列为 ${actual}，而上年报告（${PREVIOUS}）“${label}”现行有效件数为 ${previousValid}，加本年制发 ${issued} 件、减本年废止 ${repealed} 件应为 ${expected}`,
    cells: [`active.${row}.valid`, `active.${row}.issued`, `active.${row}.repealed`],
    section: 2,
    expected,
    actual,
    line,
    related: [{ report: PREVIOUS, cells: [`active.${row}.valid`], line, value: previousValid }],
  };
}

const thisYear = cleanReport();

testRule('valid-count-continuity', 'warning', {
  valid: [
    { name: 'a report checked alone', report: cleanReport() },
    { name: 'last year’s 现行有效 + 本年制发 − 本年废止 = this year’s 现行有效 (规章 14 + 2 − 1 = 15)', report: thisYear, related: withPrevious() },
    { name: '2019-template reports have no 现行有效件数', report: clean2019Report(2020), related: withPrevious(clean2019Report(2020)) },
    {
      name: 'last year’s report in the 2019 template',
      report: cleanReport(2021),
      related: { previous: { name: PREVIOUS, report: clean2019Report(2020) } },
    },
    {
      name: 'a blank 本年废止件数 is not guessed',
      report: edit((report) => setCell(report, 'active.regulations.repealed', null)),
      related: withPrevious(thisYear, (previous) => setCell(previous, 'active.regulations.valid', 3)),
    },
  ],
  invalid: [
    {
      name: '规章: last year 13 in force, 2 made and 1 repealed, yet 15 in force',
      report: thisYear,
      related: withPrevious(thisYear, (previous) => setCell(previous, 'active.regulations.valid', 13)),
      findings: [discontinuity('regulations', 15, 13, 2, 1)],
    },
    {
      name: 'both rows, with this year’s figures changed',
      report: edit((report) => {
        setCell(report, 'active.regulations.repealed', 0);
        setCell(report, 'active.normativeDocuments.issued', 20);
      }),
      related: withPrevious(),
      findings: [discontinuity('regulations', 15, 14, 2, 0), discontinuity('normativeDocuments', 86, 77, 20, 3)],
    },
  ],
});
