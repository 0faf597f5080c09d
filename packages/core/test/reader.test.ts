import { describe, expect, it } from 'vitest';
import {
  alignValues,
  buildReport,
  detectTemplate,
  parseDateLine,
  readMeta,
  readTables,
  sectionOfHeading,
  sourceOf,
  type SourceCell,
  type SourceDocument,
  type TextBlock,
} from '../src/index.js';

const cells = (...texts: string[]): SourceCell[] => texts.map((text) => ({ text, line: 1 }));
const texts = (...lines: string[]): TextBlock[] => lines.map((text, index) => ({ kind: 'text', text, line: index + 1 }));

describe('sectionOfHeading', () => {
  it.each([
    ['一、总体情况', 1],
    ['二、主动公开政府信息情况', 2],
    ['三、收到和处理政府信息公开申请情况', 3],
    ['四、政府信息公开行政复议、行政诉讼情况', 4],
    ['四、因政府信息公开工作被申请行政复议、提起行政诉讼情况', 4],
    ['五、存在的主要问题及改进情况', 5],
    ['五、政府信息公开工作存在的主要问题及改进情况', 5],
    ['五、存在的主要问题及改进措施', 5],
    ['六、其他需要报告的事项', 6],
    ['（二）主动公开政府信息情况', 2],
    ['其他需要报告的事项', 6],
    ['六、其它需要报告的事项', 6],
    ['六、其他需报告的事项', 6],
  ])('%s heads section %d', (line, number) => {
    expect(sectionOfHeading(line)).toBe(number);
  });

  it.each([
    '（一）主动公开情况',
    '四、结转下年度继续办理',
    '（一）存在的主要问题',
    '其他需要说明的是，本年度未收取信息处理费。',
    '本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况等六个部分组成。',
    '2023年共收到政府信息公开申请0件，没有因政府信息申请行为而引起的行政复议和行政诉讼。',
  ])('%s heads no section', (line) => {
    expect(sectionOfHeading(line)).toBeNull();
  });
});

describe('parseDateLine', () => {
  it.each([
    ['2023年2月3日', '2023-02-03'],
    [' 2024 年 1 月 22 日 ', '2024-01-22'],
    ['二〇二三年一月三十一日', '2023-01-31'],
    ['二〇二四年十二月三日', '2024-12-03'],
    ['2024年元月20日', '2024-01-20'],
    ['二○二四年一月二十日', '2024-01-20'],
    ['2024.1.20', '2024-01-20'],
    ['2024/01/20', '2024-01-20'],
    ['2024-01-20', '2024-01-20'],
  ])('%s is %s', (line, date) => {
    expect(parseDateLine(line)).toBe(date);
  });

  it('ignores a sentence with a date in it', () => {
    expect(parseDateLine('发布时间:2022-01-20 00:00')).toBeNull();
    expect(parseDateLine('2023年1月1日起施行。')).toBeNull();
    expect(parseDateLine('2024.13.20')).toBeNull();
    expect(parseDateLine('3.1.2')).toBeNull();
  });
});

describe('readMeta', () => {
  it('reads agency and year from a title that starts with the year', () => {
    const meta = readMeta(texts('2021年县科技经信局政府信息公开工作年度报告', '一、总体情况', '正文'));
    expect(meta).toMatchObject({ agency: '县科技经信局', year: 2021, titleYear: 2021, publishedAt: null });
  });

  it('falls back to the period and the signature when there is no title', () => {
    const meta = readMeta(
      texts('本报告所列数据的统计期限自2022年1月1日起至2022年12月31日止。', '一、总体情况', '正文', '某市某局', '2023年1月5日'),
    );
    expect(meta).toMatchObject({ agency: '某市某局', year: 2022, titleYear: null, publishedAt: '2023-01-05' });
    expect(meta.period).toMatchObject({ start: '2022-01-01', end: '2022-12-31', line: 1 });
  });

  it('does not take a web page header date as the signing date', () => {
    expect(readMeta(texts('某局2022年政府信息公开工作年度报告', '发布时间:2023-01-20', '一、总体情况', '正文。')).publishedAt).toBeNull();
  });
});

