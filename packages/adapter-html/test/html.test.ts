import type { RowBlock, SourceBlock } from '@xxgk/core';
import { describe, expect, it } from 'vitest';
import { collapseWhitespace, htmlBlocks, parseHtml, type HtmlElement } from '../src/index.js';

function texts(blocks: readonly SourceBlock[]): string[] {
  return blocks.filter((block) => block.kind === 'text').map((block) => block.text);
}

function rows(blocks: readonly SourceBlock[]): RowBlock[] {
  return blocks.filter((block): block is RowBlock => block.kind === 'row');
}

/** A row as its cells' texts, merged cells shown as ~col / ~row. */
function shape(row: RowBlock): string[] {
  return row.cells.map((cell) => (cell.merged ? `~${cell.merged}` : cell.text));
}

describe('tables: rowspan and colspan expanded to a grid', () => {
  const blocks = htmlBlocks(
    [
      '<table>',
      '<thead><tr><th colspan="2" rowspan="2">项目</th><th colspan="2">申请人情况</th></tr>',
      '<tr><th>自然人</th><th>总计</th></tr></thead>',
      '<tbody>',
      '<tr><td rowspan="3">三、本年度办理结果</td><td>（一）予以公开</td><td>9</td><td>14</td></tr>',
      '<tr><td>（二）部分公开</td><td>3</td><td>4</td></tr>',
      '<tr><td>（七）总计</td><td>19</td><td>27</td></tr>',
      '</tbody>',
      '<tfoot><tr><td colspan="2">四、结转下年度继续办理</td><td>1</td><td>3</td></tr></tfoot>',
      '</table>',
    ].join('\n'),
  );

  it('puts the text in the first position and marks the covered ones', () => {
    expect(rows(blocks).map(shape)).toEqual([
      ['项目', '~col', '申请人情况', '~col'],
      ['~row', '~row', '自然人', '总计'],
      ['三、本年度办理结果', '（一）予以公开', '9', '14'],
      ['~row', '（二）部分公开', '3', '4'],
      ['~row', '（七）总计', '19', '27'],
      ['四、结转下年度继续办理', '~col', '1', '3'],
    ]);
  });

  it('gives rows the line of their <tr> and cells the line of their <td>', () => {
    const [header, , first, second] = rows(blocks);
    expect(header!.line).toBe(2);
    expect(first!.line).toBe(5);
    expect(first!.cells.map((cell) => cell.line)).toEqual([5, 5, 5, 5]);
    // a position a rowspan covers points at the cell that covers it
    expect(second!.cells[0]).toEqual({ text: '', line: 5, merged: 'row' });
    expect(rows(blocks).every((row) => row.positions === 'exact')).toBe(true);
  });

  it('stops a rowspan at the end of its row group, and reads rowspan=0 to the end of the group', () => {
    const grid = rows(
      htmlBlocks(
        '<table><tbody><tr><td rowspan="5">a</td><td>1</td></tr><tr><td>2</td></tr></tbody>' +
          '<tbody><tr><td>b</td><td>3</td></tr></tbody><tbody><tr><td rowspan="0">c</td><td>4</td></tr><tr><td>5</td></tr></tbody></table>',
      ),
    ).map(shape);
    expect(grid).toEqual([['a', '1'], ['~row', '2'], ['b', '3'], ['c', '4'], ['~row', '5']]);
  });

  it('leaves a hole a short row does not fill as an empty, unmerged cell', () => {
    const [, second] = rows(htmlBlocks('<table><tr><td>a</td><td>b</td><td rowspan="2">c</td></tr><tr><td>d</td></tr></table>'));
    expect(second!.cells).toEqual([{ text: 'd', line: 1 }, { text: '', line: 1 }, { text: '', line: 1, merged: 'row' }]);
  });

  it('repairs omitted </td> and </tr>, and rows without <tbody>', () => {
    const grid = rows(htmlBlocks('<TABLE><TR><TD>规章<TD>0<TD>0\n<TR><TD colSpan=2>行政许可<TD>1245</TABLE>')).map(shape);
    expect(grid).toEqual([['规章', '0', '0'], ['行政许可', '~col', '1245']]);
  });

  it('drops rows that are empty throughout (spacer rows)', () => {
    expect(rows(htmlBlocks('<table><tr><td>a</td><td>1</td></tr><tr><td>&nbsp;</td><td> </td></tr></table>'))).toHaveLength(1);
  });

  it('reads a table’s caption as a paragraph before its rows', () => {
    const blocks2 = htmlBlocks('<table><caption>表三</caption><tr><td>a</td><td>1</td></tr></table>');
    expect(blocks2.map((block) => block.kind)).toEqual(['text', 'row']);
    expect(texts(blocks2)).toEqual(['表三']);
  });
});

