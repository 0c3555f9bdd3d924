import { useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState, type RefObject } from 'react';
import {
  covers,
  ESTIMATED_LINE_HEIGHT,
  lineOffsets,
  linesBetween,
  linesInView,
  onScreen,
  OVERSCAN_PX,
  pieces,
  type Piece,
  type Range,
} from './virtual';

export type ListName = 'forward' | 'adjoint';
const LISTS: readonly ListName[] = ['forward', 'adjoint'];

export interface TableWindowOptions {
  /** Window at all (long tables only); when false every line is rendered. */
  readonly enabled: boolean;
  /** Number of lines of each list. */
  readonly counts: Readonly<Record<ListName, number>>;
  /** The `<ol>` of each list. */
  readonly lists: Readonly<Record<ListName, RefObject<HTMLOListElement | null>>>;
  /** Step index (0-based, as in `data-step` − 1) of the first row of a line, to measure it. */
  readonly firstStep: (list: ListName, line: number) => number;
  /** The line of the current step: always rendered, so it can be scrolled to and read. */
  readonly current: LinePlace | null;
  /**
   * The line of the next step. Where it is far from the view (the first tangent step sits at the
   * top of the paired table, beside the first primal row), the rows a view scrolled to it would
   * show are rendered ahead, after a paint, so that the key press that goes there finds them.
   */
  readonly next?: LinePlace | null;
  /** Measured heights belong to one layout of the rows (pairs or single): a new key forgets them. */
  readonly resetKey: unknown;
  /** The least height of a row, in px (its CSS min-height): the first window counts lines with it. */
  readonly minRowPx?: number;
  /**
   * Called after a paint that changed no measured height: the rows rendered are where they will
   * stay (the table puts the current row back in view if they moved it).
   */
  readonly onSettled?: () => void;
}

/** Whether a media query matches, following changes (false where there is no matchMedia). */
export function useMediaQuery(query: string): boolean {
  const get = () =>
    typeof window !== 'undefined' &&
    typeof window.matchMedia === 'function' &&
    window.matchMedia(query).matches;
  const [matches, setMatches] = useState(get);
  useEffect(() => {
    if (typeof window === 'undefined' || typeof window.matchMedia !== 'function') return;
    const mq = window.matchMedia(query);
    const onChange = () => setMatches(mq.matches);
    onChange();
    mq.addEventListener?.('change', onChange);
    return () => mq.removeEventListener?.('change', onChange);
  }, [query]);
  return matches;
}

/** A line of one of the lists. */
export interface LinePlace {
  readonly list: ListName;
  readonly line: number;
}

/**
 * What to render of each list: runs of lines and spacers; and the lines rendered ahead around a next
 * step's line far from the view (see `next`), which the table lays out ahead as well.
 */
export type TableWindow = Readonly<Record<ListName, Piece[]>> & {
  readonly ahead: { readonly list: ListName; readonly lines: Range } | null;
};

/** Before the first measurement, assume a view this tall at the top of the table. */
const INITIAL_VIEW_PX = 800;

/** The element that scrolls the table: its panel, or else the nearest scrolling ancestor. */
/**
 * Runs `update` in a task of its own, so that what it renders comes after the frame being prepared
 * is painted. The window's margin and the rows ahead were React transitions (rendered after the
 * paint, yielding to input); Preact renders a state update at once, in a microtask, and one made in
 * an animation frame (the panel's scroll, after a step) typeset its rows inside the step's frame:
 * presses of 60 to 120 ms on the 2,000-node link instead of 30 to 40 (issue 13).
 */
function afterThisFrame(update: () => void): void {
  if (typeof MessageChannel !== 'function') return update();
  queued.push(update);
  if (queued.length > 1) return;
  if (!channel) {
    // One channel for the page: a channel each time cost a message pipe after every step.
    channel = new MessageChannel();
    channel.port1.onmessage = () => {
      const run = queued;
      queued = [];
      for (const f of run) f();
    };
  }
  channel.port2.postMessage(null);
}
let channel: MessageChannel | null = null;
let queued: (() => void)[] = [];

