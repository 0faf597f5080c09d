import type { Report } from './schema.js';
import type { ColumnDef } from './templates.js';

/**
 * `items.map(f)` as a list built by push. Why: an Array#map that TurboFan optimises makes a
 * holey array where the interpreter made a packed one, and code optimised for lists of one
 * kind is thrown away (and compiled again, on both cores' time) on meeting the other. Lists
 * that pass from function to function on the hot path are made this way.
 */
export function packedMap<T, U>(items: readonly T[], f: (item: T, index: number) => U): U[] {
  const list: U[] = [];
  for (let index = 0; index < items.length; index += 1) list.push(f(items[index]!, index));
  return list;
}

/**
 * Remembers a string function's results: reports repeat the same labels and cell texts
 * ("0", "规章") thousands of times in a batch. Bounded, so memory stays flat.
 */
export function memoize<T>(compute: (text: string) => T, limit = 20_000): (text: string) => T {
  const cache = new Map<string, T>();
  return (text) => {
    let value = cache.get(text);
    if (value === undefined && !cache.has(text)) {
      if (cache.size >= limit) cache.clear();
      value = compute(text);
      if (typeof value === 'string') value = detach(value) as T;
      cache.set(detach(text), value);
    }
    return value as T;
  };
}

/**
 * The same text, not sharing the memory of a longer one: a line or cell cut out of a
 * document (and what normalising it returns unchanged, or a message built from it) is a
 * view of the whole text in V8, and a memo that keeps it would keep the whole document
 * alive.
 */
function detach(text: string): string {
  return text.length < 13 ? text : (text + ' ').slice(0, -1);
}

/**
 * Folds the variants real reports use into one form: full-width digits, letters and
 * brackets to half-width (NFKC), no whitespace, no quotes.
 */
export const normalizeText = memoize((text: string): string =>
  text
    .normalize('NFKC')
    .replace(/[\s\u00a0\u3000]+/g, '')
    .replace(/["'“”‘’「」『』]/g, ''),
);

const NUMBERING = /^(?:[一二三四五六七八九十]+[、.．]|\(?[一二三四五六七八九十]+\)[、.]?|\d+[.、．]|\(\d+\)|\d+(?=[^\d.]))/;

/** A row label without its numbering (一、 （三） 2. (4)), normalised for matching. */
export const normalizeLabel = memoize((text: string): string => {
  let label = normalizeText(text);
  // labels carry one or two levels of numbering: （三）1.属于国家秘密
  for (let i = 0; i < 2; i += 1) label = label.replace(NUMBERING, '');
  return label;
});

/**
 * What a template cell holds once read: a number, or null for a blank (/, —, 无) or text.
 * `problem` says why the text is not a valid value for its column (text, a negative or a
 * fraction where a count belongs); `note` records a unit conversion.
 */
export interface CellReading {
  value: number | null;
  problem?: string;
  note?: string;
}

const BLANK = /^(?:|\/|／|—+|–|-+|－|无|空|\\)$/;

const CHINESE_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** True when a cell's text is one of the ways reports leave a cell blank. */
export const isBlankText = memoize((text: string): boolean => BLANK.test(text.normalize('NFKC').replace(/\s+/g, '')));

/** True when a cell's text reads as a number (with or without unit). */
export const isNumericText = memoize((text: string): boolean => NUMBER.test(text.normalize('NFKC').replace(/[\s,，]+/g, '')));

const NUMBER = /^([+-]?)(\d+(?:\.\d+)?)(万元|元|万|件|条|个|项|次)?$/;

/**
 * Reads a cell's text as the column expects: blanks are not zero; units, thousands
 * separators and full-width digits are accepted; an amount in another unit is converted.
 */
export function readCell(text: string, column: Pick<ColumnDef, 'kind' | 'unit'>): CellReading {
  return READERS[`${column.kind}/${column.unit ?? ''}`]!(text);
}

function readCellUncached(text: string, column: Pick<ColumnDef, 'kind' | 'unit'>): CellReading {
  const compact = text.normalize('NFKC').replace(/[\s,，]+/g, '');
  if (BLANK.test(compact)) return { value: null };
  const match = NUMBER.exec(compact);
  if (!match) {
    const word = compact.replace(/(件|条|个|项|次)$/, '');
    const digit = CHINESE_DIGITS[word];
    if (digit !== undefined) return checkKind(digit, column, compact);
    return { value: null, problem: detach(`“${text.trim()}”不是数字，应填写${KIND_WORDS[column.kind]}`) };
  }
  const [, sign, digits, unit] = match;
  let value = Number(digits) * (sign === '-' ? -1 : 1);
  let note: string | undefined;
  if (column.kind === 'amount' && column.unit === '元' && (unit === '万元' || unit === '万')) {
    value = roundSum(value * 10000);
    note = detach(`原文以万元填写（${compact}），已换算为元`);
  } else if (column.kind === 'amount' && column.unit === '万元' && unit === '元') {
    value = roundSum(value / 10000);
    note = detach(`原文以元填写（${compact}），已换算为万元`);
  }
  const reading = checkKind(value, column, compact);
  return note ? { ...reading, note } : reading;
}

const KIND_WORDS: Record<ColumnDef['kind'], string> = {
  count: '非负整数（件数）',
  change: '整数（增加为正、减少为负）',
  amount: '非负金额',
};

function checkKind(value: number, column: Pick<ColumnDef, 'kind'>, text: string): CellReading {
  if (column.kind !== 'change' && value < 0) return { value, problem: detach(`“${text}”是负数，应填写${KIND_WORDS[column.kind]}`) };
  if (column.kind !== 'amount' && !Number.isInteger(value)) return { value, problem: detach(`“${text}”不是整数，应填写${KIND_WORDS[column.kind]}`) };
  return { value };
}

/** A sum or conversion of decimal amounts without float noise (0.1 + 0.2 → 0.3). */
export function roundSum(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** A cell's value when it can be compared: a number the reader found valid; null when blank, invalid or absent. */
export function comparableValue(report: Report, key: string): number | null {
  const value = report.cells[key];
  return typeof value === 'number' && !Object.hasOwn(report.problems, key) ? value : null;
}

/** One memoised reader per column kind and unit. */
const READERS: Record<string, (text: string) => CellReading> = Object.fromEntries(
  (['count', 'change', 'amount'] as const).flatMap((kind) =>
    (['', '元', '万元'] as const).map((unit) => [`${kind}/${unit}`, memoize((text) => readCellUncached(text, unit ? { kind, unit } : { kind }))]),
  ),
);
