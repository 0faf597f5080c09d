import { clean2019Report, cleanReport, edit, setCell } from '../report-builder.js';
import { testRule } from '../rule-tester.js';

const fees = (noticeCount: number | null, noticeAmount: number | null, collectedAmount: number | null) =>
  edit((report) => {
    setCell(report, 'fees.noticeCount', noticeCount);
    setCell(report, 'fees.noticeAmount', noticeAmount);
    setCell(report, 'fees.collectedAmount', collectedAmount);
  });

testRule('fee-amounts', 'warning', {
  valid: [
    { name: 'a clean 2021 report: 2 件, 380 元 noticed, 380 元 collected', report: cleanReport() },
    { name: 'no fee noticed and none collected', report: fees(0, 0, 0) },
    { name: 'less collected than noticed (an applicant did not pay)', report: fees(2, 380, 200) },
    { name: 'a blank 通知收取件数 is not 0', report: fees(null, 380, 380) },
    { name: 'a 2019-template report without fee cells', report: clean2019Report() },
    {
      name: 'a sentence giving only the collected amount has nothing to compare',
      report: edit((report) => {
        delete report.cells['fees.noticeCount'];
        delete report.cells['fees.noticeAmount'];
        report.feeStatement = { kind: 'sentence', section: 6, line: 61, text: '本机关2022年收取信息处理费380元。' };
      }),
    },
  ],
  invalid: [
    {
      name: 'an amount noticed with no notice counted',
      report: fees(0, 380, 380),
      findings: [
        {
          message: '信息处理费 “通知收取金额（元）”：填写了通知收取金额，但通知收取件数为 0（通知收取金额（元） 380，通知收取件数 0）',
          cells: ['fees.noticeAmount', 'fees.noticeCount'],
          section: 6,
          actual: 380,
          line: 62,
        },
      ],
    },
    {
      name: 'more collected than noticed',
      report: fees(2, 380, 500),
      findings: [
        {
          message: '信息处理费 “实际收取金额（元）”：实际收取金额大于通知收取金额（实际收取金额（元） 500，通知收取金额（元） 380）',
          cells: ['fees.collectedAmount', 'fees.noticeAmount'],
          section: 6,
          actual: 500,
          line: 62,
        },
      ],
    },
    {
      name: 'both problems at once give two findings',
      report: fees(0, 100, 150),
      findings: [
        {
          message: '信息处理费 “通知收取金额（元）”：填写了通知收取金额，但通知收取件数为 0（通知收取金额（元） 100，通知收取件数 0）',
          cells: ['fees.noticeAmount', 'fees.noticeCount'],
          section: 6,
          actual: 100,
          line: 62,
        },
        {
          message: '信息处理费 “实际收取金额（元）”：实际收取金额大于通知收取金额（实际收取金额（元） 150，通知收取金额（元） 100）',
          cells: ['fees.collectedAmount', 'fees.noticeAmount'],
          section: 6,
          actual: 150,
          line: 62,
        },
      ],
    },
  ],
});
