import { clean2019Report, cleanReport, edit, setCell } from '../report-builder.js';
import { testRule } from '../rule-tester.js';

/** The 总计 cell of a group first, then its four outcomes. */
const groupCells = (group: string) => ['total', 'upheld', 'corrected', 'other', 'pending'].map((outcome) => `review.${group}.${outcome}`);

testRule('review-total', 'error', {
  valid: [
    { name: 'a clean 2021 report', report: cleanReport() },
    { name: 'a clean 2019-template report', report: clean2019Report() },
    {
      name: 'a blank 总计 is not a mismatch',
      report: edit((report) => setCell(report, 'review.reconsideration.total', null)),
    },
    {
      name: 'a group whose four outcomes are blank is not a mismatch',
      report: edit((report) => {
        for (const outcome of ['upheld', 'corrected', 'other', 'pending']) setCell(report, `review.litigationDirect.${outcome}`, null);
      }),
    },
    {
      name: 'a blank outcome whose group still adds up (the cell was 0)',
      report: edit((report) => setCell(report, 'review.litigationAfterReconsideration.corrected', null)),
    },
  ],
  invalid: [
    {
      name: 'the 行政复议 总计 one too many',
      report: edit((report) => setCell(report, 'review.reconsideration.total', 7)),
      findings: [
        {
          message: '表四 “行政复议” “总计”列：报告 7，按结果维持、结果纠正、其他结果、尚未审结之和应为 6',
          cells: groupCells('reconsideration'),
          section: 4,
          expected: 6,
          actual: 7,
          line: 52,
        },
      ],
    },
    {
      name: 'two bad groups give two findings, in table order',
      report: edit((report) => {
        setCell(report, 'review.litigationAfterReconsideration.upheld', 0);
        setCell(report, 'review.litigationDirect.pending', 3);
      }),
      findings: [
        {
          message: '表四 “行政诉讼·未经复议直接起诉” “总计”列：报告 4，按结果维持、结果纠正、其他结果、尚未审结之和应为 6',
          cells: groupCells('litigationDirect'),
          section: 4,
          expected: 6,
          actual: 4,
          line: 52,
        },
        {
          message: '表四 “行政诉讼·复议后起诉” “总计”列：报告 2，按结果维持、结果纠正、其他结果、尚未审结之和应为 1',
          cells: groupCells('litigationAfterReconsideration'),
          section: 4,
          expected: 1,
          actual: 2,
          line: 52,
        },
      ],
    },
  ],
});
