import { Engine, type RuleResult } from 'json-rules-engine';
import { Vocabulary } from '../model/cell-keys.js';
import type { Finding, Report, Severity } from '../model/schema.js';
import { cellVars, renderMessage } from '../findings/messages.js';
import { FACTS, type FactContext, type Violation } from './facts.js';
import { CUSTOM_OPERATORS } from './operators.js';
import { extraTableRows, type AppliesTo, type Rule, type RulePack } from './pack.js';

export type SeveritySetting = Severity | 'off';

export interface EngineOptions {
  /** per-rule severity overrides: `{ "cell-blank": "off" }` */
  severities?: Record<string, SeveritySetting>;
  /** ids of packs that apply to every report, whatever their `appliesTo.regions` */
  alwaysApply?: readonly string[];
}

/** A rule as it will run: its pack, its effective severity, and the reports it is for. */
export interface ActiveRule extends Rule {
  pack: string;
  packAppliesTo?: AppliesTo;
}

/** Whether a report is one a pack or rule is for. */
export function appliesTo(scope: AppliesTo | undefined, report: Report, ignoreRegions = false): boolean {
  if (!scope) return true;
  if (scope.templates && (report.template === null || !scope.templates.includes(report.template))) return false;
  const year = report.meta.year;
  if (scope.years && (year === null || year < (scope.years.from ?? -Infinity) || year > (scope.years.to ?? Infinity))) return false;
  if (scope.regions && !ignoreRegions) {
    const agency = report.meta.agency ?? '';
    if (!scope.regions.some((region) => agency.includes(region))) return false;
  }
  return true;
}

interface ConditionNode {
  all?: ConditionNode[];
  any?: ConditionNode[];
  not?: ConditionNode;
  result?: boolean;
  factResult?: unknown;
}

function isViolationList(value: unknown): value is Violation[] {
  return Array.isArray(value) && value.every((item) => item && typeof item === 'object' && Array.isArray((item as Violation).cells));
}

/** The violations behind a rule's satisfied conditions (a `not` branch has none). */
function collectViolations(node: ConditionNode | undefined, into: Violation[]): void {
  if (!node) return;
  for (const child of node.all ?? node.any ?? []) collectViolations(child, into);
  if (!node.all && !node.any && !node.not && node.result && isViolationList(node.factResult)) into.push(...node.factResult);
}

/**
 * Runs rule packs on reports with json-rules-engine. Later packs may replace a rule of an
 * earlier pack by using its id. One engine serves any number of reports.
 */
export class RuleEngine {
  /** the cell keys in force: the national ones and those the packs' extra rows add */
  readonly vocabulary: Vocabulary;
  private readonly engine: Engine;
  private readonly active = new Map<string, ActiveRule>();
  private readonly always: ReadonlySet<string>;

  constructor(packs: readonly RulePack[], options: EngineOptions = {}) {
    this.vocabulary = new Vocabulary(packs.flatMap((pack) => extraTableRows(pack)));
    this.always = new Set(options.alwaysApply ?? []);
    const context: FactContext = { vocabulary: this.vocabulary };
    this.engine = new Engine([], { allowUndefinedFacts: false });
    for (const operator of CUSTOM_OPERATORS) this.engine.addOperator(operator);
    for (const [name, fact] of Object.entries(FACTS)) {
      this.engine.addFact(name, async (params, almanac) => fact((await almanac.factValue('report')) as Report, params as never, context));
    }
    for (const pack of packs) {
      for (const rule of pack.rules) {
        const setting = options.severities?.[rule.id];
        if (this.active.has(rule.id)) this.engine.removeRule(rule.id);
        if (setting === 'off') {
          this.active.delete(rule.id);
          continue;
        }
        this.active.set(rule.id, {
          ...rule,
          severity: setting ?? rule.severity,
          pack: pack.id,
          ...(pack.appliesTo ? { packAppliesTo: pack.appliesTo } : {}),
        });
        this.engine.addRule({ name: rule.id, conditions: rule.conditions as never, event: { type: rule.id } });
      }
    }
  }

  /** The rules that run, in pack order. */
  rules(): ActiveRule[] {
    return [...this.active.values()];
  }

  /** The active rules a report is for (by template, year and the agency's region). */
  rulesFor(report: Report): ActiveRule[] {
    return this.rules().filter(
      (rule) => appliesTo(rule.packAppliesTo, report, this.always.has(rule.pack)) && appliesTo(rule.appliesTo, report),
    );
  }

  /** Every finding of every rule the report is for, in rule order. */
  async check(report: Report): Promise<Finding[]> {
    const { results } = await this.engine.run({ report });
    const fired = new Map(results.map((result: RuleResult) => [result.name, result]));
    const findings: Finding[] = [];
    for (const rule of this.rulesFor(report)) {
      const result = fired.get(rule.id);
      if (result) findings.push(...this.findingsOf(rule, result, report));
    }
    return findings;
  }

  private findingsOf(rule: ActiveRule, result: RuleResult, report: Report): Finding[] {
    const violations: Violation[] = [];
    collectViolations(result.conditions as ConditionNode, violations);
    if (violations.length === 0) violations.push({ cells: [] });
    return violations.map((violation) => {
      const first = violation.cells[0];
      const vars = {
        year: report.meta.year,
        agency: report.meta.agency,
        template: report.template,
        publishedAt: report.meta.publishedAt,
        ...cellVars(first, this.vocabulary),
        actual: violation.actual,
        expected: violation.expected,
        ...violation.vars,
      };
      const line = violation.line ?? (first ? report.sources[first]?.line : undefined);
      const section = violation.section !== undefined ? violation.section : (first ? this.vocabulary.info(first)?.section : undefined) ?? rule.section ?? null;
      return {
        ruleId: rule.id,
        severity: rule.severity,
        message: renderMessage(rule.message, vars),
        cells: violation.cells,
        section,
        ...(violation.expected !== undefined ? { expected: violation.expected } : {}),
        ...(violation.actual !== undefined ? { actual: violation.actual } : {}),
        ...(line !== undefined ? { line } : {}),
      };
    });
  }
}
