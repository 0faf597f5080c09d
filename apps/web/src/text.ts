import type { Finding } from '@xxgk/core';

export function severityName(severity: Finding['severity']): string {
  return severity === 'error' ? '错误' : '警告';
}

const NUMBER = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 6, useGrouping: false });

export function formatNumber(value: number): string {
  return NUMBER.format(value);
}

/** `2024-01-20` → `2024年1月20日`. */
export function formatDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return match ? `${match[1]}年${Number(match[2])}月${Number(match[3])}日` : iso;
}

export const COLLATOR = new Intl.Collator('zh-CN', { numeric: true });
