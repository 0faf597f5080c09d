import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { corruptions } from '../../../packages/adapter-pdf/test/corrupt.js';

const bin = fileURLToPath(new URL('../bin/xxgk.js', import.meta.url));
const report = new Uint8Array(readFileSync(fileURLToPath(new URL('../../../packages/adapter-pdf/test/fixtures/report.pdf', import.meta.url))));

describe('xxgk check on one corrupted PDF (read in the command\'s own process)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-corrupt-pdf-'));
  const made = corruptions(report);

  for (const [name, bytes, message] of [
    ['truncated.pdf', made.truncated, /文件不是有效的 PDF，或已损坏/],
    ['bad-xref.pdf', made.badXrefEntry, /PDF 第 1 页已损坏，无法读取/],
  ] as const) {
    it(`${name}: exits 1 with the finding, not a crash`, () => {
      writeFileSync(join(dir, name), bytes);
      const run = spawnSync(process.execPath, ['--unhandled-rejections=strict', bin, 'check', join(dir, name), '--format', 'json'], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(1);
      const [result] = JSON.parse(run.stdout) as { findings: { ruleId: string; message: string }[] }[];
      expect(result!.findings.map((finding) => finding.ruleId)).toEqual(['file-unreadable']);
      expect(result!.findings[0]!.message).toMatch(message);
    });
  }
});
