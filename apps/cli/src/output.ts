import { createWriteStream, openSync, type WriteStream } from 'node:fs';

/** The output file named with --output cannot be written: where, and why in words a user can act on. */
export class OutputError extends Error {
  override readonly name = 'OutputError';
  constructor(
    readonly path: string,
    cause: unknown,
  ) {
    super(`无法写入输出文件 ${path}：${reasonOf(cause)}`, { cause });
  }
}

const REASONS: Record<string, string> = {
  ENOENT: '所在的目录不存在',
  ENOTDIR: '路径中有一段不是目录',
  EISDIR: '这是一个目录，请给出文件名',
  EACCES: '没有写入权限',
  EPERM: '没有写入权限',
  EROFS: '所在的磁盘是只读的',
  ENOSPC: '磁盘空间不足',
  EDQUOT: '超出了磁盘配额',
};

function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return (code && REASONS[code]) ?? (error instanceof Error ? error.message : String(error));
}

/** An output file being written. */
export interface OutputFile {
  stream: WriteStream;
  /**
   * Runs the work that writes the file; a write that failed (a full disk), whenever it
   * failed and wherever the work noticed it, ends the work with this file's OutputError.
   */
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Ends the file once what was written is in it; rejects with the OutputError of a write that failed. */
  end(): Promise<void>;
}

/**
 * Opens the output file before any work, so a path that cannot be written fails at once
 * with an OutputError (not after a long batch, nor as an unhandled stream error); errors
 * while writing are kept for `run` instead of ending the process.
 */
export function openOutput(path: string): OutputFile {
  let descriptor: number;
  try {
    descriptor = openSync(path, 'w');
  } catch (error) {
    throw new OutputError(path, error);
  }
  const stream = createWriteStream(path, { fd: descriptor });
  let failure: OutputError | null = null;
  const fail = (error: unknown) => (failure ??= new OutputError(path, error));
  stream.on('error', fail);
  // end's callback has the error before the stream's 'error' event does
  const end = () => new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(fail(error)) : resolve())));
  const run = async <T>(work: () => Promise<T>): Promise<T> => {
    let result: T;
    try {
      result = await work();
    } catch (error) {
      // a stream's error surfaces where the writing waited for it
      throw failure ?? error;
    }
    // a failed write nothing waited for (the workbook's writer ends the file itself)
    if (failure) throw failure;
    return result;
  };
  return { stream, run, end };
}
