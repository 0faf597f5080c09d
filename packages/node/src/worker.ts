import { getPriority, setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { guardPdfjsRejections } from '@xxgk/adapter-pdf/node';
import type { CheckResult } from '@xxgk/core';
import { HOLD_RESULTS_MS, MAX_NICENESS, PROGRESS_BEGAN_AT, PROGRESS_BEGUN, WORKER_NICENESS, loadAdapters, type WorkerChannel, type WorkerMessage, type WorkerSetup } from './batch.js';
import { createChecker } from './checker.js';
import { ResultEncoder, type IndexedResult } from './wire.js';

// Yield to V8's compiler threads: on as many cores as workers, the compiler's work on a
// worker's code is otherwise taken from the workers at an equal share, and the longer it
// waits the longer they run unoptimised code (a batch: 1–3 % less CPU and more reports a
// second). The batch also yields to other work on the machine, as under `nice`. Only on
// Linux, where a thread has a priority of its own; elsewhere it would be the whole process's.
if (process.platform === 'linux') {
  try {
    setPriority(Math.min(MAX_NICENESS, getPriority() + WORKER_NICENESS));
  } catch {
    // a priority refused leaves the worker as it was
  }
}

// A rejection pdfjs leaves unhandled (see guardPdfjsRejections) belongs to a file already
// answered; without the guard it would end this worker and the files in flight on it.
guardPdfjsRejections();

// One checker per worker: packs and engine are loaded once, then files come one by one.
const setup = workerData as WorkerSetup & WorkerChannel;
const adapters = await loadAdapters(setup.adapterModules);
const checker = await createChecker({
  cwd: setup.cwd,
  config: setup.config,
  packs: setup.packs,
  ...(setup.rules ? { rules: setup.rules } : {}),
  ...(setup.limits ? { limits: setup.limits } : {}),
  ...(adapters ? { adapters } : {}),
});

// The prose and the provenance are the bulk of a report, and nothing downstream of a check
// reads them (findings carry their lines) unless the caller wants the whole report: leave
// them here, with the cells too when the caller writes findings only (`meta`), or the whole
// report (`none`). The sources are then not even built (checkFile's `sources`).
const sendBack = (result: CheckResult): CheckResult => {
  if (!result.report || setup.reports === 'whole') return result;
  if (setup.reports === 'none') return { ...result, report: null };
  if (setup.reports === 'meta') return { ...result, report: { ...result.report, cells: {}, problems: {}, claims: [], paragraphs: [], sources: {} } };
  return { ...result, report: { ...result.report, paragraphs: [], sources: {} } };
};

const progress = new Int32Array(setup.progress);
const encoder = new ResultEncoder();

const answer = async (file: string, index: number): Promise<IndexedResult> => {
  if (setup.command === 'check') return { index, result: sendBack(await checker.checkFile(file, { sources: setup.reports === 'whole' })) };
  const read = await checker.readFile(file);
  return { index, result: { ...read, template: read.report?.template ?? null } };
};

/** Chunks sent and not begun: the main thread sends the next before this one is done, so no worker waits for it. */
const chunks: { file: string; index: number }[][] = [];
let working = false;

/** Works through the chunks in the order they came, one file at a time. */
const work = async () => {
  working = true;
  for (let items = chunks.shift(); items; items = chunks.shift()) {
    let held: IndexedResult[] = [];
    let heldSince = 0;
    for (const { file, index } of items) {
      // when first, then which: the main thread reads them the other way round (see runBatch)
      Atomics.store(progress, PROGRESS_BEGAN_AT, Date.now() - setup.epoch);
      Atomics.add(progress, PROGRESS_BEGUN, 1);
      if (held.length === 0) heldSince = Date.now();
      held.push(await answer(file, index));
      if (Date.now() - heldSince >= HOLD_RESULTS_MS) {
        parentPort!.postMessage(encoder.encode(held) satisfies WorkerMessage);
        held = [];
      }
    }
    if (held.length > 0) parentPort!.postMessage(encoder.encode(held) satisfies WorkerMessage);
  }
  working = false;
};

parentPort!.on('message', (items: { file: string; index: number }[]) => {
  chunks.push(items);
  if (!working) void work();
});
parentPort!.postMessage({ ready: true } satisfies WorkerMessage);
