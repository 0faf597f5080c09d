import type { CheckResult, ReadResult } from '@xxgk/core';

/** `xxgk check --format json`: one object per file. */
export function formatCheckJson(results: readonly CheckResult[]): string {
  return JSON.stringify(
    results.map((result) => ({ file: result.name, template: result.template, findings: result.findings })),
    null,
    2,
  );
}

/** `xxgk extract --format json`: one object per file, the report model's public part. */
export function formatExtractJson(results: readonly ReadResult[]): string {
  return JSON.stringify(
    results.map(({ name, report, findings }) => ({
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
    })),
    null,
    2,
  );
}
