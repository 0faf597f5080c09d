import { ReadError, buildReport, type RowBlock, type SourceBlock } from '@xxgk/core';
import { describe, expect, it } from 'vitest';
import { readDocx } from '../src/index.js';
import { docx, paragraph, run, table } from './docx-builder.js';

function blocksOf(body: string): SourceBlock[] {
  return readDocx(docx(body)).blocks;
}

/** Each block as a line of text: paragraphs as they are, rows as `a|b|c`. */
function linesOf(body: string): string[] {
  return blocksOf(body).map((block) => (block.kind === 'text' ? block.text : block.cells.map((cell) => cell.text).join('|')));
}

function rows(blocks: readonly SourceBlock[]): RowBlock[] {
  return blocks.filter((block): block is RowBlock => block.kind === 'row');
}

const p = (xml: string) => `<w:p>${xml}</w:p>`;
const field = (code: string, result: string) =>
  `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">${code}</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>${run(result)}<w:r><w:fldChar w:fldCharType="end"/></w:r>`;

describe('docx adapter: paragraphs', () => {
  it('joins runs, and reads tabs and line breaks as spaces', () => {
    const body = p(`${run('一、')}${run('总体')}${run('情况')}`) + p(`<w:r><w:t>自然人</w:t><w:tab/><w:t>18</w:t><w:br/><w:t>件</w:t><w:cr/><w:t>止</w:t></w:r>`);
    expect(linesOf(body)).toEqual(['一、总体情况', '自然人 18 件 止']);
  });

  it('keeps tracked insertions and moves, drops tracked deletions and moved-away text', () => {
    const body = p(
      `${run('全年新收申请')}<w:del w:id="1" w:author="a"><w:r><w:delText>72</w:delText></w:r></w:del><w:ins w:id="2" w:author="a">${run('27')}</w:ins>${run('件')}` +
        `<w:moveFrom w:id="3" w:author="a">${run('（旧位置）')}</w:moveFrom><w:moveTo w:id="4" w:author="a">${run('，均已办结')}</w:moveTo>`,
    );
    expect(linesOf(body)).toEqual(['全年新收申请27件，均已办结']);
  });

  it('joins a paragraph whose mark was deleted (tracked) with the next one', () => {
    const body =
      `<w:p><w:pPr><w:rPr><w:del w:id="5" w:author="a"/></w:rPr></w:pPr>${run('三、收到和处理')}</w:p>` +
      p(run('政府信息公开申请情况')) +
      `<w:p><w:pPr><w:rPr><w:del w:id="6" w:author="a"/></w:rPr></w:pPr><w:del w:id="7" w:author="a"><w:r><w:delText>删掉的一段</w:delText></w:r></w:del></w:p>` +
      p(run('四、政府信息公开行政复议、行政诉讼情况'));
    expect(linesOf(body)).toEqual(['三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况']);
    const beforeTable = `<w:p><w:pPr><w:rPr><w:del w:id="8" w:author="a"/></w:rPr></w:pPr>${run('第二十条第（一）项')}</w:p>` + table([['规章', '0']]);
    expect(linesOf(beforeTable)).toEqual(['第二十条第（一）项', '规章|0']);
  });

  it('drops field codes but keeps field results (PAGE, =SUM, simple fields)', () => {
    const body = p(`${run('第')}${field(' PAGE \\* MERGEFORMAT ', '3')}${run('页')}`) + p(`<w:fldSimple w:instr=" DATE \\@ &quot;yyyy年M月d日&quot; ">${run('2024年1月22日')}</w:fldSimple>`);
    expect(linesOf(body)).toEqual(['第3页', '2024年1月22日']);
  });

  it('skips a table of contents (its result repeats the headings) and its field codes', () => {
    const toc =
      p(`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" \\h \\z \\u </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:hyperlink w:anchor="_Toc1">${run('一、总体情况')}<w:r><w:tab/></w:r>${field(' PAGEREF _Toc1 \\h ', '1')}</w:hyperlink>`) +
      p(`<w:hyperlink w:anchor="_Toc2">${run('二、主动公开政府信息情况')}<w:r><w:tab/></w:r>${field(' PAGEREF _Toc2 \\h ', '2')}</w:hyperlink>`) +
      p('<w:r><w:fldChar w:fldCharType="end"/></w:r>');
    const body = p(run('目录')) + toc + p(run('一、总体情况')) + p(run('正文。'));
    expect(linesOf(body)).toEqual(['目录', '一、总体情况', '正文。']);
    const simpleToc = `<w:p><w:fldSimple w:instr=" TOC \\o &quot;1-3&quot; ">${run('一、总体情况 1')}</w:fldSimple></w:p>`;
    expect(linesOf(simpleToc + p(run('正文')))).toEqual(['正文']);
  });

  it('does not let a broken field hide the rest of the document', () => {
    const body = p(`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>${run('残留')}`) + p(run('一、总体情况'));
    expect(linesOf(body)).toEqual(['一、总体情况']);
  });

  it('drops hidden text, comments, note references, bookmarks, symbols and proofing marks', () => {
    const body = p(
      `<w:bookmarkStart w:id="0" w:name="_GoBack"/><w:commentRangeStart w:id="1"/><w:proofErr w:type="spellStart"/>${run('依申请公开')}<w:proofErr w:type="spellEnd"/>` +
        `<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏文字</w:t></w:r><w:r><w:rPr><w:vanish w:val="false"/></w:rPr><w:t>情况</w:t></w:r>` +
        `<w:commentRangeEnd w:id="1"/><w:r><w:commentReference w:id="1"/></w:r><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="2"/></w:r>` +
        `<w:r><w:sym w:font="Wingdings" w:char="F0FC"/></w:r><w:r><w:noBreakHyphen/><w:softHyphen/></w:r><w:bookmarkEnd w:id="0"/>`,
    );
    expect(linesOf(body)).toEqual(['依申请公开情况-']);
  });

  it('drops images, charts, text boxes and OLE objects, but keeps the text around them', () => {
    const body =
      p(`${run('如图所示')}<w:r><w:drawing><wp:inline><wp:docPr id="3" name="图片 3" descr="412"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>${run('。')}`) +
      p(`<w:r><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>文本框 88</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r><w:r><w:object><v:shape/></w:object></w:r>`) +
      p(`<mc:AlternateContent><mc:Choice Requires="wps"><w:r><w:t>选择 77</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>备选 66</w:t></w:r></mc:Fallback></mc:AlternateContent>`);
    expect(linesOf(body)).toEqual(['如图所示。']);
  });

  it('reads content controls (w:sdt) at block, run and cell level, hyperlinks and smart tags', () => {
    const body =
      `<w:sdt><w:sdtPr><w:alias w:val="标题"/><w:placeholder><w:docPart w:val="x"/></w:placeholder></w:sdtPr><w:sdtContent>${p(run('桐川县市场监督管理局2023年政府信息公开工作年度报告'))}</w:sdtContent></w:sdt>` +
      p(`${run('地址：')}<w:sdt><w:sdtPr><w:text/></w:sdtPr><w:sdtContent>${run('临河东路27号')}</w:sdtContent></w:sdt><w:hyperlink r:id="rId9">${run('（网站）')}</w:hyperlink><w:smartTag w:uri="x" w:element="place">${run('。')}</w:smartTag>`) +
      table([['规章', '0']]).replace('<w:tc>', '<w:sdt><w:sdtPr/><w:sdtContent><w:tc>').replace('</w:tc>', '</w:tc></w:sdtContent></w:sdt>');
    expect(linesOf(body)).toEqual(['桐川县市场监督管理局2023年政府信息公开工作年度报告', '地址：临河东路27号（网站）。', '规章|0']);
  });

  it('decodes entities and numeric character references, and keeps digits as text', () => {
    const body = p(`<w:r><w:t>A&amp;B &lt;&#x4E00;&#20108;&gt; &quot;007&quot;</w:t></w:r>`);
    expect(linesOf(body)).toEqual(['A&B <一二> "007"']);
  });

  it('reads any namespace prefix, a default namespace and Strict OOXML', () => {
    const strict = '<?xml version="1.0"?><ns0:document xmlns:ns0="http://purl.oclc.org/ooxml/wordprocessingml/main"><ns0:body><ns0:p><ns0:r><ns0:t>一、总体情况</ns0:t></ns0:r></ns0:p></ns0:body></ns0:document>';
    expect(readDocx(docx(strict)).blocks).toEqual([{ kind: 'text', text: '一、总体情况', line: 1 }]);
    const plain =
      '<?xml version="1.0"?><document xmlns="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><body><p><r><t>二、主动公开</t></r></p><tbl><tr><tc><p><r><t>规章</t></r></p></tc><tc><p><r><t>0</t></r></p></tc></tr></tbl></body></document>';
    expect(readDocx(docx(plain)).blocks).toEqual([
      { kind: 'text', text: '二、主动公开', line: 1 },
      { kind: 'row', positions: 'exact', line: 2, cells: [{ text: '规章', line: 2 }, { text: '0', line: 2 }] },
    ]);
  });

  it('refuses a zip whose main part is not a Word document', () => {
    const sheet = '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>';
    expect(() => readDocx(docx(sheet))).toThrowError(ReadError);
    expect(() => readDocx(docx(sheet))).toThrowError(/没有 Word 正文.*另存为/);
  });
});

