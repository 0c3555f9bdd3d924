import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import {
  clamp,
  easeCubicInOut,
  invert,
  midpoint,
  transformOf,
  wheelDelta,
  zoomAbout,
  zoomPath,
  type Frame,
} from './camera';
import { fitScale, fitView, MIN_FIT_SCALE, type Rect, type Size, type View } from './fit';
import type { Detail } from './GraphNode';
import type { GraphLayout } from './layout';
import type { NodeMetrics } from './nodeStyle';

const SCALE_EXTENT: [number, number] = [0.02, 6];
/** Below this on-screen value size (CSS px) a node shows its Wengert label only; values would be specks. */
const DETAIL_PX = 7;
/** Below this on-screen size of that label, the box only. */
const LABEL_PX = 5.5;

export const detailAt = (k: number, m: NodeMetrics): Detail =>
  m.valuePx * k >= DETAIL_PX ? 'all' : m.idLargePx * k >= LABEL_PX ? 'label' : 'box';

/** The current zoom, for the few parts that follow it (the focus lens) without re-rendering the graph. */
export class ViewStore {
  private view: View = { x: 0, y: 0, k: 1 };
  private readonly listeners = new Set<() => void>();
  readonly get = (): View => this.view;
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  set(view: View): void {
    this.view = view;
    for (const l of this.listeners) l();
  }
}

const reducedMotion = (): boolean =>
  typeof window !== 'undefined' &&
  typeof window.matchMedia === 'function' &&
  window.matchMedia('(prefers-reduced-motion: reduce)').matches;

const sameBounds = (a: GraphLayout['bounds'], b: GraphLayout['bounds']): boolean =>
  a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;

export interface CameraOptions {
  readonly svgRef: RefObject<SVGSVGElement | null>;
  /** The groups that carry the zoom transform: the graph's, and the overlay's above it. */
  readonly viewports: readonly RefObject<SVGGElement | null>[];
  readonly layout: GraphLayout;
  readonly metrics: NodeMetrics;
  readonly size: Size | null;
  /** Largest zoom Fit goes to. */
  readonly cap: number;
  /** The controls over the canvas (canvas coordinates), which Fit keeps the graph clear of. */
  readonly obstacle: Rect | null;
  /** What must stay clear of them: node boxes and output names (layout coordinates). */
  readonly boxes: readonly Rect[];
}

export interface Camera {
  /** Frame the whole graph (animated when asked and motion is welcome). */
  readonly fit: (animate: boolean) => void;
  /** Pan just enough that `rect` (layout coordinates) is on screen, if it is not. */
  readonly reveal: (rect: Rect, animate: boolean) => void;
  readonly detail: Detail;
  readonly views: ViewStore;
}

/** A wheel gesture ends this long after its last event (d3-zoom's figure). */
const WHEEL_IDLE_MS = 150;

/**
 * Zoom and pan: the wheel zooms about the pointer, a drag pans, two fingers pinch, each writing the
 * one transform attribute React never renders (DESIGN.md); Fit frames the graph clear of the
 * controls, animated along the smooth zoom path, and the level of detail follows the zoom.
 */
