import { Engine, Operator } from 'json-rules-engine';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  BUILT_IN_OPERATOR_FUNCTIONS,
  customOperators,
  CUSTOM_OPERATOR_FUNCTIONS,
  FACTS,
  NATIONAL_VOCABULARY,
  OPERATORS,
  RuleCompileError,
  RuleEngine,
  RulePackError,
  collectViolations,
  compileRule,
  isSupportedPath,
  parseRulePack,
  sampleReport,
  type Condition,
  type ConditionResult,
  type FactContext,
  type Report,
  type Rule,
} from '../src/index.js';

const context: FactContext = { vocabulary: NATIONAL_VOCABULARY };

/** json-rules-engine's own operator (built-in or decorated), as the interpreted engine runs it. */
function referenceOperator(name: string): { evaluate(factValue: unknown, value: unknown): boolean } {
  return (new Engine() as unknown as { operators: { get(name: string): { evaluate(a: unknown, b: unknown): boolean } } }).operators.get(name);
}

/** What a call gives: its value, or the kind of error it throws. */
function outcome(call: () => unknown): unknown {
  try {
    return { value: call() };
  } catch (error) {
    return { throws: (error as Error).constructor.name };
  }
}

const VALUES: unknown[] = [
  0, 1, -1, 2021, 2021.5, Number.NaN, Number.POSITIVE_INFINITY, '2021', '2021年', '', ' 5', 'abc', 'null', null, undefined, true, false,
  [], [2021], ['2021'], [1, 2, null], {}, { a: 1 },
];

function rule(conditions: Rule['conditions'], id = 'r'): Rule {
  return { id, severity: 'error', description: '测试', message: '{location}{sectionTitle}', basis: { document: '文件', article: '条' }, conditions };
}

function packOf(...rules: Rule[]) {
  return parseRulePack({ id: 'test', version: '1.0.0', rules });
}

/** Runs one rule in both modes; the evaluated conditions must be the same. Returns the compiled ones. */
async function bothModes(conditions: Rule['conditions'], report: Report): Promise<ConditionResult> {
  const pack = packOf(rule(conditions));
  const [compiled] = await new RuleEngine([pack]).evaluate(report);
  const [interpreted] = await new RuleEngine([pack], { mode: 'interpreted' }).evaluate(report);
  expect(compiled).toStrictEqual(interpreted);
  return compiled!.conditions;
}

async function findingsInBothModes(conditions: Rule['conditions'], report: Report) {
  const pack = packOf(rule(conditions));
  const compiled = await new RuleEngine([pack]).check(report);
  expect(compiled).toStrictEqual(await new RuleEngine([pack], { mode: 'interpreted' }).check(report));
  return compiled;
}

const leaf = (fact: string, operator: string, value: unknown, extra: Record<string, unknown> = {}): Condition => ({ fact, operator, value, ...extra }) as Condition;
const hasViolations = (fact: string, params?: Record<string, unknown>): Condition => leaf(fact, 'hasViolations', true, params ? { params } : {});
const yes = leaf('year', 'greaterThan', 0);
const no = leaf('year', 'lessThan', 0);

/** The sample report without sections 二 and 五 nor 表四. */
function broken(): Report {
  const report = sampleReport();
  report.sections = report.sections.filter((section) => section.number !== 2 && section.number !== 5);
  report.tables = report.tables.filter((table) => table.id !== 'review');
  return report;
}

