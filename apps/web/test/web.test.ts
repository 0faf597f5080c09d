import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { docxAdapter } from '@xxgk/adapter-docx';
import { htmlAdapter } from '@xxgk/adapter-html';
import { pdfAdapter } from '@xxgk/adapter-pdf/node';
import { textAdapter } from '@xxgk/adapter-text';
import { AdapterRegistry, RuleEngine, addCrossReportFindings, checkReport, parseRollupMap, readReport, type BatchReport, type CheckResult, type Finding } from '@xxgk/core';
import { checkRecord, extractRecord } from '@xxgk/formatters';
import { nationalPack } from '@xxgk/rules-national';
import ExcelJS from 'exceljs';
import { chromium, type Browser, type BrowserContext, type FileChooser, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { serveFolder, type StaticServer } from './server.js';

/** Debian's chromium package; XXGK_CHROMIUM names another Chromium or Chrome. */
const CHROMIUM = process.env.XXGK_CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  throw new Error(
    `The web app's end-to-end tests need Chromium, and there is none at ${CHROMIUM}. ` +
      'Install it (Debian/Ubuntu: `apt-get install chromium`), or set XXGK_CHROMIUM to a Chromium or Chrome executable. ' +
      `（端到端测试需要 Chromium：请先运行 apt-get install chromium）`,
  );
}

const LAUNCH_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const app = fileURLToPath(new URL('..', import.meta.url));
const repo = fileURLToPath(new URL('../../../', import.meta.url));
const examples = join(repo, 'examples');
const seed = join(repo, '../shared/seeds/002_5d8db5c6007b71c2.txt');
/** Screenshots go here; with XXGK_UPDATE_SCREENSHOTS=1 also to docs/screenshots/ (committed). */
const shots = mkdtempSync(join(tmpdir(), 'xxgk-web-'));

const EXAMPLE_04 = '04-defect-sums-2021-pipes.txt';
const EXAMPLE_09 = '09-defect-2021-word.docx';
/** last year's report of 04's agency */
const EXAMPLE_11 = '11-lastyear-2022-pipes.txt';
const SEED_002 = basename(seed);
/**
 * every example (text, HTML, DOCX, PDF) and a real report's text; the page compares its
 * reports with each other as `xxgk check` does a batch, so 04 is compared with 11 (last year's)
 */
const FILES = [
  ...[
    '01-clean-2021-pipes.txt',
    '02-clean-2021-cells.txt',
    '03-clean-2019-tabs.txt',
    EXAMPLE_04,
    '05-defect-structure-2021-cells.txt',
    '06-defect-outdated-2019-tabs.txt',
    '07-defect-values-2021-pipes.txt',
    '08-clean-2021-web.html',
    EXAMPLE_09,
    '10-clean-2019-pdf.pdf',
    EXAMPLE_11,
  ].map((name) => join(examples, name)),
  seed,
];

/** Example 01 as the report of a Guangdong agency: clean nationally, but without the 政府集中采购 row Guangdong keeps. */
const GUANGDONG = {
  name: '广州市越秀区市场监督管理局2023年报.txt',
  mimeType: 'text/plain',
  buffer: Buffer.from(readFileSync(join(examples, '01-clean-2021-pipes.txt'), 'utf8').replaceAll('桐川县', '广州市越秀区')),
};

/** A file as `setInputFiles` takes it from memory (paths and buffers cannot be mixed). */
function upload(path: string) {
  return { name: basename(path), mimeType: 'application/octet-stream', buffer: readFileSync(path) };
}

let server: StaticServer;
let browser: Browser;
/** contexts of single tests, closed after each whether it passed or not */
const contexts: BrowserContext[] = [];

async function freshContext(options: Parameters<Browser['newContext']>[0]): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  contexts.push(context);
  return context;
}

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

