/**
 * The drawing operators of a page, read from the PDF's own bytes without pdfjs: enough of
 * the file structure (xref tables and streams, object streams, Flate) to reach a page's
 * content streams and form XObjects, and enough of the content syntax to find its paths.
 *
 * pdfjs's `getOperatorList()` gives the same paths, but it also decodes and measures every
 * glyph of the page and builds a path for each (text is most of a report's content); that
 * took about a third of the time of reading a report. This module gives the operators that
 * `rulingsOf` reads (save, restore, transform, constructPath, form begin and end) in the
 * shape pdfjs gives them, following pdfjs's parsing (its lexer, its handling of operands,
 * Float32 path data), at a fraction of the cost.
 *
 * It reads only what it can read exactly as pdfjs would (up to the float rounding of
 * pdfjs's operator-list optimizer, which moves some transforms into path data). Anything
 * else — an encrypted file, filters other than Flate, an xref entry that does not point at
 * its object, inline images, soft masks, annotations that draw, optional-content forms, a
 * malformed operator, a resource dictionary that cannot be parsed (pdfjs's list ends
 * there) — throws `Unsupported`, and the caller asks pdfjs for the page's operator list.
 */

import { CLOSE_PATH, CURVE_TO, LINE_TO, MOVE_TO, type OpCodes } from './geometry.js';

/** Thrown for whatever this reader does not follow exactly as pdfjs; the caller falls back to pdfjs. */
export class Unsupported extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Unsupported';
  }
}

/** Inflates zlib (FlateDecode) data; throws on corrupt or truncated data. */
export type Inflate = (data: Uint8Array) => Uint8Array | Promise<Uint8Array>;

/** pdfjs's operator codes (`OPS`) that the operators given here use. */
export interface DrawingOps extends OpCodes {
  endPath: number;
}

/** An operator list as pdfjs gives it: codes and their arguments. */
export interface OperatorList {
  fnArray: number[];
  argsArray: unknown[];
}

// ---- objects ----

export class Name {
  constructor(readonly name: string) {}
}

/** A string's bytes, one char per byte (as pdfjs keeps them), where the lexer is asked for string values. */
export class PdfString {
  constructor(readonly bytes: string) {}
}

export class Ref {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
}

/** A string's value is never needed here, only that one stood there. */
export const STRING = Symbol('string');
export const EOF = Symbol('eof');

export type Dict = Map<string, PdfValue>;

export interface Stream {
  dict: Dict;
  /** the raw (still encoded) data */
  raw: Uint8Array;
}

/** keywords and delimiters of PDF syntax (`obj`, `R`, `[`, an operator) are plain strings */
type Keyword = string;

export type PdfValue = number | boolean | null | typeof STRING | PdfString | Name | Ref | Keyword | Dict | Stream | PdfValue[];
export type Token = PdfValue | typeof EOF;

export function isDict(value: unknown): value is Dict {
  return value instanceof Map;
}

export function isStream(value: unknown): value is Stream {
  return typeof value === 'object' && value !== null && 'raw' in value && 'dict' in value;
}

export function isName(value: unknown, name?: string): value is Name {
  return value instanceof Name && (name === undefined || value.name === name);
}

// ---- lexer (pdfjs's Lexer: the same tokens, numbers and command splitting) ----

/** 1 for whitespace, 2 for delimiters, as pdfjs's `specialChars` */
const SPECIAL = new Uint8Array(256);
for (const byte of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) SPECIAL[byte] = 1;
for (const char of '()<>[]{}/%') SPECIAL[char.charCodeAt(0)] = 2;

function hexDigit(ch: number): number {
  if (ch >= 0x30 && ch <= 0x39) return ch & 0x0f;
  if ((ch >= 0x41 && ch <= 0x46) || (ch >= 0x61 && ch <= 0x66)) return (ch & 0x0f) + 9;
  return -1;
}

export class Lexer {
  pos: number;
  constructor(
    private readonly data: Uint8Array,
    pos = 0,
    /** content streams: the operator names, by which pdfjs splits `Qq` into `Q q` */
    private readonly commands: ReadonlyMap<string, OperatorSpec | null> | null = null,
    /** read strings' values (text, CMaps); otherwise a string is only STRING */
    private readonly strings = false,
  ) {
    this.pos = pos;
  }

  private peek(): number {
    return this.pos < this.data.length ? this.data[this.pos]! : -1;
  }

  next(): Token {
    const data = this.data;
    let comment = false;
    let ch = this.peek();
    while (true) {
      if (ch < 0) return EOF;
      if (comment) {
        if (ch === 0x0a || ch === 0x0d) comment = false;
      } else if (ch === 0x25) comment = true;
      else if (SPECIAL[ch] !== 1) break;
      this.pos += 1;
      ch = this.peek();
    }
    if ((ch >= 0x30 && ch <= 0x39) || ch === 0x2b || ch === 0x2d || ch === 0x2e) return this.number();
    switch (ch) {
      case 0x28:
        if (this.strings) return new PdfString(this.literalString());
        this.skipString();
        return STRING;
      case 0x2f:
        return this.name();
      case 0x5b:
        this.pos += 1;
        return '[';
      case 0x5d:
        this.pos += 1;
        return ']';
      case 0x3c:
        this.pos += 1;
        if (this.peek() === 0x3c) {
          this.pos += 1;
          return '<<';
        }
        if (this.strings) return new PdfString(this.hexString());
        while (this.pos < data.length && data[this.pos] !== 0x3e) this.pos += 1;
        this.pos += 1;
        return STRING;
      case 0x3e:
        this.pos += 1;
        if (this.peek() === 0x3e) {
          this.pos += 1;
          return '>>';
        }
        return '>';
      case 0x7b:
        this.pos += 1;
        return '{';
      case 0x7d:
        this.pos += 1;
        return '}';
      case 0x29:
        throw new Unsupported('illegal character )');
    }
    const start = this.pos;
    if (ch < 0x20 || ch > 0x7f) {
      const following = start + 1 < data.length ? data[start + 1]! : -1;
      if (following >= 0x20 && following <= 0x7f) {
        this.pos += 1;
        return String.fromCharCode(ch);
      }
    }
    let end = start + 1;
    while (end < data.length && !SPECIAL[data[end]!]) end += 1;
    if (end - start > 128) throw new Unsupported('command token too long');
    let word = '';
    for (let at = start; at < end; at += 1) word += String.fromCharCode(data[at]!);
    const commands = this.commands;
    // pdfjs reads a command while it grows into a known one: `Qq` is Q then q, `q1` is q
    // then 1. A whole run that is a known command is read whole (every prefix of each
    // known command is known or unknown in the way that lets pdfjs read on).
    if (commands && !commands.has(word)) {
      end = start + 1;
      word = String.fromCharCode(ch);
      let known = commands.has(word);
      while (end < data.length && !SPECIAL[data[end]!]) {
        const longer = word + String.fromCharCode(data[end]!);
        if (known && !commands.has(longer)) break;
        word = longer;
        known = commands.has(word);
        end += 1;
      }
    }
    this.pos = end;
    if (word === 'true') return true;
    if (word === 'false') return false;
    if (word === 'null') return null;
    return word;
  }

