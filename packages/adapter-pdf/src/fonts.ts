/**
 * Fonts as far as text extraction needs them: how a shown string splits into character
 * codes, and each code's Unicode text and advance width — read from the font dictionary
 * (`ToUnicode`, `Encoding`, `Widths`/`W`, a Type 3 font's `FontMatrix`) without the font
 * program, giving what pdfjs's `Font.charsToGlyphs` gives for the same codes.
 *
 * pdfjs also consults the embedded font program (a Type 1 font's built-in encoding, a
 * symbolic TrueType font's name table), predefined CMaps and standard font metrics. Where
 * those could decide a character this module throws `Unsupported` — a font that is not
 * embedded, a CID font with an encoding other than Identity-H or without ToUnicode, a code
 * of a simple font without ToUnicode whose text the program's encoding or names could
 * give, a glyph name outside the standard Latin set, a Type 3 font whose glyph boxes pdfjs
 * would take for the font's — and the document is left to pdfjs. Symbolic fonts (the
 * Symbolic flag, symbol font names) only change the default encoding of an embedded font.
 */

import { parseToUnicode } from './cmap.js';
import { EOF, isDict, isName, isStream, Lexer, Name, OPERATORS, Ref, STRING, Unsupported, type Dict, type PdfFile, type PdfValue, type Stream } from './content.js';
import { GLYPH_UNICODES, MAC_ROMAN_ENCODING, STANDARD_ENCODING, WIN_ANSI_ENCODING } from './encodings.js';

/** One character code of a shown string, as pdfjs's Glyph has it. */
export interface Glyph {
  code: number;
  unicode: string;
  /** advance in thousandths of the font size */
  width: number;
  /** pdfjs's character categories (getCharUnicodeCategory) */
  isWhitespace: boolean;
  isZeroWidthDiacritic: boolean;
  isInvisibleFormatMark: boolean;
}

export interface TextFont {
  /** The glyphs of a shown string (its bytes, one char each). Throws Unsupported for a code this module cannot decode as pdfjs. */
  glyphs(bytes: string): Glyph[];
  /** pdfjs's font.fontMatrix: a glyph's advance in text space is its width times `fontMatrix[0]` times the font size */
  fontMatrix: readonly number[];
  /**
   * Type 3 fonts with a FontMatrix other than the default: pdfjs multiplies the vertical
   * font size of text at sizes up to 1 by the height of the font's box times `fontMatrix[3]`
   * (getCurrentTextTransform). Null where it does not.
   */
  smallSizeHeightScale: number | null;
}

/** pdfjs's FONT_IDENTITY_MATRIX: the font matrix of every font but Type 3 (widths in thousandths) */
const FONT_IDENTITY_MATRIX: readonly number[] = [0.001, 0, 0, 0.001, 0, 0];

/** pdfjs's SpecialCharRegExp: only the first alternative is anchored at the start, only the last at the end. */
const SPECIAL_CHAR = /^(\s)|(\p{Mn})|(\p{Cf})$/u;

function makeGlyph(code: number, unicode: string, width: number): Glyph {
  const groups = SPECIAL_CHAR.exec(unicode);
  return { code, unicode, width, isWhitespace: !!groups?.[1], isZeroWidthDiacritic: !!groups?.[2], isInvisibleFormatMark: !!groups?.[3] };
}

/** A code whose text depends on what this module does not read (the font program, the full glyph list). */
const UNSURE = Symbol('unsure');
type Decoded = string | typeof UNSURE | undefined;

const FONT_FLAG_SYMBOLIC = 4;
const FONT_FLAG_NONSYMBOLIC = 32;

const BASE_ENCODINGS: ReadonlyMap<string, readonly string[]> = new Map([
  ['WinAnsiEncoding', WIN_ANSI_ENCODING],
  ['MacRomanEncoding', MAC_ROMAN_ENCODING],
]);

/**
 * A glyph name's code point as pdfjs's getUnicodeForGlyph finds it, for the names this
 * module knows: those of the Latin encodings and `uniXXXX`/`uXXXX[XX]` (no name of the full
 * glyph list has that form). UNSURE for other names, which the full list may hold.
 */
function glyphCode(name: string): number | typeof UNSURE {
  const known = GLYPH_UNICODES.get(name);
  if (known !== undefined) return known;
  const hex = /^uni([0-9A-F]{4})$/.exec(name)?.[1] ?? /^u([0-9A-F]{4,6})$/.exec(name)?.[1];
  return hex === undefined ? UNSURE : parseInt(hex, 16);
}

