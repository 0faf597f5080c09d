import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { getPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CheckResult } from '@xxgk/core';
import { describe, expect, it } from 'vitest';
// the built package: its workers run dist/worker.js
import { runBatch } from '@xxgk/node';

const examples = fileURLToPath(new URL('../../../examples/', import.meta.url));
const faults = fileURLToPath(new URL('./fixtures/fault-adapters.mjs', import.meta.url));

describe('runBatch on a pool of workers', () => {
  it('loses nothing: a crashing, a hanging and an unreadable file each get one result, the rest are checked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xxgk-batch-'));
    writeFileSync(join(dir, 'a-crash.txt'), 'XXGK-FAULT CRASH');
    writeFileSync(join(dir, 'b-hang.txt'), 'XXGK-FAULT HANG');
    writeFileSync(join(dir, 'c-empty.txt'), '');
    copyFileSync(`${examples}04-defect-sums-2021-pipes.txt`, join(dir, 'd-sums.txt'));
    copyFileSync(`${examples}01-clean-2021-pipes.txt`, join(dir, 'e-clean.txt'));
    const files = ['a-crash.txt', 'b-hang.txt', 'c-empty.txt', 'd-sums.txt', 'e-clean.txt'];
    const results: [number, CheckResult][] = [];
    await runBatch(files, { cwd: dir, jobs: 2, timeoutMs: 3000, adapterModules: [faults], onResult: (result, index) => results.push([index, result]) });

    expect(results.map(([index]) => index).sort()).toEqual([0, 1, 2, 3, 4]);
    const byFile = Object.fromEntries(results.map(([, result]) => [result.name, result.findings.map((finding) => finding.ruleId)]));
    expect(byFile).toEqual({
      'a-crash.txt': ['internal-error'],
      'b-hang.txt': ['internal-error'],
      'c-empty.txt': ['file-unreadable'],
      'd-sums.txt': ['requests-row-total', 'requests-outcome-total', 'requests-balance', 'review-total'],
      'e-clean.txt': [],
    });
    const hang = results.find(([, result]) => result.name === 'b-hang.txt')![1];
    expect(hang.findings[0]!.message).toMatch(/^处理该文件时出错（已重试一次）：超过 3 秒仍未处理完/);
    const crash = results.find(([, result]) => result.name === 'a-crash.txt')![1];
    expect(crash.findings[0]!.message).toMatch(/处理进程意外退出（代码 3）/);
  }, 120_000);

  it('blames the file a worker is on, not finished ones whose results it still holds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xxgk-batch-held-'));
    for (const name of ['a-clean.txt', 'b-clean.txt', 'e-clean.txt']) copyFileSync(`${examples}01-clean-2021-pipes.txt`, join(dir, name));
    writeFileSync(join(dir, 'c-hang.txt'), 'XXGK-FAULT HANG');
    writeFileSync(join(dir, 'd-crash.txt'), 'XXGK-FAULT CRASH');
    const files = ['a-clean.txt', 'b-clean.txt', 'c-hang.txt', 'd-crash.txt', 'e-clean.txt'];
    const results: [number, CheckResult][] = [];
    // one worker, one chunk: a and b finish within the holding time, then c hangs
    await runBatch(files, { cwd: dir, jobs: 1, timeoutMs: 2000, adapterModules: [faults], onResult: (result, index) => results.push([index, result]) });

    expect(results.map(([index]) => index).sort()).toEqual([0, 1, 2, 3, 4]);
    const byFile = Object.fromEntries(results.map(([, result]) => [result.name, result.findings.map((finding) => finding.message)]));
    expect(byFile).toEqual({
      'a-clean.txt': [],
      'b-clean.txt': [],
      'c-hang.txt': [expect.stringMatching(/^处理该文件时出错（已重试一次）：超过 2 秒仍未处理完/)],
      'd-crash.txt': [expect.stringMatching(/^处理该文件时出错（已重试一次）：处理进程意外退出（代码 3）/)],
      'e-clean.txt': [],
    });
  }, 120_000);

  it.runIf(process.platform === 'linux')('runs its workers ten steps of niceness below the main thread, which keeps its own', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xxgk-batch-priority-'));
    writeFileSync(join(dir, 'priority.txt'), 'XXGK-FAULT PRIORITY');
    const results: CheckResult[] = [];
    const before = getPriority();
    await runBatch(['priority.txt'], { cwd: dir, jobs: 1, adapterModules: [faults], onResult: (result) => results.push(result) });
    expect(results[0]!.findings.map((finding) => finding.message)).toEqual([`读取失败（fault injection）：priority ${Math.min(19, before + 10)}`]);
    expect(getPriority()).toBe(before);
  }, 120_000);

  it('stops a single file that hangs its reader: one file goes to a worker too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xxgk-batch-one-'));
    writeFileSync(join(dir, 'hang.txt'), 'XXGK-FAULT HANG');
    const results: CheckResult[] = [];
    await runBatch(['hang.txt'], { cwd: dir, timeoutMs: 1000, adapterModules: [faults], onResult: (result) => results.push(result) });
    expect(results.map((result) => [result.name, result.findings.map((finding) => finding.ruleId)])).toEqual([['hang.txt', ['internal-error']]]);
    expect(results[0]!.findings[0]!.message).toMatch(/超过 1 秒仍未处理完/);
  }, 120_000);

  it('sends back as much of each report as asked: whole, lean (no prose, no sources), meta (what names the report) or none', async () => {
    const files = [`${examples}04-defect-sums-2021-pipes.txt`, `${examples}01-clean-2021-pipes.txt`];
    const run = async (reports: 'whole' | 'lean' | 'meta' | 'none') => {
      const results: CheckResult[] = [];
      await runBatch(files, { jobs: 1, reports, onResult: (result, index) => (results[index] = result) });
      return results;
    };
    const [whole, lean, meta, none] = [await run('whole'), await run('lean'), await run('meta'), await run('none')];
    const findings = (results: CheckResult[]) => results.map((result) => [result.template, result.findings]);
    expect(findings(lean)).toEqual(findings(whole));
    expect(findings(meta)).toEqual(findings(whole));
    expect(findings(none)).toEqual(findings(whole));
    expect(whole[0]!.findings.map((finding) => finding.ruleId)).toEqual(['requests-row-total', 'requests-outcome-total', 'requests-balance', 'review-total']);
    expect(whole.map((result) => result.template)).toEqual(['2021', '2021']);

    const report = whole[1]!.report!;
    expect(report.paragraphs.length).toBeGreaterThan(0);
    expect(report.sources['requests.total.total']).toMatchObject({ text: expect.any(String), line: expect.any(Number) });
    expect(lean[1]!.report).toEqual({ ...report, paragraphs: [], sources: {} });
    expect(report.meta.agency).toBe('桐川县市场监督管理局');
    expect(meta[1]!.report).toEqual({ ...report, cells: {}, problems: {}, claims: [], paragraphs: [], sources: {} });
    expect(none.map((result) => result.report)).toEqual([null, null]);
  }, 120_000);

  it('stops taking new files when aborted, keeping what finished', async () => {
    const abort = new AbortController();
    const results: CheckResult[] = [];
    const files = Array.from({ length: 6 }, () => `${examples}01-clean-2021-pipes.txt`);
    await runBatch(files, {
      jobs: 1,
      signal: abort.signal,
      onResult: (result) => {
        results.push(result);
        abort.abort();
      },
    });
    expect(results.length).toBeGreaterThanOrEqual(1);
    expect(results.length).toBeLessThan(6);
  }, 120_000);
});
