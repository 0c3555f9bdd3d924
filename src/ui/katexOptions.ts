import type { KatexOptions } from 'katex';

/**
 * Production KaTeX options, in a module of their own so that the page (`Tex.tsx`), the tests and the
 * fuzzer (`npm run fuzz`) typeset under exactly the same rules:
 *
 * - `trust: false`: `\href`, `\url`, `\includegraphics` and `\html*` are refused, so no link, class,
 *   id, style or data attribute can come out of TeX;
 * - `strict: 'error'` and `throwOnError: true`: anything KaTeX would only warn about is an error, and
 *   an error is thrown (the `<Tex>` component then shows the source as plain text);
 * - `maxSize` (in em) and `maxExpand` bound the size of boxes and the number of macro expansions, so
 *   no TeX can freeze the page;
 * - `macros` is absent here: `katexRenderOptions` adds a fresh object per call, so a `\gdef` in one
 *   formula can never leak into the next.
 *
 * The TeX itself is built only in `src/core` from validated identifiers and formatted numbers; these
 * options are the second wall.
 */
export const KATEX_OPTIONS = Object.freeze({
  throwOnError: true,
  strict: 'error',
  trust: false,
  maxSize: 20,
  maxExpand: 200,
  output: 'htmlAndMathml',
} as const);

/** The options for one render: the production options, display mode, and a fresh macros object. */
export function katexRenderOptions(display = false): KatexOptions {
  return { ...KATEX_OPTIONS, displayMode: display, macros: {} };
}