  /** pdfjs's getNumber: sign, digits, one point; a minus sign inside is skipped. */
  private number(): number {
    const data = this.data;
    const end = data.length;
    let pos = this.pos;
    let ch = data[pos]!;
    let sign = 1;
    let divideBy = 0;
    // the next byte, or -1 at the end (a local cursor: numbers are most of a content stream)
    const at = (index: number) => (index < end ? data[index]! : -1);
    if (ch === 0x2d) {
      sign = -1;
      ch = at(++pos);
      if (ch === 0x2d) ch = at(++pos);
    } else if (ch === 0x2b) ch = at(++pos);
    while (ch === 0x0a || ch === 0x0d) ch = at(++pos);
    if (ch === 0x2e) {
      divideBy = 10;
      ch = at(++pos);
    }
    if (ch < 0x30 || ch > 0x39) {
      this.pos = pos;
      if (ch < 0 || SPECIAL[ch] === 1 || ch === 0x28 || ch === 0x3c) return 0;
      throw new Unsupported('invalid number');
    }
    let value = ch - 0x30;
    while ((ch = at(++pos)) >= 0) {
      if (ch >= 0x30 && ch <= 0x39) {
        if (divideBy !== 0) divideBy *= 10;
        value = value * 10 + (ch - 0x30);
      } else if (ch === 0x2e) {
        if (divideBy === 0) divideBy = 1;
        else break;
      } else if (ch !== 0x2d) break;
    }
    this.pos = pos;
    if (divideBy !== 0) value /= divideBy;
    return sign * value;
  }

  private name(): Name {
    const data = this.data;
    this.pos += 1;
    let text = '';
    while (this.pos < data.length && !SPECIAL[data[this.pos]!]) {
      const ch = data[this.pos]!;
      this.pos += 1;
      if (ch !== 0x23) {
        text += String.fromCharCode(ch);
        continue;
      }
      // #xx; pdfjs keeps a # that is not followed by two hex digits
      const first = this.peek();
      if (first < 0 || SPECIAL[first]) {
        text += '#';
        break;
      }
      const high = hexDigit(first);
      this.pos += 1;
      if (high === -1) {
        text += '#' + String.fromCharCode(first);
        continue;
      }
      const second = this.peek();
      const low = hexDigit(second);
      if (low === -1) {
        text += '#' + String.fromCharCode(first);
        if (second < 0 || SPECIAL[second]) break;
        text += String.fromCharCode(second);
        this.pos += 1;
        continue;
      }
      this.pos += 1;
      text += String.fromCharCode((high << 4) | low);
    }
    return new Name(text);
  }

  /** Skips a literal string: balanced parentheses, backslash escapes. */
  private skipString(): void {
    const data = this.data;
    let depth = 0;
    this.pos += 1;
    while (this.pos < data.length) {
      const ch = data[this.pos]!;
      this.pos += 1;
      if (ch === 0x5c) this.pos += 1;
      else if (ch === 0x28) depth += 1;
      else if (ch === 0x29) {
        if (depth === 0) return;
        depth -= 1;
      }
    }
  }

  /** pdfjs's getString: a literal string after its `(`, escapes resolved, up to its balancing `)`. */
  private literalString(): string {
    const data = this.data;
    const chars: number[] = [];
    let depth = 1;
    this.pos += 1;
    while (this.pos < data.length) {
      let ch = data[this.pos]!;
      this.pos += 1;
      if (ch === 0x28) depth += 1;
      else if (ch === 0x29 && --depth === 0) break;
      else if (ch === 0x5c) {
        if (this.pos >= data.length) break;
        ch = data[this.pos]!;
        this.pos += 1;
        const escaped = ESCAPES.get(ch);
        if (escaped !== undefined) chars.push(escaped);
        else if (ch >= 0x30 && ch <= 0x37) {
          let code = ch & 0x0f;
          for (let digit = 0; digit < 2 && this.peek() >= 0x30 && this.peek() <= 0x37; digit += 1) {
            code = (code << 3) + (this.peek() & 0x0f);
            this.pos += 1;
          }
          chars.push(code); // \777 gives 511, as in pdfjs
        } else if (ch === 0x0d) {
          if (this.peek() === 0x0a) this.pos += 1;
        } else if (ch !== 0x0a) chars.push(ch);
        continue;
      }
      chars.push(ch);
    }
    return bytesToString(chars);
  }