interface SimpleEncoding {
  /** the base encoding, or the font's default */
  defaultEncoding: readonly string[];
  baseEncoding: readonly string[] | null;
  differences: Map<number, string>;
  hasEncoding: boolean;
}

/** pdfjs's _simpleFontToUnicode for one code. */
function encodedText(encoding: SimpleEncoding, code: number): Decoded {
  const difference = encoding.differences.get(code);
  const name = difference !== undefined && difference !== '.notdef' ? difference : encoding.defaultEncoding[code];
  if (name === undefined || name === '') return undefined;
  const point = glyphCode(name);
  if (point === UNSURE) return UNSURE;
  if (GLYPH_UNICODES.has(name)) return String.fromCharCode(point);
  if (!(point > 0 && point <= 0x10ffff)) return undefined;
  // a uniXXXX name for the code's own value: pdfjs takes the base encoding's glyph
  const baseName = encoding.baseEncoding && point === code ? encoding.baseEncoding[code] : undefined;
  if (baseName) return String.fromCharCode(GLYPH_UNICODES.get(baseName)!);
  return String.fromCodePoint(point);
}

async function numberArray(file: PdfFile, value: PdfValue | undefined): Promise<PdfValue[] | null> {
  const array = await file.resolve(value);
  if (!Array.isArray(array)) return null;
  // most arrays hold no references: no turn of the event loop per item
  if (!array.some((item) => item instanceof Ref)) return array;
  return Promise.all(array.map(async (item) => (await file.resolve(item)) ?? null));
}

/** An array of `length` numbers (references resolved), as pdfjs's lookupMatrix and lookupRect take it; else null. */
async function numbersOf(file: PdfFile, value: PdfValue | undefined, length: number): Promise<number[] | null> {
  const array = await numberArray(file, value);
  return array?.length === length && array.every((item): item is number => typeof item === 'number') ? array : null;
}

/** The descriptor and font program of an embedded font; Unsupported for a font pdfjs would substitute. */
async function embeddedFont(file: PdfFile, dict: Dict): Promise<{ descriptor: Dict; program: Stream }> {
  const descriptor = await file.get(dict, 'FontDescriptor');
  if (!isDict(descriptor)) throw new Unsupported('font without descriptor');
  for (const key of ['FontFile', 'FontFile2', 'FontFile3']) {
    const program = await file.get(descriptor, key);
    if (program === undefined || program === null) continue;
    if (!isStream(program) || program.raw.length === 0) throw new Unsupported('bad font file');
    return { descriptor, program };
  }
  throw new Unsupported('font not embedded');
}

async function toUnicodeOf(file: PdfFile, ...dicts: Dict[]): Promise<Map<number, string> | null> {
  for (const dict of dicts) {
    const value = await file.get(dict, 'ToUnicode');
    if (value === undefined || value === null) continue;
    if (!isStream(value)) throw new Unsupported('ToUnicode is not a stream');
    const map = parseToUnicode(await file.decode(value));
    if (map.size === 0) throw new Unsupported('empty ToUnicode');
    return map;
  }
  return null;
}

/** A code's text, with pdfjs's fallback to the code itself (`toUnicode.get(code) || code`). */
function textOf(decoded: Decoded, code: number): string {
  if (decoded === UNSURE) throw new Unsupported(`character code ${code} needs the font program`);
  return decoded || String.fromCharCode(code);
}

