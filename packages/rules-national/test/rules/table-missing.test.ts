import type { TableId } from '@xxgk/core';
import { clean2019Report, cleanReport, edit, removeRow } from '../report-builder.js';
import { testRule } from '../rule-tester.js';

/** Drops tables with every cell in them, as a report that lacks them reads. */
const without = (...ids: TableId[]) =>
  edit((report) => {
    report.tables = report.tables.filter((table) => !ids.includes(table.id));
    for (const key of Object.keys(report.cells)) {
      if (ids.some((id) => key.startsWith(`${id}.`))) {
        delete report.cells[key];
        delete report.sources[key];
      }
    }
  });

testRule('table-missing', 'error', {
  valid: [
    { name: 'a clean 2021 report has tables 二, 三 and 四', report: cleanReport() },
    { name: 'a clean 2019-template report has tables 二, 三 and 四', report: clean2019Report() },
    { name: 'the 信息处理费 table is not one of the required tables', report: without('fees') },
    {
      name: 'a table lacking a row is not a missing table',
      report: edit((report) => removeRow(report, 'review.litigationDirect')),
    },
  ],
  invalid: [
    {
      name: 'a report without table 四',
      report: without('review'),
      findings: [{ message: '缺少表四“政府信息公开行政复议、行政诉讼情况”', cells: [], section: 4 }],
    },
    {
      name: 'a report without any table gets one finding per table',
      report: without('active', 'requests', 'review', 'fees'),
      findings: [
        { message: '缺少表二“主动公开政府信息情况”', cells: [], section: 2 },
        { message: '缺少表三“收到和处理政府信息公开申请情况”', cells: [], section: 3 },
        { message: '缺少表四“政府信息公开行政复议、行政诉讼情况”', cells: [], section: 4 },
      ],
    },
  ],
});
