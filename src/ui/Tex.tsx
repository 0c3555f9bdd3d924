import katex from 'katex';
import { memo, useMemo } from 'react';
import { katexRenderOptions } from './katexOptions';

export { KATEX_OPTIONS } from './katexOptions';

const cache = new Map<string, string | null>();
const CACHE_LIMIT = 4000;

/** Renders TeX to HTML, or null if KaTeX refuses it. Memoised on the source. */
export function renderTex(tex: string, display = false): string | null {
  const key = `${display ? 'D' : 'T'}${tex}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  let html: string | null;
  try {
    html = katex.renderToString(tex, katexRenderOptions(display));
  } catch {
    html = null;
  }
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, html);
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
