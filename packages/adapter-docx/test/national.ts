import { chartParagraph, table, wordParagraph, type Cell } from './docx-builder.js';

/**
 * Renders a report written as pipe text (examples/01-clean-2021-pipes.txt) as Word body XML
 * in the layout of the national template (国办公开办函〔2021〕30号): merged header cells
 * (gridSpan), 三、本年度办理结果 and the （三）… （六） groups merged down their rows (vMerge),
 * a _GoBack bookmark, a chart between sections and a tracked change in a table cell.
 */
export function nationalBody(text: string): string {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const out: string[] = [];
  for (let index = 0; index < lines.length; ) {
    const line = lines[index]!;
    if (!line.includes('|')) {
      if (line === '三、收到和处理政府信息公开申请情况') out.push(chartParagraph());
      let xml = wordParagraph(line, index);
      if (line === '二、主动公开政府信息情况') {
        xml = xml.replace('</w:pPr>', '</w:pPr><w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/>');
      }
      out.push(xml);
      index += 1;
      continue;
    }
    const rows: string[][] = [];
    for (; index < lines.length && lines[index]!.includes('|'); index += 1) {
      rows.push(
        lines[index]!.replace(/\|\s*$/, '')
          .split('|')
          .map((cell) => cell.trim()),
      );
    }
    out.push(tableOf(rows));
  }
  return out.join('');
}

function tableOf(rows: string[][]): string {
  const first = rows[0]!.join('');
  if (first.includes('第二十条')) return table(rows.map(activeRow), { grid: 4 });
  if (first.includes('勾稽关系')) return table(requestRows(rows), { grid: 10 });
  if (first.includes('行政复议')) return table(reviewRows(rows), { grid: 15 });
  return table(rows);
}

/** 表二: 第二十条第（x）项 across all four columns; single-value rows span three. */
function activeRow(row: string[]): Cell[] {
  if (row.length === 1) return [{ text: row[0]!, span: 4 }];
  if (row.length === 2) return [row[0]!, { text: row[1]!, span: 3 }];
  return row;
}

/** 表三: three label columns (一、 / （一） / 1.) and seven value columns. */
function requestRows(rows: string[][]): Cell[][] {
  const [top, middle, bottom, ...data] = rows;
  const out: Cell[][] = [
    [{ text: top![0]!, span: 3, vMerge: 'restart' }, { text: top![1]!, span: 7 }],
    [{ span: 3, vMerge: 'continue' }, { text: middle![0]!, vMerge: 'restart' }, { text: middle![1]!, span: 5 }, { text: middle![2]!, vMerge: 'restart' }],
    [{ span: 3, vMerge: 'continue' }, { vMerge: 'continue' }, ...bottom!, { vMerge: 'continue' }],
  ];
  let inResults = false;
  for (const row of data) {
    const values: Cell[] = row.slice(-7);
    let labels = row.slice(0, -7);
    if (!inResults && !labels[0]!.startsWith('三、')) {
      out.push([{ text: labels[0]!, span: 3 }, ...values]);
      continue;
    }
    let columnA: Cell = { vMerge: 'continue' };
    if (labels[0]!.startsWith('三、')) {
      inResults = true;
      columnA = { text: labels[0]!, vMerge: 'restart' };
      labels = labels.slice(1);
    }
    if (labels[0]!.startsWith('（七）')) {
      inResults = false;
      // a tracked change in the cell: 72 deleted, 27 inserted
      values[6] = {
        xml: '<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:del w:id="11" w:author="审核人" w:date="2024-01-20T10:00:00Z"><w:r><w:delText>72</w:delText></w:r></w:del><w:ins w:id="12" w:author="审核人" w:date="2024-01-20T10:00:00Z"><w:r><w:t>27</w:t></w:r></w:ins></w:p>',
      };
    }
    if (labels.length === 2) out.push([columnA, { text: labels[0]!, vMerge: 'restart' }, labels[1]!, ...values]);
    else if (labels[0]!.startsWith('（')) {
      const split = labels[0]!.indexOf('（', 1);
      const cell: Cell = split > 0 ? { paragraphs: [labels[0]!.slice(0, split), labels[0]!.slice(split)], span: 2 } : { text: labels[0]!, span: 2 };
      out.push([columnA, cell, ...values]);
    } else out.push([columnA, { vMerge: 'continue' }, labels[0]!, ...values]);
  }
  return out;
}

/** 表四: 行政复议 over five columns, 行政诉讼 over ten, the five 复议 outcomes merged down. */
function reviewRows(rows: string[][]): Cell[][] {
  const [top, middle, bottom, values] = rows;
  return [
    [{ text: top![0]!, span: 5 }, { text: top![1]!, span: 10 }],
    [...middle!.slice(0, 5).map((text): Cell => ({ text, vMerge: 'restart' })), { text: middle![5]!, span: 5 }, { text: middle![6]!, span: 5 }],
    [...middle!.slice(0, 5).map((): Cell => ({ vMerge: 'continue' })), ...bottom!],
    values!,
  ];
}
