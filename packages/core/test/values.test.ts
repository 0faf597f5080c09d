import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { normalizeLabel, packedMap, readCell } from '../src/index.js';

const count = { kind: 'count' } as const;

describe('readCell', () => {
  it.each([
    ['0', 0],
    ['12', 12],
    ['１２', 12],
    ['1,245', 1245],
    ['1，245', 1245],
    [' 7 件', 7],
    ['三', 3],
  ])('reads %s as %d', (text, value) => {
    expect(readCell(text, count)).toEqual({ value });
  });

  it.each(['', '/', '／', '—', '——', '-', '无', ' '])('reads the blank %j as null without a problem', (text) => {
    expect(readCell(text, count)).toEqual({ value: null });
  });

  it('keeps a negative or a fraction where a count belongs, with the problem', () => {
    expect(readCell('-2', count)).toEqual({ value: -2, problem: '“-2”是负数，应填写非负整数（件数）' });
    expect(readCell('2.5', count)).toEqual({ value: 2.5, problem: '“2.5”不是整数，应填写非负整数（件数）' });
    expect(readCell('若干', count)).toEqual({ value: null, problem: '“若干”不是数字，应填写非负整数（件数）' });
    expect(readCell('-1', { kind: 'amount', unit: '元' })).toEqual({ value: -1, problem: '“-1”是负数，应填写非负金额' });
  });

  it('accepts a signed change in the 2019 本年增/减 column', () => {
    expect(readCell('-4', { kind: 'change' })).toEqual({ value: -4 });
    expect(readCell('+1', { kind: 'change' })).toEqual({ value: 1 });
  });

  it('converts amounts to the column unit and notes it', () => {
    expect(readCell('6000 元', { kind: 'amount', unit: '元' })).toEqual({ value: 6000 });
    expect(readCell('32.04万元', { kind: 'amount', unit: '元' })).toMatchObject({ value: 320400, note: expect.stringContaining('万元') });
    expect(readCell('35200元', { kind: 'amount', unit: '万元' })).toMatchObject({ value: 3.52 });
    expect(readCell('3.52', { kind: 'amount', unit: '万元' })).toEqual({ value: 3.52 });
  });
});

describe('normalizeLabel', () => {
  it('drops numbering, spaces, quotes and width differences', () => {
    expect(normalizeLabel('（三）不予公开')).toBe('不予公开');
    expect(normalizeLabel('3. 危及“三安全一稳定”')).toBe('危及三安全一稳定');
    expect(normalizeLabel('(四) 无法提供')).toBe('无法提供');
    expect(normalizeLabel('一、本年新收政府信息公开申请数量')).toBe('本年新收政府信息公开申请数量');
    expect(normalizeLabel('三、本 年 度 办 理')).toBe('本年度办理');
  });
});

describe('packedMap', () => {
  it('maps as Array#map does, with the index', () => {
    expect(packedMap(['a', 'b', 'c'], (item, index) => `${item}${index}`)).toEqual(['a0', 'b1', 'c2']);
    expect(packedMap([], () => 1)).toEqual([]);
  });

  it('makes a packed list once TurboFan has optimised it, where an optimised Array#map makes a holey one', () => {
    // in a process of its own, with V8's test functions, through the built package
    const script = `
      import { packedMap } from '@xxgk/core';
      const viaArrayMap = (items, f) => items.map(f);
      const holey = [packedMap, viaArrayMap].map((map) => {
        const next = (value) => value + 1;
        %PrepareFunctionForOptimization(map);
        map([1, 2], next);
        map([1, 2], next);
        %OptimizeFunctionOnNextCall(map);
        return %HasHoleyElements(map([1, 2, 3], next));
      });
      console.log(JSON.stringify(holey));`;
    const output = execFileSync(process.execPath, ['--allow-natives-syntax', '--input-type=module', '-e', script], { encoding: 'utf8', cwd: import.meta.dirname });
    expect(JSON.parse(output)).toEqual([false, true]);
  });
});
