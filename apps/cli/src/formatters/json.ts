import type { CheckResult, ReadResult } from '@xxgk/core';

/** One file of `xxgk check --format json|ndjson`. */
export function checkRecord(result: CheckResult) {
  return { file: result.name, template: result.template, findings: result.findings };
}

/** One file of `xxgk extract --format json|ndjson`: the report model's public part. */
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

/** `xxgk check --format json`: one object per file. */
export function formatCheckJson(results: readonly CheckResult[]): string {
  return JSON.stringify(results.map(checkRecord), null, 2);
}

/** `xxgk extract --format json`: one object per file. */
export function formatExtractJson(results: readonly ReadResult[]): string {
  return JSON.stringify(results.map(extractRecord), null, 2);
}
