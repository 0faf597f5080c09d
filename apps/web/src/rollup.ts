import { decodeText } from '@xxgk/adapter-text';
import { BatchReports, RollupMapError, parseRollupMap, type BatchReport, type RelateOptions, type RollupPair } from '@xxgk/core';

/**
 * The roll-up mapping of the page: a CSV (`汇总报告,下级报告` a line) dropped or picked with
 * the reports says which of them a summary adds up. A file with this extension is read as
 * the mapping, never as a report.
 */
export const ROLLUP_EXTENSION = '.csv';

export function isRollupFile(name: string): boolean {
  return name.toLowerCase().endsWith(ROLLUP_EXTENSION);
}

/** The mapping on the page: its pairs, or why it cannot be used. */
export type RollupMap = { name: string; pairs: RollupPair[]; error?: undefined } | { name: string; pairs?: undefined; error: string };

/** Reads a mapping file (UTF-8, or GB18030 as Excel saves it in Chinese Windows); never throws. */
export async function readRollupMap(name: string, file: Blob): Promise<RollupMap> {
  try {
    return { name, pairs: parseRollupMap(decodeText(new Uint8Array(await file.arrayBuffer())), name) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { name, error: error instanceof RollupMapError ? message : `无法读取汇总关系表 ${name}：${message}` };
  }
}

const baseName = (name: string): string => name.slice(name.lastIndexOf('/') + 1);

/**
 * What addCrossReportFindings needs of a usable mapping. A name in it is a file of the page
 * (a file of a dropped folder also by its own name, as the mapping beside it names it), else
 * an agency (core's BatchReports).
 */
export function rollupOptions(rollup: RollupMap | null, entries: readonly BatchReport[]): RelateOptions {
  if (!rollup?.pairs) return {};
  const batch = new BatchReports(entries);
  return {
    rollup: { file: rollup.name, pairs: rollup.pairs },
    named: (name, year) => entries.find((entry) => entry.name === name) ?? entries.find((entry) => baseName(entry.name) === name) ?? batch.named(name, year),
  };
}
