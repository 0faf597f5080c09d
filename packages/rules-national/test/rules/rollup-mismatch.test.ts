import type { RelatedReports, Report } from '@xxgk/core';
import { cleanReport, edit, setCell } from '../report-builder.js';
import { testRule } from '../rule-tester.js';

/** Three departments' reports: clean, with different 行政许可 decisions. */
function children(change: (reports: Report[]) => void = () => {}): Report[] {
  const reports = [1520, 300, 0].map((decisions) => edit((report) => setCell(report, 'active.licensing.decisions', decisions)));
  change(reports);
  return reports;
}

const NAMES = ['甲局', '乙局', '丙局'];

const related = (reports: Report[]): RelatedReports => ({ children: reports.map((report, index) => ({ name: NAMES[index]!, report })) });

/** The summary of reports: every cell the sum of theirs (blank when all are blank). */
function summaryOf(reports: Report[], change: (report: Report) => void = () => {}): Report {
  return edit((summary) => {
    for (const key of Object.keys(summary.cells)) {
      const values = reports.map((report) => report.cells[key]).filter((value): value is number => typeof value === 'number');
      setCell(summary, key, values.length === 0 ? null : Math.round(values.reduce((sum, value) => sum + value, 0) * 1e6) / 1e6);
    }
    change(summary);
  });
}

/** The children's 行政许可 cells (line 14) as the finding's related places. */
const licensing = (values: (number | null)[]) => values.map((value, index) => ({ report: NAMES[index]!, cells: ['active.licensing.decisions'], line: 14, value }));

testRule('rollup-mismatch', 'error', {
  valid: [
    { name: 'a report checked alone', report: summaryOf(children(), (summary) => setCell(summary, 'active.licensing.decisions', 1)) },
    { name: 'every cell the sum of the three children', report: summaryOf(children()), related: related(children()) },
    {
      name: 'amounts within 0.01 万元 of the sum (rounding)',
      report: summaryOf(children(), (summary) => setCell(summary, 'active.charges.amount', 470.41)),
      related: related(children()),
    },
    {
      name: 'a child’s blank cell is unknown: a summary above the others’ sum may be right',
      report: summaryOf(children(), (summary) => setCell(summary, 'active.licensing.decisions', 1900)),
      related: related(children((reports) => setCell(reports[2]!, 'active.licensing.decisions', null))),
    },
    {
      name: 'a blank cell of the summary is cell-blank’s business',
      report: summaryOf(children(), (summary) => setCell(summary, 'active.licensing.decisions', null)),
      related: related(children()),
    },
    { name: 'last year’s report is not a child', report: cleanReport(), related: { previous: { name: '2021.txt', report: cleanReport(2021) } } },
  ],
  invalid: [
    {
      name: 'the summary’s 行政许可 decisions are not the sum of the three children',
      report: summaryOf(children(), (summary) => setCell(summary, 'active.licensing.decisions', 1802)),
      related: related(children()),
      findings: [
        {
          message: '表二 “行政许可”行 “本年处理决定数量”列：本汇总报告为 1802，3 个下级报告之和为 1820（甲局 1520、乙局 300、丙局 0）',
          cells: ['active.licensing.decisions'],
          section: 2,
          expected: 1820,
          actual: 1802,
          line: 14,
          related: licensing([1520, 300, 0]),
        },
      ],
    },
    {
      name: 'an amount off by more than the tolerance, and a count in 表四',
      report: summaryOf(children(), (summary) => {
        setCell(summary, 'active.charges.amount', 470.5);
        setCell(summary, 'review.reconsideration.total', 0);
      }),
      related: related(children()),
      findings: [
        {
          message: '表二 “行政事业性收费”行 “本年收费金额（单位：万元）”列：本汇总报告为 470.5，3 个下级报告之和为 470.4（甲局 156.8、乙局 156.8、丙局 156.8）',
          cells: ['active.charges.amount'],
          section: 2,
          expected: 470.4,
          actual: 470.5,
          line: 17,
          related: NAMES.map((report) => ({ report, cells: ['active.charges.amount'], line: 17, value: 156.8 })),
        },
        {
          message: '表四 “行政复议” “总计”列：本汇总报告为 0，3 个下级报告之和为 18（甲局 6、乙局 6、丙局 6）',
          cells: ['review.reconsideration.total'],
          section: 4,
          expected: 18,
          actual: 0,
          line: 52,
          related: NAMES.map((report) => ({ report, cells: ['review.reconsideration.total'], line: 52, value: 6 })),
        },
      ],
    },
    {
      name: 'a summary below what the children who filled the cell already add up to',
      report: summaryOf(children(), (summary) => setCell(summary, 'active.licensing.decisions', 1500)),
      related: related(
        children((reports) => {
          setCell(reports[1]!, 'active.licensing.decisions', null);
          delete reports[2]!.cells['active.licensing.decisions'];
          delete reports[2]!.sources['active.licensing.decisions'];
        }),
      ),
      findings: [
        {
          message: '表二 “行政许可”行 “本年处理决定数量”列：本汇总报告为 1500，已填写的下级报告之和已达 1520（另有 2 个未填写）（甲局 1520、乙局 空、丙局 无此项）',
          cells: ['active.licensing.decisions'],
          section: 2,
          expected: 1520,
          actual: 1500,
          line: 14,
          related: [...licensing([1520, null]), { report: '丙局', cells: ['active.licensing.decisions'] }],
        },
      ],
    },
  ],
});
