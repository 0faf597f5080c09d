/**
 * The national report templates and the label → cell-key mapping of their tables, kept in
 * one place: every adapter hands rows of cells to the table reader, which uses these
 * definitions; rules and messages use the same definitions to name a cell's table, row
 * and column.
 */

export type TemplateId = '2021' | '2019';
export const TEMPLATE_IDS: readonly TemplateId[] = ['2021', '2019'];

export type TableId = 'active' | 'requests' | 'review' | 'fees';

/** How a cell's value is read and validated. */
export type ValueKind =
  /** a whole number ≥ 0 */
  | 'count'
  /** a whole number that may be negative (2019 本年增/减) */
  | 'change'
  /** a money amount ≥ 0, in the unit given */
  | 'amount';

export interface ColumnDef {
  key: string;
  label: string;
  kind: ValueKind;
  /** unit of an amount: the value is converted to it when the cell names another unit */
  unit?: '元' | '万元';
}

export interface RowDef {
  /** row key: the middle part of `<table>.<row>.<column>` (may contain dots) */
  key: string;
  /** the row label as the template prints it */
  label: string;
  /** patterns tried on the normalised label (see normalizeLabel) */
  patterns: readonly RegExp[];
  columns: readonly ColumnDef[];
  /** templates whose table has this row */
  templates: readonly TemplateId[];
}

export interface TableDef {
  id: TableId;
  /** the report section (1–6) the table belongs to */
  section: number;
  /** the name a clerk uses: 表二, 表三 … */
  name: string;
  title: string;
  rows: readonly RowDef[];
}

export interface TemplateDef {
  id: TemplateId;
  /** the document that prescribes the template */
  document: string;
  title: string;
}

export const TEMPLATES: Record<TemplateId, TemplateDef> = {
  '2021': {
    id: '2021',
    document: '国办公开办函〔2021〕30号',
    title: '中华人民共和国政府信息公开工作年度报告格式（2021年）',
  },
  '2019': {
    id: '2019',
    document: '国办公开办函〔2019〕60号',
    title: '政府信息公开工作年度报告格式（2019年）',
  },
};

const BOTH: readonly TemplateId[] = ['2021', '2019'];
const T2021: readonly TemplateId[] = ['2021'];
const T2019: readonly TemplateId[] = ['2019'];

const count = (key: string, label: string): ColumnDef => ({ key, label, kind: 'count' });

// ——— 表二 主动公开政府信息情况 ———
const DOCUMENTS_2021 = [count('issued', '本年制发件数'), count('repealed', '本年废止件数'), count('valid', '现行有效件数')];
const DOCUMENTS_2019 = [count('made', '本年新制作数量'), count('published', '本年新公开数量'), count('total', '对外公开总数量')];
const DECISIONS_2021 = [count('decisions', '本年处理决定数量')];
const ITEMS_2019 = [
  count('previous', '上一年项目数量'),
  { key: 'change', label: '本年增/减', kind: 'change' } as ColumnDef,
  count('decisions', '处理决定数量'),
];

/**
 * Table 二 differs between the templates in its columns, so a row exists once per
 * template; the reader picks the definitions of the template it detected.
 */
