import { z } from 'zod';
import { NATIONAL_VOCABULARY, Vocabulary, type TableRow } from '../model/cell-keys.js';
import { SeveritySchema, TemplateIdSchema } from '../model/schema.js';
import { isSupportedPath } from './compile.js';
import { FACTS, KEY_SETS } from './facts.js';
import { OPERATORS } from './operators.js';

interface LeafCondition {
  fact: string;
  operator: string;
  value: unknown;
  params?: Record<string, unknown> | undefined;
  path?: string | undefined;
}
export type Condition = { all: Condition[] } | { any: Condition[] } | { not: Condition } | LeafCondition;

const LeafConditionSchema = z
  .object({
    fact: z.string(),
    operator: z.string(),
    value: z.unknown(),
    params: z.record(z.string(), z.unknown()).optional(),
    path: z.string().optional(),
  })
  .strict();

export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ all: z.array(ConditionSchema) }).strict(),
    z.object({ any: z.array(ConditionSchema) }).strict(),
    z.object({ not: ConditionSchema }).strict(),
    LeafConditionSchema,
  ]),
);

/** Which reports a pack or a rule is for. Omitted fields mean "all". */
export const AppliesToSchema = z
  .object({
    templates: z.array(TemplateIdSchema).min(1).optional(),
    /** reporting years, inclusive */
    years: z.object({ from: z.number().int().optional(), to: z.number().int().optional() }).strict().optional(),
    /** places whose agencies the pack is for: a report applies when its agency name contains one */
    regions: z.array(z.string().min(1)).min(1).optional(),
  })
  .strict();

const KEY_PART = /^[a-z][A-Za-z0-9]*$/;

/** A row a pack adds to a template table: a province's local row, read by every adapter. */
export const ExtraRowSchema = z
  .object({
    table: z.enum(['active', 'requests']),
    /** the row key: cells are `<table>.<key>.<column>` */
    key: z.string().refine((key) => key.split('.').every((part) => KEY_PART.test(part)), '行键须为小写开头的字母数字，以点分隔'),
    /** the label as the row prints it, for messages */
    label: z.string().min(1),
    /** regular expressions tried on the normalised label (no spaces, quotes or numbering) */
    patterns: z
      .array(z.string().min(1))
      .min(1)
      .refine((patterns) => patterns.every(isRegExp), '不是有效的正则表达式'),
    columns: z
      .array(
        z
          .object({
            key: z.string().regex(KEY_PART),
            label: z.string().min(1),
            kind: z.enum(['count', 'change', 'amount']),
            unit: z.enum(['元', '万元']).optional(),
          })
          .strict(),
      )
      .min(1),
    templates: z.array(TemplateIdSchema).min(1).default(['2021', '2019']),
  })
  .strict();

function isRegExp(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

export const RuleSchema = z
  .object({
    /** stable id, kebab-case: it never changes meaning */
    id: z.string().regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, 'id 须为小写字母、数字和连字符'),
    severity: SeveritySchema,
    /** one line, in Chinese, saying what the rule checks */
    description: z.string().min(1),
    /** the finding's message; {placeholders} are filled from the violation */
    message: z.string().min(1),
    /** the document and article the rule rests on */
    basis: z.object({ document: z.string().min(1), article: z.string().min(1) }).strict(),
    /** section the finding belongs to when it names no cell */
    section: z.number().int().min(1).max(6).optional(),
    /** the reports the rule is for, within its pack's */
    appliesTo: AppliesToSchema.omit({ regions: true }).optional(),
    conditions: z.union([
      z.object({ all: z.array(ConditionSchema) }).strict(),
      z.object({ any: z.array(ConditionSchema) }).strict(),
    ]),
  })
  .strict();

export const RulePackSchema = z
  .object({
    id: z.string().min(1),
    version: z.string().min(1),
    description: z.string().optional(),
    /** the pack whose rules run before this one's (an npm name or a path) */
    extends: z.string().min(1).optional(),
    appliesTo: AppliesToSchema.optional(),
    extraRows: z.array(ExtraRowSchema).optional(),
    rules: z.array(RuleSchema),
  })
  .strict();

export type Rule = z.infer<typeof RuleSchema>;
export type RulePack = z.infer<typeof RulePackSchema>;
export type AppliesTo = z.infer<typeof AppliesToSchema>;
export type ExtraRow = z.infer<typeof ExtraRowSchema>;

/** A pack's extra rows as table rows the reader and the vocabulary use. */
export function extraTableRows(pack: Pick<RulePack, 'extraRows'>): TableRow[] {
  return (pack.extraRows ?? []).map((row) => ({
    table: row.table,
    key: row.key,
    label: row.label,
    patterns: row.patterns.map((source) => new RegExp(source)),
    columns: row.columns,
    templates: row.templates,
  }));
}

