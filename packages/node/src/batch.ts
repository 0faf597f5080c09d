import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Adapter, CheckResult, Finding } from '@xxgk/core';
import type { Config } from './config.js';
import { createChecker, type CheckerOptions } from './checker.js';
import { ResultDecoder, type ResultsMessage } from './wire.js';

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
  /** check: how much of each report comes back (see BatchRunOptions#reports) */
  reports: ReportsBack;
}

/**
 * How much of a checked report a worker sends back: `whole` (cross-report checks read the
 * prose and provenance), `lean` (without paragraphs and sources; findings carry their
 * lines), `meta` (what says which report it is — format, template, meta, sections, tables,
 * fee statement — with cells, problems, claims, paragraphs and sources empty: what outputs
 * of findings name, and what relates reports to each other), or `none` (report null:
 * findings and template only, as `check --format ndjson` writes them). The less crosses
 * between threads, the less both sides spend on it, and the less a batch kept for its
 * outputs holds.
 */
export type ReportsBack = 'whole' | 'lean' | 'meta' | 'none';

/** What a worker's thread is given besides its setup: where it tells which file it is on. */
export interface WorkerChannel {
  /** Int32 slots PROGRESS_BEGUN and PROGRESS_BEGAN_AT, written by the worker before each file */
  progress: SharedArrayBuffer;
  /** Date.now() when the worker was made; PROGRESS_BEGAN_AT counts milliseconds from it */
  epoch: number;
}

/** Slot of WorkerChannel#progress: how many files the worker has begun. */
export const PROGRESS_BEGUN = 0;
/** Slot of WorkerChannel#progress: when it began the last of them (ms after the epoch). */
export const PROGRESS_BEGAN_AT = 1;

/** A worker's message: ready for files, or the results of some files, in the order sent (see wire.ts). */
export type WorkerMessage = { ready: true } | ResultsMessage;

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
  /** check: how much of each report comes back; `lean` by default */
  reports?: ReportsBack;
  /** each result as it comes, with the file's index in `files` (a checked report as `reports` says) */
  onResult: (result: CheckResult, index: number) => void;
}

const WORKER_URL = new URL('./worker.js', import.meta.url);
/** Most files sent to a worker at once (fewer near the end of a batch, to keep the workers even). */
const CHUNK = 32;
/**
 * How long a worker holds finished results to send them in one message: a message per file
 * woke the main thread for every text report, which on as many cores as workers took about
 * a tenth of the workers' time.
 */
export const HOLD_RESULTS_MS = 50;

/** How much lower a worker's scheduling priority is than its batch's main thread (Linux): as `nice` runs a command. */
export const WORKER_NICENESS = 10;
/** The lowest priority Linux has. */
export const MAX_NICENESS = 19;

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
 * `internal-error` finding: every file gets exactly one result. Workers send results a few
 * at a time; which file a worker is on, and since when, it tells through shared memory, so
 * the time limit and the blame for a crash fall on that file, not on finished ones still
 * held to be sent.
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
    reports: options.reports ?? 'lean',
  };
  const timeoutMs = options.timeoutMs ?? 60_000;
  const size = Math.max(1, Math.min(options.jobs ?? availableParallelism(), files.length));
  // tries: how often the file was the one a worker crashed or ran out of time on
  const queue = files.map((file, index) => ({ file, index, tries: 0 }));
  let running = 0;

  type Item = (typeof queue)[number];

  await new Promise<void>((resolve) => {
    const finish = () => {
      if (running === 0 && (queue.length === 0 || options.signal?.aborted)) resolve();
    };
    options.signal?.addEventListener('abort', finish, { once: true });

    const start = () => {
      const channel: WorkerChannel = { progress: new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT), epoch: Date.now() };
      const progress = new Int32Array(channel.progress);
      const worker = new Worker(WORKER_URL, { workerData: { ...setup, ...channel } });
      const decoder = new ResultDecoder();
      // files sent to this worker and not answered yet, in the order it works through them
      let outstanding: Item[] = [];
      let received = 0;
      let timer: NodeJS.Timeout | undefined;
      const arm = (milliseconds = timeoutMs) => {
        clearTimeout(timer);
        if (outstanding.length > 0) timer = setTimeout(expire, milliseconds);
      };
      const expire = () => {
        const began = channel.epoch + Atomics.load(progress, PROGRESS_BEGAN_AT);
        const elapsed = Date.now() - began;
        // the file in hand began after the timer was set: it still has the rest of its time
        if (Atomics.load(progress, PROGRESS_BEGUN) > received && elapsed < timeoutMs) arm(timeoutMs - elapsed);
        else fail(`超过 ${Math.round(timeoutMs / 1000)} 秒仍未处理完`);
      };

      // a few files per message: one round trip per file would cost more than a text report;
      // a second chunk waits in the worker's queue, so the worker goes on while this thread
      // takes in its results and sends the next
      const send = () => {
        const chunk = options.signal?.aborted ? [] : queue.splice(0, Math.min(CHUNK, Math.ceil(queue.length / size)));
        if (chunk.length === 0) return;
        outstanding.push(...chunk);
        worker.postMessage(chunk.map(({ file, index }) => ({ file, index })));
      };
      const next = () => {
        if (outstanding.length <= CHUNK) send();
        if (outstanding.length <= CHUNK) send();
        if (outstanding.length > 0) return arm();
        clearTimeout(timer);
        // a message still on its way must not reach a caller that has moved on
        worker.removeAllListeners();
        worker.on('error', () => {});
        running -= 1;
        void worker.terminate();
        finish();
      };

      const fail = (reason: string) => {
        clearTimeout(timer);
        worker.removeAllListeners();
        worker.on('error', () => {});
        void worker.terminate();
        running -= 1;
        // the file in hand: the last one begun; those before it finished, their results unsent
        const at = Math.min(Math.max(0, Atomics.load(progress, PROGRESS_BEGUN) - received - 1), outstanding.length - 1);
        const item = outstanding[at];
        const others = outstanding.filter((_, position) => position !== at);
        outstanding = [];
        queue.unshift(...others);
        if (item) item.tries += 1;
        if (item && item.tries < 2) queue.unshift(item);
        else if (item) options.onResult(internalError(item.file, reason), item.index);
        if (queue.length > 0 && !options.signal?.aborted) {
          running += 1;
          start();
        } else finish();
      };

      worker.on('message', (message: WorkerMessage) => {
        if ('ready' in message) return next();
        for (const { index, result } of decoder.decode(message)) {
          if (options.signal?.aborted) break;
          received += 1;
          outstanding = outstanding.filter((item) => item.index !== index);
          options.onResult(result, index);
        }
        if (options.signal?.aborted) outstanding = [];
        next();
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