beforeAll(async () => {
  // the site as `npm run build` makes it (Vite decides production mode by NODE_ENV, which vitest sets to "test")
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ root: app, configFile: join(app, 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  server = await serveFolder(join(app, 'dist'));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(shots, { recursive: true, force: true });
});

async function open(context: BrowserContext, url = server.url, before?: (page: Page) => void): Promise<Page> {
  const page = await context.newPage();
  before?.(page);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  (page as Page & { errors?: string[] }).errors = errors;
  await page.goto(url);
  await page.bringToFront();
  await page.waitForSelector('body[data-state="idle"]');
  return page;
}

function pageErrors(page: Page): string[] {
  return (page as Page & { errors?: string[] }).errors ?? [];
}

/** Waits until every file added is checked by the current settings. */
async function settled(page: Page, files: number): Promise<void> {
  await page.waitForFunction(
    (count) => document.body.dataset.state === 'idle' && document.querySelectorAll('.file-item').length === count && !document.querySelector('.file-counts.pending'),
    files,
    { timeout: 90_000 },
  );
}

async function addFiles(page: Page, files: Parameters<Page['setInputFiles']>[1], count: number): Promise<void> {
  await page.setInputFiles('#file-input', files);
  await settled(page, count);
}

async function showReport(page: Page, name: string): Promise<void> {
  await page.locator('.file-item', { has: page.locator('.file-name', { hasText: name }) }).click();
  await page.waitForFunction((file) => document.querySelector('[data-meta="文件"]')?.textContent === file, name);
}

async function shownFindings(page: Page): Promise<{ ruleId: string; severity: string; message: string; cells: string[] }[]> {
  return page.$$eval('button.finding', (buttons) =>
    buttons.map((button) => ({
      ruleId: button.getAttribute('data-rule-id') ?? '',
      severity: button.classList.contains('finding-error') ? 'error' : 'warning',
      message: button.querySelector('.finding-message')?.textContent ?? '',
      cells: (button.getAttribute('data-cells') ?? '').split(' ').filter(Boolean),
    })),
  );
}

/**
 * The findings Node gives for the same files: core, the same adapters (PDF through its Node
 * entry), the national pack, and the reports compared with each other as `xxgk check` does.
 */
async function nodeResults(files: readonly string[] = FILES): Promise<CheckResult[]> {
  const registry = new AdapterRegistry([pdfAdapter, docxAdapter, htmlAdapter, textAdapter]);
  const engine = new RuleEngine([nationalPack]);
  const results = await Promise.all(files.map((file) => checkReport({ name: basename(file), bytes: new Uint8Array(readFileSync(file)) }, registry, engine)));
  await addCrossReportFindings(results.filter((result): result is CheckResult & BatchReport => result.report !== null), engine);
  return results;
}

/** Waits for a smooth scroll to end. */
async function stillScroll(page: Page): Promise<void> {
  let last = -1;
  for (;;) {
    await page.waitForTimeout(150);
    const y = await page.evaluate(() => window.scrollY);
    if (y === last) return;
    last = y;
  }
}

async function saveScreenshot(page: Page, name: string): Promise<void> {
  const path = join(shots, name);
  await page.screenshot({ path });
  if (process.env.XXGK_UPDATE_SCREENSHOTS === '1') {
    mkdirSync(join(repo, 'docs/screenshots'), { recursive: true });
    copyFileSync(path, join(repo, 'docs/screenshots', name));
  }
}

describe('the web app in Chromium', () => {
  let context: BrowserContext;
  let page: Page;
  const requests: { method: string; url: string }[] = [];

  beforeAll(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true, locale: 'zh-CN' });
    context.on('request', (request) => requests.push({ method: request.method(), url: request.url() }));
    page = await open(context);
    await addFiles(page, FILES, FILES.length);
  });

  afterAll(async () => {
    await context?.close();
  });

  it('reads text, HTML, DOCX and PDF reports, and finds what Node finds', async () => {
    const expected = await nodeResults();
    for (const result of expected) {
      await showReport(page, result.name);
      const shown = await shownFindings(page);
      expect(shown, result.name).toEqual(result.findings.map((finding: Finding) => ({ ruleId: finding.ruleId, severity: finding.severity, message: finding.message, cells: finding.cells })));
      if (result.report) {
        expect(await page.textContent('[data-meta="机关"]'), result.name).toBe(result.report.meta.agency);
        expect(await page.textContent('[data-meta="年度"]'), result.name).toBe(`${result.report.meta.year} 年度`);
        expect(await page.textContent('[data-meta="模板"]'), result.name).toContain(`${result.template} 年版`);
        const date = result.report.meta.publishedAt?.split('-').map(Number);
        expect(await page.textContent('[data-meta="落款日期"]'), result.name).toBe(date ? `${date[0]}年${date[1]}月${date[2]}日` : '未识别');
      }
    }
    expect(pageErrors(page)).toEqual([]);
  });

  it('shows the template, agency, year and publication date of a report', async () => {
    await showReport(page, '10-clean-2019-pdf.pdf');
    expect(await page.textContent('[data-meta="格式"]')).toBe('PDF');
    expect(await page.textContent('[data-meta="模板"]')).toBe('2019 年版（国办公开办函〔2019〕60号）');
    expect(await page.textContent('.summary')).toContain('未发现问题');
    await showReport(page, SEED_002);
    expect(await page.textContent('[data-meta="机关"]')).toBe('安宁市人民政府办公室');
    expect(await page.textContent('[data-meta="年度"]')).toBe('2022 年度');
    await showReport(page, EXAMPLE_04);
    expect(await page.textContent('[data-meta="模板"]')).toBe('2021 年版（国办公开办函〔2021〕30号）');
    expect(await page.textContent('[data-meta="落款日期"]')).toBe('2024年1月26日');
  });

  it('lists example 04’s sums that do not add up, and highlights their cells', async () => {
    await showReport(page, EXAMPLE_04);
    const finding = page.locator('button.finding', { hasText: '表三 “（七）总计”行 “总计”列：报告 19，按各项之和应为 20' });
    await expect.poll(() => finding.count()).toBe(1);
    expect(await finding.getAttribute('data-rule-id')).toBe('requests-outcome-total');
    expect(await finding.locator('.rule-id').textContent()).toBe('requests-outcome-total');
    const total = page.locator('[data-cell-key="requests.total.total"]');
    expect(await total.textContent()).toBe('19');
    expect(await total.getAttribute('class')).toMatch(/\bcell-error\b/);
    // hovering shows where the value came from
    await total.hover();
    expect(await total.getAttribute('title')).toMatch(/来源：第 52 行，原文“19”/);
    expect(await total.getAttribute('title')).toContain('按各项之和应为 20');
    // a cell no finding touches is not highlighted
    expect(await page.locator('[data-cell-key="requests.granted.naturalPerson"]').getAttribute('class')).not.toMatch(/cell-(error|warning)/);
  });

  it('colours errors and warnings differently (example 09, a Word file)', async () => {
    await showReport(page, EXAMPLE_09);
    expect(await page.locator('button.finding[data-rule-id="cell-invalid"]').count()).toBe(1);
    const invalid = page.locator('[data-cell-key="active.punishment.decisions"]');
    expect(await invalid.textContent()).toBe('若干');
    expect(await invalid.getAttribute('class')).toMatch(/\bcell-error\b/);
    const blank = page.locator('[data-cell-key="review.litigationAfterReconsideration.pending"]');
    expect(await blank.getAttribute('class')).toMatch(/\bcell-warning\b/);
    expect(await blank.getAttribute('class')).not.toMatch(/\bcell-error\b/);
    const [errorColour, warningColour] = await Promise.all([invalid, blank].map((cell) => cell.evaluate((element) => getComputedStyle(element).backgroundColor)));
    expect(errorColour).not.toBe(warningColour);
    // the picture of one report: its findings, and table 二 with the cell of the finding clicked
    await page.click('button.finding[data-rule-id="cell-invalid"]');
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-cell-key') === 'active.punishment.decisions');
    await stillScroll(page);
    // the report's head at the top, so the picture has its meta, its findings and table 二
    await page.locator('#report-title').evaluate((title) => title.scrollIntoView({ block: 'start' }));
    await page.mouse.move(0, 0);
    await saveScreenshot(page, 'web-report.png');
  });

  it('shows where a PDF cell came from: line and page', async () => {
    await showReport(page, '10-clean-2019-pdf.pdf');
    const cell = page.locator('[data-cell-key="requests.total.total"]');
    expect(await cell.textContent()).toBe('17');
    expect(await cell.getAttribute('title')).toMatch(/来源：第 \d+ 行（第 \d 页），原文“17”/);
  });

  it('clicking a finding scrolls to its cells and focuses the first; Escape goes back', async () => {
    await showReport(page, EXAMPLE_04);
    await page.evaluate(() => window.scrollTo(0, 0));
    const finding = page.locator('button.finding[data-rule-id="review-total"]');
    await finding.click();
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-cell-key') === 'review.reconsideration.total');
    const cell = page.locator('[data-cell-key="review.reconsideration.total"]');
    await expect.poll(async () => {
      const box = await cell.boundingBox();
      return box !== null && box.y >= 0 && box.y + box.height <= 800;
    }).toBe(true);
    expect(await page.locator('.cell-target').count()).toBe(5); // the total and its four addends
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-rule-id'))).toBe('review-total');
    // the keyboard way: Enter on a focused finding
    const outcome = page.locator('button.finding[data-rule-id="requests-outcome-total"]');
    await outcome.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-cell-key') === 'requests.total.total');
  });

  it('the batch view sorts files by errors and filters by rule', async () => {
    await page.click('#tab-batch');
    await page.waitForSelector('#batch-table');
    expect(await page.locator('#batch-table tbody tr').count()).toBe(FILES.length);
    const column = async (count: string) => page.$$eval(`#batch-table tbody td[data-count="${count}"]`, (cells) => cells.map((cell) => Number(cell.textContent)));
    await page.click('button.sort[data-sort="errors"]');
    const errors = await column('errors');
    expect(errors).toEqual([...errors].sort((a, b) => b - a));
    expect(errors[0]).toBe(4);
    expect(await page.getAttribute('th:has(button[data-sort="errors"])', 'aria-sort')).toBe('descending');
    await page.click('button.sort[data-sort="errors"]');
    expect(await page.getAttribute('th:has(button[data-sort="errors"])', 'aria-sort')).toBe('ascending');
    const ascending = await column('errors');
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    await page.click('button.sort[data-sort="errors"]');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.mouse.move(0, 0);
    await saveScreenshot(page, 'web-batch.png');

    await page.selectOption('#rule-filter', 'cell-invalid');
    const files = await page.$$eval('#batch-table tbody tr', (rows) => rows.map((row) => row.getAttribute('data-file')).sort());
    expect(files).toEqual(['07-defect-values-2021-pipes.txt', EXAMPLE_09]);
    expect(await column('errors')).toEqual([2, 1]);
    // 04's findings include the two of comparing it with last year's report (11, on the page)
    const row04 = page.locator(`#batch-table tbody tr[data-file="${EXAMPLE_04}"]`);
    await page.selectOption('#rule-filter', '');
    expect(await row04.locator('td[data-count="errors"]').textContent()).toBe('4');
    expect(await row04.locator('td[data-count="warnings"]').textContent()).toBe('2');
    expect(await page.locator('#rule-filter option[value="carryover-mismatch"]').textContent()).toMatch(/^carryover-mismatch：.*（2）$/);
    await page.selectOption('#rule-filter', 'carryover-mismatch');
    expect(await page.$$eval('#batch-table tbody tr', (rows) => rows.map((row) => row.getAttribute('data-file')))).toEqual([EXAMPLE_04]);
    expect(await column('warnings')).toEqual([2]);
    await page.selectOption('#rule-filter', '');
    expect(await page.locator('#batch-table tbody tr').count()).toBe(FILES.length);
  });

  it('exports the findings and cells as XLSX, the same workbook as the CLI’s', async () => {
    await page.click('#tab-batch');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-xlsx')]);
    expect(download.suggestedFilename()).toBe('xxgk-check.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await download.path())!);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['问题', '单元格', '汇总']);

    const findings = workbook.getWorksheet('问题')!;
    const header = Array.from(findings.getRow(1).values as unknown[], (value) => String(value ?? ''));
    const at = (name: string) => header.findIndex((title) => title.endsWith(` ${name}`));
    const rows = findings.getSheetValues().slice(2) as unknown[][];
    const outcome = rows.find((row) => row[at('file')] === EXAMPLE_04 && row[at('ruleId')] === 'requests-outcome-total');
    expect(outcome?.[at('reported')]).toBe(19);
    expect(outcome?.[at('expected')]).toBe(20);
    expect(outcome?.[at('agency')]).toBe('鹤汀市住房和城乡建设局');
    // the findings of comparing 04 with last year's report (11) are in the workbook too
    const carryover = rows.filter((row) => row[at('file')] === EXAMPLE_04 && row[at('ruleId')] === 'carryover-mismatch');
    expect(carryover.map((row) => [row[at('reported')], row[at('expected')]])).toEqual([[2, 3], [3, 4]]);

    const cells = workbook.getWorksheet('单元格')!;
    const keys = Array.from(cells.getRow(1).values as unknown[], (value) => String(value ?? ''));
    const report = (cells.getSheetValues() as unknown[][]).find((row) => row?.[keys.indexOf('file')] === EXAMPLE_04);
    expect(report?.[keys.indexOf('requests.total.total')]).toBe(19);
    expect(report?.[keys.indexOf('agency')]).toBe('鹤汀市住房和城乡建设局');
  });

  it('exports the JSON of `xxgk check` and `xxgk extract`', async () => {
    const expected = await nodeResults();
    const [check] = await Promise.all([page.waitForEvent('download'), page.click('#export-check-json')]);
    const checked = JSON.parse(readFileSync((await check.path())!, 'utf8'));
    expect(checked).toEqual(JSON.parse(JSON.stringify(expected.map(checkRecord))));
    const carryover = checked.find((record: { file: string }) => record.file === EXAMPLE_04).findings.filter((finding: Finding) => finding.ruleId === 'carryover-mismatch');
    expect(carryover.map((finding: Finding) => finding.related)).toEqual([
      [{ report: EXAMPLE_11, cells: ['requests.carriedForward.naturalPerson'], line: 53, value: 3 }],
      [{ report: EXAMPLE_11, cells: ['requests.carriedForward.total'], line: 53, value: 4 }],
    ]);

    const [extract] = await Promise.all([page.waitForEvent('download'), page.click('#export-extract-json')]);
    const extracted = JSON.parse(readFileSync((await extract.path())!, 'utf8'));
    const registry = new AdapterRegistry([textAdapter]);
    const read = await readReport({ name: EXAMPLE_04, bytes: new Uint8Array(readFileSync(join(examples, EXAMPLE_04))) }, registry);
    expect(extracted.find((record: { file: string }) => record.file === EXAMPLE_04)).toEqual(JSON.parse(JSON.stringify(extractRecord(read))));
    expect(extracted).toHaveLength(FILES.length);
  });

  it('nothing leaves the browser: only GET requests for the site’s own files', () => {
    expect(requests.length).toBeGreaterThan(0);
    const foreign = requests.filter((request) => !request.url.startsWith(server.url) && !/^(blob|data):/.test(request.url));
    expect(foreign).toEqual([]);
    expect(requests.filter((request) => request.method !== 'GET')).toEqual([]);
    expect(server.requests.filter((request) => !request.startsWith('GET '))).toEqual([]);
  });
});

