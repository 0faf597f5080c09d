import { parseRulePack, type RulePack } from '@xxgk/core';
import { nationalPack } from '@xxgk/rules-national';
import packageJson from '../package.json';
import procurementAmounts from '../rules/procurement-amounts.json';
import procurementRowMissing from '../rules/procurement-row-missing.json';
import manifest from '../xxgk-pack.json';

/**
 * Guangdong's pack: table 二 keeps the 第二十条第（九）项 政府集中采购 row (采购项目数量,
 * 采购总金额 in 元) in the 2021 template too. The row is declared as data (`extraRows`), so
 * every adapter reads it; the rules check it is there and consistent. It runs on reports of
 * Guangdong agencies (by the agency's name), or on every report when configured so.
 */
export const guangdongPack: RulePack = parseRulePack(
  { ...manifest, version: packageJson.version, rules: [procurementRowMissing, procurementAmounts] },
  manifest.id,
);

/** The packs to run, in order: the national pack this one extends, then this one. */
export const guangdongPacks: readonly RulePack[] = [nationalPack, guangdongPack];

export default guangdongPack;
