// npm run bench — throughput and memory of xxgk on a generated corpus. A script, not a
// test: it prints figures for the README and asserts nothing.
//
//   node scripts/bench.mjs [--text 20000,100000] [--rss 1000,20000] [--seconds 5]
//
// Text reports are generated from the committed sources by varying their numbers (some
// sums then fail, so clean and defective reports are both measured); DOCX and PDF are the
// committed LibreOffice files of fixtures/formats, read over and over.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { AdapterRegistry, RuleEngine, buildReport, checkReport } from '@xxgk/core';
import { readText } from '@xxgk/adapter-text';
import { DEFAULT_ADAPTERS, runBatch } from '@xxgk/node';
import { nationalPack } from '@xxgk/rules-national';

const { values } = parseArgs({
  options: {
    text: { type: 'string', default: '20000,100000' },
    rss: { type: 'string', default: '1000,20000' },
    seconds: { type: 'string', default: '5' },
    'rss-child': { type: 'string' },
  },
});
const root = new URL('../', import.meta.url).pathname;
const formats = join(root, 'fixtures/formats');
const seconds = Number(values.seconds);

/** Text sources: the sample reports and the corpus sources, pipes, cells and tabs. */
function textSources() {
  const sources = readdirSync(join(formats, 'sources')).map((name) => readFileSync(join(formats, 'sources', name), 'utf8'));
  const examples = readdirSync(join(root, 'examples')).filter((name) => name.endsWith('.txt'));
  return [...sources, ...examples.map((name) => readFileSync(join(root, 'examples', name), 'utf8'))];
}

