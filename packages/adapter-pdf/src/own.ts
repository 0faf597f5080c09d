/**
 * Reading a PDF's pages without pdfjs: the page tree, each page's view and viewport as pdfjs
 * has them (`page.view`, `getViewport({ scale: 1 })`), its text items (text.ts) and its
 * drawing (content.ts). Everything here throws `Unsupported` where pdfjs could see the
 * document differently; the caller then reads the whole document with pdfjs.
 */

import { MAX_DEPTH, PdfFile, Ref, Unsupported, concat, isDict, isName, isStream, pageOperators, type Dict, type DrawingOps, type OperatorList, type PdfValue } from './content.js';
import type { Matrix } from './geometry.js';
import { pageTextItems, type FontCache, type TextItem } from './text.js';

/**
 * Operator codes for the drawings read here. They only have to agree between
 * `pageOperators` and `rulingsOf`; they are pdfjs's values (`OPS`), so that the own path
 * needs nothing from pdfjs.
 */
export const OWN_OPS: DrawingOps = {
  save: 10,
  restore: 11,
  transform: 12,
  constructPath: 91,
  paintFormXObjectBegin: 74,
  paintFormXObjectEnd: 75,
  stroke: 20,
  closeStroke: 21,
  fill: 22,
  eoFill: 23,
  fillStroke: 24,
  eoFillStroke: 25,
  closeFillStroke: 26,
  closeEOFillStroke: 27,
  endPath: 28,
};

export interface OwnPage {
  /** the page's view: its crop box within its media box, as [x1 y1 x2 y2] */
  view: number[];
  rotate: number;
  /** pdfjs's viewport transform at scale 1: user space to the page's upright view, y down */
  viewport: Matrix;
  items: TextItem[];
  drawing: OperatorList;
}

/** The page objects in order (pdfjs's page indices); Unsupported where the tree's /Count disagrees. */
export async function pageRefs(file: PdfFile): Promise<Ref[]> {
  const catalog = await file.catalog();
  const root = await file.get(catalog, 'Pages');
  if (!isDict(root)) throw new Unsupported('no page tree');
  const count = await file.get(root, 'Count');
  if (typeof count !== 'number' || !Number.isInteger(count)) throw new Unsupported('page count');
  const pages: Ref[] = [];
  const seen = new Set<number>();
  const visit = async (node: PdfValue | undefined, depth: number): Promise<void> => {
    if (!(node instanceof Ref) || seen.has(node.num) || depth > MAX_DEPTH) throw new Unsupported('page tree');
    seen.add(node.num);
    const dict = await file.fetch(node);
    if (!isDict(dict)) throw new Unsupported('page tree node');
    const kids = await file.get(dict, 'Kids');
    if (Array.isArray(kids)) {
      if (!isName(await file.get(dict, 'Type'), 'Pages')) throw new Unsupported('page tree node type');
      for (const kid of kids) await visit(kid, depth + 1);
    } else if (isName(await file.get(dict, 'Type'), 'Page')) pages.push(node);
    else throw new Unsupported('page tree leaf');
  };
  const rootRef = catalog.get('Pages');
  const kids = await file.get(root, 'Kids');
  if (!(rootRef instanceof Ref) || !Array.isArray(kids)) throw new Unsupported('page tree root');
  seen.add(rootRef.num);
  for (const kid of kids) await visit(kid, 1);
  if (pages.length !== count) throw new Unsupported('page count differs from the tree');
  return pages;
}

/** A page attribute at each level it is set, nearest first (pdfjs's getInheritableProperty). */
async function inheritedValues(file: PdfFile, page: Dict, key: string): Promise<PdfValue[]> {
  const values: PdfValue[] = [];
  let node: PdfValue | undefined = page;
  for (let depth = 0; isDict(node) && depth < MAX_DEPTH; depth += 1) {
    const value = await file.get(node, key);
    if (value !== undefined) values.push(value);
    node = await file.get(node, 'Parent');
  }
  return values;
}

