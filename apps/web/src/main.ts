import './style.css';
import { addCrossReportFindings, type BatchReport, type CheckResult, type Finding, type RuleEngine, type SeveritySetting } from '@xxgk/core';
import { renderBatch, type BatchState, type SortKey } from './batch-view.js';
import { ACCEPT, checkFile, createEngine, offeredRules, registry } from './checker.js';
import { byId, h, replace } from './dom.js';
import { exportResults, type ExportKind } from './export.js';
import { renderReport } from './report-view.js';
import { isRollupFile, readRollupMap, rollupOptions, type RollupMap } from './rollup.js';
import { DEFAULT_SETTINGS, loadSettings, saveSettings, type Settings } from './settings.js';
import { severityName } from './text.js';

/**
 * One file the clerk added: its bytes stay in this page, and its result under the engine that
 * made it — the report's own findings (`result`) and, apart, those of comparing it with the
 * page's other reports (`across`: last year's report of its agency, a summary's parts); `shown`
 * is both together.
 */
interface Entry {
  name: string;
  bytes: Uint8Array;
  result: CheckResult | null;
  engine: RuleEngine | null;
  across: Finding[];
  shown: CheckResult | null;
}

type View = 'report' | 'batch';

const state = {
  entries: [] as Entry[],
  selected: -1,
  view: 'report' as View,
  batch: { sort: 'name', descending: false, rule: '' } as BatchState,
  settings: loadSettings(),
  engine: null as unknown as RuleEngine,
  /** the roll-up mapping dropped or picked last (a .csv), if any */
  rollup: null as RollupMap | null,
  /** what comparing the reports noted (a summary of the mapping not on the page) */
  notes: [] as string[],
  /** descriptions of the input findings (file-unreadable …), once @xxgk/formatters has loaded */
  inputRules: new Map<string, string>(),
};
state.engine = createEngine(state.settings);

const dropZone = byId('drop-zone');
const fileInput = byId<HTMLInputElement>('file-input');
const statusLine = byId('status');
const clearButton = byId<HTMLButtonElement>('clear-files');
const fileList = byId('file-list');
const rollupBox = byId('rollup');
const reportPane = byId('report');
const batchPane = byId('batch');
const tabs: Record<View, HTMLElement> = { report: byId('tab-report'), batch: byId('tab-batch') };
const panels: Record<View, HTMLElement> = { report: byId('report-view'), batch: byId('batch-view') };

fileInput.accept = ACCEPT;

function setStatus(text: string): void {
  statusLine.textContent = text;
}

function countsOf(result: CheckResult | null): { errors: number; warnings: number } {
  const errors = result?.findings.filter((finding) => finding.severity === 'error').length ?? 0;
  return { errors, warnings: (result?.findings.length ?? 0) - errors };
}

function results(): CheckResult[] {
  return state.entries.flatMap((entry) => (entry.shown ? [entry.shown] : []));
}

/** Sets the findings of comparing an entry with the page's other reports (none: its own result alone). */
function setAcross(entry: Entry, across: Finding[]): void {
  entry.across = across;
  entry.shown = entry.result && across.length > 0 ? { ...entry.result, findings: [...entry.result.findings, ...across] } : entry.result;
}

/**
 * Compares the reports the engine has checked with each other, as `xxgk check` does with a
 * batch (core's addCrossReportFindings: each report with last year's report of its agency
 * among the page's files, each summary of the roll-up mapping with its parts), and keeps
 * those findings apart from each report's own.
 */
async function relateEntries(engine: RuleEngine): Promise<void> {
  const batch = state.entries.flatMap((entry) =>
    entry.engine === engine && entry.result?.report ? [{ entry, name: entry.name, report: entry.result.report, findings: [] as Finding[] }] : [],
  );
  state.notes = await addCrossReportFindings(batch satisfies BatchReport[], engine, rollupOptions(state.rollup, batch));
  for (const entry of state.entries) if (entry.across.length > 0) setAcross(entry, []);
  for (const { entry, findings } of batch) setAcross(entry, findings);
}

