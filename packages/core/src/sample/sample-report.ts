import type { Report } from '../model/schema.js';
import type { TemplateId } from '../model/templates.js';

/** The six applicant columns of 表三, then 总计. */
type RequestRow = readonly [number, number, number, number, number, number, number];

const REQUEST_COLUMN_KEYS = [
  'naturalPerson',
  'commercialEnterprise',
  'researchInstitution',
  'socialWelfareOrganization',
  'legalServiceOrganization',
  'otherOrganization',
  'total',
] as const;

/** 表三 of the clean 2021 report: every row total, column total and the balance hold. */
const REQUESTS_2021: readonly (readonly [string, RequestRow])[] = [
  ['newReceived', [99, 14, 1, 1, 3, 2, 120]],
  ['carriedOver', [5, 0, 0, 0, 0, 0, 5]],
  ['granted', [40, 6, 1, 0, 2, 1, 50]],
  ['partiallyGranted', [8, 2, 0, 0, 0, 0, 10]],
  ['denied.stateSecret', [1, 0, 0, 0, 0, 0, 1]],
  ['denied.prohibitedByLaw', [2, 0, 0, 0, 0, 0, 2]],
  ['denied.endangersSafety', [0, 0, 0, 0, 0, 0, 0]],
  ['denied.thirdPartyRights', [1, 1, 0, 0, 0, 0, 2]],
  ['denied.internalAffairs', [3, 0, 0, 0, 0, 0, 3]],
  ['denied.processInformation', [2, 0, 0, 0, 1, 0, 3]],
  ['denied.enforcementFiles', [1, 0, 0, 0, 0, 0, 1]],
  ['denied.administrativeQuery', [4, 0, 0, 0, 0, 0, 4]],
  ['unavailable.notHeld', [12, 2, 0, 1, 0, 0, 15]],
  ['unavailable.needsCreation', [3, 0, 0, 0, 0, 0, 3]],
  ['unavailable.unclearAfterCorrection', [2, 0, 0, 0, 0, 0, 2]],
  ['notProcessed.complaint', [5, 0, 0, 0, 0, 0, 5]],
  ['notProcessed.duplicate', [3, 1, 0, 0, 0, 0, 4]],
  ['notProcessed.publication', [1, 0, 0, 0, 0, 0, 1]],
  ['notProcessed.excessive', [2, 0, 0, 0, 0, 0, 2]],
  ['notProcessed.confirmation', [1, 0, 0, 0, 0, 0, 1]],
  ['otherHandling.overdueCorrection', [4, 1, 0, 0, 0, 0, 5]],
  ['otherHandling.overdueFee', [1, 0, 0, 0, 0, 0, 1]],
  ['otherHandling.other', [2, 0, 0, 0, 0, 1, 3]],
  ['total', [98, 13, 1, 1, 3, 2, 118]],
  ['carriedForward', [6, 1, 0, 0, 0, 0, 7]],
];

/** 表三 of the 2019 variant: the three （六） rows folded into the single 其他处理 row. */
const REQUESTS_2019: readonly (readonly [string, RequestRow])[] = [
  ...REQUESTS_2021.filter(([row]) => !row.startsWith('otherHandling.') && row !== 'total' && row !== 'carriedForward'),
  ['otherHandling', [7, 1, 0, 0, 0, 1, 9]],
  ['total', [98, 13, 1, 1, 3, 2, 118]],
  ['carriedForward', [6, 1, 0, 0, 0, 0, 7]],
];

/** 表二 of the 2021 template: row → column → value. */
const ACTIVE_2021: readonly (readonly [string, Record<string, number>])[] = [
  ['regulations', { issued: 2, repealed: 1, valid: 15 }],
  ['normativeDocuments', { issued: 12, repealed: 3, valid: 86 }],
  ['licensing', { decisions: 1520 }],
  ['punishment', { decisions: 342 }],
  ['coercion', { decisions: 27 }],
  ['charges', { amount: 156.8 }],
];

/** 表二 of the 2019 template. */
const ACTIVE_2019: readonly (readonly [string, Record<string, number>])[] = [
  ['regulations', { made: 1, published: 1, total: 14 }],
  ['normativeDocuments', { made: 10, published: 10, total: 80 }],
  ['licensing', { previous: 120, change: -3, decisions: 1400 }],
  ['otherServices', { previous: 35, change: 2, decisions: 260 }],
  ['punishment', { previous: 18, change: 0, decisions: 300 }],
  ['coercion', { previous: 6, change: 1, decisions: 20 }],
  ['charges', { previous: 4, change: -1 }],
  ['procurement', { projects: 12, amount: 3580000 }],
];

