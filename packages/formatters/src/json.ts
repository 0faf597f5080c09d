import type { CheckResult, ReadResult } from '@xxgk/core';

/**
 * One file of `xxgk check --format json|ndjson`: `{ file, template, findings }`. The same
 * shape for every output that promises "the CLI's JSON" (the web app's export too).
 */
export function checkRecord(result: CheckResult) {
  return { file: result.name, template: result.template, findings: result.findings };
}

/**
 * One file of `xxgk extract --format json|ndjson`: the report model's public part —
 * `{ file, template, meta: { agency, year, publishedAt }, cells, sources, sections }`, and
 * `findings` when the file could not be read as a report.
 */
export function extractRecord({ name, report, findings }: ReadResult) {
  return {
    file: name,
    template: report?.template ?? null,
    meta: {
      agency: report?.meta.agency ?? null,
      year: report?.meta.year ?? null,
      publishedAt: report?.meta.publishedAt ?? null,
    },
    cells: report?.cells ?? {},
    sources: report?.sources ?? {},
    sections: report?.sections ?? [],
    ...(findings.length > 0 ? { findings } : {}),
  };
}

export type CheckRecord = ReturnType<typeof checkRecord>;
export type ExtractRecord = ReturnType<typeof extractRecord>;

/** `xxgk check --format json`: one object per file, indented. */
export function formatCheckJson(results: readonly CheckResult[]): string {
  return JSON.stringify(results.map(checkRecord), null, 2);
}

/** `xxgk extract --format json`: one object per file, indented. */
export function formatExtractJson(results: readonly ReadResult[]): string {
  return JSON.stringify(results.map(extractRecord), null, 2);
}