  /** pdfjs's getHexString: pairs of hex digits after `<`, whitespace and other bytes skipped, an odd last digit padded. */
  private hexString(): string {
    const data = this.data;
    const chars: number[] = [];
    let first = -1;
    while (this.pos < data.length) {
      const ch = data[this.pos]!;
      this.pos += 1;
      if (ch === 0x3e) break;
      const digit = hexDigit(ch);
      if (digit === -1) continue;
      if (first === -1) first = digit;
      else {
        chars.push((first << 4) | digit);
        first = -1;
      }
    }
    if (first !== -1) chars.push(first << 4);
    return bytesToString(chars);
  }

  /** Whether the bytes at `at` spell `word`. */
  startsWith(word: string, at = this.pos): boolean {
    for (let index = 0; index < word.length; index += 1) {
      if (this.data[at + index] !== word.charCodeAt(index)) return false;
    }
    return true;
  }
}

/** `\\n` and the other one-character escapes of literal strings */
const ESCAPES = new Map<number, number>([[0x6e, 0x0a], [0x72, 0x0d], [0x74, 0x09], [0x62, 0x08], [0x66, 0x0c], [0x5c, 0x5c], [0x28, 0x28], [0x29, 0x29]]);

function bytesToString(bytes: readonly number[]): string {
  let text = '';
  for (let start = 0; start < bytes.length; start += 8192) text += String.fromCharCode(...bytes.slice(start, start + 8192));
  return text;
}

/** An array or dictionary whose opening token was just read; other tokens as they are. */
function parseValue(lexer: Lexer, token: Token, refs: boolean): PdfValue {
  if (token === EOF) throw new Unsupported('unexpected end of data');
  // pdfjs's parser reads an inline image wherever BI stands, in content or not
  if (token === 'BI') throw new Unsupported('inline image');
  if (token === '[') {
    const array: PdfValue[] = [];
    while (true) {
      const next = lexer.next();
      if (next === ']') return array;
      array.push(readValue(lexer, next, refs));
    }
  }
  if (token === '<<') {
    const dict: Dict = new Map();
    while (true) {
      const key = lexer.next();
      if (key === '>>') return dict;
      if (!(key instanceof Name)) throw new Unsupported('dictionary key is not a name');
      dict.set(key.name, readValue(lexer, lexer.next(), refs));
    }
  }
  return token;
}

/** A value, with `num gen R` read as a reference where references may stand. */
function readValue(lexer: Lexer, token: Token, refs: boolean): PdfValue {
  if (refs && typeof token === 'number' && Number.isInteger(token) && token >= 0) {
    const mark = lexer.pos;
    const gen = lexer.next();
    if (typeof gen === 'number' && Number.isInteger(gen) && gen >= 0) {
      const r = lexer.next();
      if (r === 'R') return new Ref(token, gen);
    }
    lexer.pos = mark;
    return token;
  }
  return parseValue(lexer, token, refs);
}

// ---- file structure ----

type XrefEntry = { type: 0 } | { type: 1; offset: number; gen: number } | { type: 2; stream: number; index: number };

export const MAX_DEPTH = 64;

/** The objects of one PDF file, by reference. */
export class PdfFile {
  private readonly entries = new Map<number, XrefEntry>();
  private trailer: Dict = new Map();
  private readonly objects = new Map<number, Promise<PdfValue>>();
  private readonly lengths = new Map<number, number | null>();
  private readonly objectStreams = new Map<number, Promise<{ values: PdfValue[]; numbers: number[] }>>();
  /** decoded streams: the text and the drawing of a page read the same content */
  private readonly decoded = new WeakMap<Stream, Promise<Uint8Array>>();

  private constructor(
    private readonly data: Uint8Array,
    private readonly inflate: Inflate,
  ) {}

  /** Reads the xref of `data` (from its `%PDF-` header on). Throws Unsupported for encrypted or unreadable files. */
  static async open(data: Uint8Array, inflate: Inflate): Promise<PdfFile> {
    const file = new PdfFile(data, inflate);
    await file.readXref();
    if (file.trailer.has('Encrypt')) throw new Unsupported('encrypted');
    return file;
  }

  private startXref(): number {
    const data = this.data;
    const word = 'startxref';
    for (let at = data.length - word.length; at >= Math.max(0, data.length - 4096); at -= 1) {
      if (data[at] === 0x73 && new Lexer(data, at).startsWith(word)) {
        const offset = new Lexer(data, at + word.length).next();
        if (typeof offset === 'number' && Number.isInteger(offset)) return offset;
        break;
      }
    }
    throw new Unsupported('no startxref');
  }

  private async readXref(): Promise<void> {
    const seen = new Set<number>();
    let offset: number | undefined = this.startXref();
    let first = true;
    while (offset !== undefined) {
      if (seen.has(offset) || offset < 0 || offset >= this.data.length) throw new Unsupported('bad xref offset');
      seen.add(offset);
      const lexer = new Lexer(this.data, offset);
      const token = lexer.next();
      let trailer: Dict;
      if (token === 'xref') {
        trailer = this.readXrefTable(lexer);
        const hybrid = trailer.get('XRefStm');
        if (typeof hybrid === 'number') await this.readXrefStream(hybrid);
      } else if (typeof token === 'number') {
        trailer = await this.readXrefStream(offset);
      } else throw new Unsupported('no xref at startxref');
      if (first) this.trailer = trailer;
      if (trailer.has('Encrypt')) this.trailer.set('Encrypt', true);
      first = false;
      const previous = trailer.get('Prev');
      offset = typeof previous === 'number' ? previous : undefined;
    }
  }

  private setEntry(num: number, entry: XrefEntry): void {
    if (!this.entries.has(num)) this.entries.set(num, entry);
  }