/** pdfjs's lookupNormalRect, and a box with no area is none. */
async function box(file: PdfFile, value: PdfValue | undefined): Promise<number[] | null> {
  if (!Array.isArray(value) || value.length !== 4) return null;
  const [x1, y1, x2, y2] = await Promise.all(value.map((item) => file.resolve(item)));
  if (typeof x1 !== 'number' || typeof y1 !== 'number' || typeof x2 !== 'number' || typeof y2 !== 'number') return null;
  const rect = [Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2)];
  return rect[2]! - rect[0]! > 0 && rect[3]! - rect[1]! > 0 ? rect : null;
}

/** pdfjs's page.view: the crop box within the media box. */
async function pageView(file: PdfFile, page: Dict): Promise<number[]> {
  const [mediaValue] = await inheritedValues(file, page, 'MediaBox');
  const media = await box(file, mediaValue);
  // pdfjs puts a page without a usable media box on US Letter; such files go to pdfjs
  if (!media) throw new Unsupported('no media box');
  const [cropValue] = await inheritedValues(file, page, 'CropBox');
  const crop = await box(file, cropValue);
  if (!crop || crop.every((value, index) => value === media[index])) return media;
  const view = [Math.max(crop[0]!, media[0]!), Math.max(crop[1]!, media[1]!), Math.min(crop[2]!, media[2]!), Math.min(crop[3]!, media[3]!)];
  return view[2]! - view[0]! > 0 && view[3]! - view[1]! > 0 ? view : media;
}

/** pdfjs's page.rotate: the nearest /Rotate, a multiple of 90 in 0–270 (else 0). */
async function pageRotation(file: PdfFile, page: Dict): Promise<number> {
  const [value] = await inheritedValues(file, page, 'Rotate');
  const rotate = typeof value === 'number' ? value : 0;
  if (rotate % 90 !== 0) return 0;
  return ((rotate % 360) + 360) % 360;
}

/** pdfjs's PageViewport transform at scale 1 (no offsets, flipped so y runs down). */
export function viewportTransform(view: readonly number[], rotation: number): Matrix {
  const [x1, y1, x2, y2] = view as [number, number, number, number];
  const centerX = (x2 + x1) / 2;
  const centerY = (y2 + y1) / 2;
  const [a, b, c, d] = rotation === 90 ? [0, 1, 1, 0] : rotation === 180 ? [-1, 0, 0, 1] : rotation === 270 ? [0, -1, -1, 0] : [1, 0, 0, -1];
  const offsetX = a === 0 ? Math.abs(centerY - y1) : Math.abs(centerX - x1);
  const offsetY = a === 0 ? Math.abs(centerX - x1) : Math.abs(centerY - y1);
  return [a, b, c, d, offsetX - a * centerX - c * centerY, offsetY - b * centerX - d * centerY];
}

/** A page's content streams, joined. */
async function contentData(file: PdfFile, page: Dict): Promise<Uint8Array> {
  const contents = await file.get(page, 'Contents');
  const streams = Array.isArray(contents) ? await Promise.all(contents.map((item) => file.resolve(item))) : contents === undefined || contents === null ? [] : [contents];
  const parts: Uint8Array[] = [];
  for (const stream of streams) {
    if (!isStream(stream)) throw new Unsupported('content is not a stream');
    parts.push(await file.decode(stream));
  }
  return parts.length === 1 ? parts[0]! : concat(parts);
}

/** One page read without pdfjs: its geometry, text items and drawing. */
export async function readOwnPage(file: PdfFile, ref: Ref, fonts: FontCache): Promise<OwnPage> {
  const page = await file.fetch(ref);
  if (!isDict(page)) throw new Unsupported('page is not a dictionary');
  const userUnit = await file.get(page, 'UserUnit');
  if (userUnit !== undefined && userUnit !== 1) throw new Unsupported('user unit');
  // pdfjs merges resources set at several levels of the tree, the nearest level's entries first
  const resources: Dict = new Map();
  for (const level of await inheritedValues(file, page, 'Resources')) {
    if (!isDict(level)) continue;
    for (const [key, value] of level) if (!resources.has(key)) resources.set(key, value);
  }
  const view = await pageView(file, page);
  const rotate = await pageRotation(file, page);
  const items = await pageTextItems(file, await contentData(file, page), resources, view, fonts);
  const drawing = await pageOperators(file, ref, OWN_OPS);
  return { view, rotate, viewport: viewportTransform(view, rotate), items, drawing };
}
