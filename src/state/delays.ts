/**
 * The page's two typing and writing pauses, in ms. A module with no imports: the benchmark
 * (bench/page.ts) runs in Node and reads them without the store or the page's UI framework.
 */

/** Delay between the last keystroke and parsing. */
export const PARSE_DEBOUNCE_MS = 120;

/** Delay between the last change of the state and writing it to the address bar. */
export const URL_WRITE_DELAY_MS = 250;
