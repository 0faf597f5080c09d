import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sourceOf } from '@xxgk/core';
import { describe, expect, it } from 'vitest';
import { ConfigError, check, createChecker, globToRegExp, loadConfig } from '../src/index.js';

const examples = fileURLToPath(new URL('../../../examples/', import.meta.url));
const seeds = fileURLToPath(new URL('../../../../shared/seeds/', import.meta.url));
const seed004 = `${seeds}004_7951624ebb58a0d9.txt`;

function configDir(config: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-config-'));
  writeFileSync(join(dir, 'xxgk.config.json'), typeof config === 'string' ? config : JSON.stringify(config));
  return dir;
}

describe('check (the Node API)', () => {
  it('checks files and folders with the national pack', async () => {
    const [result] = await check([`${examples}04-defect-sums-2021-pipes.txt`]);
    expect(result!.findings.map((finding) => finding.ruleId)).toEqual(['requests-row-total', 'requests-outcome-total', 'requests-balance', 'review-total']);
  });

  it('applies per-rule severities and turns rules off', async () => {
    const [result] = await check([`${examples}05-defect-structure-2021-cells.txt`], { rules: { 'cell-blank': 'off', 'section-missing': 'warning' } });
    expect(result!.findings.map((finding) => [finding.ruleId, finding.severity])).toEqual([
      ['section-missing', 'warning'],
      ['row-missing', 'error'],
      ['fee-statement-missing', 'error'],
      ['published-late', 'warning'],
    ]);
  });

  it('loads packs named in the configuration, and suppresses findings with a reason', async () => {
    const dir = configDir({
      packs: ['@xxgk/rules-guangdong'],
      suppressions: [{ files: '**/004_*.txt', rule: 'cell-blank', reason: '该表为 PDF 转换，空白经核实为 0' }],
    });
    const [result] = await check([seed004], { cwd: dir });
    expect(result!.report!.cells['active.procurement.amount']).toBe(6000);
    expect(result!.findings.map((finding) => finding.ruleId)).toEqual(['template-outdated', 'fee-statement-missing']);
  });
});

describe('loadConfig', () => {
  it('uses the defaults when there is no configuration file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xxgk-none-'));
    expect(await loadConfig(undefined, dir)).toEqual({ packs: [], alwaysApply: [], rules: {}, suppressions: [], baseDir: dir });
  });

  it('names the file and the field that are wrong', async () => {
    const dir = configDir({ rules: { 'cell-blank': 'loud' } });
    await expect(loadConfig(undefined, dir)).rejects.toThrowError(new RegExp(`${join(dir, 'xxgk.config.json')}: rules.cell-blank: `));
    const noReason = configDir({ suppressions: [{ files: 'a.txt', rule: 'cell-blank', reason: ' ' }] });
    await expect(loadConfig(undefined, noReason)).rejects.toThrowError(/suppressions\.0\.reason: 每条豁免都须写明理由/);
    await expect(loadConfig(undefined, configDir('{ not json'))).rejects.toThrowError(ConfigError);
    await expect(loadConfig('missing.json', dir)).rejects.toThrowError(/找不到配置文件/);
  });
});

describe('globToRegExp', () => {
  it('matches paths as a clerk writes them', () => {
    expect(globToRegExp('reports/*.pdf').test('reports/a.pdf')).toBe(true);
    expect(globToRegExp('reports/*.pdf').test('reports/2022/a.pdf')).toBe(false);
    expect(globToRegExp('reports/**/*.pdf').test('reports/2022/a.pdf')).toBe(true);
    expect(globToRegExp('**/某局.txt').test('某局.txt')).toBe(true);
  });
});

describe('checkFile without building the sources', () => {
  it('finds the same, lines and values read from the sources included, for every example and seed in every format', async () => {
    const checker = await createChecker();
    const files = [...readdirSync(examples).filter((name) => !name.endsWith('.md')).map((name) => `${examples}${name}`), ...readdirSync(seeds).map((name) => `${seeds}${name}`)];
    let fromSources = 0;
    let sentences = 0;
    for (const file of files) {
      const built = await checker.checkFile(file);
      const setAside = await checker.checkFile(file, { sources: false });
      expect(setAside.findings, file).toEqual(built.findings);
      const { sources, ...rest } = built.report!;
      const { sources: empty, ...restAside } = setAside.report!;
      expect(restAside, file).toEqual(rest);
      // empty as data: it writes out and clones as {}
      expect(Object.keys(empty)).toEqual([]);
      expect(JSON.stringify(structuredClone(empty))).toBe('{}');
      for (const key of Object.keys(sources)) expect(sourceOf(setAside.report!, key), `${file} ${key}`).toEqual(sources[key]);
      expect(sourceOf(setAside.report!, 'requests.noSuchRow.total')).toBeUndefined();
      fromSources += built.findings.filter((finding) => finding.line !== undefined && finding.cells.length > 0).length;
      if (built.report!.feeStatement?.kind === 'sentence') sentences += 1;
    }
    // what makes the comparison worth it: findings whose line came from a source, and a fee sentence's source
    expect(fromSources).toBeGreaterThan(10);
    expect(sentences).toBeGreaterThan(0);
  });
});
