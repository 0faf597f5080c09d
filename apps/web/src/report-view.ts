import {
  FEE_COLUMNS,
  REQUEST_COLUMNS,
  REVIEW_GROUPS,
  REVIEW_OUTCOMES,
  SECTIONS,
  CHINESE_NUMERALS,
  TABLES,
  TEMPLATES,
  cellKey,
  templateRows,
  type CheckResult,
  type ColumnDef,
  type Finding,
  type Report,
  type RowDef,
  type TableId,
  type TemplateId,
  type Vocabulary,
} from '@xxgk/core';
import { h, type Child } from './dom.js';
import { formatDate, formatNumber, severityName } from './text.js';

/** How a cell is marked by the findings that touch it. */
interface CellMark {
  severity: Finding['severity'];
  /** the cell a finding is about (its first cell), not only one of its addends */
  primary: boolean;
  findings: Finding[];
}

function cellMarks(findings: readonly Finding[]): Map<string, CellMark> {
  const marks = new Map<string, CellMark>();
  for (const finding of findings) {
    finding.cells.forEach((key, index) => {
      const mark = marks.get(key) ?? { severity: finding.severity, primary: false, findings: [] };
      if (finding.severity === 'error') mark.severity = 'error';
      if (index === 0) mark.primary = true;
      mark.findings.push(finding);
      marks.set(key, mark);
    });
  }
  return marks;
}

interface Context {
  report: Report;
  marks: Map<string, CellMark>;
  vocabulary: Vocabulary;
}

/** One value cell: its number (or the text written, or a dash where the row is absent). */
function valueCell(context: Context, key: string, row: string, column: ColumnDef, tableName: string): HTMLTableCellElement {
  const { report, marks } = context;
  const present = Object.hasOwn(report.cells, key);
  const value = report.cells[key];
  const source = report.sources[key];
  const problem = report.problems[key];
  const mark = marks.get(key);
  const written = source?.text.trim() ?? '';
  const text = !present ? '—' : value !== null && value !== undefined ? formatNumber(value) : written || '空';
  const where = source ? `来源：第 ${source.line} 行${source.page ? `（第 ${source.page} 页）` : ''}，原文“${source.text}”` : present ? '来源：未记录' : '报告中没有这一行';
  const title = [
    `${tableName} “${row}”行 “${column.label}”列`,
    where,
    source?.note ? `说明：${source.note}` : null,
    problem ? `填写有误：${problem}` : null,
    ...(mark?.findings ?? []).map((finding) => `${severityName(finding.severity)}：${finding.message}`),
  ].filter((line): line is string => line !== null);
  const classes = ['cell'];
  if (!present) classes.push('cell-absent');
  else if (value === null) classes.push('cell-blank');
  if (problem) classes.push('cell-invalid');
  if (mark) classes.push(`cell-${mark.severity}`);
  if (mark?.primary) classes.push('cell-primary');
  return h('td', { class: classes.join(' '), 'data-cell-key': key, tabindex: -1, title: title.join('\n') }, text);
}

function headerRow(first: string, columns: readonly ColumnDef[]): HTMLTableRowElement {
  return h('tr', {}, h('th', { scope: 'col', class: 'row-label' }, first), columns.map((column) => h('th', { scope: 'col' }, column.label)));
}

function bodyRow(context: Context, table: TableId, row: RowDef, columns: readonly ColumnDef[]): HTMLTableRowElement {
  const def = TABLES[table];
  return h(
    'tr',
    { 'data-row-key': row.key ? `${table}.${row.key}` : table },
    h('th', { scope: 'row', class: 'row-label' }, row.label),
    columns.map((column) => valueCell(context, cellKey(table, row.key, column.key), row.label, column, def.name)),
  );
}

/** A table's rows in a template, with the rows the packs add (a province's local rows). */
function rowsOf(table: TableId, template: TemplateId, vocabulary: Vocabulary): RowDef[] {
  const rows: RowDef[] = templateRows(table, template);
  for (const row of vocabulary.rowsOfAdded()) {
    if (row.table === table && row.templates.includes(template) && !rows.some((known) => known.key === row.key)) rows.push(row);
  }
  return rows;
}

