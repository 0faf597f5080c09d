import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { byName, examples, xxgk, type FileFindings } from './helpers.js';

// Reports made from examples/01 (桐川县市场监督管理局, 2023): last year's, a summary and its parts.
const report2023 = readFileSync(`${examples}/01-clean-2021-pipes.txt`, 'utf8');
const CARRIED_FORWARD = '四、结转下年度继续办理 | 1 | 1 | 0 | 0 | 1 | 0 | 3 |';
const NORMATIVE = '行政规范性文件 | 3 | 1 | 12 |';
const CROSS_RULES = new Set(['carryover-mismatch', 'valid-count-continuity', 'copied-report', 'rollup-mismatch', 'rollup-child-missing']);

/** The same agency's report on 2022: the year moved back, and the given rows. */
function lastYear(options: { carriedForward: string; normative: string; rewrite: boolean }): string {
  let text = report2023.replaceAll('2023', '2022').replaceAll('2024', '2023');
  text = text.replace(CARRIED_FORWARD, `四、结转下年度继续办理 | ${options.carriedForward} |`).replace(NORMATIVE, `行政规范性文件 | ${options.normative} |`);
  // a report written anew: every long line of prose different (here: reversed)
  if (options.rewrite) text = text.replace(/^[^|\n]{40,}$/gm, (line) => [...line].reverse().join(''));
  return text;
}

/** A copy under another agency's name; table cells zeroed, or one of them set. */
function asAgency(agency: string, options: { zero?: boolean; set?: [string, string] } = {}): string {
  let text = report2023.replaceAll('桐川县市场监督管理局', agency);
  if (options.zero) text = text.replace(/(?<=(?:^|\|) *)\d+(?:\.\d+)?(?= *\|)/gm, '0');
  if (options.set) text = text.replace(options.set[0], options.set[1]);
  return text;
}

const crossFindings = (file: FileFindings) => file.findings.filter((finding) => CROSS_RULES.has(finding.ruleId));

