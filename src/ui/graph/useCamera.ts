import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { easeCubicInOut } from 'd3-ease';
import { interpolateZoom } from 'd3-interpolate';
import { select } from 'd3-selection';
import { zoom, zoomIdentity, zoomTransform, type ZoomBehavior, type ZoomTransform } from 'd3-zoom';
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

/**
 * Zoom and pan: d3-zoom on the canvas writes the one transform attribute React never renders
 * (DESIGN.md), Fit frames the graph clear of the controls, and the level of detail follows the zoom.
 */
export function useCamera(options: CameraOptions): Camera {
  const { svgRef, viewports, layout, metrics, size, cap, obstacle, boxes } = options;
  const zoomRef = useRef<ZoomBehavior<SVGSVGElement, unknown> | null>(null);
  const frameRef = useRef<number | null>(null);
  const [views] = useState(() => new ViewStore());
  const metricsRef = useRef(metrics);
  const state = useRef({ layout, size, cap, obstacle, boxes });
  useLayoutEffect(() => {
    metricsRef.current = metrics;
    state.current = { layout, size, cap, obstacle, boxes };
  });

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

  useLayoutEffect(() => {
    const svg = svgRef.current;
    const groups = viewports.map((r) => r.current).filter((g): g is SVGGElement => g !== null);
    if (!svg || groups.length === 0) return;
    const behavior = zoom<SVGSVGElement, unknown>()
      .scaleExtent(SCALE_EXTENT)
      // The canvas size we already know: d3-zoom's own reading of it forces a layout of the page.
      .extent((): [[number, number], [number, number]] => {
        const sz = state.current.size;
        return [
          [0, 0],
          [Math.max(1, sz?.width ?? 1), Math.max(1, sz?.height ?? 1)],
        ];
      })
      .on('start', (event: { sourceEvent: unknown }) => {
        // A hand on the wheel or the canvas wins over a running animation.
        if (event.sourceEvent) cancelAnimation();
      })
      .on('zoom', (event: { transform: ZoomTransform }) => {
        // The one DOM write outside React (DESIGN.md): React never renders these <g>s' transform.
        const transform = event.transform.toString();
        for (const g of groups) g.setAttribute('transform', transform);
        const { x, y, k } = event.transform;
        views.set({ x, y, k });
        const detail = detailAt(k, metricsRef.current);
        setLod((v) => (v.detail === detail ? v : { ...v, detail }));
      });
    const selection = select(svg);
    selection.call(behavior).on('dblclick.zoom', null);
    zoomRef.current = behavior;
    return () => {
      cancelAnimation();
      selection.on('.zoom', null);
      zoomRef.current = null;
    };
    // The refs are stable objects; the list is made anew on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [svgRef, cancelAnimation, views]);

  /** Moves to `target`, animated along d3's smooth zoom path unless motion is unwelcome. */
  const moveTo = useCallback(
    (target: View, animate: boolean, longest = 900) => {
      const svg = svgRef.current;
      const behavior = zoomRef.current;
      const sz = state.current.size;
      if (!svg || !behavior || !sz || sz.width <= 0 || sz.height <= 0) return;
      cancelAnimation();
      const selection = select(svg);
      const to = zoomIdentity.translate(target.x, target.y).scale(target.k);
      if (!animate || reducedMotion()) {
        behavior.transform(selection, to);
        return;
      }
      // interpolateZoom works on views [centre x, centre y, visible size], as d3-zoom does.
      const { width, height } = sz;
      const side = Math.max(width, height);
      const view = (t: { x: number; y: number; k: number }): [number, number, number] => [
        (width / 2 - t.x) / t.k,
        (height / 2 - t.y) / t.k,
        side / t.k,
      ];
      const interpolate = interpolateZoom(view(zoomTransform(svg)), view(target));
      const duration = Math.min(longest, Math.max(250, interpolate.duration));
      const start = performance.now();
      const tick = (now: number) => {
        const u = Math.min(1, (now - start) / duration);
        if (u >= 1) {
          frameRef.current = null;
          behavior.transform(selection, to);
          return;
        }
        const [cx, cy, w] = interpolate(easeCubicInOut(u));
        const k = side / w;
        behavior.transform(
          selection,
          zoomIdentity.translate(width / 2 - cx * k, height / 2 - cy * k).scale(k),
        );
        frameRef.current = requestAnimationFrame(tick);
      };
      frameRef.current = requestAnimationFrame(tick);
    },
    [svgRef, cancelAnimation],
  );

  const fit = useCallback(
    (animate: boolean) => {
      const { layout: l, size: sz, cap: c, obstacle: o, boxes: b } = state.current;
      const behavior = zoomRef.current;
      if (!sz || sz.width <= 0 || sz.height <= 0 || !behavior) return;
      // Any graph fits: the smallest zoom allowed goes below SCALE_EXTENT's when a graph needs it.
      behavior.scaleExtent([Math.min(SCALE_EXTENT[0], fitScale(l.bounds, sz, c) / 2), SCALE_EXTENT[1]]);
      moveTo(fitView(l.bounds, sz, c, o, b), animate);
    },
    [moveTo],
  );

  const reveal = useCallback(
    (rect: Rect, animate: boolean) => {
      const svg = svgRef.current;
      const sz = state.current.size;
      if (!svg || !sz || sz.width <= 0 || sz.height <= 0) return;
      const t = zoomTransform(svg);
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
