import { clean2019Report, cleanReport, edit, setCell, withLastYear } from '../report-builder.js';
import { testRule, type ExpectedFinding } from '../rule-tester.js';

const PREVIOUS = '某市生态环境局2021年政府信息公开工作年度报告.txt';
const withPrevious = (report = thisYear, change?: Parameters<typeof withLastYear>[2]) => withLastYear(report, PREVIOUS, change);

/** The finding on one column of 表三: this year's 上年结转 (line 23) against last year's 结转下年度. */
function mismatch(column: string, label: string, actual: number, expected: number, previousLine = 46): ExpectedFinding {
  return {
    message: `表三 “二、上年结转政府信息公开申请数量”行 “${label}”列为 ${actual}，而上年报告（${PREVIOUS}）表三 “四、结转下年度继续办理”行 “${label}”列为 ${expected}，二者应相等`,
    cells: [`requests.carriedOver.${column}`],
    section: 3,
    expected,
    actual,
    line: 23,
    related: [{ report: PREVIOUS, cells: [`requests.carriedForward.${column}`], line: previousLine, value: expected }],
  };
}

const thisYear = cleanReport();

testRule('carryover-mismatch', 'warning', {
  valid: [
    { name: 'a report checked alone', report: cleanReport() },
    { name: 'last year’s 结转下年度 carried into this year’s 上年结转, column by column', report: thisYear, related: withPrevious() },
    { name: 'a consistent pair of 2019-template reports', report: clean2019Report(), related: withPrevious(clean2019Report()) },
    {
      name: 'a blank cell on either side is not compared',
      report: edit((report) => setCell(report, 'requests.carriedOver.total', null)),
      related: withPrevious(thisYear, (previous) => {
        setCell(previous, 'requests.carriedForward.total', 9);
        setCell(previous, 'requests.carriedForward.naturalPerson', null);
      }),
    },
    {
      name: 'a summary’s children are not last year’s report',
      report: cleanReport(),
      related: { children: [{ name: '甲局', report: edit((report) => setCell(report, 'requests.carriedForward.total', 9), () => cleanReport(2021)) }] },
    },
  ],
  invalid: [
    {
      name: 'this year’s 上年结转 differs from last year’s 结转下年度 in two columns',
      report: thisYear,
      related: withPrevious(thisYear, (previous) => {
        setCell(previous, 'requests.carriedForward.naturalPerson', 4);
        setCell(previous, 'requests.carriedForward.total', 4);
      }),
      findings: [mismatch('naturalPerson', '自然人', 5, 4), mismatch('total', '总计', 5, 4)],
    },
    {
      name: 'the sample reports of two years, whose carry-over was never made consistent',
      report: cleanReport(2022),
      related: { previous: { name: PREVIOUS, report: cleanReport(2021) } },
      findings: [mismatch('naturalPerson', '自然人', 5, 6), mismatch('commercialEnterprise', '商业企业', 0, 1), mismatch('total', '总计', 5, 7)],
    },
    {
      name: 'a 2019-template report: 上年结转 on line 23, 结转下年度 on line 44',
      report: clean2019Report(),
      related: withPrevious(clean2019Report(), (previous) => setCell(previous, 'requests.carriedForward.otherOrganization', 2)),
      findings: [mismatch('otherOrganization', '其他', 0, 2, 44)],
    },
  ],
});
