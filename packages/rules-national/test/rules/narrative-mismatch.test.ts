import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { decodeText, readText } from '@xxgk/adapter-text';
import { buildReport, type Report } from '@xxgk/core';
import { describe, expect, it } from 'vitest';
import { cleanReport, clean2019Report, edit, findingsOf, setCell } from '../report-builder.js';
import { testRule, type ExpectedFinding } from '../rule-tester.js';

/**
 * Puts sentences in section 一 from line 5 on (the clean report's opening paragraph is line
 * 5; lines 6–9 are free). The clean 2021 report's 表三: 本年新收 120 (自然人 99), 上年结转 5,
 * 予以公开 50, 部分公开 10, 不予公开 16, 结转下年度 7; 表四: 行政复议 6, 行政诉讼 4 + 2;
 * 信息处理费 2 件, 380 元, 380 元.
 */
function withProse(texts: string[], base: () => Report = cleanReport): Report {
  return edit((report) => {
    report.paragraphs = report.paragraphs.filter((paragraph) => paragraph.section !== 1);
    report.paragraphs.splice(2, 0, ...texts.map((text, index) => ({ line: 5 + index, text, section: 1 })));
  }, base);
}

/** The finding of a sentence (section 一, line 5 unless told) whose figure disagrees with a cell of the clean report. */
function mismatch(
  said: { sentence: string; phrase: string; actual: number; line?: number },
  cells: string[],
  place: string,
  cellLine: number,
  expected: number,
  options: { also?: string; cellText?: string } = {},
): ExpectedFinding {
  const line = said.line ?? 5;
  return {
    message: `第 ${line} 行正文称“${said.phrase}”（${said.actual}），而${place}（第 ${cellLine} 行）为 ${expected}${options.also ?? ''}，二者不一致`,
    cells,
    section: 1,
    expected,
    actual: said.actual,
    line,
    related: [
      { cells, line: cellLine, text: options.cellText ?? String(expected), value: expected },
      { line, text: said.sentence },
    ],
  };
}

const AGREEING = [
  '2022年，本机关全年新收政府信息公开申请120件，其中自然人申请99件，法人或其他组织申请21件；上年结转5件。',
  '予以公开50件，部分公开10件，不予公开16件，结转下年度继续办理7件。',
  '因政府信息公开被申请行政复议6起，被提起行政诉讼6起。',
];

testRule('narrative-mismatch', 'warning', {
  valid: [
    { name: 'a clean 2021 report (its fee sentence agrees with the fee table)', report: cleanReport() },
    { name: 'a clean 2019-template report on 2020', report: clean2019Report() },
    { name: 'prose restating tables 三 and 四 right', report: withProse(AGREEING) },
    { name: '共收到 N 件 counting the carried-over applications in (120 + 5)', report: withProse(['2022年，本机关共收到政府信息公开申请125件。']) },
    {
      name: 'a figure on a blank cell is not compared',
      report: edit((report) => setCell(report, 'requests.granted.total', null), () => withProse(['予以公开51件。'])),
    },
    { name: 'a figure of last year', report: withProse(['2021年，本机关收到政府信息公开申请80件，予以公开30件。']) },
    { name: 'a cumulative figure', report: withProse(['历年累计收到政府信息公开申请900件。']) },
    { name: 'a 2019-template report: 制发 has no cell there', report: withProse(['全年制发行政规范性文件3件。'], clean2019Report) },
  ],
  invalid: [
    {
      name: 'a granted count in section 一 that table 三 contradicts',
      report: withProse(['2022年，予以公开51件，部分公开10件。']),
      findings: [
        mismatch({ sentence: '2022年，予以公开51件，部分公开10件。', phrase: '予以公开51件', actual: 51 }, ['requests.granted.total'], '表三 “（一）予以公开”行 “总计”列', 24, 50),
      ],
    },
    {
      name: 'a received count that is neither the new applications nor those with the carried-over, and a lawsuit count in Chinese numerals',
      report: withProse(['2022年，本机关共收到政府信息公开申请130件。', '因政府信息公开被提起行政诉讼五起。']),
      findings: [
        mismatch(
          { sentence: '2022年，本机关共收到政府信息公开申请130件。', phrase: '收到政府信息公开申请130件', actual: 130 },
          ['requests.newReceived.total'],
          '表三 “一、本年新收政府信息公开申请数量”行 “总计”列',
          22,
          120,
          { also: '（连同上年结转为 125）' },
        ),
        mismatch(
          { sentence: '因政府信息公开被提起行政诉讼五起。', phrase: '行政诉讼五起', actual: 5, line: 6 },
          ['review.litigationDirect.total', 'review.litigationAfterReconsideration.total'],
          '表四 “行政诉讼”（未经复议直接起诉、复议后起诉）“总计”之和',
          52,
          6,
          { cellText: '4' },
        ),
      ],
    },
    {
      name: '未收取信息处理费 against a fee table that shows 380 元 collected',
      report: withProse(['2022年，本机关未收取信息处理费。']),
      findings: [
        mismatch({ sentence: '2022年，本机关未收取信息处理费。', phrase: '未收取信息处理费', actual: 0 }, ['fees.collectedAmount'], '信息处理费 “实际收取金额（元）”', 62, 380),
      ],
    },
  ],
});

// ——— the real seed reports, read from text as the CLI reads them ———

const seeds = fileURLToPath(new URL('../../../../../shared/seeds/', import.meta.url));
const seedText = (file: string): string => decodeText(readFileSync(seeds + file));
const read = (text: string): Report => buildReport(readText(text));
const SEED_002 = '002_5d8db5c6007b71c2.txt';

describe('narrative-mismatch on the seed reports', () => {
  it.each(readdirSync(seeds).filter((name) => name.endsWith('.txt')))('%s: the prose agrees with the tables', async (file) => {
    expect(await findingsOf(read(seedText(file)), 'narrative-mismatch')).toEqual([]);
  });

  it('seed 002 with one figure of its prose changed (予以公开6件 → 7件) gives exactly that finding, naming both places', async () => {
    const text = seedText(SEED_002);
    expect(text).toContain('予以公开6件');
    const findings = await findingsOf(read(text.replace('予以公开6件', '予以公开7件')), 'narrative-mismatch');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'narrative-mismatch',
      severity: 'warning',
      message: '第 6 行正文称“予以公开7件”（7），而表三 “（一）予以公开”行 “总计”列（第 31 行）为 6，二者不一致',
      cells: ['requests.granted.total'],
      section: 1,
      line: 6,
      actual: 7,
      expected: 6,
    });
    expect(findings[0]!.related).toEqual([
      { cells: ['requests.granted.total'], line: 31, text: '6', value: 6 },
      { line: 6, text: '予以公开7件,占30%;区分处理9件,占45%;不予公开2件,占10%;重复申请1件,占5%;结转下年办理1件。' },
    ]);
  });

  it('seed 002 with its reconsideration changed (1起 → 2起) names table 四', async () => {
    const findings = await findingsOf(read(seedText(SEED_002).replace('行政复议1起', '行政复议2起')), 'narrative-mismatch');
    expect(findings.map((finding) => finding.message)).toEqual([
      '第 6 行正文称“行政复议2起”（2），而表四 “行政复议” “总计”列（第 58 行）为 1，二者不一致',
    ]);
  });
});
