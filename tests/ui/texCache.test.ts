/**
 * The typeset cache is bounded by the memory its HTML holds, not only by its number of entries
 * (issue 13): editing a value a thousand times must not grow the page without end.
 */
import katex from 'katex';
import { beforeEach, describe, expect, it } from 'vitest';
import { buildTrace, compile } from '../../src/core/index';
import { katexRenderOptions } from '../../src/ui/katexOptions';
import { renderTex, TEX_CACHE_LIMITS, texCache } from '../../src/ui/Tex';
import { entryBytes, TexCache } from '../../src/ui/texCache';

const html = (n: number, fill = 'x') => fill.repeat(n);

describe('TexCache', () => {
  it('drops the least recently used entries once the bytes exceed the budget', () => {
    const one = entryBytes('k0', html(1000));
    const cache = new TexCache({ maxEntries: 100, maxBytes: 3 * one });
    for (let i = 0; i < 4; i++) cache.set(`k${i}`, html(1000));
    expect(cache.size).toBe(3);
    expect(cache.bytes).toBe(3 * one);
    expect(cache.get('k0')).toBeUndefined();
    expect(cache.get('k3')).toBe(html(1000));
  });

  it('counts a hit as a use: the entry read last is kept, the oldest unread one goes', () => {
    const one = entryBytes('a', html(500));
    const cache = new TexCache({ maxEntries: 100, maxBytes: 3 * one });
    cache.set('a', html(500));
    cache.set('b', html(500));
    cache.set('c', html(500));
    expect(cache.get('a')).toBe(html(500));
    cache.set('d', html(500));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(html(500));
    expect(cache.get('c')).toBe(html(500));
  });

  it('keeps at most maxEntries, however small the entries', () => {
    const cache = new TexCache({ maxEntries: 5, maxBytes: 1e9 });
    for (let i = 0; i < 50; i++) cache.set(`k${i}`, `${i}`);
    expect(cache.size).toBe(5);
    expect(cache.get('k45')).toBe('45');
    expect(cache.get('k44')).toBeUndefined();
  });

  it('charges refusals (null) and replaced entries correctly, and never keeps an entry over the whole budget', () => {
    const cache = new TexCache({ maxEntries: 10, maxBytes: 10_000 });
    cache.set('bad', null);
    expect(cache.get('bad')).toBeNull();
    expect(cache.bytes).toBe(entryBytes('bad', null));
    cache.set('k', html(100));
    cache.set('k', html(200));
    expect(cache.bytes).toBe(entryBytes('bad', null) + entryBytes('k', html(200)));
    cache.set('huge', html(10_000));
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.size).toBe(2);
  });
});

describe('renderTex', () => {
  beforeEach(() => texCache.clear());

  it('stays within its byte budget while the values of a trace change again and again', () => {
    const c = compile('ln(x1) + x1*x2 - sin(x2)');
    if (!c.ok) throw new Error(c.error.message);
    let typeset = 0;
    for (let edit = 0; edit < 40; edit++) {
      // What the table shows after each edit of x1: every row's formula with its new value.
      const trace = buildTrace(c.tape, [2 + edit / 1000, 5]);
      for (const s of trace.steps) {
        renderTex(s.tex);
        typeset += s.tex.length;
      }
      expect(texCache.bytes).toBeLessThanOrEqual(TEX_CACHE_LIMITS.maxBytes);
      expect(texCache.size).toBeLessThanOrEqual(TEX_CACHE_LIMITS.maxEntries);
    }
    // The rows typeset far more HTML than the budget: the bound, not the input, decided the size.
    expect(typeset).toBeGreaterThan(0);
    expect(texCache.bytes).toBeGreaterThan(TEX_CACHE_LIMITS.maxBytes / 2);
  });

  it('gives KaTeX’s own HTML, before and after its entry was dropped', () => {
    const tex = 'v_{1} = \\ln v_{-1} = \\ln 2 = 0.693';
    const expected = katex.renderToString(tex, katexRenderOptions(false));
    expect(renderTex(tex)).toBe(expected);
    for (let i = 0; texCache.has(`T${tex}`) && i < 100_000; i++) renderTex(`v_{1} = ${i}.5`);
    expect(texCache.has(`T${tex}`)).toBe(false);
    expect(renderTex(tex)).toBe(expected);
  });
});
