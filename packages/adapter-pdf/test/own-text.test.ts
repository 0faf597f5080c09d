import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { parseToUnicode } from '../src/cmap.js';
import { isDict, isName, isStream, PdfFile, Ref, Unsupported } from '../src/content.js';
import { loadFont } from '../src/fonts.js';
import { OWN_OPS, pageRefs, readOwnPage, viewportTransform } from '../src/own.js';
import { inflater, loadInProcessWorker, loadPdfjs } from '../src/pdfjs.js';
import { readPdf } from '../src/node.js';
import type { TextItemLike } from '../src/geometry.js';
import type { TextItem } from '../src/text.js';
import { makePdf } from './make-pdf.js';

// the first read loads pdfjs; under a loaded machine reading a 4-page PDF can take long
vi.setConfig({ testTimeout: 60_000 });

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const corpus = fileURLToPath(new URL('../../../fixtures/formats/', import.meta.url));

function fixture(path: string): Uint8Array {
  return new Uint8Array(readFileSync(path));
}

/**
 * One page showing `content` with two fonts: /F1 a TrueType font (A B C at 500 600 700,
 * WinAnsi with B renamed to Euro, no ToUnicode) and /F2 an Identity-H CID font with a
 * ToUnicode map (bfchar with a surrogate pair, bfrange in both forms). The font programs
 * are stand-ins: text extraction reads only the dictionaries.
 */
