import type { CheckResult, RuleEngine } from '@xxgk/core';

export type ExportKind = 'xlsx' | 'check-json' | 'extract-json';

/** Hands bytes or text to the browser as a download; nothing leaves the machine. */
export function download(data: Uint8Array | string, name: string, type: string): void {
  const blob = new Blob([typeof data === 'string' ? data : new Uint8Array(data)], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Exports the results as the CLI writes them: the XLSX workbook of `xxgk check --format
 * xlsx` (问题, 单元格, 汇总), the JSON of `xxgk check --format json`, or that of
 * `xxgk extract --format json` (the cells). @xxgk/formatters (and exceljs) load on first use.
 */
export async function exportResults(kind: ExportKind, results: readonly CheckResult[], engine: RuleEngine): Promise<string> {
  const formatters = await import('@xxgk/formatters');
  switch (kind) {
    case 'xlsx': {
      const bytes = await formatters.writeXlsx(results, { rules: engine.rules(), vocabulary: engine.vocabulary });
      download(bytes, 'xxgk-check.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      return 'xxgk-check.xlsx';
    }
    case 'check-json':
      download(`${formatters.formatCheckJson(results)}\n`, 'xxgk-check.json', 'application/json');
      return 'xxgk-check.json';
    case 'extract-json':
      // as `xxgk extract`: the findings of a file are there only when it could not be read
      download(`${formatters.formatExtractJson(results.map(({ name, report, findings }) => ({ name, report, findings: report ? [] : findings })))}\n`, 'xxgk-extract.json', 'application/json');
      return 'xxgk-extract.json';
  }
}
