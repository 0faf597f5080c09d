/** A finding id that comes from reading the input (or the batch around it), not from a rule pack. */
export interface InputRule {
  id: 'file-unreadable' | 'not-a-report' | 'pdf-no-text' | 'internal-error' | 'rollup-child-missing';
  severity: 'error' | 'warning';
  description: string;
  help: string;
}

/** The findings a file gets instead of a check when it cannot be read or checked. */
export const INPUT_RULES: readonly InputRule[] = [
  {
    id: 'file-unreadable',
    severity: 'error',
    description: '文件无法读取：为空、过大、格式无法识别或读取失败',
    help: '请提供可读取的报告文件（网页、Word、PDF 或文本），文件过大时可用 --max-file-size 调整上限。',
  },
  {
    id: 'not-a-report',
    severity: 'error',
    description: '文件不是政府信息公开工作年度报告：未找到章节标题或统计表',
    help: '请确认文件是政府信息公开工作年度报告全文，且含有“一、总体情况”等章节标题或统计表。',
  },
  {
    id: 'pdf-no-text',
    severity: 'error',
    description: 'PDF 没有文字层（扫描件或图片），无法读取其中的文字',
    help: '请先对 PDF 进行文字识别（OCR），或改为提供 Word 文件或网页。',
  },
  {
    id: 'internal-error',
    severity: 'error',
    description: '检查时出现内部错误，该文件未完成检查',
    help: '这是 xxgk 自身的问题，请附上文件报告此错误。',
  },
  {
    id: 'rollup-child-missing',
    severity: 'warning',
    description: '汇总关系表列出的下级报告在本批文件和存储中都没有找到，汇总核对未计入它',
    help: '请把该下级报告加入本批文件，或先用 xxgk extract --store 存入，并核对汇总关系表中的文件名或机关名称。',
  },
];