describe('operators', () => {
  it('lists json-rules-engine’s operators, then hasViolations and isNull', () => {
    expect([...OPERATORS]).toEqual([
      'equal', 'notEqual', 'in', 'notIn', 'contains', 'doesNotContain', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive', 'hasViolations', 'isNull',
    ]);
  });

  it.each(Object.keys(BUILT_IN_OPERATOR_FUNCTIONS))('%s agrees with json-rules-engine’s on every pair of values', (name) => {
    const ours = BUILT_IN_OPERATOR_FUNCTIONS[name]!;
    const reference = referenceOperator(name);
    for (const factValue of VALUES) {
      for (const value of VALUES) {
        expect({ factValue, value, result: outcome(() => ours(factValue, value)) }).toStrictEqual({ factValue, value, result: outcome(() => reference.evaluate(factValue, value)) });
      }
    }
  });

  it('keeps json-rules-engine’s quirks', () => {
    const op = BUILT_IN_OPERATOR_FUNCTIONS;
    // comparisons: false unless parseFloat reads the fact, then JavaScript's < and >
    expect(op.greaterThan!('2022', 2021)).toBe(true);
    expect(op.greaterThan!('2022年', 2021)).toBe(false);
    expect(op.greaterThanInclusive!([2021], 2021)).toBe(true);
    expect(op.lessThan!(null, 1)).toBe(false);
    expect(op.lessThan!('', 1)).toBe(false);
    expect(op.lessThan!('2023-05-01', '2023-06-01')).toBe(true);
    // in / notIn: indexOf of the value, so a string value is searched as text
    expect(op.in!(2021, '2021/2019')).toBe(true);
    expect(op.in!(null, 'nullable')).toBe(true);
    expect(() => op.in!(2021, null)).toThrow(TypeError);
    // contains / doesNotContain: false unless the fact is an array
    expect(op.contains!('abc', 'a')).toBe(false);
    expect(op.doesNotContain!('abc', 'z')).toBe(false);
    expect(op.doesNotContain!([1], 2)).toBe(true);
  });

  it('hasViolations and isNull are defined once, for both engines', () => {
    for (const [name, evaluate] of Object.entries(CUSTOM_OPERATOR_FUNCTIONS)) {
      const registered = customOperators(Operator).find((operator) => operator.name === name) as unknown as { cb: unknown };
      expect(registered.cb).toBe(evaluate);
    }
    const { hasViolations: has, isNull } = CUSTOM_OPERATOR_FUNCTIONS;
    expect([has([{ cells: [] }], true), has([], true), has([], false), has([{ cells: [] }], false), has(null, false), has('x', true)]).toEqual([true, false, true, false, false, false]);
    expect([isNull(null, true), isNull(undefined, true), isNull(0, true), isNull(0, false), isNull(null, false), isNull(null, 'yes')]).toEqual([true, true, false, true, false, true]);
  });
});

