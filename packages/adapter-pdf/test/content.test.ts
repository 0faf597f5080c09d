import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { PdfFile, Unsupported, pageOperators, type DrawingOps } from '../src/content.js';
import { rulingsOf, type Matrix } from '../src/geometry.js';
import type { Ruling } from '../src/layout.js';
import { inflater, loadInProcessWorker, loadPdfjs } from '../src/pdfjs.js';
import { readPdf } from '../src/node.js';
import { makePdf } from './make-pdf.js';

// the first read loads pdfjs; under a loaded machine reading a 4-page PDF can take long
vi.setConfig({ testTimeout: 60_000 });

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const corpus = fileURLToPath(new URL('../../../fixtures/formats/', import.meta.url));

function fixture(path: string): Uint8Array {
  return new Uint8Array(readFileSync(path));
}

/** A one-page PDF drawing `content` (a string, or several content streams), with `extra` objects from number 5 on. */
function onePage(content: string | string[], { resources = '', extra = [] as (string | [string, string])[], page = '' } = {}): Uint8Array {
  const streams = Array.isArray(content) ? content : [content];
  const first = 5 + extra.length;
  const contents = streams.length === 1 ? `${first} 0 R` : `[${streams.map((_, index) => `${first + index} 0 R`).join(' ')}]`;
  return makePdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 /Resources 4 0 R >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents ${contents} ${page} >>`,
    `<< ${resources} >>`,
    ...extra,
    ...streams.map((stream): [string, string] => ['', stream]),
  ]);
}

let pdfjsReady: Promise<Awaited<ReturnType<typeof loadPdfjs>>> | null = null;
async function pdfjs() {
  pdfjsReady ??= loadPdfjs().then(async (loaded) => {
    await loadInProcessWorker();
    return loaded;
  });
  return pdfjsReady;
}

interface PageRulings {
  ours: Ruling[] | Unsupported;
  theirs: Ruling[];
}

/** The rulings of each page: from this package's reader (or why it declined) and from pdfjs's operator list. */
async function compare(bytes: Uint8Array): Promise<PageRulings[]> {
  const lib = await pdfjs();
  const ops = lib.OPS as unknown as DrawingOps;
  const task = lib.getDocument({ data: bytes.slice(), verbosity: 0, isEvalSupported: false });
  try {
    const document = await task.promise;
    let file: PdfFile | Unsupported;
    try {
      file = await PdfFile.open(bytes.subarray(new TextDecoder('latin1').decode(bytes.subarray(0, 1024)).indexOf('%PDF-')), inflater());
    } catch (error) {
      if (!(error instanceof Unsupported)) throw error;
      file = error;
    }
    const pages: PageRulings[] = [];
    for (let number = 1; number <= document.numPages; number += 1) {
      const page = await document.getPage(number);
      const viewport = page.getViewport({ scale: 1 }).transform as unknown as Matrix;
      const theirs = rulingsOf(await page.getOperatorList(), ops, viewport);
      let ours: Ruling[] | Unsupported;
      try {
        if (file instanceof Unsupported) throw file;
        ours = rulingsOf(await pageOperators(file, page.ref!, ops), ops, viewport);
      } catch (error) {
        if (!(error instanceof Unsupported)) throw error;
        ours = error;
      }
      pages.push({ ours, theirs });
    }
    return pages;
  } finally {
    await task.destroy();
  }
}

function expectSameRulings(ours: Ruling[] | Unsupported, theirs: Ruling[]): void {
  expect(ours).not.toBeInstanceOf(Unsupported);
  const mine = ours as Ruling[];
  expect(mine).toHaveLength(theirs.length);
  mine.forEach((ruling, index) => {
    for (const key of ['x1', 'y1', 'x2', 'y2'] as const) expect(ruling[key]).toBeCloseTo(theirs[index]![key], 3);
  });
}

describe('the page drawings read from the file give the rulings of pdfjs', () => {
  const files = [
    ...readdirSync(corpus).filter((name) => name.endsWith('.pdf')).map((name) => corpus + name),
    ...['report.pdf', 'report-two-page.pdf', 'report-blanks.pdf', 'report-borderless.pdf', 'report-objstm.pdf', 'scan.pdf'].map((name) => fixtures + name),
  ];

  it.each(files.map((path) => [path.split('/').slice(-2).join('/'), path]))('%s', async (_name, path) => {
    const pages = await compare(fixture(path));
    expect(pages.length).toBeGreaterThan(0);
    for (const { ours, theirs } of pages) expectSameRulings(ours, theirs);
  });

  it('reads xref streams and object streams (report-objstm.pdf is report.pdf rewritten by qpdf)', async () => {
    const objstm = fixture(fixtures + 'report-objstm.pdf');
    expect(Buffer.from(objstm).includes('/ObjStm')).toBe(true);
    expect(Buffer.from(objstm).includes('/XRef')).toBe(true);
    const pages = await compare(objstm);
    expect(pages.some(({ theirs }) => theirs.length > 20)).toBe(true);
    expect(await readPdf(objstm)).toEqual(await readPdf(fixture(fixtures + 'report.pdf')));
  });

  it('leaves encrypted files to pdfjs (an owner password only: the file opens), with the same result', async () => {
    const owner = fixture(fixtures + 'report-owner-password.pdf');
    for (const { ours } of await compare(owner)) expect(ours).toBeInstanceOf(Unsupported);
    expect(await readPdf(owner)).toEqual(await readPdf(fixture(fixtures + 'report.pdf')));
  });
});

describe('content syntax, as pdfjs reads it', () => {
  it('paths: lines, thin boxes, curves, closed and unclosed, through cm, q and Q', async () => {
    const content = [
      '% a comment with q and re in it',
      '0.5 w 10 800 m 300 800 l S',
      'q 2 0 0 2 0 0 cm 10 300 m 100 300 l 100 350 l h S Q',
      '50 700 200 0.5 re f 50 690 0.5 80 re f* 60 600 100 50 re B',
      '20 20 m 30 30 40 40 50 20 c 60 60 l S',
      '70 500 m 80 500 l 90 500 85 510 v 100 500 110 510 y s',
      '10 100 m 10 200 l 200 200 l b*',
      'q .5 0 0 -.5 +3 842. cm 1 1 m 201 1 l S Q',
    ].join('\n');
    const [page] = await compare(onePage(content));
    expect(page!.theirs.length).toBeGreaterThan(8);
    expectSameRulings(page!.ours, page!.theirs);
  });

  it('tokens as pdfjs splits them: Qq, strings and arrays holding operators, inline dictionaries, odd numbers', async () => {
    const content = [
      'BT /F1 12 Tf 100 700 Td (a) re (S\\) q \\(f\\)) Tj [(x) -120 (y)] TJ ET',
      'q 1 0 0 1 5 5 cm 0 0 m 100 0 l S Qq 1 0 0 1 -5 -5 cm 0 10 m 100 10 l S Q',
      '/Span << /ActualText (re S) /MCID 3 >> BDC 0 20 m 100 20 l S EMC',
      '<48656c6c6f> pop 0 30 m 100 30 l S',
      '1 2 3 0 40 m 100 40 l S',
      '0 50 m l S 0 60 m 100 60 l S',
      '0 70 m 100 70 l 1 2 S',
      '[1 2] 0 d 0-- 80 m 100 80 l S',
      // BMC, BDC and false are read whole, not as B (fill and stroke) and f (fill)
      '0 90 m 100 90 l /Span BMC n EMC 0 95 m 100 95 l /P << /Open false /Alt null >> BDC n EMC',
      '0 99 m 100 99 l false n true null S',
    ].join('\n');
    const [page] = await compare(onePage(content));
    expectSameRulings(page!.ours, page!.theirs);
  });

  it('form XObjects: their matrix, their own resources, nesting; several content streams', async () => {
    const pdf = onePage(['q 1 0 0 1 50 50 cm /Fm1 Do Q', '/Fm2 Do 0 0 m 10 0 l S'], {
      resources: '/XObject << /Fm1 5 0 R /Fm2 6 0 R >>',
      extra: [
        ['/Type /XObject /Subtype /Form /BBox [0 0 300 300] /Matrix [2 0 0 2 10 10] /Resources << /XObject << /Inner 7 0 R >> >>', '0 0 m 100 0 l S /Inner Do'],
        ['/Type /XObject /Subtype /Form /BBox [0 0 300 300]', '0 0 100 0.4 re f'],
        ['/Type /XObject /Subtype /Form /BBox [0 0 300 300] /Matrix [1 0 0 1 0 100]', '0 0 m 0 100 l S'],
      ],
    });
    const [page] = await compare(pdf);
    expect(page!.theirs).toHaveLength(4); // Fm1's line, Inner's (inside Fm1), Fm2's thin box, the page's line
    expectSameRulings(page!.ours, page!.theirs);
  });

  it('a file with junk before its header', async () => {
    const pdf = onePage('0 0 m 100 0 l S');
    const junk = new Uint8Array([...Buffer.from('HTTP/1.1 200 OK\r\n\r\n'), ...pdf]);
    const [page] = await compare(junk);
    expectSameRulings(page!.ours, page!.theirs);
  });
});

describe('what the reader leaves to pdfjs', () => {
  async function declined(pdf: Uint8Array): Promise<void> {
    const [page] = await compare(pdf);
    expect(page!.ours).toBeInstanceOf(Unsupported);
  }

  it('inline images', async () => {
    await declined(onePage('0 0 m 100 0 l S q 10 0 0 10 0 0 cm BI /W 1 /H 1 /BPC 8 /CS /G ID \u0000 EI Q'));
  });

  it('soft masks (pdfjs draws the mask form into the list)', async () => {
    await declined(onePage('/GS1 gs 0 0 m 100 0 l S', {
      resources: '/ExtGState << /GS1 5 0 R >>',
      extra: ['<< /Type /ExtGState /SMask << /S /Luminosity /G 6 0 R >> >>', ['/Type /XObject /Subtype /Form /BBox [0 0 10 10]', '0 0 10 10 re f']],
    }));
  });

  it('pattern colours (a pattern pdfjs cannot find ends its list)', async () => {
    await declined(onePage('/Pattern cs /P0 scn 0 0 100 0.5 re f 0 0 m 100 0 l S'));
  });

  it('what ends pdfjs\'s list: resources it cannot use, a colour without operands, text operands of another type', async () => {
    for (const [content, resources] of [
      ['BT /F1 12 Tf ET 0 0 m 100 0 l S', '/Font 7'],
      ['0 g sc 0 0 m 100 0 l S', ''],
      ['BT /F1 12 Tf [(a)] Tj ET 0 0 m 100 0 l S', ''],
    ]) {
      const [page] = await compare(onePage(content!, { resources }));
      expect(page!.ours).toBeInstanceOf(Unsupported);
      expect(page!.theirs).toEqual([]);
    }
  });

  it('annotations that draw (pdfjs adds their appearance), but not links without one', async () => {
    await declined(onePage('0 0 m 100 0 l S', { page: '/Annots [<< /Type /Annot /Subtype /Square /Rect [0 0 50 50] >>]' }));
    const [link] = await compare(onePage('0 0 m 100 0 l S', { page: '/Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 50 50] /Border [0 0 0] >>]' }));
    expectSameRulings(link!.ours, link!.theirs);
  });

  it('filters other than Flate, and xref offsets that do not point at their object', async () => {
    await declined(makePdf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
      '<< /Length 32 /Filter /ASCIIHexDecode >>\nstream\n30203020 6d203130 30203020 6c205320>\nendstream',
    ]));
    // the page object's entry 3 bytes off: pdfjs rebuilds the xref, this reader declines
    const text = Buffer.from(onePage('0 0 m 100 0 l S')).toString('latin1');
    const table = text.lastIndexOf('\nxref\n') + 1;
    const rows = text.slice(table).split('\n');
    rows[5] = `${String(Number(rows[5]!.slice(0, 10)) + 3).padStart(10, '0')}${rows[5]!.slice(10)}`; // xref, 0 n, free 0, 1, 2, 3
    await declined(new Uint8Array(Buffer.from(text.slice(0, table) + rows.join('\n'), 'latin1')));
  });

  it('encrypted files', async () => {
    const pdf = onePage('0 0 m 100 0 l S');
    const text = Buffer.from(pdf).toString('latin1').replace('/Root 1 0 R', '/Root 1 0 R /Encrypt << /Filter /Standard >>');
    await expect(PdfFile.open(new Uint8Array(Buffer.from(text, 'latin1')), inflater())).rejects.toBeInstanceOf(Unsupported);
  });
});
