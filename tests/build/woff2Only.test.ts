/**
 * The build ships WOFF2 fonts only: the stylesheet rewrite keeps each face's woff2 source, drops its
 * woff and ttf sources, and leaves everything else alone. Checked on KaTeX's own stylesheet (the
 * real input) and on hand-written edge cases.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { keepWoff2Only, woff2Only } from '../../build/woff2Only';

const require = createRequire(import.meta.url);
const katexCss = readFileSync(require.resolve('katex/dist/katex.min.css'), 'utf8');

const faces = (css: string): string[] => css.match(/@font-face\s*\{[^}]*\}/g) ?? [];
const urls = (css: string): string[] => [...css.matchAll(/url\(([^)]*)\)/g)].map((m) => m[1]!);
const withoutSrc = (css: string): string => css.replace(/\bsrc\s*:[^;}]*/g, 'src:_');

describe('keepWoff2Only on KaTeX’s stylesheet', () => {
  const out = keepWoff2Only(katexCss);

  it('keeps every face, each with exactly one source, a woff2 file', () => {
    const before = faces(katexCss);
    const after = faces(out);
    expect(before.length).toBeGreaterThanOrEqual(19);
    expect(after).toHaveLength(before.length);
    for (const face of after) {
      const u = urls(face);
      expect(u).toHaveLength(1);
      expect(u[0]).toMatch(/\.woff2$/);
      expect(face).toContain('format("woff2")');
    }
  });

  it('keeps the same woff2 files, and no woff or ttf', () => {
    const woff2Before = urls(katexCss).filter((u) => u.endsWith('.woff2'));
    expect(urls(out)).toEqual(woff2Before);
    expect(out).not.toMatch(/\.ttf|\.woff\)|format\("woff"\)|truetype/);
  });

  it('changes nothing but the src declarations', () => {
    expect(withoutSrc(out)).toBe(withoutSrc(katexCss));
    expect(out.length).toBeLessThan(katexCss.length);
  });
});

describe('keepWoff2Only edge cases', () => {
  it('leaves a face without any woff2 source as it was', () => {
    const css = '@font-face{font-family:A;src:url(a.woff) format("woff"),url(a.ttf) format("truetype")}';
    expect(keepWoff2Only(css)).toBe(css);
  });

  it('reads quotes, spaces, query strings, upper case and commas inside url()', () => {
    const css = `@font-face {
  font-family: "B";
  SRC: url('b,1.woff2?v=2') format('woff2'), url("b.woff") format("woff");
  font-weight: 400;
}`;
    const out = keepWoff2Only(css);
    expect(out).toContain("url('b,1.woff2?v=2') format('woff2');");
    expect(out).not.toContain('b.woff"');
    expect(out).toContain('font-weight: 400;');
  });

  it('recognises a woff2 source by its file name when no format() is given', () => {
    const css = '@font-face{src:url(c.ttf),url(c.woff2)}';
    expect(keepWoff2Only(css)).toBe('@font-face{src:url(c.woff2)}');
  });

  it('does not touch src outside @font-face (an image, say)', () => {
    const css = '.x{src:url(a.woff),url(a.woff2)} @font-face{src:url(a.woff2),url(a.woff)}';
    expect(keepWoff2Only(css)).toBe('.x{src:url(a.woff),url(a.woff2)} @font-face{src:url(a.woff2)}');
  });
});

describe('the Vite plugin', () => {
  const plugin = woff2Only();
  const transform = plugin.transform as (code: string, id: string) => { code: string } | null;

  it('rewrites stylesheets that declare fonts, before Vite resolves their URLs', () => {
    expect(plugin.enforce).toBe('pre');
    expect(transform(katexCss, '/x/node_modules/katex/dist/katex.min.css')?.code).toBe(
      keepWoff2Only(katexCss),
    );
    expect(transform(katexCss, '/x/katex.min.css?inline')?.code).toBe(keepWoff2Only(katexCss));
  });

  it('passes over scripts and stylesheets without fonts', () => {
    expect(transform('const src = "@font-face"', '/x/a.ts')).toBeNull();
    expect(transform('.a{color:red}', '/x/a.css')).toBeNull();
  });
});
