import { DEFAULT_LIMITS, ReadError, type Adapter, type ReadLimits, type SourceBlock, type SourceCell, type SourceDocument } from '@xxgk/core';
import { PdfFile, pageOperators, type DrawingOps } from './content.js';
import { rulingsOf, toPiece, type Matrix, type TextItemLike } from './geometry.js';
import { layoutPage, type Ruling, type TextPiece } from './layout.js';
import { OWN_OPS, pageRefs, readOwnPage } from './own.js';
import { assetFactories, directoryUrl, inflater, isNode, loadInProcessWorker, loadPdfjs, type AssetReport } from './pdfjs.js';
import type { FontCache } from './text.js';

export { layoutPage, splitSpaced, tableBands, tidyText } from './layout.js';
export type { Band, LayoutCell, LayoutLine, PageLayout, Ruling, TextPiece } from './layout.js';

/** A started web worker (the DOM's `Worker`), typed loosely so that Node users need no DOM types. */
export interface WorkerLike {
  postMessage(message: unknown, transfer?: unknown): void;
  terminate(): void;
}

/** How to read PDFs: where pdfjs finds its data files and its worker, and the limits. */
export interface PdfOptions {
  /**
   * Directory of pdfjs-dist's `cmaps/` (URL, `file:` URL or, in Node, a path). Needed for
   * Chinese fonts that are not embedded (UniGB-UCS2-H and the like); without it their
   * text is lost and reading fails with a `file-unreadable` error that says so.
   * `@xxgk/adapter-pdf/node` sets it to the installed pdfjs-dist.
   */
  cMapUrl?: string | URL;
  /** Directory of pdfjs-dist's `standard_fonts/` (for non-embedded standard fonts). */
  standardFontDataUrl?: string | URL;
  /**
   * Browser: the URL of `pdfjs-dist/legacy/build/pdf.worker.min.mjs`, to parse in a web
   * worker. Without it (and without `workerPort`) pdfjs runs in the calling thread.
   * Ignored in Node, where pdfjs always runs in the calling thread.
   */
  workerSrc?: string;
  /** Browser: a started pdfjs worker (`new Worker(…, { type: 'module' })`) to use. */
  workerPort?: WorkerLike;
  /** read limits; `maxPdfPages` applies here (DEFAULT_LIMITS where not given) */
  limits?: Partial<ReadLimits>;
  /**
   * Which reader gets the text. `auto` (the default): the adapter's own reader, and pdfjs
   * for a document it cannot read exactly as pdfjs would (see README, *How text is read*).
   * `pdfjs`: pdfjs only. `own`: the own reader only, failing with `file-unreadable` where it
   * would hand over to pdfjs. For tests and measurements; results are the same either way.
   */
  textReader?: 'auto' | 'own' | 'pdfjs';
}

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
/** PDF readers accept up to 1 KB of junk before the header. */
const HEADER_WINDOW = 1024;

/** The offset of `%PDF-` within the first KB, or -1. */
function headerOffset(bytes: Uint8Array): number {
  const window = bytes.subarray(0, HEADER_WINDOW + PDF_MAGIC.length);
  // from one '%' to the next: a text file has few, so this costs next to nothing
  for (let offset = window.indexOf(PDF_MAGIC[0]!); offset >= 0 && offset <= HEADER_WINDOW; offset = window.indexOf(PDF_MAGIC[0]!, offset + 1)) {
    if (PDF_MAGIC.every((byte, index) => bytes[offset + index] === byte)) return offset;
  }
  return -1;
}

/** 0.95 for bytes that start (within 1 KB) with `%PDF-`, else 0. */
export function sniffPdf(bytes: Uint8Array): number {
  return headerOffset(bytes) >= 0 ? 0.95 : 0;
}

const OCR_HINT = '请先对扫描件做文字识别（OCR），或提供原始 Word 文件';

function unreadable(message: string): ReadError {
  return new ReadError('file-unreadable', message);
}

/** A pdfjs failure as the ReadError a user can act on. */
function loadError(error: unknown): ReadError {
  if (error instanceof ReadError) return error;
  const name = (error as { name?: unknown } | null)?.name;
  const detail = error instanceof Error ? error.message : String(error);
  if (name === 'PasswordException') {
    return unreadable('PDF 文件设有打开密码（已加密），无法读取：请提供未加密的 PDF，或原始 Word 文件');
  }
  if (name === 'InvalidPDFException') {
    return unreadable(`文件不是有效的 PDF，或已损坏（${detail}）：请重新下载或重新导出 PDF`);
  }
  return unreadable(`PDF 文件已损坏，无法读取（${detail}）：请重新下载或重新导出 PDF`);
}