/** A composite font with the Identity-H encoding: two bytes a code, the code is the CID. */
async function compositeFont(file: PdfFile, dict: Dict): Promise<TextFont> {
  const encoding = await file.get(dict, 'Encoding');
  if (!isName(encoding, 'Identity-H')) throw new Unsupported('CID font encoding other than Identity-H');
  const descendants = await file.get(dict, 'DescendantFonts');
  const descendant = await file.resolve(Array.isArray(descendants) ? descendants[0] : descendants);
  if (!isDict(descendant)) throw new Unsupported('no descendant font');
  const subtype = await file.get(descendant, 'Subtype');
  if (!isName(subtype, 'CIDFontType0') && !isName(subtype, 'CIDFontType2')) throw new Unsupported('unknown CID font type');
  if (descendant.has('FontMatrix')) throw new Unsupported('font matrix');
  await embeddedFont(file, descendant);
  const toUnicode = await toUnicodeOf(file, descendant, dict);
  if (!toUnicode) throw new Unsupported('CID font without ToUnicode');

  const dw = await file.get(descendant, 'DW');
  const defaultWidth = typeof dw === 'number' ? Math.ceil(dw) : 1000;
  const widths = new Map<number, number>();
  const w = await numberArray(file, descendant.get('W'));
  // pdfjs's extractWidths: `c [w1 w2 …]` and `cfirst clast w`; reading stops at a malformed entry
  for (let index = 0; w && index < w.length; index += 1) {
    let start = w[index++];
    if (typeof start !== 'number' || !Number.isInteger(start)) break;
    const next = await file.resolve(w[index]);
    if (Array.isArray(next)) {
      for (const item of next) {
        const width = await file.resolve(item);
        if (typeof width === 'number') widths.set(start, width);
        start += 1;
      }
    } else if (typeof next === 'number' && Number.isInteger(next)) {
      const width = w[++index];
      if (typeof width !== 'number') continue;
      for (let cid = start; cid <= next; cid += 1) widths.set(cid, width);
    } else break;
  }

  const cache = new Map<number, Glyph>();
  return {
    fontMatrix: FONT_IDENTITY_MATRIX,
    smallSizeHeightScale: null,
    glyphs(bytes) {
      const glyphs: Glyph[] = [];
      for (let index = 0; index < bytes.length; index += 2) {
        // a lone last byte reads as its value shifted, as in pdfjs's readCharCode
        const code = ((bytes.charCodeAt(index) << 8) | (index + 1 < bytes.length ? bytes.charCodeAt(index + 1) : 0)) >>> 0;
        let glyph = cache.get(code);
        if (!glyph) {
          glyph = makeGlyph(code, textOf(toUnicode.get(code), code), widths.get(code) ?? defaultWidth);
          cache.set(code, glyph);
        }
        glyphs.push(glyph);
      }
      return glyphs;
    },
  };
}

/**
 * The encoding of a simple font, as pdfjs's extractDataStructures works it out for an
 * embedded font; `symbolsFontName`: whether the font's name is one of pdfjs's symbol fonts
 * (asked only where it matters: without a base encoding).
 */
async function simpleEncoding(file: PdfFile, dict: Dict, type: string, flags: number, symbolsFontName: () => boolean): Promise<SimpleEncoding> {
  const differences = new Map<number, string>();
  let baseName: string | null = null;
  if (dict.has('Encoding')) {
    const encoding = await file.get(dict, 'Encoding');
    if (isDict(encoding)) {
      const base = await file.get(encoding, 'BaseEncoding');
      baseName = base instanceof Name ? base.name : null;
      const entries = await numberArray(file, encoding.get('Differences'));
      let code = 0;
      for (const entry of entries ?? []) {
        if (typeof entry === 'number') code = entry;
        else if (entry instanceof Name) differences.set(code++, entry.name);
        else throw new Unsupported('bad Differences entry');
      }
    } else if (encoding instanceof Name) baseName = encoding.name;
    else throw new Unsupported('bad Encoding');
    if (baseName === 'MacExpertEncoding') throw new Unsupported('MacExpertEncoding');
    if (baseName !== null && !BASE_ENCODINGS.has(baseName)) baseName = null;
  }
  const baseEncoding = baseName ? BASE_ENCODINGS.get(baseName)! : null;
  let defaultEncoding = baseEncoding;
  if (!defaultEncoding) {
    let symbolic = (flags & FONT_FLAG_SYMBOLIC) !== 0;
    const nonsymbolic = (flags & FONT_FLAG_NONSYMBOLIC) !== 0;
    if (type === 'TrueType' && symbolic && nonsymbolic && differences.size > 0) symbolic = false;
    defaultEncoding = symbolic || symbolsFontName() ? MAC_ROMAN_ENCODING : type === 'TrueType' && !nonsymbolic ? WIN_ANSI_ENCODING : STANDARD_ENCODING;
  }
  return { defaultEncoding, baseEncoding, differences, hasEncoding: baseName !== null || differences.size > 0 };
}