describe('reports compared with each other', () => {
  const CARRYOVER = [
    { cells: ['requests.carriedOver.naturalPerson'], message: '表三 “二、上年结转政府信息公开申请数量”行 “自然人”列为 2，而上年报告（11-lastyear-2022-pipes.txt）表三 “四、结转下年度继续办理”行 “自然人”列为 3，二者应相等' },
    { cells: ['requests.carriedOver.total'], message: '表三 “二、上年结转政府信息公开申请数量”行 “总计”列为 3，而上年报告（11-lastyear-2022-pipes.txt）表三 “四、结转下年度继续办理”行 “总计”列为 4，二者应相等' },
  ];

  it('04 with last year’s report (11) on the page: two carryover-mismatch warnings naming 11, a link to it', async () => {
    const context = await freshContext({ viewport: { width: 1280, height: 800 } });
    const page = await open(context);
    const files = [join(examples, EXAMPLE_04), join(examples, EXAMPLE_11)];
    await addFiles(page, files, 2);
    await showReport(page, EXAMPLE_04);
    const shown = await shownFindings(page);
    expect(shown.filter((finding) => finding.ruleId === 'carryover-mismatch')).toEqual(CARRYOVER.map((finding) => ({ ruleId: 'carryover-mismatch', severity: 'warning', ...finding })));
    // the same findings as Node's, in the same order: the report's own, then those across reports
    const [node04] = await nodeResults(files);
    expect(shown.map((finding) => finding.message)).toEqual(node04!.findings.map((finding) => finding.message));
    expect(await page.textContent('.summary')).toContain('2 个警告');
    // the cells compared with last year's are marked as warnings
    const carriedOver = page.locator('[data-cell-key="requests.carriedOver.naturalPerson"]');
    expect(await carriedOver.getAttribute('class')).toMatch(/\bcell-warning\b/);
    expect(await carriedOver.getAttribute('title')).toContain('上年报告（11-lastyear-2022-pipes.txt）');
    // each names the other report, a file of the page: its button opens it
    const related = page.locator('button.open-related');
    expect(await related.count()).toBe(2);
    expect(await related.first().textContent()).toBe(EXAMPLE_11);
    await related.first().click();
    await page.waitForFunction((file) => document.querySelector('[data-meta="文件"]')?.textContent === file, EXAMPLE_11);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('report-title');
    expect(await shownFindings(page)).toEqual([]);
    expect(await page.locator('.file-item[aria-current="true"] .file-name').textContent()).toBe(EXAMPLE_11);

    // a change of severity checks again, and compares again: no finding twice
    await page.click('#settings > summary');
    await page.selectOption('select[data-rule="carryover-mismatch"]', 'error');
    await settled(page, 2);
    await showReport(page, EXAMPLE_04);
    const again = (await shownFindings(page)).filter((finding) => finding.ruleId === 'carryover-mismatch');
    expect(again.map((finding) => [finding.severity, finding.cells])).toEqual(CARRYOVER.map((finding) => ['error', finding.cells]));
    await page.selectOption('select[data-rule="carryover-mismatch"]', 'off');
    await settled(page, 2);
    expect((await shownFindings(page)).filter((finding) => finding.ruleId === 'carryover-mismatch')).toEqual([]);
    await page.click('#reset-settings');
    await settled(page, 2);
    expect((await shownFindings(page)).filter((finding) => finding.ruleId === 'carryover-mismatch')).toHaveLength(2);
    expect(pageErrors(page)).toEqual([]);
  });

  it('04 alone: nothing to compare with, no carryover warning; 11 added later brings them', async () => {
    const context = await freshContext({ viewport: { width: 1280, height: 800 } });
    const page = await open(context);
    await addFiles(page, [join(examples, EXAMPLE_04)], 1);
    await showReport(page, EXAMPLE_04);
    const alone = await shownFindings(page);
    expect(alone.map((finding) => finding.ruleId)).toEqual(['requests-row-total', 'requests-outcome-total', 'requests-balance', 'review-total']);
    expect(await page.locator('.finding-related').count()).toBe(0);

    await addFiles(page, [join(examples, EXAMPLE_11)], 2);
    await showReport(page, EXAMPLE_04);
    const together = await shownFindings(page);
    expect(together.map((finding) => finding.ruleId)).toEqual([...alone.map((finding) => finding.ruleId), 'carryover-mismatch', 'carryover-mismatch']);
    expect(pageErrors(page)).toEqual([]);
  });
});

