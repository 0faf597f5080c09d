import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  NARRATIVE_PHRASES,
  anyPhrasePattern,
  claimPlace,
  figureSentences,
  mayStateFigure,
  narrativeClaims,
  narrativeMismatches,
  parseChineseNumber,
  sampleReport,
  tableSum,
  buildReport,
  type Report,
} from '../src/index.js';

/** The clean sample report (a 2021-template report on 2022) with these sentences as section 一's paragraphs, from line 5. */
function reportWith(texts: string[], options: { year?: number; section?: number | null } = {}): Report {
  const report = sampleReport({ year: options.year ?? 2022 });
  report.paragraphs = texts.map((text, index) => ({ line: 5 + index, text, section: options.section === undefined ? 1 : options.section }));
  return report;
}

const claimsOf = (text: string, options?: { year?: number; section?: number | null }) =>
  narrativeClaims(reportWith([text], options)).map((claim) => [claim.phrase, claim.keys, claim.value]);

const DENIED = [
  'requests.denied.stateSecret.total',
  'requests.denied.prohibitedByLaw.total',
  'requests.denied.endangersSafety.total',
  'requests.denied.thirdPartyRights.total',
  'requests.denied.internalAffairs.total',
  'requests.denied.processInformation.total',
  'requests.denied.enforcementFiles.total',
  'requests.denied.administrativeQuery.total',
];
const ORGANISATIONS = ['commercialEnterprise', 'researchInstitution', 'socialWelfareOrganization', 'legalServiceOrganization', 'otherOrganization'].map(
  (column) => `requests.newReceived.${column}`,
);
const LITIGATION = ['review.litigationDirect.total', 'review.litigationAfterReconsideration.total'];

describe('parseChineseNumber', () => {
  it.each([
    ['0', 0],
    ['17', 17],
    ['１７', 17],
    ['零', 0],
    ['一', 1],
    ['两', 2],
    ['十', 10],
    ['十二', 12],
    ['二十', 20],
    ['二十三', 23],
    ['一百零五', 105],
    ['一百一十', 110],
    ['两千', 2000],
    ['三千零二十', 3020],
    ['一万二千', 12000],
    ['二〇二三', 2023],
  ])('%s is %d', (text, value) => {
    expect(parseChineseNumber(text)).toBe(value);
  });

  it.each(['', '若干', '十十', '二三十', '百千', '1,2'])('%s is no number', (text) => {
    expect(parseChineseNumber(text)).toBeNull();
  });
});

/**
 * Sentences each phrase must read, with the cells and figure it states. Real phrasings of
 * the seed reports and the examples first, then variants written for these tests.
 */