describe('compileRule', () => {
  afterEach(() => vi.restoreAllMocks());

  it('evaluates a leaf: fact, operator, value', () => {
    const evaluate = compileRule(rule({ all: [leaf('year', 'equal', 2022)] }));
    expect(evaluate(sampleReport(), context)).toStrictEqual({
      all: [{ fact: 'year', operator: 'equal', result: true, factResult: 2022, valueResult: 2022 }],
      result: true,
    });
    expect(evaluate(sampleReport({ year: 2023 }), context).result).toBe(false);
  });

  it('runs every built-in operator on a fact as json-rules-engine does', async () => {
    const report = sampleReport();
    const values = [2021, 2022, [2021, 2022], [2023], '2022', '20222', 'abc'];
    for (const operator of Object.keys(BUILT_IN_OPERATOR_FUNCTIONS)) {
      for (const value of values) {
        if ((operator === 'in' || operator === 'notIn') && typeof value === 'number') continue; // json-rules-engine throws
        await bothModes({ all: [leaf('year', operator, value)] }, report);
        await bothModes({ all: [leaf('template', operator, value)] }, report);
        await bothModes({ all: [leaf('missingSections', operator, value)] }, broken());
      }
    }
  });

  it('nests all, any and not', async () => {
    const report = sampleReport();
    expect((await bothModes({ all: [yes, { any: [no, yes] }] }, report)).result).toBe(true);
    expect((await bothModes({ all: [yes, { any: [no, no] }] }, report)).result).toBe(false);
    expect((await bothModes({ any: [no, { not: no }] }, report)).result).toBe(true);
    expect((await bothModes({ any: [no, { not: { all: [yes, yes] } }] }, report)).result).toBe(false);
    expect((await bothModes({ all: [{ not: { not: yes } }] }, report)).result).toBe(true);
    expect((await bothModes({ any: [{ all: [{ any: [{ not: no }] }] }] }, report)).result).toBe(true);
  });

  it('holds for an empty all and, like json-rules-engine, for an empty any', async () => {
    const report = sampleReport();
    expect(await bothModes({ all: [] }, report)).toStrictEqual({ all: [], result: true });
    expect(await bothModes({ any: [] }, report)).toStrictEqual({ any: [], result: true });
    expect((await bothModes({ all: [yes, { any: [] }] }, report)).result).toBe(true);
    expect((await bothModes({ all: [{ not: { any: [] } }] }, report)).result).toBe(false);
  });

  it('evaluates every branch: no short-circuit within all or any', async () => {
    const tree = await bothModes({ any: [yes, hasViolations('missingSections'), { all: [no, hasViolations('missingTables')] }] }, broken());
    expect(tree).toMatchObject({
      result: true,
      any: [{ result: true }, { result: true, factResult: [{}, {}] }, { result: false, all: [{ result: false }, { result: true, factResult: [{}] }] }],
    });
  });

  it('reports the violations of every true branch of an any, in condition order', async () => {
    const findings = await findingsInBothModes({ any: [hasViolations('missingTables'), hasViolations('missingSections'), no] }, broken());
    expect(findings.map((finding) => finding.section)).toEqual([4, 2, 5]);
  });

  it('reports a true leaf’s violations even inside a false all, as json-rules-engine does', async () => {
    const findings = await findingsInBothModes({ any: [yes, { all: [hasViolations('missingSections'), no] }] }, broken());
    expect(findings.map((finding) => finding.section)).toEqual([2, 5]);
  });

  it('reports nothing found under a not, and one finding when no leaf gave violations', async () => {
    const findings = await findingsInBothModes({ all: [{ not: { not: hasViolations('missingSections') } }] }, broken());
    expect(findings).toEqual([expect.objectContaining({ cells: [], section: null })]);
    expect(collectViolations({ not: { fact: 'x', operator: 'equal', result: true, factResult: [{ cells: ['a'] }], valueResult: 1 }, result: false })).toEqual([]);
  });

  it('takes violations from any operator that holds on a violation list', async () => {
    const findings = await findingsInBothModes({ all: [leaf('missingSections', 'doesNotContain', 7)] }, broken());
    expect(findings.map((finding) => finding.section)).toEqual([2, 5]);
    // the same fact twice: its violations twice
    expect(await findingsInBothModes({ all: [hasViolations('missingSections'), hasViolations('missingSections')] }, broken())).toHaveLength(4);
  });

  it('compares with a fact named as value', async () => {
    const report = sampleReport();
    report.cells['fees.collectedAmount'] = 400;
    const tree = await bothModes({ all: [leaf('cell', 'greaterThan', { fact: 'cell', params: { key: 'fees.noticeAmount' } }, { params: { key: 'fees.collectedAmount' } })] }, report);
    expect(tree).toMatchObject({ result: true, all: [{ factResult: 400, valueResult: 380 }] });
    // the value's fact is the very same value when fact and params are the same (memoised)
    expect((await bothModes({ all: [leaf('missingSections', 'contains', { fact: 'missingSections', path: '$.0' })] }, broken())).result).toBe(true);
  });

  it('resolves $.a.b paths as JSONPath does', async () => {
    const report = sampleReport();
    const cases: [Condition, unknown][] = [
      [leaf('feeStatement', 'equal', 'table', { path: '$.kind' }), 'table'],
      [leaf('feeStatement', 'equal', 6, { path: '$' }), report.feeStatement],
      [leaf('feeStatement', 'isNull', true, { path: '$.kind.missing' }), undefined],
      [leaf('feeStatement', 'equal', 5, { path: '$.text.length' }), report.feeStatement!.text.length],
      [leaf('year', 'equal', 2022, { path: '$.anything' }), 2022], // not an object: used as is
      [leaf('missingSections', 'equal', 2, { path: '$.0.section' }), 2],
      [leaf('missingSections', 'greaterThan', 1, { path: '$.length' }), 2],
      [leaf('missingSections', 'contains', 'sectionTitle', { path: '$.1.vars.sectionTitle' }), '存在的主要问题及改进情况'],
    ];
    for (const [condition, factResult] of cases) {
      const tree = await bothModes({ all: [condition] }, broken());
      expect((tree as { all: { factResult: unknown }[] }).all[0]!.factResult).toStrictEqual(factResult);
    }
  });

  it('computes a fact once per report for the same params, whatever their key order', () => {
    const spy = vi.spyOn(FACTS, 'missingRows');
    const evaluate = compileRule(rule({
      any: [
        hasViolations('missingRows', { table: 'active', rows: ['regulations'] }),
        hasViolations('missingRows', { rows: ['regulations'], table: 'active' }),
        leaf('missingRows', 'equal', { fact: 'missingRows', params: { table: 'active', rows: ['regulations'] } }, { params: { table: 'active', rows: ['regulations'] } }),
        hasViolations('missingRows', { table: 'requests' }),
      ],
    }));
    const cache = new Map();
    evaluate(sampleReport(), context, cache);
    evaluate(sampleReport(), context, cache);
    expect(spy).toHaveBeenCalledTimes(2);
    evaluate(sampleReport(), context);
    expect(spy).toHaveBeenCalledTimes(4);
  });

  it('passes {} to a fact without params, as json-rules-engine does', () => {
    const spy = vi.spyOn(FACTS, 'blankCells');
    compileRule(rule({ all: [hasViolations('blankCells')] }))(sampleReport(), context);
    expect(spy).toHaveBeenCalledWith(expect.anything(), {}, context);
  });

  it('refuses what it cannot run, naming the rule and the condition', () => {
    const refused = (conditions: unknown) => () => compileRule(rule(conditions as Rule['conditions'], 'bad'));
    expect(refused({ all: [leaf('weather', 'equal', 1)] })).toThrow(new RuleCompileError('bad.conditions.all[0].fact: 未知的事实 “weather”'));
    expect(refused({ all: [leaf('constructor', 'equal', 1)] })).toThrow(/未知的事实 “constructor”/);
    expect(refused({ any: [yes, { not: leaf('year', 'isAbout', 1) }] })).toThrow(/^bad\.conditions\.any\[1\]\.not\.operator: 未知的运算符 “isAbout”$/);
    expect(refused({ all: [leaf('year', 'equal', { fact: 'weather' })] })).toThrow(/all\[0\]\.value\.fact: 未知的事实/);
    for (const path of ['$..kind', '$[0]', '$.a[0]', 'kind', '$.*', '$.a-b', 5]) {
      expect(refused({ all: [leaf('feeStatement', 'equal', 1, { path })] })).toThrow(/不支持的 path/);
    }
    expect(refused({ all: [{ fact: 'year', operator: 'equal' }] })).toThrow(/缺少 value/);
    expect(refused({ all: [{ ...yes, priority: 2 }] })).toThrow(/priority/);
    expect(refused({ all: [{ condition: 'shared' }] })).toThrow(/condition/);
    expect(refused({ fact: 'year', operator: 'equal', value: 1 })).toThrow(/根须为/);
    expect(refused({ all: [{ not: [yes] }] })).toThrow(/不能是数组/);
  });

  it('knows which paths it supports', () => {
    expect(['$', '$.kind', '$.0.cells', '$.vars.sectionTitle'].every(isSupportedPath)).toBe(true);
    expect(['', '$.', '$..a', '$.a.', '$[0]', 'a.b', '$.a b', '$.$a'].some(isSupportedPath)).toBe(false);
  });
});

