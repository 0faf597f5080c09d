import { describe, expect, it } from 'vitest';
import {
  NATIONAL_VOCABULARY,
  RuleEngine,
  carryoverMismatches,
  isCrossReportRule,
  jaccard,
  normalizeProse,
  parseRulePack,
  proseSimilarity,
  reportSimilarity,
  rollupMismatches,
  sampleReport,
  shingles,
  validCountDiscontinuities,
  addCrossReportFindings,
  parseRollupMap,
  type BatchReport,
  type FactContext,
  type RelatedReports,
  type Report,
} from '../src/index.js';

const context = (related?: RelatedReports): FactContext => ({ vocabulary: NATIONAL_VOCABULARY, ...(related ? { related } : {}) });

/** The sample report on 2022, and the one on 2021 made consistent with it (carry-over, counts in force). */
function pair(): { report: Report; previous: Report } {
  const report = sampleReport({ template: '2021', year: 2022 });
  const previous = sampleReport({ template: '2021', year: 2021 });
  for (const [key, value] of Object.entries(report.cells)) {
    if (key.startsWith('requests.carriedOver.')) previous.cells[key.replace('carriedOver', 'carriedForward')] = value;
  }
  previous.cells['active.regulations.valid'] = 15 - 2 + 1;
  previous.cells['active.normativeDocuments.valid'] = 86 - 12 + 3;
  return { report, previous };
}

const previousOf = (previous: Report): RelatedReports => ({ previous: { name: '2021年报告', report: previous } });

/** Prose of a few hundred characters, on a year. */
function prose(year: number, agency = '某市生态环境局'): string[] {
  return [
    `${year}年，${agency}认真贯彻落实《中华人民共和国政府信息公开条例》，围绕中心工作，全面推进决策、执行、管理、服务、结果公开，持续加强政策解读和回应关切。`,
    `全年通过门户网站主动公开政府信息${year - 1900}条，其中机构职能类信息${year - 2000}条，规划计划类信息12条，财政预决算信息8条，行政执法信息356条。`,
    `本机关共收到政府信息公开申请${year - 2010}件，均在法定期限内答复；因政府信息公开被申请行政复议1件，未被提起行政诉讼。`,
    '一是主动公开的深度和广度有待拓展；二是政策解读的形式还不够丰富；三是工作人员业务能力仍需提高。下一步，本机关将加强培训，规范依申请公开办理流程，提升答复质量。',
    `二〇${String(year).slice(2).replace(/\d/g, (digit) => '〇一二三四五六七八九'[Number(digit)]!)}年，本机关将进一步健全公开制度，加大重点领域信息公开力度，不断提升政务公开质量和实效，更好地服务群众。`,
  ];
}

function withProse(report: Report, paragraphs: string[]): Report {
  report.paragraphs = paragraphs.map((text, index) => ({ line: 100 + index, text, section: 1 }));
  return report;
}

describe('carryoverMismatches', () => {
  it('finds nothing without last year’s report, or when the carry-over holds', () => {
    const { report, previous } = pair();
    expect(carryoverMismatches(report, {}, context())).toEqual([]);
    expect(carryoverMismatches(report, {}, context({ children: [{ name: '甲局', report: previous }] }))).toEqual([]);
    expect(carryoverMismatches(report, {}, context(previousOf(previous)))).toEqual([]);
  });

  it('names this year’s 上年结转 and last year’s 结转下年度, column by column', () => {
    const { report, previous } = pair();
    previous.cells['requests.carriedForward.total'] = 4;
    expect(carryoverMismatches(report, {}, context(previousOf(previous)))).toEqual([
      {
        cells: ['requests.carriedOver.total'],
        actual: 5,
        expected: 4,
        vars: { previousName: '2021年报告' },
        related: [{ report: '2021年报告', cells: ['requests.carriedForward.total'], line: 46, value: 4 }],
      },
    ]);
  });

  it('skips blank and invalid cells on either side', () => {
    const { report, previous } = pair();
    previous.cells['requests.carriedForward.total'] = null;
    report.cells['requests.carriedOver.naturalPerson'] = 9;
    report.problems['requests.carriedOver.naturalPerson'] = '“9件”不是数字';
    expect(carryoverMismatches(report, {}, context(previousOf(previous)))).toEqual([]);
  });
});

