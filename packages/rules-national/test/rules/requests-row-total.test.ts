import { clean2019Report, cleanReport, edit, setCell, setProblem } from '../report-builder.js';
import { testRule } from '../rule-tester.js';

const APPLICANTS = [
  'naturalPerson',
  'commercialEnterprise',
  'researchInstitution',
  'socialWelfareOrganization',
  'legalServiceOrganization',
  'otherOrganization',
];
/** The 总计 cell of a row first, then its six applicant cells. */
const rowCells = (row: string) => [`requests.${row}.total`, ...APPLICANTS.map((column) => `requests.${row}.${column}`)];

testRule('requests-row-total', 'error', {
  valid: [
    { name: 'a clean 2021 report', report: cleanReport() },
    { name: 'a clean 2019-template report (with the single （六）其他处理 row)', report: clean2019Report() },
    {
      name: 'a blank 总计 is not a mismatch',
      report: edit((report) => setCell(report, 'requests.granted.total', null)),
    },
    {
      name: 'a row whose six applicant cells are all blank is not a mismatch',
      report: edit((report) => {
        for (const column of APPLICANTS) setCell(report, `requests.unavailable.notHeld.${column}`, null);
      }),
    },
    {
      name: 'a blank applicant cell whose other cells still add up to the 总计',
      report: edit((report) => setCell(report, 'requests.granted.socialWelfareOrganization', null)),
    },
    {
      name: 'a blank applicant cell is unknown, not zero: the filled cells (0) do not exceed the 总计 (1)',
      report: edit((report) => setCell(report, 'requests.denied.stateSecret.naturalPerson', null)),
    },
    {
      name: 'an invalid cell is left out of the sum (cell-invalid reports it)',
      report: edit((report) => setProblem(report, 'requests.granted.naturalPerson', '-40')),
    },
  ],
  invalid: [
    {
      name: 'a blank applicant cell, but the filled cells already exceed the 总计',
      report: edit((report) => {
        setCell(report, 'requests.denied.stateSecret.naturalPerson', null);
        setCell(report, 'requests.denied.stateSecret.commercialEnterprise', 3);
      }),
      findings: [
        {
          message: '表三 “（三）1.属于国家秘密”行 “总计”列：报告 1，按六类申请人之和应为 3',
          cells: rowCells('denied.stateSecret'),
          section: 3,
          expected: 3,
          actual: 1,
          line: 26,
        },
      ],
    },
    {
      name: 'the 总计 of （一）予以公开 one too many',
      report: edit((report) => setCell(report, 'requests.granted.total', 51)),
      findings: [
        {
          message: '表三 “（一）予以公开”行 “总计”列：报告 51，按六类申请人之和应为 50',
          cells: rowCells('granted'),
          section: 3,
          expected: 50,
          actual: 51,
          line: 24,
        },
      ],
    },
    {
      name: 'an applicant cell changed: the row total no longer holds',
      report: edit((report) => setCell(report, 'requests.unavailable.notHeld.legalServiceOrganization', 4)),
      findings: [
        {
          message: '表三 “（四）1.本机关不掌握相关政府信息”行 “总计”列：报告 15，按六类申请人之和应为 19',
          cells: rowCells('unavailable.notHeld'),
          section: 3,
          expected: 19,
          actual: 15,
          line: 34,
        },
      ],
    },
    {
      name: 'two bad rows give two findings, in table order',
      report: edit((report) => {
        setCell(report, 'requests.carriedForward.total', 6);
        setCell(report, 'requests.newReceived.total', 119);
      }),
      findings: [
        {
          message: '表三 “一、本年新收政府信息公开申请数量”行 “总计”列：报告 119，按六类申请人之和应为 120',
          cells: rowCells('newReceived'),
          section: 3,
          expected: 120,
          actual: 119,
          line: 22,
        },
        {
          message: '表三 “四、结转下年度继续办理”行 “总计”列：报告 6，按六类申请人之和应为 7',
          cells: rowCells('carriedForward'),
          section: 3,
          expected: 7,
          actual: 6,
          line: 46,
        },
      ],
    },
    {
      name: 'the （七）总计 row and a 2021 （六）3 row',
      report: edit((report) => {
        setCell(report, 'requests.otherHandling.other.otherOrganization', 0);
        setCell(report, 'requests.total.naturalPerson', 99);
      }),
      findings: [
        {
          message: '表三 “（六）3.其他”行 “总计”列：报告 3，按六类申请人之和应为 2',
          cells: rowCells('otherHandling.other'),
          section: 3,
          expected: 2,
          actual: 3,
          line: 44,
        },
        {
          message: '表三 “（七）总计”行 “总计”列：报告 118，按六类申请人之和应为 119',
          cells: rowCells('total'),
          section: 3,
          expected: 119,
          actual: 118,
          line: 45,
        },
      ],
    },
    {
      name: 'the single （六）其他处理 row of a 2019-template report',
      report: edit((report) => setCell(report, 'requests.otherHandling.total', 10), clean2019Report),
      findings: [
        {
          message: '表三 “（六）其他处理”行 “总计”列：报告 10，按六类申请人之和应为 9',
          cells: rowCells('otherHandling'),
          section: 3,
          expected: 9,
          actual: 10,
          line: 42,
        },
      ],
    },
  ],
});
