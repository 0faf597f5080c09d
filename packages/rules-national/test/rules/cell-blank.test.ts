import { clean2019Report, cleanReport, edit, setCell, setProblem } from '../report-builder.js';
import { testRule } from '../rule-tester.js';

testRule('cell-blank', 'warning', {
  valid: [
    { name: 'a clean 2021 report has no blank cell', report: cleanReport() },
    { name: 'a clean 2019-template report has no blank cell', report: clean2019Report() },
    {
      name: 'cells holding 0 are not blank',
      report: edit((report) => {
        for (const outcome of ['upheld', 'corrected', 'other', 'pending', 'total']) setCell(report, `review.litigationDirect.${outcome}`, 0);
      }),
    },
    {
      name: 'text where a number belongs is an invalid cell, not a blank one',
      report: edit((report) => setProblem(report, 'requests.granted.naturalPerson', '详见附件')),
    },
  ],
  invalid: [
    {
      name: 'one blank cell of table 三',
      report: edit((report) => setCell(report, 'requests.denied.endangersSafety.naturalPerson', null)),
      findings: [
        {
          message: '表三 “（三）3.危及‘三安全一稳定’”行 “自然人”列未填写数字（空白或“/”）；没有发生的应填 0',
          cells: ['requests.denied.endangersSafety.naturalPerson'],
          section: 3,
          line: 28,
        },
      ],
    },
    {
      name: 'blank cells of one row give one finding naming every blank column',
      report: edit((report) => {
        setCell(report, 'requests.denied.endangersSafety.researchInstitution', null, '');
        setCell(report, 'requests.denied.endangersSafety.commercialEnterprise', null, '—');
      }),
      findings: [
        {
          message: '表三 “（三）3.危及‘三安全一稳定’”行 “商业企业”、“科研机构”列未填写数字（空白或“/”）；没有发生的应填 0',
          cells: ['requests.denied.endangersSafety.commercialEnterprise', 'requests.denied.endangersSafety.researchInstitution'],
          section: 3,
          line: 28,
        },
      ],
    },
    {
      name: 'blank cells in two rows of two tables give two findings',
      report: edit((report) => {
        setCell(report, 'active.coercion.decisions', null);
        setCell(report, 'review.litigationAfterReconsideration.corrected', null);
      }),
      findings: [
        {
          message: '表二 “行政强制”行 “本年处理决定数量”列未填写数字（空白或“/”）；没有发生的应填 0',
          cells: ['active.coercion.decisions'],
          section: 2,
          line: 16,
        },
        {
          message: '表四 “行政诉讼·复议后起诉”行 “结果纠正”列未填写数字（空白或“/”）；没有发生的应填 0',
          cells: ['review.litigationAfterReconsideration.corrected'],
          section: 4,
          line: 52,
        },
      ],
    },
    {
      name: 'a blank cell of the 2019 table 二',
      report: edit((report) => setCell(report, 'active.otherServices.change', null), clean2019Report),
      findings: [
        {
          message: '表二 “其他对外管理服务事项”行 “本年增/减”列未填写数字（空白或“/”）；没有发生的应填 0',
          cells: ['active.otherServices.change'],
          section: 2,
          line: 15,
        },
      ],
    },
    {
      name: 'a blank cell of the 信息处理费 table',
      report: edit((report) => setCell(report, 'fees.collectedAmount', null)),
      findings: [
        {
          message: '信息处理费表 “信息处理费”行 “实际收取金额（元）”列未填写数字（空白或“/”）；没有发生的应填 0',
          cells: ['fees.collectedAmount'],
          section: 6,
          line: 62,
        },
      ],
    },
  ],
});