const dir = mkdtempSync(join(tmpdir(), 'xxgk-across-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function folder(name: string, files: Record<string, string>): string {
  const path = join(dir, name);
  mkdirSync(path, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(path, file), text);
  return path;
}

async function check(...args: string[]): Promise<{ code: number; stderr: string; files: FileFindings[] }> {
  const run = await xxgk('check', ...args, '--format', 'json');
  return { code: run.code, stderr: run.stderr, files: JSON.parse(run.stdout) as FileFindings[] };
}

describe('xxgk check across reports: last year', () => {
  it('is silent on a consistent pair of years in one batch', async () => {
    const path = folder('consistent', {
      '2022.txt': lastYear({ carriedForward: '2 | 1 | 0 | 0 | 0 | 0 | 3', normative: '2 | 0 | 10', rewrite: true }),
      '2023.txt': report2023,
    });
    const { files } = await check(path);
    expect(files.map(crossFindings)).toEqual([[], []]);
  });

  it('finds the carried-over cells, the valid count and the copied text that disagree with last year', async () => {
    const path = folder('inconsistent', {
      '2022.txt': lastYear({ carriedForward: '1 | 1 | 0 | 0 | 1 | 0 | 3', normative: '2 | 0 | 12', rewrite: false }),
      '2023.txt': report2023,
    });
    const { files } = await check(path);
    expect(crossFindings(byName(files, '2022.txt'))).toEqual([]);
    const found = crossFindings(byName(files, '2023.txt'));
    expect(found.map((finding) => [finding.ruleId, finding.cells[0], finding.actual, finding.expected])).toEqual([
      ['carryover-mismatch', 'requests.carriedOver.naturalPerson', 2, 1],
      ['carryover-mismatch', 'requests.carriedOver.legalServiceOrganization', 0, 1],
      ['valid-count-continuity', 'active.normativeDocuments.valid', 12, 14],
      ['copied-report', undefined, 1, 0.9],
    ]);
    for (const finding of found) expect(finding.message).toContain('2022.txt');
  });

  it('finds last year in a store made by extract --store, and says what it stored', async () => {
    const store = join(dir, 'years.sqlite');
    const earlier = folder('store-2022', { '2022.txt': lastYear({ carriedForward: '1 | 1 | 0 | 0 | 1 | 0 | 3', normative: '2 | 0 | 10', rewrite: true }) });
    const extracted = await xxgk('extract', earlier, '--store', store);
    expect(extracted.code).toBe(0);
    expect(extracted.stderr).toContain(`已存入 1 份报告到 ${store}`);
    const later = folder('store-2023', { '2023.txt': report2023 });
    const { files } = await check(later, '--store', store);
    const found = crossFindings(byName(files, '2023.txt'));
    expect(found.map((finding) => [finding.ruleId, finding.cells[0]])).toEqual([
      ['carryover-mismatch', 'requests.carriedOver.naturalPerson'],
      ['carryover-mismatch', 'requests.carriedOver.legalServiceOrganization'],
    ]);
    expect(found[0]!.message).toContain('桐川县市场监督管理局 2022 年报告');
  });

  it('streams ndjson without comparing reports unless asked', async () => {
    const path = join(dir, 'inconsistent');
    const streamed = await xxgk('check', path, '--format', 'ndjson');
    expect(streamed.stdout.trim().split('\n').map((line) => crossFindings(JSON.parse(line) as FileFindings).length)).toEqual([0, 0]);
    const compared = await xxgk('check', path, '--format', 'ndjson', '--across');
    const counts = compared.stdout.trim().split('\n').map((line) => crossFindings(JSON.parse(line) as FileFindings).length);
    expect(counts).toEqual([0, 4]);
    const alone = await check(path, '--no-across');
    expect(alone.files.map(crossFindings)).toEqual([[], []]);
  });
});

describe('xxgk check across reports: roll-ups', () => {
  const parts = {
    'city.txt': asAgency('桐川县人民政府'),
    'a.txt': asAgency('桐川县甲局'),
    'b.txt': asAgency('桐川县乙局', { zero: true }),
    'c.txt': asAgency('桐川县丙局', { zero: true }),
  };
  const mapping = 'parent,child\ncity.txt,a.txt\ncity.txt,b.txt\ncity.txt,桐川县丙局\n';

  it('is silent when the summary is the sum of its parts', async () => {
    const path = folder('rollup-ok', parts);
    writeFileSync(join(path, 'rollup.csv'), mapping);
    const { files } = await check(path, '--rollup', join(path, 'rollup.csv'));
    expect(files.map(crossFindings)).toEqual([[], [], [], []]);
  });

  it('names the cell and the parts that add up to something else', async () => {
    const path = folder('rollup-bad', { ...parts, 'b.txt': asAgency('桐川县乙局', { zero: true, set: ['行政处罚 | 0 |', '行政处罚 | 5 |'] }) });
    writeFileSync(join(path, 'rollup.csv'), mapping);
    const { code, files } = await check(path, '--rollup', join(path, 'rollup.csv'));
    expect(code).toBe(1);
    const found = crossFindings(byName(files, 'city.txt'));
    expect(found.map((finding) => [finding.ruleId, finding.severity, finding.cells, finding.actual, finding.expected])).toEqual([
      ['rollup-mismatch', 'error', ['active.punishment.decisions'], 86, 91],
    ]);
    expect(found[0]!.message).toMatch(/桐川县甲局|a\.txt/);
  });

  it('reports a part it cannot find, and a mapping it cannot read', async () => {
    const path = folder('rollup-missing', parts);
    writeFileSync(join(path, 'rollup.csv'), `${mapping}city.txt,桐川县丁局\n`);
    const { files } = await check(path, '--rollup', join(path, 'rollup.csv'));
    const found = crossFindings(byName(files, 'city.txt'));
    expect(found.map((finding) => finding.ruleId)).toEqual(['rollup-child-missing']);
    expect(found[0]!.message).toContain('第 5 行的下级报告 “桐川县丁局”');
    const bad = await xxgk('check', path, '--rollup', join(path, 'none.csv'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('无法读取汇总关系表');
    const contradictory = await xxgk('check', path, '--rollup', join(path, 'rollup.csv'), '--no-across');
    expect(contradictory.code).toBe(2);
  });
});
