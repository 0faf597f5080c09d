import type { CellSource, Report } from '../model/schema.js';

/**
 * On the empty `sources` object of a report built without its sources (BuildOptions#sources):
 * how a cell's source is still found. A symbol, so the object reads, writes out and clones
 * as empty; not a WeakMap entry per report, which cost more than the sources it saved.
 */
const SET_ASIDE = Symbol('sources set aside');

type SetAside = { [SET_ASIDE]?: (key: string) => CellSource | undefined };

/** Keeps a reading's cell sources where sourceOf finds them, behind a report's empty `sources`. */
export function setSourcesAside(sources: Record<string, CellSource>, sourceOf: (key: string) => CellSource | undefined): void {
  (sources as SetAside)[SET_ASIDE] = sourceOf;
}

/**
 * Where a cell of a report was read from: its `sources` entry, or, for a report built
 * without its sources object (`buildReport(document, { sources: false })`), the reading's.
 * Rules and findings ask this, not `report.sources`, so both kinds of report check alike.
 */
export function sourceOf(report: Report, key: string): CellSource | undefined {
  const { sources } = report;
  return sources[key] ?? (sources as SetAside)[SET_ASIDE]?.(key);
}
