/**
 * Loading pdfjs-dist (legacy build: Node and older browsers) and the files it fetches:
 * the CMaps Chinese fonts without embedded encodings need, and the standard font data.
 */

type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let pdfjsLoading: Promise<Pdfjs> | null = null;
let workerLoading: Promise<unknown> | null = null;

/**
 * Built-ins that the core-js polyfills bundled in pdfjs's legacy build replace in engines
 * that lack a proposal or have an edge-case bug (Node 20 / V8 11: `Array.prototype.push`
 * for arrays with a read-only length, `JSON.parse` source text access, `JSON.rawJSON`).
 * The replacements are plain JavaScript and make every `push` in the process several
 * times slower, pdfjs's own parsing first. Nothing here or in pdfjs uses what they add.
 */
const NATIVE_BUILTINS: readonly [object, PropertyKey][] = [
  [Array.prototype, 'push'],
  [JSON, 'parse'],
  [JSON, 'stringify'],
];

/** Imports a pdfjs module and puts back the built-ins its polyfills replaced. */
async function importKeepingBuiltins<T>(load: () => Promise<T>): Promise<T> {
  const saved = NATIVE_BUILTINS.map(([owner, key]) => [owner, key, Object.getOwnPropertyDescriptor(owner, key)] as const);
  try {
    return await load();
  } finally {
    for (const [owner, key, descriptor] of saved) {
      if (descriptor && Object.getOwnPropertyDescriptor(owner, key)?.value !== descriptor.value) Object.defineProperty(owner, key, descriptor);
    }
  }
}

/** pdfjs, imported on first use so that loading the adapter costs nothing. */
export function loadPdfjs(): Promise<Pdfjs> {
  pdfjsLoading ??= importKeepingBuiltins(() => import('pdfjs-dist/legacy/build/pdf.mjs'));
  return pdfjsLoading;
}

/**
 * Makes pdfjs run its worker code in this thread ("fake worker"): importing the worker
 * module sets `globalThis.pdfjsWorker`, which pdfjs uses instead of starting a worker.
 * Node always works this way; a browser does when no worker is configured.
 */
export function loadInProcessWorker(): Promise<unknown> {
  workerLoading ??= importKeepingBuiltins(() => import('pdfjs-dist/legacy/build/pdf.worker.mjs'));
  return workerLoading;
}

interface NodeFs {
  promises: { readFile(path: string | URL): Promise<Uint8Array> };
}

/** Node's fs, without importing it (the package stays browser-safe); undefined elsewhere. */
function nodeFs(): NodeFs | undefined {
  const process = (globalThis as { process?: { versions?: { node?: string }; getBuiltinModule?: (id: string) => unknown } }).process;
  if (!process?.versions?.node || typeof process.getBuiltinModule !== 'function') return undefined;
  return process.getBuiltinModule('fs') as NodeFs | undefined;
}

interface NodeZlib {
  inflateSync(data: Uint8Array): Uint8Array;
}

let inflateFunction: ((data: Uint8Array) => Uint8Array | Promise<Uint8Array>) | undefined;

/**
 * zlib inflate: Node's zlib (synchronous, found at run time like fs), else the
 * DecompressionStream of browsers (and Node). Throws on corrupt or truncated data.
 */
export function inflater(): (data: Uint8Array) => Uint8Array | Promise<Uint8Array> {
  if (inflateFunction) return inflateFunction;
  const process = (globalThis as { process?: { versions?: { node?: string }; getBuiltinModule?: (id: string) => unknown } }).process;
  const zlib = process?.versions?.node && typeof process.getBuiltinModule === 'function' ? (process.getBuiltinModule('zlib') as NodeZlib | undefined) : undefined;
  inflateFunction = zlib
    ? (data) => zlib.inflateSync(data)
    : async (data) => {
        const stream = new Blob([data as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate'));
        return new Uint8Array(await new Response(stream).arrayBuffer());
      };
  return inflateFunction;
}

/** True when running in Node.js. */
export function isNode(): boolean {
  const process = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof process?.versions?.node === 'string';
}

/**
 * Reads a file by URL or path: in Node, file: URLs and plain paths from disk; otherwise
 * (http:, https:, data:, blob:, or in a browser) with fetch.
 */
export async function loadBinary(url: string): Promise<Uint8Array> {
  const fs = nodeFs();
  if (fs && !/^(?:https?|data|blob):/i.test(url)) {
    const data = await fs.promises.readFile(/^file:/i.test(url) ? new URL(url) : url);
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** CMaps and standard fonts already read, by URL: documents share them. */
const assetCache = new Map<string, Promise<Uint8Array>>();
const MAX_CACHED_ASSETS = 256;

/**
 * `loadBinary` for pdfjs's data files, read once per process (pdfjs asks for them again
 * for every document). Each caller gets its own copy; a failed load is not kept.
 */
export async function loadAsset(url: string): Promise<Uint8Array> {
  let loading = assetCache.get(url);
  if (!loading) {
    if (assetCache.size >= MAX_CACHED_ASSETS) assetCache.clear();
    loading = loadBinary(url);
    assetCache.set(url, loading);
    loading.catch(() => assetCache.delete(url));
  }
  return (await loading).slice();
}

/** A directory URL or path with its trailing slash, as pdfjs requires. */
export function directoryUrl(url: string | URL | undefined): string | undefined {
  if (url === undefined) return undefined;
  const text = String(url);
  return text.endsWith('/') ? text : `${text}/`;
}

/** What a CMap or font load did: the CMaps asked for that could not be had. */
export interface AssetReport {
  missingCMaps: Set<string>;
}

/**
 * pdfjs factory classes bound to one document's report: they load CMaps and standard fonts
 * with `loadBinary`, and record each CMap that could not be loaded (no `cMapUrl`, or a
 * wrong one), so that lost text is reported instead of read as a page without text.
 */
export function assetFactories(report: AssetReport) {
  class CMapReaderFactory {
    readonly baseUrl: string | null;
    readonly isCompressed: boolean;
    constructor({ baseUrl = null, isCompressed = true }: { baseUrl?: string | null; isCompressed?: boolean }) {
      this.baseUrl = baseUrl;
      this.isCompressed = isCompressed;
    }
    async fetch({ name }: { name: string }): Promise<{ cMapData: Uint8Array; isCompressed: boolean }> {
      if (!this.baseUrl) {
        report.missingCMaps.add(name);
        throw new Error(`CMap ${name} needed, but no cMapUrl is set`);
      }
      const url = this.baseUrl + name + (this.isCompressed ? '.bcmap' : '');
      try {
        return { cMapData: await loadAsset(url), isCompressed: this.isCompressed };
      } catch (error) {
        report.missingCMaps.add(name);
        throw new Error(`Unable to load CMap at ${url}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
    }
  }
  class StandardFontDataFactory {
    readonly baseUrl: string | null;
    constructor({ baseUrl = null }: { baseUrl?: string | null }) {
      this.baseUrl = baseUrl;
    }
    async fetch({ filename }: { filename: string }): Promise<Uint8Array> {
      if (!this.baseUrl) throw new Error('no standardFontDataUrl is set');
      return loadAsset(this.baseUrl + filename);
    }
  }
  return { CMapReaderFactory, StandardFontDataFactory };
}
