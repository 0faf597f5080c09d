import { parentPort, workerData } from 'node:worker_threads';
import { guardPdfjsRejections } from '@xxgk/adapter-pdf/node';
import type { Report } from '@xxgk/core';
import { loadAdapters, type WorkerSetup } from './batch.js';
import { createChecker } from './checker.js';

// A rejection pdfjs leaves unhandled (see guardPdfjsRejections) belongs to a file already
// answered; without the guard it would end this worker and the files in flight on it.
guardPdfjsRejections();

// One checker per worker: packs and engine are loaded once, then files come one by one.
const setup = workerData as WorkerSetup;
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
// reads them (findings carry their lines), unless checks across reports follow: leave them here.
const lean = <T extends { report: Report | null }>(result: T): T =>
  result.report && !setup.keepReports ? { ...result, report: { ...result.report, paragraphs: [], sources: {} } } : result;

parentPort!.on('message', async (items: { file: string; index: number }[]) => {
  for (const { file, index } of items) {
    if (setup.command === 'check') parentPort!.postMessage({ index, result: lean(await checker.checkFile(file)) });
    else {
      const read = await checker.readFile(file);
      parentPort!.postMessage({ index, result: { ...read, template: read.report?.template ?? null } });
    }
  }
});
parentPort!.postMessage({ ready: true });