/** A simple font's widths by code (`Widths` from `FirstChar`) and for other codes (`MissingWidth`), as pdfjs's extractWidths. */
async function simpleWidths(file: PdfFile, dict: Dict, descriptor: Dict | null): Promise<{ widths: Map<number, number>; defaultWidth: number }> {
  const firstCharValue = await file.get(dict, 'FirstChar');
  const firstChar = typeof firstCharValue === 'number' && Number.isInteger(firstCharValue) ? firstCharValue : 0;
  const widthList = await numberArray(file, dict.get('Widths'));
  // without Widths pdfjs takes the metrics of a standard font
  if (!widthList) throw new Unsupported('simple font without Widths');
  const widths = new Map<number, number>();
  widthList.forEach((width, index) => {
    if (typeof width === 'number') widths.set(firstChar + index, width);
  });
  const missingWidth = descriptor ? await file.get(descriptor, 'MissingWidth') : undefined;
  return { widths, defaultWidth: typeof missingWidth === 'number' ? missingWidth : 0 };
}

/** The glyphs of a font with one byte a code. */
function singleByteGlyphs(decode: (code: number) => Decoded, widths: Map<number, number>, defaultWidth: number): TextFont['glyphs'] {
  const cache = new Map<number, Glyph>();
  return (bytes) => {
    const glyphs: Glyph[] = [];
    for (let index = 0; index < bytes.length; index += 1) {
      const code = bytes.charCodeAt(index);
      let glyph = cache.get(code);
      if (!glyph) {
        glyph = makeGlyph(code, textOf(decode(code), code), widths.get(code) ?? defaultWidth);
        cache.set(code, glyph);
      }
      glyphs.push(glyph);
    }
    return glyphs;
  };
}

/** pdfjs's getSymbolsFonts: embedded fonts of these names default to MacRoman like symbolic ones. */
const SYMBOLS_FONTS = new Set(['Dingbats', 'Symbol', 'ZapfDingbats', 'Wingdings', 'Wingdings-Bold', 'Wingdings-Regular']);

/**
 * Whether pdfjs's name for an embedded simple font (the descriptor's FontName, or where it
 * differs from BaseFont one of the two by pdfjs's tables of known fonts) is a symbols font.
 * Unsupported where that choice could decide it.
 */
function isSymbolsFontName(fontName: PdfValue | undefined, baseFont: PdfValue | undefined): boolean {
  if (fontName instanceof Name && baseFont instanceof Name && fontName.name === baseFont.name) return SYMBOLS_FONTS.has(fontName.name);
  // a string name is not read here; a symbols name beside another could be either's
  const couldBeSymbols = (name: PdfValue | undefined) => name === STRING || (name instanceof Name && SYMBOLS_FONTS.has(name.name));
  if (couldBeSymbols(fontName) || couldBeSymbols(baseFont)) throw new Unsupported('symbol font name');
  return false;
}

/**
 * Whether pdfjs reads the program as TrueType (getFontFileType, checkAndRepair): a TrueType
 * header and no CFF outlines, which it can read as a Type 1 font's.
 */
async function isTrueTypeProgram(file: PdfFile, program: Stream): Promise<boolean> {
  const data = await file.decode(program);
  if (data.length < 12) return false;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const version = view.getUint32(0);
  if (version !== 0x00010000 && version !== 0x74727565 /* 'true' */) return false;
  const tableCount = view.getUint16(4);
  for (let index = 0; index < tableCount && 12 + index * 16 + 4 <= data.length; index += 1) {
    if (view.getUint32(12 + index * 16) === 0x43464620 /* 'CFF ' */) return false;
  }
  return true;
}

