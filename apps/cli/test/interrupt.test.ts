import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main, type Io } from '../src/index.js';
import { examples, type FileFindings } from './helpers.js';

const bin = fileURLToPath(new URL('../bin/xxgk.js', import.meta.url));

describe('Ctrl-C', () => {
  it('stops a long run and leaves a valid output of what finished', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xxgk-interrupt-'));
    for (let index = 0; index < 3000; index += 1) copyFileSync(`${examples}/04-defect-sums-2021-pipes.txt`, join(dir, `r${index}.txt`));
    const output = join(dir, 'out.ndjson');
    const child = spawn(process.execPath, [bin, 'check', dir, '--format', 'ndjson', '--output', output, '--jobs', '1']);
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    // interrupt once some results are written
    while (!existsSync(output) || readFileSync(output, 'utf8').split('\n').length < 3) await new Promise((resolve) => setTimeout(resolve, 50));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    const lines = readFileSync(output, 'utf8').trim().split('\n');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.length).toBeLessThan(3000);
    for (const line of lines) expect((JSON.parse(line) as { findings: unknown[] }).findings).toHaveLength(4);
  });

  it('while comparing reports, stops reading files again and writes the results with what was compared', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xxgk-interrupt-across-'));
    // thirty reports of 04's agency on 2023, each compared with 11, its 2022 report
    copyFileSync(`${examples}/11-lastyear-2022-pipes.txt`, join(dir, 'r-2022.txt'));
    for (let index = 0; index < 30; index += 1) copyFileSync(`${examples}/04-defect-sums-2021-pipes.txt`, join(dir, `r${index}.txt`));
    const output = join(dir, 'out.json');
    const run = async (interrupt: boolean) => {
      let stderr = '';
      const io: Io = {
        stdout: () => {},
        stderr: (text) => {
          stderr += text;
          // Ctrl-C as soon as the progress line of the files read again shows
          if (interrupt && text.includes('核对报告之间的关系')) process.emit('SIGINT');
        },
        stdoutIsTty: false,
        stderrIsTty: true,
      };
      const code = await main(['check', dir, '--format', 'json', '--output', output, '--jobs', '1'], io);
      const files = JSON.parse(readFileSync(output, 'utf8')) as FileFindings[];
      const carryover = files.filter((file) => file.findings.some((finding) => finding.ruleId === 'carryover-mismatch'));
      return { code, stderr, files, carryover };
    };
    const whole = await run(false);
    expect(whole.code).toBe(1);
    expect(whole.carryover).toHaveLength(30);

    const interrupted = await run(true);
    expect(interrupted.code).toBe(130);
    expect(interrupted.stderr).toContain('已中断：报告之间的核对未完成');
    expect(interrupted.files).toHaveLength(31);
    // every file's own findings, none of the comparisons (one group, stopped)
    expect(interrupted.carryover).toEqual([]);
    for (const file of interrupted.files.filter((each) => !each.file.endsWith('r-2022.txt'))) {
      expect(file.findings.map((finding) => finding.ruleId)).toEqual(['requests-row-total', 'requests-outcome-total', 'requests-balance', 'review-total']);
    }
  }, 120_000);
});

describe('a reader that stops reading (xxgk … | head)', () => {
  it('ends the command at once, as SIGPIPE would (exit 141), without an EPIPE stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xxgk-pipe-'));
    // far more output than a pipe holds (an extract line is ~20 KB), and a batch that would run on
    for (let index = 0; index < 2000; index += 1) copyFileSync(`${examples}/01-clean-2021-pipes.txt`, join(dir, `r${index}.txt`));
    const child = spawn(process.execPath, [bin, 'extract', dir, '--format', 'ndjson', '--jobs', '1']);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await new Promise((resolve) => child.stdout.once('data', resolve));
    child.stdout.destroy();
    expect(await exited).toBe(141);
    expect(stderr).not.toContain('EPIPE');
  }, 60_000);
});