const MATCHES: [phrase: string, sentence: string, keys: string[], value: number][] = [
  ['requests.newReceived', '（二）依申请公开情况。全年新收政府信息公开申请27件，上年结转3件。', ['requests.newReceived.total'], 27],
  ['requests.newReceived', '本年度新收到政府信息公开申请十二件。', ['requests.newReceived.total'], 12],
  ['requests.newReceived', '全年新收政府信息公开申请４７件，较上年增加9件。', ['requests.newReceived.total'], 47],
  [
    'requests.received',
    '2022年,通过网络、信函申请等方式,受理公民、法人或其他组织向市政府提出的政府信息依申请公开20件,其中自然人申请件17件。',
    ['requests.newReceived.total'],
    20,
  ],
  ['requests.received', '2022年，市工信局收到政府公开申请1条。', ['requests.newReceived.total'], 1],
  ['requests.received', '2022年共收到政府信息公开申请0件，没有因政府信息申请行为而引起的行政复议和行政诉讼。', ['requests.newReceived.total'], 0],
  ['requests.received', '全年共受理依申请公开申请两件。', ['requests.newReceived.total'], 2],
  ['requests.received', '本机关共接收政府信息公开申请数量为35件。', ['requests.newReceived.total'], 35],
  ['requests.none', '2022年，本机关未收到政府信息公开申请。', ['requests.newReceived.total'], 0],
  ['requests.none', '全年没有受理公民、法人或其他组织提出的政府信息公开申请。', ['requests.newReceived.total'], 0],
  ['requests.none', '本年度无依申请公开申请。', ['requests.newReceived.total'], 0],
  ['requests.naturalPerson', '受理政府信息依申请公开20件,其中自然人申请件17件,法人或其他组织申请件3件。', ['requests.newReceived.naturalPerson'], 17],
  ['requests.naturalPerson', '全年新收政府信息公开申请120件，其中自然人提出的99件。', ['requests.newReceived.naturalPerson'], 99],
  ['requests.organisations', '受理政府信息依申请公开20件,其中自然人申请件17件,法人或其他组织申请件3件。', ORGANISATIONS, 3],
  ['requests.organisations', '共收到政府信息公开申请30件，其中法人和其他组织申请8件。', ORGANISATIONS, 8],
  ['requests.granted', '予以公开6件,占30%;区分处理9件,占45%。', ['requests.granted.total'], 6],
  ['requests.granted', '办理结果中，同意公开的有十五件。', ['requests.granted.total'], 15],
  ['requests.partiallyGranted', '予以公开6件,占30%;区分处理9件,占45%。', ['requests.partiallyGranted.total'], 9],
  ['requests.partiallyGranted', '部分公开3件。', ['requests.partiallyGranted.total'], 3],
  ['requests.denied', '不予公开2件,占10%;重复申请1件,占5%。', DENIED, 2],
  ['requests.denied', '不予以公开的共4件。', DENIED, 4],
  ['requests.unavailable', '因本机关不掌握相关信息，无法提供5件。', ['requests.unavailable.notHeld.total', 'requests.unavailable.needsCreation.total', 'requests.unavailable.unclearAfterCorrection.total'], 5],
  [
    'requests.notProcessed',
    '不予处理3件。',
    [
      'requests.notProcessed.complaint.total',
      'requests.notProcessed.duplicate.total',
      'requests.notProcessed.publication.total',
      'requests.notProcessed.excessive.total',
      'requests.notProcessed.confirmation.total',
    ],
    3,
  ],
  ['requests.duplicate', '不予公开2件,占10%;重复申请1件,占5%。', ['requests.notProcessed.duplicate.total'], 1],
  ['requests.carriedOver', '全年新收政府信息公开申请27件，上年结转3件，均在法定期限内作出答复。', ['requests.carriedOver.total'], 3],
  ['requests.carriedOver', '全年新收政府信息公开申请47件，较上年增加9件；上年结转申请5件。', ['requests.carriedOver.total'], 5],
  ['requests.carriedForward', '结转下年办理1件。', ['requests.carriedForward.total'], 1],
  ['requests.carriedForward', '均在法定期限内作出答复，结转下年度继续办理3件。', ['requests.carriedForward.total'], 3],
  ['review.reconsideration', '2022年,本单位收到政府信息公开类行政复议1起,结果维持。', ['review.reconsideration.total'], 1],
  ['review.reconsideration', '因政府信息公开工作被申请行政复议案件2件。', ['review.reconsideration.total'], 2],
  ['review.litigation', '因政府信息公开被提起行政诉讼3起。', LITIGATION, 3],
  ['review.reconsideration.none', '2022年共收到政府信息公开申请0件，没有因政府信息申请行为而引起的行政复议和行政诉讼。', ['review.reconsideration.total'], 0],
  ['review.reconsideration.none', '全年未发生因政府信息公开引起的行政复议。', ['review.reconsideration.total'], 0],
  ['review.litigation.none', '2022年共收到政府信息公开申请0件，没有因政府信息申请行为而引起的行政复议和行政诉讼。', LITIGATION, 0],
  ['review.litigation.none', '本年度无政府信息公开行政诉讼案件。', LITIGATION, 0],
  ['fees.collected', '本年度实际收取信息处理费１５０元。', ['fees.collectedAmount'], 150],
  ['fees.collected', '共向 2 件申请发出收费通知，通知收取信息处理费 380 元，实际收取 380 元。', ['fees.collectedAmount'], 380],
  ['fees.collected', '收取信息处理费共计0.5万元。', ['fees.collectedAmount'], 5000],
  ['fees.none', '(一)信息处理费用情况。本年度安宁市人民政府办公室未收取信息处理费。', ['fees.collectedAmount'], 0],
  ['fees.none', '本年度没有产生信息公开处理费。', ['fees.collectedAmount'], 0],
  ['fees.none', '2022年，县工业和信息化局依据《政府信息公开信息处理费管理办法》，无收取信息处理费情况。', ['fees.collectedAmount'], 0],
  ['fees.noticeAmount', '共向 2 件申请发出收费通知，通知收取信息处理费 380 元，实际收取 380 元。', ['fees.noticeAmount'], 380],
  ['fees.noticeCount', '本年度向申请人发出收费通知2件，实际收取1件。', ['fees.noticeCount'], 2],
  ['fees.noticeCount.object', '共向 2 件申请发出收费通知，通知收取信息处理费 380 元，实际收取 380 元。', ['fees.noticeCount'], 2],
  ['active.normativeDocuments.issued', '全年制发行政规范性文件12件，均按规定公开。', ['active.normativeDocuments.issued'], 12],
  ['active.normativeDocuments.repealed', '对现行有效的行政规范性文件开展集中清理，废止1件。', ['active.normativeDocuments.repealed'], 1],
  ['active.normativeDocuments.repealed', '开展行政规范性文件清理，废止文件2件，清理结果已向社会公布。', ['active.normativeDocuments.repealed'], 2],
  ['active.normativeDocuments.repealed', '本年度废止规范性文件3件。', ['active.normativeDocuments.repealed'], 3],
  ['active.normativeDocuments.valid', '截至2022年底，现行有效的行政规范性文件86件。', ['active.normativeDocuments.valid'], 86],
  ['active.regulations.issued', '全年制定政府规章2件。', ['active.regulations.issued'], 2],
  ['active.regulations.repealed', '废止规章1件。', ['active.regulations.repealed'], 1],
  ['active.regulations.valid', '现行有效规章15件。', ['active.regulations.valid'], 15],
];