/** A simple font (Type 1, TrueType): one byte a code. */
async function simpleFont(file: PdfFile, dict: Dict, type: string): Promise<TextFont> {
  if (dict.has('FontMatrix')) throw new Unsupported('font matrix');
  const { descriptor, program } = await embeddedFont(file, dict);
  const flagsValue = await file.get(descriptor, 'Flags');
  const flags = typeof flagsValue === 'number' && Number.isInteger(flagsValue) ? flagsValue : 0;
  const { widths, defaultWidth } = await simpleWidths(file, dict, descriptor);

  const fontName = await file.get(descriptor, 'FontName');
  const baseFont = await file.get(dict, 'BaseFont');
  const encoding = await simpleEncoding(file, dict, type, flags, () => isSymbolsFontName(fontName, baseFont));
  const toUnicode = await toUnicodeOf(file, dict);
  if (toUnicode) {
    // pdfjs amends a ToUnicode map with the encoding's names (amendFallbackToUnicode), and
    // takes the code itself for other codes: the program is not consulted
    return {
      fontMatrix: FONT_IDENTITY_MATRIX,
      smallSizeHeightScale: null,
      glyphs: singleByteGlyphs((code) => (toUnicode.has(code) ? toUnicode.get(code) : encoding.hasEncoding ? encodedText(encoding, code) : undefined), widths, defaultWidth),
    };
  }
  // Without ToUnicode pdfjs amends the encoding's text from the program: a Type 1 or CFF
  // program's built-in encoding (adjustType1ToUnicode) for codes without a base encoding or
  // Differences entry, a symbolic TrueType program's name table (adjustTrueTypeToUnicode) for
  // every code of a font without Encoding. Which it does depends on the program's format, not
  // the font's subtype.
  const trueTypeProgram = type === 'TrueType' && (await isTrueTypeProgram(file, program));
  const programMayDecide = (code: number) =>
    trueTypeProgram ? !encoding.hasEncoding && (flags & FONT_FLAG_SYMBOLIC) !== 0 : !(encoding.baseEncoding || encoding.differences.has(code));
  const decode = (code: number): Decoded => (programMayDecide(code) ? UNSURE : encodedText(encoding, code));
  return { fontMatrix: FONT_IDENTITY_MATRIX, smallSizeHeightScale: null, glyphs: singleByteGlyphs(decode, widths, defaultWidth) };
}

/** A rectangle with its corners ordered, as pdfjs's Util.normalizeRect. */
function normalizeRect([x0, y0, x1, y1]: readonly number[]): number[] {
  return [Math.min(x0!, x1!), Math.min(y0!, y1!), Math.max(x0!, x1!), Math.max(y0!, y1!)];
}

/** The operands and name of the first operator of a Type 3 glyph; null for a glyph without operators. */
function glyphStart(data: Uint8Array): { operator: string; operands: number[] } | null {
  const lexer = new Lexer(data, 0, OPERATORS);
  const operands: number[] = [];
  for (let token = lexer.next(); token !== EOF; token = lexer.next()) {
    if (typeof token === 'number') operands.push(token);
    else if (typeof token === 'string' && OPERATORS.get(token)) return { operator: token, operands };
    else throw new Unsupported('Type 3 glyph starts with other operands');
  }
  return null;
}

/**
 * pdfjs runs every glyph of a Type 3 font when it loads the font (loadType3Data). Where a
 * glyph opens with d1 and a box ten times the font's (or the font has no box), it takes the
 * union of such boxes for the font's (isCharBBox) and stretches text to it at every size.
 * That, and a glyph that does not open with d0 or d1 (whose first operator pdfjs would take
 * for something else), is Unsupported; a font whose glyphs all fit leaves the text alone.
 */
async function checkGlyphBoxes(file: PdfFile, dict: Dict, fontBox: readonly number[]): Promise<void> {
  const fontBoxSize = Math.hypot(fontBox[2]! - fontBox[0]!, fontBox[3]! - fontBox[1]!);
  if (fontBoxSize === 0) throw new Unsupported('Type 3 font without a FontBBox');
  const charProcs = await file.get(dict, 'CharProcs');
  if (!isDict(charProcs)) throw new Unsupported('Type 3 font without CharProcs');
  await Promise.all(
    [...charProcs.values()].map(async (value) => {
      const glyph = await file.resolve(value);
      if (!isStream(glyph)) throw new Unsupported('Type 3 glyph is not a stream');
      const start = glyphStart(await file.decode(glyph));
      if (start === null || (start.operator === 'd0' && start.operands.length === 2)) return;
      if (start.operator !== 'd1' || start.operands.length !== 6) throw new Unsupported('Type 3 glyph does not start with d0 or d1');
      const [x0, y0, x1, y1] = normalizeRect(start.operands.slice(2));
      const width = x1! - x0!;
      const height = y1! - y0!;
      if (width !== 0 && height !== 0 && Math.round(Math.hypot(width, height) / fontBoxSize) >= 10) throw new Unsupported('Type 3 glyph box ten times the font box');
    }),
  );
}

/**
 * A Type 3 font: one byte a code, decoded as other simple fonts (but pdfjs does not amend
 * its ToUnicode with the encoding's names, and it has no font program), its widths in the
 * units of its FontMatrix.
 */
