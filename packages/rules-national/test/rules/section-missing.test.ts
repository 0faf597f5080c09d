import { clean2019Report, cleanReport, edit } from '../report-builder.js';
import { testRule } from '../rule-tester.js';

const without = (...numbers: number[]) => edit((report) => {
  report.sections = report.sections.filter((section) => !numbers.includes(section.number));
});

testRule('section-missing', 'error', {
  valid: [
    { name: 'a clean 2021 report has all six sections', report: cleanReport() },
    { name: 'a clean 2019-template report has all six sections', report: clean2019Report() },
    {
      name: 'sections out of order are not missing',
      report: edit((report) => {
        report.sections = [report.sections[1]!, report.sections[0]!, ...report.sections.slice(2)];
      }),
    },
  ],
  invalid: [
    {
      name: 'a report without section 五',
      report: without(5),
      findings: [{ message: '缺少第五部分“存在的主要问题及改进情况”', cells: [], section: 5 }],
    },
    {
      name: 'one finding per missing section, in section order',
      report: without(6, 4),
      findings: [
        { message: '缺少第四部分“政府信息公开行政复议、行政诉讼情况”', cells: [], section: 4 },
        { message: '缺少第六部分“其他需要报告的事项”', cells: [], section: 6 },
      ],
    },
    {
      name: 'a report with no section headings at all gets six findings',
      report: without(1, 2, 3, 4, 5, 6),
      findings: [
        { message: '缺少第一部分“总体情况”', cells: [], section: 1 },
        { message: '缺少第二部分“主动公开政府信息情况”', cells: [], section: 2 },
        { message: '缺少第三部分“收到和处理政府信息公开申请情况”', cells: [], section: 3 },
        { message: '缺少第四部分“政府信息公开行政复议、行政诉讼情况”', cells: [], section: 4 },
        { message: '缺少第五部分“存在的主要问题及改进情况”', cells: [], section: 5 },
        { message: '缺少第六部分“其他需要报告的事项”', cells: [], section: 6 },
      ],
    },
  ],
});
