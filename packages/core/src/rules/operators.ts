import type { Operator } from 'json-rules-engine';

/** An operator: the fact's value (left) against the condition's `value` (right). */
export type OperatorFunction = (factValue: unknown, value: unknown) => boolean;

/**
 * Operators rules may use besides json-rules-engine's own, defined once: the compiled
 * engine calls these functions, the interpreted one registers them with json-rules-engine
 * (`customOperators`). `hasViolations` is how a rule asks a violation-list fact whether
 * anything is wrong: `{ "operator": "hasViolations", "value": true }`.
 */
export const CUSTOM_OPERATOR_FUNCTIONS: Readonly<Record<'hasViolations' | 'isNull', OperatorFunction>> = {
  hasViolations: (factValue, expected) => Array.isArray(factValue) && factValue.length > 0 === (expected !== false),
  isNull: (factValue, expected) => (factValue === null || factValue === undefined) === (expected !== false),
};

/**
 * The custom operators as json-rules-engine operators, for the interpreted engine. Given
 * json-rules-engine's `Operator` class: the package is loaded only when an interpreted
 * engine first runs, so a compiled one (the default) never loads it.
 */
export function customOperators(OperatorClass: typeof Operator): Operator[] {
  return Object.entries(CUSTOM_OPERATOR_FUNCTIONS).map(([name, evaluate]) => new OperatorClass(name, evaluate));
}

type Indexable = { indexOf(item: unknown): number };
type Comparable = number;

/** json-rules-engine's numberValidator: the fact value must read as a number with parseFloat. */
function readsAsNumber(factValue: unknown): boolean {
  return Number.parseFloat(factValue as string).toString() !== 'NaN';
}

/**
 * json-rules-engine's built-in operators (7.x, `engine-default-operators.js`), for the
 * compiled engine, with their exact semantics — `validator(fact) && callback(fact, value)`:
 * `equal` and `notEqual` are strict (===); `in` and `notIn` call `value.indexOf(fact)`
 * (an array, or a string: substring, with the fact coerced to text; anything else
 * throws); `contains` and `doesNotContain` are false unless the fact is an array; the four
 * comparisons are false unless `parseFloat(fact)` is a number, then compare with JavaScript's
 * `<`, `<=`, `>`, `>=` (so the text "2021" passes, null and "" do not). The interpreted
 * engine keeps json-rules-engine's own; `test/compile.test.ts` checks the two agree.
 */
export const BUILT_IN_OPERATOR_FUNCTIONS: Readonly<Record<string, OperatorFunction>> = {
  equal: (a, b) => a === b,
  notEqual: (a, b) => a !== b,
  in: (a, b) => (b as Indexable).indexOf(a) > -1,
  notIn: (a, b) => (b as Indexable).indexOf(a) === -1,
  contains: (a, b) => Array.isArray(a) && a.indexOf(b) > -1,
  doesNotContain: (a, b) => Array.isArray(a) && a.indexOf(b) === -1,
  lessThan: (a, b) => readsAsNumber(a) && (a as Comparable) < (b as Comparable),
  lessThanInclusive: (a, b) => readsAsNumber(a) && (a as Comparable) <= (b as Comparable),
  greaterThan: (a, b) => readsAsNumber(a) && (a as Comparable) > (b as Comparable),
  greaterThanInclusive: (a, b) => readsAsNumber(a) && (a as Comparable) >= (b as Comparable),
};

/** Every operator a rule may use, by name: json-rules-engine's, then ours. */
export const OPERATOR_FUNCTIONS: ReadonlyMap<string, OperatorFunction> = new Map([
  ...Object.entries(BUILT_IN_OPERATOR_FUNCTIONS),
  ...Object.entries(CUSTOM_OPERATOR_FUNCTIONS),
]);

/** Every operator name a rule may use. */
export const OPERATORS: ReadonlySet<string> = new Set(OPERATOR_FUNCTIONS.keys());