describe('parseRulePack and what the compiler supports', () => {
  function problemsOf(conditions: unknown): string[] {
    try {
      packOf(rule(conditions as Rule['conditions']));
    } catch (error) {
      expect(error).toBeInstanceOf(RulePackError);
      return (error as RulePackError).problems;
    }
    return [];
  }

  it('accepts $.name paths and facts as values', () => {
    expect(problemsOf({ all: [leaf('feeStatement', 'equal', 'table', { path: '$.kind' }), leaf('cell', 'lessThan', { fact: 'cell', params: { key: 'fees.noticeAmount' }, path: '$' }, { params: { key: 'fees.collectedAmount' } })] })).toEqual([]);
  });

  it('refuses other JSONPath forms, unknown facts as values and inherited names', () => {
    expect(problemsOf({ all: [leaf('feeStatement', 'equal', 'table', { path: '$..kind' })] })).toEqual([
      'rules[0](r).conditions.all[0].path: 不支持的 path “$..kind”（仅支持 $ 与 $.名称.名称 形式，名称由字母、数字、下划线组成）',
    ]);
    expect(problemsOf({ all: [leaf('year', 'equal', { fact: 'weather', path: '$[0]' })] })).toEqual([
      expect.stringMatching(/^rules\[0\]\(r\)\.conditions\.all\[0\]\.value\.fact: 未知的事实 “weather”/),
      expect.stringMatching(/^rules\[0\]\(r\)\.conditions\.all\[0\]\.value\.path: 不支持的 path “\$\[0\]”/),
    ]);
    expect(problemsOf({ all: [leaf('cell', 'equal', { fact: 'cell', params: { key: 'fees.nothing' } }, { params: { key: 'fees.noticeAmount' } })] })).toEqual([
      'rules[0](r).conditions.all[0].value.params.key: 未知的单元格键 “fees.nothing”',
    ]);
    expect(problemsOf({ all: [leaf('toString', 'equal', 1)] })).toEqual([expect.stringMatching(/未知的事实 “toString”/)]);
    expect(problemsOf({ all: [leaf('identityViolations', 'hasViolations', true, { params: { left: [], right: [], over: { x: 'constructor' } } })] })).toEqual([
      expect.stringMatching(/未知的键集合 “constructor”/),
    ]);
  });
});

