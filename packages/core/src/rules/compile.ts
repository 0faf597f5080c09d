import type { Report } from '../model/schema.js';
import { packedMap } from '../model/values.js';
import { FACTS, type FactContext, type Violation } from './facts.js';
import { OPERATOR_FUNCTIONS, type OperatorFunction } from './operators.js';
import type { Condition, Rule } from './pack.js';

/**
 * Rule conditions compiled to plain closures, once, when an engine is built: no `eval`,
 * no `new Function` (safe under a strict Content-Security-Policy) and no promises. The
 * semantics are json-rules-engine's (7.x), which stays the reference (`mode:
 * 'interpreted'`):
 *
 * - `all` / `any` evaluate every child — json-rules-engine runs all conditions of one
 *   priority level together and packs cannot set priorities, so nothing short-circuits;
 *   an empty `all` *and* an empty `any` hold; `not` negates its one child.
 * - A leaf compares `fact` (with `params`, `{}` when absent, then `path`) with `value`,
 *   itself a fact when it is an object with a `fact` property (`{ fact, params, path }`).
 * - Facts are computed once per report for identical (fact, params), through the cache
 *   the caller passes, shared by all rules of one check (json-rules-engine's almanac).
 * - `path` supports `$` and `$.name.name…` (letters, digits, `_`): each step reads an own
 *   property of a truthy value, else the result is `undefined`; a fact value that is not
 *   an object is used as is. Other JSONPath forms are refused (by `parseRulePack` too).
 */

/** The evaluated conditions of a rule, shaped as json-rules-engine's `RuleResult.conditions`. */
export type ConditionResult =
  | { all: ConditionResult[]; result: boolean }
  | { any: ConditionResult[]; result: boolean }
  | { not: ConditionResult; result: boolean }
  | LeafResult;

export interface LeafResult {
  fact: string;
  operator: string;
  result: boolean;
  /** the fact's value, after `path` */
  factResult: unknown;
  /** the right-hand side: `value`, or the value of the fact it names */
  valueResult: unknown;
}

/** Fact values of one report, by fact name and params. Use one per report. */
export type FactCache = Map<string, unknown>;

/** A rule's conditions as a function of a report. */
export type CompiledRule = (report: Report, context: FactContext, cache?: FactCache) => ConditionResult;

type Evaluate = (report: Report, context: FactContext, cache: FactCache) => ConditionResult;
type Read = (report: Report, context: FactContext, cache: FactCache) => unknown;

/** A rule the compiler cannot run, with where in its conditions. */
export class RuleCompileError extends Error {
  override readonly name = 'RuleCompileError';
}

/** The `path` forms the compiled engine supports: `$`, `$.a`, `$.a.b0._c` … */
const SIMPLE_PATH = /^\$(?:\.[A-Za-z0-9_]+)*$/;

/** Whether a condition's `path` is one both engines resolve the same way. */
export function isSupportedPath(path: unknown): boolean {
  return typeof path === 'string' && SIMPLE_PATH.test(path);
}

function compilePath(path: string): (value: object) => unknown {
  const steps = path.split('.').slice(1);
  return (value) => {
    let current: unknown = value;
    for (const step of steps) {
      // JSONPath (jsonpath-plus) follows a name only when it is an own property of a truthy value
      if (!current || !Object.hasOwn(current as object, step)) return undefined;
      current = (current as Record<string, unknown>)[step];
    }
    return current;
  };
}