  /** An xref table's sections (newer sections were read first: their entries stand), then its trailer. */
  private readXrefTable(lexer: Lexer): Dict {
    while (true) {
      const token = lexer.next();
      if (token === 'trailer') break;
      const count = lexer.next();
      if (typeof token !== 'number' || typeof count !== 'number' || !Number.isInteger(token) || !Number.isInteger(count)) throw new Unsupported('bad xref table');
      let first = token;
      for (let index = 0; index < count; index += 1) {
        const offset = lexer.next();
        const gen = lexer.next();
        const type = lexer.next();
        if (typeof offset !== 'number' || typeof gen !== 'number' || !Number.isInteger(offset) || !Number.isInteger(gen)) throw new Unsupported('bad xref entry');
        // pdfjs: a table starting at 1 with a free entry is one that should start at 0
        if (index === 0 && type === 'f' && first === 1) first = 0;
        if (type === 'n') this.setEntry(first + index, { type: 1, offset, gen });
        else if (type === 'f') this.setEntry(first + index, { type: 0 });
        else throw new Unsupported('bad xref entry');
      }
    }
    const trailer = parseValue(lexer, lexer.next(), true);
    if (!isDict(trailer)) throw new Unsupported('bad trailer');
    return trailer;
  }

  private async readXrefStream(offset: number): Promise<Dict> {
    const { value } = this.readObjectAt(offset, null);
    if (!isStream(value) || !isName(value.dict.get('Type'), 'XRef')) throw new Unsupported('bad xref stream');
    const dict = value.dict;
    const widths = dict.get('W');
    const size = dict.get('Size');
    if (!Array.isArray(widths) || widths.length < 3 || !widths.every((w) => typeof w === 'number' && w >= 0) || typeof size !== 'number') throw new Unsupported('bad xref stream');
    const [w0, w1, w2] = widths as number[];
    const index = dict.get('Index') ?? [0, size];
    if (!Array.isArray(index) || index.length % 2 !== 0 || !index.every((n) => typeof n === 'number')) throw new Unsupported('bad xref stream index');
    const data = await this.decode(value);
    const read = (at: number, width: number): number => {
      let result = 0;
      for (let byte = 0; byte < width; byte += 1) result = result * 256 + data[at + byte]!;
      return result;
    };
    const rowSize = w0! + w1! + w2!;
    let at = 0;
    for (let pair = 0; pair < index.length; pair += 2) {
      const start = index[pair] as number;
      const count = index[pair + 1] as number;
      for (let n = 0; n < count; n += 1) {
        if (at + rowSize > data.length) throw new Unsupported('short xref stream');
        const type = w0 === 0 ? 1 : read(at, w0!);
        const second = read(at + w0!, w1!);
        const third = read(at + w0! + w1!, w2!);
        at += rowSize;
        if (type === 0) this.setEntry(start + n, { type: 0 });
        else if (type === 1) this.setEntry(start + n, { type: 1, offset: second, gen: third });
        else if (type === 2) this.setEntry(start + n, { type: 2, stream: second, index: third });
        else throw new Unsupported('bad xref stream entry');
      }
    }
    return dict;
  }

  /** The object at `offset`: `num gen obj`, checked against `expect`, then its value (a stream with its raw data). */
  private readObjectAt(offset: number, expect: Ref | null): { num: number; value: PdfValue } {
    const lexer = new Lexer(this.data, offset);
    const num = lexer.next();
    const gen = lexer.next();
    if (typeof num !== 'number' || typeof gen !== 'number' || lexer.next() !== 'obj') throw new Unsupported('no object at xref offset');
    if (expect && (num !== expect.num || gen !== expect.gen)) throw new Unsupported('xref offset points at another object');
    const value = readValue(lexer, lexer.next(), true);
    const mark = lexer.pos;
    if (!isDict(value) || lexer.next() !== 'stream') {
      // pdfjs's parser reads two tokens ahead: what stands there must lex, or the object fails
      lexer.pos = mark;
      lexer.next();
      lexer.next();
      return { num, value };
    }
    const raw = this.streamData(lexer.pos, value);
    const after = new Lexer(this.data, raw.byteOffset - this.data.byteOffset + raw.length);
    for (let token = 0; token < 3; token += 1) after.next();
    return { num, value: { dict: value, raw } };
  }

  /**
   * A stream's raw bytes, as pdfjs's makeStream takes them: from the line after `stream`,
   * `/Length` of them when `endstream` follows, else up to the next `endstream`.
   */
  private streamData(afterKeyword: number, dict: Dict): Uint8Array {
    const data = this.data;
    let start = afterKeyword;
    while (start < data.length) {
      const ch = data[start]!;
      start += 1;
      if (ch === 0x0a) break;
      if (ch === 0x0d) {
        if (data[start] === 0x0a) start += 1;
        break;
      }
    }
    const length = this.directLength(dict.get('Length'));
    if (typeof length === 'number' && Number.isInteger(length) && length >= 0 && start + length <= data.length) {
      const lexer = new Lexer(data, start + length);
      if (lexer.next() === 'endstream') return data.subarray(start, start + length);
    }
    const end = indexOf(data, 'endstream', start);
    if (end < 0) throw new Unsupported('no endstream');
    return data.subarray(start, end);
  }

  /**
   * A stream's `/Length`: a number, or a reference to an object of its own (what LibreOffice
   * writes), read at once; null for anything else, and the data then ends at the next
   * `endstream`, as in pdfjs. A reference this cannot read here declines (pdfjs fetches it,
   * and fails with it).
   */
  private directLength(length: PdfValue | undefined): number | null {
    if (!(length instanceof Ref)) return typeof length === 'number' ? length : null;
    const entry = this.entries.get(length.num);
    if (entry?.type !== 1 || entry.gen !== length.gen) throw new Unsupported('indirect length');
    const cached = this.lengths.get(length.num);
    if (cached !== undefined) return cached;
    const { value } = this.readObjectAt(entry.offset, length);
    const result = typeof value === 'number' ? value : null;
    this.lengths.set(length.num, result);
    return result;
  }

  /** The value of an indirect object (cached). */
  fetch(ref: Ref): Promise<PdfValue> {
    let found = this.objects.get(ref.num);
    if (!found) {
      found = this.load(ref);
      this.objects.set(ref.num, found);
    }
    return found;
  }

