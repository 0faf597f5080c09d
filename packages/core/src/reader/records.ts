import type { CellSource } from '../model/schema.js';
import { packedMap } from '../model/values.js';

/**
 * The cells a reader finds, kept as parallel lists in the order their keys were first
 * stored (as an object keeps them), and made plain objects once at the end.
 *
 * Why: an object that grows key by key past a dozen keys becomes a dictionary in V8,
 * slow to grow and slow to read. Reports of one template have the same keys in the same
 * order, so the objects are made by copying a template object with those keys (fast
 * properties) and setting its values.
 */
export class CellRecords {
  readonly keys: string[] = [];
  readonly values: (number | null)[] = [];
  readonly sources: CellSource[] = [];
  /** by key number (numberOf): where the key's cell is in the lists; a Map per report cost more to grow than the rest of the records */
  private readonly positions: number[] = [];

  /** Sets a cell; a key stored before keeps its place. `number`: the key's, from numbersOf (its row's list). */
  put(key: string, value: number | null, source: CellSource, number: number): void {
    const position = this.positions[number];
    if (position === undefined) {
      this.positions[number] = this.keys.length;
      this.keys.push(key);
      this.values.push(value);
      this.sources.push(source);
    } else {
      this.values[position] = value;
      this.sources[position] = source;
    }
  }

  /** Whether a cell is stored: `key in cells` for a cell key (no plain object inherits a dotted name). */
  has(key: string): boolean {
    return this.positionOf(key) !== undefined;
  }

  /** Whether every key of a list is stored. */
  hasAll(keys: readonly string[]): boolean {
    const numbers = numbersOf(keys);
    for (let index = 0; index < numbers.length; index += 1) if (this.positions[numbers[index]!] === undefined) return false;
    return true;
  }

  /** A stored cell's source. */
  source(key: string): CellSource | undefined {
    const position = this.positionOf(key);
    return position === undefined ? undefined : this.sources[position];
  }

  /** Where a stored cell is in the lists. */
  private positionOf(key: string): number | undefined {
    const number = KEY_NUMBERS.get(key);
    return number === undefined ? undefined : this.positions[number];
  }

  /** The cells and their sources as plain objects; the sources left empty unless `withSources` (see BuildOptions#sources). */
  build(withSources: boolean): { cells: Record<string, number | null>; sources: Record<string, CellSource> } {
    const template = templateOf(this.keys);
    return {
      cells: fill(copy(template, template.zeros), 0, this.keys, this.values),
      sources: withSources ? fill(copy(template, template.nulls), null, this.keys, this.sources) : {},
    };
  }
}

/**
 * A small number for each cell key, shared by all records: keys come from the template's and
 * the rule packs' rows, a few hundred in all.
 */
const KEY_NUMBERS = new Map<string, number>();

function numberOf(key: string): number {
  let number = KEY_NUMBERS.get(key);
  if (number === undefined) KEY_NUMBERS.set(key, (number = KEY_NUMBERS.size));
  return number;
}

/**
 * The numbers of a list's keys, kept per list: the readers' key lists are made once per
 * template row, and a report looks each of its ~200 keys up twice (hasAll, put).
 */
const LIST_NUMBERS = new WeakMap<readonly string[], readonly number[]>();

export function numbersOf(keys: readonly string[]): readonly number[] {
  let numbers = LIST_NUMBERS.get(keys);
  if (numbers === undefined) LIST_NUMBERS.set(keys, (numbers = packedMap(keys, numberOf)));
  return numbers;
}

interface Template {
  keys: readonly string[];
  /** an object with exactly these keys, in this order, each null */
  nulls: object;
  /** the same, each 0: most cells of a report are 0, and a copy of this needs no store for them */
  zeros: object;
  /** which of the copying sites (see copy) copies it */
  slot: number;
}

/** The templates of the last few key lists, the most recent first; one per copying site. */
const TEMPLATES: Template[] = [];
const SLOTS = 8;

function templateOf(keys: readonly string[]): Template {
  for (let index = 0; index < TEMPLATES.length; index += 1) {
    const template = TEMPLATES[index]!;
    if (!sameKeys(template.keys, keys)) continue;
    if (index > 0) {
      TEMPLATES.splice(index, 1);
      TEMPLATES.unshift(template);
    }
    return template;
  }
  const grown: Record<string, number | null> = {};
  for (const key of keys) grown[key] = null;
  // a copy of an object grown key by key has fast properties, and so do copies of the copy
  const nulls = { ...grown };
  for (const key of keys) grown[key] = 0;
  const zeros = { ...grown };
  const slot = TEMPLATES.length < SLOTS ? TEMPLATES.length : TEMPLATES.pop()!.slot;
  const template: Template = { keys: keys.slice(), nulls, zeros, slot };
  TEMPLATES.unshift(template);
  return template;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index += 1) if (a[index] !== b[index]) return false;
  return true;
}

/**
 * A template's copy, whose every value is `copiedValue`, with each key's value set (values
 * at the same index as their keys): only those that differ from it are stored.
 */
function fill<T>(copied: object, copiedValue: unknown, keys: readonly string[], values: readonly T[]): Record<string, T> {
  const record = copied as Record<string, T>;
  for (let index = 0; index < keys.length; index += 1) if (!Object.is(values[index], copiedValue)) record[keys[index]!] = values[index]!;
  return record;
}

/**
 * A copy of a template. Each template is copied at a site of its own: a copy at a site that
 * has seen one template is quick (V8 reuses its hidden class), at a site that has seen many
 * it is slow.
 */
function copy(template: Template, object: object): object {
  switch (template.slot) {
    case 0:
      return { ...object };
    case 1:
      return { ...object };
    case 2:
      return { ...object };
    case 3:
      return { ...object };
    case 4:
      return { ...object };
    case 5:
      return { ...object };
    case 6:
      return { ...object };
    default:
      return { ...object };
  }
}
