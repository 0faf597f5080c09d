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
  return [...checkJsonPieces(results)].join('');
}

/** `xxgk extract --format json`: one object per file, indented. */
export function formatExtractJson(results: readonly ReadResult[]): string {
  return [...extractJsonPieces(results)].join('');
}

/** formatCheckJson's text a file at a time, to write a large batch piece by piece. */
export function checkJsonPieces(results: readonly CheckResult[]): Generator<string> {
  return indentedArray(results.map(checkRecord));
}

/** formatExtractJson's text a file at a time, to write a large batch piece by piece. */
export function extractJsonPieces(results: readonly ReadResult[]): Generator<string> {
  return indentedArray(results.map(extractRecord));
}

/**
 * `JSON.stringify(items, null, 2)` an item at a time: a national crop's JSON is longer than
 * the longest string JavaScript allows.
 */
function* indentedArray(items: readonly unknown[]): Generator<string> {
  if (items.length === 0) {
    yield '[]';
    return;
  }
  for (let index = 0; index < items.length; index += 1) {
    // the item's own lines, one level deeper (JSON has no raw line breaks inside strings)
    const item = JSON.stringify(items[index], null, 2).replaceAll('\n', '\n  ');
    yield `${index === 0 ? '[\n' : ',\n'}  ${item}`;
  }
  yield '\n]';
}