describe('docx adapter: tables', () => {
  it('numbers paragraphs and rows 1, 2, 3 … in order; empty paragraphs and rows take no number', () => {
    const body = p(run('甲')) + paragraph('') + p('<w:r><w:t xml:space="preserve">   </w:t></w:r>') + table([['规章', '0'], ['', ''], ['行政许可', '5']]) + p(run('乙'));
    const blocks = blocksOf(body);
    expect(blocks.map((block) => [block.kind, block.line])).toEqual([
      ['text', 1],
      ['row', 2],
      ['row', 3],
      ['text', 4],
    ]);
    expect(rows(blocks)[1]!.cells).toEqual([{ text: '行政许可', line: 3 }, { text: '5', line: 3 }]);
  });

  it('joins a cell’s paragraphs without a separator (CJK)', () => {
    const body = table([[{ paragraphs: ['（二）部分公开', '（区分处理的，只计这一情形，', '不计其他情形）'] }, '3']]);
    expect(linesOf(body)).toEqual(['（二）部分公开（区分处理的，只计这一情形，不计其他情形）|3']);
  });

  it('expands gridSpan and vMerge, marking the cells they cover', () => {
    const blocks = blocksOf(
      table([
        [{ text: '三、本年度办理结果', vMerge: 'restart' }, { text: '（一）予以公开', span: 2 }, '9'],
        [{ vMerge: 'continue', span: 2 }, { text: '', vMerge: 'restart' }, '1'],
      ]),
    );
    expect(rows(blocks).map((row) => row.cells)).toEqual([
      [{ text: '三、本年度办理结果', line: 1 }, { text: '（一）予以公开', line: 1 }, { text: '', merged: 'col', line: 1 }, { text: '9', line: 1 }],
      [{ text: '', merged: 'row', line: 2 }, { text: '', merged: 'col', line: 2 }, { text: '', line: 2 }, { text: '1', line: 2 }],
    ]);
  });

  it('reads a vMerge="continue" cell as merged even when it holds stray text', () => {
    const body = table([
      [{ text: '（三）不予公开', vMerge: 'restart' }, '1.属于国家秘密', '0'],
      [{ xml: '<w:p><w:r><w:t>残留</w:t></w:r></w:p>' }, '2.其他法律行政法规禁止公开', '0'],
    ]).replace('<w:tcW w:w="1200" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr><w:p><w:r><w:t>残留', '<w:tcW w:w="1200" w:type="dxa"/><w:vMerge w:val="continue"/></w:tcPr><w:p><w:r><w:t>残留');
    expect(rows(blocksOf(body))[1]!.cells[0]).toEqual({ text: '', merged: 'row', line: 2 });
  });

  it('reads legacy horizontal merges (w:hMerge) and rows that skip grid columns (w:gridBefore)', () => {
    const hMerge = table([['行政许可', '1245', '', '']])
      .replace('<w:tcW w:w="1200" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t xml:space="preserve">1245', '<w:hMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t xml:space="preserve">1245')
      .replaceAll('<w:tcW w:w="1200" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr><w:jc w:val="center"/></w:pPr></w:p>', '<w:hMerge/></w:tcPr><w:p/>');
    expect(rows(blocksOf(hMerge))[0]!.cells.map((cell) => cell.merged ?? cell.text)).toEqual(['行政许可', '1245', 'col', 'col']);
    const before = table([['规章', '0', '0', '0'], ['0', '0', '0']], { grid: 4, rowProperties: (index) => (index === 1 ? '<w:gridBefore w:val="1"/>' : '') });
    expect(rows(blocksOf(before))[1]!.cells.map((cell) => cell.text)).toEqual(['', '0', '0', '0']);
  });

  it('skips a row deleted with track changes and keeps an inserted one', () => {
    const body = table([['规章', '9'], ['规章', '0'], ['行政强制', '7']], {
      rowProperties: (index) => (index === 0 ? '<w:del w:id="1" w:author="a"/>' : index === 2 ? '<w:ins w:id="2" w:author="a"/>' : ''),
    });
    expect(linesOf(body)).toEqual(['规章|0', '行政强制|7']);
  });

  it('keeps a field result (=SUM) in a cell, without its code', () => {
    const body = table([['（七）总计', { xml: p(field(' =SUM(ABOVE) ', '27')) }]]);
    expect(linesOf(body)).toEqual(['（七）总计|27']);
  });

  it('treats a cell holding a table as layout: its paragraphs become text, its table rows rows', () => {
    const inner = table([
      ['信息内容', '本年处理决定数量'],
      ['行政许可', '1245'],
    ]);
    const body = table([[{ xml: p(run('二、主动公开政府信息情况')) + p(run('第二十条第（五）项')) + inner + p(run('（表格完）')) }, '备注']]);
    const blocks = blocksOf(body);
    expect(blocks).toEqual([
      { kind: 'text', text: '二、主动公开政府信息情况', line: 1 },
      { kind: 'text', text: '第二十条第（五）项', line: 2 },
      { kind: 'row', positions: 'exact', line: 3, cells: [{ text: '信息内容', line: 3 }, { text: '本年处理决定数量', line: 3 }] },
      { kind: 'row', positions: 'exact', line: 4, cells: [{ text: '行政许可', line: 4 }, { text: '1245', line: 4 }] },
      { kind: 'text', text: '（表格完）', line: 5 },
      { kind: 'text', text: '备注', line: 6 },
    ]);
    expect(buildReport({ format: 'docx', blocks }).cells['active.licensing.decisions']).toBe(1245);
  });

  it('treats a one-column table wrapping the report as layout, not as one giant cell', () => {
    const body = table([[{ xml: p(run('一、总体情况')) + p(run('本年度工作平稳有序。')) + p(run('二、主动公开政府信息情况')) }]]);
    expect(linesOf(body)).toEqual(['一、总体情况', '本年度工作平稳有序。', '二、主动公开政府信息情况']);
  });
});