function fontPage(content: string, page = ''): Uint8Array {
  const toUnicode = [
    '/CIDInit /ProcSet findresource begin 12 dict begin begincmap',
    '1 begincodespacerange <0000> <FFFF> endcodespacerange',
    '2 beginbfchar <0001> <4E00> <0002> <D840DC00> endbfchar',
    '2 beginbfrange <0003> <0004> [<4E8C> <4E09>] <0005> <0006> <56DB> endbfrange',
    'endcmap CMapName currentdict /CMap defineresource pop end end',
  ].join('\n');
  return makePdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R /F2 6 0 R >> >> /Contents 10 0 R ${page} >>`,
    '<< /Type /Font /Subtype /TrueType /BaseFont /XXGKLatin /FirstChar 65 /LastChar 67 /Widths [500 600 700] /FontDescriptor 5 0 R /Encoding << /BaseEncoding /WinAnsiEncoding /Differences [66 /Euro] >> >>',
    '<< /Type /FontDescriptor /FontName /XXGKLatin /Flags 32 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 /FontFile2 9 0 R >>',
    '<< /Type /Font /Subtype /Type0 /BaseFont /XXGKHan /Encoding /Identity-H /DescendantFonts [7 0 R] /ToUnicode 11 0 R >>',
    '<< /Type /Font /Subtype /CIDFontType2 /BaseFont /XXGKHan /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 8 0 R /DW 1000 /W [1 [1000 900] 3 6 500] >>',
    '<< /Type /FontDescriptor /FontName /XXGKHan /Flags 4 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 /FontFile2 9 0 R >>',
    ['', 'not a font program'],
    ['', content],
    ['', toUnicode],
  ]);
}

/**
 * One page showing `content` with two Type 3 fonts of one descriptor, /T3 and /T4: codes
 * 65–67 are the glyphs a, b and Euro, 250, 300 and 400 wide in units of the FontMatrix
 * (0.002: twice the default), font box [0 -200 500 800]; the ToUnicode map has 65 一 and
 * 66 二 only. Each glyph is `glyph`; /T4 has the FontMatrix `secondMatrix` where given.
 */
function type3Page(content: string, { glyph = '500 0 0 0 400 600 d1 0 0 400 600 re f', fontMatrix = '[0.002 0 0 0.002 0 0]', secondMatrix = '' } = {}): Uint8Array {
  const toUnicode = [
    '/CIDInit /ProcSet findresource begin 12 dict begin begincmap',
    '1 begincodespacerange <00> <FF> endcodespacerange',
    '2 beginbfchar <41> <4E00> <42> <4E8C> endbfchar',
    'endcmap CMapName currentdict /CMap defineresource pop end end',
  ].join('\n');
  const font = (matrix: string) =>
    `<< /Type /Font /Subtype /Type3 /FontMatrix ${matrix} /FontBBox [0 -200 500 800] /FontDescriptor 9 0 R /CharProcs << /a 7 0 R /b 7 0 R /Euro 7 0 R >> /Encoding << /Type /Encoding /Differences [65 /a /b /Euro] >> /FirstChar 65 /LastChar 67 /Widths [250 300 400] /ToUnicode 8 0 R /Resources << >> >>`;
  return makePdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /T3 4 0 R /T4 5 0 R >> >> /Contents 6 0 R >>',
    font(fontMatrix),
    font(secondMatrix || fontMatrix),
    ['', content],
    ['', glyph],
    ['', toUnicode],
    '<< /Type /FontDescriptor /FontName /XXGKType3 /Flags 32 /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >>',
  ]);
}

/** The OpenSymbol subset (a TrueType program) that LibreOffice embedded in bullets.pdf for its list bullets, as latin1 text. */
async function openSymbolProgram(): Promise<string> {
  const file = await PdfFile.open(fixture(fixtures + 'bullets.pdf'), inflater());
  const [ref] = await pageRefs(file);
  const page = await file.fetch(new Ref(ref!.num, ref!.gen));
  const resources = isDict(page) ? await file.get(page, 'Resources') : undefined;
  const fonts = isDict(resources) ? await file.get(resources, 'Font') : undefined;
  for (const value of isDict(fonts) ? fonts.values() : []) {
    const font = await file.resolve(value);
    const descriptor = isDict(font) ? await file.get(font, 'FontDescriptor') : undefined;
    if (!isDict(descriptor)) continue;
    const fontName = await file.get(descriptor, 'FontName');
    const program = await file.get(descriptor, 'FontFile2');
    if (isName(fontName) && fontName.name.endsWith('+OpenSymbol') && isStream(program)) return Buffer.from(await file.decode(program)).toString('latin1');
  }
  throw new Error('bullets.pdf has no OpenSymbol font');
}

/** A TrueType program with its Macintosh name records marked ISO (platform 2), which pdfjs skips: only Windows names are left. */
function withWindowsNamesOnly(program: string): string {
  const bytes = Buffer.from(program, 'latin1');
  for (let table = 0; table < bytes.readUInt16BE(4); table += 1) {
    if (bytes.toString('latin1', 12 + table * 16, 16 + table * 16) !== 'name') continue;
    const name = bytes.readUInt32BE(20 + table * 16);
    for (let record = 0; record < bytes.readUInt16BE(name + 2); record += 1) {
      const at = name + 6 + record * 12;
      if (bytes.readUInt16BE(at) === 1) bytes.writeUInt16BE(2, at);
    }
  }
  return bytes.toString('latin1');
}

/**
 * One page showing `content` in /S, a TrueType font with the OpenSymbol program, code 1
 * 355 wide (others 0), and the font entries `font` and descriptor entries `descriptor`
 * (FontName, Flags) given. Object 7 is a ToUnicode map of code 1 to U+2022 (LibreOffice's).
 */
function symbolPage(program: string, content: string, { font, descriptor }: { font: string; descriptor: string }): Uint8Array {
  const toUnicode = [
    '/CIDInit /ProcSet findresource begin 12 dict begin begincmap',
    '1 begincodespacerange <00> <FF> endcodespacerange',
    '1 beginbfchar <01> <2022> endbfchar',
    'endcmap CMapName currentdict /CMap defineresource pop end end',
  ].join('\n');
  return makePdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /S 4 0 R >> >> /Contents 6 0 R >>',
    `<< /Type /Font /Subtype /TrueType /FirstChar 1 /LastChar 1 /Widths [355] /FontDescriptor 5 0 R ${font} >>`,
    `<< /Type /FontDescriptor ${descriptor} /FontBBox [-179 -312 1082 926] /ItalicAngle 0 /Ascent 0 /Descent 0 /CapHeight 926 /StemV 80 /FontFile2 8 0 R >>`,
    ['', content],
    ['', toUnicode],
    [`/Length1 ${program.length}`, program],
  ]);
}

/** The text items of the first page as the own reader gives them. */
async function ownItems(pdf: Uint8Array): Promise<TextItem[]> {
  const file = await PdfFile.open(pdf, inflater());
  const [ref] = await pageRefs(file);
  return (await readOwnPage(file, ref!, new Map())).items;
}

let pdfjsReady: Promise<Awaited<ReturnType<typeof loadPdfjs>>> | null = null;
async function pdfjs() {
  pdfjsReady ??= loadPdfjs().then(async (loaded) => {
    await loadInProcessWorker();
    return loaded;
  });
  return pdfjsReady;
}

/** pdfjs's text items of each page (without its whitespace-only items and end-of-line markers, as the own reader), and its viewports. */
async function pdfjsPages(pdf: Uint8Array): Promise<{ items: { str: string; transform: number[]; width: number }[]; viewport: number[] }[]> {
  const lib = await pdfjs();
  const task = lib.getDocument({ data: pdf.slice(), verbosity: 0, isEvalSupported: false, useSystemFonts: false, disableFontFace: true });
  try {
    const document = await task.promise;
    const pages = [];
    for (let number = 1; number <= document.numPages; number += 1) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      const items = (content.items as { str?: string; transform: number[]; width: number }[])
        .filter((item): item is { str: string; transform: number[]; width: number } => typeof item.str === 'string' && item.str.trim() !== '')
        .map(({ str, transform, width }) => ({ str, transform, width }));
      pages.push({ items, viewport: page.getViewport({ scale: 1 }).transform });
    }
    return pages;
  } finally {
    await task.destroy();
  }
}

function expectSameItems(ours: readonly TextItemLike[], theirs: readonly TextItemLike[]): void {
  expect(ours.filter((item) => item.str.trim() !== '').map((item) => item.str)).toEqual(theirs.map((item) => item.str));
  const visible = ours.filter((item) => item.str.trim() !== '');
  visible.forEach((item, index) => {
    const other = theirs[index]!;
    item.transform.forEach((value, at) => expect(value).toBeCloseTo(other.transform[at]!, 6));
    expect(item.width).toBeCloseTo(other.width, 6);
  });
}

/** The own reader's document, after checking that pdfjs and the default reader give the same. */
async function sameBlocks(bytes: Uint8Array) {
  const own = await readPdf(bytes, { textReader: 'own' });
  expect(own).toEqual(await readPdf(bytes, { textReader: 'pdfjs' }));
  expect(await readPdf(bytes)).toEqual(own);
  return own;
}

/** Every page: the own reader's viewport and text items are pdfjs's. */
async function expectSamePages(bytes: Uint8Array): Promise<void> {
  const file = await PdfFile.open(bytes, inflater());
  const refs = await pageRefs(file);
  const theirs = await pdfjsPages(bytes);
  expect(refs).toHaveLength(theirs.length);
  for (const [index, ref] of refs.entries()) {
    const page = await readOwnPage(file, ref, new Map());
    expect([...page.viewport]).toEqual(theirs[index]!.viewport);
    expectSameItems(page.items, theirs[index]!.items);
  }
}

const reports = [
  ...readdirSync(corpus).filter((name) => name.endsWith('.pdf')).map((name) => corpus + name),
  ...['report.pdf', 'report-two-page.pdf', 'report-blanks.pdf', 'report-borderless.pdf', 'report-objstm.pdf'].map((name) => fixtures + name),
];
const named = (paths: string[]) => paths.map((path) => [path.split('/').slice(-2).join('/'), path]);
/** Printed by Chromium (Skia), which embeds the CJK fonts as Type 3 fonts. */
const chromium = ['report-chromium.pdf', 'chromium-table.pdf'].map((name) => fixtures + name);

describe('reports (LibreOffice, CJK fonts with ToUnicode) are read by the own reader as by pdfjs', () => {
  it.each(named(reports))('%s: the same blocks', async (_name, path) => {
    expect((await sameBlocks(fixture(path))).blocks.length).toBeGreaterThan(50);
  });

  it.each(named(reports.slice(0, 3)))('%s: the same text items and viewports, page by page', async (_name, path) => {
    await expectSamePages(fixture(path));
  });
});

describe('Chromium prints (Type 3 CJK fonts) are read by the own reader as by pdfjs', () => {
  it.each(named(chromium))('%s: the same blocks', async (_name, path) => {
    expect((await sameBlocks(fixture(path))).blocks.length).toBeGreaterThan(path.includes('report') ? 50 : 5);
  });

  it.each(named(chromium))('%s: the same text items and viewports, page by page', async (_name, path) => {
    await expectSamePages(fixture(path));
  });

  it('chromium-table.pdf: text at font size 1 is stretched to the font box as pdfjs does', async () => {
    const items = await ownItems(fixture(fixtures + 'chromium-table.pdf'));
    const tiny = items.find((item) => item.str === '字')!;
    // 1px: 1 Tf at the page's scale 0.74999996875; the font box is 1000 high and the FontMatrix
    // [0.00100000005 0 0 -0.00100000005 0 0], so the height is scaled by -1.00000005
    expect(tiny.transform[0]).toBeCloseTo(0.74999996875, 12);
    expect(tiny.transform[3]).toBeCloseTo(-0.74999996875 * 1.00000005, 12);
    expect(tiny.width).toBeCloseTo(0.74999996875 * 1.00000005, 12);
  });
});

describe('symbolic fonts (LibreOffice\'s OpenSymbol bullets and CJK subsets flagged Symbolic)', () => {
  const bullets = fixtures + 'bullets.pdf';

  it('bullets.pdf: the same blocks, text items and viewports as pdfjs', async () => {
    const bytes = fixture(bullets);
    const own = await sameBlocks(bytes);
    expect(own.blocks.filter((block) => block.kind === 'text').map((block) => block.text)).toContain('•主动公开政府信息128条；');
    await expectSamePages(bytes);
  });

  it('with ToUnicode the program is not consulted: other codes read as the code itself or by the encoding', async () => {
    const program = await openSymbolProgram();
    // LibreOffice's font: Symbolic, no Encoding, a ToUnicode map for code 1 only
    const libreOffice = symbolPage(program, 'BT /S 10 Tf 100 700 Td <010241> Tj ET', { font: '/BaseFont /CAAAAA+OpenSymbol /ToUnicode 7 0 R', descriptor: '/FontName /CAAAAA+OpenSymbol /Flags 4' });
    const [item] = await ownItems(libreOffice);
    expect(item).toMatchObject({ str: '•\u0002A', transform: [10, 0, 0, 10, 100, 700] });
    expect(item!.width).toBeCloseTo(3.55, 12);
    expectSameItems(await ownItems(libreOffice), (await pdfjsPages(libreOffice))[0]!.items);
    // an embedded font named Wingdings defaults to MacRoman, which fills what ToUnicode lacks
    // (0x80 Adieresis; without the name a non-symbolic font's StandardEncoding has none there)
    const wingdings = symbolPage(program, 'BT /S 10 Tf 100 700 Td <018041> Tj ET', { font: '/BaseFont /Wingdings /Encoding << /Differences [65 /B] >> /ToUnicode 7 0 R', descriptor: '/FontName /Wingdings /Flags 32' });
    expect((await ownItems(wingdings)).map((each) => each.str)).toEqual(['•ÄB']);
    expectSameItems(await ownItems(wingdings), (await pdfjsPages(wingdings))[0]!.items);
  });

  it('declines a code without ToUnicode whose text the program decides, and a symbol font name pdfjs could choose otherwise', async () => {
    const program = await openSymbolProgram();
    // symbolic, no ToUnicode, no Encoding: 0x80 is MacRoman's Ä, but pdfjs takes WinAnsi's €
    // where the program's name table has only Windows records (adjustTrueTypeToUnicode)
    const noToUnicode = (font: string) => symbolPage(font, 'BT /S 10 Tf 100 700 Td <80> Tj ET', { font: '/BaseFont /CAAAAA+OpenSymbol', descriptor: '/FontName /CAAAAA+OpenSymbol /Flags 4' });
    for (const [font, text] of [[program, 'Ä'], [withWindowsNamesOnly(program), '€']] as const) {
      await expect(ownItems(noToUnicode(font))).rejects.toThrow(/character code 128 needs the font program/);
      expect((await pdfjsPages(noToUnicode(font)))[0]!.items.map((each) => each.str)).toEqual([text]);
    }
    // the font is declined per code: text in codes of the Encoding's Differences reads
    const differences = symbolPage(program, 'BT /S 10 Tf 100 700 Td <41> Tj ET', { font: '/BaseFont /CAAAAA+OpenSymbol /Encoding << /Differences [65 /B] >>', descriptor: '/FontName /CAAAAA+OpenSymbol /Flags 4' });
    expectSameItems(await ownItems(differences), (await pdfjsPages(differences))[0]!.items);
    // FontName Wingdings, BaseFont another: whether pdfjs defaults to MacRoman depends on its
    // choice of name, unless the Symbolic flag decides that anyway
    const ambiguous = (flags: number) => symbolPage(program, 'BT /S 10 Tf 100 700 Td <01> Tj ET', { font: '/BaseFont /ABCDEF+Wingdings /ToUnicode 7 0 R', descriptor: `/FontName /Wingdings /Flags ${flags}` });
    await expect(ownItems(ambiguous(32))).rejects.toThrow(/symbol font name/);
    expectSameItems(await ownItems(ambiguous(4)), (await pdfjsPages(ambiguous(4)))[0]!.items);
  });
});

describe('Type 3 fonts', () => {
  it('widths in units of the FontMatrix, ToUnicode without the encoding\'s names, the box height at sizes up to 1', async () => {
    const pdf = type3Page('BT /T3 10 Tf 100 700 Td (ABC) Tj ET BT /T3 1 Tf 20 0 0 20 100 600 Tm (AB) Tj ET');
    const file = await PdfFile.open(pdf, inflater());
    const font = await loadFont(file, new Ref(4, 0));
    expect(font.fontMatrix).toEqual([0.002, 0, 0, 0.002, 0, 0]);
    // the font box is 1000 high: 1000 × 0.002
    expect(font.smallSizeHeightScale).toBeCloseTo(2, 12);
    // code 67 (Euro) is not in the ToUnicode map: pdfjs gives a Type 3 font the code itself, not €
    expect(font.glyphs('ABC').map(({ unicode, width }) => [unicode, width])).toEqual([['一', 250], ['二', 300], ['C', 400]]);

    const items = await ownItems(pdf);
    expect(items.map(({ str }) => str)).toEqual(['一二C', '一二']);
    // (250 + 300 + 400) × 0.002 × 10
    expect(items[0]!.width).toBeCloseTo(19, 9);
    expect(items[0]!.transform).toEqual([10, 0, 0, 10, 100, 700]);
    // size 1 in a Tm of 20: (250 + 300) × 0.002 × 1 × 20 wide, and 20 × 2 high
    expect(items[1]!.width).toBeCloseTo(22, 9);
    items[1]!.transform.forEach((value, index) => expect(value).toBeCloseTo([20, 0, 0, 40, 100, 600][index]!, 9));
    expectSameItems(items, (await pdfjsPages(pdf))[0]!.items);
  });

  it('Chromium\'s FontMatrix flips y: its small text is stretched by a negative height', async () => {
    const pdf = type3Page('BT /T3 0.5 Tf 1 0 0 -1 100 500 Tm (AB) Tj ET', { fontMatrix: '[.00100000005 0 0 -.00100000005 0 0]' });
    const font = await loadFont(await PdfFile.open(pdf, inflater()), new Ref(4, 0));
    expect(font.smallSizeHeightScale).toBeCloseTo(-1.00000005, 12);
    const items = await ownItems(pdf);
    // the Tm's -1 times 0.5 × -1.00000005; 550 × 0.00100000005 × 0.5 wide
    items[0]!.transform.forEach((value, index) => expect(value).toBeCloseTo([0.5, 0, 0, 0.500000025, 100, 500][index]!, 9));
    expect(items[0]!.width).toBeCloseTo(0.27500001375, 12);
    expectSameItems(items, (await pdfjsPages(pdf))[0]!.items);
  });

  it('declines a glyph box ten times the font box, which pdfjs takes for the font\'s', async () => {
    const pdf = type3Page('BT /T3 10 Tf 100 700 Td (A) Tj ET', { glyph: '500 0 0 0 10000 10000 d1' });
    await expect(ownItems(pdf)).rejects.toThrow(/ten times/);
    // pdfjs stretches the text to the glyphs' box: 10 × 10000 × 0.002
    expect((await pdfjsPages(pdf))[0]!.items[0]!.transform[3]).toBeCloseTo(200, 9);
  });

  it('declines a glyph that does not start with d0 or d1', async () => {
    await expect(ownItems(type3Page('BT /T3 10 Tf 100 700 Td (A) Tj ET', { glyph: 'q 500 0 0 0 400 600 d1 Q' }))).rejects.toThrow(/d0 or d1/);
  });

  it('declines fonts that pdfjs merges (one descriptor, the same hash) but that read differently', async () => {
    const pdf = type3Page('BT /T3 10 Tf 100 700 Td (A) Tj /T4 10 Tf 0 -100 Td (A) Tj ET', { secondMatrix: '[0.004 0 0 0.004 0 0]' });
    await expect(ownItems(pdf)).rejects.toThrow(/another/);
    // pdfjs measures /T4 with /T3's FontMatrix: 250 × 0.002 × 10, not × 0.004
    expect((await pdfjsPages(pdf))[0]!.items.map((item) => item.width)).toEqual([5, 5]);
  });
});

describe('what the own reader leaves to pdfjs gives pdfjs\'s result', () => {
  it.each([
    ['cid-song.pdf', 'a predefined CMap (UniGB-UCS2-H)', /Identity-H/],
    ['encrypted.pdf', 'an open password', /encrypted/],
    ['report-owner-password.pdf', 'an owner password (encrypted streams)', /encrypted/],
    ['scan.pdf', 'no text (pdfjs tells a scan)', /no text/],
    ['truncated.pdf', 'a truncated file', /startxref/],
  ])('%s: %s', async (name, _what, reason) => {
    const bytes = fixture(fixtures + name);
    await expect(readPdf(bytes, { textReader: 'own' })).rejects.toThrow(reason);
    const auto = await readPdf(bytes).catch((error: unknown) => error);
    expect(auto).toEqual(await readPdf(bytes, { textReader: 'pdfjs' }).catch((error: unknown) => error));
  });

  it('Type 3 fonts without a FontMatrix, and simple fonts whose text would need the font program', async () => {
    // replacements of the same length keep the xref right
    const type3 = Buffer.from(fontPage('BT /F1 10 Tf 100 700 Td (A) Tj ET')).toString('latin1').replace('/Subtype /TrueType', '/Subtype /Type3   ');
    await expect(ownItems(new Uint8Array(Buffer.from(type3, 'latin1')))).rejects.toThrow(/FontMatrix/);
    // a Type 1 font without ToUnicode or base encoding: pdfjs reads the program's own encoding
    const builtIn = Buffer.from(fontPage('BT /F1 10 Tf 100 700 Td (A) Tj ET')).toString('latin1')
      .replace('/Subtype /TrueType', '/Subtype /Type1   ')
      .replace('/BaseEncoding /WinAnsiEncoding', ' '.repeat(30));
    await expect(ownItems(new Uint8Array(Buffer.from(builtIn, 'latin1')))).rejects.toBeInstanceOf(Unsupported);
  });
});

describe('ToUnicode CMaps', () => {
  it('bfchar, bfrange with a start value and with an array, surrogate pairs, cidchar', () => {
    const cmap = [
      '/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Test def',
      '2 begincodespacerange <00> <80> <8140> <FEFE> endcodespacerange',
      '3 beginbfchar <01> <4E00> <8141> <D840DC00> <02> <00660069> endbfchar',
      '2 beginbfrange <03> <05> <56DB> <10> <12> [<4E8C> <4E09>] endbfrange',
      '1 beginbfrange <20> <21> <00FF> endbfrange',
      '1 begincidchar <30> 8364 endcidchar',
      'endcmap CMapName currentdict /CMap defineresource pop end end',
    ].join('\n');
    const map = parseToUnicode(new TextEncoder().encode(cmap));
    expect(Object.fromEntries(map)).toEqual({
      1: '一',
      0x8141: '\u{20000}',
      2: 'fi',
      3: '四',
      4: '囜',
      5: '囝',
      0x10: '二',
      0x11: '三',
      // the last byte counts up and carries into the byte before it
      0x20: '\u00ff',
      0x21: '\u0100',
      0x30: '€',
    });
  });

  it('declines what pdfjs would complete from a predefined CMap or skip', () => {
    expect(() => parseToUnicode(new TextEncoder().encode('/UniGB-UCS2-H usecmap 1 beginbfchar <01> <4E00> endbfchar endcmap'))).toThrow(Unsupported);
    expect(() => parseToUnicode(new TextEncoder().encode('1 beginbfchar <01> 12 endbfchar endcmap'))).toThrow(Unsupported);
  });
});

describe('the text state, as pdfjs measures it', () => {
  it('Tm with a scale: the item\'s transform has the font size folded in, its width is in user space', async () => {
    const pdf = fontPage('BT /F1 10 Tf 2 0 0 2 100 700 Tm (AB) Tj ET');
    const [item] = await ownItems(pdf);
    // B is Euro by the font's Differences; A 500 + B 600 thousandths of 10, times the Tm scale 2
    expect(item).toEqual({ str: 'A€', dir: 'ltr', transform: [20, 0, 0, 20, 100, 700], width: 22, hasEOL: false });
    expectSameItems(await ownItems(pdf), (await pdfjsPages(pdf))[0]!.items);
  });

  it('a TJ with kerning, Tz and Tc: a small gap is a space in the item, a wide one starts another', async () => {
    const pdf = fontPage('BT /F1 10 Tf 50 Tz 1 Tc 100 600 Td [(A) -1000 (C)] TJ 100 -100 Td [(A) -3000 (C)] TJ ET');
    const items = await ownItems(pdf);
    // A: 5 × 0.5 = 2.5; then Tc 1 + kerning 10 = 11 × 0.5 = 5.5 (within 0.102–0.6 em: a space); C: 7 × 0.5 = 3.5
    // (the next text is a line lower: pdfjs marks the item's end of line)
    expect(items[0]).toEqual({ str: 'A C', dir: 'ltr', transform: [5, 0, 0, 10, 100, 600], width: 11.5, hasEOL: true });
    // kerning 30 + Tc 1 = 31 × 0.5 = 15.5 is beyond 0.6 em: two items
    expect(items.slice(1).map(({ str, transform, width }) => ({ str, x: transform[4], width }))).toEqual([
      { str: 'A', x: 200, width: 2.5 },
      { str: 'C', x: 218, width: 3.5 },
    ]);
    expectSameItems(items, (await pdfjsPages(pdf))[0]!.items);
  });

  it('an Identity-H CID font: two-byte codes, W widths, the default width, ToUnicode text', async () => {
    const pdf = fontPage('BT /F2 12 Tf 1 0 0 1 50 400 Tm <00010002000300040005000600070008> Tj ET q 0.5 0 0 0.5 0 0 cm BT /F2 20 Tf 100 100 Td <0001> Tj ET Q');
    const items = await ownItems(pdf);
    // widths 1000 900 500 500 500 500, then 1000 (DW) twice; codes 7 and 8 have no text: pdfjs gives the code itself
    expect(items[0]).toEqual({ str: '一\u{20000}二三四囜\u0007\u0008', dir: 'ltr', transform: [12, 0, 0, 12, 50, 400], width: (1000 + 900 + 4 * 500 + 2 * 1000) * 0.012, hasEOL: false });
    expect(items[1]).toEqual({ str: '一', dir: 'ltr', transform: [10, 0, 0, 10, 50, 50], width: 10, hasEOL: false });
    expectSameItems(items, (await pdfjsPages(pdf))[0]!.items);
  });

  it('Tw (word spacing at code 32), T*, TL and \' move text as in pdfjs', async () => {
    const pdf = fontPage('BT /F1 10 Tf 14 TL 5 Tw 100 700 Td (A C) Tj T* (B) Tj (C) \' ET');
    const items = await ownItems(pdf);
    expect(items.map((item) => [item.str, item.transform[4], item.transform[5]])).toEqual([
      ['A C', 100, 700],
      ['€', 100, 686],
      ['C', 100, 672],
    ]);
    expectSameItems(items, (await pdfjsPages(pdf))[0]!.items);
  });

  it('rotated pages and crop boxes: the viewport pdfjs gives', async () => {
    for (const page of ['/Rotate 90', '/Rotate 270 /CropBox [10 20 500 800]', '/Rotate -180']) {
      const pdf = fontPage('BT /F1 10 Tf 100 700 Td (ABC) Tj ET', page);
      const file = await PdfFile.open(pdf, inflater());
      const [ref] = await pageRefs(file);
      const own = await readOwnPage(file, ref!, new Map());
      const [theirs] = await pdfjsPages(pdf);
      expect([...own.viewport]).toEqual(theirs!.viewport);
      expectSameItems(own.items, theirs!.items);
    }
    expect(viewportTransform([0, 0, 595, 842], 0)).toEqual([1, 0, 0, -1, 0, 842]);
  });

  it('uses pdfjs\'s operator codes for the drawing, so rulings read the same', async () => {
    const { OPS } = await pdfjs();
    for (const [key, value] of Object.entries(OWN_OPS)) expect(OPS[key as keyof typeof OPS]).toBe(value);
  });
});
