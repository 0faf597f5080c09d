import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import {
  AdapterRegistry,
  RuleEngine,
  checkReport,
  readReport,
  sizeLimitFinding,
  type Adapter,
  type AdapterInput,
  type CheckResult,
  type Finding,
  type ReadLimits,
  type ReadResult,
  type RulePack,
  type SeveritySetting,
} from '@xxgk/core';
import { nationalPack } from '@xxgk/rules-national';
import { globToRegExp, loadConfig, type Config } from './config.js';
import { DEFAULT_ADAPTERS } from './adapters.js';
import { discoverFiles } from './discover.js';
import { loadPacks } from './packs.js';

export interface CheckerOptions {
  /** where relative paths and pack names are resolved; the working folder by default */
  cwd?: string;
  /** a configuration file path, or the configuration itself; `xxgk.config.json` if present */
  config?: string | Config;
  /** more packs to load (npm names or paths), after the configuration's */
  packs?: readonly string[];
  /** per-rule severities, over the configuration's */
  rules?: Record<string, SeveritySetting>;
  /** read limits (size, zip, PDF pages) */
  limits?: Partial<ReadLimits>;
  /** the format adapters; text, HTML, DOCX and PDF by default */
  adapters?: readonly Adapter[];
}

/** Everything needed to check files, loaded once for a batch. */
export interface Checker {
  config: Config;
  packs: readonly RulePack[];
  engine: RuleEngine;
  registry: AdapterRegistry;
  /**
   * Reads and checks one file; never throws for a bad file. `sources: false` leaves the
   * report's `sources` empty, for a caller that drops them: same findings, less work
   * (BuildOptions#sources in @xxgk/core).
   */
  checkFile(file: string, options?: { sources?: boolean }): Promise<CheckResult>;
  /** Reads one file into the report model; never throws for a bad file. */
  readFile(file: string): Promise<ReadResult>;
  /** The report files under the given files and folders. */
  discover(paths: readonly string[]): Promise<string[]>;
}

/**
 * Opening for reading without waiting: a named pipe nobody writes to would hold the open
 * (and the worker, past its time limit: a thread waiting in the system cannot be stopped)
 * for ever. A regular file opens as it would without the flag; Windows has none.
 */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

function unreadable(file: string, message: string): ReadResult {
  return { name: file, report: null, findings: [{ ruleId: 'file-unreadable', severity: 'error', message, cells: [], section: null }] };
}

/**
 * An open file's bytes, up to the size taken when it was opened (as readFileSync reads a
 * regular file), read straight into memory of their own: readFileSync's Buffer would be
 * copied to stand alone, or be a view of Node's shared pool, whose `buffer` an adapter may read.
 */
function readAll(descriptor: number, size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  let length = 0;
  while (length < size) {
    const read = readSync(descriptor, bytes, length, size - length, null);
    if (read === 0) return bytes.subarray(0, length);
    length += read;
  }
  return bytes;
}

export async function createChecker(options: CheckerOptions = {}): Promise<Checker> {
  const cwd = options.cwd ?? process.cwd();
  const config = typeof options.config === 'object' ? options.config : await loadConfig(options.config, cwd);
  const packs = await loadPacks(config.packs, config.baseDir, [nationalPack]);
  await loadPacks(options.packs ?? [], cwd, packs);
  const engine = new RuleEngine(packs, { severities: { ...config.rules, ...options.rules }, alwaysApply: config.alwaysApply });
  const registry = new AdapterRegistry(options.adapters ?? DEFAULT_ADAPTERS);
  const suppressions = config.suppressions.map((suppression) => ({ ...suppression, pattern: globToRegExp(suppression.files) }));

  /** The findings no suppression of the configuration covers. */
  const unsuppressed = (file: string, findings: Finding[]): Finding[] => {
    if (suppressions.length === 0) return findings;
    const path = relative(config.baseDir, resolve(cwd, file)).split(sep).join('/');
    const applying = suppressions.filter((suppression) => suppression.pattern.test(path));
    return findings.filter((finding) => !applying.some((suppression) => suppression.rule === '*' || suppression.rule === finding.ruleId));
  };

  const load = (file: string): AdapterInput | ReadResult => {
    let descriptor: number | undefined;
    try {
      // synchronous: a report is small, and a worker has nothing else to do meanwhile; the
      // size from the open file, not the path (one lookup of the path fewer per file)
      descriptor = openSync(resolve(cwd, file), OPEN_FLAGS);
      const info = fstatSync(descriptor);
      if (!info.isFile()) return unreadable(file, '无法读取：不是普通文件（目录、命名管道、设备或套接字），未读取其内容；请提供报告文件本身');
      const tooLarge = sizeLimitFinding(info.size, options.limits);
      if (tooLarge) return { name: file, report: null, findings: [tooLarge] };
      return { name: file, bytes: readAll(descriptor, info.size), ...(options.limits ? { limits: options.limits } : {}) };
    } catch (error) {
      return unreadable(file, `无法打开文件：${error instanceof Error ? error.message : String(error)}`);
    } finally {
      if (descriptor !== undefined) closeSync(descriptor);
    }
  };

  return {
    config,
    packs,
    engine,
    registry,
    async checkFile(file, checkOptions = {}) {
      const input = load(file);
      const result = 'report' in input ? { ...input, template: null } : await checkReport(input, registry, engine, checkOptions);
      return { ...result, findings: unsuppressed(file, result.findings) };
    },
    async readFile(file) {
      const input = load(file);
      return 'report' in input ? input : readReport(input, registry, { vocabulary: engine.vocabulary });
    },
    discover: (paths) => discoverFiles(paths, registry.extensions(), cwd),
  };
}

export interface BatchOptions extends CheckerOptions {
  /** called after each file */
  onProgress?: (done: number, total: number) => void;
}

/** Checks report files and folders: one result per file, in discovery order. */
export async function check(paths: readonly string[], options: BatchOptions = {}): Promise<CheckResult[]> {
  const checker = await createChecker(options);
  const files = await checker.discover(paths);
  const results: CheckResult[] = [];
  for (const file of files) {
    results.push(await checker.checkFile(file));
    options.onProgress?.(results.length, files.length);
  }
  return results;
}

/** Reads report files and folders into the report model: one result per file. */
export async function extract(paths: readonly string[], options: BatchOptions = {}): Promise<ReadResult[]> {
  const checker = await createChecker(options);
  const files = await checker.discover(paths);
  const results: ReadResult[] = [];
  for (const file of files) {
    results.push(await checker.readFile(file));
    options.onProgress?.(results.length, files.length);
  }
  return results;
}
