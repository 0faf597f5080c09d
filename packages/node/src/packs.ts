import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { RulePackError, RuleSchema, parseRulePack, type RulePack } from '@xxgk/core';

/** The manifest file every pack has at its root. */
export const MANIFEST = 'xxgk-pack.json';

function isPath(specifier: string): boolean {
  return specifier.startsWith('.') || isAbsolute(specifier) || specifier.includes('\\');
}

/** The folder of a pack given as a path or as an npm package name (resolved from `from`). */
export function resolvePackDir(specifier: string, from: string): string {
  if (isPath(specifier)) return resolve(from, specifier);
  const local = resolve(from, specifier);
  if (!specifier.startsWith('@') && existsSync(join(local, MANIFEST))) return local;
  // from where the user is, then from xxgk itself (the packs installed beside it)
  for (const base of [join(from, 'noop.js'), import.meta.url]) {
    try {
      return dirname(createRequire(base).resolve(`${specifier}/package.json`));
    } catch {
      // try the next place
    }
  }
  throw new RulePackError(specifier, [`找不到规则包 “${specifier}”：请先 npm install ${specifier}，或给出规则包目录的路径`]);
}

async function readJson(file: string, pack: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new RulePackError(pack, [`${file}: 文件不存在或无法读取`]);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new RulePackError(pack, [`${file}: 不是有效的 JSON（${error instanceof Error ? error.message : String(error)}）`]);
  }
}

/**
 * Reads one pack's data — its manifest and every rule file it lists — and validates it
 * whole: each problem names the file and the field. Nothing of the pack runs.
 */
export async function readPackDir(dir: string): Promise<RulePack> {
  const manifestFile = join(dir, MANIFEST);
  const manifest = (await readJson(manifestFile, dir)) as Record<string, unknown>;
  const packageFile = join(dir, 'package.json');
  const version = existsSync(packageFile) ? ((await readJson(packageFile, dir)) as { version?: string }).version : undefined;
  const ruleFiles = Array.isArray(manifest.rules) ? (manifest.rules as unknown[]) : [];
  const problems: string[] = [];
  if (!Array.isArray(manifest.rules)) problems.push(`${manifestFile}: rules: 应为规则文件路径的列表`);
  const rules: unknown[] = [];
  for (const [index, file] of ruleFiles.entries()) {
    if (typeof file !== 'string') {
      problems.push(`${manifestFile}: rules[${index}]: 应为规则文件的路径`);
      continue;
    }
    const path = join(dir, file);
    try {
      const rule = await readJson(path, dir);
      const parsed = RuleSchema.safeParse(rule);
      if (!parsed.success) problems.push(...parsed.error.issues.map((issue) => `${path}: ${issue.path.join('.') || '(根)'}: ${issue.message}`));
      rules.push(rule);
    } catch (error) {
      if (!(error instanceof RulePackError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length > 0) throw new RulePackError(dir, problems);
  try {
    return parseRulePack({ version: version ?? '0.0.0', ...manifest, rules }, manifestFile);
  } catch (error) {
    if (!(error instanceof RulePackError)) throw error;
    // name the rule file instead of its index
    const named = error.problems.map((problem) =>
      problem.replace(/^rules\[(\d+)\](?:\([^)]*\))?/, (whole, index: string) => join(dir, String(ruleFiles[Number(index)] ?? whole))),
    );
    throw new RulePackError(manifestFile, named);
  }
}

/**
 * Loads a pack by npm name or path, with the packs it extends first; each pack once.
 * `from` is where names are resolved (the configuration's folder, or the working one).
 */
export async function loadPacks(specifiers: readonly string[], from: string, loaded: RulePack[] = []): Promise<RulePack[]> {
  for (const specifier of specifiers) {
    if (loaded.some((known) => known.id === specifier)) continue;
    const dir = resolvePackDir(specifier, from);
    const pack = await readPackDir(dir);
    if (loaded.some((known) => known.id === pack.id)) continue;
    if (pack.extends) await loadPacks([pack.extends], dir, loaded);
    if (!loaded.some((known) => known.id === pack.id)) loaded.push(pack);
  }
  return loaded;
}
