import { SECTIONS, CHINESE_NUMERALS } from '../model/templates.js';
import { memoize, normalizeText } from '../model/values.js';

/** Headings are short lines; a sentence that names a section is not one. */
const MAX_HEADING_LENGTH = 32;

/**
 * The section (1–6) a line heads, or null. Numbered `一、` headings may be renumbered
 * when a section is missing, so their numeral is not trusted; `（一）` numbering is used for
 * sub-headings too, so it counts only when it agrees with the section it names.
 */
export function sectionOfHeading(line: string): number | null {
  return isProse(line) ? null : headingSection(line);
}

/**
 * A line with more CJK ideographs (U+4E00–U+9FFF) than a heading may have characters: each
 * stays one character through normalizeText (NFKC neither changes nor composes them), so
 * such a line is no heading. Most paragraphs are told apart so, without normalising them
 * or filling the memo with them.
 */
function isProse(line: string): boolean {
  if (line.length <= MAX_HEADING_LENGTH) return false;
  let ideographs = 0;
  for (let index = 0; index < line.length; index += 1) {
    const code = line.charCodeAt(index);
    if (code >= 0x4e00 && code <= 0x9fff && ++ideographs > MAX_HEADING_LENGTH) return true;
  }
  return false;
}

const headingSection = memoize((line: string): number | null => {
  const text = normalizeText(line).replace(/[:：]$/, '');
  if (text.length === 0 || text.length > MAX_HEADING_LENGTH || /[。；;，,]$/.test(text)) return null;
  const numbered = /^([一二三四五六七八九十]+)[、.．]/.exec(text);
  const bracketed = /^\(([一二三四五六七八九十]+)\)/.exec(text);
  const title = text.replace(/^(?:[一二三四五六七八九十]+[、.．]|\([一二三四五六七八九十]+\)|第[一二三四五六七八九十]+部分[、:：]?)/, '');
  for (const section of SECTIONS) {
    if (!section.patterns.some((pattern) => pattern.test(title))) continue;
    if (bracketed && CHINESE_NUMERALS.indexOf(bracketed[1]!) !== section.number) return null;
    if (!numbered && !bracketed && title.length > section.title.length + 6) return null;
    return section.number;
  }
  return null;
});