async function type3Font(file: PdfFile, dict: Dict): Promise<TextFont> {
  const fontMatrix = await numbersOf(file, dict.get('FontMatrix'), 6);
  // pdfjs takes the default matrix for a malformed one; the spec requires one
  if (!fontMatrix) throw new Unsupported('Type 3 font without a FontMatrix');
  const descriptor = (await file.get(dict, 'FontDescriptor')) ?? null;
  if (descriptor !== null && !isDict(descriptor)) throw new Unsupported('font descriptor is not a dictionary');
  // pdfjs's font name (the descriptor's FontName, else Type3) chooses encodings for symbol and GBK-named fonts
  const fontName = (descriptor ? await file.get(descriptor, 'FontName') : undefined) ?? new Name('Type3');
  if (!(fontName instanceof Name)) throw new Unsupported('Type 3 font name is not a name');
  const flagsValue = descriptor ? await file.get(descriptor, 'Flags') : undefined;
  const flags = typeof flagsValue === 'number' && Number.isInteger(flagsValue) ? flagsValue : 0;
  const encoding = await simpleEncoding(file, dict, 'Type3', flags, () => SYMBOLS_FONTS.has(fontName.name));
  if (encoding.baseEncoding === WIN_ANSI_ENCODING && fontName.name.charCodeAt(0) >= 0xb7) throw new Unsupported('WinAnsi font with a GBK name');
  const { widths, defaultWidth } = await simpleWidths(file, dict, descriptor);

  // pdfjs's font.bbox: the descriptor's FontBBox if it has one at all (its `||`), else the font's
  const descriptorBox = descriptor ? await file.get(descriptor, 'FontBBox') : undefined;
  const box = await numbersOf(file, descriptorBox || dict.get('FontBBox'), 4);
  const fontBox = box ? normalizeRect(box) : [0, 0, 0, 0];
  await checkGlyphBoxes(file, dict, fontBox);
  const isDefaultMatrix = fontMatrix.every((value, index) => value === FONT_IDENTITY_MATRIX[index]);
  const boxHeight = fontBox[3]! - fontBox[1]!;

  const toUnicode = await toUnicodeOf(file, dict);
  // without ToUnicode, pdfjs can give a font it takes for not embedded and names Symbol,
  // Dingbats or Wingdings the Symbol, ZapfDingbats or WinAnsi encoding (not read here)
  const symbolEncoding = /Symbol|Dingbats|Wingdings/i.test(fontName.name);
  const decode = (code: number): Decoded => (toUnicode ? toUnicode.get(code) : symbolEncoding ? UNSURE : encodedText(encoding, code));
  return {
    fontMatrix,
    smallSizeHeightScale: !isDefaultMatrix && boxHeight > 0 ? boxHeight * fontMatrix[3]! : null,
    glyphs: singleByteGlyphs(decode, widths, defaultWidth),
  };
}

/** A reference as pdfjs's Ref.toString writes it. */
function refText(ref: Ref): string {
  return ref.gen === 0 ? `${ref.num}R` : `${ref.num}R${ref.gen}`;
}

/**
 * A hash of what pdfjs's preEvaluateFont hashes of a simple font: its raw Encoding (names,
 * references, Differences), FirstChar-LastChar, the raw bytes of its ToUnicode and its
 * Widths. FNV-1a, not pdfjs's MurmurHash: equal inputs give equal hashes, which is all the
 * check needs (a collision only declines a font).
 */
