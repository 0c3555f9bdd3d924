/**
 * Untrusted text (from a link, a paste, a file) as a message may show it: characters that are
 * invisible or that reorder the text around them are written as their code point, and long runs are
 * shortened with an ellipsis. A right-to-left override (U+202E) in a link key would otherwise flip
 * the rest of the notice that quotes it, and a 20,000-character name would fill the screen.
 */

/**
 * Control characters (Cc), format characters (Cf: bidirectional overrides and isolates, zero-width
 * spaces and joiners, the BOM), line and paragraph separators, private-use code points and lone
 * surrogates.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cs}]/gu;

/** `U+202E` for one such character: as BAD_INPUTS.md writes them, so a reader can look it up. */
const codePoint = (ch: string): string =>
  `[U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}]`;

/** Writes every invisible or reordering character as `[U+XXXX]`. */
export function escapeInvisible(text: string): string {
  return text.replace(INVISIBLE, codePoint);
}

/** The first `max` code points of `text` (never half a surrogate pair), with `…` if it was longer. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const points = [...text.slice(0, 2 * max + 2)];
  return points.length <= max ? text : `${points.slice(0, max).join('')}…`;
}

/** A short, quoted, visible rendering of untrusted text for a message: `"evil[U+202E]gnp…"`. */
export function quote(text: string, max = 24): string {
  return JSON.stringify(escapeInvisible(shorten(text, max)));
}

/** Longest run of name characters a message shows whole; longer ones keep their ends. */
const LONG_RUN = /[\p{L}\p{N}_]{41,}/gu;
/** Longest message shown, in code points. */
const MAX_MESSAGE = 400;

/**
 * A message for the page: invisible characters escaped, every run of more than 40 letters or digits
 * (a 20,000-character name) shortened to its first 24 and last 8 with `…` between, and the whole cut
 * at 400 code points. Idempotent on its own output.
 */
export function readable(message: string): string {
  // Messages quote texts within the editor's limit; a bound all the same, far above any of them.
  const bounded = message.length > 200_000 ? shorten(message, 200_000) : message;
  const short = bounded.replace(LONG_RUN, (run) => {
    const points = [...run];
    return `${points.slice(0, 24).join('')}…${points.slice(-8).join('')}`;
  });
  return shorten(escapeInvisible(short), MAX_MESSAGE);
}

/**
 * A count with thousands separators, `3,000,010`, as `toLocaleString('en-US')` writes it but without
 * building an Intl formatter (the first one costs tens of milliseconds, which a refused paste must not).
 */
export function groupDigits(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