describe('cell text', () => {
  const cell = (html: string) => rows(htmlBlocks(`<table><tr><td>x</td><td>${html}</td></tr></table>`))[0]!.cells[1]!.text;

  it('joins lines of Chinese without spaces: <br>, paragraphs and source line breaks', () => {
    expect(cell('3.危及“三安全一稳<br>定”')).toBe('3.危及“三安全一稳定”');
    expect(cell('<p>（二）部分公开（区分处理的，只计这一情形，</p>\n<p>不计其他情形）</p>')).toBe('（二）部分公开（区分处理的，只计这一情形，不计其他情形）');
    expect(cell('1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申\n   请')).toBe('1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请');
    expect(cell('结果<br/>维持')).toBe('结果维持');
  });

  it('joins inline pieces as they are and collapses other whitespace to one space', () => {
    expect(cell('<span>本年</span><b>收费</b>金额（单位：<span lang=EN-US>万元</span>）')).toBe('本年收费金额（单位：万元）');
    expect(cell('  6000 \n  元 ')).toBe('6000 元');
    expect(cell('Total<br>count')).toBe('Total count');
  });

  it('reads entities, non-breaking and zero-width spaces', () => {
    expect(cell('&nbsp;&nbsp;18&#8203;&nbsp;')).toBe('18');
    expect(cell('&ldquo;三安全一稳定&rdquo;&amp;&#x4E00;&#19968;&#147;')).toBe('“三安全一稳定”&一一“');
  });

  it('leaves out hidden content and Word’s hidden runs', () => {
    expect(cell('12<span style="display:none">34</span><span style="mso-hide:all">56</span>')).toBe('12');
  });
});

describe('text blocks', () => {
  it('makes one block per paragraph, heading, list item and <br> line', () => {
    const blocks = htmlBlocks('<h1>标题</h1><div>一、总体情况</div><p>甲<br>乙</p><ul><li>丙<li>丁</ul><p>戊<p>己');
    expect(texts(blocks)).toEqual(['标题', '一、总体情况', '甲', '乙', '丙', '丁', '戊', '己']);
  });

  it('joins inline elements without spaces and keeps real spaces', () => {
    expect(texts(htmlBlocks('<p><b>桐川县</b><span>市场监督管理局</span><span lang=EN-US>2023</span>年 度</p>'))).toEqual([
      '桐川县市场监督管理局2023年 度',
    ]);
  });

  it('gives a paragraph the line of its start tag, and a line after <br> its own line', () => {
    const blocks = htmlBlocks('<html>\n<body>\n<p style="x">\n  一、总体情况\n</p>\n<p>桐川县市场监督管理局<br>\n2024年1月22日</p>\n</body>');
    expect(blocks).toEqual([
      { kind: 'text', text: '一、总体情况', line: 3 },
      { kind: 'text', text: '桐川县市场监督管理局', line: 6 },
      { kind: 'text', text: '2024年1月22日', line: 7 },
    ]);
  });

  it('counts \\r\\n and \\r as one line break', () => {
    expect(htmlBlocks('<p>a</p>\r\n<p>b</p>\r<p>c</p>').map((block) => block.line)).toEqual([1, 2, 3]);
  });

  it('splits preformatted text at its line breaks', () => {
    expect(htmlBlocks('<pre>一、总体情况\n正文</pre>')).toEqual([
      { kind: 'text', text: '一、总体情况', line: 1 },
      { kind: 'text', text: '正文', line: 2 },
    ]);
    // the parser drops the line break right after <pre>; lines still count it
    expect(htmlBlocks('<pre>\n\n一、总体情况\r\n正文</pre>').map((block) => block.line)).toEqual([3, 4]);
  });
});

