import { NATIONAL_VOCABULARY, type Vocabulary } from '../model/cell-keys.js';
import { compileMessage, fillMessage } from './compiled-message.js';

const LOCATIONS = new WeakMap<Vocabulary, Map<string, string>>();

/** Where a cell sits, as a clerk reads the table: 表三 “（七）总计”行 “总计”列. */
export function describeLocation(key: string, vocabulary: Vocabulary = NATIONAL_VOCABULARY): string {
  let locations = LOCATIONS.get(vocabulary);
  if (!locations) LOCATIONS.set(vocabulary, (locations = new Map()));
  let location = locations.get(key);
  if (location === undefined) {
    if (locations.size >= 10_000) locations.clear();
    locations.set(key, (location = locationOf(key, vocabulary)));
  }
  return location;
}

function locationOf(key: string, vocabulary: Vocabulary): string {
  const info = vocabulary.info(key);
  if (!info) return key;
  if (info.table === 'fees') return `信息处理费 “${info.columnLabel}”`;
  if (info.table === 'review') return `${info.tableName} “${info.rowLabel}” “${info.columnLabel}”列`;
  return `${info.tableName} “${info.rowLabel}”行 “${info.columnLabel}”列`;
}

/** The placeholders every message may use, taken from the first cell a finding names. */
export function cellVars(key: string | undefined, vocabulary: Vocabulary = NATIONAL_VOCABULARY): Record<string, string> {
  const info = key ? vocabulary.info(key) : undefined;
  if (!key || !info) return {};
  return { location: describeLocation(key, vocabulary), table: info.tableName, row: info.rowLabel, column: info.columnLabel, key };
}

/** Fills `{name}` placeholders; an unknown placeholder is left as written. */
export function renderMessage(template: string, vars: Record<string, string | number | null | undefined>): string {
  return fillMessage(compileMessage(template), (name) => vars[name]);
}