const ACTIVE_ROWS: readonly RowDef[] = [
  { key: 'regulations', label: '规章', patterns: [/^规章$/], columns: DOCUMENTS_2021, templates: T2021 },
  { key: 'normativeDocuments', label: '行政规范性文件', patterns: [/规范性文件/], columns: DOCUMENTS_2021, templates: T2021 },
  { key: 'licensing', label: '行政许可', patterns: [/^行政许可/], columns: DECISIONS_2021, templates: T2021 },
  { key: 'punishment', label: '行政处罚', patterns: [/^行政处罚/], columns: DECISIONS_2021, templates: T2021 },
  { key: 'coercion', label: '行政强制', patterns: [/^行政强制/], columns: DECISIONS_2021, templates: T2021 },
  {
    key: 'charges',
    label: '行政事业性收费',
    patterns: [/事业性收费/],
    columns: [{ key: 'amount', label: '本年收费金额（单位：万元）', kind: 'amount', unit: '万元' }],
    templates: T2021,
  },
  { key: 'regulations', label: '规章', patterns: [/^规章$/], columns: DOCUMENTS_2019, templates: T2019 },
  { key: 'normativeDocuments', label: '规范性文件', patterns: [/规范性文件/], columns: DOCUMENTS_2019, templates: T2019 },
  { key: 'licensing', label: '行政许可', patterns: [/^行政许可/], columns: ITEMS_2019, templates: T2019 },
  { key: 'otherServices', label: '其他对外管理服务事项', patterns: [/对外管理服务/], columns: ITEMS_2019, templates: T2019 },
  { key: 'punishment', label: '行政处罚', patterns: [/^行政处罚/], columns: ITEMS_2019, templates: T2019 },
  { key: 'coercion', label: '行政强制', patterns: [/^行政强制/], columns: ITEMS_2019, templates: T2019 },
  { key: 'charges', label: '行政事业性收费', patterns: [/事业性收费/], columns: ITEMS_2019.slice(0, 2), templates: T2019 },
  {
    key: 'procurement',
    label: '政府集中采购',
    patterns: [/集中采购/],
    columns: [count('projects', '采购项目数量'), { key: 'amount', label: '采购总金额', kind: 'amount', unit: '元' }],
    templates: T2019,
  },
];

// ——— 表三 收到和处理政府信息公开申请情况 ———
export const REQUEST_COLUMNS: readonly ColumnDef[] = [
  count('naturalPerson', '自然人'),
  count('commercialEnterprise', '商业企业'),
  count('researchInstitution', '科研机构'),
  count('socialWelfareOrganization', '社会公益组织'),
  count('legalServiceOrganization', '法律服务机构'),
  count('otherOrganization', '其他'),
  count('total', '总计'),
];

const requestRow = (key: string, label: string, patterns: RegExp[], templates = BOTH): RowDef => ({
  key,
  label,
  patterns,
  columns: REQUEST_COLUMNS,
  templates,
});

/** Order matters: the reader takes the first row whose pattern matches. */
const REQUEST_ROWS: readonly RowDef[] = [
  requestRow('newReceived', '一、本年新收政府信息公开申请数量', [/本年新收/, /新收.*申请/]),
  requestRow('carriedOver', '二、上年结转政府信息公开申请数量', [/上年结转/]),
  requestRow('granted', '（一）予以公开', [/^予以公开/, /[^不]予以公开$/]),
  requestRow('partiallyGranted', '（二）部分公开', [/部分公开/]),
  requestRow('denied.stateSecret', '（三）1.属于国家秘密', [/国家秘密/]),
  requestRow('denied.prohibitedByLaw', '（三）2.其他法律行政法规禁止公开', [/其他法律/, /禁止公开/, /法规.*公开/]),
  requestRow('denied.endangersSafety', '（三）3.危及‘三安全一稳定’', [/三安全/, /一稳定/, /^危及/]),
  requestRow('denied.thirdPartyRights', '（三）4.保护第三方合法权益', [/第三方/]),
  requestRow('denied.internalAffairs', '（三）5.属于三类内部事务信息', [/内部事务/]),
  requestRow('denied.processInformation', '（三）6.属于四类过程性信息', [/过程性/]),
  requestRow('denied.enforcementFiles', '（三）7.属于行政执法案卷', [/执法案卷/]),
  requestRow('denied.administrativeQuery', '（三）8.属于行政查询事项', [/行政查询/]),
  requestRow('unavailable.notHeld', '（四）1.本机关不掌握相关政府信息', [/不掌握/]),
  requestRow('unavailable.needsCreation', '（四）2.没有现成信息需要另行制作', [/另行制作/, /现成信息/]),
  requestRow('unavailable.unclearAfterCorrection', '（四）3.补正后申请内容仍不明确', [/补正后/, /仍不明确/]),
  requestRow('notProcessed.complaint', '（五）1.信访举报投诉类申请', [/信访/, /举报投诉/]),
  requestRow('notProcessed.duplicate', '（五）2.重复申请', [/^重复申请/]),
  requestRow('notProcessed.publication', '（五）3.要求提供公开出版物', [/出版物/]),
  requestRow('notProcessed.excessive', '（五）4.无正当理由大量反复申请', [/大量反复/]),
  requestRow('notProcessed.confirmation', '（五）5.要求行政机关确认或重新出具已获取信息', [/重新出具/, /确认.*已获取/, /要求行政机关确认/]),
  requestRow('otherHandling.overdueCorrection', '（六）1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', [/不补正/], T2021),
  requestRow('otherHandling.overdueFee', '（六）2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', [/缴纳费用/, /收费通知/], T2021),
  requestRow('otherHandling.other', '（六）3.其他', [/^其他$/], T2021),
  requestRow('otherHandling', '（六）其他处理', [/其他处理$/], T2019),
  requestRow('total', '（七）总计', [/^总计$/, /^合计$/]),
  requestRow('carriedForward', '四、结转下年度继续办理', [/结转下/, /继续办理/]),
];

