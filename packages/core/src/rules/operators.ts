import { Operator } from 'json-rules-engine';

/**
 * Operators rules may use besides json-rules-engine's own. `hasViolations` is how a rule
 * asks a violation-list fact whether anything is wrong: `{ "operator": "hasViolations",
 * "value": true }`.
 */
export const CUSTOM_OPERATORS: readonly Operator[] = [
  new Operator('hasViolations', (factValue: unknown, expected: unknown) => Array.isArray(factValue) && factValue.length > 0 === (expected !== false)),
  new Operator('isNull', (factValue: unknown, expected: unknown) => (factValue === null || factValue === undefined) === (expected !== false)),
];

const BUILT_IN = [
  'equal',
  'notEqual',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
];

/** Every operator name a rule may use. */
export const OPERATORS: ReadonlySet<string> = new Set([...BUILT_IN, ...CUSTOM_OPERATORS.map((operator) => operator.name)]);
