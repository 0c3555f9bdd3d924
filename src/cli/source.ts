/**
 * Reading the expression or program of `--file PATH` (`-`: standard input), and the data table of
 * `--data PATH`, for the command line.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { MAX_DATA_ROWS, MAX_DATA_TEXT, MAX_SOURCE_LENGTH } from '../core/index';

/**
 * Most bytes read from a file: four UTF-8 bytes for each character the parser accepts, and some
 * room for a trailing newline. A longer file is refused without reading it all.
 */
export const MAX_FILE_BYTES = 4 * MAX_SOURCE_LENGTH + 1024;

/** What `--file` read, or why it could not. */
export type SourceRead = { ok: true; text: string } | { ok: false; message: string };

/** Reads a file (or stdin) as the runner's input; tests pass their own. */
export type ReadSource = (path: string) => SourceRead;

const sleep = (ms: number): void => {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
};

const why = (e: unknown): string => {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT'
    ? 'no such file'
    : code === 'EISDIR'
      ? 'it is a directory'
      : code === 'EACCES'
        ? 'permission denied'
        : (code ?? (e instanceof Error ? e.message : String(e)));
};

/**
 * Reads `path` (`-`: stdin) as UTF-8, at most `MAX_FILE_BYTES`, without a leading byte-order mark.
 * Reads in chunks, so pipes and FIFOs work, and waits out `EAGAIN` on a non-blocking stdin.
 */
export function readSource(path: string): SourceRead {
  return readText(
    path,
    MAX_FILE_BYTES,
    `an expression may have at most ${MAX_SOURCE_LENGTH.toLocaleString('en-US')} characters`,
  );
}

/** Most bytes read from a `--data` file: four UTF-8 bytes for each character a data table may have. */
export const MAX_DATA_FILE_BYTES = 4 * MAX_DATA_TEXT + 1024;

/** Reads the CSV file of `--data` (`-`: stdin), as `readSource` reads an expression. */
export function readDataFile(path: string): SourceRead {
  return readText(
    path,
    MAX_DATA_FILE_BYTES,
    `a data table may have at most ${MAX_DATA_TEXT.toLocaleString('en-US')} characters (${MAX_DATA_ROWS.toLocaleString('en-US')} rows)`,
  );
}

function readText(path: string, maxBytes: number, limitNote: string): SourceRead {
  const name = path === '-' ? 'standard input' : path;
  let fd: number;
  try {
    fd = path === '-' ? 0 : openSync(path, 'r');
  } catch (e) {
    return { ok: false, message: `cannot read ${name}: ${why(e)}` };
  }
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for (;;) {
      const chunk = Buffer.alloc(65536);
      let n: number;
      try {
        n = readSync(fd, chunk, 0, chunk.length, null);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EAGAIN') {
          sleep(10);
          continue;
        }
        if ((e as NodeJS.ErrnoException).code === 'EOF') break;
        throw e;
      }
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > maxBytes) {
        return {
          ok: false,
          message: `${name} is larger than ${maxBytes.toLocaleString('en-US')} bytes; ${limitNote}`,
        };
      }
    }
  } catch (e) {
    return { ok: false, message: `cannot read ${name}: ${why(e)}` };
  } finally {
    if (fd !== 0) closeSync(fd);
  }
  return {
    ok: true,
    text: Buffer.concat(chunks)
      .toString('utf8')
      .replace(/^\uFEFF/, ''),
  };
}
