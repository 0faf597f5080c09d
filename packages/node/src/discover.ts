import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** A path given to check that does not exist. */
export class InputPathError extends Error {
  override readonly name = 'InputPathError';
  constructor(readonly path: string) {
    super(`找不到文件或目录：${path}`);
  }
}

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);

/**
 * The files to read: files named are taken as they are (their content decides how they
 * are read); directories are searched recursively for files with a known extension.
 */
export async function discoverFiles(paths: readonly string[], extensions: readonly string[], cwd = process.cwd()): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(resolve(cwd, path)).catch(() => null);
    if (!info) throw new InputPathError(path);
    if (info.isDirectory()) await walk(path, extensions, cwd, files);
    else files.push(path);
  }
  return [...new Set(files)];
}

/**
 * Adds the files under a folder to `files`, named as the folder was given (relative stays
 * relative). Added one by one: spreading a folder's list into push() overflows the stack
 * from about 120,000 files, and a year's national crop may sit in one folder.
 */
async function walk(directory: string, extensions: readonly string[], cwd: string, files: string[]): Promise<void> {
  const entries = await readdir(resolve(cwd, directory), { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) await walk(path, extensions, cwd, files);
    } else if (extensions.some((extension) => entry.name.toLowerCase().endsWith(extension))) {
      files.push(path);
    }
  }
}
