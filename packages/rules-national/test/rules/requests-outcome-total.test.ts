import { clean2019Report, cleanReport, edit, setCell } from '../report-builder.js';
import { testRule } from '../rule-tester.js';

/** The rows of 第三项 本年度办理结果 (1)–(6), in template order. */
const OUTCOMES_2021 = [
  'granted',
  'partiallyGranted',
  'denied.stateSecret',
  'denied.prohibitedByLaw',
  'denied.endangersSafety',
  'denied.thirdPartyRights',
  'denied.internalAffairs',
  'denied.processInformation',
  'denied.enforcementFiles',
  'denied.administrativeQuery',
  'unavailable.notHeld',
  'unavailable.needsCreation',
  'unavailable.unclearAfterCorrection',
  'notProcessed.complaint',
  'notProcessed.duplicate',
  'notProcessed.publication',
  'notProcessed.excessive',
  'notProcessed.confirmation',
  'otherHandling.overdueCorrection',
  'otherHandling.overdueFee',
  'otherHandling.other',
];
const OUTCOMES_2019 = [...OUTCOMES_2021.filter((row) => !row.startsWith('otherHandling.')), 'otherHandling'];

/** The （七）总计 cell of a column first, then the cell of every outcome row. */
const columnCells = (column: string, rows = OUTCOMES_2021) => [`requests.total.${column}`, ...rows.map((row) => `requests.${row}.${column}`)];

testRule('requests-outcome-total', 'error', {
  valid: [
    { name: 'a clean 2021 report', report: cleanReport() },
    {
      name: 'a clean 2019-template report: the single （六）其他处理 row is counted once',
      report: clean2019Report(),
    },
    {
      name: 'a blank （七）总计 cell is not a mismatch',
      report: edit((report) => setCell(report, 'requests.total.commercialEnterprise', null)),
    },
    {
      name: 'a blank outcome cell whose column still adds up (the cell was 0)',
      report: edit((report) => setCell(report, 'requests.denied.endangersSafety.naturalPerson', null)),
    },
    {
      name: 'a column with every outcome cell blank is not a mismatch',
      report: edit((report) => {
        for (const row of OUTCOMES_2021) setCell(report, `requests.${row}.researchInstitution`, null);
      }),
    },
  ],
  invalid: [
    {
      name: 'the 总计 column of （七）总计 one short',
      report: edit((report) => setCell(report, 'requests.total.total', 117)),
      findings: [
        {
          message: '表三 “（七）总计”行 “总计”列：报告 117，按各项之和应为 118',
          cells: columnCells('total'),
          section: 3,
          expected: 118,
          actual: 117,
          line: 45,
        },
      ],
    },
    {
      name: 'an outcome in the （六）2 row raised: its column no longer adds up',
      report: edit((report) => setCell(report, 'requests.otherHandling.overdueFee.naturalPerson', 3)),
      findings: [
        {
          message: '表三 “（七）总计”行 “自然人”列：报告 98，按各项之和应为 100',
          cells: columnCells('naturalPerson'),
          section: 3,
          expected: 100,
          actual: 98,
          line: 45,
        },
      ],
    },
    {
      name: 'two bad columns give two findings, in column order',
      report: edit((report) => {
        setCell(report, 'requests.total.otherOrganization', 3);
        setCell(report, 'requests.notProcessed.duplicate.commercialEnterprise', 2);
      }),
      findings: [
        {
          message: '表三 “（七）总计”行 “商业企业”列：报告 13，按各项之和应为 14',
          cells: columnCells('commercialEnterprise'),
          section: 3,
          expected: 14,
          actual: 13,
          line: 45,
        },
        {
          message: '表三 “（七）总计”行 “其他”列：报告 3，按各项之和应为 2',
          cells: columnCells('otherOrganization'),
          section: 3,
          expected: 2,
          actual: 3,
          line: 45,
        },
      ],
    },
    {
      name: 'a 2019-template report: the （六）其他处理 row is one of the addends',
      report: edit((report) => setCell(report, 'requests.otherHandling.naturalPerson', 8), clean2019Report),
      findings: [
        {
          message: '表三 “（七）总计”行 “自然人”列：报告 98，按各项之和应为 99',
          cells: columnCells('naturalPerson', OUTCOMES_2019),
          section: 3,
          expected: 99,
          actual: 98,
          line: 43,
        },
      ],
    },
  ],
});
