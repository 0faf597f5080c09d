import { strToU8, zipSync, type Zippable } from 'fflate';

/** Builds minimal but valid .docx files for tests, the way Word lays them out. */

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export const NAMESPACES = [
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"',
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"',
  'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"',
  'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"',
  'xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"',
  'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"',
  'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"',
  'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"',
  'xmlns:v="urn:schemas-microsoft-com:vml"',
  'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"',
  'mc:Ignorable="w14"',
].join(' ');

/** One run of text (`xml:space="preserve"` keeps its spaces). */
export function run(text: string, properties = ''): string {
  return `<w:r>${properties ? `<w:rPr>${properties}</w:rPr>` : ''}<w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r>`;
}

/** A paragraph of plain text, or of the given inner XML. */
export function paragraph(content: string | { xml: string }, properties = ''): string {
  const inner = typeof content === 'string' ? (content === '' ? '' : run(content)) : content.xml;
  return `<w:p>${properties ? `<w:pPr>${properties}</w:pPr>` : ''}${inner}</w:p>`;
}

/**
 * A paragraph as Word writes it: rsid attributes, the text split over several runs with
 * different formatting, proofing marks and a rendered page break between them.
 */
export function wordParagraph(text: string, index = 0): string {
  const chars = [...text];
  const cuts = [Math.floor(chars.length / 3), Math.floor((chars.length * 2) / 3)];
  const pieces = [chars.slice(0, cuts[0]), chars.slice(cuts[0], cuts[1]), chars.slice(cuts[1])].map((piece) => piece.join(''));
  const rsid = (0x00a1b2c3 + index).toString(16).toUpperCase().padStart(8, '0');
  const runs = pieces
    .filter((piece) => piece !== '')
    .map((piece, at) => {
      const props = at === 1 ? '<w:rFonts w:hint="eastAsia"/><w:b/><w:sz w:val="32"/>' : '<w:rFonts w:ascii="仿宋_GB2312" w:eastAsia="仿宋_GB2312"/><w:sz w:val="32"/>';
      const lead = at === 1 ? '<w:proofErr w:type="spellStart"/>' : '';
      const trail = at === 1 ? '<w:proofErr w:type="spellEnd"/>' : '';
      const pageBreak = at === 2 && index % 7 === 3 ? '<w:lastRenderedPageBreak/>' : '';
      return `${lead}<w:r w:rsidR="${rsid}" w:rsidRPr="00F1E2D3"><w:rPr>${props}</w:rPr>${pageBreak}<w:t xml:space="preserve">${escapeXml(piece)}</w:t></w:r>${trail}`;
    })
    .join('');
  return `<w:p w:rsidR="${rsid}" w:rsidRDefault="${rsid}" w14:paraId="${rsid}" w14:textId="77777777"><w:pPr><w:spacing w:line="560" w:lineRule="exact"/><w:ind w:firstLineChars="200" w:firstLine="640"/><w:rPr><w:sz w:val="32"/></w:rPr></w:pPr>${runs}</w:p>`;
}

/** A table cell: text, or raw paragraphs, with its merges. */
export interface CellSpec {
  text?: string;
  /** several paragraphs in the cell */
  paragraphs?: string[];
  /** raw inner XML of the cell (paragraphs or tables) */
  xml?: string;
  /** w:gridSpan */
  span?: number;
  /** w:vMerge: 'restart' starts a vertical merge, 'continue' continues it */
  vMerge?: 'restart' | 'continue';
}

export type Cell = string | CellSpec;

function cellXml(cell: Cell): string {
  const spec: CellSpec = typeof cell === 'string' ? { text: cell } : cell;
  const props = [
    '<w:tcW w:w="1200" w:type="dxa"/>',
    spec.span && spec.span > 1 ? `<w:gridSpan w:val="${spec.span}"/>` : '',
    spec.vMerge === 'restart' ? '<w:vMerge w:val="restart"/>' : spec.vMerge === 'continue' ? '<w:vMerge/>' : '',
    '<w:vAlign w:val="center"/>',
  ].join('');
  let inner: string;
  if (spec.xml !== undefined) inner = spec.xml;
  else if (spec.paragraphs) inner = spec.paragraphs.map((text) => paragraph(text, '<w:jc w:val="center"/>')).join('');
  else inner = paragraph(spec.vMerge === 'continue' ? '' : (spec.text ?? ''), '<w:jc w:val="center"/>');
  return `<w:tc><w:tcPr>${props}</w:tcPr>${inner}</w:tc>`;
}

