import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RulePackError } from '@xxgk/core';
import { describe, expect, it } from 'vitest';
import { loadPacks, readPackDir } from '../src/index.js';

const here = process.cwd();

function packDir(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-pack-'));
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return dir;
}

const rule = {
  id: 'my-rule',
  severity: 'warning',
  description: '示例规则',
  message: '{location}：{because}',
  basis: { document: '某文件', article: '第一条' },
  conditions: { all: [{ fact: 'cellComparisons', params: { checks: [{ if: [['active.licensing.decisions', '=', 0]], because: '为 0' }] }, operator: 'hasViolations', value: true }] },
};
const manifest = { id: 'my-pack', extends: '@xxgk/rules-national', rules: ['rules/my-rule.json'] };

async function problems(dir: string): Promise<string[]> {
  try {
    await readPackDir(dir);
  } catch (error) {
    expect(error).toBeInstanceOf(RulePackError);
    return (error as RulePackError).problems;
  }
  throw new Error('the pack was loaded');
}

describe('loadPacks', () => {
  it('loads a pack by npm name with the pack it extends first', async () => {
    const packs = await loadPacks(['@xxgk/rules-guangdong'], here);
    expect(packs.map((pack) => pack.id)).toEqual(['@xxgk/rules-national', '@xxgk/rules-guangdong']);
    expect(packs[1]!.rules.map((r) => r.id)).toEqual(['procurement-row-missing', 'procurement-amounts']);
    expect(packs[0]!.rules).toHaveLength(20);
  });

  it('loads a pack folder by path, reading its manifest and rule files', async () => {
    const dir = packDir({ 'xxgk-pack.json': manifest, 'rules/my-rule.json': rule, 'package.json': { version: '1.2.3' } });
    const packs = await loadPacks([dir], here);
    expect(packs.map((pack) => [pack.id, pack.version])).toEqual([['@xxgk/rules-national', '0.1.0'], ['my-pack', '1.2.3']]);
  });

  it('says so when a pack cannot be found', async () => {
    await expect(loadPacks(['xxgk-rules-nowhere'], here)).rejects.toThrowError(/找不到规则包 “xxgk-rules-nowhere”/);
  });
});

describe('a malformed pack is refused whole, naming the file and the field', () => {
  it('bad JSON', async () => {
    const dir = packDir({ 'xxgk-pack.json': manifest, 'rules/my-rule.json': '{ "id": "my-rule", ' });
    expect(await problems(dir)).toEqual([expect.stringMatching(new RegExp(`^${join(dir, 'rules/my-rule.json')}: 不是有效的 JSON`))]);
  });

  it('an unknown operator', async () => {
    const bad = { ...rule, conditions: { all: [{ fact: 'year', operator: 'roughly', value: 2022 }] } };
    const dir = packDir({ 'xxgk-pack.json': manifest, 'rules/my-rule.json': bad });
    expect(await problems(dir)).toEqual([expect.stringContaining(`${join(dir, 'rules/my-rule.json')}.conditions.all[0].operator: 未知的运算符 “roughly”`)]);
  });

  it('an unknown cell key', async () => {
    const bad = { ...rule, conditions: { all: [{ fact: 'cell', params: { key: 'active.licensing.permits' }, operator: 'equal', value: 0 }] } };
    const dir = packDir({ 'xxgk-pack.json': manifest, 'rules/my-rule.json': bad });
    expect(await problems(dir)).toEqual([`${join(dir, 'rules/my-rule.json')}.conditions.all[0].params.key: 未知的单元格键 “active.licensing.permits”`]);
  });

  it('a wrong severity', async () => {
    const dir = packDir({ 'xxgk-pack.json': manifest, 'rules/my-rule.json': { ...rule, severity: 'critical' } });
    expect(await problems(dir)).toEqual([expect.stringMatching(new RegExp(`^${join(dir, 'rules/my-rule.json')}: severity: `))]);
  });

  it('a rule file the manifest lists but that is missing', async () => {
    const dir = packDir({ 'xxgk-pack.json': manifest });
    expect(await problems(dir)).toEqual([`${join(dir, 'rules/my-rule.json')}: 文件不存在或无法读取`]);
  });
});
