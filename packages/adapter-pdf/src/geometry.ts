import type { Ruling, TextPiece } from './layout.js';

/** A PDF transformation matrix [a b c d e f]. */
export type Matrix = readonly [number, number, number, number, number, number];

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** m1 × m2: first m2, then m1 (the order of PDF's `cm`; pdfjs's Util.transform), in double precision. */
export function multiply(m1: readonly number[], m2: readonly number[]): Matrix {
  return [
    m1[0]! * m2[0]! + m1[2]! * m2[1]!,
    m1[1]! * m2[0]! + m1[3]! * m2[1]!,
    m1[0]! * m2[2]! + m1[2]! * m2[3]!,
    m1[1]! * m2[2]! + m1[3]! * m2[3]!,
    m1[0]! * m2[4]! + m1[2]! * m2[5]! + m1[4]!,
    m1[1]! * m2[4]! + m1[3]! * m2[5]! + m1[5]!,
  ];
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** What this package reads of a pdfjs text item. */
export interface TextItemLike {
  str: string;
  dir?: string;
  transform: readonly number[];
  width: number;
}

/**
 * A text item in device space (viewport at scale 1, y down). Rotated or vertical text
 * (stamps, watermarks) is left out: it is not part of the report's lines.
 */
export function toPiece(item: TextItemLike, viewport: Matrix): TextPiece | null {
  if (item.dir === 'ttb' || item.transform.length < 6) return null;
  const m = multiply(viewport, item.transform);
  const size = Math.hypot(m[2], m[3]);
  const scaleX = Math.hypot(m[0], m[1]);
  if (!(size > 0) || !(scaleX > 0)) return null;
  // upright: x runs right, y (down in device space) runs down; slant (italics) allowed
  if (m[0] <= 0 || m[3] >= 0 || Math.abs(m[1]) > scaleX * 0.1 || Math.abs(m[2]) > size * 0.4) return null;
  return { text: item.str, x: m[4], y: m[5], width: Math.abs(item.width), size };
}

/** Operator codes of pdfjs (`OPS`) this package needs. */
export interface OpCodes {
  save: number;
  restore: number;
  transform: number;
  constructPath: number;
  paintFormXObjectBegin: number;
  paintFormXObjectEnd: number;
  stroke: number;
  closeStroke: number;
  fill: number;
  eoFill: number;
  fillStroke: number;
  eoFillStroke: number;
  closeFillStroke: number;
  closeEOFillStroke: number;
}

/** pdfjs's path drawing codes (DrawOPS). */
export const MOVE_TO = 0;
export const LINE_TO = 1;
export const CURVE_TO = 2;
const QUADRATIC_CURVE_TO = 3;
export const CLOSE_PATH = 4;

/** The thickest filled rectangle still taken for a ruling line. */
const MAX_RULE_THICKNESS = 3;
const MIN_RULE_LENGTH = 3;

interface Point {
  x: number;
  y: number;
}

/** Splits pdfjs path data into subpaths of points (curves keep only their end point). */
function subpaths(data: ArrayLike<number>): { points: Point[]; closed: boolean; curved: boolean }[] {
  const result: { points: Point[]; closed: boolean; curved: boolean }[] = [];
  let current: { points: Point[]; closed: boolean; curved: boolean } | null = null;
  let index = 0;
  while (index < data.length) {
    const op = data[index]!;
    if (op === MOVE_TO) {
      current = { points: [{ x: data[index + 1]!, y: data[index + 2]! }], closed: false, curved: false };
      result.push(current);
      index += 3;
    } else if (op === LINE_TO) {
      current?.points.push({ x: data[index + 1]!, y: data[index + 2]! });
      index += 3;
    } else if (op === CURVE_TO) {
      if (current) {
        current.curved = true;
        current.points.push({ x: data[index + 5]!, y: data[index + 6]! });
      }
      index += 7;
    } else if (op === QUADRATIC_CURVE_TO) {
      if (current) {
        current.curved = true;
        current.points.push({ x: data[index + 3]!, y: data[index + 4]! });
      }
      index += 5;
    } else if (op === CLOSE_PATH) {
      if (current) current.closed = true;
      index += 1;
    } else {
      break; // unknown data: stop rather than misread
    }
  }
  return result;
}

function axisRuling(a: Point, b: Point): Ruling | null {
  const dx = Math.abs(a.x - b.x);
  const dy = Math.abs(a.y - b.y);
  if (dy <= 0.5 && dx >= MIN_RULE_LENGTH) return { x1: Math.min(a.x, b.x), y1: (a.y + b.y) / 2, x2: Math.max(a.x, b.x), y2: (a.y + b.y) / 2 };
  if (dx <= 0.5 && dy >= MIN_RULE_LENGTH) return { x1: (a.x + b.x) / 2, y1: Math.min(a.y, b.y), x2: (a.x + b.x) / 2, y2: Math.max(a.y, b.y) };
  return null;
}

/** A filled thin rectangle (how Word draws borders) as the line along its middle. */
function thinBox(points: readonly Point[]): Ruling | null {
  const xs = points.map((point) => point.x);
  const ys = points.map((point) => point.y);
  const left = Math.min(...xs);
  const right = Math.max(...xs);
  const top = Math.min(...ys);
  const bottom = Math.max(...ys);
  const width = right - left;
  const height = bottom - top;
  if (height <= MAX_RULE_THICKNESS && width >= MIN_RULE_LENGTH && width > height) {
    return { x1: left, y1: (top + bottom) / 2, x2: right, y2: (top + bottom) / 2 };
  }
  if (width <= MAX_RULE_THICKNESS && height >= MIN_RULE_LENGTH && height > width) {
    return { x1: (left + right) / 2, y1: top, x2: (left + right) / 2, y2: bottom };
  }
  return null;
}

/**
 * The straight horizontal and vertical lines a page draws — stroked segments and thin
 * filled rectangles — in device space. These are the borders of ruled tables.
 */
export function rulingsOf(operators: { fnArray: ArrayLike<number>; argsArray: ArrayLike<unknown> }, ops: OpCodes, viewport: Matrix): Ruling[] {
  const strokes = new Set([ops.stroke, ops.closeStroke, ops.fillStroke, ops.eoFillStroke, ops.closeFillStroke, ops.closeEOFillStroke]);
  const fills = new Set([ops.fill, ops.eoFill, ops.fillStroke, ops.eoFillStroke, ops.closeFillStroke, ops.closeEOFillStroke]);
  const rulings: Ruling[] = [];
  const stack: Matrix[] = [];
  let ctm: Matrix = IDENTITY;
  for (let index = 0; index < operators.fnArray.length; index += 1) {
    const fn = operators.fnArray[index]!;
    const args = operators.argsArray[index] as unknown[] | null;
    if (fn === ops.save) stack.push(ctm);
    else if (fn === ops.restore) ctm = stack.pop() ?? IDENTITY;
    else if (fn === ops.transform && args && args.length >= 6) ctm = multiply(ctm, args as number[]);
    else if (fn === ops.paintFormXObjectBegin) {
      stack.push(ctm);
      const matrix = args?.[0];
      if (Array.isArray(matrix) || ArrayBuffer.isView(matrix)) ctm = multiply(ctm, Array.from(matrix as ArrayLike<number>));
    } else if (fn === ops.paintFormXObjectEnd) ctm = stack.pop() ?? IDENTITY;
    else if (fn === ops.constructPath && args) {
      const paint = args[0] as number;
      const data = (args[1] as unknown[] | undefined)?.[0] as ArrayLike<number> | null | undefined;
      if (!data || (!strokes.has(paint) && !fills.has(paint))) continue;
      const toDevice = multiply(viewport, ctm);
      for (const path of subpaths(data)) {
        if (path.curved) continue;
        const points = path.points.map(({ x, y }) => {
          const [dx, dy] = apply(toDevice, x, y);
          return { x: dx, y: dy };
        });
        if (fills.has(paint)) {
          const box = thinBox(points);
          if (box) {
            rulings.push(box);
            continue;
          }
        }
        if (strokes.has(paint)) {
          const ring = path.closed && points.length > 2 ? [...points, points[0]!] : points;
          for (let at = 1; at < ring.length; at += 1) {
            const ruling = axisRuling(ring[at - 1]!, ring[at]!);
            if (ruling) rulings.push(ruling);
          }
        }
      }
    }
  }
  return rulings;
}
