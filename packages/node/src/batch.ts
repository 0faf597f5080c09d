import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Adapter, CheckResult, Finding } from '@xxgk/core';
import type { Config } from './config.js';
import { createChecker, type CheckerOptions } from './checker.js';

/** What a worker needs to build its own checker: plain data, no functions. */
export interface WorkerSetup {
  cwd: string;
  config: Config;
  packs: readonly string[];
  rules: CheckerOptions['rules'];
  limits: CheckerOptions['limits'];
  /** modules whose `adapters` export (Adapter[]) is used instead of the default adapters */
  adapterModules: readonly string[];
  command: 'check' | 'extract';
}

export interface BatchRunOptions extends Omit<CheckerOptions, 'adapters'> {
  command?: 'check' | 'extract';
  /** workers; os.availableParallelism() by default. With one file, no worker is started. */
  jobs?: number;
  /** time limit per file, in milliseconds (60 s by default) */
  timeoutMs?: number;
  /** modules exporting `adapters: Adapter[]`, loaded by every worker */
  adapterModules?: readonly string[];
  /** stops dispatching new files; what finished is kept */
  signal?: AbortSignal;
  /** each result as it comes, with the file's index in `files` (a checked report comes without its prose paragraphs) */
  onResult: (result: CheckResult, index: number) => void;
}

const WORKER_URL = new URL('./worker.js', import.meta.url);

function internalError(file: string, reason: string): CheckResult {
  const finding: Finding = {
    ruleId: 'internal-error',
    severity: 'error',
    message: `处理该文件时出错（已重试一次）：${reason}。其他文件不受影响，请将该文件报告给 xxgk 维护者`,
    cells: [],
    section: null,
  };
  return { name: file, report: null, template: null, findings: [finding] };
}

/** Adapters from modules exporting `adapters: Adapter[]` (a way to plug in formats, and faults in tests). */
export async function loadAdapters(modules: readonly string[]): Promise<Adapter[] | undefined> {
  if (modules.length === 0) return undefined;
  const loaded = await Promise.all(modules.map((module) => import(module) as Promise<{ adapters: Adapter[] }>));
  return loaded.flatMap((module) => module.adapters);
}

/**
 * Checks many files on a pool of workers (one engine each). A file that crashes its worker
 * or runs past the time limit is tried once more on a fresh worker, then recorded with an
 * `internal-error` finding: every file gets exactly one result.
 */
export async function runBatch(files: readonly string[], options: BatchRunOptions): Promise<void> {
  const cwd = options.cwd ?? process.cwd();
  const checker = await createChecker({ ...options, cwd, ...(options.adapterModules ? { adapters: await loadAdapters(options.adapterModules) } : {}) });
  const command = options.command ?? 'check';
  if (files.length <= 1) {
    for (const [index, file] of files.entries()) {
      if (options.signal?.aborted) return;
      const result = command === 'check' ? await checker.checkFile(file) : await checker.readFile(file).then((read) => ({ ...read, template: read.report?.template ?? null }));
      options.onResult(result, index);
    }
    return;
  }

  const setup: WorkerSetup = {
    cwd,
    config: checker.config,
    packs: options.packs ?? [],
    rules: options.rules ?? {},
    limits: options.limits ?? {},
    adapterModules: options.adapterModules ?? [],
    command,
  };
  const timeoutMs = options.timeoutMs ?? 60_000;
  const size = Math.max(1, Math.min(options.jobs ?? availableParallelism(), files.length));
  const queue = files.map((file, index) => ({ file, index, tries: 0 }));
  let running = 0;

  await new Promise<void>((resolve) => {
    const finish = () => {
      if (running === 0 && (queue.length === 0 || options.signal?.aborted)) resolve();
    };
    options.signal?.addEventListener('abort', finish, { once: true });

    const start = () => {
      const worker = new Worker(WORKER_URL, { workerData: setup });
      let current: (typeof queue)[number] | undefined;
      let timer: NodeJS.Timeout | undefined;

      const next = () => {
        clearTimeout(timer);
        current = options.signal?.aborted ? undefined : queue.shift();
        if (!current) {
          running -= 1;
          void worker.terminate();
          finish();
          return;
        }
        current.tries += 1;
        const item = current;
        timer = setTimeout(() => fail(item, `超过 ${Math.round(timeoutMs / 1000)} 秒仍未处理完`), timeoutMs);
        worker.postMessage(item.file);
      };

      const fail = (item: (typeof queue)[number], reason: string) => {
        clearTimeout(timer);
        current = undefined;
        worker.removeAllListeners();
        void worker.terminate();
        running -= 1;
        if (item.tries < 2) queue.unshift(item);
        else options.onResult(internalError(item.file, reason), item.index);
        if (queue.length > 0 && !options.signal?.aborted) {
          running += 1;
          start();
        } else finish();
      };

      worker.on('message', (message: CheckResult | { ready: true }) => {
        if ('ready' in message) return next();
        const item = current!;
        clearTimeout(timer);
        options.onResult(message, item.index);
        next();
      });
      worker.on('error', (error) => current && fail(current, error.message));
      worker.on('exit', (code) => current && fail(current, `处理进程意外退出（代码 ${code}）`));
    };

    for (let index = 0; index < size; index += 1) {
      running += 1;
      start();
    }
  });
}
