import { AdapterRegistry, ReadError, limitsOf, type AdapterInput } from './adapter/adapter.js';
import type { Finding, Report } from './model/schema.js';
import type { TemplateId } from './model/templates.js';
import { buildReport, type BuildOptions } from './reader/build-report.js';
import type { RuleEngine } from './rules/engine.js';

/** What reading one input gave: a report, or the finding that says why there is none. */
export interface ReadResult {
  name: string;
  report: Report | null;
  findings: Finding[];
}

export interface CheckResult extends ReadResult {
  template: TemplateId | null;
}

function inputFinding(ruleId: ReadError['code'], message: string): Finding {
  return { ruleId, severity: 'error', message, cells: [], section: null };
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

/** The finding for an input over the size limit, or null; callers may check before reading. */
export function sizeLimitFinding(size: number, limits: AdapterInput['limits']): Finding | null {
  const { maxFileBytes } = limitsOf({ name: '', bytes: new Uint8Array(), limits });
  if (size <= maxFileBytes) return null;
  return inputFinding('file-unreadable', `文件大小 ${megabytes(size)} MB，超过上限 ${megabytes(maxFileBytes)} MB，未读取（可用 --max-file-size 调整）`);
}

/** A report has at least two of the six section headings or one template table. */
function looksLikeReport(report: Report): boolean {
  return report.sections.length >= 2 || report.tables.length > 0;
}

/**
 * Reads one input into the report model. Never throws for a bad input: an empty,
 * unreadable or unknown file gets a `file-unreadable` finding, a readable text that is
 * not an annual report a `not-a-report` finding.
 */
export async function readReport(input: AdapterInput, adapters: AdapterRegistry, options: BuildOptions = {}): Promise<ReadResult> {
  const fail = (code: ReadError['code'], message: string): ReadResult => ({ name: input.name, report: null, findings: [inputFinding(code, message)] });
  if (input.bytes.length === 0) return fail('file-unreadable', '文件为空，没有可读取的内容');
  const tooLarge = sizeLimitFinding(input.bytes.length, input.limits);
  if (tooLarge) return { name: input.name, report: null, findings: [tooLarge] };
  const adapter = adapters.pick(input);
  if (!adapter) {
    const known = adapters.extensions().join('、');
    return fail('file-unreadable', `无法识别的文件格式：请提供可读取的格式（${known}）`);
  }
  try {
    // waited for only when it is a promise (pdf, docx): an await costs a turn of the microtask queue
    const document = adapter.read(input);
    const report = buildReport('then' in document ? await document : document, options);
    if (!looksLikeReport(report)) {
      return fail('not-a-report', '未找到政府信息公开工作年度报告的章节标题或统计表，这份文件可能不是年度报告');
    }
    return { name: input.name, report, findings: [] };
  } catch (error) {
    if (error instanceof ReadError) return fail(error.code, error.message);
    return fail('file-unreadable', `读取失败（${adapter.name}）：${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Reads one input and runs the rule engine on it. `sources: false` for a caller that drops
 * the report's sources after the check (see BuildOptions#sources): same findings, less work.
 */
export async function checkReport(input: AdapterInput, adapters: AdapterRegistry, engine: RuleEngine, options: Pick<BuildOptions, 'sources'> = {}): Promise<CheckResult> {
  const read = await readReport(input, adapters, { vocabulary: engine.vocabulary, ...options });
  if (!read.report) return { ...read, template: null };
  try {
    return { ...read, template: read.report.template, findings: await engine.check(read.report) };
  } catch (error) {
    const message = `检查时出现内部错误：${error instanceof Error ? error.message : String(error)}`;
    return { ...read, template: read.report.template, findings: [{ ruleId: 'internal-error', severity: 'error', message, cells: [], section: null }] };
  }
}