describe('validCountDiscontinuities', () => {
  it('finds nothing without last year’s report, or when the counts carry over', () => {
    const { report, previous } = pair();
    expect(validCountDiscontinuities(report, {}, context())).toEqual([]);
    expect(validCountDiscontinuities(report, {}, context(previousOf(previous)))).toEqual([]);
  });

  it('checks last year’s 现行有效 + 本年制发 − 本年废止 against this year’s 现行有效', () => {
    const { report, previous } = pair();
    previous.cells['active.normativeDocuments.valid'] = 80;
    expect(validCountDiscontinuities(report, {}, context(previousOf(previous)))).toEqual([
      {
        cells: ['active.normativeDocuments.valid', 'active.normativeDocuments.issued', 'active.normativeDocuments.repealed'],
        actual: 86,
        expected: 89,
        vars: { previousName: '2021年报告', previousValid: 80, issued: 12, repealed: 3 },
        related: [{ report: '2021年报告', cells: ['active.normativeDocuments.valid'], line: 13, value: 80 }],
      },
    ]);
  });

  it('does not check the 2019 template, which has no 现行有效件数', () => {
    const report = sampleReport({ template: '2019', year: 2020 });
    const previous = sampleReport({ template: '2019', year: 2019 });
    expect(validCountDiscontinuities(report, {}, context(previousOf(previous)))).toEqual([]);
    expect(validCountDiscontinuities(pair().report, {}, context(previousOf(previous)))).toEqual([]);
  });
});

describe('the prose similarity', () => {
  it('normalises: NFKC, no whitespace or punctuation, every number and year one placeholder', () => {
    const report = withProse(sampleReport({ template: '2021', year: 2022 }), ['２０２２年，本局 公开信息 1,234 条。', '二〇二二年工作要点：一是……']);
    expect(normalizeProse(report)).toBe('#年本局公开信息#条#年工作要点一是');
  });

  it('shingles by characters and compares sets by Jaccard', () => {
    expect([...shingles('政府信息公开', 5)]).toEqual(['政府信息公', '府信息公开']);
    expect(shingles('公开', 5).size).toBe(0);
    expect(jaccard(new Set(['a', 'b', 'c']), new Set(['b', 'c', 'd']))).toBe(0.5);
    expect(jaccard(new Set(), new Set())).toBe(1);
  });

  it('gives 1 for last year’s prose with the years and figures changed, and little for other prose', () => {
    const report = withProse(sampleReport({ template: '2021', year: 2022 }), prose(2022));
    const copy = withProse(sampleReport({ template: '2021', year: 2023 }), prose(2023));
    expect(proseSimilarity(copy, report)).toBe(1);
    const other = withProse(sampleReport({ template: '2021', year: 2023 }), [
      '2023年，某县人民政府办公室坚持以人民为中心，聚焦群众关切，依托政务服务中心和基层政务公开专区，开展政府开放日、政策进社区等活动，组织解读重要政策文件，推动公开与服务融合。',
      '全年新增主动公开目录事项，更新完善法定主动公开内容，财政资金直达基层、乡村振兴、公共卫生等领域信息及时发布，群众满意度持续提升，政务新媒体矩阵不断完善。',
      '存在的问题：部分乡镇公开栏目更新不及时，基层工作人员对条例理解不深。改进措施：建立月度检查通报制度，开展专题业务培训，压实各单位主体责任。',
    ]);
    expect(proseSimilarity(other, report)!).toBeLessThan(0.2);
  });

  it('does not judge prose shorter than minLength', () => {
    const report = sampleReport({ template: '2021', year: 2022 });
    const previous = sampleReport({ template: '2021', year: 2021 });
    expect(proseSimilarity(report, previous)).toBeNull();
    expect(proseSimilarity(report, previous, { minLength: 10 })).toBe(1);
    expect(reportSimilarity(report, {}, context(previousOf(previous)))).toEqual([]);
  });
});

