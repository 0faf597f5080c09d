import { clean2019Report, cleanReport, edit, removeRow, setCell } from '../report-builder.js';
import { testRule } from '../rule-tester.js';

const REQUEST_COLUMNS = [
  'naturalPerson',
  'commercialEnterprise',
  'researchInstitution',
  'socialWelfareOrganization',
  'legalServiceOrganization',
  'otherOrganization',
  'total',
];
const requestCells = (row: string) => REQUEST_COLUMNS.map((column) => `requests.${row}.${column}`);

testRule('row-missing', 'error', {
  valid: [
    { name: 'a clean 2021 report has every row', report: cleanReport() },
    {
      name: 'a clean 2019-template report owes none of the 2021-only rows (（六）1–3, 规章 本年制发件数 …)',
      report: clean2019Report(),
    },
    {
      name: 'a 2021 report owes none of the 2019-only rows (其他对外管理服务事项, 政府集中采购, （六）其他处理)',
      report: cleanReport(2021),
    },
    {
      name: 'a row whose cells are all blank is present, not missing',
      report: edit((report) => {
        for (const key of requestCells('denied.stateSecret')) setCell(report, key, null);
      }),
    },
    {
      name: 'a table that is missing altogether is left to table-missing',
      report: edit((report) => {
        report.tables = report.tables.filter((table) => table.id !== 'requests');
        for (const key of Object.keys(report.cells)) if (key.startsWith('requests.')) delete report.cells[key];
      }),
    },
  ],
  invalid: [
    {
      name: 'table 三 without the 属于国家秘密 row',
      report: edit((report) => removeRow(report, 'requests.denied.stateSecret')),
      findings: [
        {
          message: '表三 缺少“（三）1.属于国家秘密”行',
          cells: requestCells('denied.stateSecret'),
          section: 3,
        },
      ],
    },
    {
      name: 'table 二 without the 行政事业性收费 row',
      report: edit((report) => removeRow(report, 'active.charges')),
      findings: [{ message: '表二 缺少“行政事业性收费”行', cells: ['active.charges.amount'], section: 2 }],
    },
    {
      name: 'a row missing from table 二 and one from table 三 give two findings, table 二 first',
      report: edit((report) => {
        removeRow(report, 'requests.carriedForward');
        removeRow(report, 'active.regulations');
      }),
      findings: [
        {
          message: '表二 缺少“规章”行',
          cells: ['active.regulations.issued', 'active.regulations.repealed', 'active.regulations.valid'],
          section: 2,
        },
        { message: '表三 缺少“四、结转下年度继续办理”行', cells: requestCells('carriedForward'), section: 3 },
      ],
    },
    {
      name: 'a 2021 report with the single 2019 （六）其他处理 row lacks each of the three 2021 rows',
      report: edit((report) => {
        for (const row of ['otherHandling.overdueCorrection', 'otherHandling.overdueFee', 'otherHandling.other']) {
          removeRow(report, `requests.${row}`);
        }
        for (const key of requestCells('otherHandling')) {
          report.cells[key] = 0;
          report.sources[key] = { line: 42, text: '0' };
        }
      }),
      findings: [
        {
          message: '表三 缺少“（六）1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请”行',
          cells: requestCells('otherHandling.overdueCorrection'),
          section: 3,
        },
        {
          message: '表三 缺少“（六）2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请”行',
          cells: requestCells('otherHandling.overdueFee'),
          section: 3,
        },
        { message: '表三 缺少“（六）3.其他”行', cells: requestCells('otherHandling.other'), section: 3 },
      ],
    },
    {
      name: 'a 2019-template report without the 政府集中采购 row',
      report: edit((report) => removeRow(report, 'active.procurement'), clean2019Report),
      findings: [
        {
          message: '表二 缺少“政府集中采购”行',
          cells: ['active.procurement.projects', 'active.procurement.amount'],
          section: 2,
        },
      ],
    },
    {
      name: 'a 2019-template report without the （六）其他处理 row',
      report: edit((report) => removeRow(report, 'requests.otherHandling'), clean2019Report),
      findings: [{ message: '表三 缺少“（六）其他处理”行', cells: requestCells('otherHandling'), section: 3 }],
    },
    {
      name: 'a 表四 with only its 行政复议 group',
      report: edit((report) => {
        removeRow(report, 'review.litigationDirect');
        removeRow(report, 'review.litigationAfterReconsideration');
      }),
      findings: ['litigationDirect', 'litigationAfterReconsideration'].map((group, index) => ({
        message: `表四 缺少“${['行政诉讼·未经复议直接起诉', '行政诉讼·复议后起诉'][index]}”行`,
        cells: ['upheld', 'corrected', 'other', 'pending', 'total'].map((outcome) => `review.${group}.${outcome}`),
        section: 4,
      })),
    },
  ],
});