describe('the phrase table', () => {
  it('has unique ids, each with its cells in the national vocabulary', () => {
    const ids = NARRATIVE_PHRASES.map((phrase) => phrase.id);
    expect(new Set(ids).size).toBe(ids.length);
    const report = sampleReport();
    for (const phrase of NARRATIVE_PHRASES) {
      for (const key of [...phrase.keys, ...(phrase.alternatives ?? []).flat()]) expect(key in report.cells, `${phrase.id}: ${key}`).toBe(true);
      expect(phrase.keys.length === 1 || phrase.place !== undefined, `${phrase.id} names its sum`).toBe(true);
    }
  });

  it('has at least one sentence below for every phrase', () => {
    expect([...new Set(MATCHES.map(([phrase]) => phrase))].sort()).toEqual(NARRATIVE_PHRASES.map((phrase) => phrase.id).sort());
  });

  it.each(MATCHES)('%s reads “%s”', (phrase, sentence, keys, value) => {
    expect(claimsOf(sentence)).toContainEqual([phrase, keys, value]);
  });
});

describe('narrativeClaims', () => {
  it('reads every figure of seed 002’s paragraph, in order', () => {
    const text =
      '(二)提高依申请公开答复质量。以服务群众为导向,做到有申请必答复,能当面答复的要做到当面答复。2022年,通过网络、信函申请等方式,受理公民、法人或其他组织向市政府提出的政府信息依申请公开20件,其中自然人申请件17件,法人或其他组织申请件3件,均在法定期限内予以答复。予以公开6件,占30%;区分处理9件,占45%;不予公开2件,占10%;重复申请1件,占5%;结转下年办理1件。2022年,本单位收到政府信息公开类行政复议1起,结果维持。';
    const claims = narrativeClaims(reportWith([text]));
    expect(claims.map((claim) => [claim.phrase, claim.value, claim.alternatives.length])).toEqual([
      ['requests.received', 20, 1],
      ['requests.naturalPerson', 17, 1],
      ['requests.organisations', 3, 1],
      ['requests.granted', 6, 0],
      ['requests.partiallyGranted', 9, 0],
      ['requests.denied', 2, 0],
      ['requests.duplicate', 1, 0],
      ['requests.carriedForward', 1, 0],
      ['review.reconsideration', 1, 0],
    ]);
    expect(claims[0]).toMatchObject({
      keys: ['requests.newReceived.total'],
      alternatives: [['requests.newReceived.total', 'requests.carriedOver.total']],
      words: '受理公民、法人或其他组织向市政府提出的政府信息依申请公开20件',
      line: 5,
      section: 1,
    });
    expect(claims[3]!.sentence).toBe('予以公开6件,占30%;区分处理9件,占45%;不予公开2件,占10%;重复申请1件,占5%;结转下年办理1件。');
  });

  it('keeps the breakdown of a “新收” total to row 一 alone', () => {
    const [total, natural] = narrativeClaims(reportWith(['全年新收政府信息公开申请120件，其中自然人申请99件。']));
    expect(total!.alternatives).toEqual([]);
    expect(natural).toMatchObject({ phrase: 'requests.naturalPerson', keys: ['requests.newReceived.naturalPerson'], alternatives: [] });
  });

  it.each([
    ['主动公开信息 N 条 is no cell', '2022年，市工信局主动公开信息数121条。'],
    ['历年累计', '历年累计主动公开政府信息2507条，累计收到政府信息公开申请300件。'],
    ['上半年', '上半年收到政府信息公开申请10件。'],
    ['1-6月', '1-6月共受理政府信息公开申请8件。'],
    ['同比, before the figure', '同比增加，全年共收到政府信息公开申请30件。'],
    ['a percentage', '予以公开率为30%，不予公开率为10%。'],
    ['an increase over last year', '全年新收申请较上年增加9件。'],
    ['another year', '2021年收到政府信息公开申请15件，予以公开8件。'],
    ['a wider body', '全市各级行政机关共收到政府信息公开申请1234件。'],
    ['an approximate figure', '全年收到政府信息公开申请约20件，予以公开10余件，不予公开5件以上，部分公开近3件。'],
    ['person-times', '全年受理政府信息公开申请20件次。'],
    ['other applications', '全年受理行政许可申请1520件，收到人大代表建议14件，办理信访事项3件。'],
    ['one outcome of the reviews', '全年被行政复议纠正1件。'],
    ['reviews not about disclosure', '全年办理行政复议案件35件、行政应诉案件12件。'],
    ['行政复议、行政诉讼各', '因政府信息公开引起行政复议、行政诉讼各1起。'],
    ['a review group, not the total', '未经复议直接起诉的行政诉讼尚未审结。'],
    ['尚未审结', '政府信息公开行政复议案件中，尚未审结的行政复议有1件。'],
    ['one outcome', '因政府信息公开被申请行政复议，结果维持的行政复议1起。'],
    ['only online applications', '2021年。我局未收到网上要求公开政府信息的申请。'],
    ['applicants, not a breakdown', '受理公民、法人或其他组织申请的答复工作规范有序。'],
    ['an applicant’s unpaid fee', '申请人逾期未按收费通知要求缴纳费用的，不再处理。'],
    ['rules, not regulations', '制定规章制度5项，修订规范性文件管理办法。'],
    ['issued and repealed together', '规范性文件3件，废止1件。'],
  ])('stays silent on %s', (_name, sentence) => {
    expect(claimsOf(sentence)).toEqual([]);
  });

  it('reads a breakdown by applicant only after the total of applications', () => {
    expect(claimsOf('予以公开6件，其中自然人5件，法人或其他组织1件。')).toEqual([['requests.granted', ['requests.granted.total'], 6]]);
  });

  it('reads the noticed fee as the noticed amount, not the collected', () => {
    expect(claimsOf('通知收取信息处理费380元。')).toEqual([['fees.noticeAmount', ['fees.noticeAmount'], 380]]);
  });

  it('reads reviews in section 四 without naming information disclosure', () => {
    expect(claimsOf('本年度发生行政复议1起。', { section: 4 })).toEqual([['review.reconsideration', ['review.reconsideration.total'], 1]]);
    expect(claimsOf('本年度发生行政复议1起。', { section: 1 })).toEqual([]);
  });

  it('reads a sentence for the reporting year, and one naming another year not', () => {
    expect(claimsOf('2023年，共收到政府信息公开申请5件。', { year: 2023 })).toEqual([['requests.received', ['requests.newReceived.total'], 5]]);
    expect(claimsOf('2023年，共收到政府信息公开申请5件。', { year: 2022 })).toEqual([]);
  });
});

