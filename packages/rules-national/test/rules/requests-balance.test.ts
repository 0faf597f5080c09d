import { clean2019Report, cleanReport, edit, setCell } from '../report-builder.js';
import { testRule } from '../rule-tester.js';

/** 第一项 and 第二项 of a column, then （七）总计 and 第四项. */
const balanceCells = (column: string) => [
  `requests.newReceived.${column}`,
  `requests.carriedOver.${column}`,
  `requests.total.${column}`,
  `requests.carriedForward.${column}`,
];

testRule('requests-balance', 'error', {
  valid: [
    { name: 'a clean 2021 report', report: cleanReport() },
    { name: 'a clean 2019-template report', report: clean2019Report() },
    {
      name: 'a blank 上年结转 cell that stands for none still balances',
      report: edit((report) => setCell(report, 'requests.carriedOver.researchInstitution', null)),
    },
    {
      name: 'a column whose 第一项 and 第二项 are both blank is not a mismatch',
      report: edit((report) => {
        setCell(report, 'requests.newReceived.naturalPerson', null);
        setCell(report, 'requests.carriedOver.naturalPerson', null);
      }),
    },
  ],
  invalid: [
    {
      name: 'the 总计 column: 本年新收 one too many',
      report: edit((report) => setCell(report, 'requests.newReceived.total', 121)),
      findings: [
        {
          message: '表三 “总计”列：第一项加第二项之和为 126，第三项（七）总计加第四项之和为 125，二者应相等',
          cells: balanceCells('total'),
          section: 3,
          expected: 125,
          actual: 126,
          line: 22,
        },
      ],
    },
    {
      name: 'two unbalanced columns give two findings',
      report: edit((report) => {
        setCell(report, 'requests.carriedForward.naturalPerson', 0);
        setCell(report, 'requests.carriedOver.legalServiceOrganization', 2);
      }),
      findings: [
        {
          message: '表三 “自然人”列：第一项加第二项之和为 104，第三项（七）总计加第四项之和为 98，二者应相等',
          cells: balanceCells('naturalPerson'),
          section: 3,
          expected: 98,
          actual: 104,
          line: 22,
        },
        {
          message: '表三 “法律服务机构”列：第一项加第二项之和为 5，第三项（七）总计加第四项之和为 3，二者应相等',
          cells: balanceCells('legalServiceOrganization'),
          section: 3,
          expected: 3,
          actual: 5,
          line: 22,
        },
      ],
    },
    {
      name: 'a 2019-template report',
      report: edit((report) => setCell(report, 'requests.carriedForward.commercialEnterprise', 3), clean2019Report),
      findings: [
        {
          message: '表三 “商业企业”列：第一项加第二项之和为 14，第三项（七）总计加第四项之和为 16，二者应相等',
          cells: balanceCells('commercialEnterprise'),
          section: 3,
          expected: 16,
          actual: 14,
          line: 22,
        },
      ],
    },
  ],
});