  private async load(ref: Ref): Promise<PdfValue> {
    const entry = this.entries.get(ref.num);
    if (!entry) throw new Unsupported(`object ${ref.num} not in xref`);
    if (entry.type === 0) return null;
    if (entry.type === 1) {
      if (entry.gen !== ref.gen) throw new Unsupported('generation mismatch');
      return this.readObjectAt(entry.offset, ref).value;
    }
    if (ref.gen !== 0) throw new Unsupported('generation mismatch');
    const { values, numbers } = await this.objectStream(entry.stream);
    const value = values[entry.index];
    if (value === undefined || numbers[entry.index] !== ref.num) throw new Unsupported('object not in its object stream');
    return value;
  }

  /**
   * The objects of an object stream, all parsed at once as pdfjs does (each within its own
   * span): one that does not parse fails them all, as in pdfjs.
   */
  private objectStream(num: number): Promise<{ values: PdfValue[]; numbers: number[] }> {
    let found = this.objectStreams.get(num);
    if (!found) {
      found = (async () => {
        // an object stream is an object of its own (were it in one, it could wait on itself)
        if (this.entries.get(num)?.type !== 1) throw new Unsupported('object stream not at an offset');
        const stream = await this.fetch(new Ref(num, 0));
        if (!isStream(stream)) throw new Unsupported('object stream is not a stream');
        const count = stream.dict.get('N');
        const first = stream.dict.get('First');
        if (typeof count !== 'number' || typeof first !== 'number') throw new Unsupported('bad object stream');
        const data = await this.decode(stream);
        const lexer = new Lexer(data, 0);
        const offsets: number[] = [];
        const numbers: number[] = [];
        for (let index = 0; index < count; index += 1) {
          const objectNumber = lexer.next();
          const offset = lexer.next();
          if (typeof objectNumber !== 'number' || typeof offset !== 'number') throw new Unsupported('bad object stream header');
          numbers.push(objectNumber);
          offsets.push(first + offset);
        }
        const values = offsets.map((offset, index) => {
          const end = index + 1 < offsets.length ? offsets[index + 1]! : data.length;
          if (end < offset) throw new Unsupported('bad object stream offsets');
          const span = new Lexer(data.subarray(0, end), offset);
          const value = readValue(span, span.next(), true);
          span.next();
          span.next();
          return value;
        });
        return { values, numbers };
      })();
      this.objectStreams.set(num, found);
    }
    return found;
  }

  /** A direct value: references followed. */
  async resolve(value: PdfValue | undefined): Promise<PdfValue | undefined> {
    let current = value;
    for (let depth = 0; current instanceof Ref; depth += 1) {
      if (depth > MAX_DEPTH) throw new Unsupported('reference loop');
      current = await this.fetch(current);
    }
    return current;
  }

  async get(dict: Dict, key: string): Promise<PdfValue | undefined> {
    return this.resolve(dict.get(key));
  }

  /** The document catalog (the trailer's `/Root`). */
  async catalog(): Promise<Dict> {
    const root = await this.get(this.trailer, 'Root');
    if (!isDict(root)) throw new Unsupported('no catalog');
    return root;
  }

  /** A stream's decoded data (see decodeStream), decoded once. */
  decode(stream: Stream): Promise<Uint8Array> {
    let found = this.decoded.get(stream);
    if (!found) {
      found = this.decodeStream(stream);
      this.decoded.set(stream, found);
    }
    return found;
  }