export function useCamera(options: CameraOptions): Camera {
  const { svgRef, viewports, layout, metrics, size, cap, obstacle, boxes } = options;
  const frameRef = useRef<number | null>(null);
  const [views] = useState(() => new ViewStore());
  const metricsRef = useRef(metrics);
  const state = useRef({ layout, size, cap, obstacle, boxes, viewports });
  useLayoutEffect(() => {
    metricsRef.current = metrics;
    state.current = { layout, size, cap, obstacle, boxes, viewports };
  });
  /** The view shown, and the zooms the reader may go between (Fit widens them for a huge graph). */
  const viewRef = useRef<View>({ x: 0, y: 0, k: 1 });
  const extentRef = useRef<readonly [number, number]>(SCALE_EXTENT);

  // What nodes show depends on the zoom. For a new picture it is set from the zoom that fitting will
  // choose, before the nodes render, so that a large graph is not first drawn in full detail.
  const [lod, setLod] = useState<{ layout: GraphLayout | null; detail: Detail }>({
    layout: null,
    detail: 'all',
  });
  if (lod.layout !== layout) {
    const keep =
      lod.layout !== null && lod.layout.nodes.length > 0 && sameBounds(lod.layout.bounds, layout.bounds);
    const k =
      size && size.width > 0 && size.height > 0
        ? Math.max(MIN_FIT_SCALE, fitScale(layout.bounds, size, cap))
        : 1;
    setLod(keep ? { ...lod, layout } : { layout, detail: detailAt(k, metrics) });
  }

  const cancelAnimation = useCallback(() => {
    if (frameRef.current !== null) cancelAnimationFrame(frameRef.current);
    frameRef.current = null;
  }, []);

  /** Shows `view`: the one DOM write outside React (DESIGN.md), on <g>s React renders no transform on. */
  const show = useCallback(
    (view: View) => {
      viewRef.current = view;
      const transform = transformOf(view);
      for (const r of state.current.viewports) r.current?.setAttribute('transform', transform);
      views.set(view);
      const detail = detailAt(view.k, metricsRef.current);
      setLod((v) => (v.detail === detail ? v : { ...v, detail }));
    },
    [views],
  );

  useLayoutEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const pointOf = (e: { clientX: number; clientY: number }): [number, number] => {
      const r = svg.getBoundingClientRect();
      return [e.clientX - r.left - svg.clientLeft, e.clientY - r.top - svg.clientTop];
    };

    // The wheel zooms about the pointer. While a wheel gesture lasts, the layout point under the
    // pointer stays the one it started on (rounding does not make it drift); at a zoom limit a new
    // gesture is left to the page.
    let wheelTimer: ReturnType<typeof setTimeout> | null = null;
    let wheelAt: [number, number] = [0, 0];
    let wheelHeld: [number, number] = [0, 0];
    const onWheel = (e: WheelEvent) => {
      const t = viewRef.current;
      const k = clamp(t.k * 2 ** wheelDelta(e), extentRef.current);
      const p = pointOf(e);
      if (wheelTimer !== null) {
        clearTimeout(wheelTimer);
        if (wheelAt[0] !== p[0] || wheelAt[1] !== p[1]) [wheelAt, wheelHeld] = [p, invert(t, p)];
      } else if (t.k === k) return;
      else {
        cancelAnimation(); // a hand on the wheel wins over a running animation
        [wheelAt, wheelHeld] = [p, invert(t, p)];
      }
      e.preventDefault();
      wheelTimer = setTimeout(() => (wheelTimer = null), WHEEL_IDLE_MS);
      show(zoomAbout(k, wheelAt, wheelHeld));
    };

    // Pointers: one drags the layout point it went down on; two pinch, their midpoint dragging the
    // midpoint of theirs and their distance scaling the zoom. A mouse drag that moved swallows the
    // click that ends it (a node is not selected by letting go of a pan).
    const down = new Map<number, { p: [number, number]; l: [number, number] }>();
    let moved = false;
    let start: [number, number] = [0, 0];
    const onMove = (e: PointerEvent) => {
      const g = down.get(e.pointerId);
      if (!g) return;
      e.preventDefault();
      g.p = pointOf(e);
      if (!moved) moved = e.clientX !== start[0] || e.clientY !== start[1];
      const [a, b] = [...down.values()];
      if (a && b) {
        const dp = (b.p[0] - a.p[0]) ** 2 + (b.p[1] - a.p[1]) ** 2;
        const dl = (b.l[0] - a.l[0]) ** 2 + (b.l[1] - a.l[1]) ** 2;
        // The zoom that draws the two held layout points as far apart as the fingers are.
        const k = clamp(Math.sqrt(dp / dl), extentRef.current);
        show(zoomAbout(k, midpoint(a.p, b.p), midpoint(a.l, b.l)));
      } else if (a) show(zoomAbout(viewRef.current.k, a.p, a.l));
    };
    const swallowClick = (e: MouseEvent) => {
      e.preventDefault();
      e.stopImmediatePropagation();
    };
    const onUp = (e: PointerEvent) => {
      if (!down.delete(e.pointerId)) return;
      // The finger left holds on from where it is now.
      for (const g of down.values()) g.l = invert(viewRef.current, g.p);
      if (down.size > 0) return;
      window.removeEventListener('pointermove', onMove);
      window.removeEventListener('pointerup', onUp);
      window.removeEventListener('pointercancel', onUp);
      if (moved && e.pointerType !== 'touch') {
        window.addEventListener('click', swallowClick, { capture: true });
        setTimeout(() => window.removeEventListener('click', swallowClick, { capture: true }), 0);
      }
    };
    const onDown = (e: PointerEvent) => {
      // As d3-zoom: the main button only, and Ctrl-click is left to the page.
      if (e.ctrlKey || e.button !== 0 || down.size >= 2) return;
      const p = pointOf(e);
      down.set(e.pointerId, { p, l: invert(viewRef.current, p) });
      if (down.size > 1) return;
      cancelAnimation(); // a hand on the canvas wins over a running animation
      moved = false;
      start = [e.clientX, e.clientY];
      window.addEventListener('pointermove', onMove);
      window.addEventListener('pointerup', onUp);
      window.addEventListener('pointercancel', onUp);
    };

    svg.addEventListener('wheel', onWheel, { passive: false });
    svg.addEventListener('pointerdown', onDown);
    return () => {
      cancelAnimation();
      if (wheelTimer !== null) clearTimeout(wheelTimer);
      svg.removeEventListener('wheel', onWheel);
      svg.removeEventListener('pointerdown', onDown);
      window.removeEventListener('pointermove', onMove);
      window.removeEventListener('pointerup', onUp);
      window.removeEventListener('pointercancel', onUp);
    };
  }, [svgRef, cancelAnimation, show]);

  /** Moves to `target`, animated along the smooth zoom path unless motion is unwelcome. */
  const moveTo = useCallback(
    (target: View, animate: boolean, longest = 900) => {
      const sz = state.current.size;
      if (!svgRef.current || !sz || sz.width <= 0 || sz.height <= 0) return;
      cancelAnimation();
      if (!animate || reducedMotion()) {
        show(target);
        return;
      }
      // The path works on frames [centre x, centre y, visible size], as d3-zoom's did.
      const { width, height } = sz;
      const side = Math.max(width, height);
      const frame = (t: View): Frame => [(width / 2 - t.x) / t.k, (height / 2 - t.y) / t.k, side / t.k];
      const path = zoomPath(frame(viewRef.current), frame(target));
      const duration = Math.min(longest, Math.max(250, path.duration));
      const begun = performance.now();
      const tick = (now: number) => {
        const u = Math.min(1, (now - begun) / duration);
        if (u >= 1) {
          frameRef.current = null;
          show(target);
          return;
        }
        const [cx, cy, w] = path.at(easeCubicInOut(u));
        const k = side / w;
        show({ x: width / 2 - cx * k, y: height / 2 - cy * k, k });
        frameRef.current = requestAnimationFrame(tick);
      };
      frameRef.current = requestAnimationFrame(tick);
    },
    [svgRef, cancelAnimation, show],
  );

  const fit = useCallback(
    (animate: boolean) => {
      const { layout: l, size: sz, cap: c, obstacle: o, boxes: b } = state.current;
      if (!sz || sz.width <= 0 || sz.height <= 0 || !svgRef.current) return;
      // Any graph fits: the smallest zoom allowed goes below SCALE_EXTENT's when a graph needs it.
      extentRef.current = [Math.min(SCALE_EXTENT[0], fitScale(l.bounds, sz, c) / 2), SCALE_EXTENT[1]];
      moveTo(fitView(l.bounds, sz, c, o, b), animate);
    },
    [svgRef, moveTo],
  );

  const reveal = useCallback(
    (rect: Rect, animate: boolean) => {
      const sz = state.current.size;
      if (!svgRef.current || !sz || sz.width <= 0 || sz.height <= 0) return;
      const t = viewRef.current;
      const margin = 16;
      const x0 = t.x + rect.x * t.k;
      const y0 = t.y + rect.y * t.k;
      const x1 = x0 + rect.width * t.k;
      const y1 = y0 + rect.height * t.k;
      const dx =
        x0 < margin
          ? margin - x0
          : x1 > sz.width - margin
            ? Math.max(margin - x0, sz.width - margin - x1)
            : 0;
      const dy =
        y0 < margin
          ? margin - y0
          : y1 > sz.height - margin
            ? Math.max(margin - y0, sz.height - margin - y1)
            : 0;
      if (dx === 0 && dy === 0) return;
      // Far away: centre it; nearby: a short glide.
      const far = Math.abs(dx) > sz.width || Math.abs(dy) > sz.height;
      const target = far
        ? {
            k: t.k,
            x: sz.width / 2 - (rect.x + rect.width / 2) * t.k,
            y: sz.height / 2 - (rect.y + rect.height / 2) * t.k,
          }
        : { k: t.k, x: t.x + dx, y: t.y + dy };
      moveTo(target, animate && !far, 300);
    },
    [svgRef, moveTo],
  );

  // A new picture is framed at once. The same picture with new numbers (a constant or a value
  // edited) keeps the reader's zoom and pan.
  const framed = useRef<GraphLayout | null>(null);
  useLayoutEffect(() => {
    const previous = framed.current;
    framed.current = layout;
    const same =
      previous !== null &&
      previous !== layout &&
      previous.nodes.length === layout.nodes.length &&
      previous.nodes.length > 0 &&
      sameBounds(previous.bounds, layout.bounds);
    if (!same) fit(false);
  }, [layout, fit]);

  // A new canvas size or new controls in the corner: frame again.
  const sizeKey = size ? `${size.width}x${size.height}` : '';
  const obstacleKey = obstacle ? `${obstacle.x},${obstacle.y},${obstacle.width},${obstacle.height}` : '';
  useEffect(() => {
    fit(false);
  }, [sizeKey, obstacleKey, cap, fit]);

  return { fit, reveal, detail: lod.detail, views };
}
