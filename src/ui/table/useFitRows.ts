import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';

/** The smallest type a row is shrunk to, in CSS px: below it a row wraps instead. */
export const MIN_FONT_PX = 11;
/**
 * Presentation's floor for the typeset text itself (KaTeX's own size, 1.21 em of the row's type), in
 * CSS px: 16 px projected at 1024×768 to 1920×1080 is what the back of a room still reads; a phone or
 * a tablet (the narrow layout, `NARROW`) is held closer, 14 px. Below it a row of the side table is
 * written without its symbolic middle, and a row that still does not fit (or the large current row,
 * which keeps its middle) wraps.
 */
export const PRESENT_MIN_TEXT_PX = 16;
export const PRESENT_NARROW_MIN_TEXT_PX = 14;
/** The narrow layout of app.css (phones, tablets upright): the table in one column under the graph. */
export const NARROW = '(max-width: 900px)';
/** The scale of a row that would need smaller type than `MIN_FONT_PX`: it wraps, uncut. */
export const WRAP = 0;

/**
 * The type scale that fits a formula `natural` px wide (at scale 1) into `available` px: 1 when it
 * fits, else the largest scale, in steps of 1 %, that fits; `WRAP` when that would be below
 * `minScale` (smaller type would be unreadable: the row takes two lines instead).
 */
export function fitScale(natural: number, available: number, minScale = 0.5): number {
  if (!(natural > 0) || !(available > 0) || natural <= available) return 1;
  const scale = Math.floor((available / natural) * 100) / 100;
  return scale >= minScale ? scale : WRAP;
}

const NONE: ReadonlyMap<number, number> = new Map();

/**
 * One line per row: in the compact table (presentation, embed, phone) a row's formula does not wrap;
 * one that is wider than its row is set in smaller type until it fits (or, below `minFontPx` of
 * type or `minTextPx` of typeset text, wraps: `WRAP`). Returns the scale of each row that needs one,
 * by step index. After each render it measures the rendered rows (elements with `data-<attr>` and a
 * typeset `.row-tex`) and again when the table changes width. A wrapped row whose formula changed
 * and still wraps comes back in a new map, still `WRAP`: the table can write it more briefly yet.
 */