describe('mayStateFigure', () => {
  it('passes every character whose NFKC has a unit or a word of negation (all of Unicode)', () => {
    const target = /[件条个份宗起例元未没无]/;
    const missed: string[] = [];
    for (let code = 0; code <= 0x10ffff; code += 1) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const char = String.fromCodePoint(code);
      if (target.test(char.normalize('NFKC')) && !mayStateFigure(char)) missed.push(code.toString(16));
    }
    expect(missed).toEqual([]);
  });

  it('lets a sentence of neither pass by, and one with a figure through', () => {
    expect(mayStateFigure('深入贯彻落实政府信息公开工作要求，持续推进决策、执行、管理、服务、结果公开。')).toBe(false);
    expect(mayStateFigure('全年收到政府信息公开申请20件。')).toBe(true);
  });

  it('reads figures and negations written with compatibility characters, as NFKC folds them', () => {
    expect(claimsOf('全年收到政府信息公开申请3㊪。')).toEqual([['requests.received', ['requests.newReceived.total'], 3]]);
    expect(claimsOf('本年度⽆依申请公开申请。')).toEqual([['requests.none', ['requests.newReceived.total'], 0]]);
  });
});

describe('narrativeMismatches', () => {
  // the sample's 表三: newReceived 120, carriedOver 5, granted 50, partiallyGranted 10, denied 16,
  // carriedForward 7; 表四: reconsideration 6, litigation 4 + 2; fees 2 件, 380 元, 380 元
  const agreeing = [
    '全年新收政府信息公开申请120件，其中自然人99件，法人或其他组织21件；上年结转5件。',
    '予以公开50件，部分公开10件，不予公开16件，结转下年度继续办理7件。',
    '因政府信息公开被申请行政复议6起，被提起行政诉讼6起。',
  ];

  it('finds nothing where the prose agrees with the tables', () => {
    const report = reportWith(agreeing);
    expect(narrativeClaims(report)).toHaveLength(10);
    expect(narrativeMismatches(report, {})).toEqual([]);
  });

  it('names the sentence and the cell of a figure that disagrees', () => {
    const report = reportWith(['予以公开51件，部分公开10件。']);
    expect(narrativeMismatches(report, {})).toEqual([
      {
        cells: ['requests.granted.total'],
        actual: 51,
        expected: 50,
        line: 5,
        section: 1,
        vars: { line: 5, phrase: '予以公开51件', place: '表三 “（一）予以公开”行 “总计”列', cellLine: 24, also: '', sentence: '予以公开51件，部分公开10件。' },
        related: [
          { cells: ['requests.granted.total'], line: 24, text: '50', value: 50 },
          { line: 5, text: '予以公开51件，部分公开10件。' },
        ],
      },
    ]);
  });

  it('accepts 收到 N 件 as the new applications or with those carried over, and says both when it is neither', () => {
    expect(narrativeMismatches(reportWith(['全年共收到政府信息公开申请120件。']), {})).toEqual([]);
    expect(narrativeMismatches(reportWith(['全年共收到政府信息公开申请125件。']), {})).toEqual([]);
    const [violation] = narrativeMismatches(reportWith(['全年共收到政府信息公开申请130件。']), {});
    expect(violation).toMatchObject({ actual: 130, expected: 120, vars: { also: '（连同上年结转为 125）' } });
    // "新收" is row 一 alone
    expect(narrativeMismatches(reportWith(['全年新收政府信息公开申请125件。']), {})).toHaveLength(1);
  });

  it('sums the cells of a sum, and names it', () => {
    const [violation] = narrativeMismatches(reportWith(['不予公开15件。']), {});
    expect(violation).toMatchObject({ cells: DENIED, actual: 15, expected: 16, vars: { place: '表三 “（三）不予公开”各项 “总计”列之和', cellLine: 26 } });
  });

  it('does not check a figure on a blank, invalid or absent cell', () => {
    const blank = reportWith(['予以公开51件。']);
    blank.cells['requests.granted.total'] = null;
    const invalid = reportWith(['不予公开15件。']);
    invalid.problems['requests.denied.stateSecret.total'] = '“若干”不是数字';
    const absent = reportWith(['全年制发行政规范性文件5件。']);
    delete absent.cells['active.normativeDocuments.issued'];
    for (const report of [blank, invalid, absent]) expect(narrativeMismatches(report, {})).toEqual([]);
  });

  it('does not compare a fee sentence with the cell read from it', () => {
    const report = reportWith(['本年度未收取信息处理费。']);
    report.cells['fees.collectedAmount'] = 0;
    report.sources['fees.collectedAmount'] = { line: 5, text: '未收取信息处理费' };
    expect(narrativeMismatches(report, {})).toEqual([]);
    const table = reportWith(['本年度未收取信息处理费。']);
    expect(narrativeMismatches(table, {})).toMatchObject([{ cells: ['fees.collectedAmount'], actual: 0, expected: 380, line: 5 }]);
  });
});

