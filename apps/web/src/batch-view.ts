import type { CheckResult } from '@xxgk/core';
import { h } from './dom.js';
import { COLLATOR } from './text.js';

export type SortKey = 'name' | 'agency' | 'year' | 'template' | 'errors' | 'warnings';

export interface BatchState {
  sort: SortKey;
  descending: boolean;
  /** a rule id: only that rule's findings are counted, and only files with them listed */
  rule: string;
}

export interface BatchRow {
  index: number;
  result: CheckResult;
}

const COLUMNS: { key: SortKey; label: string; numeric: boolean }[] = [
  { key: 'name', label: '文件', numeric: false },
  { key: 'agency', label: '机关', numeric: false },
  { key: 'year', label: '年度', numeric: true },
  { key: 'template', label: '模板', numeric: false },
  { key: 'errors', label: '错误', numeric: true },
  { key: 'warnings', label: '警告', numeric: true },
];

function counts(result: CheckResult, rule: string): { errors: number; warnings: number } {
  const findings = rule ? result.findings.filter((finding) => finding.ruleId === rule) : result.findings;
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  return { errors, warnings: findings.length - errors };
}

function sortValue(row: BatchRow, key: SortKey, rule: string): string | number | null {
  const { result } = row;
  switch (key) {
    case 'name':
      return result.name;
    case 'agency':
      return result.report?.meta.agency ?? null;
    case 'year':
      return result.report?.meta.year ?? null;
    case 'template':
      return result.template;
    default:
      return counts(result, rule)[key];
  }
}

/** Sorts the rows; empty values last whichever the direction, the file order breaking ties. */
export function sortRows(rows: readonly BatchRow[], state: BatchState): BatchRow[] {
  return [...rows].sort((a, b) => {
    const x = sortValue(a, state.sort, state.rule);
    const y = sortValue(b, state.sort, state.rule);
    if (x === null || y === null) return x === y ? a.index - b.index : x === null ? 1 : -1;
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : COLLATOR.compare(String(x), String(y));
    return (state.descending ? -order : order) || a.index - b.index;
  });
}

/** Each rule id met in the results, with how many findings it has, most first. */
export function rulesMet(results: readonly CheckResult[]): { id: string; count: number }[] {
  const met = new Map<string, number>();
  for (const result of results) for (const finding of result.findings) met.set(finding.ruleId, (met.get(finding.ruleId) ?? 0) + 1);
  return [...met].map(([id, count]) => ({ id, count })).sort((a, b) => b.count - a.count || COLLATOR.compare(a.id, b.id));
}

export interface BatchViewOptions {
  rows: readonly BatchRow[];
  state: BatchState;
  /** rule id → its description, where known */
  describe: (ruleId: string) => string | undefined;
  onSort: (key: SortKey) => void;
  onFilter: (rule: string) => void;
  onOpen: (index: number) => void;
  onExport: (kind: 'xlsx' | 'check-json' | 'extract-json') => void;
}

/** The batch view: a summary, a rule filter, exports, and a sortable table of files × errors/warnings. */
export function renderBatch(options: BatchViewOptions): HTMLElement {
  const { rows, state } = options;
  const results = rows.map((row) => row.result);
  const all = results.reduce((sum, result) => {
    const count = counts(result, '');
    return { errors: sum.errors + count.errors, warnings: sum.warnings + count.warnings, clean: sum.clean + (result.findings.length === 0 ? 1 : 0) };
  }, { errors: 0, warnings: 0, clean: 0 });
  const unread = results.filter((result) => !result.report).length;

  const filter = h(
    'select',
    { id: 'rule-filter', onchange: (event: Event) => options.onFilter((event.target as HTMLSelectElement).value) },
    h('option', { value: '' }, '全部规则'),
    rulesMet(results).map(({ id, count }) => {
      const description = options.describe(id);
      return h('option', { value: id, selected: id === state.rule }, `${id}${description ? `：${description}` : ''}（${count}）`);
    }),
  );

  const shown = sortRows(state.rule ? rows.filter((row) => row.result.findings.some((finding) => finding.ruleId === state.rule)) : rows, state);
  const head = h(
    'tr',
    {},
    COLUMNS.map((column) => {
      const active = state.sort === column.key;
      return h(
        'th',
        { scope: 'col', class: column.numeric ? 'numeric' : null, 'aria-sort': active ? (state.descending ? 'descending' : 'ascending') : null },
        h(
          'button',
          { type: 'button', class: 'sort', 'data-sort': column.key, onclick: () => options.onSort(column.key) },
          column.label,
          h('span', { class: 'sort-mark', 'aria-hidden': 'true' }, active ? (state.descending ? ' ▼' : ' ▲') : ' ↕'),
        ),
      );
    }),
  );
  const body = shown.map((row) => {
    const { result } = row;
    const count = counts(result, state.rule);
    return h(
      'tr',
      { 'data-file': result.name, class: result.report ? null : 'unread' },
      h('th', { scope: 'row', class: 'file-cell' }, h('button', { type: 'button', class: 'link open-report', onclick: () => options.onOpen(row.index), title: '查看这份报告' }, result.name)),
      h('td', {}, result.report?.meta.agency ?? (result.report ? '未识别' : result.findings[0]?.message ?? '未读取')),
      h('td', { class: 'numeric' }, result.report?.meta.year ?? '—'),
      h('td', {}, result.template ?? '—'),
      h('td', { class: `numeric ${count.errors > 0 ? 'count-error' : ''}`, 'data-count': 'errors' }, count.errors),
      h('td', { class: `numeric ${count.warnings > 0 ? 'count-warning' : ''}`, 'data-count': 'warnings' }, count.warnings),
    );
  });

  return h(
    'div',
    { class: 'batch' },
    h(
      'p',
      { class: 'summary', id: 'batch-summary' },
      `共 ${results.length} 个文件：`,
      h('span', { class: 'count-error' }, `${all.errors} 个错误`),
      '，',
      h('span', { class: 'count-warning' }, `${all.warnings} 个警告`),
      `；${all.clean} 个文件未发现问题${unread > 0 ? `；${unread} 个文件未能读取为年度报告` : ''}。`,
    ),
    h(
      'div',
      { class: 'batch-tools' },
      h('label', { for: 'rule-filter' }, '按规则筛选'),
      filter,
      h(
        'div',
        { class: 'exports', role: 'group', 'aria-label': '导出全部文件的结果' },
        h('button', { type: 'button', id: 'export-xlsx', onclick: () => options.onExport('xlsx') }, '导出 Excel（问题和单元格）'),
        h('button', { type: 'button', id: 'export-check-json', onclick: () => options.onExport('check-json') }, '导出问题 JSON'),
        h('button', { type: 'button', id: 'export-extract-json', onclick: () => options.onExport('extract-json') }, '导出单元格 JSON'),
      ),
    ),
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { class: 'batch-table', id: 'batch-table' },
        h('caption', { class: 'visually-hidden' }, `文件和问题数${state.rule ? `（仅规则 ${state.rule}）` : ''}，点击列标题排序`),
        h('thead', {}, head),
        h('tbody', {}, body),
      ),
    ),
    shown.length === 0 ? h('p', { class: 'table-note' }, '没有符合筛选条件的文件。') : null,
  );
}
