import { clean2019Report, cleanReport, edit } from '../report-builder.js';
import { testRule } from '../rule-tester.js';

const signedOn = (date: string | null, base = cleanReport) =>
  edit((report) => {
    report.meta.publishedAt = date;
  }, base);

testRule('published-late', 'warning', {
  valid: [
    { name: 'a clean 2021 report signed on 20 January', report: cleanReport() },
    { name: 'a report signed on exactly 31 January is not late', report: signedOn('2023-01-31') },
    { name: 'a report signed in the reporting year itself', report: signedOn('2022-12-30') },
    { name: 'a report without a signing date', report: signedOn(null) },
    { name: 'a clean 2019-template report on 2020, signed in January 2021', report: clean2019Report() },
    {
      name: 'a report whose year is unknown has no deadline',
      report: edit((report) => {
        report.meta.year = null;
        report.meta.publishedAt = '2023-06-01';
      }),
    },
  ],
  invalid: [
    {
      name: 'signed on 1 February',
      report: signedOn('2023-02-01'),
      findings: [
        {
          message: '报告落款日期为 2023-02-01，晚于 2023-01-31 的公布期限',
          cells: [],
          section: null,
          expected: '2023-01-31',
          actual: '2023-02-01',
        },
      ],
    },
    {
      name: 'the finding points at the signing date’s line',
      report: edit((report) => {
        report.meta.publishedAt = '2023-03-01';
        report.meta.publishedLine = 88;
      }),
      findings: [
        {
          message: '报告落款日期为 2023-03-01，晚于 2023-01-31 的公布期限',
          cells: [],
          section: null,
          expected: '2023-01-31',
          actual: '2023-03-01',
          line: 88,
        },
      ],
    },
    {
      name: 'a 2019-template report on 2020 signed in March 2021',
      report: signedOn('2021-03-15', clean2019Report),
      findings: [
        {
          message: '报告落款日期为 2021-03-15，晚于 2021-01-31 的公布期限',
          cells: [],
          section: null,
          expected: '2021-01-31',
          actual: '2021-03-15',
        },
      ],
    },
  ],
});