describe('reportSimilarity', () => {
  const report = withProse(sampleReport({ template: '2021', year: 2023 }), prose(2023));
  const previous = withProse(sampleReport({ template: '2021', year: 2022 }), prose(2022));

  it('finds nothing without last year’s report', () => {
    expect(reportSimilarity(report, {}, context())).toEqual([]);
  });

  it('reports the similarity, the threshold and last year’s report', () => {
    expect(reportSimilarity(report, {}, context(previousOf(previous)))).toEqual([
      {
        cells: [],
        section: null,
        actual: 1,
        expected: 0.9,
        vars: { previousName: '2021年报告', similarity: '100%', threshold: '90%' },
        related: [{ report: '2021年报告' }],
      },
    ]);
  });

  it('takes the threshold as a parameter', () => {
    const edited = withProse(sampleReport({ template: '2021', year: 2023 }), [...prose(2023).slice(0, 4), '明年，本机关将按照上级部署，全力做好政府信息公开各项工作。']);
    const similarity = proseSimilarity(edited, previous)!;
    expect(similarity).toBeGreaterThan(0.6);
    expect(similarity).toBeLessThan(0.9);
    expect(reportSimilarity(edited, {}, context(previousOf(previous)))).toEqual([]);
    expect(reportSimilarity(edited, { threshold: 0.6 }, context(previousOf(previous)))).toEqual([
      expect.objectContaining({ actual: Math.round(similarity * 100) / 100, expected: 0.6, vars: expect.objectContaining({ threshold: '60%' }) }),
    ]);
  });
});

describe('rollupMismatches', () => {
  /** Three children: the sample report with its 行政许可 decisions set. */
  function children(...decisions: (number | null | undefined)[]): RelatedReports {
    return {
      children: decisions.map((value, index) => {
        const report = sampleReport({ template: '2021', year: 2022 });
        if (value === undefined) {
          delete report.cells['active.licensing.decisions'];
          delete report.sources['active.licensing.decisions'];
        } else report.cells['active.licensing.decisions'] = value;
        return { name: `${'甲乙丙'[index]}局`, report };
      }),
    };
  }

  /** A summary whose every cell is three times the sample's, the 行政许可 decisions as given. */
  function summary(decisions: number): Report {
    const report = sampleReport({ template: '2021', year: 2022 });
    for (const [key, value] of Object.entries(report.cells)) if (typeof value === 'number') report.cells[key] = Math.round(value * 3 * 1e6) / 1e6;
    report.cells['active.licensing.decisions'] = decisions;
    return report;
  }

  it('finds nothing without children, or when every cell is their sum', () => {
    expect(rollupMismatches(summary(1), {}, context())).toEqual([]);
    expect(rollupMismatches(summary(1), {}, context({ children: [] }))).toEqual([]);
    expect(rollupMismatches(summary(6), {}, context(children(1, 2, 3)))).toEqual([]);
  });

  it('names every child with its value', () => {
    expect(rollupMismatches(summary(7), {}, context(children(3, 2, 0)))).toEqual([
      {
        cells: ['active.licensing.decisions'],
        actual: 7,
        expected: 5,
        vars: { children: '甲局 3、乙局 2、丙局 0', childCount: 3, sumText: '3 个下级报告之和为 5' },
        related: ['甲局', '乙局', '丙局'].map((report, index) => ({ report, cells: ['active.licensing.decisions'], line: 14, value: [3, 2, 0][index] })),
      },
    ]);
  });

  it('takes blank, invalid and absent child cells as unknown: the summary must be at least the others’ sum', () => {
    const related = children(3, null, undefined);
    expect(rollupMismatches(summary(3), {}, context(related))).toEqual([]);
    expect(rollupMismatches(summary(10), {}, context(related))).toEqual([]);
    const [violation] = rollupMismatches(summary(2), {}, context(related));
    expect(violation).toMatchObject({ actual: 2, expected: 3, vars: { children: '甲局 3、乙局 空、丙局 无此项', sumText: '已填写的下级报告之和已达 3（另有 2 个未填写）' } });
    expect(violation!.related).toEqual([
      { report: '甲局', cells: ['active.licensing.decisions'], line: 14, value: 3 },
      { report: '乙局', cells: ['active.licensing.decisions'], line: 14, value: null },
      { report: '丙局', cells: ['active.licensing.decisions'] },
    ]);
    const invalid = children(3, 2, 1);
    invalid.children![1]!.report.problems['active.licensing.decisions'] = '“2件”不是数字';
    expect(rollupMismatches(summary(1), {}, context(invalid))[0]!.vars!.children).toBe('甲局 3、乙局 有误、丙局 1');
  });

  it('accepts amounts within amountTolerance, and no difference in counts', () => {
    const related = children(1, 2, 3);
    const report = summary(6);
    report.cells['active.charges.amount'] = 470.41; // 3 × 156.8 = 470.4 万元
    expect(rollupMismatches(report, {}, context(related))).toEqual([]);
    expect(rollupMismatches(report, { amountTolerance: 0 }, context(related)).map((violation) => violation.cells)).toEqual([['active.charges.amount']]);
    report.cells['active.licensing.decisions'] = 6.01;
    expect(rollupMismatches(report, { amountTolerance: 1 }, context(related)).map((violation) => violation.cells)).toEqual([['active.licensing.decisions']]);
  });
});

