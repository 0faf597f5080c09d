import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { BatchReports, RollupMapError, addCrossReportFindings, parseRollupMap, type BatchReport, type CheckResult, type RollupPair, type RuleEngine } from '@xxgk/core';
import type { ReportStore } from './store.js';

/**
 * Checks across the reports of a batch of files: core's relateReports with names in a
 * roll-up mapping read as paths (from the mapping's folder) or file names, and the years
 * and parts missing from the batch looked up in a store.
 */

/** Reads a roll-up mapping file (see parseRollupMap). */
export async function readRollupMap(file: string): Promise<RollupPair[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new RollupMapError(`无法读取汇总关系表 ${file}：${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  return parseRollupMap(text, file);
}

export interface AcrossOptions {
  /** reports extracted earlier (xxgk extract --store) */
  store?: ReportStore;
  /** summary → parts, from readRollupMap(file); names in it are resolved from the file's folder */
  rollup?: { file: string; pairs: readonly RollupPair[] };
  cwd?: string;
}

/**
 * Adds the cross-report findings to checked results whose reports are whole (runBatch's
 * `reports: 'whole'`): each report with last year's report of its agency (the batch first, then
 * the store) and each summary of the mapping with its parts. Returns notes for the user
 * about mapping lines whose summary is not in the batch.
 */
export async function checkAcross(results: readonly CheckResult[], engine: RuleEngine, options: AcrossOptions = {}): Promise<string[]> {
  const cwd = options.cwd ?? process.cwd();
  const entries = results.filter((result): result is CheckResult & BatchReport => result.report !== null);
  const batch = new BatchReports(entries);
  const byPath = new Map<string, BatchReport>();
  const byFileName = new Map<string, BatchReport>();
  for (const entry of entries) {
    const path = resolve(cwd, entry.name);
    if (!byPath.has(path)) byPath.set(path, entry);
    if (!byFileName.has(basename(path))) byFileName.set(basename(path), entry);
  }
  const base = options.rollup ? dirname(resolve(cwd, options.rollup.file)) : cwd;
  const { store } = options;
  return addCrossReportFindings(entries, engine, {
    ...(options.rollup ? { rollup: options.rollup } : {}),
    named: (name, year) =>
      byPath.get(resolve(base, name)) ?? byPath.get(resolve(cwd, name)) ?? byFileName.get(basename(name)) ?? batch.named(name, year),
    ...(store
      ? {
          elsewhere: (agency: string, year: number) => {
            const stored = store.get(agency, year);
            return stored && { name: `${stored.agency} ${stored.year} 年报告（${stored.file}，取自存储 ${store.file}）`, report: stored.report };
          },
        }
      : {}),
  });
}