// ——— checking ———

let running: Promise<void> | null = null;
let again = false;

/** Checks every file not yet checked by the current engine, one after another, keeping the page responsive. */
function checkPending(): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    document.body.dataset.state = 'busy';
    do {
      again = false;
      const engine = state.engine;
      const todo = state.entries.filter((entry) => entry.engine !== engine);
      for (const [index, entry] of todo.entries()) {
        if (state.engine !== engine) {
          again = true;
          break;
        }
        setStatus(`正在检查第 ${index + 1}/${todo.length} 个文件：${entry.name}`);
        entry.result = await checkFile(entry.name, entry.bytes, engine);
        entry.engine = engine;
        setAcross(entry, []);
        renderFiles();
        if (state.entries[state.selected] === entry) renderReportPane();
        // let the page paint and take input between files
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      if (!again) {
        // the page's reports, compared with each other (again whenever the files or the engine change)
        await relateEntries(engine);
        if (state.engine !== engine) again = true;
      }
    } while (again);
    running = null;
    render();
    const all = results();
    const total = all.reduce((sum, result) => {
      const count = countsOf(result);
      return { errors: sum.errors + count.errors, warnings: sum.warnings + count.warnings };
    }, { errors: 0, warnings: 0 });
    const notes = state.notes.map((note) => `${note}。`).join('');
    setStatus(all.length === 0 ? '' : `已检查 ${all.length} 个文件：${total.errors} 个错误，${total.warnings} 个警告。${notes}`);
    document.body.dataset.state = 'idle';
  })();
  return running;
}

/** Adds reports, and a roll-up mapping (a .csv: the last one replaces an earlier one). */
async function addFiles(files: readonly { name: string; file: File }[]): Promise<void> {
  if (files.length === 0) return;
  const first = state.entries.length;
  setStatus(`正在读取 ${files.length} 个文件…`);
  const mapping = files.findLast(({ name }) => isRollupFile(name));
  if (mapping) {
    state.rollup = await readRollupMap(mapping.name, mapping.file);
    renderRollup();
  }
  const reports = files.filter(({ name }) => !isRollupFile(name));
  for (const { name, file } of reports) {
    state.entries.push({ name, bytes: new Uint8Array(await file.arrayBuffer()), result: null, engine: null, across: [], shown: null });
  }
  if (reports.length > 0) state.selected = first;
  render();
  await checkPending();
  void loadInputRules();
}

/** The input findings' descriptions, for the batch view's rule filter (loads @xxgk/formatters once). */
async function loadInputRules(): Promise<void> {
  if (state.inputRules.size > 0) return;
  const { INPUT_RULES } = await import('@xxgk/formatters');
  for (const rule of INPUT_RULES) state.inputRules.set(rule.id, rule.description);
  if (state.view === 'batch') renderBatchPane();
}

// ——— rendering ———

/** The roll-up mapping in use (its name and lines) or why it cannot be used, with a button to remove it. */
function renderRollup(): void {
  const { rollup } = state;
  rollupBox.hidden = rollup === null;
  const unusable = rollup !== null && !rollup.pairs;
  rollupBox.classList.toggle('rollup-error', unusable);
  if (unusable) rollupBox.setAttribute('role', 'alert');
  else rollupBox.removeAttribute('role');
  if (!rollup) {
    rollupBox.replaceChildren();
    return;
  }
  replace(
    rollupBox,
    h(
      'span',
      { class: 'rollup-text' },
      rollup.pairs
        ? ['汇总关系表：', h('span', { class: 'rollup-name' }, rollup.name), `（${rollup.pairs.length} 条汇总关系）`]
        : ['汇总关系表无法使用：', h('span', { class: 'rollup-message' }, rollup.error)],
    ),
    h('button', { type: 'button', id: 'remove-rollup', class: 'link', 'aria-label': `移除汇总关系表 ${rollup.name}`, onclick: removeRollup }, '移除'),
  );
}

