import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createChecker } from '@xxgk/node';

describe('discover', () => {
  // a year's national crop may sit in one folder: a list that large once overflowed the stack
  it('finds 130,000 report files in one folder, sorted, and those of subfolders after them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xxgk-many-'));
    for (let index = 0; index < 130_000; index += 1) writeFileSync(join(dir, `r${String(index).padStart(6, '0')}.txt`), '');
    writeFileSync(join(dir, 'notes.md'), '');
    mkdirSync(join(dir, 'z-more'));
    writeFileSync(join(dir, 'z-more', 'a.html'), '');
    const checker = await createChecker({ cwd: dir });
    const files = await checker.discover(['.']);
    expect(files.length).toBe(130_001);
    expect(files.slice(0, 2)).toEqual(['r000000.txt', 'r000001.txt']);
    expect(files.slice(-2)).toEqual(['r129999.txt', join('z-more', 'a.html')]);
  }, 120_000);
});
