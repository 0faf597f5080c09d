import { once } from 'node:events';
import { createRequire } from 'node:module';
import { RollupMapError, RulePackError, type CheckResult } from '@xxgk/core';
import {
  ConfigError,
  InputPathError,
  PackExistsError,
  ReportStore,
  StoreError,
  checkAcross,
  createChecker,
  initPack,
  readRollupMap,
  rereadWhole,
  ruleReference,
  runBatch,
  testPack,
  type AcrossOptions,
  type Checker,
} from '@xxgk/node';
import { USAGE, UsageError, parseCommandLine, type Options } from './args.js';
import { csvLines, sarifPieces, writeXlsxTo } from '@xxgk/formatters';
import { checkJsonPieces, checkRecord, extractJsonPieces, extractRecord } from './formatters/json.js';
import { formatPackTests, formatRules } from './formatters/packs.js';
import { formatExtractStylish, stylishLines } from './formatters/stylish.js';
import { OutputError, openOutput, type OutputFile } from './output.js';

/** Characters written at once when an output is written piece by piece. */
const WRITE_CHUNK = 1 << 16;

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** whether stdout and stderr are terminals (colours, progress) */
  stdoutIsTty: boolean;
  stderrIsTty: boolean;
}

const processIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdoutIsTty: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
  stderrIsTty: Boolean(process.stderr.isTTY),
};

/** The exit code of a command ended by SIGPIPE (128 + 13), as shells show it. */
const CLOSED_PIPE_EXIT = 141;
let watchingPipes = false;

/**
 * A reader that stops reading (`xxgk check DIR | head`) closes the pipe: end at once, as a
 * command killed by SIGPIPE would, instead of an unhandled EPIPE error and its stack trace
 * (and a batch running on for nobody).
 */
function endOnClosedPipe(): void {
  if (watchingPipes) return;
  watchingPipes = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      process.exit(CLOSED_PIPE_EXIT);
    });
  }
}

/** How often the progress line is drawn at most: a terminal write per file slowed large batches. */
const PROGRESS_EVERY_MS = 100;

