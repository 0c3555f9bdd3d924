import katex from 'katex';
import { memo, useMemo } from 'react';
import { katexRenderOptions } from './katexOptions';
import { TexCache } from './texCache';

export { KATEX_OPTIONS } from './katexOptions';

/**
 * At most 4,000 formulas and 1 MiB of HTML: a few screens of rows (the paper's rows are about 9 KiB
 * each as UTF-16, so about 110 of them, five times the paper's table), so editing a value again and
 * again does not grow the page's memory. It was 2 MiB while the page ran on React DOM, whose own
 * heap hid the cache's growth: on Preact the paper example's heap after 1,000 edits was 2.05× the
 * heap after the first (4.2 → 8.6 MiB), over the 2× budget (issue 13).
 */
export const TEX_CACHE_LIMITS = { maxEntries: 4000, maxBytes: 2 ** 20 } as const;
export const texCache = new TexCache(TEX_CACHE_LIMITS);

/** Renders TeX to HTML, or null if KaTeX refuses it. Memoised on the source. */
export function renderTex(tex: string, display = false): string | null {
  const key = `${display ? 'D' : 'T'}${tex}`;
  const hit = texCache.get(key);
  if (hit !== undefined) return hit;
  let html: string | null;
  try {
    html = katex.renderToString(tex, katexRenderOptions(display));
  } catch {
    html = null;
  }
  texCache.set(key, html);
  return html;
}

/**
 * The component that typesets (with RowTex, below, for trace rows): this file is the only place in
 * the app that sets inner HTML. Its TeX comes from `src/core`, built from validated identifiers and
 * formatted numbers, never from raw user text.
 */
export const Tex = memo(function Tex({
  tex,
  display = false,
  className,
}: {
  tex: string;
  display?: boolean;
  className?: string;
}) {
  const html = useMemo(() => renderTex(tex, display), [tex, display]);
  if (html === null) return <code className={className}>{tex}</code>;
  return (
    <span className={className ? `tex ${className}` : 'tex'} dangerouslySetInnerHTML={{ __html: html }} />
  );
});

/** Where a trace row's formula ends and its numbers begin (src/core/tex.ts joins the parts so). */
const ROW_JOIN = ' = ';

/**
 * A trace row, typeset in two parts: `head` (its formula, or a brief row's left-hand side) and the
 * rest of `tex` after it. A step that reaches the row, or an edited value, then typesets again only
 * the numbers; the formula's elements (its fractions and accents: five sixths of an adjoint row's
 * elements) stay in the page as they are, not styled or laid out again (issue 13: a keystroke at
 * 100 nodes laid out 3,600 of the page's 4,600 boxes). The rest is set as `{} = …`: the empty group
 * keeps the space TeX puts before a relation. A `tex` that does not continue `head` (forward mode's
 * rows, primal and tangent side by side) is set whole.
 */
export const RowTex = memo(function RowTex({ head, tex }: { head: string; tex: string }) {
  const split =
    tex.length > head.length + ROW_JOIN.length &&
    tex.startsWith(head) &&
    tex.startsWith(ROW_JOIN, head.length);
  const first = split ? head : tex;
  const rest = split ? `{}${tex.slice(head.length)}` : null;
  const a = useMemo(() => renderTex(first), [first]);
  const b = useMemo(() => (rest === null ? null : renderTex(rest)), [rest]);
  if (a === null || (rest !== null && b === null)) return <code className="row-tex">{tex}</code>;
  return (
    <span className="tex row-tex">
      <span className="tex-part" dangerouslySetInnerHTML={{ __html: a }} />
      {b !== null && <span className="tex-part" dangerouslySetInnerHTML={{ __html: b }} />}
    </span>
  );
});
