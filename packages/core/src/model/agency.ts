/**
 * Agency names as keys: the same office is written in several ways (full-width or
 * half-width characters, spaces, 人民政府办公室 or 政府办公室), and reports of one agency in
 * different years, or its report and a summary's mapping, must meet under one key.
 */

/**
 * Ways of writing one name part, each group with the form keys use. A clerk may add a
 * group: the variants are plain text, replaced wherever they stand in a name.
 */
export const AGENCY_NAME_VARIANTS: readonly { canonical: string; variants: readonly string[] }[] = [
  // a county's 办公室 and a province's 办公厅 are both written for the same office
  { canonical: '人民政府办公室', variants: ['人民政府办公厅', '人民政府办', '政府办公厅', '政府办公室', '政府办'] },
  { canonical: '人民政府', variants: ['政府'] },
];

/** Characters that are not part of a name: spaces, quotes, brackets and other punctuation. */
const NOT_NAME = /[\s\p{P}\p{S}]/gu;

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Each group's variants as one pattern, the longest first, so one pass replaces each once. */
const GROUPS = AGENCY_NAME_VARIANTS.map(({ canonical, variants }) => ({
  canonical,
  pattern: new RegExp([...variants].sort((a, b) => b.length - a.length).map(escape).join('|'), 'g'),
}));

/**
 * The key an agency's name is stored and matched under: NFKC (full-width to half-width),
 * without spaces or punctuation, and with the variants of AGENCY_NAME_VARIANTS in their
 * canonical form. `normalizeAgency('安宁市 政府办公厅') === normalizeAgency('安宁市人民政府办公室')`.
 */
export function normalizeAgency(name: string): string {
  let key = name.normalize('NFKC').replace(NOT_NAME, '');
  for (const { canonical, pattern } of GROUPS) {
    // a part already in canonical form is left alone (人民政府办公室 holds the variant 政府办)
    key = key
      .split(canonical)
      .map((part) => part.replace(pattern, canonical))
      .join(canonical);
  }
  return key;
}