describe('tableSum and claimPlace', () => {
  it('sums present numbers only', () => {
    const report = sampleReport();
    expect(tableSum(report, LITIGATION)).toBe(6);
    expect(tableSum(report, ['requests.nothing.total'])).toBeNull();
  });

  it('names a single cell by its location', () => {
    const [claim] = narrativeClaims(reportWith(['上年结转5件。']));
    expect(claimPlace(claim!)).toBe('表三 “二、上年结转政府信息公开申请数量”行 “总计”列');
  });
});

describe('claims read with the report', () => {
  const document = {
    format: 'text',
    blocks: [
      { kind: 'text' as const, text: '一、总体情况', line: 1 },
      { kind: 'text' as const, text: '2022年，全年新收政府信息公开申请20件，予以公开6件。', line: 2 },
    ],
  };

  it('buildReport keeps the prose’s figures in report.claims, and the rule reads them there', () => {
    const report = buildReport(document);
    expect(report.claims?.map((claim) => [claim.phrase, claim.value, claim.line, claim.words])).toEqual([
      ['requests.newReceived', 20, 2, '新收政府信息公开申请20件'],
      ['requests.granted', 6, 2, '予以公开6件'],
    ]);
    // claims stand for the paragraphs: the fact compares them, it does not read the prose again
    const withClaimOnly: Report = { ...sampleReport(), claims: report.claims!.slice(1), paragraphs: [] };
    withClaimOnly.cells = { ...withClaimOnly.cells, 'requests.granted.total': 7 };
    expect(narrativeMismatches(withClaimOnly, undefined).map((violation) => [violation.cells, violation.actual, violation.expected, violation.line])).toEqual([
      [['requests.granted.total'], 6, 7, 2],
    ]);
    withClaimOnly.cells['requests.granted.total'] = 6;
    expect(narrativeMismatches(withClaimOnly, undefined)).toEqual([]);
  });
});