function removeRollup(): void {
  state.rollup = null;
  renderRollup();
  byId('pick-files').focus();
  void checkPending();
}

function formatName(id: string): string {
  return registry.list().find((adapter) => adapter.id === id)?.name ?? id;
}

function renderFiles(): void {
  clearButton.disabled = state.entries.length === 0;
  tabs.batch.textContent = state.entries.length > 0 ? `批量汇总（${state.entries.length}）` : '批量汇总';
  replace(
    fileList,
    state.entries.map((entry, index) => {
      const { errors, warnings } = countsOf(entry.shown);
      const current = index === state.selected;
      return h(
        'li',
        {},
        h(
          'button',
          { type: 'button', class: 'file-item', 'aria-current': current ? 'true' : null, 'data-index': index, onclick: () => select(index) },
          h('span', { class: 'file-name' }, entry.name),
          entry.shown === null || entry.engine !== state.engine
            ? h('span', { class: 'file-counts pending' }, '检查中…')
            : entry.shown.findings.length === 0
              ? h('span', { class: 'file-counts clean' }, '✓ 无问题')
              : h('span', { class: 'file-counts' }, errors > 0 ? h('span', { class: 'count-error' }, `${errors} 错误`) : null, warnings > 0 ? h('span', { class: 'count-warning' }, `${warnings} 警告`) : null),
        ),
      );
    }),
  );
}

let shownResult: CheckResult | null = null;

function renderReportPane(): void {
  const entry = state.entries[state.selected];
  if (!entry) {
    shownResult = null;
    replace(reportPane, h('div', { class: 'empty' }, h('h2', {}, '还没有报告'), h('p', {}, '把一份或多份年度报告拖到上方，或按“选择文件…”。')));
    return;
  }
  if (!entry.shown) {
    shownResult = null;
    replace(reportPane, h('p', { class: 'empty' }, `正在检查 ${entry.name}…`));
    return;
  }
  if (entry.shown === shownResult) return;
  shownResult = entry.shown;
  replace(
    reportPane,
    renderReport(entry.shown, {
      vocabulary: state.engine.vocabulary,
      formatName,
      fileIndex: (name) => {
        const index = state.entries.findIndex((other) => other.name === name);
        return index >= 0 ? index : undefined;
      },
      onOpen: (index) => {
        select(index);
        byId('report-title').focus();
      },
    }),
  );
}

function describeRule(id: string): string | undefined {
  return state.engine.rules().find((rule) => rule.id === id)?.description ?? state.inputRules.get(id);
}

function renderBatchPane(focusSort?: SortKey): void {
  if (state.entries.length === 0) {
    replace(batchPane, h('p', { class: 'empty' }, '还没有报告。'));
    return;
  }
  const rows = state.entries.flatMap((entry, index) => (entry.shown ? [{ index, result: entry.shown }] : []));
  replace(
    batchPane,
    renderBatch({
      rows,
      state: state.batch,
      describe: describeRule,
      onSort: (key) => {
        const numeric = key === 'errors' || key === 'warnings' || key === 'year';
        state.batch = { ...state.batch, descending: state.batch.sort === key ? !state.batch.descending : numeric, sort: key };
        renderBatchPane(key);
      },
      onFilter: (rule) => {
        state.batch = { ...state.batch, rule };
        renderBatchPane();
        byId('rule-filter').focus();
      },
      onOpen: (index) => {
        select(index);
        byId('report-title').focus();
      },
      onExport: (kind) => void runExport(kind),
    }),
  );
  if (focusSort) batchPane.querySelector<HTMLElement>(`[data-sort="${focusSort}"]`)?.focus();
}