/** A table: rows of cells; `grid` is the number of grid columns (w:tblGrid). */
export function table(rows: readonly (readonly Cell[])[], options: { grid?: number; rowProperties?: (index: number) => string } = {}): string {
  const grid = options.grid ?? Math.max(...rows.map((row) => row.reduce<number>((sum, cell) => sum + ((typeof cell === 'string' ? 1 : cell.span) ?? 1), 0)));
  const gridXml = `<w:tblGrid>${'<w:gridCol w:w="1200"/>'.repeat(grid)}</w:tblGrid>`;
  const rowsXml = rows
    .map((row, index) => {
      const props = options.rowProperties?.(index) ?? '';
      return `<w:tr w:rsidR="00B2C3D4">${props ? `<w:trPr>${props}</w:trPr>` : ''}${row.map(cellXml).join('')}</w:tr>`;
    })
    .join('');
  const tblPr =
    '<w:tblPr><w:tblW w:w="0" w:type="auto"/><w:jc w:val="center"/><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders><w:tblLook w:val="04A0"/></w:tblPr>';
  return `<w:tbl>${tblPr}${gridXml}${rowsXml}</w:tbl>`;
}

const SECT_PR =
  '<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader"/><w:footerReference w:type="default" r:id="rIdFooter"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>';

/** word/document.xml around the given body XML (paragraphs and tables). */
export function documentXml(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<w:document ${NAMESPACES}><w:body>${body}${SECT_PR}</w:body></w:document>`;
}

const CHART_XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><c:chart><c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:ser><c:idx val="0"/><c:order val="0"/><c:cat><c:strRef><c:f>Sheet1!$A$2:$A$3</c:f><c:strCache><c:ptCount val="2"/><c:pt idx="0"><c:v>主动公开</c:v></c:pt><c:pt idx="1"><c:v>依申请公开</c:v></c:pt></c:strCache></c:strRef></c:cat><c:val><c:numRef><c:f>Sheet1!$B$2:$B$3</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="2"/><c:pt idx="0"><c:v>412</c:v></c:pt><c:pt idx="1"><c:v>27</c:v></c:pt></c:numCache></c:numRef></c:val></c:ser><c:axId val="1"/><c:axId val="2"/></c:barChart><c:catAx><c:axId val="1"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:axPos val="b"/><c:crossAx val="2"/></c:catAx><c:valAx><c:axId val="2"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:axPos val="l"/><c:crossAx val="1"/></c:valAx></c:plotArea></c:chart></c:chartSpace>`;

/**
 * A paragraph holding a chart (w:drawing → c:chart) and a text box whose content Word
 * keeps twice (mc:AlternateContent: a wps shape, and a VML fallback). None of it is text.
 */
export function chartParagraph(): string {
  const chart =
    '<w:r><w:rPr><w:noProof/></w:rPr><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="5486400" cy="3200400"/><wp:docPr id="1" name="图表 1" descr="主动公开 412 条"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart r:id="rIdChart"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>';
  const textBox =
    '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV><wp:extent cx="1828800" cy="457200"/><wp:wrapNone/><wp:docPr id="2" name="文本框 2"/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>99</w:t></w:r></w:p></w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape id="文本框 2" style="width:144pt;height:36pt"><v:textbox><w:txbxContent><w:p><w:r><w:t>99</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>';
  return `<w:p><w:pPr><w:jc w:val="center"/></w:pPr>${chart}${textBox}</w:p>`;
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/word/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/></Types>`;

const PACKAGE_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;

const DOCUMENT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdHeader" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="rIdFooter" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/><Relationship Id="rIdChart" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="charts/chart1.xml"/></Relationships>`;

const HEADER = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:r><w:t>一、总体情况（页眉）</w:t></w:r></w:p></w:hdr>`;

const FOOTER = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:r><w:t xml:space="preserve">第 </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> 页</w:t></w:r></w:p></w:ftr>`;

export interface DocxOptions {
  /** replace or add zip entries (name → content); `null` leaves an entry out */
  parts?: Record<string, string | Uint8Array | null>;
  /** deflate level of the entries */
  level?: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
}

/** A complete .docx: content types, relationships, document, header, footer and a chart part. */
export function docx(body: string, options: DocxOptions = {}): Uint8Array {
  const parts: Record<string, string | Uint8Array | null> = {
    '[Content_Types].xml': CONTENT_TYPES,
    '_rels/.rels': PACKAGE_RELS,
    'word/document.xml': body.startsWith('<?xml') ? body : documentXml(body),
    'word/_rels/document.xml.rels': DOCUMENT_RELS,
    'word/header1.xml': HEADER,
    'word/footer1.xml': FOOTER,
    'word/charts/chart1.xml': CHART_XML,
    ...options.parts,
  };
  const files: Zippable = {};
  for (const [name, content] of Object.entries(parts)) {
    if (content === null) continue;
    files[name] = typeof content === 'string' ? strToU8(content) : content;
  }
  return zipSync(files, { level: options.level ?? 6, mtime: new Date('2024-01-22T09:00:00') });
}