/** Reports progress on a terminal's stderr, so long batches show they are moving; `what` is done to the files. */
function progress(io: Io, total: number, what = '已处理'): (done: number) => void {
  if (!io.stderrIsTty || total < 2) return () => {};
  const started = Date.now();
  let drawn = 0;
  return (done) => {
    const now = Date.now();
    if (done < total && now - drawn < PROGRESS_EVERY_MS) return;
    drawn = now;
    const seconds = (now - started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const eta = rate > 0 ? Math.ceil((total - done) / rate) : 0;
    io.stderr(`\r${what} ${done}/${total} 个文件（${rate.toFixed(1)} 个/秒，预计还需 ${eta} 秒）`);
    if (done === total) io.stderr('\r\u001b[K');
  };
}

/** Each line with its line break. */
function* linesOf(lines: Iterable<string>): Generator<string> {
  for (const line of lines) yield `${line}\n`;
}

/** Runs `work` with Ctrl-C aborting `abort` (which the work heeds) instead of ending the process. */
async function interruptible<T>(abort: AbortController, work: () => Promise<T>): Promise<T> {
  const onInterrupt = () => abort.abort();
  process.once('SIGINT', onInterrupt);
  try {
    return await work();
  } finally {
    process.removeListener('SIGINT', onInterrupt);
  }
}

async function checker(options: Options): Promise<Checker> {
  const loaded = await createChecker({ ...(options.config ? { config: options.config } : {}), packs: options.packs, rules: options.rules, limits: options.limits });
  const known = new Set(loaded.packs.flatMap((pack) => pack.rules.map((rule) => rule.id)));
  const unknown = [...Object.keys(loaded.config.rules), ...Object.keys(options.rules)].filter((id) => !known.has(id));
  if (unknown.length > 0) throw new UsageError(`未知的规则：${unknown.join('、')}（用 xxgk rules 查看可用的规则）`);
  return loaded;
}

/** Whether a result makes the run fail: an error finding (check), an unreadable file (extract). */
function fails(command: Options['command'], result: CheckResult): boolean {
  if (command === 'extract') return result.report === null;
  return result.findings.some((finding) => finding.severity === 'error');
}

async function runFiles(options: Options, io: Io): Promise<number> {
  const loaded = await checker(options);
  const files = await loaded.discover(options.paths);
  if (files.length === 0) {
    throw new UsageError(`在 ${options.paths.join('、')} 中没有找到可读取的报告文件（${loaded.registry.extensions().join('、')}）`);
  }
  const rollup = options.rollup ? { file: options.rollup, pairs: await readRollupMap(options.rollup) } : undefined;
  // check only reads the store; extract adds to it, in one transaction (much faster)
  const store = options.store ? ReportStore.open(options.store, { readOnly: options.command === 'check' }) : null;
  try {
    // opened before the batch: a path that cannot be written fails at once
    const output = options.output ? openOutput(options.output) : null;
    const run = () => runWithStore(options, io, loaded, files, store, rollup, output);
    return await (output ? output.run(run) : run());
  } finally {
    store?.close();
  }
}

/** Runs the batch and writes its output, to `output` or else to stdout. */
async function runWithStore(
  options: Options,
  io: Io,
  loaded: Checker,
  files: string[],
  store: ReportStore | null,
  rollup: AcrossOptions['rollup'],
  output: OutputFile | null,
): Promise<number> {
  const out = output?.stream ?? null;
  const write = (text: string) => (out ? out.write(text) : io.stdout(text));
  /** Writes many lines a chunk at a time, waiting while the file falls behind: a large batch's output can be longer than one string may be. */
  const writeLines = async (lines: Iterable<string>) => {
    let chunk = '';
    const flush = async () => {
      if (out && !out.write(chunk)) await once(out, 'drain');
      else if (!out) io.stdout(chunk);
      chunk = '';
    };
    for (const line of lines) {
      chunk += line;
      if (chunk.length >= WRITE_CHUNK) await flush();
    }
    if (chunk) await flush();
  };
  const tick = progress(io, files.length);
  // Ctrl-C: stop taking new files, and write a valid output of what finished
  const abort = new AbortController();
  const results: (CheckResult | undefined)[] = [];
  const record = options.command === 'check' ? checkRecord : extractRecord;
  let done = 0;
  let failed = false;
  const storing = options.command === 'extract' && store !== null;
  let stored = 0;
  if (storing) store.begin();
  // results stream as they come unless checks across reports need the whole batch first
  const streaming = options.format === 'ndjson' && !options.across;
  // streamed lines go out a chunk at a time: a write per line cost the main thread more than the results' messages
  let pending = '';
  const stream = (line: string) => {
    pending += line;
    if (pending.length >= WRITE_CHUNK) {
      write(pending);
      pending = '';
    }
  };
  const batchOptions = {
    ...(options.config ? { config: options.config } : {}),
    packs: options.packs,
    rules: options.rules,
    limits: options.limits,
    ...(options.jobs ? { jobs: options.jobs } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    signal: abort.signal,
  };
  try {
    await interruptible(abort, () => runBatch(files, {
      ...batchOptions,
      command: options.command === 'extract' ? 'extract' : 'check',
      // findings alone when they are all that is written, and with what names their report
      // for the other outputs of a check (the workbook's cells sheet needs the cells); checks
      // across reports read the reports they compare again, so a large batch is never kept whole
      reports: options.command === 'extract' || options.format === 'xlsx' ? 'lean' : streaming ? 'none' : 'meta',
      onResult: (result, index) => {
        done += 1;
        failed ||= fails(options.command, result);
        tick(done);
        if (storing && result.report && store.put(result.name, result.report)) stored += 1;
        if (streaming) stream(`${JSON.stringify(record(result))}\n`);
        else results[index] = result;
      },
    }));
  } finally {
    if (pending) write(pending);
  }
  const finished = results.filter((result): result is CheckResult => result !== undefined);
  if (abort.signal.aborted) io.stderr(`\n已中断：输出了已完成的 ${done}/${files.length} 个文件\n`);
  if (storing) {
    store.commit();
    io.stderr(`已存入 ${stored} 份报告到 ${store.file}${done > stored ? `（${done - stored} 个文件未存入：未能读取，或报告中找不到机关名称或年度）` : ''}\n`);
  }
  if (options.across && abort.signal.aborted) io.stderr('已中断：未核对报告之间的关系\n');
  else if (options.across) {
    // a progress line for each group of files read again (see rereadWhole)
    let tickReread = (_read: number) => {};
    const reread = rereadWhole(batchOptions, (read, total) => {
      if (read === 1) tickReread = progress(io, total, '核对报告之间的关系：已重新读取');
      tickReread(read);
    });
    try {
      const notes = await interruptible(abort, () => checkAcross(finished, loaded.engine, { ...(store ? { store } : {}), ...(rollup ? { rollup } : {}), reread }));
      for (const note of notes) io.stderr(`${note}\n`);
    } catch (error) {
      // rereadWhole stops with the signal's reason
      if (!abort.signal.aborted || error !== abort.signal.reason) throw error;
      io.stderr('\n已中断：报告之间的核对未完成，输出中只有已核对部分的结果\n');
    }
    failed ||= finished.some((result) => fails(options.command, result));
  }
  const color = !out && io.stdoutIsTty;
  const { engine } = loaded;
  switch (options.format) {
    case 'ndjson':
      if (!streaming) for (const result of finished) write(`${JSON.stringify(record(result))}\n`);
      break;
    case 'json':
      await writeLines(options.command === 'extract' ? extractJsonPieces(finished) : checkJsonPieces(finished));
      write('\n');
      break;
    case 'sarif':
      await writeLines(sarifPieces(finished, { rules: engine.rules(), toolVersion: version(), vocabulary: engine.vocabulary }));
      write('\n');
      break;
    case 'csv':
      await writeLines(csvLines(finished, options.command === 'extract' ? 'cells' : 'findings', { vocabulary: engine.vocabulary }));
      break;
    case 'xlsx':
      // written as it is made, and the file closed by the writer
      await writeXlsxTo(out!, finished, { rules: engine.rules(), vocabulary: engine.vocabulary });
      break;
    default:
      if (options.command === 'extract') write(`${formatExtractStylish(finished, { color })}\n`);
      else await writeLines(linesOf(stylishLines(finished, { color })));
  }
  // the workbook's writer ends the file itself
  if (output && !output.stream.writableFinished) await output.end();
  return abort.signal.aborted ? 130 : failed ? 1 : 0;
}

async function run(options: Options, io: Io): Promise<number> {
  switch (options.command) {
    case 'rules': {
      const loaded = await checker(options);
      if (options.format === 'markdown') io.stdout(loaded.packs.map((pack) => ruleReference(pack)).join('\n'));
      else io.stdout(`${formatRules(loaded.engine.rules(), options.format)}\n`);
      return 0;
    }
    case 'init-pack': {
      const created = await initPack(options.paths[0]!);
      io.stdout(`已新建规则包 ${created.name}：\n${created.files.map((file) => `  ${file}`).join('\n')}\n下一步：编辑 rules/ 中的规则和 cases/ 中的测试用例，然后运行 xxgk test-pack ${options.paths[0]}\n`);
      return 0;
    }
    case 'test-pack': {
      const results = await testPack(options.paths[0]!);
      io.stdout(`${formatPackTests(results, options.format === 'json' ? 'json' : 'stylish')}\n`);
      return results.every((result) => result.passed) ? 0 : 1;
    }
    default:
      return runFiles(options, io);
  }
}

function version(): string {
  const require = createRequire(import.meta.url);
  return (require('../package.json') as { version: string }).version;
}

/** Runs the xxgk command line; returns the exit code (0 clean, 1 errors found, 2 usage or an output that cannot be written, 130 interrupted). */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  if (io === processIo) endOnClosedPipe();
  try {
    const parsed = parseCommandLine(argv);
    if (parsed.kind === 'help') {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    if (parsed.kind === 'version') {
      io.stdout(`${version()}\n`);
      return 0;
    }
    return await run(parsed.options, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof InputPathError) {
      io.stderr(`xxgk：${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    if (
      error instanceof ConfigError ||
      error instanceof RulePackError ||
      error instanceof PackExistsError ||
      error instanceof StoreError ||
      error instanceof RollupMapError ||
      error instanceof OutputError
    ) {
      io.stderr(`xxgk：${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
