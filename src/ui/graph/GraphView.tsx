import {
  memo,
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type JSX,
} from 'react';
import type { Tape } from '../../core/tape';
import type { Trace } from '../../core/trace';
import { flushSync } from 'react-dom';
import { useT } from '../../i18n/index';
import { useStore } from '../../state/store';
import { chooseLayout, FONT_CAP } from './chooseLayout';
import { fitScale, MIN_FIT_SCALE, type Rect, type Size } from './fit';
import { FocusLens } from './FocusLens';
import { ActiveEdges, CalmEdges, EdgeMarkers } from './GraphEdges';
import { GraphFrames } from './GraphFrames';
import { GraphNodes } from './GraphNodes';
import { opLabel } from './labels';
import type { GraphLayout } from './layout';
import { nodeMarksAt } from './marks';
import { NODE_STYLES } from './nodeStyle';
import { focusAt, indexSteps, valuesAt } from './stepState';
import { useCamera } from './useCamera';
import { useGraphLayout } from './useGraphLayout';
import './graph.css';

export interface GraphViewProps {
  tape: Tape;
  trace: Trace;
  /** Timeline position 0…steps.length: steps[0 … step−1] are done, steps[step−1] is the current one. */
  step: number;
  /** Quiz mode: the current step's value is not shown until the student has answered it. */
  conceal?: boolean;
  /** Node index hovered here or in the table. */
  hovered: number | null;
  onHover: (index: number | null) => void;
  onSelect?: (index: number) => void;
  /** Replaces the operation text in a node's header (default: the input's name or the operation). */
  labelFor?: (index: number) => string;
  /** Show primal and tangent together as one dual number, `v + v̇ε`. */
  dual?: boolean;
}

const EMPTY_LAYOUT: GraphLayout = {
  config: { style: 'full', ranks: 'early', bands: 1, stagger: false },
  nodes: [],
  edges: [],
  stubs: [],
  bounds: { x: 0, y: 0, width: 0, height: 0 },
};

/**
 * How many nodes a canvas of this size is meant to show whole, every value legible (issue 10: 20 at
 * 1280×720, 40 at 1920×1080, 15 presenting); beyond that the focus lens magnifies the current step.
 */
const wholeBudget = (size: Size, present: boolean): number =>
  present ? 15 : size.width * size.height >= 450_000 ? 40 : 20;

/**
 * The computational graph: layers drawn back to front — calm edges and stub tags (they depend on the
 * layout only), the current step's edges, the nodes, and over everything the focus lens. A frame
 * layer behind the nodes (loop iterations, say) would go between the edges and the nodes. Memoised:
 * typing in the editor re-renders the page, not the graph (its props have not changed).
 */
