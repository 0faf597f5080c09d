/**
 * Fonts as far as text extraction needs them: how a shown string splits into character
 * codes, and each code's Unicode text and advance width — read from the font dictionary
 * (`ToUnicode`, `Encoding`, `Widths`/`W`) without the font program, giving what pdfjs's
 * `Font.charsToGlyphs` gives for the same codes.
 *
 * pdfjs also consults the embedded font program (a Type 1 font's built-in encoding, a
 * symbolic TrueType font's name table), predefined CMaps and standard font metrics. Where
 * those could decide a character this module throws `Unsupported` — a font that is not
 * embedded, Type 3, a CID font with an encoding other than Identity-H or without ToUnicode,
 * a glyph name outside the standard Latin set — and the document is left to pdfjs.
 */

import { parseToUnicode } from './cmap.js';
import { isDict, isName, isStream, Name, Unsupported, type Dict, type PdfFile, type PdfValue } from './content.js';
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
}

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
  /** glyph names by code: the base or default encoding with the differences applied */
  names: Map<number, string>;
  baseEncoding: readonly string[] | null;
  differences: Map<number, string>;
  hasEncoding: boolean;
}

/** pdfjs's _simpleFontToUnicode for one code. */
function encodedText(encoding: SimpleEncoding, code: number): Decoded {
  const name = encoding.names.get(code);
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
  return Promise.all(array.map(async (item) => (await file.resolve(item)) ?? null));
}

/** The descriptor of an embedded font; Unsupported for a font pdfjs would substitute. */
async function embeddedDescriptor(file: PdfFile, dict: Dict): Promise<Dict> {
  const descriptor = await file.get(dict, 'FontDescriptor');
  if (!isDict(descriptor)) throw new Unsupported('font without descriptor');
  for (const key of ['FontFile', 'FontFile2', 'FontFile3']) {
    const program = await file.get(descriptor, key);
    if (program === undefined || program === null) continue;
    if (!isStream(program) || program.raw.length === 0) throw new Unsupported('bad font file');
    return descriptor;
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
  await embeddedDescriptor(file, descendant);
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

/** The encoding of a simple font, as pdfjs's extractDataStructures works it out (embedded fonts only). */
async function simpleEncoding(file: PdfFile, dict: Dict, type: string, flags: number): Promise<SimpleEncoding> {
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
    defaultEncoding = symbolic ? MAC_ROMAN_ENCODING : type === 'TrueType' && !nonsymbolic ? WIN_ANSI_ENCODING : STANDARD_ENCODING;
  }
  const names = new Map<number, string>();
  defaultEncoding.forEach((name, code) => names.set(code, name));
  for (const [code, name] of differences) if (name !== '.notdef') names.set(code, name);
  return { names, baseEncoding, differences, hasEncoding: baseName !== null || differences.size > 0 };
}

/** A simple font (Type 1, TrueType): one byte a code. */
async function simpleFont(file: PdfFile, dict: Dict, type: string): Promise<TextFont> {
  if (dict.has('FontMatrix')) throw new Unsupported('font matrix');
  const descriptor = await embeddedDescriptor(file, dict);
  const fontName = await file.get(descriptor, 'FontName');
  const baseFont = await file.get(dict, 'BaseFont');
  // pdfjs gives symbol fonts encodings of their own
  if ([fontName, baseFont].some((name) => name instanceof Name && /Symbol|Dingbats|Wingdings/i.test(name.name))) throw new Unsupported('symbol font');
  const flagsValue = await file.get(descriptor, 'Flags');
  const flags = typeof flagsValue === 'number' && Number.isInteger(flagsValue) ? flagsValue : 0;
  const firstCharValue = await file.get(dict, 'FirstChar');
  const firstChar = typeof firstCharValue === 'number' && Number.isInteger(firstCharValue) ? firstCharValue : 0;
  const widthList = await numberArray(file, dict.get('Widths'));
  if (!widthList) throw new Unsupported('simple font without Widths');
  const widths = new Map<number, number>();
  widthList.forEach((width, index) => {
    if (typeof width === 'number') widths.set(firstChar + index, width);
  });
  const missingWidth = await file.get(descriptor, 'MissingWidth');
  const defaultWidth = typeof missingWidth === 'number' ? missingWidth : 0;

  const encoding = await simpleEncoding(file, dict, type, flags);
  const toUnicode = await toUnicodeOf(file, dict);
  const decode = (code: number): Decoded => {
    if (toUnicode) {
      if (toUnicode.has(code)) return toUnicode.get(code);
      // pdfjs amends a ToUnicode map with the encoding's names (amendFallbackToUnicode)
      return encoding.hasEncoding ? encodedText(encoding, code) : undefined;
    }
    // without ToUnicode pdfjs also reads a Type 1 font's built-in encoding (adjustType1ToUnicode)
    // and a symbolic TrueType font's names (adjustTrueTypeToUnicode): codes those could decide are unsure
    if (type !== 'TrueType' && !(encoding.baseEncoding || encoding.differences.has(code))) return UNSURE;
    if (type === 'TrueType' && !encoding.hasEncoding && (flags & FONT_FLAG_SYMBOLIC) !== 0) return UNSURE;
    return encodedText(encoding, code);
  };

  const cache = new Map<number, Glyph>();
  return {
    glyphs(bytes) {
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
    },
  };
}

/** The font of a font resource. Throws Unsupported for fonts whose text pdfjs could read otherwise. */
export async function loadFont(file: PdfFile, value: PdfValue | undefined): Promise<TextFont> {
  const dict = await file.resolve(value);
  if (!isDict(dict)) throw new Unsupported('font is not a dictionary');
  const subtype = await file.get(dict, 'Subtype');
  if (!(subtype instanceof Name)) throw new Unsupported('font without subtype');
  if (subtype.name === 'Type0') return compositeFont(file, dict);
  if (subtype.name === 'Type1' || subtype.name === 'MMType1' || subtype.name === 'TrueType') return simpleFont(file, dict, subtype.name);
  throw new Unsupported(`font type ${subtype.name}`);
}