async function fontHash(file: PdfFile, dict: Dict): Promise<number> {
  let hash = 0x811c9dc5;
  const addCode = (code: number) => {
    hash = Math.imul(hash ^ code, 0x01000193);
  };
  const addText = (text: string) => {
    for (let index = 0; index < text.length; index += 1) addCode(text.charCodeAt(index));
  };
  const END = 0x10000;
  // pdfjs joins an array's entries with commas (an entry of another kind as '')
  const addArray = (array: readonly PdfValue[], entries: (entry: PdfValue) => boolean) => {
    let first = true;
    for (const entry of array) {
      if (!entries(entry)) continue;
      if (!first) addCode(0x2c);
      first = false;
      if (entry instanceof Name) addText(entry.name);
      else if (entry instanceof Ref) addText(refText(entry));
      else if (typeof entry === 'number') addText(String(entry));
    }
    addCode(END);
  };
  const addName = (value: Name | Ref) => {
    addText(value instanceof Name ? value.name : refText(value));
    addCode(END);
  };
  const encoding = dict.get('Encoding');
  if (isDict(encoding)) {
    for (const value of encoding.values()) {
      if (Array.isArray(value)) addArray(value, () => true);
      else if (value instanceof Name || value instanceof Ref) addName(value);
    }
  } else if (encoding instanceof Name || encoding instanceof Ref) addName(encoding);
  const integer = (value: PdfValue | undefined, fallback: number) => (typeof value === 'number' && Number.isInteger(value) ? value : fallback);
  addText(`${integer(await file.get(dict, 'FirstChar'), 0)}-${integer(await file.get(dict, 'LastChar'), 0xff)}`);
  addCode(END);
  const toUnicode = await file.get(dict, 'ToUnicode');
  if (isStream(toUnicode)) {
    for (const byte of toUnicode.raw) addCode(byte);
    addCode(END);
  } else if (toUnicode instanceof Name) addName(toUnicode);
  const widths = await file.get(dict, 'Widths');
  if (Array.isArray(widths)) addArray(widths, (entry) => typeof entry === 'number' || entry instanceof Ref);
  return hash;
}

interface DescriptorFonts {
  /** the fonts with this descriptor and how they read here, while all read alike */
  alike: { dict: Dict; reading: string }[];
  /** once some read differently: how the fonts of each hash (fontHash) read */
  byHash: Map<number, string> | null;
}

/** Per file: the simple fonts by their descriptor (a reference). */
const fontsByDescriptor = new WeakMap<PdfFile, Map<string, DescriptorFonts>>();

async function addHashed(file: PdfFile, byHash: Map<number, string>, dict: Dict, reading: string): Promise<void> {
  const hash = await fontHash(file, dict);
  const earlier = byHash.get(hash);
  if (earlier === undefined) byHash.set(hash, reading);
  else if (earlier !== reading) throw new Unsupported('pdfjs would take this font for another');
}

/**
 * pdfjs's loadFont gives a font the Font of an earlier one with the same descriptor object
 * (a reference) and the same hash (fontHash), though FontMatrix, FontBBox and the
 * subtype are not in it. Fonts it would merge must read alike here, else Unsupported. The
 * hashes are only worked out once fonts of one descriptor read differently.
 */
async function checkAliases(file: PdfFile, dict: Dict, subtype: string, font: TextFont): Promise<void> {
  const descriptor = dict.get('FontDescriptor');
  if (!(descriptor instanceof Ref)) return;
  const reading = JSON.stringify([subtype, font.fontMatrix, font.smallSizeHeightScale]);
  let byDescriptor = fontsByDescriptor.get(file);
  if (!byDescriptor) fontsByDescriptor.set(file, (byDescriptor = new Map()));
  const key = refText(descriptor);
  let fonts = byDescriptor.get(key);
  if (!fonts) byDescriptor.set(key, (fonts = { alike: [], byHash: null }));
  if (!fonts.byHash) {
    if (fonts.alike.every((other) => other.reading === reading)) {
      fonts.alike.push({ dict, reading });
      return;
    }
    const byHash = (fonts.byHash = new Map<number, string>());
    for (const other of fonts.alike) await addHashed(file, byHash, other.dict, other.reading);
  }
  await addHashed(file, fonts.byHash, dict, reading);
}

/** The font of a font resource. Throws Unsupported for fonts whose text pdfjs could read otherwise. */
export async function loadFont(file: PdfFile, value: PdfValue | undefined): Promise<TextFont> {
  const dict = await file.resolve(value);
  if (!isDict(dict)) throw new Unsupported('font is not a dictionary');
  const subtype = await file.get(dict, 'Subtype');
  if (!(subtype instanceof Name)) throw new Unsupported('font without subtype');
  if (subtype.name === 'Type0') return compositeFont(file, dict);
  let font: TextFont;
  if (subtype.name === 'Type1' || subtype.name === 'MMType1' || subtype.name === 'TrueType') font = await simpleFont(file, dict, subtype.name);
  else if (subtype.name === 'Type3') font = await type3Font(file, dict);
  else throw new Unsupported(`font type ${subtype.name}`);
  if (value instanceof Ref) await checkAliases(file, dict, subtype.name, font);
  return font;
}