function hasTable(report: Report, table: TableId): boolean {
  return report.tables.some((found) => found.id === table) || Object.keys(report.cells).some((key) => key.startsWith(`${table}.`));
}

function tableBlock(table: TableId, content: Child, context: Context, note?: string): HTMLElement {
  const def = TABLES[table];
  const found = hasTable(context.report, table);
  return h(
    'section',
    { class: 'table-block', id: `table-${table}`, 'data-table': table, 'data-section': def.section, tabindex: -1, 'aria-labelledby': `table-${table}-title` },
    h('h3', { id: `table-${table}-title` }, `${def.name} ${def.title}`),
    note ? h('p', { class: 'table-note' }, note) : null,
    found ? content : h('p', { class: 'table-note table-missing' }, `报告中没有找到${def.name}。`),
  );
}

function scroll(table: HTMLTableElement): HTMLElement {
  return h('div', { class: 'table-scroll' }, table);
}

/** 表二: its rows come in groups with different columns, each group with its own header. */
function activeTable(context: Context, template: TemplateId): HTMLElement {
  const groups: { columns: readonly ColumnDef[]; rows: RowDef[] }[] = [];
  for (const row of rowsOf('active', template, context.vocabulary)) {
    const last = groups.at(-1);
    const same = last && last.columns.map((column) => column.key).join() === row.columns.map((column) => column.key).join();
    if (same) last.rows.push(row);
    else groups.push({ columns: row.columns, rows: [row] });
  }
  return tableBlock(
    'active',
    groups.map((group) =>
      scroll(h('table', { class: 'report-table' }, h('thead', {}, headerRow('信息内容', group.columns)), h('tbody', {}, group.rows.map((row) => bodyRow(context, 'active', row, group.columns))))),
    ),
    context,
  );
}

/** 表三: the applicants' columns under the template's two-level header. */
function requestsTable(context: Context, template: TemplateId): HTMLElement {
  const columns = REQUEST_COLUMNS;
  const [first, ...rest] = columns;
  const last = rest.pop();
  const head = h(
    'thead',
    {},
    h(
      'tr',
      {},
      h('th', { scope: 'col', rowspan: 2, class: 'row-label' }, '项目'),
      h('th', { scope: 'col', rowspan: 2 }, first?.label),
      h('th', { scope: 'colgroup', colspan: rest.length }, '法人或其他组织'),
      h('th', { scope: 'col', rowspan: 2 }, last?.label),
    ),
    h('tr', {}, rest.map((column) => h('th', { scope: 'col' }, column.label))),
  );
  const rows: HTMLTableRowElement[] = [];
  for (const row of rowsOf('requests', template, context.vocabulary)) {
    if (row.key === 'granted') rows.push(h('tr', { class: 'group-row' }, h('th', { scope: 'rowgroup', colspan: columns.length + 1 }, '三、本年度办理结果')));
    rows.push(bodyRow(context, 'requests', row, columns));
  }
  return tableBlock('requests', scroll(h('table', { class: 'report-table' }, head, h('tbody', {}, rows))), context);
}

/** 表四: one row per group (行政复议, and the two kinds of 行政诉讼), the outcomes as columns. */
function reviewTable(context: Context): HTMLElement {
  const rows: RowDef[] = REVIEW_GROUPS.map((group) => ({ key: group.key, label: group.label, patterns: [], columns: REVIEW_OUTCOMES, templates: ['2021', '2019'] }));
  return tableBlock(
    'review',
    scroll(h('table', { class: 'report-table' }, h('thead', {}, headerRow('类别', REVIEW_OUTCOMES)), h('tbody', {}, rows.map((row) => bodyRow(context, 'review', row, REVIEW_OUTCOMES))))),
    context,
  );
}