describe('alignValues', () => {
  it('keeps exact positions and drops surplus empty cells', () => {
    expect(alignValues(cells('1', '', '3', '', '', ''), 4, 'exact').map((cell) => cell?.text ?? null)).toEqual(['1', '', '3', '']);
    expect(alignValues(cells('1'), 3, 'exact').map((cell) => cell?.text ?? null)).toEqual(['1', null, null]);
  });

  it('aligns loose rows (PDF text) to the right, where 总计 is', () => {
    expect(alignValues(cells('', '', '0', '', ''), 7, 'loose').map((cell) => cell?.text ?? null)).toEqual([null, null, null, null, '', '', '0']);
    const many = cells(...Array<string>(20).fill(''), '0', '');
    expect(alignValues(many, 7, 'loose').map((cell) => cell?.text ?? null)).toEqual(['', '', '', '', '', '', '0']);
    expect(alignValues(cells('1', '2', '3'), 3, 'loose').map((cell) => cell?.text)).toEqual(['1', '2', '3']);
  });

  it('keeps a blank’s mark in its place in loose rows: it is written, where an empty cell may be lost', () => {
    // 2019 table 二: 上一年项目数量 / 本年增减 / 处理决定数量, the first and last left blank
    expect(alignValues(cells('/', '-2', '/'), 3, 'loose').map((cell) => cell?.text ?? null)).toEqual(['/', '-2', '/']);
    expect(alignValues(cells('—', '5', '无', ''), 3, 'loose').map((cell) => cell?.text ?? null)).toEqual(['—', '5', '无']);
    expect(alignValues(cells('-2', '', ''), 3, 'loose').map((cell) => cell?.text ?? null)).toEqual([null, null, '-2']);
  });
});

describe('detectTemplate', () => {
  const row = (...texts: string[]) => ({ kind: 'row' as const, cells: cells(...texts), line: 1, positions: 'exact' as const });
  it('tells the templates apart by table 二 headers', () => {
    expect(detectTemplate([row('信息内容', '本年制发件数', '本年废止件数', '现行有效件数')])).toBe('2021');
    expect(detectTemplate([row('信息内容', '本年新制作数量', '本年新公开数量', '对外公开总数量')])).toBe('2019');
  });

  it('falls back to the shape of table 三 （六）', () => {
    expect(detectTemplate([row('一、本年新收政府信息公开申请数量', '0'), row('（六）其他处理', '0', '0', '0', '0', '0', '0', '0')])).toBe('2019');
    expect(detectTemplate([row('一、本年新收政府信息公开申请数量', '0'), row('1.申请人无正当理由逾期不补正', '0')])).toBe('2021');
  });

  it('is null without tables', () => {
    expect(detectTemplate([{ kind: 'text', text: '你好', line: 1 }])).toBeNull();
  });
});

describe('readTables', () => {
  const row = (line: number, ...texts: string[]) => ({ kind: 'row' as const, cells: texts.map((text) => ({ text, line })), line, positions: 'exact' as const });
  const blocks = (...values: string[]) => [
    { kind: 'text' as const, text: '三、收到和处理政府信息公开申请情况', line: 1 },
    row(2, '一、本年新收政府信息公开申请数量', ...values),
  ];

  it('keeps each value as read, zeros, minus zero and blanks among them, report after report', () => {
    // records are copies of a template whose cells are 0: only the others are set
    const first = readTables(blocks('0', '-0', '', '3', '0', '0', '3'));
    const second = readTables(blocks('5', '0', '0', '0', '0', '0', '5'));
    const columns = ['naturalPerson', 'commercialEnterprise', 'researchInstitution', 'socialWelfareOrganization', 'legalServiceOrganization', 'otherOrganization', 'total'];
    const valuesOf = (reading: typeof first) => columns.map((column) => reading.cells[`requests.newReceived.${column}`]);
    expect(valuesOf(first)).toEqual([0, -0, null, 3, 0, 0, 3]);
    expect(Object.is(first.cells['requests.newReceived.commercialEnterprise'], -0)).toBe(true);
    expect(valuesOf(second)).toEqual([5, 0, 0, 0, 0, 0, 5]);
    expect(first.sources['requests.newReceived.naturalPerson']).toEqual({ line: 2, text: '0' });
    expect(second.sources['requests.newReceived.naturalPerson']).toEqual({ line: 2, text: '5' });
  });
});

