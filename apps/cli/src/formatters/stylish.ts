import type { CheckResult, ReadResult } from '@xxgk/core';
import { summarize } from '@xxgk/formatters';

export interface StylishOptions {
  color: boolean;
}

const SEVERITY = { error: '错误', warning: '警告' } as const;

function paint(options: StylishOptions) {
  const wrap = (code: string) => (text: string) => (options.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  return { red: wrap('31'), yellow: wrap('33'), dim: wrap('2'), bold: wrap('1'), underline: wrap('4'), green: wrap('32') };
}

function describe(result: ReadResult): string {
  const report = result.report;
  if (!report) return '';
  const parts = [
    report.meta.agency ?? '（未识别机关名称）',
    report.meta.year ? `${report.meta.year} 年度` : '（未识别年度）',
    report.template ? `${report.template} 版格式` : '（未识别格式）',
  ];
  return parts.join(' · ');
}

/** ESLint-style text for people: per file, each finding with its line, severity and rule id. */
export function formatStylish(results: readonly CheckResult[], options: StylishOptions): string {
  return [...stylishLines(results, options)].join('\n');
}

/** formatStylish's lines one at a time, to write a large batch piece by piece (its text can exceed the longest string, its lines fill memory). */
export function* stylishLines(results: readonly CheckResult[], options: StylishOptions): Generator<string> {
  const c = paint(options);
  let errors = 0;
  let warnings = 0;
  for (const result of results) {
    yield c.underline(result.name);
    const about = describe(result);
    if (about) yield c.dim(`  ${about}`);
    if (result.findings.length === 0) yield c.green('  ✓ 未发现问题');
    const width = Math.max(0, ...result.findings.map((finding) => String(finding.line ?? '').length));
    for (const finding of result.findings) {
      if (finding.severity === 'error') errors += 1;
      else warnings += 1;
      const severity = finding.severity === 'error' ? c.red(SEVERITY.error) : c.yellow(SEVERITY.warning);
      const line = String(finding.line ?? '').padStart(width);
      yield `  ${c.dim(line)}  ${severity}  ${finding.message}  ${c.dim(finding.ruleId)}`;
    }
    yield '';
  }
  const summary = summarize(results);
  const rules = Object.entries(summary.byRule).sort(([, a], [, b]) => b.errors + b.warnings - (a.errors + a.warnings));
  if (rules.length > 0 && results.length > 1) {
    yield c.bold('按规则统计：');
    const width = Math.max(...rules.map(([id]) => id.length));
    for (const [id, count] of rules) yield `  ${id.padEnd(width)}  ${count.errors > 0 ? `${count.errors} 个错误` : ''}${count.errors > 0 && count.warnings > 0 ? '，' : ''}${count.warnings > 0 ? `${count.warnings} 个警告` : ''}`;
    const { reports } = summary;
    yield `按格式统计：2021 版 ${reports['2021']} 份，2019 版 ${reports['2019']} 份，未识别 ${reports.unknown} 份，未能读取 ${summary.noReport} 份`;
    yield '';
  }
  const total = `共 ${results.length} 个文件：${errors} 个错误，${warnings} 个警告`;
  yield errors > 0 ? c.red(c.bold(`✖ ${total}`)) : warnings > 0 ? c.yellow(c.bold(`⚠ ${total}`)) : c.green(c.bold(`✓ ${total}`));
}

/** `xxgk extract` for people: meta and the number of cells read. */
export function formatExtractStylish(results: readonly ReadResult[], options: StylishOptions): string {
  const c = paint(options);
  return results
    .map((result) => {
      const head = c.underline(result.name);
      if (!result.report) return `${head}\n  ${c.red(result.findings.map((finding) => finding.message).join('；'))}`;
      const cells = Object.values(result.report.cells);
      const blank = cells.filter((value) => value === null).length;
      return `${head}\n  ${describe(result)}\n  读取 ${cells.length} 个单元格（空白 ${blank} 个），${result.report.sections.length} 个部分`;
    })
    .join('\n\n');
}
