/**
 * Writing the command line's output by the Unix conventions: a reader that stops early (`| head`)
 * ends the program quietly; a write that fails otherwise (`> /dev/full`) is one line on stderr and
 * exit status 1. Never a stack trace.
 */
import { writeSync } from 'node:fs';

export type WriteResult =
  { ok: true } | { ok: false; closed: true } | { ok: false; closed: false; message: string };

const sleep = (ms: number): void => {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
};

const REASONS: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on device',
  EIO: 'input/output error',
  EBADF: 'the output is closed',
  EFBIG: 'the file is too large',
  EDQUOT: 'disk quota exceeded',
};

/**
 * Writes all of `text` to file descriptor `fd`, synchronously, so that every failure is seen here
 * rather than as an 'error' event after the fact. `EAGAIN` (a non-blocking pipe that is full) is
 * waited out; `EPIPE` (the reader has gone) is `closed`.
 */
export function writeAll(fd: number, text: string): WriteResult {
  const bytes = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(fd, bytes, offset, bytes.length - offset);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? '';
      if (code === 'EAGAIN') {
        sleep(5);
        continue;
      }
      if (code === 'EPIPE') return { ok: false, closed: true };
      return {
        ok: false,
        closed: false,
        message: `${REASONS[code] ?? 'write failed'}${code ? ` (${code})` : ''}`,
      };
    }
  }
  return { ok: true };
}