export function useFitRows(
  root: RefObject<HTMLElement | null>,
  enabled: boolean,
  {
    minFontPx = MIN_FONT_PX,
    minTextPx = 0,
    attr = 'step',
  }: {
    /** The floor for the row's type (its `font-size`), in CSS px. */
    minFontPx?: number;
    /** The floor for the typeset text (KaTeX's `font-size`, larger than the row's), in CSS px. */
    minTextPx?: number;
    /** The data attribute holding each row's 1-based step (`step`: `li[data-step]`, the table's rows). */
    attr?: string;
  } = {},
): ReadonlyMap<number, number> {
  const [fits, setFits] = useState(NONE);
  // The width at scale 1 of each wrapped row, when it was last measured: a row that is then written
  // otherwise (the side table's brief forms) is a new formula, fitted as such (below).
  const wrappedAt = useRef(new Map<number, number>());
  // The table's width: only read to re-render, and so re-measure, when it changes.
  const [, setWidth] = useState(0);

  useEffect(() => {
    const el = root.current;
    if (!enabled || !el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      const w = entries[entries.length - 1]?.contentRect.width ?? 0;
      setWidth(Math.round(w));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [root, enabled]);

  // Typeset rows change width when KaTeX's fonts arrive: measured before, a row kept the scale that
  // fitted the fallback font and overflowed once the real one came (presenting, on a first visit).
  const [, setFontsLoaded] = useState(0);
  useEffect(() => {
    const fonts = typeof document === 'undefined' ? undefined : document.fonts;
    if (!enabled || !fonts) return;
    let live = true;
    const again = () => {
      if (live) setFontsLoaded((n) => n + 1);
    };
    fonts.addEventListener?.('loadingdone', again);
    void fonts.ready.then(again);
    return () => {
      live = false;
      fonts.removeEventListener?.('loadingdone', again);
    };
  }, [enabled]);

  // No dependency list: a step changes a row from its formula to its values, so every render may
  // change a width. Only rows whose scale changes by a percent or more (or that wrap with a changed
  // formula) cause another render.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- runs after every render, on purpose (above)
  useLayoutEffect(() => {
    const el = root.current;
    if (!enabled || !el) {
      if (fits !== NONE) setFits(NONE);
      return;
    }
    let next: Map<number, number> | null = null;
    let minScale: number | null = null;
    for (const row of el.querySelectorAll<HTMLElement>(`[data-${attr}]`)) {
      const tex = row.querySelector<HTMLElement>('.row-tex');
      if (!tex) continue;
      // A row is typeset in parts (RowTex), or is the source in a <code> where KaTeX refused it.
      const parts = tex.tagName === 'CODE' ? [tex] : [...tex.querySelectorAll<HTMLElement>('.katex-html')];
      if (parts.length === 0) continue;
      const i = Number(row.dataset[attr]) - 1;
      const old = fits.get(i) ?? 1;
      // The rows share one type size; the floor is minFontPx of it, and minTextPx of the text KaTeX
      // sets in it (read at this row's present scale, so divided by it).
      minScale ??= Math.min(
        1,
        Math.max(
          minFontPx / (parseFloat(getComputedStyle(row).fontSize) || 16),
          minTextPx > 0 ? minTextPx / textPx(tex, old === WRAP ? 1 : old) : 0,
        ),
      );
      // The formula's width is the sum of its lines' widths, so a wrapped row is measured too.
      let width = 0;
      for (const math of parts) for (const r of math.getClientRects()) width += r.width;
      const room = tex.clientWidth;
      // A row with no room (its column collapsed, as presenting on a phone) keeps its scale: read as
      // "fits", it went back to full size, overflowed, shrank to wrapping and back, for ever.
      if (!(room > 0)) continue;
      const natural = width / (old === WRAP ? 1 : old);
      const wanted = fitScale(natural, room, minScale);
      // Shrink as soon as it overflows; grow back only by a clear margin, so that rounding in the
      // typesetting never makes a row flip between two sizes. A wrapped row whose formula has
      // changed since it wrapped (written briefly, say) is fitted anew: on the line it now fits, or,
      // still too long, reported again (a new map), so that a shorter form of it can be tried.
      let scale = old;
      if (old === WRAP) {
        const before = wrappedAt.current.get(i);
        const changed = before === undefined || Math.abs(natural - before) > 0.05 * before;
        if (wanted === 1 || wanted >= minScale + 0.03 || (changed && wanted !== WRAP)) scale = wanted;
        else if (changed) {
          wrappedAt.current.set(i, natural);
          next ??= new Map(fits);
        }
      } else if (width > room + 0.5) {
        scale = wanted === WRAP ? WRAP : Math.min(wanted, old - 0.01);
        if (scale < minScale) scale = WRAP;
      } else if (wanted !== WRAP && wanted >= old + 0.03) scale = wanted;
      if (scale === WRAP && old !== WRAP) wrappedAt.current.set(i, natural);
      else if (scale !== WRAP) wrappedAt.current.delete(i);
      if (scale !== old) {
        next ??= new Map(fits);
        if (scale === 1) next.delete(i);
        else next.set(i, scale);
      }
    }
    if (next) setFits(next);
  });
  return enabled ? fits : NONE;
}

/** The size of a row's typeset text at scale 1, in CSS px: KaTeX's own, or the source's where it refused. */
function textPx(tex: HTMLElement, scale: number): number {
  const text = tex.querySelector<HTMLElement>('.katex') ?? tex;
  return (parseFloat(getComputedStyle(text).fontSize) || 16) / scale;
}
