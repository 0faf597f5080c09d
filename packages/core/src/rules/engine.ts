import type { Engine, RuleResult } from 'json-rules-engine';
import { Vocabulary, type CellKeyInfo } from '../model/cell-keys.js';
import type { Finding, RelatedReports, Report, Severity } from '../model/schema.js';
import { packedMap } from '../model/values.js';
import { sourceOf } from '../reader/sources.js';
import { compileMessage } from '../findings/compiled-message.js';
import { describeLocation } from '../findings/messages.js';
import { collectViolations, compileRule, type CompiledRule, type ConditionResult, type FactCache } from './compile.js';
import { CROSS_REPORT_FACTS } from './cross-report.js';
import { FACTS, type FactContext, type Violation } from './facts.js';
import { customOperators } from './operators.js';
import { extraTableRows, type AppliesTo, type Rule, type RulePack } from './pack.js';

export type SeveritySetting = Severity | 'off';

export interface EngineOptions {
  /** per-rule severity overrides: `{ "cell-blank": "off" }` */
  severities?: Record<string, SeveritySetting>;
  /** ids of packs that apply to every report, whatever their `appliesTo.regions` */
  alwaysApply?: readonly string[];
  /**
   * `compiled` (the default): the rules' conditions compiled to plain functions when the
   * engine is built, run synchronously. `interpreted`: run by json-rules-engine, the
   * reference the compiled rules must agree with, finding for finding.
   */
  mode?: EngineMode;
}

export type EngineMode = 'compiled' | 'interpreted';

/** A rule as it will run: its pack, its effective severity, and the reports it is for. */
export interface ActiveRule extends Rule {
  pack: string;
  packAppliesTo?: AppliesTo;
}

type AnyCondition = { all?: AnyCondition[]; any?: AnyCondition[]; not?: AnyCondition; fact?: unknown; value?: unknown };

function usesCrossReportFact(condition: AnyCondition): boolean {
  if (condition.all) return condition.all.some(usesCrossReportFact);
  if (condition.any) return condition.any.some(usesCrossReportFact);
  if (condition.not) return usesCrossReportFact(condition.not);
  const { value } = condition;
  const valueFact = value !== null && typeof value === 'object' ? (value as { fact?: unknown }).fact : undefined;
  return [condition.fact, valueFact].some((fact) => typeof fact === 'string' && Object.hasOwn(CROSS_REPORT_FACTS, fact));
}

