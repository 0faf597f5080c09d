import { describe, expect, it } from 'vitest';
import { RulePackError, parseRulePack } from '../src/index.js';

const rule = {
  id: 'my-rule',
  severity: 'error',
  description: '示例',
  message: '{location}：报告 {actual}，应为 {expected}',
  basis: { document: '某文件', article: '第一条' },
  conditions: {
    all: [{ fact: 'identityViolations', params: { left: ['review.{group}.total'], right: ['review.{group}.upheld'], over: { group: 'review.groups' } }, operator: 'hasViolations', value: true }],
  },
};
const pack = (rules: unknown[]) => ({ id: 'test-pack', version: '1.0.0', rules });

function problemsOf(input: unknown): string[] {
  try {
    parseRulePack(input, 'test-pack');
  } catch (error) {
    expect(error).toBeInstanceOf(RulePackError);
    return (error as RulePackError).problems;
  }
  throw new Error('the pack was accepted');
}

describe('parseRulePack', () => {
  it('accepts a well-formed pack', () => {
    expect(parseRulePack(pack([rule])).rules[0]!.id).toBe('my-rule');
  });

  it('refuses a wrong severity, naming the field', () => {
    expect(problemsOf(pack([{ ...rule, severity: 'fatal' }]))).toEqual([expect.stringMatching(/^rules\.0\.severity: /)]);
  });

  it('refuses an unknown operator', () => {
    const bad = { ...rule, conditions: { all: [{ fact: 'year', operator: 'isAbout', value: 2021 }] } };
    expect(problemsOf(pack([bad]))).toEqual(['rules[0](my-rule).conditions.all[0].operator: 未知的运算符 “isAbout”（可用：equal、notEqual、in、notIn、contains、doesNotContain、lessThan、lessThanInclusive、greaterThan、greaterThanInclusive、hasViolations、isNull）']);
  });

  it('refuses an unknown fact', () => {
    expect(problemsOf(pack([{ ...rule, conditions: { all: [{ fact: 'weather', operator: 'equal', value: 1 }] } }]))[0]).toMatch(/未知的事实 “weather”/);
  });

  it('refuses an unknown cell key and an unknown key set', () => {
    const bad = {
      ...rule,
      conditions: { all: [{ fact: 'identityViolations', params: { left: ['requests.total.everyone'], right: ['requests.{row}.total'], over: { row: 'requests.lines' } }, operator: 'hasViolations', value: true }] },
    };
    expect(problemsOf(pack([bad]))).toEqual([
      'rules[0](my-rule).conditions.all[0].params.left[0]: 未知的单元格键 “requests.total.everyone”',
      expect.stringContaining('params.over.row: 未知的键集合 “requests.lines”'),
    ]);
  });

  it('refuses duplicate rule ids and a missing message', () => {
    expect(problemsOf(pack([rule, rule]))).toEqual(['rules[1].id: 规则 id “my-rule” 重复']);
    const { message: _message, ...withoutMessage } = rule;
    expect(problemsOf(pack([withoutMessage]))[0]).toMatch(/^rules\.0\.message: /);
  });

  it('says which pack failed in its message', () => {
    expect(() => parseRulePack({ id: 'x' }, 'packs/broken.json')).toThrowError(/规则包 packs\/broken\.json 无法加载/);
  });
});