describe('a roll-up mapping dropped with the reports', () => {
  // a summary (city.txt, example 01 under 桐川县人民政府) and its parts: a.txt, example 01 under
  // 桐川县甲局, and b.txt and c.txt with every table number 0, so the sum holds
  const example01 = readFileSync(join(examples, '01-clean-2021-pipes.txt'), 'utf8');
  const asAgency = (agency: string, zero = false): string => {
    const text = example01.replaceAll('桐川县市场监督管理局', agency);
    // pipes layout: cells between ` | `; the first cell of table 四's values row starts the line
    return zero ? text.replace(/(?<=^|\| )\d+(?:\.\d+)?(?= \|)/gm, '0') : text;
  };
  const REPORTS = {
    'city.txt': asAgency('桐川县人民政府'),
    'a.txt': asAgency('桐川县甲局'),
    'b.txt': asAgency('桐川县乙局', true),
    'c.txt': asAgency('桐川县丙局', true),
  };
  const MAPPING = '汇总报告,下级报告\ncity.txt,a.txt\ncity.txt,b.txt\ncity.txt,桐川县丙局\n';
  const ROLLUP_RULES = ['rollup-mismatch', 'rollup-child-missing'];
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-web-rollup-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Writes a batch's files to a folder of its own; their paths, the reports' first. */
  function folder(name: string, files: Record<string, string>): string[] {
    mkdirSync(join(dir, name));
    return Object.entries(files).map(([file, text]) => {
      writeFileSync(join(dir, name, file), text);
      return join(dir, name, file);
    });
  }

  /** Drops files on the drop zone, as a clerk drags them from a folder. */
  async function dropFiles(page: Page, paths: readonly string[]): Promise<void> {
    const files = paths.map((path) => ({ name: basename(path), text: readFileSync(path, 'utf8') }));
    const transfer = await page.evaluateHandle((files) => {
      const transfer = new DataTransfer();
      for (const { name, text } of files) transfer.items.add(new File([text], name, { type: name.endsWith('.csv') ? 'text/csv' : 'text/plain' }));
      return transfer;
    }, files);
    await page.dispatchEvent('#drop-zone', 'drop', { dataTransfer: transfer });
  }

  const rollupFindings = async (page: Page) => (await shownFindings(page)).filter((finding) => ROLLUP_RULES.includes(finding.ruleId));

  it('a summary that is the sum of its parts: no roll-up finding; the mapping is named, and can be removed', async () => {
    const context = await freshContext({ viewport: { width: 1280, height: 800 } });
    const page = await open(context);
    expect((await page.getAttribute('#file-input', 'accept'))?.split(',')).toContain('.csv');
    const paths = folder('ok', { ...REPORTS, 'rollup.csv': MAPPING });
    await dropFiles(page, paths);
    // the mapping is not a report: four files, and the mapping shown apart
    await settled(page, 4);
    expect(await page.$$eval('.file-name', (names) => names.map((name) => name.textContent))).toEqual(Object.keys(REPORTS));
    expect(await page.textContent('#rollup')).toContain('汇总关系表：rollup.csv（3 条汇总关系）');
    for (const name of Object.keys(REPORTS)) {
      await showReport(page, name);
      expect(await rollupFindings(page), name).toEqual([]);
    }
    // the zeroed parts have warnings of their own (empty tables), no error; no note on the mapping
    expect(await page.textContent('#status')).toMatch(/^已检查 4 个文件：0 个错误，\d+ 个警告。$/);
    await page.click('#remove-rollup');
    expect(await page.isHidden('#rollup')).toBe(true);
    await settled(page, 4);
    expect(pageErrors(page)).toEqual([]);
  });

  it('parts that add up to something else: one rollup-mismatch error on the summary, naming its parts', async () => {
    const context = await freshContext({ viewport: { width: 1280, height: 800 } });
    const page = await open(context);
    const reports = { ...REPORTS, 'b.txt': REPORTS['b.txt'].replace('行政处罚 | 0 |', '行政处罚 | 5 |') };
    const paths = folder('mismatch', { ...reports, 'rollup.csv': MAPPING });
    await addFiles(page, paths, 4);
    await showReport(page, 'city.txt');
    const found = await rollupFindings(page);
    expect(found.map((finding) => [finding.ruleId, finding.severity, finding.cells])).toEqual([['rollup-mismatch', 'error', ['active.punishment.decisions']]]);
    expect(found[0]!.message).toMatch(/^表二 “行政处罚”.*86.*91/);
    // the same finding as Node's with the same mapping
    const registry = new AdapterRegistry([textAdapter]);
    const engine = new RuleEngine([nationalPack]);
    const checked = await Promise.all(Object.entries(reports).map(([name, text]) => checkReport({ name, bytes: new TextEncoder().encode(text) }, registry, engine)));
    await addCrossReportFindings(checked as (CheckResult & BatchReport)[], engine, { rollup: { file: 'rollup.csv', pairs: parseRollupMap(MAPPING, 'rollup.csv') } });
    expect(found.map((finding) => finding.message)).toEqual(checked[0]!.findings.filter((finding) => finding.ruleId === 'rollup-mismatch').map((finding) => finding.message));
    // the parts, files of the page: buttons that open them
    const parts = page.locator('button.finding[data-rule-id="rollup-mismatch"] + .finding-related button.open-related');
    expect(await parts.allTextContents()).toEqual(['a.txt', 'b.txt', 'c.txt']);
    expect(await page.getAttribute('[data-cell-key="active.punishment.decisions"]', 'class')).toMatch(/\bcell-error\b/);
    for (const name of ['a.txt', 'b.txt', 'c.txt']) {
      await showReport(page, name);
      expect(await rollupFindings(page), name).toEqual([]);
    }
    expect(pageErrors(page)).toEqual([]);
  });

  it('a part found nowhere gives rollup-child-missing, a summary not on the page a note; a malformed mapping its error', async () => {
    const context = await freshContext({ viewport: { width: 1280, height: 800 } });
    const page = await open(context);
    const paths = folder('missing', { ...REPORTS, 'rollup.csv': `${MAPPING}city.txt,桐川县丁局\ncounty.txt,city.txt\n` });
    await addFiles(page, paths, 4);
    await showReport(page, 'city.txt');
    const missing = await rollupFindings(page);
    expect(missing.map((finding) => [finding.ruleId, finding.severity])).toEqual([['rollup-child-missing', 'warning']]);
    expect(missing[0]!.message).toBe('汇总关系表 rollup.csv 第 5 行的下级报告 “桐川县丁局” 在本批文件和存储中都没有找到，汇总核对未计入它');
    expect(await page.textContent('#status')).toMatch(/^已检查 4 个文件：0 个错误，\d+ 个警告。汇总关系表第 6 行的汇总报告 “county.txt” 不在本批文件中，未核对。$/);
    await page.click('#tab-batch');
    expect(await page.textContent('#rule-filter option[value="rollup-child-missing"]')).toMatch(/^rollup-child-missing：汇总关系表列出的下级报告.*（1）$/);

    // a mapping that cannot be read replaces the one before: its error shown, no roll-up checked
    const [bad] = folder('malformed', { 'bad.csv': 'city.txt,a.txt\ncity.txt\n' });
    await page.setInputFiles('#file-input', [bad!]);
    await page.waitForSelector('#rollup.rollup-error');
    await settled(page, 4);
    expect(await page.getAttribute('#rollup', 'role')).toBe('alert');
    await page.click('#tab-report');
    expect(await page.textContent('#rollup .rollup-message')).toBe('汇总关系表 bad.csv 第 2 行应有两列（汇总报告,下级报告），而不是 “city.txt”');
    await showReport(page, 'city.txt');
    expect(await rollupFindings(page)).toEqual([]);
    expect(await page.textContent('#status')).not.toContain('汇总关系表');
    // removed, and the page still works: the good mapping again brings the warning back
    await page.click('#remove-rollup');
    expect(await page.isHidden('#rollup')).toBe(true);
    await page.setInputFiles('#file-input', [paths.at(-1)!]);
    await page.waitForSelector('#rollup:not(.rollup-error):not([hidden])');
    await settled(page, 4);
    await showReport(page, 'city.txt');
    expect((await rollupFindings(page)).map((finding) => finding.ruleId)).toEqual(['rollup-child-missing']);
    expect(pageErrors(page)).toEqual([]);
  });
});

