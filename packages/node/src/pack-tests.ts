import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import {
  AdapterRegistry,
  RuleEngine,
  RulePackError,
  TemplateIdSchema,
  readCell,
  readReport,
  sampleReport,
  type Finding,
  type Report,
} from '@xxgk/core';
import { DEFAULT_ADAPTERS } from './adapters.js';
import { loadPacks } from './packs.js';

/** A report for a case: the clean sample, changed, or a report file of the pack's. */
const CaseReportSchema = z
  .object({
    template: TemplateIdSchema.optional(),
    year: z.number().int().optional(),
    agency: z.string().optional(),
    /** cell key → number, or null for a blank cell */
    cells: z.record(z.string(), z.number().nullable()).optional(),
    /** cell key → text that is not a valid number (read as the reader would) */
    texts: z.record(z.string(), z.string()).optional(),
    /** row keys to remove (`active.coercion`) */
    remove: z.array(z.string()).optional(),
  })
  .strict();

const CaseSchema = z
  .object({
    name: z.string().min(1),
    report: CaseReportSchema.optional(),
    /** a report file, relative to the pack folder, read by the format adapters */
    file: z.string().optional(),
    /** for invalid cases: how many findings, or the cells (and message) of each */
    findings: z
      .union([z.number().int().positive(), z.array(z.object({ cells: z.array(z.string()).optional(), message: z.string().optional() }).strict()).min(1)])
      .optional(),
  })
  .strict();

export const RuleCasesSchema = z.object({ valid: z.array(CaseSchema).default([]), invalid: z.array(CaseSchema).default([]) }).strict();
export type RuleCases = z.infer<typeof RuleCasesSchema>;
type Case = z.infer<typeof CaseSchema>;

export interface PackTestResult {
  rule: string;
  kind: 'valid' | 'invalid';
  name: string;
  passed: boolean;
  /** why it failed, in Chinese */
  problem?: string;
}

function changedSample(spec: NonNullable<Case['report']>): Report {
  const report = sampleReport({ ...(spec.template ? { template: spec.template } : {}), ...(spec.year ? { year: spec.year } : {}), ...(spec.agency ? { agency: spec.agency } : {}) });
  for (const row of spec.remove ?? []) {
    for (const key of Object.keys(report.cells)) {
      if (key.startsWith(`${row}.`)) {
        delete report.cells[key];
        delete report.sources[key];
      }
    }
  }
  for (const [key, value] of Object.entries(spec.cells ?? {})) {
    report.cells[key] = value;
    report.sources[key] = { line: report.sources[key]?.line ?? 1, text: value === null ? '' : String(value) };
  }
  return report;
}

/**
 * Runs a pack's own cases (`cases/<rule id>.json`), the idea of ESLint's RuleTester: for
 * each rule, reports on which it must stay silent and reports on which it must fire.
 */
export async function testPack(dir: string, cwd = process.cwd()): Promise<PackTestResult[]> {
  const root = resolve(cwd, dir);
  const packs = await loadPacks([root], cwd);
  const pack = packs[packs.length - 1]!;
  const engine = new RuleEngine(packs, { alwaysApply: [pack.id] });
  const registry = new AdapterRegistry(DEFAULT_ADAPTERS);
  const results: PackTestResult[] = [];

  const reportOf = async (testCase: Case): Promise<Report> => {
    if (testCase.file) {
      const bytes = new Uint8Array(await readFile(join(root, testCase.file)));
      const read = await readReport({ name: testCase.file, bytes }, registry, { vocabulary: engine.vocabulary });
      if (!read.report) throw new Error(read.findings.map((finding) => finding.message).join('；'));
      return read.report;
    }
    const report = changedSample(testCase.report ?? {});
    for (const [key, text] of Object.entries(testCase.report?.texts ?? {})) {
      const info = engine.vocabulary.info(key);
      if (!info) throw new Error(`未知的单元格键 “${key}”`);
      const reading = readCell(text, info);
      report.cells[key] = reading.value;
      report.sources[key] = { line: 1, text };
      if (reading.problem) report.problems[key] = reading.problem;
    }
    return report;
  };

  for (const rule of pack.rules) {
    const file = join(root, 'cases', `${rule.id}.json`);
    if (!existsSync(file)) {
      results.push({ rule: rule.id, kind: 'invalid', name: '测试用例', passed: false, problem: `缺少测试用例文件 cases/${rule.id}.json` });
      continue;
    }
    let cases: RuleCases;
    try {
      const parsed = RuleCasesSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
      if (!parsed.success) throw new RulePackError(file, parsed.error.issues.map((issue) => `${file}: ${issue.path.join('.')}: ${issue.message}`));
      cases = parsed.data;
    } catch (error) {
      results.push({ rule: rule.id, kind: 'invalid', name: '测试用例', passed: false, problem: error instanceof Error ? error.message : String(error) });
      continue;
    }
    if (cases.invalid.length === 0) results.push({ rule: rule.id, kind: 'invalid', name: '测试用例', passed: false, problem: '至少需要一个规则应当报出问题的用例（invalid）' });
    for (const kind of ['valid', 'invalid'] as const) {
      for (const testCase of cases[kind]) {
        let findings: Finding[];
        try {
          findings = (await engine.check(await reportOf(testCase))).filter((finding) => finding.ruleId === rule.id);
        } catch (error) {
          results.push({ rule: rule.id, kind, name: testCase.name, passed: false, problem: error instanceof Error ? error.message : String(error) });
          continue;
        }
        results.push({ rule: rule.id, kind, name: testCase.name, ...verdict(kind, testCase, findings) });
      }
    }
  }
  return results;
}

function verdict(kind: 'valid' | 'invalid', testCase: Case, findings: Finding[]): { passed: boolean; problem?: string } {
  if (kind === 'valid') {
    return findings.length === 0 ? { passed: true } : { passed: false, problem: `不应报出问题，却报出 ${findings.length} 个：${findings[0]!.message}` };
  }
  if (findings.length === 0) return { passed: false, problem: '应当报出问题，却没有报出' };
  const expected = testCase.findings;
  if (typeof expected === 'number' && findings.length !== expected) return { passed: false, problem: `应报出 ${expected} 个问题，实际 ${findings.length} 个` };
  if (Array.isArray(expected)) {
    if (findings.length !== expected.length) return { passed: false, problem: `应报出 ${expected.length} 个问题，实际 ${findings.length} 个` };
    for (const [index, want] of expected.entries()) {
      const got = findings[index]!;
      if (want.cells && JSON.stringify(want.cells) !== JSON.stringify(got.cells)) {
        return { passed: false, problem: `第 ${index + 1} 个问题涉及的单元格应为 ${want.cells.join('、')}，实际为 ${got.cells.join('、')}` };
      }
      if (want.message && want.message !== got.message) return { passed: false, problem: `第 ${index + 1} 个问题的信息应为“${want.message}”，实际为“${got.message}”` };
    }
  }
  return { passed: true };
}