/** Whether a rule compares a report with others (last year's, a summary's parts). */
export function isCrossReportRule(rule: Rule): boolean {
  return usesCrossReportFact(rule.conditions as AnyCondition);
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

/** One rule evaluated on one report: its conditions with their results. */
export interface RuleEvaluation {
  rule: ActiveRule;
  /** whether the rule fires */
  result: boolean;
  conditions: ConditionResult;
}

/** json-rules-engine's evaluated condition, as far as we read it. */
interface InterpretedCondition {
  all?: InterpretedCondition[];
  any?: InterpretedCondition[];
  not?: InterpretedCondition;
  fact?: string;
  operator?: string;
  result?: boolean;
  factResult?: unknown;
  valueResult?: unknown;
}

/** json-rules-engine's evaluated conditions in the compiled engine's shape. */
function fromInterpreted(node: InterpretedCondition): ConditionResult {
  const result = node.result as boolean;
  if (node.any) return { any: node.any.map(fromInterpreted), result };
  if (node.all) return { all: node.all.map(fromInterpreted), result };
  if (node.not) return { not: fromInterpreted(node.not), result };
  return { fact: node.fact as string, operator: node.operator as string, result, factResult: node.factResult, valueResult: node.valueResult };
}

/**
 * Runs rule packs on reports. Later packs may replace a rule of an earlier pack by using
 * its id. One engine serves any number of reports. By default the rules are compiled to
 * plain functions (`compile.ts`); `mode: 'interpreted'` runs them with json-rules-engine,
 * the reference. Both give the same findings in the same order.
 */
export class RuleEngine {
  /** the cell keys in force: the national ones and those the packs' extra rows add */
  readonly vocabulary: Vocabulary;
  readonly mode: EngineMode;
  private readonly context: FactContext;
  private readonly active = new Map<string, ActiveRule>();
  private readonly always: ReadonlySet<string>;
  /** compiled mode: each active rule's conditions */
  private readonly compiled = new Map<string, CompiledRule>();
  /** interpreted mode: json-rules-engine with every active rule, once the package is loaded */
  private readonly interpreter: Promise<Engine> | undefined;
  /** the active rules in order, once the constructor has settled them */
  private ordered: readonly ActiveRule[] | undefined;

  constructor(packs: readonly RulePack[], options: EngineOptions = {}) {
    this.vocabulary = new Vocabulary(packs.flatMap((pack) => extraTableRows(pack)));
    this.always = new Set(options.alwaysApply ?? []);
    this.mode = options.mode ?? 'compiled';
    this.context = { vocabulary: this.vocabulary };
    for (const pack of packs) {
      for (const rule of pack.rules) {
        const setting = options.severities?.[rule.id];
        if (setting === 'off') {
          this.active.delete(rule.id);
          continue;
        }
        // a rule replaced by a later pack keeps its place in the order
        this.active.set(rule.id, {
          ...rule,
          severity: setting ?? rule.severity,
          pack: pack.id,
          ...(pack.appliesTo ? { packAppliesTo: pack.appliesTo } : {}),
        });
      }
    }
    if (this.mode === 'interpreted') {
      this.interpreter = this.interpret();
      // a failure is the first run's to report, not an unhandled rejection
      this.interpreter.catch(() => {});
    } else if (this.mode === 'compiled') {
      this.interpreter = undefined;
      for (const rule of this.active.values()) this.compiled.set(rule.id, compileRule(rule));
    } else {
      throw new Error(`未知的规则引擎模式 “${String(this.mode)}”（可用：compiled、interpreted）`);
    }
  }

  /** json-rules-engine with the rules, loaded on demand: a compiled engine (the default) never needs it. */
  private async interpret(): Promise<Engine> {
    const { Engine, Operator } = await import('json-rules-engine');
    const engine = new Engine([], { allowUndefinedFacts: false });
    for (const operator of customOperators(Operator)) engine.addOperator(operator);
    for (const [name, fact] of Object.entries(FACTS)) {
      engine.addFact(name, async (params, almanac) => {
        const related = (await almanac.factValue('related')) as RelatedReports;
        return fact((await almanac.factValue('report')) as Report, params as never, { ...this.context, related });
      });
    }
    for (const rule of this.active.values()) engine.addRule({ name: rule.id, conditions: rule.conditions as never, event: { type: rule.id } });
    return engine;
  }

  /** The rules that run, in pack order. */
  rules(): ActiveRule[] {
    return [...this.active.values()];
  }

  /** The active rules a report is for (by template, year and the agency's region). */
  rulesFor(report: Report): ActiveRule[] {
    this.ordered ??= this.rules();
    return this.ordered.filter(
      (rule) => appliesTo(rule.packAppliesTo, report, this.always.has(rule.pack)) && appliesTo(rule.appliesTo, report),
    );
  }

  /** Every finding of every rule the report is for, in rule order. */
  async check(report: Report, related?: RelatedReports): Promise<Finding[]> {
    // compiled rules answer at once: no promise to wait for between evaluating and the findings
    return this.findings(report, this.interpreter ? await this.interpretAll(report, related) : this.evaluateCompiled(report, related));
  }

  /**
   * The findings of the cross-report rules alone (see isCrossReportRule): what a report
   * checked on its own gets added once its related reports are known.
   */
  async checkRelated(report: Report, related: RelatedReports): Promise<Finding[]> {
    const evaluations = this.interpreter ? await this.interpretAll(report, related) : this.evaluateCompiled(report, related, isCrossReportRule);
    return this.findings(report, evaluations.filter((evaluation) => isCrossReportRule(evaluation.rule)));
  }

  /** `check` without a promise; compiled mode only. */
  checkSync(report: Report, related?: RelatedReports): Finding[] {
    if (this.interpreter) throw new Error('checkSync 仅用于编译模式（mode: "compiled"）；解释模式请用 check');
    return this.findings(report, this.evaluateCompiled(report, related));
  }

  /**
   * Each rule the report is for, with its evaluated conditions, fired or not: what the
   * findings are made of, and how to see why a rule did or did not fire. `related` gives
   * the other reports cross-report rules compare it with (last year's, a summary's parts).
   */
  async evaluate(report: Report, related?: RelatedReports): Promise<RuleEvaluation[]> {
    return this.interpreter ? this.interpretAll(report, related) : this.evaluateCompiled(report, related);
  }

  private evaluateCompiled(report: Report, related?: RelatedReports, only: (rule: ActiveRule) => boolean = () => true): RuleEvaluation[] {
    // fact values are shared by the rules of one report, as json-rules-engine's almanac does
    const cache: FactCache = new Map();
    const context: FactContext = { vocabulary: this.vocabulary, scratch: {}, ...(related ? { related } : {}) };
    return packedMap(this.rulesFor(report).filter(only), (rule) => {
      const conditions = this.compiled.get(rule.id)!(report, context, cache);
      return { rule, result: conditions.result === true, conditions };
    });
  }

  private async interpretAll(report: Report, related?: RelatedReports): Promise<RuleEvaluation[]> {
    const { results, failureResults } = await (await this.interpreter!).run({ report, related: related ?? {} });
    const evaluated = new Map([...results, ...failureResults].map((result: RuleResult) => [result.name, result]));
    return this.rulesFor(report).map((rule) => {
      const result = evaluated.get(rule.id)!;
      // json-rules-engine sets no `result` on the root condition: the rule's result is it
      const conditions = fromInterpreted({ ...(result.conditions as InterpretedCondition), result: result.result });
      return { rule, result: result.result === true, conditions };
    });
  }

  private findings(report: Report, evaluations: readonly RuleEvaluation[]): Finding[] {
    const findings: Finding[] = [];
    for (const evaluation of evaluations) if (evaluation.result) this.findingsOf(evaluation.rule, evaluation.conditions, report, findings);
    return findings;
  }

  /** A fired rule's findings: one per violation its conditions found, or one without cells. */
  private findingsOf(rule: ActiveRule, conditions: ConditionResult, report: Report, into: Finding[]): void {
    const violations: Violation[] = collectViolations(conditions);
    if (violations.length === 0) violations.push({ cells: [] });
    const { parts, names } = compileMessage(rule.message);
    for (const violation of violations) {
      const first = violation.cells[0];
      const info = first ? this.vocabulary.info(first) : undefined;
      const line = violation.line ?? (first ? sourceOf(report, first)?.line : undefined);
      const section = violation.section !== undefined ? violation.section : info?.section ?? rule.section ?? null;
      // the message's placeholders filled (fillMessage, without a closure per finding)
      let message = parts[0]!;
      for (let index = 0; index < names.length; index += 1) {
        const name = names[index]!;
        const value = this.placeholder(name, report, violation, first, info);
        message += (value === undefined || value === null ? `{${name}}` : String(value)) + parts[index + 1]!;
      }
      const finding: Finding = {
        ruleId: rule.id,
        severity: rule.severity,
        message,
        cells: violation.cells,
        section,
      };
      if (violation.expected !== undefined) finding.expected = violation.expected;
      if (violation.actual !== undefined) finding.actual = violation.actual;
      if (line !== undefined) finding.line = line;
      if (violation.related) finding.related = violation.related;
      into.push(finding);
    }
  }

  /**
   * A message placeholder's value, looked up only when the message has it: the violation's
   * own vars first, then its actual and expected values, then the first cell's location,
   * then the report's year, agency, template and signing date.
   */
  private placeholder(name: string, report: Report, violation: Violation, first: string | undefined, info: CellKeyInfo | undefined): unknown {
    if (violation.vars && Object.hasOwn(violation.vars, name)) return violation.vars[name];
    switch (name) {
      case 'actual':
        return violation.actual;
      case 'expected':
        return violation.expected;
    }
    if (first && info) {
      switch (name) {
        case 'location':
          return describeLocation(first, this.vocabulary);
        case 'table':
          return info.tableName;
        case 'row':
          return info.rowLabel;
        case 'column':
          return info.columnLabel;
        case 'key':
          return first;
      }
    }
    switch (name) {
      case 'year':
        return report.meta.year;
      case 'agency':
        return report.meta.agency;
      case 'template':
        return report.template;
      case 'publishedAt':
        return report.meta.publishedAt;
    }
    // what a plain object's property of that name would be (`{constructor}`)
    return (NO_VARS as Record<string, unknown>)[name];
  }
}

const NO_VARS = {};