describe('noise', () => {
  it('ignores head, title, scripts, styles, forms, menus and the site’s header and footer', () => {
    const html = `<!DOCTYPE html><html><head><title>桐川县人民政府</title><style>p{color:red}</style>
      <script>var a = "<p>不是正文</p>";</script></head><body>
      <header><img alt="logo">网站名称</header><nav><a>首页</a></nav>
      <form><input value="搜索"><select><option>选项</option></select><button>搜索</button></form>
      <noscript>请启用脚本</noscript><template><p>模板</p></template><aside>侧栏</aside>
      <iframe src="x">框架</iframe><svg><text>图表</text></svg>
      <p>正文</p>
      <footer>主办单位：桐川县人民政府办公室</footer><div class="footer">ICP备案</div><div id="foot">网站标识码</div>
      <div class="copyright">版权所有</div><div hidden>隐藏</div><div style="DISPLAY: none">不显示</div>
      <p style="visibility:hidden">看不见</p></body></html>`;
    expect(htmlBlocks(html)).toEqual([{ kind: 'text', text: '正文', line: 7 }]);
  });

  it('keeps an article’s own <header> and <footer>', () => {
    expect(texts(htmlBlocks('<header>站点</header><article><header><h1>报告标题</h1></header><p>正文</p><footer>落款</footer></article>'))).toEqual([
      '报告标题',
      '正文',
      '落款',
    ]);
  });

  it('keeps a cell whose class says header: labels are never dropped for their class', () => {
    expect(rows(htmlBlocks('<table class="x"><tr><td class="header">自然人</td><td class="foot">1</td></tr></table>')).map(shape)).toEqual([
      ['自然人', '1'],
    ]);
  });

  it('reads the text of comments, Word conditional comments and <![if]> as nothing', () => {
    const html = '<!--[if gte mso 9]><xml><o:p>x</o:p></xml><![endif]--><p>a<!-- 注释 -->b<![if !supportLists]>c<![endif]></p>';
    expect(texts(htmlBlocks(html))).toEqual(['abc']);
  });
});

describe('layout tables', () => {
  it('reads a table that holds another table as content, and the inner one as data', () => {
    const html = [
      '<table><tr><td>网站首页</td></tr>',
      '<tr><td><h2>年度报告</h2><p>一、总体情况</p>',
      '<table><tr><td>规章</td><td>0</td></tr></table>',
      '<p>二、主动公开政府信息情况</p></td><td>右栏</td></tr></table>',
    ].join('\n');
    const blocks = htmlBlocks(html);
    expect(blocks.map((block) => (block.kind === 'text' ? block.text : shape(block).join('|')))).toEqual([
      '网站首页',
      '年度报告',
      '一、总体情况',
      '规章|0',
      '二、主动公开政府信息情况',
      '右栏',
    ]);
  });

  it('reads a single-column table and a table with a long text cell as content', () => {
    expect(htmlBlocks('<table><tr><td>信息公开指南</td></tr><tr><td>信息公开制度</td></tr></table>').map((block) => block.kind)).toEqual([
      'text',
      'text',
    ]);
    const long = '正文'.repeat(200);
    expect(htmlBlocks(`<table><tr><td>菜单</td><td><p>${long}</p><p>一、总体情况</p></td></tr></table>`).map((block) => block.kind)).toEqual([
      'text',
      'text',
      'text',
    ]);
  });

  it('moves stray text between rows before the table, as browsers do', () => {
    const blocks = htmlBlocks('<table><tr><td>a</td><td>1</td></tr>表外文字<tr><td>b</td><td>2</td></tr></table>');
    expect(blocks.map((block) => (block.kind === 'text' ? block.text : shape(block).join('|')))).toEqual(['表外文字', 'a|1', 'b|2']);
  });

  it('closes a table opened between rows before starting the next one', () => {
    const blocks = htmlBlocks('<table><tr><td>a</td><td>1</td></tr><table><tr><td>b</td><td>2</td></tr></table>');
    expect(rows(blocks).map(shape)).toEqual([['a', '1'], ['b', '2']]);
  });
});

