import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from './args.js';

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);

/**
 * The files to read: files named are taken as they are (their content decides how they
 * are read); directories are searched recursively for files with a known extension.
 */
export async function discoverFiles(paths: readonly string[], extensions: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (!info) throw new UsageError(`找不到文件或目录：${path}`);
    if (info.isDirectory()) files.push(...(await walk(path, extensions)));
    else files.push(path);
  }
  return [...new Set(files)];
}

async function walk(directory: string, extensions: readonly string[]): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) files.push(...(await walk(path, extensions)));
    } else if (extensions.some((extension) => entry.name.toLowerCase().endsWith(extension))) {
      files.push(path);
    }
  }
  return files;
}
