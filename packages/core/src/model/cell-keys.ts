import { TABLES, type ColumnDef, type TableId, type TemplateId, type ValueKind } from './templates.js';

/** Everything known about one cell key: where it sits in which template. */
export interface CellKeyInfo {
  key: string;
  table: TableId;
  /** 表二, 表三 … */
  tableName: string;
  /** the report section the cell belongs to */
  section: number;
  row: string;
  rowLabel: string;
  column: string;
  columnLabel: string;
  kind: ValueKind;
  unit?: '元' | '万元';
  templates: TemplateId[];
}

/** `<table>.<row>.<column>`; the fee keys have no row. */
export function cellKey(table: TableId, row: string, column: string): string {
  return row ? `${table}.${row}.${column}` : `${table}.${column}`;
}

function buildVocabulary(): Map<string, CellKeyInfo> {
  const keys = new Map<string, CellKeyInfo>();
  for (const table of Object.values(TABLES)) {
    for (const row of table.rows) {
      for (const column of row.columns) {
        const key = cellKey(table.id, row.key, column.key);
        const known = keys.get(key);
        if (known) {
          for (const t of row.templates) if (!known.templates.includes(t)) known.templates.push(t);
          continue;
        }
        keys.set(key, describe(table.id, row.key, row.label, column, [...row.templates]));
      }
    }
  }
  return keys;
}

function describe(table: TableId, row: string, rowLabel: string, column: ColumnDef, templates: TemplateId[]): CellKeyInfo {
  const def = TABLES[table];
  return {
    key: cellKey(table, row, column.key),
    table,
    tableName: def.name,
    section: def.section,
    row,
    rowLabel,
    column: column.key,
    columnLabel: column.label,
    kind: column.kind,
    ...(column.unit ? { unit: column.unit } : {}),
    templates,
  };
}

const VOCABULARY = buildVocabulary();

/** Every cell key of every template, in template order. */
export const CELL_KEYS: readonly string[] = [...VOCABULARY.keys()];

export function isCellKey(key: string): boolean {
  return VOCABULARY.has(key);
}

/** Describes a cell key, or undefined when the key is not in the vocabulary. */
export function cellInfo(key: string): CellKeyInfo | undefined {
  return VOCABULARY.get(key);
}

/** The row key (`requests.total`) of a cell key (`requests.total.naturalPerson`). */
export function rowOf(key: string): string {
  const info = VOCABULARY.get(key);
  if (info) return info.row ? `${info.table}.${info.row}` : info.table;
  return key.slice(0, key.lastIndexOf('.'));
}