export const GraphView = memo(function GraphView(props: GraphViewProps): JSX.Element {
  const { hovered, onHover, onSelect, labelFor, dual = false, conceal = false } = props;
  const t = useT();
  const present = useStore((s) => s.present);

  const svgRef = useRef<SVGSVGElement>(null);
  const viewportRef = useRef<SVGGElement>(null);
  const overlayRef = useRef<SVGGElement>(null);
  const controlsRef = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState<Size | null>(null);
  const [obstacle, setObstacle] = useState<Rect | null>(null);

  // The layout suits the room: chosen from the canvas size once it is known (chooseLayout.ts).
  const choice = useMemo(() => chooseLayout(props.tape, size, present), [props.tape, size, present]);
  const config = choice ? choice.config : null;
  // Large graphs are laid out in a worker, and the view says so meanwhile. The graph drawn last stays
  // on screen until then, with the trace and step it was drawn at: unmounting its thousands of nodes
  // to mount them again a moment later was most of the cost of an edit at 2,000 nodes.
  const { layout: ready, pending } = useGraphLayout(props.tape, config);
  const lastDrawn = useRef<{ tape: Tape; trace: Trace; step: number; layout: GraphLayout } | null>(null);
  const held = !ready && pending ? lastDrawn.current : null;
  const tape = held ? held.tape : props.tape;
  const trace = held ? held.trace : props.trace;
  const step = held ? held.step : props.step;
  // Nothing is drawn before the canvas is measured (before the first paint): drawn at an unknown
  // size, a graph would be drawn in full detail, laid out by the browser, and drawn again in the
  // detail the fit allows.
  const layout = held ? held.layout : ((size ? ready : null) ?? EMPTY_LAYOUT);
  useEffect(() => {
    if (ready) lastDrawn.current = { tape: props.tape, trace: props.trace, step: props.step, layout: ready };
  }, [ready, props.tape, props.trace, props.step]);
  const shown = conceal ? Math.max(0, step - 1) : step;
  const metrics = NODE_STYLES[layout.config.style];
  const cap = (present ? FONT_CAP.present : FONT_CAP.normal) / metrics.valuePx;

  const stepIndex = useMemo(() => indexSteps(trace, tape.nodes.length), [trace, tape]);
  const focus = useMemo(() => focusAt(trace, layout.edges, step), [trace, layout, step]);
  const marks = useMemo(() => nodeMarksAt(trace, shown), [trace, shown]);
  const byKey = useMemo(() => new Map(layout.edges.map((e) => [e.key, e])), [layout]);
  const stubsByKey = useMemo(() => new Map(layout.stubs.map((s) => [s.key, s])), [layout]);
  /** What Fit keeps clear of the controls: the boxes and the output names. */
  const boxes = useMemo<Rect[]>(
    () => [
      ...layout.nodes.map((b) => ({ x: b.x - 5, y: b.y - 10, width: b.width + 10, height: b.height + 15 })),
      ...layout.nodes
        .filter((b) => b.outputLabel)
        .map((b) => ({
          x: b.outputLabel!.x,
          y: b.outputLabel!.y - metrics.outputPx / 2,
          width: metrics.outputChar * b.outputs.join(', ').length,
          height: metrics.outputPx,
        })),
    ],
    [layout, metrics],
  );

  // The key belongs to the style chosen, known before a large graph's layout arrives: shown from
  // the start, it does not widen the controls when the graph comes (which made Fit frame it again
  // and the whole view render twice).
  const keyStyle = held ? layout.config.style : config?.style;
  const keyShown = keyStyle !== undefined && tape.nodes.length > 0 && NODE_STYLES[keyStyle].names === 'none';
  // The canvas size and the controls in its corner (which Fit keeps the graph clear of), read before
  // the browser paints: once as the canvas mounts, so that a graph whose layout is ready (a link's,
  // laid out by the page's first script) is drawn in the same task as the table, not in a frame of
  // its own (the table's window reads the page's layout in the same commit anyway, and the table is
  // windowed: the layout forced here no longer lays out thousands of rows); then as they change.
  useLayoutEffect(() => {
    const svg = svgRef.current;
    const controls = controlsRef.current;
    if (!svg || !controls) return;
    const measure = () => {
      const a = svg.getBoundingClientRect();
      const b = controls.getBoundingClientRect();
      const next = { x: b.left - a.left, y: b.top - a.top, width: b.width, height: b.height };
      setSize((s) =>
        s && s.width === a.width && s.height === a.height ? s : { width: a.width, height: a.height },
      );
      setObstacle((o) =>
        o && o.x === next.x && o.y === next.y && o.width === next.width && o.height === next.height
          ? o
          : next,
      );
    };
    // Not flushed here: the size is rendered with the table's first window (its layout effect, which
    // runs after this one, reads the page's layout while it is still clean), before the paint.
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => flushSync(measure));
    observer.observe(svg);
    observer.observe(controls);
    return () => observer.disconnect();
  }, []);

  const camera = useCamera({
    svgRef,
    viewports: [viewportRef, overlayRef],
    layout,
    metrics,
    size,
    cap,
    obstacle,
    boxes,
  });

  // The camera follows the step when the reader has zoomed in and the node assigned is off screen.
  const target = focus && focus.target >= 0 ? layout.nodes[focus.target] : undefined;
  // A large graph moves at once: a glide repaints every frame of it.
  const glide = tape.nodes.length <= 400;
  const { reveal } = camera;
  useEffect(() => {
    if (target) reveal(target, glide);
  }, [target, reveal, glide]);

  const uid = useId().replace(/[^A-Za-z0-9_-]/g, '');
  const arrow = (kind: string) => `url(#${uid}-arrow-${kind})`;
  const labelOf = useCallback(
    (index: number) => (labelFor ? labelFor(index) : opLabel(tape.nodes[index]!)),
    [labelFor, tape],
  );
  const valuesOf = useCallback(
    (index: number) => valuesAt(trace, stepIndex, index, shown),
    [trace, stepIndex, shown],
  );
  const fitK = size ? Math.max(MIN_FIT_SCALE, fitScale(layout.bounds, size, cap)) : 1;
  const crowded = size ? tape.nodes.length > wholeBudget(size, present) : false;
  /** Large graphs are drawn still: no transitions, which would repaint all of it for their duration. */
  const large = tape.nodes.length > 300;

  return (
    <div className={`graph-view${present ? ' is-present' : ''}${held ? ' is-held' : ''}`}>
      <svg
        ref={svgRef}
        className={`graph-canvas style-${layout.config.style}${large ? ' is-large' : ''}`}
        role="img"
        aria-label={t('graph.aria', { n: tape.nodes.length })}
      >
        <g ref={viewportRef}>
          <CalmEdges layout={layout} m={metrics} tags={camera.detail === 'all'} />
          {layout.frames && <GraphFrames frames={layout.frames} tape={tape} trace={trace} step={step} />}
          <GraphNodes
            boxes={layout.nodes}
            metrics={metrics}
            tape={tape}
            trace={trace}
            stepIndex={stepIndex}
            shown={shown}
            marks={marks}
            focus={focus}
            hovered={hovered}
            detail={camera.detail}
            labelOf={labelOf}
            dual={dual}
            outputArrow={arrow('output')}
            onHover={onHover}
            onSelect={onSelect}
            titled={!large}
            t={t}
          />
        </g>
        <EdgeMarkers uid={uid} m={metrics} />
      </svg>
      {/* What moves with the step is drawn on a canvas of its own above the graph, so that its
          animation (the adjoint's dashes flowing back) repaints a few paths, not the whole graph. */}
      <svg
        className={`graph-overlay style-${layout.config.style}${large ? ' is-large' : ''}`}
        aria-hidden="true"
      >
        <g ref={overlayRef}>
          <ActiveEdges focus={focus} byKey={byKey} stubs={stubsByKey} uid={uid} m={metrics} />
        </g>
        <FocusLens
          focus={focus}
          boxes={layout.nodes}
          metrics={metrics}
          tape={tape}
          views={camera.views}
          size={size}
          fitK={fitK}
          crowded={crowded}
          present={present}
          valuesOf={valuesOf}
          marks={marks}
          labelOf={labelOf}
          dual={dual}
          onHover={onHover}
          t={t}
        />
      </svg>
      {pending && (
        <p className="graph-pending" role="status">
          {t('graph.pending', { n: props.tape.nodes.length })}
        </p>
      )}
      <div className="graph-controls" ref={controlsRef}>
        {keyShown && (
          <p className="graph-key" aria-label={t('graph.key')} title={t('graph.key')}>
            <span className="graph-key-primal">v</span>
            <span className="graph-key-tangent">v{'\u0307'}</span>
            <span className="graph-key-adjoint">v{'\u0304'}</span>
          </p>
        )}
        <button
          type="button"
          className="graph-fit"
          aria-label={t('graph.fit')}
          title={t('graph.fit')}
          onClick={() => camera.fit(true)}
        >
          {t('graph.fitShort')}
        </button>
      </div>
    </div>
  );
});
