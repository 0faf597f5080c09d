import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';

/** The configuration file looked for in the working folder. */
export const CONFIG_FILE = 'xxgk.config.json';

const Severity = z.enum(['off', 'warning', 'error']);

export const ConfigSchema = z
  .object({
    /** packs to load besides the national one: npm names or paths (relative to this file) */
    packs: z.array(z.string().min(1)).default([]),
    /** pack ids that apply to every report, not only to their regions' agencies */
    alwaysApply: z.array(z.string().min(1)).default([]),
    /** per-rule severity: "off", "warning" or "error" */
    rules: z.record(z.string(), Severity).default({}),
    /** findings not to report for some files, each with the reason */
    suppressions: z
      .array(
        z
          .object({
            /** a file path or glob (*, **) relative to this file */
            files: z.string().min(1),
            /** a rule id, or "*" for every rule */
            rule: z.string().min(1),
            reason: z.string().trim().min(1, '每条豁免都须写明理由'),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();

export type Config = z.infer<typeof ConfigSchema> & {
  /** the folder paths in the configuration are relative to */
  baseDir: string;
};

/** A configuration file that cannot be used, naming the file and the field. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Reads `xxgk.config.json` (JSON, so a clerk can edit it). Without a path, the file in the
 * working folder is used when there is one; otherwise the defaults.
 */
export async function loadConfig(path?: string, cwd = process.cwd()): Promise<Config> {
  const file = path ? resolve(cwd, path) : resolve(cwd, CONFIG_FILE);
  if (!existsSync(file)) {
    if (path) throw new ConfigError(`找不到配置文件：${file}`);
    return { ...ConfigSchema.parse({}), baseDir: cwd };
  }
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`${file}: 不是有效的 JSON（${error instanceof Error ? error.message : String(error)}）`);
  }
  const parsed = ConfigSchema.safeParse(json);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${file}: ${issue.path.join('.') || '(根)'}: ${issue.message}`).join('\n'));
  }
  return { ...parsed.data, baseDir: dirname(file) };
}

/** A glob of the configuration (`reports/**\/*.pdf`) as a regular expression on a relative path. */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let index = 0; index < glob.length; index += 1) {
    const char = glob[index]!;
    if (char === '*' && glob[index + 1] === '*') {
      source += '.*';
      index += glob[index + 2] === '/' ? 2 : 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}