describe('the cross-report facts in a rule engine', () => {
  const pack = parseRulePack({
    id: 'cross',
    version: '1.0.0',
    rules: [
      ['carryover', 'carryoverMismatches'],
      ['valid', 'validCountDiscontinuities'],
      ['copied', 'reportSimilarity'],
      ['rollup', 'rollupMismatches'],
    ].map(([id, fact]) => ({
      id,
      severity: 'warning',
      description: '测试',
      message: '{location}：{actual}/{expected}（{previousName}{children}）',
      basis: { document: '文件', article: '条' },
      conditions: { all: [{ fact, operator: 'hasViolations', value: true }] },
    })),
  });

  it('read the related reports given to check, in both modes, and keep silent without them', async () => {
    const { report, previous } = pair();
    withProse(report, prose(2022));
    withProse(previous, prose(2021));
    previous.cells['requests.carriedForward.total'] = 4;
    previous.cells['active.regulations.valid'] = 1;
    const related: RelatedReports = { ...previousOf(previous), children: [{ name: '甲局', report: previous }] };
    const compiled = new RuleEngine([pack]);
    const interpreted = new RuleEngine([pack], { mode: 'interpreted' });
    const findings = await compiled.check(report, related);
    expect(findings.map((finding) => finding.ruleId)).toEqual(['carryover', 'valid', 'copied', ...findings.slice(3).map(() => 'rollup')]);
    expect(findings.length).toBeGreaterThan(3);
    expect(findings[0]!.message).toBe('表三 “二、上年结转政府信息公开申请数量”行 “总计”列：5/4（2021年报告{children}）');
    expect(await interpreted.check(report, related)).toStrictEqual(findings);
    expect(compiled.checkSync(report, related)).toStrictEqual(findings);
    expect(await compiled.check(report)).toEqual([]);
    expect(await interpreted.check(report)).toEqual([]);
  });

  it('checkRelated runs the cross-report rules alone, in both modes', async () => {
    const single = parseRulePack({
      id: 'single',
      version: '1.0.0',
      rules: [
        {
          id: 'always',
          severity: 'error',
          description: '测试',
          message: '总是',
          basis: { document: '文件', article: '条' },
          conditions: { all: [{ fact: 'year', operator: 'equal', value: 2022 }] },
        },
      ],
    });
    expect(pack.rules.map(isCrossReportRule)).toEqual([true, true, true, true]);
    expect(single.rules.map(isCrossReportRule)).toEqual([false]);
    const { report, previous } = pair();
    previous.cells['requests.carriedForward.total'] = 4;
    const related = previousOf(previous);
    for (const mode of ['compiled', 'interpreted'] as const) {
      const engine = new RuleEngine([single, pack], { mode });
      expect((await engine.check(report, related)).map((finding) => finding.ruleId)).toEqual(['always', 'carryover']);
      expect((await engine.checkRelated(report, related)).map((finding) => finding.ruleId)).toEqual(['carryover']);
    }
  });

  describe('addCrossReportFindings on a batch kept lean', () => {
    /** A batch: an agency's 2022 report copied from 2021's with the carry-over wrong, a summary of two parts, one report related to none. */
    function batch(): BatchReport[] {
      const { report, previous } = pair();
      withProse(report, prose(2022));
      withProse(previous, prose(2021));
      previous.cells['requests.carriedForward.total'] = 4;
      const part = (agency: string, value: number) => {
        const child = sampleReport({ template: '2021', year: 2022, agency });
        child.cells['active.licensing.decisions'] = value;
        return child;
      };
      const county = sampleReport({ template: '2021', year: 2022, agency: '某县人民政府办公室' });
      county.cells['active.licensing.decisions'] = 5;
      const entries = { '2021.txt': previous, '2022.txt': report, 'county.txt': county, 'a.txt': part('某县财政局', 1), 'b.txt': part('某县教育局', 2), 'alone.txt': sampleReport({ agency: '某市审计局', year: 2022 }) };
      return Object.entries(entries).map(([name, whole]) => ({ name, report: whole, findings: [] }));
    }
    const lean = (entry: BatchReport): BatchReport => ({ ...entry, report: { ...entry.report, paragraphs: [], sources: {} }, findings: [] });
    const rollup = { file: 'map.csv', pairs: parseRollupMap('county.txt,a.txt\ncounty.txt,b.txt\n', 'map.csv') };
    const engine = new RuleEngine([pack]);

    it('finds what it finds on whole reports, asking `whole` for the compared reports only, a group at a time', async () => {
      const wholeBatch = batch();
      await addCrossReportFindings(wholeBatch, engine, { rollup });
      const expected = wholeBatch.map((entry) => entry.findings);
      const ruleIds = expected.map((findings) => [...new Set(findings.map((finding) => finding.ruleId))]);
      expect(ruleIds).toEqual([[], ['carryover', 'copied'], ['rollup'], [], [], []]);
      expect(expected[1]![0]!.related).toEqual([{ report: '2021.txt', cells: ['requests.carriedForward.total'], line: expect.any(Number), value: 4 }]);

      const leanBatch = wholeBatch.map(lean);
      const asked: string[][] = [];
      const wholeOf = new Map(leanBatch.map((entry, index) => [entry, wholeBatch[index]!.report]));
      await addCrossReportFindings(leanBatch, engine, {
        rollup,
        groupSize: 3,
        whole: async (entries) => {
          asked.push(entries.map((entry) => entry.name));
          return new Map(entries.map((entry) => [entry, wholeOf.get(entry)!]));
        },
      });
      expect(leanBatch.map((entry) => entry.findings)).toStrictEqual(expected);
      expect(asked).toEqual([
        ['2021.txt', '2022.txt'],
        ['county.txt', 'a.txt', 'b.txt'],
      ]);
    });

    it('checks a report `whole` leaves out as it is', async () => {
      const leanBatch = batch().map(lean);
      await addCrossReportFindings(leanBatch, engine, { rollup, whole: async () => new Map() });
      // without the prose there is no copy to find, and without the sources no line to point at
      expect(leanBatch.map((entry) => [...new Set(entry.findings.map((finding) => finding.ruleId))])).toEqual([[], ['carryover'], ['rollup'], [], [], []]);
      expect(leanBatch[1]!.findings[0]!.related).toEqual([{ report: '2021.txt', cells: ['requests.carriedForward.total'], value: 4 }]);
    });
  });
});