/** 信息处理费: the three figures of 国办函〔2020〕109号 (2021 template), or the sentence that states them. */
function feesBlock(context: Context, template: TemplateId): HTMLElement | null {
  const statement = context.report.feeStatement;
  if (template !== '2021' && !hasTable(context.report, 'fees')) return null;
  const row: RowDef = { key: '', label: '信息处理费', patterns: [], columns: FEE_COLUMNS, templates: ['2021'] };
  const table = scroll(h('table', { class: 'report-table' }, h('thead', {}, headerRow('项目', FEE_COLUMNS)), h('tbody', {}, bodyRow(context, 'fees', row, FEE_COLUMNS))));
  const def = TABLES.fees;
  const note =
    statement?.kind === 'sentence'
      ? h('p', { class: 'table-note' }, `第${CHINESE_NUMERALS[statement.section ?? 6] ?? ''}部分以文字说明（第 ${statement.line} 行）：“${statement.text}”`)
      : statement === null
        ? h('p', { class: 'table-note table-missing' }, '报告中没有找到信息处理费的说明。')
        : null;
  return h(
    'section',
    { class: 'table-block', id: 'table-fees', 'data-table': 'fees', 'data-section': def.section, tabindex: -1, 'aria-labelledby': 'table-fees-title' },
    h('h3', { id: 'table-fees-title' }, `第六部分 ${def.title}`),
    note,
    statement?.kind === 'sentence' && !hasTable(context.report, 'fees') ? null : table,
  );
}

function templateName(template: TemplateId | null): string {
  if (!template) return '未识别';
  return `${template} 年版（${TEMPLATES[template].document}）`;
}

function sectionChips(report: Report): HTMLElement {
  const found = new Set(report.sections.map((section) => section.number));
  return h(
    'ul',
    { class: 'sections', 'aria-label': '报告的六个部分' },
    SECTIONS.map((section) => {
      const has = found.has(section.number);
      return h(
        'li',
        { class: has ? 'section-found' : 'section-missing', title: has ? `已找到：${section.title}` : `未找到：${section.title}` },
        `${has ? '✓' : '✗'} ${CHINESE_NUMERALS[section.number]}、${section.title}`,
      );
    }),
  );
}

/** The other reports a finding compares this one with (last year's, a summary's parts): a button for those on the page. */
function relatedReports(finding: Finding, options: ReportViewOptions): HTMLElement | null {
  const names = [...new Set((finding.related ?? []).flatMap((place) => (place.report !== undefined ? [place.report] : [])))];
  if (names.length === 0) return null;
  return h(
    'p',
    { class: 'finding-related' },
    '对照：',
    names.map((name, position) => {
      const index = options.fileIndex?.(name);
      const link =
        index !== undefined && options.onOpen
          ? h('button', { type: 'button', class: 'link open-related', 'data-report': name, title: '查看这份报告', onclick: () => options.onOpen!(index) }, name)
          : h('span', { class: 'related-name', 'data-report': name }, name);
      return [position > 0 ? '、' : null, link];
    }),
  );
}

function findingItem(finding: Finding, index: number, options: ReportViewOptions): HTMLLIElement {
  const place = finding.line !== undefined ? `第 ${finding.line} 行` : finding.section !== null ? `第${CHINESE_NUMERALS[finding.section]}部分` : '';
  return h(
    'li',
    {},
    h(
      'button',
      {
        type: 'button',
        class: `finding finding-${finding.severity}`,
        'data-finding': index,
        'data-rule-id': finding.ruleId,
        'data-cells': finding.cells.join(' '),
        title: finding.cells.length > 0 ? '定位到相关单元格' : '定位到相关部分',
      },
      h('span', { class: `badge badge-${finding.severity}` }, severityName(finding.severity)),
      h('span', { class: 'finding-message' }, finding.message),
      h('span', { class: 'finding-meta' }, h('code', { class: 'rule-id' }, finding.ruleId), place ? ` · ${place}` : null),
    ),
    relatedReports(finding, options),
  );
}

export interface ReportViewOptions {
  vocabulary: Vocabulary;
  /** adapter id → its name, for the format line */
  formatName: (id: string) => string;
  /** the page's file of that name (a report a finding compares this one with), if it is one */
  fileIndex?: (name: string) => number | undefined;
  /** opens a file of the page */
  onOpen?: (index: number) => void;
}