describe('packs and severities, remembered', () => {
  it('the Guangdong pack, toggled on, changes the findings of a Guangdong report; the choice survives a reload', async () => {
    const context = await freshContext({ viewport: { width: 1280, height: 800 } });
    const page = await open(context);
    await addFiles(page, [GUANGDONG, upload(join(examples, '01-clean-2021-pipes.txt'))], 2);
    await showReport(page, GUANGDONG.name);
    expect(await shownFindings(page)).toEqual([]);

    await page.click('#settings > summary');
    await page.check('#pack-guangdong');
    await settled(page, 2);
    const findings = await shownFindings(page);
    expect(findings.map((finding) => [finding.ruleId, finding.severity])).toEqual([['procurement-row-missing', 'error']]);
    expect(findings[0]!.message).toContain('政府集中采购');
    // the row Guangdong adds is drawn in table 二, its missing cells marked
    const projects = page.locator('[data-cell-key="active.procurement.projects"]');
    expect(await projects.getAttribute('class')).toMatch(/\bcell-absent\b.*\bcell-error\b/);
    // a report of an agency elsewhere is not Guangdong's
    await showReport(page, '01-clean-2021-pipes.txt');
    expect(await shownFindings(page)).toEqual([]);

    // a rule's severity, chosen in the page
    await page.selectOption('select[data-rule="procurement-row-missing"]', 'warning');
    await settled(page, 2);
    await showReport(page, GUANGDONG.name);
    expect((await shownFindings(page)).map((finding) => finding.severity)).toEqual(['warning']);
    expect(await projects.getAttribute('class')).toMatch(/\bcell-warning\b/);

    // remembered: a new visit has the same packs and severities
    await page.reload();
    await page.waitForSelector('body[data-state="idle"]');
    await page.click('#settings > summary');
    expect(await page.isChecked('#pack-guangdong')).toBe(true);
    expect(await page.inputValue('select[data-rule="procurement-row-missing"]')).toBe('warning');
    expect(await page.evaluate(() => JSON.parse(localStorage.getItem('xxgk-web:settings:v1') ?? 'null'))).toEqual({
      guangdong: true,
      guangdongEverywhere: false,
      severities: { 'procurement-row-missing': 'warning' },
    });
    await addFiles(page, [GUANGDONG], 1);
    expect((await shownFindings(page)).map((finding) => finding.ruleId)).toEqual(['procurement-row-missing']);

    // off, then the pack off: the report is clean again
    await page.selectOption('select[data-rule="procurement-row-missing"]', 'off');
    await settled(page, 1);
    expect(await shownFindings(page)).toEqual([]);
    await page.click('#reset-settings');
    await settled(page, 1);
    expect(await page.isChecked('#pack-guangdong')).toBe(false);
    expect(pageErrors(page)).toEqual([]);
  });
});

