import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { byName, checkJson, examples, root, seeds, xxgk } from './helpers.js';

describe('xxgk rules', () => {
  it('lists the active rules with their severities and packs', async () => {
    const run = await xxgk('rules', '--format', 'json', '--pack', '@xxgk/rules-guangdong', '--rule', 'cell-blank=off', '--rule', 'published-late=error');
    expect(run.code).toBe(0);
    const rules = JSON.parse(run.stdout) as { id: string; severity: string; pack: string }[];
    expect(rules).toHaveLength(21);
    expect(rules.find((rule) => rule.id === 'cell-blank')).toBeUndefined();
    expect(rules.find((rule) => rule.id === 'published-late')).toMatchObject({ severity: 'error', pack: '@xxgk/rules-national' });
    expect(rules.at(-1)).toMatchObject({ id: 'procurement-amounts', severity: 'warning', pack: '@xxgk/rules-guangdong' });
  });

  it('refuses an unknown rule id and a malformed --rule', async () => {
    expect(await xxgk('rules', '--rule', 'no-such-rule=off')).toMatchObject({ code: 2, stderr: expect.stringContaining('未知的规则：no-such-rule') });
    expect(await xxgk('rules', '--rule', 'cell-blank=loud')).toMatchObject({ code: 2, stderr: expect.stringContaining('--rule 的格式应为 规则编号=级别') });
  });
});

describe('xxgk check with the Guangdong pack', () => {
  it('reads seed 004’s procurement row and reports nothing on it', async () => {
    const run = await xxgk('extract', `${seeds}/004_7951624ebb58a0d9.txt`, '--pack', '@xxgk/rules-guangdong');
    const [seed] = JSON.parse(run.stdout) as { cells: Record<string, number | null> }[];
    expect(seed!.cells['active.procurement.projects']).toBe(1);
    expect(seed!.cells['active.procurement.amount']).toBe(6000);
    const { files } = await checkJson(`${seeds}/004_7951624ebb58a0d9.txt`, '--pack', '@xxgk/rules-guangdong');
    expect(files[0]!.findings.filter((finding) => finding.ruleId.startsWith('procurement'))).toEqual([]);
  });

  it('reports a Guangdong 2021-template report without the row; without the pack, nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xxgk-gd-'));
    const file = join(dir, 'foshan.txt');
    writeFileSync(file, readFileSync(`${examples}/01-clean-2021-pipes.txt`, 'utf8').replaceAll('桐川县', '佛山市南海区'));
    const withPack = await checkJson(file, '--pack', '@xxgk/rules-guangdong');
    expect(withPack.files[0]!.findings.map((finding) => [finding.ruleId, finding.cells])).toEqual([
      ['procurement-row-missing', ['active.procurement.projects', 'active.procurement.amount']],
    ]);
    expect((await checkJson(file)).files[0]!.findings).toEqual([]);
  });
});

describe('xxgk.config.json', () => {
  it('sets severities and suppresses findings with a reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xxgk-cfg-'));
    const config = join(dir, 'xxgk.config.json');
    writeFileSync(
      config,
      JSON.stringify({
        rules: { 'published-late': 'off' },
        suppressions: [{ files: '**/05-*.txt', rule: 'row-missing', reason: '该局无行政强制职能，经市政务公开办确认' }],
      }),
    );
    const { files } = await checkJson(`${examples}/05-defect-structure-2021-cells.txt`, '--config', config);
    expect(byName(files, '05-defect-structure-2021-cells.txt').findings.map((finding) => finding.ruleId)).toEqual(['section-missing', 'cell-blank', 'fee-statement-missing']);
  });

  it('exits 2 with the file and field when the configuration is wrong', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xxgk-cfg-'));
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ rules: { 'cell-blank': 'quiet' } }));
    const run = await xxgk('check', examples, '--config', join(dir, 'bad.json'));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${join(dir, 'bad.json')}: rules.cell-blank:`);
  });
});

describe('xxgk init-pack and test-pack', () => {
  it('scaffolds a pack whose cases pass, and a rule added by editing JSON shows in check', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'xxgk-init-')), 'yunnan');
    const init = await xxgk('init-pack', dir);
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('已新建规则包 xxgk-rules-yunnan');
    expect(await xxgk('test-pack', dir)).toMatchObject({ code: 0, stdout: expect.stringContaining('2 passed, 0 failed') });

    // a clerk adds one rule by editing JSON only
    const manifestFile = join(dir, 'xxgk-pack.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { rules: string[] };
    manifest.rules.push('rules/charges-reported.json');
    writeFileSync(manifestFile, JSON.stringify(manifest));
    writeFileSync(
      join(dir, 'rules/charges-reported.json'),
      JSON.stringify({
        id: 'charges-reported',
        severity: 'error',
        description: '行政事业性收费金额大于 1 万元时须在第六部分说明',
        message: '{location}：{because}',
        basis: { document: '某省政务公开办通知', article: '第三条' },
        conditions: { all: [{ fact: 'cellComparisons', params: { checks: [{ if: [['active.charges.amount', '>', 1]], because: '收费金额超过 1 万元' }] }, operator: 'hasViolations', value: true }] },
      }),
    );
    const { files } = await checkJson(`${examples}/01-clean-2021-pipes.txt`, '--pack', dir);
    expect(files[0]!.findings).toEqual([
      expect.objectContaining({ ruleId: 'charges-reported', severity: 'error', message: '表二 “行政事业性收费”行 “本年收费金额（单位：万元）”列：收费金额超过 1 万元' }),
    ]);
    // without cases for the new rule, test-pack says what is missing
    expect(await xxgk('test-pack', dir)).toMatchObject({ code: 1, stdout: expect.stringContaining('缺少测试用例文件 cases/charges-reported.json') });
  });

  it('refuses to scaffold into a folder that has files', async () => {
    expect(await xxgk('init-pack', root)).toMatchObject({ code: 2, stderr: expect.stringContaining('不是空的，未覆盖其中的文件') });
  });

  it('runs the Guangdong pack’s own cases', async () => {
    expect(await xxgk('test-pack', `${root}packages/rules-guangdong`)).toMatchObject({ code: 0, stdout: expect.stringContaining('7 passed, 0 failed') });
  });
});
