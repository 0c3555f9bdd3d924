/**
 * Ship WOFF2 fonts only. KaTeX's stylesheet offers every face as woff2, woff and ttf; every browser
 * Wengert supports reads woff2, so the other two only add files to `dist/` (about 1 MB) that no one
 * downloads. This plugin rewrites each `@font-face` `src` list to its woff2 entries before Vite
 * resolves the URLs, so the woff and ttf files are never emitted.
 */
import type { Plugin } from 'vite';

/** Splits a CSS value at top-level commas (not those inside `url(…)` or quotes). */
function splitTopLevel(value: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    else if (ch === ',' && depth === 0) {
      parts.push(value.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(value.slice(start));
  return parts;
}

const isWoff2 = (entry: string): boolean =>
  /format\(\s*["']?woff2["']?\s*\)/i.test(entry) ||
  /url\(\s*["']?[^"')]*\.woff2(?:[?#][^"')]*)?["']?\s*\)/i.test(entry);

/**
 * The stylesheet with every `@font-face` `src` reduced to its woff2 entries. A face without any woff2
 * entry, and everything outside `@font-face` blocks, is left exactly as it was.
 */
export function keepWoff2Only(css: string): string {
  return css.replace(/@font-face\s*\{[^}]*\}/gi, (block) =>
    block.replace(/(\bsrc\s*:)([^;}]*)/gi, (declaration, property: string, value: string) => {
      const kept = splitTopLevel(value).filter(isWoff2);
      return kept.length === 0 ? declaration : `${property}${kept.map((e) => e.trim()).join(',')}`;
    }),
  );
}

/** The Vite plugin: applies `keepWoff2Only` to stylesheets that declare fonts. */
export function woff2Only(): Plugin {
  return {
    name: 'wengert-woff2-only',
    enforce: 'pre',
    transform(code, id) {
      if (!/\.css(?:$|\?)/.test(id) || !code.includes('@font-face')) return null;
      return { code: keepWoff2Only(code), map: null };
    },
  };
}
