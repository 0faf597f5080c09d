import type { SourceDocument } from '../source/document.js';

/** Limits that protect a batch from one hostile or broken file. */
export interface ReadLimits {
  /** largest input accepted, in bytes */
  maxFileBytes: number;
  /** most entries a DOCX (zip) may have */
  maxZipEntries: number;
  /** largest total uncompressed size of a DOCX, in bytes */
  maxUncompressedBytes: number;
  /** largest uncompressed / compressed ratio of a DOCX (zip bombs are far above it) */
  maxCompressionRatio: number;
  /** most pages of a PDF that are read */
  maxPdfPages: number;
}

export const DEFAULT_LIMITS: ReadLimits = {
  maxFileBytes: 50 * 1024 * 1024,
  maxZipEntries: 2000,
  maxUncompressedBytes: 200 * 1024 * 1024,
  maxCompressionRatio: 100,
  maxPdfPages: 200,
};

/** One input: its bytes and a name (a file path, or what the user called it). */
export interface AdapterInput {
  name: string;
  bytes: Uint8Array;
  /** the limits in force (DEFAULT_LIMITS where not given) */
  limits?: Partial<ReadLimits>;
}

/** The limits of an input, defaults filled in. */
export function limitsOf(input: AdapterInput): ReadLimits {
  return { ...DEFAULT_LIMITS, ...input.limits };
}

/**
 * A format adapter turns one kind of input into a SourceDocument. It never throws for a
 * bad input: it throws a ReadError, which the checker turns into a finding.
 */
export interface Adapter {
  /** stable id, also the report's `format` */
  id: string;
  /** a name for people, in Chinese */
  name: string;
  /** lower-case extensions with the dot, tried when no adapter recognises the content */
  extensions: readonly string[];
  /** how sure the adapter is, from the content alone, that it can read these bytes (0–1) */
  sniff(bytes: Uint8Array): number;
  read(input: AdapterInput): SourceDocument | Promise<SourceDocument>;
}

/** `pdf-no-text`: a PDF with no text layer (a scan), which needs OCR first. */
export type ReadErrorCode = 'file-unreadable' | 'not-a-report' | 'pdf-no-text';

/** A typed, user-facing reason why an input could not be read as a report. */
export class ReadError extends Error {
  override readonly name = 'ReadError';
  constructor(
    readonly code: ReadErrorCode,
    /** Chinese, saying what to do about it */
    message: string,
  ) {
    super(message);
  }
}

/** The adapters a checker may use, picked by content first, then by extension. */
export class AdapterRegistry {
  private readonly adapters: Adapter[] = [];

  constructor(adapters: readonly Adapter[] = []) {
    for (const adapter of adapters) this.register(adapter);
  }

  register(adapter: Adapter): this {
    if (this.adapters.some((known) => known.id === adapter.id)) {
      throw new Error(`adapter "${adapter.id}" is registered twice`);
    }
    this.adapters.push(adapter);
    return this;
  }

  list(): readonly Adapter[] {
    return this.adapters;
  }

  /** Extensions any registered adapter reads, for file discovery. */
  extensions(): string[] {
    return [...new Set(this.adapters.flatMap((adapter) => adapter.extensions))];
  }

  /** The adapter for an input, or null when none can read it. */
  pick(input: AdapterInput): Adapter | null {
    let best: Adapter | null = null;
    let bestScore = 0;
    for (const adapter of this.adapters) {
      const score = adapter.sniff(input.bytes);
      if (score > bestScore) {
        best = adapter;
        bestScore = score;
      }
    }
    if (best) return best;
    const extension = /\.[^./\\]+$/.exec(input.name.toLowerCase())?.[0];
    return this.adapters.find((adapter) => extension !== undefined && adapter.extensions.includes(extension)) ?? null;
  }
}
