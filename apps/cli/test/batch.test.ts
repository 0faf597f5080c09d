import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { EXAMPLE_FILES, examples, xxgk, xxgkInTerminal } from './helpers.js';

describe('batches', () => {
  it('streams one JSON line per file with --format ndjson, to --output', async () => {
    const output = join(mkdtempSync(join(tmpdir(), 'xxgk-out-')), 'findings.ndjson');
    const run = await xxgk('check', examples, '--format', 'ndjson', '--output', output, '--jobs', '2');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const lines = readFileSync(output, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { file: string; findings: { ruleId: string }[] });
    expect(lines.map((line) => line.file.split('/').pop()).sort()).toEqual(EXAMPLE_FILES);
    expect(lines.find((line) => line.file.endsWith('06-defect-outdated-2019-tabs.txt'))!.findings.map((finding) => finding.ruleId)).toEqual(['template-outdated']);
  });

  it('extracts with ndjson too, one report model per line', async () => {
    const run = await xxgk('extract', `${examples}/01-clean-2021-pipes.txt`, `${examples}/03-clean-2019-tabs.txt`, '--format', 'ndjson', '--jobs', '1');
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { template: string; cells: Record<string, number> });
    expect(lines.map((line) => line.template).sort()).toEqual(['2019', '2021']);
  });

  it('draws a progress line on a terminal (files, rate, time left), the last with every file, then clears it', async () => {
    const output = join(mkdtempSync(join(tmpdir(), 'xxgk-out-')), 'findings.ndjson');
    const run = await xxgkInTerminal('check', examples, '--format', 'ndjson', '--output', output, '--jobs', '2');
    const drawn = run.stderr.split('\r').filter((line) => line.startsWith('已处理'));
    // at most once per file (how often in time: the next test)
    expect(drawn.length).toBeGreaterThan(0);
    expect(drawn.length).toBeLessThanOrEqual(EXAMPLE_FILES.length);
    for (const line of drawn) expect(line).toMatch(/^已处理 \d+\/11 个文件（\d+\.\d 个\/秒，预计还需 \d+ 秒）$/);
    expect(drawn.at(-1)).toMatch(/^已处理 11\/11 个文件/);
    expect(run.stderr.endsWith('\r\u001b[K')).toBe(true);
    expect(readFileSync(output, 'utf8').trim().split('\n')).toHaveLength(EXAMPLE_FILES.length);
  });

  it('draws the progress line at most every 100 ms, and the last one whenever it comes', async () => {
    // the clock stands still: after the first line, only the last may be drawn
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const run = await xxgkInTerminal('check', examples, '--format', 'ndjson', '--jobs', '2');
      const drawn = run.stderr.split('\r').filter((line) => line.startsWith('已处理'));
      expect(drawn.map((line) => line.split(' ')[1])).toEqual(['1/11', '11/11']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('draws no progress when stderr is not a terminal', async () => {
    const run = await xxgk('check', examples, '--format', 'ndjson', '--jobs', '2');
    expect(run.stderr).not.toContain('已处理');
    expect(run.stdout.trim().split('\n')).toHaveLength(EXAMPLE_FILES.length);
  });

  it('refuses a --jobs that is not a positive number', async () => {
    expect(await xxgk('check', examples, '--jobs', '0')).toMatchObject({ code: 2, stderr: expect.stringContaining('--jobs 需要一个正数') });
  });
});

describe('outputs for reviewers', () => {
  it('writes SARIF 2.1.0 with one result per finding', async () => {
    const run = await xxgk('check', `${examples}/04-defect-sums-2021-pipes.txt`, '--format', 'sarif');
    const log = JSON.parse(run.stdout) as { version: string; runs: { results: { ruleId: string; message: { text: string } }[] }[] };
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0]!.results.map((result) => result.ruleId)).toEqual(['requests-row-total', 'requests-outcome-total', 'requests-balance', 'review-total']);
    expect(log.runs[0]!.results[1]!.message.text).toBe('表三 “（七）总计”行 “总计”列：报告 19，按各项之和应为 20');
  });

  it('writes CSV of findings (check) and of cells (extract), with a BOM for Excel', async () => {
    const findings = await xxgk('check', `${examples}/06-defect-outdated-2019-tabs.txt`, '--format', 'csv');
    expect(findings.stdout.startsWith('\uFEFF')).toBe(true);
    expect(findings.stdout).toContain('template-outdated');
    const cells = await xxgk('extract', `${examples}/01-clean-2021-pipes.txt`, '--format', 'csv');
    const [header, row] = cells.stdout.replace('\uFEFF', '').trim().split('\r\n');
    const columns = header!.split(',');
    expect(row!.split(',')[columns.indexOf('requests.newReceived.total')]).toBe('27');
  });

  it('writes XLSX only to a file', async () => {
    expect(await xxgk('check', examples, '--format', 'xlsx')).toMatchObject({ code: 2, stderr: expect.stringContaining('请用 --output') });
    const output = join(mkdtempSync(join(tmpdir(), 'xxgk-xlsx-')), '检查结果.xlsx');
    expect((await xxgk('check', examples, '--format', 'xlsx', '--output', output)).code).toBe(1);
    expect(readFileSync(output).subarray(0, 2).toString()).toBe('PK');
  });
});