/** One checked file: meta, findings (each a button to its cells) and the tables rebuilt from the cells. */
export function renderReport(result: CheckResult, options: ReportViewOptions): HTMLElement {
  const { report, findings } = result;
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  const warnings = findings.length - errors;
  const meta: [string, Child][] = [
    ['文件', result.name],
    ['格式', report ? options.formatName(report.format) : '—'],
    ['模板', report ? templateName(report.template) : '—'],
    ['机关', report?.meta.agency ?? '未识别'],
    ['年度', report?.meta.year ? `${report.meta.year} 年度` : '未识别'],
    ['落款日期', report?.meta.publishedAt ? formatDate(report.meta.publishedAt) : '未识别'],
  ];
  const summary =
    findings.length === 0 ? h('p', { class: 'summary summary-clean' }, '✓ 未发现问题') : h('p', { class: 'summary' }, h('span', { class: 'count-error' }, `${errors} 个错误`), '，', h('span', { class: 'count-warning' }, `${warnings} 个警告`));

  const article = h(
    'article',
    { class: 'report', 'aria-labelledby': 'report-title' },
    h(
      'header',
      { class: 'report-head' },
      h('h2', { id: 'report-title', tabindex: -1 }, report?.meta.agency ?? result.name),
      h('dl', { class: 'meta' }, meta.map(([term, value]) => h('div', {}, h('dt', {}, term), h('dd', { 'data-meta': term }, value)))),
      report ? sectionChips(report) : null,
      summary,
    ),
    findings.length > 0
      ? h(
          'section',
          { class: 'findings', 'aria-labelledby': 'findings-title' },
          h('h3', { id: 'findings-title' }, `发现的问题（${findings.length}）`),
          h('p', { class: 'hint' }, '点击问题可定位到表中的单元格；鼠标停在单元格上可看到它在原文中的位置。'),
          h('ol', { class: 'finding-list' }, findings.map((finding, index) => findingItem(finding, index, options))),
        )
      : null,
  );

  if (report) {
    const template = report.template ?? '2021';
    const context: Context = { report, marks: cellMarks(findings), vocabulary: options.vocabulary };
    article.append(
      h(
        'div',
        { class: 'tables' },
        report.template ? null : h('p', { class: 'table-note' }, '未能识别报告所用的模板，以下按 2021 年版格式列出读到的单元格。'),
        h('p', { class: 'legend', 'aria-hidden': 'true' }, h('span', { class: 'cell-error legend-swatch' }, '错误'), h('span', { class: 'cell-warning legend-swatch' }, '警告'), h('span', { class: 'cell-blank legend-swatch' }, '空白'), h('span', { class: 'cell-absent legend-swatch' }, '— 缺行')),
        activeTable(context, template),
        requestsTable(context, template),
        reviewTable(context),
        feesBlock(context, template),
      ),
    );
  }

  let lastFinding: HTMLElement | null = null;
  article.addEventListener('click', (event) => {
    const button = (event.target as Element).closest<HTMLElement>('button.finding');
    if (!button) return;
    const finding = findings[Number(button.dataset.finding)];
    if (finding) {
      lastFinding = button;
      focusFinding(article, finding);
    }
  });
  // Escape in a table goes back to the finding that led there
  article.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && lastFinding && (event.target as Element).closest('.tables')) lastFinding.focus();
  });
  return article;
}

/** Scrolls to a finding's cells (or its section), marks them and focuses the first. */
export function focusFinding(root: HTMLElement, finding: Finding): HTMLElement | null {
  for (const element of root.querySelectorAll('.cell-target')) element.classList.remove('cell-target');
  const cells = finding.cells.flatMap((key) => [...root.querySelectorAll<HTMLElement>(`[data-cell-key="${CSS.escape(key)}"]`)]);
  const target = cells[0] ?? (finding.section !== null ? root.querySelector<HTMLElement>(`[data-section="${finding.section}"]`) : null);
  if (!target) return null;
  for (const cell of cells) cell.classList.add('cell-target');
  const smooth = !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  target.scrollIntoView({ block: 'center', inline: 'center', behavior: smooth ? 'smooth' : 'auto' });
  target.focus({ preventScroll: true });
  return target;
}
