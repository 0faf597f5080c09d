import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { decodeText, readText } from '@xxgk/adapter-text';
import { buildReport, type Report } from '@xxgk/core';
import { cleanReport } from '../report-builder.js';
import { testRule } from '../rule-tester.js';

const seeds = fileURLToPath(new URL('../../../../../shared/seeds/', import.meta.url));
const seedText = (file: string): string => decodeText(readFileSync(seeds + file));
const read = (text: string): Report => buildReport(readText(text));

/** 安宁市人民政府办公室's report on 2022 (a real report). */
const anning2022 = seedText('002_5d8db5c6007b71c2.txt');
/** The same report passed off as the one on 2023: years moved on, a few counts changed, the prose untouched. */
const anning2023 = anning2022
  .replaceAll('2023', '2024')
  .replaceAll('2022', '2023')
  .replace(/(\d+)(件|条)/, (_whole, count: string, unit: string) => `${Number(count) + 7}${unit}`);

const LAST_YEAR = '安宁市人民政府办公室2022年度报告.txt';

testRule('copied-report', 'warning', {
  valid: [
    { name: 'a report checked alone', report: read(anning2023) },
    {
      name: 'two real reports of different agencies (南平 on 2022, 安宁 on 2022)',
      report: read(seedText('000_32c7538ebe09f062.txt')),
      related: { previous: { name: LAST_YEAR, report: read(anning2022) } },
    },
    {
      name: 'two real reports of different agencies (汶上 on 2023 after 安宁 on 2022)',
      report: read(seedText('003_2ca7ff8f1ad21034.txt')),
      related: { previous: { name: LAST_YEAR, report: read(anning2022) } },
    },
    {
      name: 'prose too short to judge (the test builder’s clean reports), even word for word',
      report: cleanReport(2022),
      related: { previous: { name: '2021.txt', report: cleanReport(2021) } },
    },
  ],
  invalid: [
    {
      name: 'last year’s report with its years and a few numbers changed',
      report: read(anning2023),
      related: { previous: { name: LAST_YEAR, report: read(anning2022) } },
      findings: [
        {
          message: `报告正文与上年报告（${LAST_YEAR}）的相似度为 100%（年份、数字不计，提示阈值 90%），疑似照搬上年报告，请按本年度工作情况撰写`,
          cells: [],
          section: null,
          expected: 0.9,
          actual: 1,
          related: [{ report: LAST_YEAR }],
        },
      ],
    },
  ],
});