describe('readTables: the fee table', () => {
  const row = (line: number, ...texts: string[]) => ({ kind: 'row' as const, cells: texts.map((text) => ({ text, line })), line, positions: 'loose' as const });
  const text = (line: number, words: string) => ({ kind: 'text' as const, text: words, line });
  const fees = (reading: ReturnType<typeof readTables>) => [reading.cells['fees.noticeCount'], reading.cells['fees.noticeAmount'], reading.cells['fees.collectedAmount']];

  it('starts at a header of single-spaced words, as PDF text gives it, in the order the header names the columns', () => {
    const header = '项目 通知收取件数 通知收取金额（元） 实际收取金额（元）';
    expect(fees(readTables([text(1, '六、其他需要报告的事项'), text(2, header), row(3, '信息处理费', '2', '300', '100')]))).toEqual([2, 300, 100]);
    const reordered = '项目 实际收取金额（元） 通知收取件数 通知收取金额（元）';
    expect(fees(readTables([text(1, reordered), row(2, '信息处理费', '100', '2', '300')]))).toEqual([2, 300, 100]);
  });

  it('reads its row left blank (“/”, “无”) as blank cells, not as no table', () => {
    const header = row(1, '项目', '通知收取件数', '通知收取金额（元）', '实际收取金额（元）');
    for (const blank of ['/', '无', '']) {
      const reading = readTables([header, row(2, '信息处理费', blank, blank, blank)]);
      expect(reading.tables.map((table) => table.id)).toEqual(['fees']);
      expect(fees(reading)).toEqual([null, null, null]);
    }
  });

  it('reads its row with the amounts left out (`信息处理费 |`) as blank where positions are exact', () => {
    const header = row(1, '项目', '通知收取件数', '通知收取金额（元）', '实际收取金额（元）');
    const exact = (line: number, ...texts: string[]) => ({ ...row(line, ...texts), positions: 'exact' as const });
    expect(fees(readTables([{ ...header, positions: 'exact' }, exact(2, '信息处理费')]))).toEqual([null, null, null]);
    expect(readTables([{ ...header, positions: 'exact' }, exact(2, '注：单位为元')]).tables).toEqual([]);
  });

  it('is not started by a sentence naming the columns, nor by a header that lacks one', () => {
    const sentence = '本年度通知收取件数0件，实际收取金额0元';
    expect(fees(readTables([text(1, sentence), row(2, '信息处理费', '2', '300', '100')]))).toEqual([undefined, undefined, undefined]);
    expect(fees(readTables([text(1, '项目 通知收取件数 实际收取金额（元）'), row(2, '信息处理费', '2', '100')]))).toEqual([undefined, undefined, undefined]);
  });
});

describe('readTables: a table 二 row without its value', () => {
  const row = (line: number, positions: 'exact' | 'loose', ...texts: string[]) => ({ kind: 'row' as const, cells: texts.map((text) => ({ text, line })), line, positions });
  const blocks = (positions: 'exact' | 'loose') => [
    { kind: 'text' as const, text: '二、主动公开政府信息情况', line: 1 },
    row(2, positions, '第二十条第（一）项'),
    row(3, positions, '信息内容', '本年制发件数', '本年废止件数', '现行有效件数'),
    row(4, positions, '规章', '0', '0', '0'),
    row(5, positions, '第二十条第（五）项'),
    row(6, positions, '信息内容', '本年处理决定数量'),
    // a web page's copy that drops the empty cell: `行政许可 |`
    row(7, positions, '行政许可'),
    row(8, positions, '第二十条第（六）项'),
    row(9, positions, '信息内容', '本年处理决定数量'),
    row(10, positions, '行政处罚', '86'),
  ];

  it('is the row left blank where positions are exact, and no header becomes its value', () => {
    const reading = readTables(blocks('exact'));
    expect(reading.cells['active.licensing.decisions']).toBeNull();
    expect(reading.problems['active.licensing.decisions']).toBeUndefined();
    expect(reading.cells['active.punishment.decisions']).toBe(86);
  });

  it('in PDF text (loose), waits for its numbers, but never takes a header’s words for them', () => {
    const reading = readTables(blocks('loose'));
    expect('active.licensing.decisions' in reading.cells).toBe(false);
    expect(reading.cells['active.punishment.decisions']).toBe(86);
  });
});

