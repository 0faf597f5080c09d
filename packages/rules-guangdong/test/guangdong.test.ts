import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AdapterRegistry, RuleEngine, checkReport, parseRulePack } from '@xxgk/core';
import { textAdapter } from '@xxgk/adapter-text';
import { nationalPack } from '@xxgk/rules-national';
import { describe, expect, it } from 'vitest';
import { guangdongPack, guangdongPacks } from '../src/index.js';

const registry = new AdapterRegistry([textAdapter]);
const seed004 = readFileSync(fileURLToPath(new URL('../../../../shared/seeds/004_7951624ebb58a0d9.txt', import.meta.url)));
const example = readFileSync(fileURLToPath(new URL('../../../examples/01-clean-2021-pipes.txt', import.meta.url)), 'utf8');
/** A clean 2021 report of a Guangdong agency (the example, moved to 佛山). */
const foshan = example.replaceAll('桐川县市场监督管理局', '佛山市南海区市场监督管理局');
const withProcurement = (projects: string, amount: string) =>
  foshan.replace('第二十条第（八）项 |', `第二十条第（九）项 |\n信息内容 | 采购项目数量 | 采购总金额 |\n政府集中采购 | ${projects} | ${amount} |\n第二十条第（八）项 |`);

async function check(text: string | Uint8Array, packs = guangdongPacks) {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  return checkReport({ name: 'report.txt', bytes }, registry, new RuleEngine(packs));
}

const procurement = <T extends { ruleId: string }>(findings: T[]) => findings.filter((finding) => finding.ruleId.startsWith('procurement-'));

describe('@xxgk/rules-guangdong', () => {
  it('reads seed 004’s 政府集中采购 row (amount 6000 元) with no procurement finding', async () => {
    const result = await check(seed004);
    expect(result.report!.cells['active.procurement.projects']).toBe(1);
    expect(result.report!.cells['active.procurement.amount']).toBe(6000);
    expect(procurement(result.findings)).toEqual([]);
  });

  it('reads the row in a 2021-template report, as an extra row of the pack', async () => {
    const result = await check(withProcurement('3', '125,000元'));
    expect(result.report!.template).toBe('2021');
    expect(result.report!.cells['active.procurement.projects']).toBe(3);
    expect(result.report!.cells['active.procurement.amount']).toBe(125000);
    expect(result.findings).toEqual([]);
  });

  it('reports a 2021-template Guangdong report without the row, naming its cells', async () => {
    const result = await check(foshan);
    expect(result.findings).toEqual([
      {
        ruleId: 'procurement-row-missing',
        severity: 'error',
        message: '表二 缺少“政府集中采购”行：广东省要求在表二第二十条第（九）项填报采购项目数量和采购总金额',
        cells: ['active.procurement.projects', 'active.procurement.amount'],
        section: 2,
      },
    ]);
  });

  it('is silent on the same report without the pack', async () => {
    expect((await check(foshan, [nationalPack])).findings).toEqual([]);
  });

  it('is silent on agencies outside Guangdong', async () => {
    expect((await check(example)).findings).toEqual([]);
  });

  it('checks that projects and amount agree', async () => {
    const noProjects = await check(withProcurement('0', '5000元'));
    expect(procurement(noProjects.findings).map((finding) => finding.message)).toEqual([
      '表二 “政府集中采购”行 “采购总金额”列：填写了采购总金额，但采购项目数量为 0（采购总金额 5000，采购项目数量 0）',
    ]);
    const noAmount = await check(withProcurement('2', '0'));
    expect(procurement(noAmount.findings)).toEqual([
      expect.objectContaining({ ruleId: 'procurement-amounts', severity: 'warning', cells: ['active.procurement.projects', 'active.procurement.amount'], actual: 2 }),
    ]);
  });

  it('reports text where the numbers belong through the national cell-invalid rule', async () => {
    const result = await check(withProcurement('若干', '5000元'));
    expect(result.findings.map((finding) => [finding.ruleId, finding.cells[0]])).toEqual([['cell-invalid', 'active.procurement.projects']]);
  });

  it('extends the national pack and declares its row as data', () => {
    expect(guangdongPack.extends).toBe('@xxgk/rules-national');
    expect(guangdongPack.extraRows![0]).toMatchObject({ table: 'active', key: 'procurement', templates: ['2021'] });
    expect(guangdongPack.appliesTo!.regions).toContain('潮州');
    expect(() => parseRulePack({ ...guangdongPack, rules: [] }, 'x')).not.toThrow();
  });
});
