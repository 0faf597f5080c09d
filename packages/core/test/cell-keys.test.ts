import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CELL_KEYS, cellInfo, rowOf } from '../src/index.js';

const spec = readFileSync(fileURLToPath(new URL('../../../../shared/spec/cell-keys.md', import.meta.url)), 'utf8');

/** Every key the public vocabulary documents, with `a.b.c / .d / .e` and row × column tables expanded. */
function documentedKeys(): Set<string> {
  const keys = new Set<string>();
  const rows = (heading: string) => spec.slice(spec.indexOf(heading));
  for (const match of spec.matchAll(/^\| ((?:active|fees)\.[^|]+?) \|/gm)) {
    const [first, ...rest] = match[1]!.split(' / ');
    keys.add(first!.trim());
    const stem = first!.slice(0, first!.lastIndexOf('.'));
    for (const suffix of rest) keys.add(stem + suffix.trim());
  }
  const columnKeys = [...rows('Columns (the same for every row)').matchAll(/^\| (\w+) \| [^|]+ \|$/gm)].map((m) => m[1]!).filter((k) => k !== 'column');
  const requestColumns = columnKeys.slice(0, 7);
  const requestRows = [...rows('Rows, as `requests.<row>.<column>`').matchAll(/^\| ([\w.]+) \| [^|]+ \|$/gm)]
    .map((m) => m[1]!)
    .filter((k) => k !== 'row');
  for (const row of requestRows.slice(0, requestRows.indexOf('carriedForward') + 1)) {
    for (const column of requestColumns) keys.add(`requests.${row}.${column}`);
  }
  const reviewPart = rows('`review.<group>.<outcome>`');
  const groups = [...reviewPart.matchAll(/^\| (reconsideration|litigation\w+) \|/gm)].map((m) => m[1]!);
  const outcomes = [...reviewPart.matchAll(/^\| (upheld|corrected|other|pending|total) \|/gm)].map((m) => m[1]!);
  for (const group of groups) for (const outcome of outcomes) keys.add(`review.${group}.${outcome}`);
  return keys;
}

describe('cell keys', () => {
  it('agree exactly with ../shared/spec/cell-keys.md', () => {
    const documented = documentedKeys();
    expect(documented.size).toBe(229);
    expect([...CELL_KEYS].sort()).toEqual([...documented].sort());
  });

  it('describe where a key sits', () => {
    expect(cellInfo('requests.total.total')).toMatchObject({ tableName: '表三', rowLabel: '（七）总计', columnLabel: '总计', section: 3, kind: 'count' });
    expect(cellInfo('active.charges.amount')).toMatchObject({ unit: '万元', kind: 'amount', templates: ['2021'] });
    expect(cellInfo('active.licensing.decisions')!.templates.sort()).toEqual(['2019', '2021']);
    expect(cellInfo('review.litigationDirect.pending')).toMatchObject({ tableName: '表四', columnLabel: '尚未审结' });
    expect(cellInfo('fees.noticeAmount')).toMatchObject({ unit: '元', section: 6 });
    expect(cellInfo('requests.nope.total')).toBeUndefined();
  });

  it('know the row of a key, dotted row keys included', () => {
    expect(rowOf('requests.denied.stateSecret.naturalPerson')).toBe('requests.denied.stateSecret');
    expect(rowOf('fees.noticeCount')).toBe('fees');
  });
});
