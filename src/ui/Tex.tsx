import katex from 'katex';
import { memo, useMemo } from 'react';
import { katexRenderOptions } from './katexOptions';
import { TexCache } from './texCache';

export { KATEX_OPTIONS } from './katexOptions';

/**
 * At most 4,000 formulas and 2 MiB of HTML: a few screens of rows (the paper's rows are about 9 KiB
 * each as UTF-16), so editing a value again and again does not grow the page's memory.
 */
export const TEX_CACHE_LIMITS = { maxEntries: 4000, maxBytes: 2 * 2 ** 20 } as const;
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
 * The one component that typesets, and the only place in the app that sets inner HTML. Its TeX comes
 * from `src/core`, built from validated identifiers and formatted numbers, never from raw user text.
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
