import { z } from 'zod';
import { CELL_KEYS } from '../model/cell-keys.js';
import { SeveritySchema } from '../model/schema.js';
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
    rules: z.array(RuleSchema),
  })
  .strict();

export type Rule = z.infer<typeof RuleSchema>;
export type RulePack = z.infer<typeof RulePackSchema>;

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

function patternMatchesVocabulary(pattern: string): boolean {
  const regex = new RegExp(`^${pattern.replace(/\./g, '\\.').replace(/\*/g, '[^.]+').replace(/\{\w+\}/g, '[^.]+(?:\\.[^.]+)*')}$`);
  return CELL_KEYS.some((key) => regex.test(key));
}

function checkParams(value: unknown, path: string, problems: string[]): void {
  if (typeof value === 'string') {
    if (/\.over\.\w+$/.test(path)) {
      if (!(value in KEY_SETS)) problems.push(`${path}: 未知的键集合 “${value}”（可用：${Object.keys(KEY_SETS).join('、')}）`);
    } else if (KEY_PATTERN.test(value) && !patternMatchesVocabulary(value)) {
      problems.push(`${path}: 未知的单元格键 “${value}”`);
    }
    return;
  }
  if (Array.isArray(value)) value.forEach((item, index) => checkParams(item, `${path}[${index}]`, problems));
  else if (value && typeof value === 'object') {
    for (const [name, item] of Object.entries(value)) checkParams(item, `${path}.${name}`, problems);
  }
}

function checkCondition(condition: Condition, path: string, problems: string[]): void {
  if ('all' in condition) condition.all.forEach((child, index) => checkCondition(child, `${path}.all[${index}]`, problems));
  else if ('any' in condition) condition.any.forEach((child, index) => checkCondition(child, `${path}.any[${index}]`, problems));
  else if ('not' in condition) checkCondition(condition.not, `${path}.not`, problems);
  else {
    if (!(condition.fact in FACTS)) problems.push(`${path}.fact: 未知的事实 “${condition.fact}”（可用：${Object.keys(FACTS).join('、')}）`);
    if (!OPERATORS.has(condition.operator)) {
      problems.push(`${path}.operator: 未知的运算符 “${condition.operator}”（可用：${[...OPERATORS].join('、')}）`);
    }
    if (condition.params) checkParams(condition.params, `${path}.params`, problems);
  }
}

/**
 * Validates a pack's JSON: its shape (zod), then that every fact, operator and cell key it
 * names exists. Throws a RulePackError naming each bad field; a pack is loaded whole or
 * not at all.
 */
export function parseRulePack(input: unknown, source = '规则包'): RulePack {
  const parsed = RulePackSchema.safeParse(input);
  if (!parsed.success) {
    throw new RulePackError(
      source,
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(根)'}: ${issue.message}`),
    );
  }
  const problems: string[] = [];
  const seen = new Set<string>();
  parsed.data.rules.forEach((rule, index) => {
    if (seen.has(rule.id)) problems.push(`rules[${index}].id: 规则 id “${rule.id}” 重复`);
    seen.add(rule.id);
    checkCondition(rule.conditions, `rules[${index}](${rule.id}).conditions`, problems);
  });
  if (problems.length > 0) throw new RulePackError(source, problems);
  return parsed.data;
}