function pageLimitError(pages: number, limit: number): ReadError {
  return unreadable(`PDF 共 ${pages} 页，超过页数上限 ${limit} 页，未读取：请只提交年度报告本身，或调整页数上限`);
}

function cmapError(missing: ReadonlySet<string>): ReadError {
  return unreadable(
    `PDF 使用了未嵌入的中文字体，需要 CMap 文件（${[...missing].join('、')}）才能解码文字，但未能加载：` +
      '请在 Node 中使用 @xxgk/adapter-pdf/node，或为 pdfAdapter 设置 cMapUrl（pdfjs-dist 的 cmaps 目录）',
  );
}

/** An operator list: pdfjs's, or content.ts's of the same shape. */
type Operators = { fnArray: ArrayLike<number>; argsArray: ArrayLike<unknown> };

interface PdfPage {
  /** the page object's reference in the file (null where pdfjs does not know it) */
  ref?: { num: number; gen: number } | null;
  view: number[];
  rotate: number;
  getViewport(params: { scale: number }): { transform: number[] };
  getTextContent(): Promise<{ items: unknown[] }>;
  getOperatorList(): Promise<Operators>;
  cleanup(): unknown;
}

/**
 * The page's drawing operators as read from the file's bytes (content.ts: a fraction of the
 * cost of pdfjs's operator list, which also decodes every glyph), or null for what that
 * reader leaves to pdfjs. Never rejects.
 */
async function ownDrawing(page: PdfPage, file: Promise<PdfFile | null>, ops: DrawingOps): Promise<Operators | null> {
  try {
    const opened = await file;
    return opened && page.ref ? await pageOperators(opened, page.ref, ops) : null;
  } catch {
    return null; // Unsupported (or a file the reader misjudged): pdfjs reads every PDF it opens
  }
}

function isTextItem(item: unknown): item is TextItemLike {
  return typeof item === 'object' && item !== null && typeof (item as { str?: unknown }).str === 'string' && Array.isArray((item as { transform?: unknown }).transform);
}

/** The rebuilt blocks of one page, lines numbered from `firstLine`. */
function pageBlocks(pieces: readonly TextPiece[], rulings: readonly Ruling[], page: number, firstLine: number): { blocks: SourceBlock[]; lineCount: number } {
  const layout = layoutPage(pieces, rulings);
  const blocks = layout.lines.map((line): SourceBlock => {
    const lineNumber = firstLine + line.lineIndex;
    if (line.cells.length === 1) return { kind: 'text', text: line.cells[0]!.text, line: lineNumber, page };
    const cells: SourceCell[] = line.cells.map((cell) => ({ text: cell.text, line: firstLine + cell.lineIndex, page }));
    return { kind: 'row', positions: line.positions, cells, line: lineNumber, page };
  });
  return { blocks, lineCount: layout.lineCount };
}

type Pdfjs = Awaited<ReturnType<typeof loadPdfjs>>;
type PdfWorker = InstanceType<Pdfjs['PDFWorker']>;

const workers = new Map<string, PdfWorker>();

/**
 * One pdfjs worker for all documents (pdfjs keeps documents apart by id): the in-process
 * one (key ''), or a web worker per `workerSrc`. Without it pdfjs sets up a worker for
 * each document — in a browser, a new Worker that loads and compiles pdf.worker.mjs again.
 */
function sharedWorker(pdfjs: Pdfjs, key: string): PdfWorker {
  let worker = workers.get(key);
  if (!worker || worker.destroyed) {
    const created = new pdfjs.PDFWorker({ verbosity: 0 });
    workers.set(key, created);
    // a worker that could not start is not kept: the next read tries again
    created.promise.catch(() => {
      if (workers.get(key) === created) workers.delete(key);
    });
    worker = created;
  }
  return worker;
}

/**
 * Reads a text PDF into paragraphs and table rows: text items are grouped into lines by
 * baseline and split into cells at wide gaps (see layout.ts). Rows of ruled tables are
 * rebuilt from their borders and are `exact`, with empty cells for blank columns; other
 * rows are `loose` (an empty cell leaves no trace in PDF text).
 *
 * Throws ReadError: `pdf-no-text` for a PDF without a text layer (a scan);
 * `file-unreadable` for an encrypted, broken or over-long PDF, or lost CMaps.
 */
