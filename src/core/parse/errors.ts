/** A problem in the expression text, located by `[start, end)` offsets in UTF-16 code units. */
export interface SourceError {
  readonly message: string;
  readonly start: number;
  readonly end: number;
}

/** A remark about the text that does not stop evaluation (`1e-400` read as 0). */
export type SourceWarning = SourceError;

/**
 * Thrown inside the lexer and parser and caught at their entry points, which return it as a plain
 * `SourceError`; it never escapes the core.
 */
export class ParseFailure extends Error {
  constructor(
    message: string,
    readonly start: number,
    readonly end: number,
  ) {
    super(message);
  }

  toSourceError(): SourceError {
    return { message: this.message, start: this.start, end: this.end };
  }
}

/** 1-based column of an offset, for messages shown to people. */
export function columnOf(offset: number): number {
  return offset + 1;
}