/** 表四: group → [结果维持, 结果纠正, 其他结果, 尚未审结, 总计]. */
const REVIEW: readonly (readonly [string, readonly [number, number, number, number, number]])[] = [
  ['reconsideration', [3, 1, 1, 1, 6]],
  ['litigationDirect', [2, 0, 1, 1, 4]],
  ['litigationAfterReconsideration', [1, 0, 0, 1, 2]],
];
const REVIEW_OUTCOME_KEYS = ['upheld', 'corrected', 'other', 'pending', 'total'] as const;


interface Draft {
  cells: Report['cells'];
  sources: Report['sources'];
}

function put(draft: Draft, key: string, value: number, line: number): void {
  draft.cells[key] = value;
  draft.sources[key] = { line, text: String(value) };
}

export interface SampleOptions {
  template?: TemplateId;
  /** the reporting year; 2022 by default */
  year?: number;
  agency?: string;
}

/**
 * A clean, internally consistent report (every identity holds, all six sections, a fee
 * table for the 2021 template), for testing rules: change a copy of it until a rule must
 * fire. The 2019 variant has the 2019 table 二 and the single （六）其他处理 row.
 */
export function sampleReport(options: SampleOptions = {}): Report {
  const template = options.template ?? '2021';
  const year = options.year ?? 2022;
  const AGENCY = options.agency ?? '某市生态环境局';
  const draft: Draft = { cells: {}, sources: {} };
  const active = template === '2021' ? ACTIVE_2021 : ACTIVE_2019;
  active.forEach(([row, columns], index) => {
    for (const [column, value] of Object.entries(columns)) put(draft, `active.${row}.${column}`, value, 12 + index);
  });
  const requests = template === '2021' ? REQUESTS_2021 : REQUESTS_2019;
  requests.forEach(([row, values], index) => {
    REQUEST_COLUMN_KEYS.forEach((column, position) => put(draft, `requests.${row}.${column}`, values[position]!, 22 + index));
  });
  for (const [group, values] of REVIEW) {
    REVIEW_OUTCOME_KEYS.forEach((outcome, position) => put(draft, `review.${group}.${outcome}`, values[position]!, 52));
  }
  const tables: Report['tables'] = [
    { id: 'active', line: 12 },
    { id: 'requests', line: 22 },
    { id: 'review', line: 52 },
  ];
  let feeStatement: Report['feeStatement'] = null;
  const sixth =
    template === '2021'
      ? `本机关${year}年共向 2 件申请发出收费通知，通知收取信息处理费 380 元，实际收取 380 元，收取情况如下表。`
      : `本机关${year}年无其他需要报告的事项。`;
  if (template === '2021') {
    put(draft, 'fees.noticeCount', 2, 62);
    put(draft, 'fees.noticeAmount', 380, 62);
    put(draft, 'fees.collectedAmount', 380, 62);
    tables.push({ id: 'fees', line: 62 });
    feeStatement = { kind: 'table', section: 6, line: 62, text: '信息处理费收取情况表' };
  }

  const title = `${AGENCY}${year}年政府信息公开工作年度报告`;
  const periodText = `统计期限自${year}年1月1日起至${year}年12月31日止`;
  const publishedAt = `${year + 1}-01-20`;
  return {
    format: 'test',
    template,
    meta: {
      agency: AGENCY,
      year,
      publishedAt,
      title,
      titleYear: year,
      period: { start: `${year}-01-01`, end: `${year}-12-31`, line: 2, text: periodText },
    },
    cells: draft.cells,
    sources: draft.sources,
    problems: {},
    sections: [
      { number: 1, heading: '一、总体情况', line: 4 },
      { number: 2, heading: '二、主动公开政府信息情况', line: 10 },
      { number: 3, heading: '三、收到和处理政府信息公开申请情况', line: 20 },
      { number: 4, heading: '四、政府信息公开行政复议、行政诉讼情况', line: 50 },
      { number: 5, heading: '五、存在的主要问题及改进情况', line: 55 },
      { number: 6, heading: '六、其他需要报告的事项', line: 60 },
    ],
    tables,
    feeStatement,
    paragraphs: [
      { line: 1, text: title, section: null },
      {
        line: 2,
        text: `本报告根据《中华人民共和国政府信息公开条例》编制。本报告中所列数据的${periodText}。`,
        section: null,
      },
      { line: 5, text: `${year}年，${AGENCY}认真贯彻落实《中华人民共和国政府信息公开条例》，全面推进政务公开工作。`, section: 1 },
      { line: 56, text: '一是政策解读形式还不够丰富；二是依申请公开答复质量有待提高。', section: 5 },
      { line: 61, text: sixth, section: 6 },
      { line: 64, text: AGENCY, section: 6 },
      { line: 65, text: `${year + 1}年1月20日`, section: 6 },
    ],
  };
}

