import { clean2019Report, cleanReport, edit, setCell, setProblem } from '../report-builder.js';
import { testRule } from '../rule-tester.js';

testRule('cell-invalid', 'error', {
  valid: [
    { name: 'a clean 2021 report has no invalid cell', report: cleanReport() },
    {
      name: 'a negative 本年增/减 of the 2019 table 二 is valid (the clean 2019 report has 行政许可 −3)',
      report: clean2019Report(),
    },
    {
      name: 'a blank cell is not an invalid one',
      report: edit((report) => setCell(report, 'requests.granted.naturalPerson', null)),
    },
    {
      name: 'an amount with a fraction is valid',
      report: edit((report) => setCell(report, 'fees.collectedAmount', 379.5)),
    },
  ],
  invalid: [
    {
      name: 'a fraction in the 2019 本年增/减 column, where negatives are valid',
      report: edit((report) => setProblem(report, 'active.licensing.change', '1.5'), clean2019Report),
      findings: [
        {
          message: '表二 “行政许可”行 “本年增/减”列：填写有误，“1.5”不是整数，应填写整数（增加为正、减少为负）',
          cells: ['active.licensing.change'],
          section: 2,
          actual: '1.5',
          line: 14,
        },
      ],
    },
    {
      name: 'text in a table 三 cell',
      report: edit((report) => setProblem(report, 'requests.granted.naturalPerson', '约40')),
      findings: [
        {
          message: '表三 “（一）予以公开”行 “自然人”列：填写有误，“约40”不是数字，应填写非负整数（件数）',
          cells: ['requests.granted.naturalPerson'],
          section: 3,
          actual: '约40',
          line: 24,
        },
      ],
    },
    {
      name: 'one finding per invalid cell: a negative count and a fraction',
      report: edit((report) => {
        setProblem(report, 'active.punishment.decisions', '-342');
        setProblem(report, 'review.reconsideration.pending', '1.5');
      }),
      findings: [
        {
          message: '表二 “行政处罚”行 “本年处理决定数量”列：填写有误，“-342”是负数，应填写非负整数（件数）',
          cells: ['active.punishment.decisions'],
          section: 2,
          actual: '-342',
          line: 15,
        },
        {
          message: '表四 “行政复议” “尚未审结”列：填写有误，“1.5”不是整数，应填写非负整数（件数）',
          cells: ['review.reconsideration.pending'],
          section: 4,
          actual: '1.5',
          line: 52,
        },
      ],
    },
    {
      name: 'text in an amount cell',
      report: edit((report) => setProblem(report, 'active.charges.amount', '若干')),
      findings: [
        {
          message: '表二 “行政事业性收费”行 “本年收费金额（单位：万元）”列：填写有误，“若干”不是数字，应填写非负金额',
          cells: ['active.charges.amount'],
          section: 2,
          actual: '若干',
          line: 17,
        },
      ],
    },
    {
      name: 'a negative 信息处理费 amount',
      report: edit((report) => setProblem(report, 'fees.noticeAmount', '-380')),
      findings: [
        {
          message: '信息处理费 “通知收取金额（元）”：填写有误，“-380”是负数，应填写非负金额',
          cells: ['fees.noticeAmount'],
          section: 6,
          actual: '-380',
          line: 62,
        },
      ],
    },
    {
      name: 'text in a 2019 table 二 count',
      report: edit((report) => setProblem(report, 'active.procurement.projects', '十余个'), clean2019Report),
      findings: [
        {
          message: '表二 “政府集中采购”行 “采购项目数量”列：填写有误，“十余个”不是数字，应填写非负整数（件数）',
          cells: ['active.procurement.projects'],
          section: 2,
          actual: '十余个',
          line: 19,
        },
      ],
    },
  ],
});
