import type { RulePack } from '@xxgk/core';

const SEVERITY = { error: '错误 error', warning: '警告 warning' } as const;

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The rule reference of a pack as one Markdown page: every rule's id, severity, message and basis. */
export function ruleReference(pack: RulePack): string {
  const lines = [
    `# ${pack.id} 规则说明`,
    '',
    ...(pack.description ? [pack.description, ''] : []),
  ];
  if (pack.extends) lines.push(`在 \`${pack.extends}\` 的规则之后运行。`, '');
  if (pack.appliesTo?.regions) lines.push(`适用于机关名称含以下地名的报告：${pack.appliesTo.regions.join('、')}（可在配置中设为对所有报告适用）。`, '');
  if (pack.extraRows?.length) {
    lines.push('## 新增的表格行', '', '| 表 | 行 | 单元格键 | 适用格式 |', '|---|---|---|---|');
    for (const row of pack.extraRows) {
      const keys = row.columns.map((column) => `\`${row.table}.${row.key}.${column.key}\`（${column.label}）`).join('<br>');
      lines.push(`| ${row.table === 'active' ? '表二' : '表三'} | ${cell(row.label)} | ${keys} | ${row.templates.join('、')} |`);
    }
    lines.push('');
  }
  lines.push('## 规则', '', '| 编号 | 级别 | 检查内容 | 提示信息 | 依据 |', '|---|---|---|---|---|');
  for (const rule of pack.rules) {
    lines.push(
      `| \`${rule.id}\` | ${SEVERITY[rule.severity]} | ${cell(rule.description)} | ${cell(rule.message)} | ${cell(rule.basis.document)} ${cell(rule.basis.article)} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}
