import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadPacks, ruleReference } from '../src/index.js';

const docs = fileURLToPath(new URL('../../../docs/rules/', import.meta.url));

describe('the rule reference pages (docs/rules)', async () => {
  const packs = await loadPacks(['@xxgk/rules-guangdong'], process.cwd());

  it.each(packs.map((pack) => [pack.id, pack] as const))('%s is current (npm run docs:rules)', (id, pack) => {
    expect(readFileSync(`${docs}${id.replace('@xxgk/', '')}.md`, 'utf8')).toBe(ruleReference(pack));
  });

  it('lists every rule with its id, severity, message and basis', () => {
    const page = ruleReference(packs[1]!);
    expect(page).toContain('| `procurement-row-missing` | 错误 error |');
    expect(page).toContain('`active.procurement.amount`（采购总金额）');
    expect(page).toContain('第二十条第（九）项');
  });
});
