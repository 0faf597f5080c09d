import type { ActiveRule } from '@xxgk/core';
import type { PackTestResult } from '@xxgk/node';
import type { Format } from '../args.js';

const SEVERITY = { error: '错误', warning: '警告' } as const;

/** `xxgk rules`: the active rules with their ids, severities and packs. */
export function formatRules(rules: readonly ActiveRule[], format: Exclude<Format, 'markdown'>): string {
  if (format === 'json') {
    return JSON.stringify(
      rules.map((rule) => ({ id: rule.id, severity: rule.severity, pack: rule.pack, description: rule.description, basis: rule.basis })),
      null,
      2,
    );
  }
  const width = Math.max(...rules.map((rule) => rule.id.length));
  const lines = rules.map((rule) => `${rule.id.padEnd(width)}  ${SEVERITY[rule.severity]}  ${rule.pack}  ${rule.description}`);
  return [...lines, '', `共 ${rules.length} 条规则`].join('\n');
}

/** `xxgk test-pack`: one line per case, then the count. */
export function formatPackTests(results: readonly PackTestResult[], format: Exclude<Format, 'markdown'>): string {
  if (format === 'json') return JSON.stringify(results, null, 2);
  const lines = results.map((result) => {
    const kind = result.kind === 'valid' ? '不应报出' : '应当报出';
    return result.passed ? `✓ ${result.rule}  ${kind}  ${result.name}` : `✗ ${result.rule}  ${kind}  ${result.name}：${result.problem}`;
  });
  const passed = results.filter((result) => result.passed).length;
  return [...lines, '', `${passed} passed, ${results.length - passed} failed`].join('\n');
}
