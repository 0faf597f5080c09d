import type { Report } from '@xxgk/core';
import { clean2019Report, cleanReport, edit } from '../report-builder.js';
import { testRule } from '../rule-tester.js';

/** Rewrites the statistics period of the preamble (line 2). */
function setPeriod(report: Report, startYear: number, endYear: number): void {
  report.meta.period = {
    start: `${startYear}-01-01`,
    end: `${endYear}-12-31`,
    line: 2,
    text: `统计期限自${startYear}年1月1日起至${endYear}年12月31日止`,
  };
}

/** Rewrites the opening paragraph of section 一 (line 5). */
function setOpening(report: Report, text: string): void {
  report.paragraphs.find((paragraph) => paragraph.section === 1)!.text = text;
}

testRule('period-mismatch', 'warning', {
  valid: [
    { name: 'a clean 2021 report: title, period and opening all say 2022', report: cleanReport() },
    { name: 'a clean 2019-template report on 2020', report: clean2019Report() },
    {
      name: 'a report without a stated period',
      report: edit((report) => {
        report.meta.period = null;
      }),
    },
    {
      name: 'an opening that does not begin with a year',
      report: edit((report) => setOpening(report, '本机关认真贯彻落实《中华人民共和国政府信息公开条例》。')),
    },
    {
      name: 'an opening that begins with a date of the next year is not a reporting year',
      report: edit((report) => setOpening(report, '2023年1月，本机关对上一年度政务公开工作进行了总结。')),
    },
    {
      name: 'an opening written with full-width digits and 年度',
      report: edit((report) => setOpening(report, '２０２２年度，本机关全面推进政务公开。')),
    },
  ],
  invalid: [
    {
      name: 'a title on 2022 with a 2021 statistics period',
      report: edit((report) => setPeriod(report, 2021, 2021)),
      findings: [
        {
          message: '报告年度前后不一致：标题为 2022 年，统计期限为 2021 年',
          cells: [],
          section: null,
          expected: 2022,
          actual: 2021,
          line: 2,
        },
      ],
    },
    {
      name: 'a statistics period spanning two years',
      report: edit((report) => setPeriod(report, 2022, 2023)),
      findings: [
        {
          message: '报告年度前后不一致：统计期限“统计期限自2022年1月1日起至2023年12月31日止”跨越两个年度，应为 2022年1月1日至12月31日',
          cells: [],
          section: null,
          expected: '2022年1月1日至2022年12月31日',
          actual: '统计期限自2022年1月1日起至2023年12月31日止',
          line: 2,
        },
      ],
    },
    {
      name: 'an opening of section 一 on the wrong year',
      report: edit((report) => setOpening(report, '2021年，某市生态环境局认真贯彻落实《中华人民共和国政府信息公开条例》。')),
      findings: [
        {
          message: '报告年度前后不一致：“一、总体情况”写的是 2021 年，报告年度为 2022 年',
          cells: [],
          section: 1,
          expected: 2022,
          actual: 2021,
          line: 5,
        },
      ],
    },
    {
      name: 'a period and an opening both left from last year give two findings',
      report: edit((report) => {
        setPeriod(report, 2021, 2021);
        setOpening(report, '2021年，某市生态环境局全面推进政务公开。');
      }),
      findings: [
        {
          message: '报告年度前后不一致：标题为 2022 年，统计期限为 2021 年',
          cells: [],
          section: null,
          expected: 2022,
          actual: 2021,
          line: 2,
        },
        {
          message: '报告年度前后不一致：“一、总体情况”写的是 2021 年，报告年度为 2022 年',
          cells: [],
          section: 1,
          expected: 2022,
          actual: 2021,
          line: 5,
        },
      ],
    },
  ],
});
