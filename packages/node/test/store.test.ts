import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RollupMapError, sampleReport } from '@xxgk/core';
import { ReportStore, StoreError } from '../src/store.js';
import { readRollupMap } from '../src/across.js';

const dir = mkdtempSync(join(tmpdir(), 'xxgk-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ReportStore', () => {
  it('keeps reports by agency and year, across name variants, and survives reopening', () => {
    const file = join(dir, 'reports.sqlite');
    const store = ReportStore.open(file);
    store.begin();
    expect(store.put('a/2022.txt', sampleReport({ agency: '安宁市人民政府办公室', year: 2022 }))).toBe(true);
    expect(store.put('a/2023.txt', sampleReport({ agency: '安宁市人民政府办公室', year: 2023 }))).toBe(true);
    const replaced = sampleReport({ agency: '安宁市政府办公厅', year: 2023 });
    replaced.cells['requests.newReceived.total'] = 99;
    expect(store.put('b/2023.txt', replaced)).toBe(true);
    store.close();

    const again = ReportStore.open(file, { readOnly: true });
    expect(again.count()).toBe(2);
    const found = again.get('安宁市 人民政府办公室', 2023)!;
    expect(found.file).toBe('b/2023.txt');
    expect(found.agency).toBe('安宁市政府办公厅');
    expect(found.year).toBe(2023);
    expect(found.report.cells['requests.newReceived.total']).toBe(99);
    expect(found.report).toEqual(replaced);
    expect(again.get('安宁市人民政府办公室', 2022)!.file).toBe('a/2022.txt');
    expect(again.get('安宁市人民政府办公室', 2021)).toBeUndefined();
    expect(again.get('安宁市财政局', 2023)).toBeUndefined();
    again.close();
  });

  it('does not keep a report without agency or year', () => {
    const store = ReportStore.open(join(dir, 'partial.sqlite'));
    const report = sampleReport();
    report.meta.agency = null;
    expect(store.put('x.txt', report)).toBe(false);
    const noYear = sampleReport();
    noYear.meta.year = null;
    expect(store.put('y.txt', noYear)).toBe(false);
    expect(store.count()).toBe(0);
    store.close();
  });

  it('says clearly when a file is missing or is not a store', () => {
    expect(() => ReportStore.open(join(dir, 'none.sqlite'), { readOnly: true })).toThrow(StoreError);
    expect(() => ReportStore.open(join(dir, 'none.sqlite'), { readOnly: true })).toThrow(/不存在.*xxgk extract --store/);
    const text = join(dir, 'not-a-db.sqlite');
    writeFileSync(text, '这不是数据库文件'.repeat(100));
    expect(() => ReportStore.open(text)).toThrow(StoreError);
    expect(() => ReportStore.open(text)).toThrow(/无法打开存储文件/);
  });

  it('loads SQLite only when a store is opened', () => {
    // in a process of its own (this one has opened stores), through the built package as users load it
    const script = `
      import { createRequire } from 'node:module';
      import { ReportStore } from '@xxgk/node';
      const loaded = () => Object.keys(createRequire(import.meta.url).cache).some((file) => file.includes('node-sqlite3-wasm'));
      const before = loaded();
      ReportStore.open(process.argv[1]).close();
      console.log(JSON.stringify([before, loaded()]));`;
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script, join(dir, 'lazy.sqlite')], { encoding: 'utf8' });
    expect(JSON.parse(output)).toEqual([false, true]);
  });
});

describe('readRollupMap', () => {
  it('reads pairs, skipping a header, blank lines and a BOM, with quoted fields', async () => {
    const file = join(dir, 'rollup.csv');
    writeFileSync(file, '\uFEFF汇总,下级\r\ncity.txt,a.txt\n\n"city.txt", "某市财政局,预算科"\ncity.txt,某市教育局\n');
    expect(await readRollupMap(file)).toEqual([
      { parent: 'city.txt', child: 'a.txt', line: 2 },
      { parent: 'city.txt', child: '某市财政局,预算科', line: 4 },
      { parent: 'city.txt', child: '某市教育局', line: 5 },
    ]);
  });

  it('rejects a line without two columns, an empty mapping and a missing file', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'parent,child\ncity.txt\n');
    await expect(readRollupMap(bad)).rejects.toThrow(/第 2 行应有两列/);
    const three = join(dir, 'three.csv');
    writeFileSync(three, 'a,b,c\n');
    await expect(readRollupMap(three)).rejects.toThrow(RollupMapError);
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, 'parent,child\n');
    await expect(readRollupMap(empty)).rejects.toThrow(/没有汇总关系/);
    await expect(readRollupMap(join(dir, 'missing.csv'))).rejects.toThrow(/无法读取汇总关系表.*ENOENT/);
  });
});
