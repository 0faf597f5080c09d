import type { Report } from '@xxgk/core';
import { clean2019Report, cleanReport, edit } from '../report-builder.js';
import { testRule } from '../rule-tester.js';

/** Rearranges the section headings: the headings appear in `order`, at the clean report's lines. */
const inOrder = (...order: number[]) =>
  edit((report: Report) => {
    const lines = report.sections.map((section) => section.line);
    report.sections = order.map((number, index) => ({ ...report.sections.find((section) => section.number === number)!, line: lines[index]! }));
  });

testRule('section-order', 'warning', {
  valid: [
    { name: 'a clean 2021 report has its sections in order', report: cleanReport() },
    { name: 'a clean 2019-template report has its sections in order', report: clean2019Report() },
    { name: 'a missing section does not break the order of the others', report: inOrder(1, 2, 3, 5, 6) },
    { name: 'a report with no sections has no order to break', report: inOrder() },
  ],
  invalid: [
    {
      name: 'section 三 after section 四',
      report: inOrder(1, 2, 4, 3, 5, 6),
      findings: [
        {
          message: '第三部分“收到和处理政府信息公开申请情况”位置不对：应排在第二部分“主动公开政府信息情况”之后，六个部分应按一至六的顺序排列',
          cells: [],
          section: 3,
          line: 50,
        },
      ],
    },
    {
      name: 'two swaps give two findings',
      report: inOrder(2, 1, 3, 4, 6, 5),
      findings: [
        {
          message: '第一部分“总体情况”位置不对：应排在最前面，六个部分应按一至六的顺序排列',
          cells: [],
          section: 1,
          line: 10,
        },
        {
          message: '第五部分“存在的主要问题及改进情况”位置不对：应排在第四部分“政府信息公开行政复议、行政诉讼情况”之后，六个部分应按一至六的顺序排列',
          cells: [],
          section: 5,
          line: 60,
        },
      ],
    },
    {
      name: 'one misplaced section gives one finding, however many it displaced',
      report: inOrder(6, 1, 2, 3, 4, 5),
      findings: [{ message: '第六部分“其他需要报告的事项”位置不对：应排在第五部分“存在的主要问题及改进情况”之后，六个部分应按一至六的顺序排列', cells: [], section: 6, line: 4 }],
    },
    {
      name: 'section 二 moved to the end is the one misplaced, to go after section 一',
      report: inOrder(1, 3, 4, 5, 6, 2),
      findings: [
        {
          message: '第二部分“主动公开政府信息情况”位置不对：应排在第一部分“总体情况”之后，六个部分应按一至六的顺序排列',
          cells: [],
          section: 2,
          line: 60,
        },
      ],
    },
  ],
});
