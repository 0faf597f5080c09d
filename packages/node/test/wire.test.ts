import type { CheckResult, Finding } from '@xxgk/core';
import { describe, expect, it } from 'vitest';
import { ResultDecoder, ResultEncoder, type IndexedResult } from '../src/wire.js';

const identity: Finding = {
  ruleId: 'requests-row-total',
  severity: 'error',
  message: '表三 “一、本年新收政府信息公开申请数量”行 “总计”列：报告 47，按六类申请人之和应为 70',
  cells: ['requests.newReceived.total', 'requests.newReceived.naturalPerson', 'requests.newReceived.commercialEnterprise'],
  section: 3,
  expected: 70,
  actual: 47,
  line: 31,
};
const blank: Finding = { ruleId: 'cell-blank', severity: 'warning', message: '表二 空白', cells: ['active.regulations.made'], section: 2, actual: null, line: 12 };
const sectionMissing: Finding = { ruleId: 'section-missing', severity: 'error', message: '缺少第五部分', cells: [], section: null };
const narrative: Finding = {
  ruleId: 'narrative-mismatch',
  severity: 'warning',
  message: '正文与表三不一致',
  cells: ['requests.newReceived.total'],
  section: 1,
  expected: '47',
  actual: 50,
  line: 8,
  related: [{ cells: ['requests.newReceived.total'], line: 31, value: 47 }, { line: 8, text: '共收到申请50件' }],
};

function result(name: string, findings: Finding[], report: CheckResult['report'] = null): CheckResult {
  return { name, report, findings, template: report ? '2021' : null };
}

/** What the main thread gets: the message cloned as postMessage clones it, then decoded. */
function across(encoder: ResultEncoder, decoder: ResultDecoder, results: IndexedResult[]): { message: ReturnType<ResultEncoder['encode']>; decoded: IndexedResult[] } {
  const message = structuredClone(encoder.encode(results));
  return { message, decoded: decoder.decode(message) };
}

describe('results between a worker and the main thread', () => {
  it('arrive as they were sent: every field, null and absent ones as they were, properties in the same order', () => {
    const sent: IndexedResult[] = [
      { index: 4, result: result('a.txt', [identity, blank, sectionMissing, narrative]) },
      { index: 0, result: result('b.txt', []) },
      { index: 7, result: result('c.txt', [sectionMissing], { format: 'text' } as unknown as CheckResult['report']) },
    ];
    const { decoded } = across(new ResultEncoder(), new ResultDecoder(), sent);
    expect(decoded).toEqual(sent);
    // what the outputs write, down to the order of properties and absent optional fields
    expect(JSON.stringify(decoded)).toBe(JSON.stringify(sent));
    expect(Object.keys(decoded[0]!.result.findings[2]!)).toEqual(['ruleId', 'severity', 'message', 'cells', 'section']);
  });

  it('send a repeated string once per worker, and a later message decodes with the table the earlier ones built', () => {
    const encoder = new ResultEncoder();
    const decoder = new ResultDecoder();
    const first = across(encoder, decoder, [{ index: 0, result: result('a.txt', [identity]) }]);
    expect(first.message.strings).toEqual(['requests-row-total', 'error', ...identity.cells]);
    const second = across(encoder, decoder, [{ index: 1, result: result('b.txt', [identity, blank]) }]);
    expect(second.message.strings).toEqual(['cell-blank', 'warning', 'active.regulations.made']);
    expect(second.decoded).toEqual([{ index: 1, result: result('b.txt', [identity, blank]) }]);
  });

  it('keeps each worker to its own table: a fresh pair (a restarted worker) starts afresh', () => {
    const encoder = new ResultEncoder();
    across(encoder, new ResultDecoder(), [{ index: 0, result: result('a.txt', [identity]) }]);
    const restarted = across(new ResultEncoder(), new ResultDecoder(), [{ index: 1, result: result('b.txt', [identity]) }]);
    expect(restarted.message.strings).toEqual(['requests-row-total', 'error', ...identity.cells]);
    expect(restarted.decoded[0]!.result.findings).toEqual([identity]);
  });
});
