import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { textAdapter } from '@xxgk/adapter-text';
import { AdapterRegistry, RuleEngine, checkReport, readReport, sizeLimitFinding, type AdapterInput, type CheckResult, type ReadResult } from '@xxgk/core';
import { nationalPack } from '@xxgk/rules-national';
import { USAGE, UsageError, parseCommandLine, type Options } from './args.js';
import { discoverFiles } from './discover.js';
import { formatCheckJson, formatExtractJson } from './formatters/json.js';
import { formatExtractStylish, formatStylish } from './formatters/stylish.js';

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

export function createRegistry(): AdapterRegistry {
  return new AdapterRegistry([textAdapter]);
}

async function loadInput(file: string, limits: Options['limits']): Promise<AdapterInput | ReadResult> {
  try {
    const tooLarge = sizeLimitFinding((await stat(file)).size, limits);
    if (tooLarge) return { name: file, report: null, findings: [tooLarge] };
    return { name: file, bytes: new Uint8Array(await readFile(file)), limits };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { name: file, report: null, findings: [{ ruleId: 'file-unreadable', severity: 'error', message: `无法打开文件：${reason}`, cells: [], section: null }] };
  }
}

/** Reports progress on a terminal's stderr, so long batches show they are moving. */
function progress(io: Io, total: number): (done: number) => void {
  if (!io.stderrIsTty || total < 2) return () => {};
  const started = Date.now();
  return (done) => {
    const seconds = (Date.now() - started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const eta = rate > 0 ? Math.ceil((total - done) / rate) : 0;
    io.stderr(`\r已处理 ${done}/${total} 个文件（${rate.toFixed(1)} 个/秒，预计还需 ${eta} 秒）`);
    if (done === total) io.stderr('\r\u001b[K');
  };
}

async function run(options: Options, io: Io): Promise<number> {
  const registry = createRegistry();
  const files = await discoverFiles(options.paths, registry.extensions());
  if (files.length === 0) throw new UsageError(`在 ${options.paths.join('、')} 中没有找到可读取的报告文件（${registry.extensions().join('、')}）`);
  const tick = progress(io, files.length);
  const engine = options.command === 'check' ? new RuleEngine([nationalPack]) : null;
  const results: CheckResult[] = [];
  for (const [index, file] of files.entries()) {
    const input = await loadInput(file, options.limits);
    if ('report' in input) results.push({ ...input, template: null });
    else if (engine) results.push(await checkReport(input, registry, engine));
    else {
      const read = await readReport(input, registry);
      results.push({ ...read, template: read.report?.template ?? null });
    }
    tick(index + 1);
  }
  const color = io.stdoutIsTty;
  if (options.command === 'extract') {
    io.stdout(`${options.format === 'json' ? formatExtractJson(results) : formatExtractStylish(results, { color })}\n`);
    return results.some((result) => result.report === null) ? 1 : 0;
  }
  io.stdout(`${options.format === 'json' ? formatCheckJson(results) : formatStylish(results, { color })}\n`);
  return results.some((result) => result.findings.some((finding) => finding.severity === 'error')) ? 1 : 0;
}

function version(): string {
  const require = createRequire(import.meta.url);
  return (require('../package.json') as { version: string }).version;
}

/** Runs the xxgk command line; returns the exit code (0 clean, 1 errors found, 2 usage). */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
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
    if (error instanceof UsageError) {
      io.stderr(`xxgk：${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw error;
  }
}