function render(): void {
  renderFiles();
  for (const view of ['report', 'batch'] as const) {
    const active = state.view === view;
    tabs[view].setAttribute('aria-selected', String(active));
    tabs[view].tabIndex = active ? 0 : -1;
    panels[view].hidden = !active;
  }
  if (state.view === 'report') renderReportPane();
  else renderBatchPane();
}

function select(index: number): void {
  state.selected = index;
  state.view = 'report';
  render();
}

function show(view: View): void {
  state.view = view;
  render();
}

async function runExport(kind: ExportKind): Promise<void> {
  const all = results();
  if (all.length === 0) return;
  setStatus('正在导出…');
  try {
    const name = await exportResults(kind, all, state.engine);
    setStatus(`已导出 ${all.length} 个文件的结果：${name}`);
  } catch (error) {
    setStatus(`导出失败：${error instanceof Error ? error.message : String(error)}`);
  }
}

// ——— settings ———

const SEVERITY_CHOICES: [SeveritySetting, string][] = [
  ['error', '错误'],
  ['warning', '警告'],
  ['off', '关闭'],
];

function renderSettings(): void {
  const { settings } = state;
  byId<HTMLInputElement>('pack-guangdong').checked = settings.guangdong;
  const everywhere = byId<HTMLInputElement>('pack-guangdong-everywhere');
  everywhere.checked = settings.guangdongEverywhere;
  everywhere.disabled = !settings.guangdong;
  const rules = offeredRules(settings);
  replace(
    byId('rules-body'),
    rules.map((rule) => {
      const chosen = settings.severities[rule.id];
      return h(
        'tr',
        { class: chosen ? 'changed' : null },
        h('th', { scope: 'row' }, h('code', {}, rule.id)),
        h('td', {}, rule.description, rule.pack.id !== '@xxgk/rules-national' ? h('span', { class: 'pack-tag' }, '广东') : null),
        h(
          'td',
          {},
          h(
            'select',
            { 'data-rule': rule.id, 'aria-label': `${rule.id} 的级别` },
            h('option', { value: '' }, `默认（${severityName(rule.defaultSeverity)}）`),
            SEVERITY_CHOICES.map(([value, label]) => h('option', { value, selected: chosen === value }, label)),
          ),
        ),
      );
    }),
  );
  const changed = rules.filter((rule) => settings.severities[rule.id]).length;
  byId('settings-summary').textContent = `：全国规则${settings.guangdong ? '、广东省规则' : ''}${changed > 0 ? `；${changed} 条规则的级别已调整` : ''}`;
}

function changeSettings(update: (settings: Settings) => Settings): void {
  state.settings = update(state.settings);
  saveSettings(state.settings);
  state.engine = createEngine(state.settings);
  renderSettings();
  renderFiles();
  void checkPending();
}

byId('pack-guangdong').addEventListener('change', (event) => {
  const checked = (event.target as HTMLInputElement).checked;
  changeSettings((settings) => ({ ...settings, guangdong: checked }));
});
byId('pack-guangdong-everywhere').addEventListener('change', (event) => {
  const checked = (event.target as HTMLInputElement).checked;
  changeSettings((settings) => ({ ...settings, guangdongEverywhere: checked }));
});
byId('rules-body').addEventListener('change', (event) => {
  const select = (event.target as Element).closest<HTMLSelectElement>('select[data-rule]');
  if (!select) return;
  const rule = select.dataset.rule!;
  const value = select.value as SeveritySetting | '';
  changeSettings((settings) => {
    const severities = { ...settings.severities };
    if (value) severities[rule] = value;
    else delete severities[rule];
    return { ...settings, severities };
  });
  byId<HTMLSelectElement>('rules-body').querySelector<HTMLSelectElement>(`select[data-rule="${CSS.escape(rule)}"]`)?.focus();
});
byId('reset-settings').addEventListener('click', () => changeSettings(() => structuredClone(DEFAULT_SETTINGS)));

// ——— files in ———

function openPicker(): void {
  fileInput.click();
}

