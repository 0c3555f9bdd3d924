import { useEffect, useLayoutEffect, useState, type RefObject } from 'react';

/** The smallest type a row is shrunk to (as a fraction of the table's type size). */
export const MIN_FIT = 0.4;

/**
 * The type scale that fits a formula `natural` px wide (at scale 1) into `available` px: 1 when it
 * fits, else the largest scale, in steps of 1 %, that fits, but never below `MIN_FIT`.
 */
export function fitScale(natural: number, available: number): number {
  if (!(natural > 0) || !(available > 0) || natural <= available) return 1;
  return Math.max(MIN_FIT, Math.floor((available / natural) * 100) / 100);
}

const NONE: ReadonlyMap<number, number> = new Map();

/**
 * One line per row: in the compact table (presentation, embed, phone) a row's formula does not wrap;
 * one that is wider than its row is set in smaller type until it fits. Returns the scale of each row
 * that needs one, by step index. After each render it measures the rendered rows (`li[data-step]`
 * with a typeset `.row-tex`) and again when the table changes width.
 */
export function useFitRows(
  root: RefObject<HTMLElement | null>,
  enabled: boolean,
): ReadonlyMap<number, number> {
  const [fits, setFits] = useState(NONE);
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

  // No dependency list: a step changes a row from its formula to its values, so every render may
  // change a width. Only rows whose scale changes by a percent or more cause another render.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- runs after every render, on purpose (above)
  useLayoutEffect(() => {
    const el = root.current;
    if (!enabled || !el) {
      if (fits !== NONE) setFits(NONE);
      return;
    }
    let next: Map<number, number> | null = null;
    for (const row of el.querySelectorAll<HTMLElement>('li[data-step]')) {
      const tex = row.querySelector<HTMLElement>('.row-tex');
      const math = tex?.querySelector<HTMLElement>('.katex-html') ?? tex?.querySelector('code') ?? null;
      if (!tex || !math) continue;
      const i = Number(row.dataset.step) - 1;
      const old = fits.get(i) ?? 1;
      const width = math.getBoundingClientRect().width;
      const room = tex.clientWidth;
      // Shrink as soon as it overflows; grow back only by a clear margin, so that rounding in the
      // typesetting never makes a row flip between two sizes.
      const wanted = fitScale(width / old, room);
      const scale =
        width > room + 0.5
          ? Math.max(MIN_FIT, Math.min(wanted, old - 0.01))
          : wanted >= old + 0.03
            ? wanted
            : old;
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
