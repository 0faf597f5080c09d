import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { examples } from './helpers.js';

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
});