/** A rule pack that cannot be loaded, with every problem found (path: message). */
export class RulePackError extends Error {
  override readonly name = 'RulePackError';
  constructor(
    readonly pack: string,
    readonly problems: string[],
  ) {
    super(`规则包 ${pack} 无法加载：\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

const KEY_PATTERN = /^(?:active|requests|review|fees)\./;

function patternMatchesVocabulary(pattern: string, vocabulary: Vocabulary): boolean {
  const regex = new RegExp(`^${pattern.replace(/\./g, '\\.').replace(/\*/g, '[^.]+').replace(/\{\w+\}/g, '[^.]+(?:\\.[^.]+)*')}$`);
  return vocabulary.list().some((key) => regex.test(key));
}

function checkParams(value: unknown, path: string, problems: string[], vocabulary: Vocabulary): void {
  if (typeof value === 'string') {
    if (/\.over\.\w+$/.test(path)) {
      if (!Object.hasOwn(KEY_SETS, value)) problems.push(`${path}: 未知的键集合 “${value}”（可用：${Object.keys(KEY_SETS).join('、')}）`);
    } else if (KEY_PATTERN.test(value) && !patternMatchesVocabulary(value, vocabulary)) {
      problems.push(`${path}: 未知的单元格键 “${value}”`);
    }
    return;
  }
  if (Array.isArray(value)) value.forEach((item, index) => checkParams(item, `${path}[${index}]`, problems, vocabulary));
  else if (value && typeof value === 'object') {
    for (const [name, item] of Object.entries(value)) checkParams(item, `${path}.${name}`, problems, vocabulary);
  }
}

function checkCondition(condition: Condition, path: string, problems: string[], vocabulary: Vocabulary): void {
  if ('all' in condition) condition.all.forEach((child, index) => checkCondition(child, `${path}.all[${index}]`, problems, vocabulary));
  else if ('any' in condition) condition.any.forEach((child, index) => checkCondition(child, `${path}.any[${index}]`, problems, vocabulary));
  else if ('not' in condition) checkCondition(condition.not, `${path}.not`, problems, vocabulary);
  else {
    checkFact(condition, path, problems, vocabulary);
    if (!OPERATORS.has(condition.operator)) {
      problems.push(`${path}.operator: 未知的运算符 “${condition.operator}”（可用：${[...OPERATORS].join('、')}）`);
    }
    // `value` naming a fact: { fact, params?, path? }
    const { value } = condition;
    if (value !== null && typeof value === 'object' && Object.hasOwn(value, 'fact')) {
      checkFact(value as FactReference, `${path}.value`, problems, vocabulary);
    }
  }
}

interface FactReference {
  fact: unknown;
  params?: unknown;
  path?: unknown;
}

/** A fact, its params and its `path`: `$` or `$.name.name…`, the JSONPath form both engines resolve alike. */
function checkFact(reference: FactReference, path: string, problems: string[], vocabulary: Vocabulary): void {
  if (typeof reference.fact !== 'string' || !Object.hasOwn(FACTS, reference.fact)) {
    problems.push(`${path}.fact: 未知的事实 “${String(reference.fact)}”（可用：${Object.keys(FACTS).join('、')}）`);
  }
  if (reference.params !== undefined) {
    if (reference.params === null || typeof reference.params !== 'object' || Array.isArray(reference.params)) problems.push(`${path}.params: 须为对象`);
    else checkParams(reference.params, `${path}.params`, problems, vocabulary);
  }
  if (reference.path !== undefined && !isSupportedPath(reference.path)) {
    problems.push(`${path}.path: 不支持的 path “${String(reference.path)}”（仅支持 $ 与 $.名称.名称 形式，名称由字母、数字、下划线组成）`);
  }
}

/**
 * Validates a pack's JSON: its shape (zod), then that every fact, operator and cell key it
 * names exists. Throws a RulePackError naming each bad field; a pack is loaded whole or
 * not at all.
 */
export function parseRulePack(input: unknown, source = '规则包', base: Vocabulary = NATIONAL_VOCABULARY): RulePack {
  const parsed = RulePackSchema.safeParse(input);
  if (!parsed.success) {
    throw new RulePackError(
      source,
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(根)'}: ${issue.message}`),
    );
  }
  const problems: string[] = [];
  const added = extraTableRows(parsed.data);
  const vocabulary = added.length > 0 ? new Vocabulary([...base.rowsOfAdded(), ...added]) : base;
  const seen = new Set<string>();
  parsed.data.rules.forEach((rule, index) => {
    if (seen.has(rule.id)) problems.push(`rules[${index}].id: 规则 id “${rule.id}” 重复`);
    seen.add(rule.id);
    checkCondition(rule.conditions, `rules[${index}](${rule.id}).conditions`, problems, vocabulary);
  });
  if (problems.length > 0) throw new RulePackError(source, problems);
  return parsed.data;
}