describe('the parser (parse5, as browsers parse)', () => {
  it('keeps the source line of every element', () => {
    const document = parseHtml('<html>\n<body>\n<div>\n<p>x</p></div></body></html>');
    const html = document.childNodes[0] as HtmlElement;
    const body = html.childNodes.find((node) => node.nodeName === 'body') as HtmlElement;
    const div = body.childNodes.find((node) => node.nodeName === 'div') as HtmlElement;
    const p = div.childNodes.find((node) => node.nodeName === 'p') as HtmlElement;
    expect([body, div, p].map((element) => element.sourceCodeLocation?.startLine)).toEqual([2, 3, 4]);
  });

  it('ends the head at the first element of the body even without </head><body>', () => {
    expect(texts(htmlBlocks('<html><head><meta charset="utf-8"><title>站点</title><div>正文</div>'))).toEqual(['正文']);
  });

  it('does not let a stray end tag close a table cell or paragraph it is not in', () => {
    expect(rows(htmlBlocks('<table><tr><td>a</span></font>b</td><td>1</div></td></tr></table>')).map(shape)).toEqual([['ab', '1']]);
  });

  it('reads attributes quoted, unquoted, valueless and with character references', () => {
    const table = rows(htmlBlocks(`<table><tr><td colspan=2 rowspan='2' title="a&amp;b" nowrap>a<td colSpan="&#50;">1</table>`));
    expect(table.map(shape)).toEqual([['a', '~col', '1', '~col']]);
    const document = parseHtml(`<table><tr><td colspan=2 rowspan='3' title="a&amp;b" nowrap></td></tr></table>`);
    const td = (((document.childNodes[0] as HtmlElement).childNodes[1] as HtmlElement).childNodes[0] as HtmlElement).childNodes[0] as HtmlElement;
    expect(td.nodeName).toBe('tbody'); // implied, as the standard says
    const cell = (td.childNodes[0] as HtmlElement).childNodes[0] as HtmlElement;
    expect(cell.attrs.map(({ name, value }) => ({ name, value }))).toEqual([
      { name: 'colspan', value: '2' },
      { name: 'rowspan', value: '3' },
      { name: 'title', value: 'a&b' },
      { name: 'nowrap', value: '' },
    ]);
  });

  it('drops table tags outside any table but keeps their text', () => {
    expect(htmlBlocks('<tr><td>甲</td><td>1</td></tr>')).toEqual([{ kind: 'text', text: '甲1', line: 1 }]);
  });

  it('repairs a row without <tr> and gives it the line of its first cell', () => {
    expect(htmlBlocks('<TABLE>\n<TD>a\n<TD>1\n</TABLE>')).toEqual([
      { kind: 'row', positions: 'exact', cells: [{ text: 'a', line: 2 }, { text: '1', line: 3 }], line: 2 },
    ]);
  });

  it('ends an open paragraph at a table only in standards mode, with the same blocks either way', () => {
    const page = '<P>甲<BR>乙<TABLE><TR><TD>丙<TD>1</TABLE>丁</P>';
    const expected = ['甲', '乙', '丙|1', '丁'];
    const read = (html: string) => htmlBlocks(html).map((block) => (block.kind === 'text' ? block.text : shape(block).join('|')));
    expect(read(page)).toEqual(expected);
    expect(read(`<!DOCTYPE html>${page}`)).toEqual(expected);
  });

  it('decodes every named reference of the standard, with or without the legacy semicolon', () => {
    expect(texts(htmlBlocks('<p>&emsp;&emsp;一、总体情况&hellip;&copy2023 &frac12;</p>'))).toEqual(['一、总体情况…©2023 ½']);
  });

  it('reads a stray </p> as an empty paragraph, as browsers do', () => {
    // the parser this package had before parse5 ignored it and read 甲乙 as one block
    expect(texts(htmlBlocks('<div>甲</p>乙</div>'))).toEqual(['甲', '乙']);
  });

  it('reads a self-closed <script/> as open until </script>, as browsers do', () => {
    // the parser this package had before parse5 honoured the "/" and read 正文 too
    expect(texts(htmlBlocks('<script src="a.js"/><p>正文</p><script>x</script><p>之后</p>'))).toEqual(['之后']);
  });

  it('survives markup nested far deeper than any page, without a stack overflow', () => {
    const depth = 50_000;
    const html = '<div>'.repeat(depth) + '<p>深处</p>' + '</div>'.repeat(depth) + '<p>之后</p>';
    expect(texts(htmlBlocks(html))).toEqual(['深处', '之后']);
    const cell = `<table><tr><td>x</td><td>${'<span>'.repeat(depth)}深处${'</span>'.repeat(depth)}</td></tr></table>`;
    expect(rows(htmlBlocks(cell)).map(shape)).toEqual([['x', '深处']]);
    const tables = 2_000;
    const nested = '<table><tr><td>菜单</td><td>'.repeat(tables) + '<table><tr><td>规章</td><td>0</td></tr></table>' + '</td></tr></table>'.repeat(tables);
    expect(rows(htmlBlocks(nested)).map(shape)).toEqual([['规章', '0']]);
    const headers = `<article>${'<header>页'.repeat(depth)}</article>`;
    expect(texts(htmlBlocks(headers))).toHaveLength(depth);
  }, 60_000);

  it('reads a large page whole', () => {
    const row = '<tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr>';
    const html = `<table>${row.repeat(20_000)}</table>`;
    expect(rows(htmlBlocks(html))).toHaveLength(20_000);
  }, 60_000);
});

describe('collapseWhitespace', () => {
  it('drops line breaks between Chinese characters only', () => {
    expect(collapseWhitespace('  政府信息\n   公开  ')).toBe('政府信息公开');
    expect(collapseWhitespace('2023\n年')).toBe('2023 年');
    expect(collapseWhitespace('行政 许可')).toBe('行政 许可');
    expect(collapseWhitespace('\u3000\u3000一、总体情况')).toBe('一、总体情况');
  });
});