export async function readPdf(bytes: Uint8Array, options: PdfOptions = {}): Promise<SourceDocument> {
  const limits: ReadLimits = { ...DEFAULT_LIMITS, ...options.limits };
  if (bytes.length === 0) throw unreadable('文件为空（0 字节），没有可读取的内容：请重新下载或导出 PDF');
  if (bytes.length > limits.maxFileBytes) {
    const size = (bytes.length / 1024 / 1024).toFixed(1);
    const max = (limits.maxFileBytes / 1024 / 1024).toFixed(1);
    throw unreadable(`文件大小 ${size} MB，超过上限 ${max} MB，未读取：请压缩 PDF，或调整大小上限`);
  }
  if (headerOffset(bytes) < 0) throw unreadable('文件不是 PDF（开头没有 %PDF- 标记）：请确认文件格式，或重新导出 PDF');
  const textReader = options.textReader ?? 'auto';
  if (textReader !== 'pdfjs') {
    const own = await readOwn(bytes.subarray(headerOffset(bytes)), limits);
    if (typeof own !== 'string') return own;
    if (textReader === 'own') throw unreadable(`PDF 未能由内置读取器读取（${own}），需要 pdfjs`);
  }
  return readWithPdfjs(bytes, options, limits);
}

/**
 * Reads the document without pdfjs (own.ts: text and drawings from the file's bytes), or
 * says why pdfjs has to: anything the own reader cannot read exactly as pdfjs would, and a
 * document without any text, whose error (a scan, fonts that need CMaps) pdfjs works out.
 * Throws only the page limit's ReadError.
 */