function scrollerOf(el: HTMLElement | null): HTMLElement | null {
  const panel = el?.closest<HTMLElement>('.table-panel');
  if (panel) return panel;
  for (let p = el?.parentElement ?? null; p; p = p.parentElement) {
    const { overflowY } = getComputedStyle(p);
    if (overflowY === 'auto' || overflowY === 'scroll') return p;
  }
  return null;
}

/**
 * Renders long trace tables as a window: the lines near the view (plus the current step's line),
 * with spacers measured to keep every row where it would be. Heights start as estimates and are
 * replaced by measurements as lines are rendered; the window follows scrolling and resizing.
 */
export function useTableWindow(options: TableWindowOptions): TableWindow {
  const { enabled, counts, lists, firstStep, current, next = null, resetKey, minRowPx, onSettled } = options;
  const settled = useRef(onSettled);
  settled.current = onSettled;
  const [version, remeasured] = useReducer((v: number) => v + 1, 0);

  // Heights per list, kept across renders and across traces (a new value rarely changes a row's
  // height, and a measured height is a better guess than the estimate); reset for a new layout.
  const store = useRef<{ key: unknown; heights: Record<ListName, Float64Array>; gap: number } | null>(null);
  const resize = (old: Float64Array | undefined, n: number): Float64Array => {
    if (old?.length === n) return old;
    const h = new Float64Array(n).fill(ESTIMATED_LINE_HEIGHT);
    if (old) h.set(old.subarray(0, Math.min(n, old.length)));
    return h;
  };
  if (!store.current || store.current.key !== resetKey) {
    store.current = {
      key: resetKey,
      heights: { forward: resize(undefined, counts.forward), adjoint: resize(undefined, counts.adjoint) },
      gap: store.current?.gap ?? 2,
    };
  } else if (
    store.current.heights.forward.length !== counts.forward ||
    store.current.heights.adjoint.length !== counts.adjoint
  ) {
    store.current.heights = {
      forward: resize(store.current.heights.forward, counts.forward),
      adjoint: resize(store.current.heights.adjoint, counts.adjoint),
    };
  }
  const heights = store.current.heights;
  const gap = store.current.gap;
  // `version` changes when a measurement changed a height: the offsets must follow.
  const offsets = useMemo(
    () => ({ forward: lineOffsets(heights.forward, gap), adjoint: lineOffsets(heights.adjoint, gap) }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [heights, gap, version],
  );
  const offsetsRef = useRef(offsets);
  offsetsRef.current = offsets;

  const initial = (list: ListName): Range =>
    linesBetween(offsets[list], gap, 0, INITIAL_VIEW_PX + OVERSCAN_PX);
  // The first window is measured, not guessed: the first render has no lines (only the current
  // one), the layout effect below reads where the panel is and how tall, and the lines in view are
  // rendered before the first paint. A guess would typeset twice as many rows as a panel shows at
  // 720 px, on the page's critical path.
  const NONE: Range = [0, 0];
  const [windows, setWindows] = useState<{ key: unknown; ranges: Record<ListName, Range> }>(() => ({
    key: resetKey,
    ranges: enabled
      ? { forward: NONE, adjoint: NONE }
      : { forward: initial('forward'), adjoint: initial('adjoint') },
  }));
  const ranges =
    windows.key === resetKey ? windows.ranges : { forward: initial('forward'), adjoint: initial('adjoint') };
  // The lines rendered ahead around the next step's line (see `next`): kept while that line is the
  // next or the current one, so that arriving there does not drop the rows being scrolled to.
  const [ahead, setAhead] = useState<{ key: unknown; at: LinePlace; lines: Range } | null>(null);
  const same = (a: LinePlace | null, b: LinePlace) => !!a && a.list === b.list && a.line === b.line;
  const aheadLines =
    ahead && ahead.key === resetKey && (same(next, ahead.at) || same(current, ahead.at)) ? ahead : null;
  // Lines rendered ahead far from the view are laid out ahead too (`TableWindow.ahead`). Once the
  // step has arrived there they go back to the others' way after a paint (`afterThisFrame`): dropped
  // by the next key press, the change restyled and laid out those rows inside it; kept, they were
  // painted on every scroll of the panel.
  const laidOut = useRef<{ key: unknown; list: ListName; lines: Range } | null>(null);
  const [, dropLaidOut] = useReducer((v: number) => v + 1, 0);
  if (aheadLines) laidOut.current = { key: resetKey, list: aheadLines.at.list, lines: aheadLines.lines };
  else if (laidOut.current?.key !== resetKey) laidOut.current = null;
  /** The lines of a list that are rendered: the window, the current step's line, those ahead. */
  const rendered = (list: ListName): Range[] => [
    ranges[list],
    ...(current?.list === list ? [[current.line, current.line + 1] as Range] : []),
    ...(aheadLines?.at.list === list ? [aheadLines.lines] : []),
  ];

  /**
   * Reads where the view is over each list and moves the windows if they no longer cover it. After
   * the first paint (`later`: after a step, a scroll, a resize), lines for the window's margin are
   * rendered in a task of their own after the frame (`afterThisFrame`): typesetting them in the step's
   * task delayed the next key press by a dozen milliseconds every other step, twenty after a jump. Lines
   * the reader would see missing (a fling of the table) are rendered at once, as before.
   */
  const follow = useRef<(later?: boolean) => void>(() => {});
  follow.current = (later = false) => {
    if (!enabled) return;
    const scroller = scrollerOf(lists.forward.current ?? lists.adjoint.current);
    const moved = { ...ranges };
    let changed = false;
    // Whether rows the reader sees now are missing (a fling, a jump): those are rendered at once.
    let bare = false;
    for (const list of LISTS) {
      const ol = lists[list].current;
      if (!ol) continue;
      const box = scroller?.getBoundingClientRect();
      const top = box ? box.top - ol.getBoundingClientRect().top : 0;
      // A panel not laid out (jsdom, a hidden tab) gets the guess.
      const height = scroller?.clientHeight || INITIAL_VIEW_PX;
      const o = offsetsRef.current[list];
      const needed = linesBetween(o, gap, top - OVERSCAN_PX / 2, top + height + OVERSCAN_PX / 2);
      // The first window, before the first paint, holds only the lines the reader can see: where a
      // long expression pushes the panel past the bottom of the screen, the panel's lower rows and
      // the margin come after the paint, in a task of their own (a 499-node link at 1280×720: 6 lines a
      // column where the whole panel view and its margin took 8).
      const [shownFrom, shownTo] =
        box && scroller?.clientHeight ? onScreen(box.top, height, window.innerHeight) : [0, height];
      const wanted =
        !later && shownTo > shownFrom
          ? linesInView(o, gap, top + shownFrom, shownTo - shownFrom, minRowPx)
          : linesBetween(o, gap, top - OVERSCAN_PX, top + height + OVERSCAN_PX);
      // Move the window when it no longer covers the view, or when it is rendering lines far from
      // it (a list scrolled out of view keeps none).
      const [a, b] = ranges[list];
      const far = b > a && (o[b]! < top - 2 * OVERSCAN_PX || o[a]! > top + height + 2 * OVERSCAN_PX);
      if (!covers(ranges[list], needed) || far) {
        moved[list] = wanted;
        changed = true;
        // Rows below the bottom of the screen are not seen missing: they come after the paint.
        const seen =
          shownTo > shownFrom ? linesBetween(o, gap, top + shownFrom, top + shownTo) : ([0, 0] as Range);
        const ready = aheadLines?.at.list === list ? aheadLines.lines : ([0, 0] as Range);
        if (!covers(ranges[list], seen) && !covers(ready, seen)) bare = true;
      }
      // The rows around the next step's line, where a step there would scroll to: rendered ahead
      // when they are neither rendered nor going to be.
      if (later && next?.list === list && next.line < o.length - 1) {
        const lineTop = o[next.line]!;
        const lineBottom = o[next.line + 1]! - gap;
        const [from, to] =
          lineTop < top
            ? [lineTop, lineTop + height]
            : lineBottom > top + height
              ? [lineBottom - height, lineBottom]
              : [top, top];
        const around = linesBetween(o, gap, from - OVERSCAN_PX, to + OVERSCAN_PX);
        // Only far from the view (more than a view away: a jump, the first tangent step), not for
        // the line just past an edge, which the window's margin holds: rendered ahead at every step
        // of a sweep, one more row each time, and each such change cost the page a frame of 10–20
        // ms after the step's (at 2,000 nodes: paint, pre-paint and layerize walk the whole page),
        // half the late frames of playing at 4× (issue 13).
        const far = to < top - height || from > top + 2 * height;
        if (far && !covers(moved[list], around) && !(aheadLines && same(next, aheadLines.at)))
          afterThisFrame(() => setAhead({ key: resetKey, at: next, lines: around }));
      }
    }
    if (!changed) return;
    const update = () => setWindows({ key: resetKey, ranges: moved });
    if (later && !bare) afterThisFrame(update);
    else update();
  };

  // The first window, before the first paint (see `windows`).
  useLayoutEffect(() => {
    follow.current();
  }, []);

  // After each paint, measure the rendered lines; if a height changed, render again with it. Truly
  // after the paint: a task posted from the next animation frame. Run in the effect, the reads forced
  // a layout of their own during the commit, and the lines the window then wanted were rendered in a
  // task queued ahead of the frame's own work: after a key press on a 2,000-node link, 20 ms between
  // the press and its frame being done, every other step.
  useEffect(() => {
    if (!enabled || !store.current) return;
    const measure = () => {
      if (!store.current) return;
      const first = lists.forward.current ?? lists.adjoint.current;
      if (first) {
        const rowGap = parseFloat(getComputedStyle(first).rowGap);
        if (Number.isFinite(rowGap) && rowGap !== store.current.gap) {
          store.current.gap = rowGap;
          remeasured();
          return;
        }
      }
      let changed = false;
      for (const list of LISTS) {
        const ol = lists[list].current;
        if (!ol) continue;
        const h = store.current.heights[list];
        for (const range of rendered(list)) {
          for (let line = range[0]; line < Math.min(range[1], h.length); line++) {
            const row = ol.querySelector<HTMLElement>(`:scope > [data-step="${firstStep(list, line) + 1}"]`);
            const measured = row?.getBoundingClientRect().height ?? 0;
            if (measured > 0 && Math.abs(measured - h[line]!) > 0.5) {
              h[line] = measured;
              changed = true;
            }
          }
        }
      }
      if (changed) remeasured();
      else {
        follow.current(true);
        settled.current?.();
      }
      if (laidOut.current && !aheadLines)
        afterThisFrame(() => {
          laidOut.current = null;
          dropLaidOut();
        });
    };
    if (typeof requestAnimationFrame !== 'function') return measure();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(measure, 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  });

  // Follow scrolling and resizing of the panel (once per frame at most).
  useEffect(() => {
    if (!enabled) return;
    const scroller = scrollerOf(lists.forward.current ?? lists.adjoint.current);
    if (!scroller) return;
    let frame = 0;
    const onScroll = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        // The margin's lines after the paint, the view's own at once (`follow`).
        follow.current(true);
      });
    };
    scroller.addEventListener('scroll', onScroll, { passive: true });
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(onScroll);
    observer?.observe(scroller);
    return () => {
      scroller.removeEventListener('scroll', onScroll);
      observer?.disconnect();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [enabled, lists]);

  if (!enabled) {
    return {
      forward: counts.forward ? [{ lines: [0, counts.forward] }] : [],
      adjoint: counts.adjoint ? [{ lines: [0, counts.adjoint] }] : [],
      ahead: null,
    };
  }
  return {
    forward: pieces(offsets.forward, gap, rendered('forward')),
    adjoint: pieces(offsets.adjoint, gap, rendered('adjoint')),
    ahead: laidOut.current && { list: laidOut.current.list, lines: laidOut.current.lines },
  };
}
