import type { Report } from '@xxgk/core';
import { clean2019Report, cleanReport, edit } from '../report-builder.js';
import { testRule } from '../rule-tester.js';

/** Takes the 信息处理费 table (and its cells) out of a report. */
function dropFeeTable(report: Report): void {
  report.feeStatement = null;
  report.tables = report.tables.filter((table) => table.id !== 'fees');
  for (const key of Object.keys(report.cells)) {
    if (key.startsWith('fees.')) {
      delete report.cells[key];
      delete report.sources[key];
    }
  }
}

const MESSAGE = '第六部分“其他需要报告的事项”未说明信息处理费收取情况：应报告通知收取件数、通知收取金额和实际收取金额，未收取也应写明';

testRule('fee-statement-missing', 'error', {
  valid: [
    { name: 'a clean 2021 report with its 信息处理费 table', report: cleanReport() },
    {
      name: 'a report that states in a sentence that no fee was collected',
      report: edit((report) => {
        dropFeeTable(report);
        report.feeStatement = { kind: 'sentence', section: 6, line: 61, text: '本机关2022年未收取信息处理费。' };
        report.cells['fees.collectedAmount'] = 0;
        report.sources['fees.collectedAmount'] = { line: 61, text: '未收取信息处理费', note: '句中说明未收取信息处理费，记为 0 元' };
      }),
    },
    { name: 'a 2019-template report on 2020 owes no fee statement', report: clean2019Report(2020) },
    { name: 'a 2019-template report on 2019 owes no fee statement', report: clean2019Report(2019) },
    { name: 'a 2021-template report on 2020 owes no fee statement', report: edit(dropFeeTable, () => cleanReport(2020)) },
    {
      name: 'a report whose year is unknown is not held to the 2021 rule',
      report: edit((report) => {
        dropFeeTable(report);
        report.meta.year = null;
      }),
    },
  ],
  invalid: [
    {
      name: 'a 2022 report without any fee statement',
      report: edit(dropFeeTable),
      findings: [{ message: MESSAGE, cells: [], section: 6 }],
    },
    {
      name: 'a 2021 report, the first year the statement is owed',
      report: edit(dropFeeTable, () => cleanReport(2021)),
      findings: [{ message: MESSAGE, cells: [], section: 6 }],
    },
    {
      name: 'a 2019-template report on 2021 still owes the statement',
      report: clean2019Report(2021),
      findings: [{ message: MESSAGE, cells: [], section: 6 }],
    },
  ],
});