describe('readTables: table 四 left blank', () => {
  const row = (line: number, ...texts: string[]) => ({ kind: 'row' as const, cells: texts.map((text) => ({ text, line })), line, positions: 'exact' as const });
  const heading = { kind: 'text' as const, text: '四、政府信息公开行政复议、行政诉讼情况', line: 1 };
  const headers = [
    row(2, '行政复议', '', '', '', '', '行政诉讼', '', '', '', '', '', '', '', '', ''),
    row(3, '结果维持', '结果纠正', '其他结果', '尚未审结', '总计', '未经复议直接起诉', '', '', '', '', '复议后起诉', '', '', '', ''),
    row(4, '结果维持', '结果纠正', '其他结果', '尚未审结', '总计', '结果维持', '结果纠正', '其他结果', '尚未审结', '总计', '结果维持', '结果纠正', '其他结果', '尚未审结', '总计'),
  ];
  const review = (reading: ReturnType<typeof readTables>) => Object.entries(reading.cells).filter(([key]) => key.startsWith('review.'));

  it('reads a row of fifteen blanks (“/”, empty) as the table, every cell blank', () => {
    for (const blank of ['/', '', '无']) {
      const reading = readTables([heading, ...headers, row(5, ...Array<string>(15).fill(blank))]);
      expect(reading.tables.map((table) => table.id)).toContain('review');
      expect(review(reading)).toHaveLength(15);
      expect(review(reading).every(([, value]) => value === null)).toBe(true);
    }
  });

  it('reads a group’s row of blanks, and the other groups’ numbers', () => {
    const reading = readTables([heading, row(2, '行政复议', '/', '/', '/', '/', '/'), row(3, '行政诉讼·未经复议直接起诉', '1', '0', '0', '0', '1')]);
    expect(reading.cells['review.reconsideration.total']).toBeNull();
    expect(reading.cells['review.litigationDirect.upheld']).toBe(1);
  });

  it('takes header rows for headers: their empty cells make no blank table', () => {
    const reading = readTables([heading, ...headers, row(5, '2', '1', '0', '1', '4', '1', '0', '0', '1', '2', '0', '0', '0', '0', '0')]);
    expect(reading.cells['review.reconsideration.upheld']).toBe(2);
    expect(reading.cells['review.litigationDirect.total']).toBe(2);
    expect(review(reading).every(([, value]) => value !== null)).toBe(true);
  });

  it('reads its header without a value row (a web page or Word file drops a row left empty) as the table left blank', () => {
    const reading = readTables([heading, ...headers]);
    expect(reading.tables.map((table) => table.id)).toEqual(['review']);
    expect(review(reading)).toHaveLength(15);
    expect(review(reading).every(([, value]) => value === null)).toBe(true);
    expect(reading.sources['review.reconsideration.total']).toMatchObject({ line: 2 });
  });
});

describe('buildReport without the sources object', () => {
  const document: SourceDocument = {
    format: 'text',
    blocks: [
      { kind: 'text', text: '三、收到和处理政府信息公开申请情况', line: 1 },
      { kind: 'row', positions: 'exact', line: 2, cells: ['一、本年新收政府信息公开申请数量', '3', '1', '0', '0', '0', '0', ' 4 '].map((text) => ({ text, line: 2 })) },
      { kind: 'text', text: '六、其他需要报告的事项', line: 3 },
      { kind: 'text', text: '本年度未收取信息处理费。', line: 4 },
    ],
  };

  it('leaves report.sources empty as data, and sourceOf finds every source as the built object holds it', () => {
    const built = buildReport(document);
    const setAside = buildReport(document, { sources: false });
    expect(Object.keys(setAside.sources)).toEqual([]);
    expect(JSON.stringify(setAside.sources)).toBe('{}');
    expect(structuredClone(setAside.sources)).toEqual({});
    const { sources, ...rest } = built;
    const { sources: _empty, ...restAside } = setAside;
    expect(restAside).toEqual(rest);
    // a table cell (trimmed as read) and the fee sentence's cell
    expect(sources['requests.newReceived.total']).toEqual({ line: 2, text: '4' });
    expect(sources['fees.collectedAmount']).toMatchObject({ line: 4, text: '未收取信息处理费' });
    expect(Object.keys(sources)).toHaveLength(8);
    for (const key of Object.keys(sources)) expect(sourceOf(setAside, key), key).toEqual(sources[key]);
    for (const key of Object.keys(sources)) expect(sourceOf(built, key), key).toBe(sources[key]);
    expect(sourceOf(setAside, 'requests.granted.total')).toBeUndefined();
  });
});
