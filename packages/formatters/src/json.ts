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

/** formatCheckJson's text a piece at a time, to write a large batch piece by piece. */
export function checkJsonPieces(results: readonly CheckResult[]): Generator<string> {
  return jsonPieces(results.map(checkRecord));
}

/** formatExtractJson's text a piece at a time, to write a large batch piece by piece. */
export function extractJsonPieces(results: readonly ReadResult[]): Generator<string> {
  return jsonPieces(results.map(extractRecord));
}

/** Arrays at least this long are written an item at a time, and what holds them a part at a time. */
const LONG_ARRAY = 256;

/**
 * An array whose items are made as they are written: jsonPieces writes them one at a time, so
 * they are never all in memory; JSON.stringify writes them all (through toJSON), the same text.
 */
export class StreamedArray<T> {
  constructor(private readonly items: () => Iterable<T>) {}

  [Symbol.iterator](): Iterator<T> {
    return this.items()[Symbol.iterator]();
  }

  toJSON(): T[] {
    return [...this];
  }
}

/** Whether a value holds a long array somewhere (and so is written in pieces). */
function holdsLongArray(value: unknown): boolean {
  if (value instanceof StreamedArray) return true;
  if (Array.isArray(value)) return value.length >= LONG_ARRAY || value.some(holdsLongArray);
  return isPlainObject(value) && Object.values(value).some(holdsLongArray);
}

/**
 * `JSON.stringify(value, null, 2)` a piece at a time: a national crop's JSON (or SARIF) is
 * longer than the longest string JavaScript allows. The arrays and plain objects on the way
 * to long arrays are opened here, everything else is left to JSON.stringify whole, so the
 * pieces join to exactly its text.
 */
export function* jsonPieces(value: unknown, indent = ''): Generator<string> {
  const inner = `${indent}  `;
  if (!holdsLongArray(value)) {
    yield JSON.stringify(value, null, 2).replaceAll('\n', `\n${indent}`);
    return;
  }
  if (Array.isArray(value) || value instanceof StreamedArray) {
    let first = true;
    for (const item of value as Iterable<unknown>) {
      yield first ? `[\n${inner}` : `,\n${inner}`;
      first = false;
      // what JSON.stringify writes as null in an array
      yield* jsonPieces(item === undefined || typeof item === 'function' || typeof item === 'symbol' ? null : item, inner);
    }
    // an empty array: JSON.stringify writes []
    yield first ? '[]' : `\n${indent}]`;
    return;
  }
  if (isPlainObject(value)) {
    // the keys JSON.stringify writes: not those whose value it leaves out
    const keys = Object.keys(value).filter((key) => {
      const item = value[key];
      return item !== undefined && typeof item !== 'function' && typeof item !== 'symbol';
    });
    for (let index = 0; index < keys.length; index += 1) {
      yield `${index === 0 ? '{\n' : ',\n'}${inner}${JSON.stringify(keys[index])}: `;
      yield* jsonPieces(value[keys[index]!], inner);
    }
    yield `\n${indent}}`;
  }
}

/** An object JSON.stringify writes key by key: no toJSON of its own (Date has one), not a boxed primitive. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value) as object | null;
  return (prototype === Object.prototype || prototype === null) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}