// ——— 表四 政府信息公开行政复议、行政诉讼情况 ———
export const REVIEW_GROUPS = [
  { key: 'reconsideration', label: '行政复议' },
  { key: 'litigationDirect', label: '行政诉讼·未经复议直接起诉' },
  { key: 'litigationAfterReconsideration', label: '行政诉讼·复议后起诉' },
] as const;

export const REVIEW_OUTCOMES: readonly ColumnDef[] = [
  count('upheld', '结果维持'),
  count('corrected', '结果纠正'),
  count('other', '其他结果'),
  count('pending', '尚未审结'),
  count('total', '总计'),
];

const REVIEW_ROWS: readonly RowDef[] = REVIEW_GROUPS.map((group) => ({
  key: group.key,
  label: group.label,
  patterns: [],
  columns: REVIEW_OUTCOMES,
  templates: BOTH,
}));

// ——— 六 信息处理费 ———
export const FEE_COLUMNS: readonly ColumnDef[] = [
  { key: 'noticeCount', label: '通知收取件数', kind: 'count' },
  { key: 'noticeAmount', label: '通知收取金额（元）', kind: 'amount', unit: '元' },
  { key: 'collectedAmount', label: '实际收取金额（元）', kind: 'amount', unit: '元' },
];

export const TABLES: Record<TableId, TableDef> = {
  active: { id: 'active', section: 2, name: '表二', title: '主动公开政府信息情况', rows: ACTIVE_ROWS },
  requests: { id: 'requests', section: 3, name: '表三', title: '收到和处理政府信息公开申请情况', rows: REQUEST_ROWS },
  review: { id: 'review', section: 4, name: '表四', title: '政府信息公开行政复议、行政诉讼情况', rows: REVIEW_ROWS },
  fees: {
    id: 'fees',
    section: 6,
    name: '信息处理费表',
    title: '信息处理费收取情况',
    rows: [{ key: '', label: '信息处理费', patterns: [], columns: FEE_COLUMNS, templates: T2021 }],
  },
};

/** The tables a template requires (the fee statement is checked on its own). */
export const REQUIRED_TABLES: readonly TableId[] = ['active', 'requests', 'review'];

/** Rows of a table in a template, in template order. */
export function templateRows(table: TableId, template: TemplateId): RowDef[] {
  return TABLES[table].rows.filter((row) => row.templates.includes(template));
}

/** The six sections of every report, with the patterns their headings match (numbering removed). */
export const SECTIONS = [
  { number: 1, title: '总体情况', patterns: [/^(?:工作)?总体情况/, /^基本情况$/, /^概述$/] },
  { number: 2, title: '主动公开政府信息情况', patterns: [/^主动公开政府信息/] },
  { number: 3, title: '收到和处理政府信息公开申请情况', patterns: [/^收到和处理政府信息公开申请/, /^收到和处理.{0,8}申请情况/] },
  { number: 4, title: '政府信息公开行政复议、行政诉讼情况', patterns: [/行政复议.{0,6}行政诉讼(?:的)?情况$/, /复议.{0,4}诉讼情况$/] },
  { number: 5, title: '存在的主要问题及改进情况', patterns: [/存在的主要问题/, /主要问题(?:及|和|与)改进/, /存在(?:的)?问题(?:及|和|与)改进/] },
  // 其它 and 需报告 are common in published headings
  { number: 6, title: '其他需要报告的事项', patterns: [/^其[他它]需要?报告/] },
] as const;

export const CHINESE_NUMERALS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
