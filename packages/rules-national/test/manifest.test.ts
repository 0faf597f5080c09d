import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nationalPack, nationalRuleSet } from '../src/index.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const manifest = JSON.parse(readFileSync(`${root}xxgk-pack.json`, 'utf8')) as { id: string; rules: string[] };

describe('the pack manifest (xxgk-pack.json)', () => {
  it('lists exactly the rules the module exports, in the same order', () => {
    expect(manifest.id).toBe('@xxgk/rules-national');
    const fromFiles = manifest.rules.map((file) => (JSON.parse(readFileSync(root + file, 'utf8')) as { id: string }).id);
    expect(fromFiles).toEqual(nationalPack.rules.map((rule) => rule.id));
  });
});

describe('the two rule sets chosen by template', () => {
  it('checks 2019-template reports for being outdated, and 2021 ones not', () => {
    expect(nationalRuleSet('2019').map((rule) => rule.id)).toContain('template-outdated');
    expect(nationalRuleSet('2021').map((rule) => rule.id)).not.toContain('template-outdated');
    expect(nationalRuleSet('2021')).toHaveLength(19);
  });
});
