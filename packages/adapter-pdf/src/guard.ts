/**
 * Node only: a process-wide guard against promise rejections that pdfjs-dist leaves
 * unhandled. Not imported by the browser entry (a page has no process to lose).
 *
 * Why: in Node pdfjs runs its worker in the calling thread (see pdfjs.ts), so a rejection
 * pdfjs itself never handles lands in this process, where Node's default
 * (`--unhandled-rejections=throw`) ends the process — or the worker thread of a batch, with
 * the files in flight on it. pdfjs 5.5 has such paths the adapter cannot reach: its
 * in-process message port dispatches every message inside a `.then()` without a rejection
 * handler (`LoopbackPort.postMessage`), so any exception thrown by a message action becomes
 * an unhandled rejection; its worker's document setup (`setupDoc`, pdf.worker.mjs) throws
 * "Worker was terminated" from `loadDocument(...).then(onSuccess, …)` when a document is
 * destroyed while it is still loading; `Catalog.getPageIndex` drops promises of a page
 * tree's kids when it throws a FormatError. Such an error belongs to a file that has
 * already been answered (read, or given its `file-unreadable` finding): it is ignored here.
 * Every other unhandled rejection is rethrown, so that it ends the process as before.
 */

/** pdfjs-dist's exception classes (`BaseException` subclasses), by their `name`. */
const PDFJS_EXCEPTIONS: ReadonlySet<string> = new Set([
  'AbortException',
  'FormatError',
  'InvalidPDFException',
  'MissingDataException',
  'ParserEOFException',
  'PasswordException',
  'ResponseException',
  'UnknownErrorException',
  'XRefEntryException',
  'XRefParseException',
]);

/** A stack frame inside pdfjs-dist's build (pdf.mjs, pdf.worker.mjs and their .min variants). */
const PDFJS_FRAME = /pdfjs-dist[\\/](?:legacy[\\/])?build[\\/]pdf(?:\.worker)?(?:\.min)?\.mjs/;

/**
 * True for an error thrown by pdfjs-dist: one of its exception classes (by name: the
 * worker's and the API's are different copies of the classes), or an Error whose first
 * stack frame is in pdfjs-dist's build ("Worker was terminated", asserts).
 */
export function isPdfjsError(reason: unknown): boolean {
  if (typeof reason !== 'object' || reason === null) return false;
  const { name, stack } = reason as { name?: unknown; stack?: unknown };
  if (typeof name === 'string' && PDFJS_EXCEPTIONS.has(name)) return true;
  if (!(reason instanceof Error) || typeof stack !== 'string') return false;
  const firstFrame = stack.split('\n').find((line) => /^\s+at /.test(line));
  return firstFrame !== undefined && PDFJS_FRAME.test(firstFrame);
}

interface ProcessLike {
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  off(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  listenerCount(event: 'unhandledRejection'): number;
}

let installed = 0;

function onUnhandledRejection(reason: unknown): void {
  if (isPdfjsError(reason)) return; // a file already answered: see the module comment
  const process = (globalThis as { process?: ProcessLike }).process;
  // someone else listens: they decide, as they would without this guard
  if (process && process.listenerCount('unhandledRejection') > 1) return;
  // Node's default without a listener: the rejection becomes an uncaught exception
  throw reason;
}

/**
 * Ignores unhandled rejections of pdfjs errors in this process (or worker thread) until the
 * returned function is called; anything else still ends it. Calls nest (one listener).
 * Meant for the command's process and batch workers, not for libraries embedding the
 * adapter. Under `--unhandled-rejections=strict` Node does not ask listeners first, and
 * this guard has no effect.
 */
export function guardPdfjsRejections(): () => void {
  const process = (globalThis as { process?: ProcessLike }).process;
  if (!process) return () => undefined;
  if (installed === 0) process.on('unhandledRejection', onUnhandledRejection);
  installed += 1;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    installed -= 1;
    if (installed === 0) process.off('unhandledRejection', onUnhandledRejection);
  };
}