/** A variant of a report: every table number replaced with probability p (deterministic). */
function vary(text, seed, p = 0.02) {
  let state = seed * 2654435761 >>> 0;
  const random = () => ((state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  return text.replace(/(?<=[|\t]\s*)\d+(?=\s*[|\t\n])/g, (digits) => (random() < p ? String(Math.floor(random() * 50)) : digits));
}

function writeTextCorpus(dir, count) {
  mkdirSync(dir, { recursive: true });
  const sources = textSources();
  const files = [];
  for (let index = 0; index < count; index += 1) {
    const file = join(dir, `r${String(index).padStart(6, '0')}.txt`);
    writeFileSync(file, vary(sources[index % sources.length], index));
    files.push(file);
  }
  return files;
}

/** Repeats `step` for the given time and returns operations per second, after a fifth of that time of warming up (the JIT's). */
async function rate(step) {
  const warm = performance.now();
  for (let index = 0; performance.now() - warm < (seconds * 1000) / 5; index += 1) await step(index);
  let count = 0;
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) {
    await step(count);
    count += 1;
  }
  return count / ((performance.now() - started) / 1000);
}

/**
 * Reports per second over a batch on the worker pool; the milliseconds to its first result
 * (the workers' start-up); and the rate over the batch's second half, once the workers are
 * warm (their code compiled by the JIT, which on two busy cores competes with them).
 * `reports`: how much of each report comes back (runBatch).
 */
async function batchRate(files, reports) {
  const started = performance.now();
  let done = 0;
  let first = 0;
  let half = 0;
  const halfway = Math.ceil(files.length / 2);
  await runBatch(files, {
    reports,
    onResult: () => {
      done += 1;
      if (done === 1) first = performance.now() - started;
      if (done === halfway) half = performance.now();
    },
  });
  const ended = performance.now();
  return { perSecond: done / ((ended - started) / 1000), firstMs: first, warmPerSecond: (done - halfway) / ((ended - half) / 1000) };
}

// one child process per corpus size, so each peak RSS is its own
if (values['rss-child']) {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-rss-'));
  const files = writeTextCorpus(dir, Number(values['rss-child']));
  await runBatch(files, { reports: 'none', onResult: () => {} });
  console.log(JSON.stringify({ maxRssMb: process.resourceUsage().maxRSS / 1024 }));
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}

const format = (value) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));
const lines = [];
const say = (line) => {
  lines.push(line);
  console.log(line);
};
say(`machine: ${cpus()[0]?.model ?? 'unknown'}, ${availableParallelism()} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);

// end to end, text: files on disk → workers → findings, for each corpus size; a batch's
// start-up and warm-up (about a second) weigh less the more files it has
let textInputs = [];
for (const [position, size] of values.text.split(',').map(Number).entries()) {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-text-'));
  const textFiles = writeTextCorpus(dir, size);
  // as `xxgk check --format ndjson` runs it (findings back), then, for the first size, as the
  // other outputs of check (what names each report) and extract and the workbook (reports without prose)
  const runs = [
    ['none', 'findings back, as check --format ndjson'],
    ['meta', 'what names each report back, as the other outputs of check'],
    ['lean', 'lean reports back, as extract and the workbook'],
  ].slice(0, position === 0 ? 3 : 1);
  for (const [reports, what] of runs) {
    const batch = await batchRate(textFiles, reports);
    say(`text, extract + check, ${textFiles.length} files on ${availableParallelism()} workers, ${what}: ${format(batch.perSecond)} reports/s (first result after ${format(batch.firstMs)} ms; second half of the batch ${format(batch.warmPerSecond)} reports/s)`);
  }
  // the first corpus's reports again, from memory: what one costs, without files and workers
  if (position === 0) textInputs = textFiles.slice(0, 2000).map((file) => ({ name: file, bytes: new Uint8Array(readFileSync(file)) }));
  rmSync(dir, { recursive: true, force: true });
}

// end to end, one core, from memory: text, PDF, DOCX, HTML
const registry = new AdapterRegistry(DEFAULT_ADAPTERS);
const engine = new RuleEngine([nationalPack]);
say(`text, extract + check, one core: ${format(await rate((index) => checkReport(textInputs[index % textInputs.length], registry, engine)))} reports/s`);
for (const extension of ['pdf', 'docx', 'html']) {
  const inputs = readdirSync(formats)
    .filter((name) => name.endsWith(`.${extension}`) && !name.includes('.gbk.'))
    .map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(formats, name))) }));
  const perSecond = await rate((index) => checkReport(inputs[index % inputs.length], registry, engine));
  say(`${extension}, extract + check, one core: ${format(perSecond)} reports/s`);
}

// the rules alone: compiled, json-rules-engine, and a hand-written check of the identities
const reports = textSources().map((text) => buildReport(readText(text)));
const compiled = new RuleEngine([nationalPack], { mode: 'compiled' });
const interpreted = new RuleEngine([nationalPack], { mode: 'interpreted' });
const compiledRate = await rate((index) => compiled.check(reports[index % reports.length]));
const interpretedRate = await rate((index) => interpreted.check(reports[index % reports.length]));
const handRate = await rate((index) => handWrittenIdentities(reports[index % reports.length]));
say(`rules, national pack, one core: compiled ${format(compiledRate)}/s, json-rules-engine ${format(interpretedRate)}/s (compiled ${format(compiledRate / interpretedRate)}× faster)`);
say(`identities, hand-written ${format(handRate)}/s (compiled rules take ${format(handRate / compiledRate)}× its time, for all ${nationalPack.rules.length} rules)`);
// narrative-mismatch reads the prose (sentences against a phrase table): the same work in
// both modes, so it narrows their ratio; measured apart to show what the engines cost
const withoutProse = { severities: { 'narrative-mismatch': 'off' } };
const compiledBare = new RuleEngine([nationalPack], { mode: 'compiled', ...withoutProse });
const interpretedBare = new RuleEngine([nationalPack], { mode: 'interpreted', ...withoutProse });
const compiledBareRate = await rate((index) => compiledBare.check(reports[index % reports.length]));
const interpretedBareRate = await rate((index) => interpretedBare.check(reports[index % reports.length]));
say(`rules without narrative-mismatch: compiled ${format(compiledBareRate)}/s, json-rules-engine ${format(interpretedBareRate)}/s (compiled ${format(compiledBareRate / interpretedBareRate)}× faster)`);

// peak RSS over corpora of growing size
for (const size of values.rss.split(',').map(Number)) {
  const output = execFileSync(process.execPath, [new URL(import.meta.url).pathname, '--rss-child', String(size)], { encoding: 'utf8' });
  say(`peak RSS over ${size} text files: ${format(JSON.parse(output.trim().split('\n').pop()).maxRssMb)} MB`);
}

/** The four accounting identities of the national pack, written by hand, as a yardstick. */
function handWrittenIdentities(report) {
  const cells = report.cells;
  const value = (key) => (typeof cells[key] === 'number' ? cells[key] : 0);
  const findings = [];
  const columns = ['naturalPerson', 'commercialEnterprise', 'researchInstitution', 'socialWelfareOrganization', 'legalServiceOrganization', 'otherOrganization', 'total'];
  const rows = Object.keys(cells).filter((key) => key.startsWith('requests.') && key.endsWith('.total')).map((key) => key.slice(9, -6));
  for (const row of rows) {
    const sum = columns.slice(0, 6).reduce((total, column) => total + value(`requests.${row}.${column}`), 0);
    if (sum !== value(`requests.${row}.total`)) findings.push(['requests-row-total', row]);
  }
  const outcomes = rows.filter((row) => !['newReceived', 'carriedOver', 'total', 'carriedForward'].includes(row));
  for (const column of columns) {
    const sum = outcomes.reduce((total, row) => total + value(`requests.${row}.${column}`), 0);
    if (sum !== value(`requests.total.${column}`)) findings.push(['requests-outcome-total', column]);
    const left = value(`requests.newReceived.${column}`) + value(`requests.carriedOver.${column}`);
    if (left !== value(`requests.total.${column}`) + value(`requests.carriedForward.${column}`)) findings.push(['requests-balance', column]);
  }
  for (const group of ['reconsideration', 'litigationDirect', 'litigationAfterReconsideration']) {
    const sum = ['upheld', 'corrected', 'other', 'pending'].reduce((total, outcome) => total + value(`review.${group}.${outcome}`), 0);
    if (sum !== value(`review.${group}.total`)) findings.push(['review-total', group]);
  }
  return findings;
}
