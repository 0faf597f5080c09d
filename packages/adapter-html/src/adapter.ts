import { ReadError, limitsOf, type Adapter } from '@xxgk/core';
import { htmlLikelihood } from './decode.js';

/**
 * The HTML adapter: saved web pages, in UTF-8, GBK, GB2312 or GB18030, and web archives (.mht). Light to load: it
 * sniffs without the HTML parser, which its first read loads (`@xxgk/adapter-html/adapter`
 * gives it alone, for a batch or a page that may never meet a web page).
 */
export const htmlAdapter: Adapter = {
  id: 'html',
  name: '网页（HTML）',
  extensions: ['.html', '.htm', '.shtml', '.xhtml', '.mht', '.mhtml'],
  sniff: htmlLikelihood,
  read: async (input) => {
    const { maxFileBytes } = limitsOf(input);
    if (input.bytes.length > maxFileBytes) {
      throw new ReadError('file-unreadable', `网页文件过大（超过 ${Math.round(maxFileBytes / 1024 / 1024)} MB），未读取；请只保存报告所在的页面`);
    }
    const { readHtml } = await import('./index.js');
    return readHtml(input.bytes);
  },
};
