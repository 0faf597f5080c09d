import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ReadError } from '@xxgk/core';
import { describe, expect, it, vi } from 'vitest';
import { readPdf } from '../src/node.js';
import { isPdfjsError } from '../src/guard.js';
import { corruptions } from './corrupt.js';

vi.setConfig({ testTimeout: 60_000 });

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const report = new Uint8Array(readFileSync(`${fixtures}report.pdf`));

async function readError(bytes: Uint8Array): Promise<ReadError> {
  const error = await readPdf(bytes).then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ReadError);
  return error as ReadError;
}

// vitest fails the run on any unhandled rejection: reading these must leave none
describe('corrupted PDFs (made from report.pdf) → file-unreadable, nothing left unhandled', () => {
  const made = corruptions(report);

  it('cut in half: no xref, no trailer', async () => {
    const error = await readError(made.truncated);
    expect(error.code).toBe('file-unreadable');
    expect(error.message).toMatch(/^文件不是有效的 PDF，或已损坏（Invalid PDF structure\.）/);
  });

  it('an xref entry pointing at the wrong object: page 1 cannot be read', async () => {
    const error = await readError(made.badXrefEntry);
    expect(error.code).toBe('file-unreadable');
    expect(error.message).toMatch(/^PDF 第 1 页已损坏，无法读取（Bad \(uncompressed\) XRef entry: 2R）/);
  });

  it('a page tree whose /Pages is not a dictionary', async () => {
    const error = await readError(made.badPageTree);
    expect(error.code).toBe('file-unreadable');
    expect(error.message).toMatch(/已损坏/);
  });

  it('the same bytes read the same way again (one pdfjs worker serves them all)', async () => {
    expect((await readError(made.badXrefEntry)).message).toMatch(/^PDF 第 1 页已损坏/);
    await expect(readPdf(report)).resolves.toMatchObject({ format: 'pdf' });
  });
});

describe('pdfjs rejections left unhandled (guardPdfjsRejections, Node entry)', () => {
  const child = fileURLToPath(new URL('./fixtures/late-rejection.mjs', import.meta.url));
  const run = (...args: string[]) => spawnSync(process.execPath, [child, ...args], { encoding: 'utf8' });

  it('pdfjs 5.5 leaves "Worker was terminated" unhandled for a document destroyed while loading: it ends an unguarded process', () => {
    const unguarded = run('none');
    expect(unguarded.status).not.toBe(0);
    expect(unguarded.stderr).toContain('Worker was terminated');
    expect(unguarded.stderr).toContain('pdf.worker.mjs');
  });

  it('guarded, the process survives it', () => {
    const guarded = run('guard');
    expect(guarded.stderr).toBe('');
    expect(guarded.stdout).toBe('survived\n');
    expect(guarded.status).toBe(0);
  });

  it('guarded, any other unhandled rejection still ends the process', () => {
    const other = run('guard', 'other');
    expect(other.status).not.toBe(0);
    expect(other.stderr).toContain('not a pdfjs error');
    expect(other.stdout).not.toContain('survived');
  });

  it('recognises pdfjs errors by class name or by a first stack frame in pdfjs-dist', () => {
    const named = (name: string) => Object.assign(new Error('Illegal character: 41'), { name });
    expect(isPdfjsError(named('FormatError'))).toBe(true);
    expect(isPdfjsError(named('InvalidPDFException'))).toBe(true);
    expect(isPdfjsError(named('UnknownErrorException'))).toBe(true);
    const terminated = new Error('Worker was terminated');
    terminated.stack = 'Error: Worker was terminated\n    at ensureNotTerminated (file:///x/node_modules/pdfjs-dist/legacy/build/pdf.worker.mjs:69078:15)';
    expect(isPdfjsError(terminated)).toBe(true);
    expect(isPdfjsError(new Error('Worker was terminated'))).toBe(false);
    expect(isPdfjsError(named('TypeError'))).toBe(false);
    expect(isPdfjsError('FormatError')).toBe(false);
    expect(isPdfjsError(null)).toBe(false);
  });
});

// The own text reader parses fonts, CMaps and content streams itself: damaged bytes anywhere
// must end in a report or a ReadError naming what it could not read (pdfjs then tries), never
// in a JavaScript error of its own or a loop that does not end (the test's time limit).
describe('the own text reader on randomly damaged copies', () => {
  const JS_ERROR = /cannot read|is not a function|is not iterable|of undefined|of null|call stack|invalid array length|out of memory/i;
  const sources = ['report.pdf', 'report-chromium.pdf', 'bullets.pdf'].map((name) => new Uint8Array(readFileSync(`${fixtures}${name}`)));

  it('gives a report or a ReadError with its own reason for each of 45 copies', async () => {
    let state = 20261123;
    const random = (below: number) => ((state = (state * 1664525 + 1013904223) >>> 0) % below);
    const outcomes = { read: 0, declined: 0 };
    for (let copy = 0; copy < 45; copy += 1) {
      const bytes = sources[copy % sources.length]!.slice();
      // overwrite a few bytes, with noise or with PDF syntax (digits, delimiters)
      for (let change = 0, changes = 1 + random(12); change < changes; change += 1) {
        bytes[random(bytes.length)] = copy % 2 === 0 ? random(256) : '0 9/[]<>()'.charCodeAt(random(10));
      }
      const outcome = await readPdf(bytes, { textReader: 'own' }).then(
        () => 'read' as const,
        (error: unknown) => error,
      );
      if (outcome === 'read') outcomes.read += 1;
      else {
        expect(outcome).toBeInstanceOf(ReadError);
        expect((outcome as ReadError).message).not.toMatch(JS_ERROR);
        outcomes.declined += 1;
      }
    }
    // both ways out are taken: the copies are damaged, but not all beyond reading
    expect(outcomes.read).toBeGreaterThan(0);
    expect(outcomes.declined).toBeGreaterThan(0);
  });
});
