import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { normalizeAgency, type Report } from '@xxgk/core';
import type { Database } from 'node-sqlite3-wasm';

type Sqlite = typeof import('node-sqlite3-wasm');
let sqlite: Sqlite | undefined;

/**
 * node-sqlite3-wasm, loaded when a store is first opened: loading it compiles SQLite's
 * WebAssembly (~35 ms; importing @xxgk/node took ~12 MB more memory with it), which a run
 * without --store does not need.
 * A CommonJS module, so require loads it synchronously and `open` stays synchronous.
 */
function loadSqlite(): Sqlite {
  return (sqlite ??= createRequire(import.meta.url)('node-sqlite3-wasm') as Sqlite);
}

/**
 * Extracted reports kept between runs, keyed by agency and year, so that a later check
 * can compare a report with last year's or add up a summary's parts.
 *
 * SQLite, through node-sqlite3-wasm (SQLite compiled to WebAssembly, reading and writing
 * the file directly): it installs from the npm registry alone, with nothing to compile or
 * download. Measured against better-sqlite3 (native, built from source here: about 3
 * minutes per install) and DuckDB's @duckdb/node-api: see the README's "Store".
 */

/** A store file that cannot be opened or is not an xxgk store. */
export class StoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreError';
  }
}

/** A report as kept in a store. */
export interface StoredReport {
  /** the agency as the report names it */
  agency: string;
  year: number;
  /** the file it was extracted from */
  file: string;
  report: Report;
  /** when it was stored, ISO 8601 */
  storedAt: string;
}

const SCHEMA_VERSION = '1';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS xxgk_store (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS reports (
  agency_key TEXT NOT NULL,
  year INTEGER NOT NULL,
  agency TEXT NOT NULL,
  file TEXT NOT NULL,
  report TEXT NOT NULL,
  stored_at TEXT NOT NULL,
  PRIMARY KEY (agency_key, year)
);`;

type Row = Record<string, unknown>;

function storedReport(row: Row): StoredReport {
  return {
    agency: row.agency as string,
    year: row.year as number,
    file: row.file as string,
    report: JSON.parse(row.report as string) as Report,
    storedAt: row.stored_at as string,
  };
}

/** An open store. Writes made between `begin` and `commit` go to disk together (much faster). */
export class ReportStore {
  private constructor(
    readonly file: string,
    private readonly db: Database,
  ) {}

  /** Opens a store, creating the file when it does not exist. */
  static open(file: string, options: { readOnly?: boolean } = {}): ReportStore {
    if (options.readOnly && !existsSync(file)) throw new StoreError(`存储文件 ${file} 不存在；先用 xxgk extract --store ${file} 建立`);
    let db: Database;
    try {
      db = new (loadSqlite().Database)(file, { readOnly: options.readOnly ?? false });
      if (!options.readOnly) db.exec(SCHEMA);
      const version = db.get('SELECT value FROM xxgk_store WHERE key = ?', ['schema']);
      if (version === null && !options.readOnly) db.run('INSERT INTO xxgk_store (key, value) VALUES (?, ?)', ['schema', SCHEMA_VERSION]);
      else if (version?.value !== SCHEMA_VERSION) throw new StoreError(`存储文件 ${file} 的版本为 ${String(version?.value)}，本程序读写版本 ${SCHEMA_VERSION}`);
    } catch (error) {
      if (error instanceof StoreError) throw error;
      throw new StoreError(`无法打开存储文件 ${file}：${error instanceof Error ? error.message : String(error)}（它须是 xxgk extract --store 建立的 SQLite 文件）`);
    }
    return new ReportStore(file, db);
  }

  /**
   * Keeps a report under its agency and year, replacing what was kept for them. A report
   * without an agency or a year cannot be found again and is not kept: returns false.
   */
  put(file: string, report: Report): boolean {
    const { agency, year } = report.meta;
    if (!agency || year === null) return false;
    this.db.run('INSERT OR REPLACE INTO reports (agency_key, year, agency, file, report, stored_at) VALUES (?, ?, ?, ?, ?, ?)', [
      normalizeAgency(agency),
      year,
      agency,
      file,
      JSON.stringify(report),
      new Date().toISOString(),
    ]);
    return true;
  }

  /** The report of an agency (in any of its name's variants) on a year. */
  get(agency: string, year: number): StoredReport | undefined {
    const row = this.db.get('SELECT * FROM reports WHERE agency_key = ? AND year = ?', [normalizeAgency(agency), year]);
    return row ? storedReport(row) : undefined;
  }

  /** How many reports the store keeps. */
  count(): number {
    return this.db.get('SELECT count(*) AS n FROM reports')!.n as number;
  }

  begin(): void {
    this.db.exec('BEGIN');
  }

  commit(): void {
    if (this.db.inTransaction) this.db.exec('COMMIT');
  }

  close(): void {
    this.commit();
    this.db.close();
  }
}