describe('RuleEngine modes', () => {
  const pack = packOf(rule({ all: [hasViolations('missingSections')] }, 'sections'), rule({ any: [leaf('year', 'lessThan', 2023)] }, 'year'));

  it('compiles by default and gives json-rules-engine’s findings', async () => {
    const compiled = new RuleEngine([pack]);
    const interpreted = new RuleEngine([pack], { mode: 'interpreted' });
    expect([compiled.mode, interpreted.mode]).toEqual(['compiled', 'interpreted']);
    const findings = await compiled.check(broken());
    expect(findings.map((finding) => finding.ruleId)).toEqual(['sections', 'sections', 'year']);
    expect(findings).toStrictEqual(await interpreted.check(broken()));
    expect(compiled.checkSync(broken())).toStrictEqual(findings);
  });

  it('evaluates every rule a report is for, fired or not', async () => {
    for (const mode of ['compiled', 'interpreted'] as const) {
      const evaluations = await new RuleEngine([pack], { mode }).evaluate(sampleReport({ year: 2024 }));
      expect(evaluations.map(({ rule: { id }, result }) => [id, result])).toEqual([['sections', false], ['year', false]]);
    }
  });

  it('checks synchronously only when compiled', () => {
    expect(() => new RuleEngine([pack], { mode: 'interpreted' }).checkSync(sampleReport())).toThrow(/checkSync/);
    expect(() => new RuleEngine([pack], { mode: 'fast' as never })).toThrow(/未知的规则引擎模式/);
  });

  it('fails a check in both modes when an operator throws', async () => {
    const throwing = packOf(rule({ all: [leaf('year', 'in', { fact: 'feeStatement' })] }));
    const report = sampleReport({ template: '2019' }); // no fee statement: null.indexOf
    await expect(new RuleEngine([throwing]).check(report)).rejects.toThrow(TypeError);
    await expect(new RuleEngine([throwing], { mode: 'interpreted' }).check(report)).rejects.toThrow(TypeError);
  });
});