describe('figureSentences', () => {
  /** The sentences as a split at 。！？!? (kept) and line breaks gives them, trimmed, those that may state a figure. */
  const bySplit = (paragraph: string) =>
    (paragraph.match(/[^。！？!?\n]+[。！？!?]?/g) ?? []).map((sentence) => sentence.trim()).filter((sentence) => sentence !== '' && mayStateFigure(sentence));

  it('finds the sentences a split finds, on paragraphs of terminators, spaces, figures and other words', () => {
    const piece = fc.constantFrom('。', '！', '？', '!', '?', '\n', ' ', '\u3000', '，', '；', '件', '无', '㊪', '申请', '收到', '12', '公开', 'a');
    fc.assert(fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
      const paragraph = pieces.join('');
      expect(figureSentences(paragraph)).toEqual(bySplit(paragraph));
    }), { numRuns: 2000 });
  });

  it('keeps the end mark of a sentence and leaves out the line break and other sentences', () => {
    expect(figureSentences('工作稳步推进。全年收到申请20件！\n 无行政复议\n其余正常。')).toEqual(['全年收到申请20件！', '无行政复议']);
  });
});

describe('anyPhrasePattern', () => {
  const fragments = [
    '新收', '收到', '受理', '申请', '公开', '政府信息', '依申请', '件', '起', '元', '12', '3', '二十', '万', '未', '没有', '无', '尚', '行政复议', '行政诉讼',
    '处理费', '信息', '收取', '实际', '通知', '收费通知', '发出', '向', '规范性文件', '行政', '废止', '制发', '规章', '现行有效', '上年', '结转', '下一年度',
    '予以公开', '不予公开', '部分公开', '无法提供', '不予处理', '重复申请', '自然人', '法人', '其他组织', '、', ',', ';', '。', '的', '共计', '为', '了', '其中',
  ];

  it('matches a sentence exactly when one of the phrases does', () => {
    const union = anyPhrasePattern(NARRATIVE_PHRASES)!;
    const each = NARRATIVE_PHRASES.map((phrase) => new RegExp(phrase.pattern.source, phrase.pattern.flags.replace(/[gy]/g, '')));
    let matched = 0;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...fragments), { maxLength: 12 }), (pieces) => {
        const sentence = pieces.join('');
        const some = each.some((pattern) => pattern.test(sentence));
        if (some) matched += 1;
        expect(union.test(sentence)).toBe(some);
      }),
      { numRuns: 5000 },
    );
    // the sentences made exercise both answers: ~64 of 5,000 match (46–86 over 100 seeds),
    // so the bound sits well below what chance gives, or the test fails one run in twenty
    expect(matched).toBeGreaterThan(20);
    for (const phrase of ['全年收到政府信息公开申请20件', '未收取信息处理费', '行政复议1起', '废止规章2件']) expect(union.test(phrase)).toBe(true);
  });

  it('is null for patterns whose flags differ', () => {
    expect(anyPhrasePattern([NARRATIVE_PHRASES[0]!, { ...NARRATIVE_PHRASES[1]!, pattern: /收到/i }])).toBeNull();
  });
});
