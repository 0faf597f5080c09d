import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { BatchReports, RollupMapError, addCrossReportFindings, parseRollupMap, type BatchReport, type CheckResult, type Report, type RollupPair, type RuleEngine } from '@xxgk/core';
import { runBatch, type BatchRunOptions } from './batch.js';
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
  /**
   * For results whose reports were kept lean (runBatch `reports: 'lean'` or `'meta'`), as a
   * large batch's must be: reads files again with their whole reports (null for a file that
   * no longer reads), in the order given. Only the reports that a rule compares are read
   * again, at most `groupSize` at a time (core's addCrossReportFindings). `rereadWhole`
   * makes one.
   */
  reread?: (files: readonly string[]) => Promise<readonly (Report | null)[]>;
  groupSize?: number;
}

/**
 * Reads files again with their whole reports, on a worker pool as runBatch does with these
 * options (its packs, configuration, limits, jobs, signal, …): AcrossOptions#reread.
 * `onRead` hears of each file read, with how many the call reads. When the signal is
 * aborted it rejects with the signal's reason: files it did not read are not unreadable
 * ones, and must not be compared as if they were.
 */
export function rereadWhole(
  options: Omit<BatchRunOptions, 'command' | 'reports' | 'onResult'>,
  onRead: (done: number, total: number) => void = () => {},
): NonNullable<AcrossOptions['reread']> {
  return async (files) => {
    const reports: (Report | null)[] = files.map(() => null);
    let done = 0;
    await runBatch(files, {
      ...options,
      command: 'check',
      reports: 'whole',
      onResult: (result, index) => {
        reports[index] = result.report;
        onRead((done += 1), files.length);
      },
    });
    options.signal?.throwIfAborted();
    return reports;
  };
}

/**
 * Adds the cross-report findings to checked results whose reports are whole (runBatch's
 * `reports: 'whole'`), or lean (or `'meta'`) with `reread`: each report with last year's
 * report of its agency (the batch first, then the store) and each summary of the mapping
 * with its parts. Returns notes for the user about mapping lines whose summary is not in
 * the batch.
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
  const { store, reread } = options;
  return addCrossReportFindings(entries, engine, {
    ...(options.rollup ? { rollup: options.rollup } : {}),
    ...(options.groupSize ? { groupSize: options.groupSize } : {}),
    ...(reread
      ? {
          whole: async (compared: readonly BatchReport[]) => {
            const reports = await reread(compared.map((entry) => entry.name));
            return new Map(compared.flatMap((entry, index) => (reports[index] ? [[entry, reports[index]] as const] : [])));
          },
        }
      : {}),
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