/** A canonical text for a fact's params (sorted keys), or undefined when they are not plain data. */
function canonical(value: unknown): string | undefined {
  if (value === undefined) return 'undefined';
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : String(value);
  if (Array.isArray(value)) {
    const items = value.map(canonical);
    return items.every((item) => item !== undefined) ? `[${items.join(',')}]` : undefined;
  }
  if (typeof value === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(value))) {
    const entries = Object.keys(value)
      .sort()
      .map((key) => [key, canonical((value as Record<string, unknown>)[key])] as const);
    return entries.every(([, item]) => item !== undefined) ? `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${item}`).join(',')}}` : undefined;
  }
  return undefined;
}

function fail(where: string, problem: string): never {
  throw new RuleCompileError(`${where}: ${problem}`);
}

/** Reads a fact (memoised in the cache) and applies `path`. */
function compileRead(fact: unknown, params: unknown, path: unknown, where: string): Read {
  if (typeof fact !== 'string' || !Object.hasOwn(FACTS, fact)) fail(`${where}.fact`, `未知的事实 “${String(fact)}”`);
  const compute = FACTS[fact]!;
  // json-rules-engine's almanac: absent params are {}
  const args = params === undefined ? {} : params;
  const text = canonical(args);
  const key = text === undefined ? undefined : `${fact}\u0000${text}`;
  if (path && !isSupportedPath(path)) fail(`${where}.path`, `不支持的 path “${String(path)}”（仅支持 $.名称.名称 形式）`);
  const resolve = path ? compilePath(path as string) : undefined;
  const read: Read = (report, context, cache) => {
    if (key !== undefined) {
      const cached = cache.get(key);
      if (cached !== undefined || cache.has(key)) return cached;
    }
    const value = compute(report, args as never, context);
    if (key !== undefined) cache.set(key, value);
    return value;
  };
  if (!resolve) return read;
  return (report, context, cache) => {
    const value = read(report, context, cache);
    return value !== null && typeof value === 'object' ? resolve(value) : value;
  };
}

function isFactReference(value: unknown): value is { fact: unknown; params?: unknown; path?: unknown } {
  return value !== null && typeof value === 'object' && Object.hasOwn(value, 'fact');
}

function compileLeaf(condition: Record<string, unknown>, where: string): Evaluate {
  if (Object.hasOwn(condition, 'condition')) fail(where, '不支持引用命名条件（condition）');
  if (Object.hasOwn(condition, 'priority')) fail(where, '不支持条件优先级（priority）');
  if (!Object.hasOwn(condition, 'value')) fail(`${where}.value`, '缺少 value');
  const { fact, operator, value } = condition;
  const readFact = compileRead(fact, condition.params, condition.path, where);
  const readValue: Read = isFactReference(value) ? compileRead(value.fact, value.params, value.path, `${where}.value`) : () => value;
  const compare: OperatorFunction | undefined = typeof operator === 'string' ? OPERATOR_FUNCTIONS.get(operator) : undefined;
  if (!compare) fail(`${where}.operator`, `未知的运算符 “${String(operator)}”`);
  const name = fact as string;
  const op = operator as string;
  return (report, context, cache) => {
    // the order json-rules-engine asks the almanac in: the value, then the fact
    const valueResult = readValue(report, context, cache);
    const factResult = readFact(report, context, cache);
    return { fact: name, operator: op, result: compare(factResult, valueResult), factResult, valueResult };
  };
}

/** `all` / `any` over the children: every child is evaluated (one priority level, no short-circuit). */
function compileList(kind: 'all' | 'any', children: unknown, where: string): Evaluate {
  if (!Array.isArray(children)) fail(`${where}.${kind}`, `“${kind}” 须为数组`);
  const compiled = children.map((child, index) => compileNode(child, `${where}.${kind}[${index}]`));
  return (report, context, cache) => {
    const results = packedMap(compiled, (evaluate) => evaluate(report, context, cache));
    // json-rules-engine: no children → true (for `any` too); one child → its result
    const result =
      results.length === 0 ? true : kind === 'all' ? results.every((child) => child.result === true) : results.some((child) => child.result === true);
    return kind === 'all' ? { all: results, result } : { any: results, result };
  };
}

function compileNode(condition: unknown, where: string): Evaluate {
  if (condition === null || typeof condition !== 'object' || Array.isArray(condition)) fail(where, '条件须为对象');
  const node = condition as Record<string, unknown>;
  // json-rules-engine's precedence when a node has several: any, all, not
  if (Object.hasOwn(node, 'any')) return compileList('any', node.any, where);
  if (Object.hasOwn(node, 'all')) return compileList('all', node.all, where);
  if (Object.hasOwn(node, 'not')) {
    if (Array.isArray(node.not)) fail(`${where}.not`, '“not” 不能是数组');
    const child = compileNode(node.not, `${where}.not`);
    return (report, context, cache) => {
      const result = child(report, context, cache);
      return { not: result, result: result.result !== true };
    };
  }
  return compileLeaf(node, where);
}

/** Compiles one condition (and what it nests) to a function of a report. */
export function compileCondition(condition: Condition, where = 'conditions'): CompiledRule {
  const evaluate = compileNode(condition, where);
  return (report, context, cache = new Map()) => evaluate(report, context, cache);
}

/**
 * Compiles a rule's conditions. The function returns the evaluated conditions; the rule
 * fires when the root's `result` is true. Throws a RuleCompileError naming the rule and
 * the condition for what a validated pack cannot hold (unknown fact or operator,
 * unsupported `path`, `priority`, named condition references).
 */
export function compileRule(rule: Pick<Rule, 'id' | 'conditions'>): CompiledRule {
  const root = rule.conditions as Record<string, unknown>;
  if (root === null || typeof root !== 'object' || !['any', 'all', 'not'].some((kind) => Object.hasOwn(root, kind))) {
    fail(`${rule.id}.conditions`, '根须为 all、any 或 not');
  }
  return compileCondition(rule.conditions, `${rule.id}.conditions`);
}

function isViolationList(value: unknown): value is Violation[] {
  return Array.isArray(value) && value.every((item) => item && typeof item === 'object' && Array.isArray((item as Violation).cells));
}

/**
 * The violations behind a fired rule: those of every satisfied leaf whose fact returned a
 * violation list, in condition order, whatever the result of the `all`/`any` between it
 * and the root (json-rules-engine evaluates every branch); nothing under a `not`.
 */
export function collectViolations(node: ConditionResult, into: Violation[] = []): Violation[] {
  if ('all' in node || 'any' in node) {
    for (const child of 'all' in node ? node.all : node.any) collectViolations(child, into);
  } else if (!('not' in node) && node.result && isViolationList(node.factResult)) {
    into.push(...node.factResult);
  }
  return into;
}
