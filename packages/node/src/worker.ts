import { parentPort, workerData } from 'node:worker_threads';
import { loadAdapters, type WorkerSetup } from './batch.js';
import { createChecker } from './checker.js';

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

parentPort!.on('message', async (file: string) => {
  if (setup.command === 'check') parentPort!.postMessage(await checker.checkFile(file));
  else {
    const read = await checker.readFile(file);
    parentPort!.postMessage({ ...read, template: read.report?.template ?? null });
  }
});
parentPort!.postMessage({ ready: true });