describe('keyboard, phones and the network off', () => {
  it('the drop zone opens the file picker with Enter, and every control is reachable with Tab', async () => {
    const context = await freshContext({ viewport: { width: 1280, height: 800 } });
    // listening before the page loads: Playwright intercepts file choosers reliably only then
    let chooserShown: Promise<FileChooser> | undefined;
    const page = await open(context, server.url, (page) => {
      chooserShown = new Promise((resolve) => page.once('filechooser', resolve));
    });
    await page.focus('#drop-zone');
    await page.keyboard.press('Enter');
    const chooser = await chooserShown!;
    expect(chooser.isMultiple()).toBe(true);
    await chooser.setFiles([join(examples, EXAMPLE_04)]);
    await settled(page, 1);
    // Tab from the drop zone walks through the buttons, the settings, the tabs, the file and its findings
    await page.focus('#drop-zone');
    const reached: string[] = [];
    for (let step = 0; step < 12; step += 1) {
      await page.keyboard.press('Tab');
      reached.push(await page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        return element?.id || element?.getAttribute('data-rule-id') || element?.className || element?.tagName || '';
      }));
    }
    expect(reached).toEqual(expect.arrayContaining(['pick-files', 'clear-files', 'tab-report', 'file-item', 'requests-row-total', 'requests-outcome-total']));
  });

  it('works on a phone: no page-wide horizontal scrolling, the tables scroll in their boxes', async () => {
    const context = await freshContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    const page = await open(context);
    await addFiles(page, [join(examples, EXAMPLE_09), join(examples, EXAMPLE_04)], 2);
    await page.locator('button.finding[data-rule-id="cell-invalid"]').tap();
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-cell-key') === 'active.punishment.decisions');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.locator('#tab-batch').tap();
    expect(await page.locator('#batch-table tbody tr').count()).toBe(2);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });

  it('keeps working with the network off once loaded (PDF and Word included)', async () => {
    // a server of its own, so that stopping it leaves the other tests theirs
    const own = await serveFolder(join(app, 'dist'));
    const context = await freshContext({ viewport: { width: 1280, height: 800 } });
    const page = await open(context, own.url);
    await page.waitForSelector('body[data-offline="ready"]', { timeout: 60_000 });
    await own.close();
    await page.reload();
    await page.waitForSelector('body[data-state="idle"]');
    await addFiles(page, [join(examples, '10-clean-2019-pdf.pdf'), join(examples, EXAMPLE_09)], 2);
    await showReport(page, '10-clean-2019-pdf.pdf');
    expect(await page.textContent('[data-meta="机关"]')).toBe('松濑县水利局');
    expect(await page.locator('[data-cell-key="requests.total.total"]').textContent()).toBe('17');
    await showReport(page, EXAMPLE_09);
    expect(await page.locator('button.finding[data-rule-id="cell-invalid"]').count()).toBe(1);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#tab-batch').then(() => page.click('#export-xlsx'))]);
    expect(download.suggestedFilename()).toBe('xxgk-check.xlsx');
  });
});
