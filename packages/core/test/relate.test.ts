import { describe, expect, it } from 'vitest';
import { sampleReport } from '../src/sample/sample-report.js';
import { RollupMapError, parseRollupMap, relateReports, type BatchReport } from '../src/rules/relate.js';

const entry = (name: string, agency: string, year: number): BatchReport => ({ name, report: sampleReport({ agency, year }), findings: [] });

describe('relateReports', () => {
  const city2022 = entry('2022/city.txt', '安宁市人民政府办公室', 2022);
  const city2023 = entry('2023/city.txt', '安宁市政府办公厅', 2023);
  const a = entry('2023/a.txt', '安宁市财政局', 2023);
  const b = entry('2023/b.txt', '安宁市教育局', 2023);

  it('pairs each report with last year’s of its agency, whatever variant of the name', () => {
    const { relations, notes } = relateReports([city2022, city2023, a]);
    expect(notes).toEqual([]);
    expect(relations.map(({ entry: { name }, related }) => [name, related.previous?.name])).toEqual([['2023/city.txt', '2022/city.txt']]);
  });

  it('looks elsewhere for a year the batch lacks', () => {
    const asked: [string, number][] = [];
    const { relations } = relateReports([a], {
      elsewhere: (agency, year) => {
        asked.push([agency, year]);
        return year === 2022 ? { name: '存储：财政局 2022', report: sampleReport({ agency, year }) } : undefined;
      },
    });
    expect(asked).toEqual([['安宁市财政局', 2022]]);
    expect(relations[0]!.related.previous?.name).toBe('存储：财政局 2022');
  });

  it('gives a summary its parts by name or agency, and says what it cannot find', () => {
    const rollup = {
      file: 'map.csv',
      pairs: [
        { parent: '2023/city.txt', child: '2023/a.txt', line: 2 },
        { parent: '2023/city.txt', child: '安宁市教育局', line: 3 },
        { parent: '2023/city.txt', child: '安宁市卫生健康委员会', line: 4 },
        { parent: '2023/town.txt', child: '2023/a.txt', line: 5 },
      ],
    };
    const { relations, notes } = relateReports([city2023, a, b], { rollup });
    expect(notes).toEqual(['汇总关系表第 5 行的汇总报告 “2023/town.txt” 不在本批文件中，未核对']);
    expect(relations).toHaveLength(1);
    const [summary] = relations;
    expect(summary!.entry).toBe(city2023);
    expect(summary!.related.children?.map((child) => child.name)).toEqual(['2023/a.txt', '2023/b.txt']);
    expect(summary!.findings.map((finding) => [finding.ruleId, finding.severity, finding.message])).toEqual([
      ['rollup-child-missing', 'warning', '汇总关系表 map.csv 第 4 行的下级报告 “安宁市卫生健康委员会” 在本批文件和存储中都没有找到，汇总核对未计入它'],
    ]);
  });

  it('finds a part of the summary’s year only', () => {
    const lastYearPart = entry('2022/a.txt', '安宁市审计局', 2022);
    const { relations } = relateReports([city2023, lastYearPart], { rollup: { file: 'map.csv', pairs: [{ parent: '2023/city.txt', child: '安宁市审计局', line: 1 }] } });
    expect(relations[0]!.related.children).toBeUndefined();
    expect(relations[0]!.findings.map((finding) => finding.ruleId)).toEqual(['rollup-child-missing']);
  });
});

describe('parseRollupMap', () => {
  it('reads pairs with their lines, and names the line at fault', () => {
    expect(parseRollupMap('汇总,下级\ncity.txt,a.txt\n"city.txt","乙局,丙科"\n', 'map.csv')).toEqual([
      { parent: 'city.txt', child: 'a.txt', line: 2 },
      { parent: 'city.txt', child: '乙局,丙科', line: 3 },
    ]);
    expect(() => parseRollupMap('city.txt,a.txt\nonly-one\n', 'map.csv')).toThrow(new RollupMapError('汇总关系表 map.csv 第 2 行应有两列（汇总报告,下级报告），而不是 “only-one”'));
    expect(() => parseRollupMap('parent,child\n', 'map.csv')).toThrow(RollupMapError);
  });
});
