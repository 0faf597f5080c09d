import { fileURLToPath } from 'node:url';
import { main, type Io } from '../src/index.js';

export const root = fileURLToPath(new URL('../../../', import.meta.url));
export const examples = `${root}examples`;
export const seeds = fileURLToPath(new URL('../../../../shared/seeds', import.meta.url));

/** The bundled sample reports, one of each layout and format, and 11: last year's report of 04's agency (examples/README.md). */
export const EXAMPLE_FILES = [
  '01-clean-2021-pipes.txt',
  '02-clean-2021-cells.txt',
  '03-clean-2019-tabs.txt',
  '04-defect-sums-2021-pipes.txt',
  '05-defect-structure-2021-cells.txt',
  '06-defect-outdated-2019-tabs.txt',
  '07-defect-values-2021-pipes.txt',
  '08-clean-2021-web.html',
  '09-defect-2021-word.docx',
  '10-clean-2019-pdf.pdf',
  '11-lastyear-2022-pipes.txt',
];

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the xxgk command in-process and captures what it prints. */
export async function xxgk(...argv: string[]): Promise<Run> {
  return run(false, argv);
}

/** The same, with stderr a terminal (where the progress line is drawn). */
export async function xxgkInTerminal(...argv: string[]): Promise<Run> {
  return run(true, argv);
}

async function run(stderrIsTty: boolean, argv: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: Io = { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text), stdoutIsTty: false, stderrIsTty };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

export interface FileFindings {
  file: string;
  template: string | null;
  findings: {
    ruleId: string;
    severity: string;
    message: string;
    cells: string[];
    section: number | null;
    expected?: unknown;
    actual?: unknown;
    line?: number;
    related?: { report?: string; cells?: string[]; line?: number; value?: unknown }[];
  }[];
}

export async function checkJson(...paths: string[]): Promise<{ code: number; files: FileFindings[] }> {
  const run = await xxgk('check', ...paths, '--format', 'json');
  return { code: run.code, files: JSON.parse(run.stdout) as FileFindings[] };
}

export const byName = (files: FileFindings[], name: string): FileFindings => {
  const found = files.find((file) => file.file.endsWith(name));
  if (!found) throw new Error(`no result for ${name}`);
  return found;
};
