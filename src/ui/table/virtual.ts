/**
 * Windowing for long trace tables: which lines of a list to render for a scroll position, and how
 * tall the spacers standing in for the others must be. Pure numbers (no DOM), so it is tested on its
 * own; TraceTable measures, this computes.
 *
 * A list is n lines stacked with a fixed gap between neighbours (a CSS grid's row gap); line i is
 * `heights[i]` tall (measured, or estimated until it has been rendered).
 */

/**
 * Tables with more steps than this (a graph of about 40 nodes; every example has fewer) render only
 * the rows near the view.
 */
export const VIRTUALIZE_ABOVE = 120;
/** A row's height before it has been measured: one line of typeset math, often wrapped. */
export const ESTIMATED_LINE_HEIGHT = 52;
/**
 * Rows rendered beyond each edge of the view, in px, so that scrolling finds them ready. Small:
 * every rendered row is typeset math (about 200 elements), and all of them change when a value does.
 */
export const OVERSCAN_PX = 150;

/**
 * A row of the paired table is never shorter than this (`.row`'s min-height in app.css): a view of
 * h px shows at most h / (ROW_MIN_PX + gap) whole lines, whatever the estimates say. The compact
 * table's rows (phone, embed, presentation) can be as short as COMPACT_ROW_MIN_PX.
 */
export const ROW_MIN_PX = 40;
export const COMPACT_ROW_MIN_PX = 30;

/**
 * The part of a scroller's view that is inside the window, as [from, to] px from the scroller's
 * top: `top` is where the scroller's box starts on the screen, `height` its view, `screen` the
 * window's height. A scroller wholly off the screen gives an empty part at its nearer edge.
 */
export function onScreen(top: number, height: number, screen: number): readonly [from: number, to: number] {
  const from = Math.min(height, Math.max(0, -top));
  return [from, Math.max(from, Math.min(height, screen - top))];
}

/**
 * The lines a view `height` px tall starting at `y` can show: those from the line at `y`, as many
 * as rows of the least height (`minRow` px) fill it. Unlike `linesBetween`, which reads the
 * (estimated) heights, this covers the view even while the estimates are too tall.
 */
export function linesInView(
  offsets: Float64Array,
  gap: number,
  y: number,
  height: number,
  minRow = ROW_MIN_PX,
): Range {
  const n = offsets.length - 1;
  const [start] = linesBetween(offsets, gap, y, y);
  if (n <= 0 || start >= n) return [start, start];
  // Rows are at least minRow tall, so line start + k starts at or below
  // offsets[start] + k·(minRow + gap): it reaches the view (starts at or above y + height) only for
  // k ≤ (y + height − offsets[start]) / (minRow + gap). A view whose top touches the end of the line
  // before (no gap, `start` ending exactly at y) still reaches the next one.
  const lines = Math.floor((y + height - offsets[start]!) / (minRow + gap)) + 1;
  return [start, Math.min(n, start + Math.max(1, lines))];
}

/** offsets[i] = where line i starts; offsets[n] − gap = the list's total height (0 for no lines). */
export function lineOffsets(heights: ArrayLike<number>, gap: number): Float64Array {
  const offsets = new Float64Array(heights.length + 1);
  for (let i = 0; i < heights.length; i++) offsets[i + 1] = offsets[i]! + heights[i]! + gap;
  return offsets;
}

export type Range = readonly [start: number, end: number];

/**
 * The lines [start, end) that reach into [top, bottom] (coordinates relative to the list's top;
 * a line reaches in when it ends at or after `top` and starts at or before `bottom`). Two binary
 * searches over the offsets.
 */
export function linesBetween(offsets: Float64Array, gap: number, top: number, bottom: number): Range {
  const n = offsets.length - 1;
  if (n <= 0 || bottom < top) return [0, 0];
  // The first line that ends at or after `top` (line i ends at offsets[i + 1] − gap) …
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid + 1]! - gap >= top) hi = mid;
    else lo = mid + 1;
  }
  const start = lo;
  // … and the first line after it that starts below `bottom`.
  hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid]! > bottom) hi = mid;
    else lo = mid + 1;
  }
  return [start, Math.max(start, lo)];
}

/** Whether `outer` holds every line of `inner`. */
export const covers = (outer: Range, inner: Range): boolean =>
  inner[0] >= inner[1] || (outer[0] <= inner[0] && inner[1] <= outer[1]);

/** Sorted, merged ranges (touching ones join), empty ones dropped. */
export function mergeRanges(ranges: readonly Range[]): Range[] {
  const sorted = ranges.filter(([a, b]) => b > a).sort((p, q) => p[0] - q[0]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

export type Piece = { readonly lines: Range } | { readonly space: number };

/**
 * The list as rendered: runs of real lines and spacers for the lines in between, such that every
 * rendered line sits exactly where it would with all lines present (a spacer is followed by one gap,
 * like any line).
 */
export function pieces(offsets: Float64Array, gap: number, ranges: readonly Range[]): Piece[] {
  const n = offsets.length - 1;
  const out: Piece[] = [];
  let at = 0;
  for (const [a, b] of mergeRanges(ranges.map(([s, e]) => [Math.max(0, s), Math.min(n, e)] as const))) {
    if (a > at) out.push({ space: offsets[a]! - gap - offsets[at]! });
    out.push({ lines: [a, b] });
    at = b;
  }
  if (at < n) out.push({ space: offsets[n]! - gap - offsets[at]! });
  return out;
}