  /**
   * A stream's decoded data: no filter, or FlateDecode (with a PNG predictor). As pdfjs's
   * Parser.filter: `/F` before `/Filter`, `/DP` before `/DecodeParms`, and the parameters
   * of a one-filter array only from an array.
   */
  private async decodeStream(stream: Stream): Promise<Uint8Array> {
    const { dict } = stream;
    let filter = dict.has('F') ? await this.get(dict, 'F') : await this.get(dict, 'Filter');
    let parms = dict.has('DP') ? await this.get(dict, 'DP') : await this.get(dict, 'DecodeParms');
    if (Array.isArray(filter)) {
      if (filter.length > 1) throw new Unsupported('several filters');
      if (filter.length === 0) return stream.raw;
      filter = await this.resolve(filter[0]);
      parms = Array.isArray(parms) && parms.length > 0 ? await this.resolve(parms[0]) : null;
    }
    if (filter === undefined || filter === null) return stream.raw;
    if (!isName(filter, 'FlateDecode') && !isName(filter, 'Fl')) throw new Unsupported('filter other than Flate');
    if (parms !== undefined && parms !== null && !isDict(parms)) throw new Unsupported('bad decode parameters');
    let data: Uint8Array;
    try {
      data = await this.inflate(stream.raw);
    } catch (error) {
      throw new Unsupported(`inflate: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!parms) return data;
    const predictor = await this.get(parms, 'Predictor');
    if (predictor === undefined || predictor === 1) return data;
    if (typeof predictor !== 'number' || predictor < 10 || predictor > 15) throw new Unsupported('predictor');
    const number = async (key: string, fallback: number) => {
      const value = await this.get(parms as Dict, key);
      return typeof value === 'number' ? value : fallback;
    };
    return unpredictPng(data, await number('Colors', 1), await number('BitsPerComponent', 8), await number('Columns', 1));
  }
}

function indexOf(data: Uint8Array, word: string, from: number): number {
  const first = word.charCodeAt(0);
  for (let at = data.indexOf(first, from); at >= 0; at = data.indexOf(first, at + 1)) {
    let match = true;
    for (let index = 1; index < word.length && match; index += 1) match = data[at + index] === word.charCodeAt(index);
    if (match) return at;
  }
  return -1;
}

/** Undoes PNG row filters (Predictor ≥ 10). */
function unpredictPng(data: Uint8Array, colors: number, bits: number, columns: number): Uint8Array {
  const pixelBytes = Math.max(1, Math.ceil((colors * bits) / 8));
  const rowBytes = Math.ceil((columns * colors * bits) / 8);
  if (!(rowBytes > 0)) throw new Unsupported('bad predictor parameters');
  const rows = Math.floor(data.length / (rowBytes + 1));
  const out = new Uint8Array(rows * rowBytes);
  for (let row = 0; row < rows; row += 1) {
    const type = data[row * (rowBytes + 1)]!;
    const source = row * (rowBytes + 1) + 1;
    const target = row * rowBytes;
    for (let index = 0; index < rowBytes; index += 1) {
      const raw = data[source + index]!;
      const left = index >= pixelBytes ? out[target + index - pixelBytes]! : 0;
      const up = row > 0 ? out[target - rowBytes + index]! : 0;
      const upLeft = row > 0 && index >= pixelBytes ? out[target - rowBytes + index - pixelBytes]! : 0;
      let value: number;
      if (type === 0) value = raw;
      else if (type === 1) value = raw + left;
      else if (type === 2) value = raw + up;
      else if (type === 3) value = raw + ((left + up) >> 1);
      else if (type === 4) {
        const estimate = left + up - upLeft;
        const toLeft = Math.abs(estimate - left);
        const toUp = Math.abs(estimate - up);
        const toUpLeft = Math.abs(estimate - upLeft);
        value = raw + (toLeft <= toUp && toLeft <= toUpLeft ? left : toUp <= toUpLeft ? up : upLeft);
      } else throw new Unsupported('bad PNG row filter');
      out[target + index] = value & 0xff;
    }
  }
  return out;
}

// ---- content streams ----

export interface OperatorSpec {
  args: number;
  variable: boolean;
}

/**
 * pdfjs's content operators (EvaluatorPreprocessor.opMap): how many operands each takes.
 * Its partial entries (BM, BD, fa … false, nu … null) are there for the lexer only, so that
 * `BDC` and `false` are read whole: they are known words without a spec.
 */
export const OPERATORS: ReadonlyMap<string, OperatorSpec | null> = new Map<string, OperatorSpec | null>([
  ...(
    [
      ['w', 1], ['J', 1], ['j', 1], ['M', 1], ['d', 2], ['ri', 1], ['i', 1], ['gs', 1], ['q', 0], ['Q', 0], ['cm', 6],
      ['m', 2], ['l', 2], ['c', 6], ['v', 4], ['y', 4], ['h', 0], ['re', 4], ['S', 0], ['s', 0], ['f', 0], ['F', 0],
      ['f*', 0], ['B', 0], ['B*', 0], ['b', 0], ['b*', 0], ['n', 0], ['W', 0], ['W*', 0], ['BT', 0], ['ET', 0],
      ['Tc', 1], ['Tw', 1], ['Tz', 1], ['TL', 1], ['Tf', 2], ['Tr', 1], ['Ts', 1], ['Td', 2], ['TD', 2], ['Tm', 6],
      ['T*', 0], ['Tj', 1], ['TJ', 1], ["'", 1], ['"', 3], ['d0', 2], ['d1', 6], ['CS', 1], ['cs', 1], ['SC', 4, true],
      ['SCN', 33, true], ['sc', 4, true], ['scn', 33, true], ['G', 1], ['g', 1], ['RG', 3], ['rg', 3], ['K', 4], ['k', 4],
      ['sh', 1], ['BI', 0], ['ID', 0], ['EI', 1], ['Do', 1], ['MP', 1], ['DP', 2], ['BMC', 1], ['BDC', 2], ['EMC', 0],
      ['BX', 0], ['EX', 0],
    ] as [string, number, boolean?][]
  ).map(([name, args, variable]): [string, OperatorSpec] => [name, { args, variable: variable === true }]),
  ...['BM', 'BD', 'true', 'fa', 'fal', 'fals', 'false', 'nu', 'nul', 'null'].map((word): [string, null] => [word, null]),
]);

const PATH_OPERATORS = new Set(['m', 'l', 'c', 'v', 'y', 'h', 're', 'S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*', 'n']);
/** pdfjs stops reading a stream after this many path operators in a row with too few operands */
const MAX_INVALID_PATH_OPS = 10;
const MAX_ARGS = 33;

/**
 * A content stream's operators with their operands, taken as pdfjs's EvaluatorPreprocessor
 * takes them: an operator with too many operands keeps the last ones (the others wait for
 * the next operator short of some), one with too few is dropped (and too many dropped path
 * operators in a row end the reading), an unknown word leaves its operands to the next
 * operator. `strings`: operands that are strings carry their bytes (text); otherwise STRING.
 */
export function* operations(data: Uint8Array, strings = false): Generator<{ name: string; args: unknown[] }> {
  const lexer = new Lexer(data, 0, OPERATORS, strings);
  const pending: unknown[] = []; // pdfjs's nonProcessedArgs
  let args: unknown[] = [];
  let invalidPathOps = 0;
  let lastWasPath = false;
  while (true) {
    const token = lexer.next();
    if (token === EOF) return;
    if (typeof token !== 'string' || token === '[' || token === '<<') {
      const value = parseValue(lexer, token, false);
      if (value !== null) {
        args.push(value);
        if (args.length > MAX_ARGS) throw new Unsupported('too many operands');
      }
      continue;
    }
    const spec = OPERATORS.get(token);
    if (!spec) continue; // unknown operator (or a lexer-only word): pdfjs keeps its operands for the next one
    if (!lastWasPath) invalidPathOps = 0;
    lastWasPath = PATH_OPERATORS.has(token);
    if (!spec.variable && args.length !== spec.args) {
      while (args.length > spec.args) pending.push(args.shift());
      while (args.length < spec.args && pending.length > 0) args.unshift(pending.pop());
    }
    if (!spec.variable && args.length < spec.args) {
      if (lastWasPath && ++invalidPathOps > MAX_INVALID_PATH_OPS) throw new Unsupported('invalid path operators');
      args = [];
      continue;
    }
    yield { name: token, args };
    args = [];
  }
}


function numbers(args: readonly unknown[], count: number): number[] {
  for (let index = 0; index < count; index += 1) {
    if (typeof args[index] !== 'number') throw new Unsupported('path operand is not a number');
  }
  return args as number[];
}

/** pdfjs's lookupMatrix: six numbers, or null. */
function matrixOf(value: PdfValue | undefined): number[] | null {
  return Array.isArray(value) && value.length === 6 && value.every((n) => typeof n === 'number') ? (value as number[]) : null;
}

class ContentReader {
  readonly fnArray: number[] = [];
  readonly argsArray: unknown[] = [];
  private readonly paints: ReadonlyMap<string, number>;

  constructor(
    private readonly file: PdfFile,
    private readonly ops: DrawingOps,
  ) {
    this.paints = new Map([
      ['S', ops.stroke], ['s', ops.closeStroke], ['f', ops.fill], ['F', ops.fill], ['f*', ops.eoFill], ['B', ops.fillStroke],
      ['B*', ops.eoFillStroke], ['b', ops.closeFillStroke], ['b*', ops.closeEOFillStroke], ['n', ops.endPath],
    ]);
  }

  private add(fn: number, args: unknown): void {
    this.fnArray.push(fn);
    this.argsArray.push(args);
  }

  /**
   * Fetches resource dictionaries pdfjs fetches while it builds the list, so that where one
   * cannot be parsed — which ends pdfjs's list there — the reader declines instead of
   * reading on: XObject and Pattern at the start of each stream, Font at the first text,
   * ColorSpace, Pattern and Shading at the first pattern colour or shading.
   */
  private async touch(resources: Dict, keys: readonly string[]): Promise<void> {
    for (const key of keys) {
      const value = await this.file.get(resources, key);
      // pdfjs looks fonts up in whatever /Font holds: anything but a dictionary ends its list
      if (key === 'Font' && value !== undefined && value !== null && value !== false && value !== 0 && !isDict(value)) throw new Unsupported('Font resources');
    }
  }

  /**
   * `cs`/`CS`: the colour space is looked up (and must parse). A pattern space declines:
   * pdfjs builds each pattern's tile, and a colour operator without a pattern it can find
   * ends its list.
   */
  private async colourSpace(name: unknown, resources: Dict): Promise<void> {
    if (!(name instanceof Name)) return;
    if (name.name === 'Pattern') throw new Unsupported('pattern colour space');
    if (name.name === 'DeviceGray' || name.name === 'DeviceRGB' || name.name === 'DeviceCMYK') return;
    const spaces = await this.file.get(resources, 'ColorSpace');
    if (!isDict(spaces)) return;
    const space = await this.file.resolve(spaces.get(name.name));
    const family = Array.isArray(space) ? await this.file.resolve(space[0]) : space;
    if (isName(family, 'Pattern')) throw new Unsupported('pattern colour space');
    if (Array.isArray(space)) await Promise.all(space.map((item) => this.file.resolve(item)));
  }

  /** Reads one content stream (the page's, or a form's) with its resources. */
  async read(data: Uint8Array, resources: Dict, forms: readonly Ref[]): Promise<void> {
    await this.touch(resources, ['XObject', 'Pattern']);
    let fontsTouched = false;
    let coloursTouched = false;
    const path: number[] = [];
    for (const { name, args } of operations(data)) {
      if (name === 'Do') await this.xobject(args[0], resources, forms);
      else if (name === 'gs') await this.graphicsState(args[0], resources);
      else if (name === 'Tf' && !fontsTouched) {
        await this.touch(resources, ['Font']);
        fontsTouched = true;
      } else if (name === 'cs' || name === 'CS') await this.colourSpace(args[0], resources);
      else if ((name === 'scn' || name === 'SCN') && args[args.length - 1] instanceof Name) throw new Unsupported('pattern colour');
      else if ((name === 'sc' || name === 'scn' || name === 'SC' || name === 'SCN') && args.length === 0) {
        throw new Unsupported('colour without operands'); // pdfjs reads the colour of no operands and its list ends
      }
      else if (((name === 'Tj' || name === "'") && args[0] !== STRING) || (name === 'TJ' && !Array.isArray(args[0])) || (name === '"' && args[2] !== STRING)) {
        // text operands of another type can end pdfjs's list (its glyph lookup throws)
        throw new Unsupported('text operand');
      } else if ((name === 'scn' || name === 'SCN' || name === 'sh') && !coloursTouched) {
        await this.touch(resources, ['ColorSpace', 'Pattern', 'Shading']);
        coloursTouched = true;
      } else this.operator(name, args, path);
    }
  }

  /** The operators other than Do and gs: those that draw paths or change the transform. */
  private operator(name: string, args: unknown[], path: number[]): void {
    const ops = this.ops;
    switch (name) {
      case 'q':
        this.add(ops.save, null);
        return;
      case 'Q':
        this.add(ops.restore, null);
        return;
      case 'cm':
        this.add(ops.transform, numbers(args, 6));
        return;
      case 'm':
      case 'l': {
        const [x, y] = numbers(args, 2);
        path.push(name === 'm' ? MOVE_TO : LINE_TO, x!, y!);
        return;
      }
      case 'c':
        path.push(CURVE_TO, ...numbers(args, 6));
        return;
      case 'v':
      case 'y': {
        // only the shape of curves matters here (curved paths are no rulings); the control
        // point pdfjs takes from the current point is irrelevant, its place in the data is not
        const [x1, y1, x, y] = numbers(args, 4);
        path.push(CURVE_TO, x1!, y1!, x1!, y1!, x!, y!);
        return;
      }
      case 'h':
        path.push(CLOSE_PATH);
        return;
      case 're': {
        const [x, y, width, height] = numbers(args, 4);
        const xw = x! + width!;
        const yh = y! + height!;
        if (width === 0 || height === 0) path.push(MOVE_TO, x!, y!, LINE_TO, xw, yh, CLOSE_PATH);
        else path.push(MOVE_TO, x!, y!, LINE_TO, xw, y!, LINE_TO, xw, yh, LINE_TO, x!, yh, CLOSE_PATH);
        return;
      }
      case 'S':
      case 's':
      case 'f':
      case 'F':
      case 'f*':
      case 'B':
      case 'B*':
      case 'b':
      case 'b*':
      case 'n': {
        if (name === 's' || name === 'b' || name === 'b*') path.push(CLOSE_PATH);
        const fn = this.paints.get(name)!;
        if (path.length === 0) this.add(ops.constructPath, [fn, [null], null]);
        else this.add(ops.constructPath, [fn, [new Float32Array(path)], null]);
        path.length = 0;
        return;
      }
      case 'BI':
      case 'ID':
      case 'EI':
        throw new Unsupported('inline image');
      default:
    }
  }

  /** A resource of `resources` by category and name; Unsupported when it is not there. */
  private async resource(resources: Dict, category: string, name: unknown): Promise<PdfValue> {
    if (!(name instanceof Name)) throw new Unsupported(`${category} not named`);
    const all = await this.file.get(resources, category);
    if (!isDict(all)) throw new Unsupported(`no ${category} resources`);
    const value = all.get(name.name);
    if (value === undefined) throw new Unsupported(`no ${category} ${name.name}`);
    return value;
  }

  private async xobject(name: unknown, resources: Dict, forms: readonly Ref[]): Promise<void> {
    const raw = await this.resource(resources, 'XObject', name);
    if (raw instanceof Ref && forms.some((form) => form.num === raw.num)) throw new Unsupported('form draws itself');
    const xobject = await this.file.resolve(raw);
    if (!isStream(xobject)) throw new Unsupported('XObject is not a stream');
    const subtype = await this.file.get(xobject.dict, 'Subtype');
    if (!isName(subtype, 'Form')) {
      if (isName(subtype, 'Image') || isName(subtype, 'PS')) return;
      throw new Unsupported('unknown XObject subtype');
    }
    if (xobject.dict.has('OC')) throw new Unsupported('optional content form');
    if (forms.length >= MAX_DEPTH) throw new Unsupported('forms nested too deep');
    const matrixValue = await this.file.get(xobject.dict, 'Matrix');
    const matrix = matrixOf(Array.isArray(matrixValue) ? await Promise.all(matrixValue.map((item) => this.file.resolve(item))) as PdfValue[] : matrixValue);
    this.add(this.ops.paintFormXObjectBegin, [matrix && new Float32Array(matrix), null]);
    const own = await this.file.get(xobject.dict, 'Resources');
    await this.read(await this.file.decode(xobject), isDict(own) ? own : resources, raw instanceof Ref ? [...forms, raw] : forms);
    this.add(this.ops.paintFormXObjectEnd, []);
  }

  /** An ExtGState: a soft mask would bring a form's drawing into the list (pdfjs's handleSMask). */
  private async graphicsState(name: unknown, resources: Dict): Promise<void> {
    const state = await this.file.resolve(await this.resource(resources, 'ExtGState', name));
    if (!isDict(state)) throw new Unsupported('ExtGState is not a dictionary');
    const mask = await this.file.get(state, 'SMask');
    if (mask !== undefined && !isName(mask, 'None')) throw new Unsupported('soft mask');
  }
}

/** A page's inherited attribute (`Resources`), up its `Parent` chain. */
export async function inherited(file: PdfFile, page: Dict, key: string): Promise<PdfValue | undefined> {
  let node: PdfValue | undefined = page;
  for (let depth = 0; isDict(node) && depth < MAX_DEPTH; depth += 1) {
    const value = await file.get(node, key);
    if (value !== undefined) return value;
    node = await file.get(node, 'Parent');
  }
  return undefined;
}

/**
 * The operators of the page whose object is `ref` (pdfjs's `page.ref`), as far as they
 * draw paths. Throws Unsupported where pdfjs's operator list could differ: annotations
 * other than links without appearance (pdfjs draws them into the list), and everything
 * the reader does not follow.
 */
export async function pageOperators(file: PdfFile, ref: { num: number; gen: number }, ops: DrawingOps): Promise<OperatorList> {
  const page = await file.fetch(new Ref(ref.num, ref.gen));
  if (!isDict(page)) throw new Unsupported('page is not a dictionary');
  const annotations = await file.get(page, 'Annots');
  if (Array.isArray(annotations)) {
    for (const item of annotations) {
      const annotation = await file.resolve(item);
      if (!isDict(annotation) || !isName(await file.get(annotation, 'Subtype'), 'Link') || annotation.has('AP')) throw new Unsupported('annotations');
    }
  } else if (annotations !== undefined && annotations !== null) throw new Unsupported('annotations');
  const resources = await inherited(file, page, 'Resources');
  const contents = await file.get(page, 'Contents');
  const streams: PdfValue[] = Array.isArray(contents) ? await Promise.all(contents.map((item) => file.resolve(item)) as Promise<PdfValue>[]) : contents === undefined || contents === null ? [] : [contents];
  const parts: Uint8Array[] = [];
  for (const stream of streams) {
    if (!isStream(stream)) throw new Unsupported('content is not a stream');
    if (stream.dict.has('Resources')) throw new Unsupported('resources in a content stream');
    parts.push(await file.decode(stream));
  }
  const data = parts.length === 1 ? parts[0]! : concat(parts);
  const reader = new ContentReader(file, ops);
  await reader.read(data, isDict(resources) ? resources : new Map(), []);
  return { fnArray: reader.fnArray, argsArray: reader.argsArray };
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
