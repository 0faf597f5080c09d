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
  /** check: send whole reports back, prose and provenance included (cross-report checks read them) */
  keepReports: boolean;
}

export interface BatchRunOptions extends Omit<CheckerOptions, 'adapters'> {
  command?: 'check' | 'extract';
  /** workers; os.availableParallelism() by default. */
  jobs?: number;
  /** time limit per file, in milliseconds (60 s by default) */
  timeoutMs?: number;
  /** modules exporting `adapters: Adapter[]`, loaded by every worker */
  adapterModules?: readonly string[];
  /** stops dispatching new files; what finished is kept */
  signal?: AbortSignal;
  /** check: results keep their reports whole, for checks across reports (see checkAcross) */
  keepReports?: boolean;
  /** each result as it comes, with the file's index in `files` (a checked report comes without its paragraphs and sources, unless keepReports) */
  onResult: (result: CheckResult, index: number) => void;
}

const WORKER_URL = new URL('./worker.js', import.meta.url);
/** Most files sent to a worker at once. */
const CHUNK = 16;

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
  // even one file goes to a worker: a file that hangs its reader (pdfjs can loop forever on a
  // damaged font) is then stopped by the time limit
  if (files.length === 0) return;

  const setup: WorkerSetup = {
    cwd,
    config: checker.config,
    packs: options.packs ?? [],
    rules: options.rules ?? {},
    limits: options.limits ?? {},
    adapterModules: options.adapterModules ?? [],
    command,
    keepReports: options.keepReports ?? false,
  };
  const timeoutMs = options.timeoutMs ?? 60_000;
  const size = Math.max(1, Math.min(options.jobs ?? availableParallelism(), files.length));
  const queue = files.map((file, index) => ({ file, index, tries: 0 }));
  let running = 0;

  type Item = (typeof queue)[number];

  await new Promise<void>((resolve) => {
    const finish = () => {
      if (running === 0 && (queue.length === 0 || options.signal?.aborted)) resolve();
    };
    options.signal?.addEventListener('abort', finish, { once: true });

    const start = () => {
      const worker = new Worker(WORKER_URL, { workerData: setup });
      // files sent to this worker and not answered yet, in the order it works through them
      let outstanding: Item[] = [];
      let timer: NodeJS.Timeout | undefined;
      const arm = () => {
        clearTimeout(timer);
        const item = outstanding[0];
        if (item) timer = setTimeout(() => fail(`超过 ${Math.round(timeoutMs / 1000)} 秒仍未处理完`), timeoutMs);
      };

      // a few files per message: one round trip per file would cost more than a text report
      const next = () => {
        const chunk = options.signal?.aborted ? [] : queue.splice(0, Math.min(CHUNK, Math.ceil(queue.length / size)));
        if (chunk.length === 0) {
          clearTimeout(timer);
          // a message still on its way must not reach a caller that has moved on
          worker.removeAllListeners();
          worker.on('error', () => {});
          running -= 1;
          void worker.terminate();
          finish();
          return;
        }
        chunk[0]!.tries += 1;
        outstanding = chunk;
        worker.postMessage(chunk.map(({ file, index }) => ({ file, index })));
        arm();
      };

      const fail = (reason: string) => {
        clearTimeout(timer);
        worker.removeAllListeners();
        worker.on('error', () => {});
        void worker.terminate();
        running -= 1;
        const [item, ...rest] = outstanding;
        outstanding = [];
        queue.unshift(...rest);
        if (item && item.tries < 2) queue.unshift(item);
        else if (item) options.onResult(internalError(item.file, reason), item.index);
        if (queue.length > 0 && !options.signal?.aborted) {
          running += 1;
          start();
        } else finish();
      };

      worker.on('message', (message: { index: number; result: CheckResult } | { ready: true }) => {
        if ('ready' in message) return next();
        outstanding = outstanding.filter((item) => item.index !== message.index);
        options.onResult(message.result, message.index);
        if (outstanding.length === 0 || options.signal?.aborted) return next();
        outstanding[0]!.tries += 1;
        arm();
      });
      worker.on('error', (error) => outstanding.length > 0 && fail(error.message));
      worker.on('exit', (code) => outstanding.length > 0 && fail(`处理进程意外退出（代码 ${code}）`));
    };

    for (let index = 0; index < size; index += 1) {
      running += 1;
      start();
    }
  });
}
