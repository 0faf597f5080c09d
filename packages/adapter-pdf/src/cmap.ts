/**
 * ToUnicode CMaps (the `/ToUnicode` stream of a font): which Unicode text each character
 * code of the font stands for, read as pdfjs reads them (its `parseCMap` and
 * `readToUnicode`): `bfchar` and `bfrange` (a start value counted up in its last byte, or an
 * array of values), `cidchar` and `cidrange` (code points given as numbers), values in
 * UTF-16BE with surrogate pairs. What pdfjs would only warn about and skip — malformed
 * entries, a `usecmap` (a predefined CMap it would load) — throws `Unsupported` here.
 */

import { EOF, Lexer, PdfString, Unsupported, type Token } from './content.js';

/** pdfjs refuses ranges longer than this */
const MAX_MAP_RANGE = 2 ** 24 - 1;

/** pdfjs's strToInt: a code's bytes, big-endian. */
function codeOf(token: Token): number {
  if (!(token instanceof PdfString)) throw new Unsupported('malformed CMap: expected a string');
  let code = 0;
  for (let index = 0; index < token.bytes.length; index += 1) code = (code << 8) | token.bytes.charCodeAt(index);
  return code >>> 0;
}

/** A value in UTF-16BE (an odd byte count gets a leading zero byte), as Unicode text. */
function decodeUtf16(bytes: string): string {
  const padded = bytes.length % 2 === 0 ? bytes : `\u0000${bytes}`;
  const points: number[] = [];
  for (let index = 0; index < padded.length; index += 2) {
    const unit = (padded.charCodeAt(index) << 8) | padded.charCodeAt(index + 1);
    if ((unit & 0xf800) !== 0xd800) {
      points.push(unit);
      continue;
    }
    index += 2;
    const low = (padded.charCodeAt(index) << 8) | padded.charCodeAt(index + 1);
    points.push(((unit & 0x3ff) << 10) + (low & 0x3ff) + 0x10000);
  }
  return String.fromCodePoint(...points);
}

/** pdfjs's mapBfRange: the destination's last byte counts up, carrying into the byte before it. */
function mapRange(map: Map<number, string | number>, low: number, high: number, start: string): void {
  if (high - low > MAX_MAP_RANGE) throw new Unsupported('CMap range too long');
  const last = start.length - 1;
  let value = start;
  for (let code = low; code <= high; code += 1) {
    map.set(code, value);
    const next = value.charCodeAt(last) + 1;
    if (next > 0xff) {
      if (last < 1) throw new Unsupported('CMap range overflows a one-byte value');
      value = value.substring(0, last - 1) + String.fromCharCode(value.charCodeAt(last - 1) + 1) + '\u0000';
    } else value = value.substring(0, last) + String.fromCharCode(next);
  }
}

function isWord(token: Token, word: string): boolean {
  return token === word;
}

/**
 * The Unicode text of each code a ToUnicode CMap maps. Throws `Unsupported` for a CMap that
 * pdfjs would read only in part or complete from a predefined CMap.
 */
export function parseToUnicode(data: Uint8Array): Map<number, string> {
  const lexer = new Lexer(data, 0, null, true);
  /** code → the raw value: bytes (bf) or a code point (cid) */
  const raw = new Map<number, string | number>();
  const next = (): Token => {
    const token = lexer.next();
    if (token === EOF) throw new Unsupported('CMap ends inside a section');
    return token;
  };
  while (true) {
    const token = lexer.next();
    if (token === EOF || isWord(token, 'endcmap')) break;
    if (isWord(token, 'usecmap')) throw new Unsupported('CMap uses another CMap');
    if (isWord(token, 'begincodespacerange')) {
      // the font's encoding, not its ToUnicode map, splits strings into codes
      for (let entry = next(); !isWord(entry, 'endcodespacerange'); entry = next()) {
        codeOf(entry);
        codeOf(next());
      }
    } else if (isWord(token, 'beginbfchar')) {
      for (let entry = next(); !isWord(entry, 'endbfchar'); entry = next()) {
        const code = codeOf(entry);
        const value = next();
        if (!(value instanceof PdfString)) throw new Unsupported('malformed CMap: expected a string');
        raw.set(code, value.bytes);
      }
    } else if (isWord(token, 'beginbfrange')) {
      for (let entry = next(); !isWord(entry, 'endbfrange'); entry = next()) {
        const low = codeOf(entry);
        const high = codeOf(next());
        const value = next();
        if (value instanceof PdfString) mapRange(raw, low, high, value.bytes);
        else if (typeof value === 'number' && Number.isInteger(value)) mapRange(raw, low, high, String.fromCharCode(value));
        else if (value === '[') {
          if (high - low > MAX_MAP_RANGE) throw new Unsupported('CMap range too long');
          let code = low;
          for (let item = next(); item !== ']'; item = next()) {
            if (!(item instanceof PdfString)) throw new Unsupported('malformed CMap: expected a string');
            if (code <= high) raw.set(code, item.bytes);
            code += 1;
          }
        } else throw new Unsupported('malformed CMap: bad bfrange');
      }
    } else if (isWord(token, 'begincidchar')) {
      for (let entry = next(); !isWord(entry, 'endcidchar'); entry = next()) {
        const code = codeOf(entry);
        const value = next();
        if (typeof value !== 'number' || !Number.isInteger(value)) throw new Unsupported('malformed CMap: expected an integer');
        raw.set(code, value);
      }
    } else if (isWord(token, 'begincidrange')) {
      for (let entry = next(); !isWord(entry, 'endcidrange'); entry = next()) {
        const low = codeOf(entry);
        const high = codeOf(next());
        const value = next();
        if (typeof value !== 'number' || !Number.isInteger(value)) throw new Unsupported('malformed CMap: expected an integer');
        if (high - low > MAX_MAP_RANGE) throw new Unsupported('CMap range too long');
        for (let code = low; code <= high; code += 1) raw.set(code, value + code - low);
      }
    }
  }
  const map = new Map<number, string>();
  for (const [code, value] of raw) {
    if (typeof value === 'number' && !(value >= 0 && value <= 0x10ffff)) throw new Unsupported('CMap value is not a code point');
    map.set(code, typeof value === 'number' ? String.fromCodePoint(value) : decodeUtf16(value));
  }
  return map;
}