fileInput.addEventListener('change', () => {
  const files = [...(fileInput.files ?? [])].map((file) => ({ name: file.webkitRelativePath || file.name, file }));
  fileInput.value = '';
  void addFiles(files);
});
byId('pick-files').addEventListener('click', openPicker);
dropZone.addEventListener('click', openPicker);
dropZone.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' || event.key === ' ') {
    event.preventDefault();
    openPicker();
  }
});
clearButton.addEventListener('click', () => {
  state.entries = [];
  state.selected = -1;
  state.rollup = null;
  state.notes = [];
  renderRollup();
  state.batch = { ...state.batch, rule: '' };
  setStatus('已清空。');
  render();
  dropZone.focus();
});

/** The files of a drop, the files inside dropped folders included. */
async function droppedFiles(transfer: DataTransfer): Promise<{ name: string; file: File }[]> {
  const entries = [...transfer.items].map((item) => item.webkitGetAsEntry?.() ?? null);
  if (entries.some((entry) => entry === null)) return [...transfer.files].map((file) => ({ name: file.name, file }));
  const extensions = registry.extensions();
  const out: { name: string; file: File }[] = [];
  const walk = async (entry: FileSystemEntry, top: boolean): Promise<void> => {
    if (entry.isFile) {
      const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
      const extension = /\.[^.]+$/.exec(file.name.toLowerCase())?.[0] ?? '';
      // a file dropped by itself is always tried; inside a folder only reports and a roll-up mapping
      if (top || extensions.includes(extension) || isRollupFile(file.name)) out.push({ name: entry.fullPath.replace(/^\//, ''), file });
      return;
    }
    const reader = (entry as FileSystemDirectoryEntry).createReader();
    for (;;) {
      const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
      if (batch.length === 0) break;
      for (const child of batch.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN', { numeric: true }))) await walk(child, false);
    }
  };
  for (const entry of entries) await walk(entry!, true);
  return out;
}

let dragDepth = 0;
window.addEventListener('dragenter', (event) => {
  if (!event.dataTransfer?.types.includes('Files')) return;
  dragDepth += 1;
  dropZone.classList.add('dragging');
});
window.addEventListener('dragleave', () => {
  dragDepth = Math.max(0, dragDepth - 1);
  if (dragDepth === 0) dropZone.classList.remove('dragging');
});
window.addEventListener('dragover', (event) => {
  if (!event.dataTransfer?.types.includes('Files')) return;
  // a drop anywhere in the page adds the files (instead of the browser opening them)
  event.preventDefault();
  event.dataTransfer.dropEffect = 'copy';
});
window.addEventListener('drop', (event) => {
  if (!event.dataTransfer?.types.includes('Files')) return;
  event.preventDefault();
  dragDepth = 0;
  dropZone.classList.remove('dragging');
  const transfer = event.dataTransfer;
  void droppedFiles(transfer).then(addFiles);
});

// ——— views ———

for (const view of ['report', 'batch'] as const) {
  tabs[view].addEventListener('click', () => show(view));
  tabs[view].addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight' && event.key !== 'Home' && event.key !== 'End') return;
    event.preventDefault();
    const next: View = view === 'report' ? 'batch' : 'report';
    show(event.key === 'Home' ? 'report' : event.key === 'End' ? 'batch' : next);
    tabs[state.view].focus();
  });
}

// ——— offline ———

/** The service worker (built site only) caches every file of the site, so it works offline once loaded. */
function registerOffline(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator) || !/^https?:$/.test(location.protocol)) return;
  const note = byId('offline-state');
  navigator.serviceWorker
    .register('./sw.js')
    .then(() => navigator.serviceWorker.ready)
    .then(() => {
      note.textContent = '已保存到本机，断网也可使用。';
      document.body.dataset.offline = 'ready';
    })
    .catch(() => {
      note.textContent = '';
    });
}

renderSettings();
render();
registerOffline();
document.body.dataset.state = 'idle';
