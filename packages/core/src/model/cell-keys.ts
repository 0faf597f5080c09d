import { TABLES, type ColumnDef, type RowDef, type TableId, type TemplateId, type ValueKind } from './templates.js';

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

/** A row a rule pack adds to a template table (a province's local row), with its table. */
export interface TableRow extends RowDef {
  table: TableId;
}

/** `<table>.<row>.<column>`; the fee keys have no row. */
export function cellKey(table: TableId, row: string, column: string): string {
  return row ? `${table}.${row}.${column}` : `${table}.${column}`;
}

function describe(table: TableId, row: RowDef, column: ColumnDef): CellKeyInfo {
  const def = TABLES[table];
  return {
    key: cellKey(table, row.key, column.key),
    table,
    tableName: def.name,
    section: def.section,
    row: row.key,
    rowLabel: row.label,
    column: column.key,
    columnLabel: column.label,
    kind: column.kind,
    ...(column.unit ? { unit: column.unit } : {}),
    templates: [...row.templates],
  };
}

/**
 * The cell keys in force: the national templates' rows, plus the rows rule packs add.
 * The reader takes its rows from here, and findings their labels.
 */
export class Vocabulary {
  private readonly keys = new Map<string, CellKeyInfo>();
  private readonly rows: TableRow[] = [];
  private readonly added: readonly TableRow[];
  /** rowsOf's answers, by table, then by template ('' for all): one key made of the two would be a new string to hash on each call, and readers call it per row */
  private readonly byTable = new Map<TableId, Map<TemplateId | '', readonly TableRow[]>>();

  constructor(extraRows: readonly TableRow[] = []) {
    this.added = extraRows;
    const national = Object.values(TABLES).flatMap((table) => table.rows.map((row) => ({ ...row, table: table.id })));
    for (const row of [...national, ...extraRows]) this.add(row);
  }

  /** The rows added to the national ones. */
  rowsOfAdded(): readonly TableRow[] {
    return this.added;
  }

  private add(row: TableRow): void {
    this.rows.push(row);
    for (const column of row.columns) {
      const key = cellKey(row.table, row.key, column.key);
      const known = this.keys.get(key);
      if (!known) {
        this.keys.set(key, describe(row.table, row, column));
        continue;
      }
      for (const template of row.templates) if (!known.templates.includes(template)) known.templates.push(template);
    }
  }

  /** Every cell key, in template order, the added rows' last. */
  list(): string[] {
    return [...this.keys.keys()];
  }

  has(key: string): boolean {
    return this.keys.has(key);
  }

  /** Describes a cell key, or undefined when the key is not in the vocabulary. */
  info(key: string): CellKeyInfo | undefined {
    return this.keys.get(key);
  }

  /** The rows of a table, in order; of one template's table when a template is given. */
  rowsOf(table: TableId, template?: TemplateId): TableRow[] {
    return [...this.tableRows(table, template)];
  }

  /** `rowsOf`, the same array on every call: not to be changed. */
  tableRows(table: TableId, template?: TemplateId): readonly TableRow[] {
    let byTemplate = this.byTable.get(table);
    if (!byTemplate) this.byTable.set(table, (byTemplate = new Map()));
    let rows = byTemplate.get(template ?? '');
    if (!rows) {
      rows = this.rows.filter((row) => row.table === table && (template === undefined || row.templates.includes(template)));
      byTemplate.set(template ?? '', rows);
    }
    return rows;
  }
}

/** The vocabulary of the national templates alone. */
export const NATIONAL_VOCABULARY = new Vocabulary();

/** Every cell key of every national template, in template order. */
export const CELL_KEYS: readonly string[] = NATIONAL_VOCABULARY.list();

export function isCellKey(key: string): boolean {
  return NATIONAL_VOCABULARY.has(key);
}

/** Describes a national cell key, or undefined when the key is not in the vocabulary. */
export function cellInfo(key: string, vocabulary: Vocabulary = NATIONAL_VOCABULARY): CellKeyInfo | undefined {
  return vocabulary.info(key);
}

/** The row key (`requests.total`) of a cell key (`requests.total.naturalPerson`). */
export function rowOf(key: string, vocabulary: Vocabulary = NATIONAL_VOCABULARY): string {
  const info = vocabulary.info(key);
  if (info) return info.row ? `${info.table}.${info.row}` : info.table;
  return key.slice(0, key.lastIndexOf('.'));
}
