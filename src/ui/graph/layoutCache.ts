/**
 * The layouts computed so far, shared by the graph view (useGraphLayout.ts) and the page's first
 * script (src/early.ts). Free of React and the DOM, so that the first script can fill it before the
 * rest of the page has arrived.
 */
import type { Tape } from '../../core/tape';
import { ADAPT_MAX_NODES, LARGE_CONFIG } from './chooseLayout';
import { layoutGraph, StructureMemo, type GraphLayout, type LayoutConfig } from './layout';

/**
 * Up to this many nodes the layout runs on the main thread, at once, in well under 50 ms, so typing
 * never makes the graph blink. Larger graphs are laid out in a web worker, and the view says
 * "laying out…" meanwhile, so the page never freezes.
 */
export const SYNC_LAYOUT_MAX_NODES = 250;

/**
 * Up to this many nodes, the graph of the link a page opens on (a large one: `layoutAhead`) is laid
 * out by the page's first script while the main script is still arriving (src/early.ts), and drawn
 * with the table; a layout worker could only have started once the page's first frame was drawn.
 * A tape holds at most MAX_OPERATIONS (2,000) operations and its inputs, so this covers every link.
 * At 2,000 nodes the cold layout (about 150 ms) holds the table back that long, but the whole page
 * is drawn 140–220 ms sooner than with the table first and the graph from the worker (issue 13's
 * budget is for the whole page: 1 s).
 */
export const EARLY_LAYOUT_MAX_NODES = 10_000;

/**
 * Layouts already computed, by the tape's structure and the config: a new tape of the same shape (a
 * constant or a value edited) reuses its layout.
 */
const cache = new StructureMemo<GraphLayout>();

export function cached(tape: Tape, config: LayoutConfig): GraphLayout | undefined {
  return cache.get(tape, config);
}

export function remember(tape: Tape, config: LayoutConfig, layout: GraphLayout): GraphLayout {
  return cache.set(tape, config, layout);
}

/**
 * Lays out, ahead of the view, the graph a large tape will be drawn with: above ADAPT_MAX_NODES a
 * graph takes one layout whatever the room (chooseLayout.ts); a smaller one's layout depends on its
 * canvas, and is chosen and laid out as it is drawn. Returns whether it laid one out.
 */
export function layoutAhead(tape: Tape): boolean {
  const n = tape.nodes.length;
  if (n <= ADAPT_MAX_NODES || n > EARLY_LAYOUT_MAX_NODES || cached(tape, LARGE_CONFIG)) return false;
  layoutNow(tape, LARGE_CONFIG);
  return true;
}

/** The layout of a tape, computed here and now (memoised). */
export function layoutNow(tape: Tape, config: LayoutConfig): GraphLayout {
  return cached(tape, config) ?? remember(tape, config, layoutGraph(tape, config));
}
