import { parseRulePack, type RulePack, type TemplateId } from '@xxgk/core';
import sectionMissing from '../rules/section-missing.json';
import sectionOrder from '../rules/section-order.json';
import templateOutdated from '../rules/template-outdated.json';
import tableMissing from '../rules/table-missing.json';
import rowMissing from '../rules/row-missing.json';
import cellBlank from '../rules/cell-blank.json';
import cellInvalid from '../rules/cell-invalid.json';
import requestsRowTotal from '../rules/requests-row-total.json';
import requestsOutcomeTotal from '../rules/requests-outcome-total.json';
import requestsBalance from '../rules/requests-balance.json';
import reviewTotal from '../rules/review-total.json';
import feeStatementMissing from '../rules/fee-statement-missing.json';
import feeAmounts from '../rules/fee-amounts.json';
import periodMismatch from '../rules/period-mismatch.json';
import publishedLate from '../rules/published-late.json';
import carryoverMismatch from '../rules/carryover-mismatch.json';
import validCountContinuity from '../rules/valid-count-continuity.json';
import copiedReport from '../rules/copied-report.json';
import rollupMismatch from '../rules/rollup-mismatch.json';
import narrativeMismatch from '../rules/narrative-mismatch.json';
import manifest from '../xxgk-pack.json';
import packageJson from '../package.json';

/** The rules in the order their findings are listed. */
const RULES = [sectionMissing, sectionOrder, templateOutdated, tableMissing, rowMissing, cellBlank, cellInvalid, requestsRowTotal, requestsOutcomeTotal, requestsBalance, reviewTotal, feeStatementMissing, feeAmounts, periodMismatch, publishedLate, carryoverMismatch, validCountContinuity, copiedReport, rollupMismatch, narrativeMismatch];

/**
 * The national rule pack: sections, tables and their accounting identities (勾稽关系) of
 * 国办公开办函〔2021〕30号, and the 信息处理费 statement of 国办函〔2020〕109号. Validated
 * when the module loads, so a broken rule never reaches a check. The same data is
 * loadable without running this module: `xxgk-pack.json` lists the rule files.
 */
export const nationalPack: RulePack = parseRulePack(
  { ...manifest, version: packageJson.version, rules: RULES },
  manifest.id,
);

/**
 * The rules a report in one template is checked by: the 2021 set for today's reports, the
 * 2019 set for reports in the 〔2019〕60号 template (template-outdated only there).
 */
export function nationalRuleSet(template: TemplateId): RulePack['rules'] {
  return nationalPack.rules.filter((rule) => !rule.appliesTo?.templates || rule.appliesTo.templates.includes(template));
}

export default nationalPack;
