import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { textAdapter } from '@xxgk/adapter-text';
import { AdapterRegistry, RuleEngine, checkReport, type CheckResult } from '@xxgk/core';
import { nationalPack } from '@xxgk/rules-national';

const examples = fileURLToPath(new URL('../../../examples/', import.meta.url));

export const registry = new AdapterRegistry([textAdapter]);
export const engine = new RuleEngine([nationalPack]);

export const EXAMPLE_04 = 'examples/04-defect-sums-2021-pipes.txt';
export const EXAMPLE_05 = 'examples/05-defect-structure-2021-cells.txt';
export const EXAMPLE_07 = 'examples/07-defect-values-2021-pipes.txt';
/** example 01 under a name with Chinese, a space and a `#`, as a clerk's file may be named */
export const CJK_NAME = '报告/桐川县 2023年报#1.txt';
export const EMPTY_NAME = 'examples/空白.txt';
export const NOT_A_REPORT_NAME = 'examples/会议通知.txt';

const EXAMPLE_FILES = [
  '01-clean-2021-pipes.txt',
  '02-clean-2021-cells.txt',
  '03-clean-2019-tabs.txt',
  '04-defect-sums-2021-pipes.txt',
  '05-defect-structure-2021-cells.txt',
  '06-defect-outdated-2019-tabs.txt',
  '07-defect-values-2021-pipes.txt',
  '11-lastyear-2022-pipes.txt',
];

function example(file: string): Uint8Array {
  return readFileSync(examples + file);
}

async function check(name: string, bytes: Uint8Array): Promise<CheckResult> {
  return checkReport({ name, bytes }, registry, engine);
}

let cached: Promise<CheckResult[]> | undefined;

/**
 * The eight text examples checked with the national pack, each on its own (not compared
 * with each other: 04 has no carry-over finding here), as `xxgk check examples` names
 * them, then example 01 under a Chinese name, an empty file and a text that is no report.
 */
export function checkedExamples(): Promise<CheckResult[]> {
  cached ??= Promise.all([
    ...EXAMPLE_FILES.map((file) => check(`examples/${file}`, example(file))),
    check(CJK_NAME, example('01-clean-2021-pipes.txt')),
    check(EMPTY_NAME, new Uint8Array()),
    check(NOT_A_REPORT_NAME, new TextEncoder().encode('关于召开年度工作会议的通知\n\n各科室：\n定于下周一上午九时在三楼会议室召开会议，请准时参加。\n')),
  ]);
  return cached;
}

export function resultOf(results: readonly CheckResult[], name: string): CheckResult {
  const result = results.find((item) => item.name === name);
  if (!result) throw new Error(`no result for ${name}`);
  return result;
}