async function readOwn(data: Uint8Array, limits: ReadLimits): Promise<SourceDocument | string> {
  let file: PdfFile;
  let pages: Awaited<ReturnType<typeof pageRefs>>;
  try {
    file = await PdfFile.open(data, inflater());
    pages = await pageRefs(file);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  if (pages.length > limits.maxPdfPages) throw pageLimitError(pages.length, limits.maxPdfPages);
  try {
    const fonts: FontCache = new Map();
    const blocks: SourceBlock[] = [];
    let nextLine = 1;
    let textPieces = 0;
    for (let index = 0; index < pages.length; index += 1) {
      const page = await readOwnPage(file, pages[index]!, fonts);
      const pieces = page.items.map((item) => toPiece(item, page.viewport)).filter((piece): piece is TextPiece => piece !== null);
      const visible = pieces.filter((piece) => piece.text.trim() !== '');
      textPieces += visible.length;
      const rulings = visible.length > 0 ? rulingsOf(page.drawing, OWN_OPS, page.viewport) : [];
      const { blocks: pageBlocksRead, lineCount } = pageBlocks(visible, rulings, index + 1, nextLine);
      blocks.push(...pageBlocksRead);
      nextLine += lineCount;
    }
    return textPieces === 0 ? 'no text' : { format: 'pdf', blocks };
  } catch (error) {
    // Unsupported, or a file the reader misjudged: pdfjs reads every PDF it opens
    return error instanceof Error ? error.message : String(error);
  }
}

/** Reads the document with pdfjs (its text content; drawings from content.ts where it can). */
async function readWithPdfjs(bytes: Uint8Array, options: PdfOptions, limits: ReadLimits): Promise<SourceDocument> {
  const pdfjs = await loadPdfjs();
  const { GlobalWorkerOptions, OPS, PDFWorker } = pdfjs;
  const usesOwnWorker = !isNode() && (options.workerPort !== undefined || options.workerSrc !== undefined || GlobalWorkerOptions.workerPort !== null || GlobalWorkerOptions.workerSrc !== '');
  if (options.workerSrc !== undefined && !isNode()) GlobalWorkerOptions.workerSrc = options.workerSrc;
  if (!usesOwnWorker) await loadInProcessWorker();

  const assets: AssetReport = { missingCMaps: new Set() };
  const { CMapReaderFactory, StandardFontDataFactory } = assetFactories(assets);
  const task = pdfjs.getDocument({
    // pdfjs hands the buffer over to its worker: give it a copy, the caller keeps the bytes
    data: bytes.slice(),
    cMapUrl: directoryUrl(options.cMapUrl),
    cMapPacked: true,
    standardFontDataUrl: directoryUrl(options.standardFontDataUrl),
    CMapReaderFactory,
    StandardFontDataFactory,
    useSystemFonts: false,
    disableFontFace: true,
    isEvalSupported: false,
    useWorkerFetch: false,
    // images are not read: skipping them keeps scans and photos cheap
    maxImageSize: 0,
    verbosity: 0,
    ...(options.workerPort && !isNode()
      ? { worker: PDFWorker.create({ port: options.workerPort as unknown as Worker }) }
      : usesOwnWorker && GlobalWorkerOptions.workerPort !== null
        ? {} // pdfjs keeps one PDFWorker per configured port itself
        : { worker: sharedWorker(pdfjs, usesOwnWorker ? GlobalWorkerOptions.workerSrc : '') }),
  });
  // every pdfjs promise made here is awaited or handled: a rejection left unhandled would
  // end the process (Node's default), taking the rest of a batch with it
  try {
    let document: Awaited<typeof task.promise>;
    try {
      document = await task.promise;
    } catch (error) {
      throw loadError(error);
    }
    if (document.numPages > limits.maxPdfPages) throw pageLimitError(document.numPages, limits.maxPdfPages);
    const ops = OPS as unknown as DrawingOps;
    // the file's own structure, for the pages' drawings (see drawingOf): read from the
    // caller's bytes (pdfjs has a copy) when the first page with text needs it
    let file: Promise<PdfFile | null> | undefined;
    const openFile = () => (file ??= PdfFile.open(bytes.subarray(headerOffset(bytes)), inflater()).catch(() => null));
    const blocks: SourceBlock[] = [];
    let nextLine = 1;
    let textPieces = 0;
    for (let number = 1; number <= document.numPages; number += 1) {
      let page: PdfPage;
      let items: unknown[];
      let drawing: Promise<Operators | null> = Promise.resolve(null);
      try {
        page = (await document.getPage(number)) as unknown as PdfPage;
        // read while pdfjs waits for its inflating (DecompressionStream) of the same page
        drawing = ownDrawing(page, openFile(), ops);
        items = (await page.getTextContent()).items;
      } catch (error) {
        throw unreadable(`PDF 第 ${number} 页已损坏，无法读取（${error instanceof Error ? error.message : String(error)}）：请重新下载或重新导出 PDF`);
      }
      const viewport = page.getViewport({ scale: 1 }).transform as unknown as Matrix;
      const pieces = items.filter(isTextItem).map((item) => toPiece(item, viewport)).filter((piece): piece is TextPiece => piece !== null);
      const visible = pieces.filter((piece) => piece.text.trim() !== '');
      textPieces += visible.length;
      let rulings: Ruling[] = [];
      if (visible.length > 0) {
        try {
          rulings = rulingsOf((await drawing) ?? (await page.getOperatorList()), ops, viewport);
        } catch {
          rulings = []; // drawings that cannot be read: lines are still rebuilt by baseline
        }
      }
      const { blocks: pageBlocksRead, lineCount } = pageBlocks(visible, rulings, number, nextLine);
      blocks.push(...pageBlocksRead);
      nextLine += lineCount;
      page.cleanup();
    }
    if (assets.missingCMaps.size > 0) throw cmapError(assets.missingCMaps);
    if (textPieces === 0) {
      throw new ReadError('pdf-no-text', `PDF 没有文字层（可能是扫描件或图片），无法读取其中的文字：${OCR_HINT}`);
    }
    return { format: 'pdf', blocks };
  } catch (error) {
    // anything else pdfjs throws while reading (its own exception classes cross its worker
    // boundary as UnknownErrorException) is a damaged file, not a crash
    throw loadError(error);
  } finally {
    // destroying can fail too (a worker that died with the file): the read's own outcome stands
    await task.destroy().catch(() => undefined);
  }
}

/** A PDF adapter with fixed options (data file locations, worker). */
export function createPdfAdapter(options: PdfOptions = {}): Adapter {
  return {
    id: 'pdf',
    name: 'PDF',
    extensions: ['.pdf'],
    sniff: sniffPdf,
    read: ({ bytes, limits }) => readPdf(bytes, { ...options, limits: { ...options.limits, ...limits } }),
  };
}

/**
 * The PDF adapter without data file locations: reads PDFs whose fonts are embedded (as
 * Word, WPS and LibreOffice write them) anywhere. In Node, prefer `pdfAdapter` from
 * `@xxgk/adapter-pdf/node`, which also finds the CMaps of non-embedded Chinese fonts.
 */
export const pdfAdapter: Adapter = createPdfAdapter();

export default pdfAdapter;
