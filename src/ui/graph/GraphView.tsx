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
import { easeCubicInOut } from 'd3-ease';
import { interpolateZoom } from 'd3-interpolate';
import { select } from 'd3-selection';
import { zoom, zoomIdentity, zoomTransform, type ZoomBehavior, type ZoomTransform } from 'd3-zoom';
import type { Tape, TapeNode } from '../../core/tape';
import type { Phase, Trace } from '../../core/trace';
import { useT } from '../../i18n/index';
import { displayNumber, estimateWidth, formulaText, opLabel, splitSubscript, subscriptOf } from './labels';
import type { GraphLayout, NodeBox } from './layout';
import { markLabel, markText, nodeMarksAt, type NodeMark } from './marks';
import { focusAt, indexSteps, valuesAt, type Focus, type NodeValues } from './stepState';
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

const SCALE_EXTENT: [number, number] = [0.02, 4];
const EMPTY_LAYOUT: GraphLayout = { nodes: [], edges: [], bounds: { x: 0, y: 0, width: 0, height: 0 } };
/** Fitting never magnifies beyond this, so `x*x` does not fill a wall. */
const MAX_FIT_SCALE = 1.6;
const FIT_PADDING = 12;
/** Below this zoom only the Wengert labels stay (anything smaller is unreadable anyway). */
const DETAIL_SCALE = 0.5;
/** Below this zoom even the Wengert labels are too small to read (46 px × 0.12 ≈ 5 px): boxes only. */
const LABEL_SCALE = 0.12;

const PAD_X = 11;
const HEADER_Y = 26;
const RULE_Y = 37;
const LINE_Y = [59, 79, 98.5] as const;
/** Keep in step with `.graph-value text` in graph.css. */
const VALUE_PX = 17.5;
const DOT_R = 4;
const DOT_GAP = 11;
/** Beyond this many contributions the dots would crowd the value: write `2/5` instead. */
const MAX_DOTS = 4;

const DOT = '\u0307';
const BAR = '\u0304';

const reducedMotion = (): boolean =>
  typeof window !== 'undefined' &&
  typeof window.matchMedia === 'function' &&
  window.matchMedia('(prefers-reduced-motion: reduce)').matches;

const sameBounds = (a: GraphLayout['bounds'], b: GraphLayout['bounds']): boolean =>
  a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;

/** The zoom that frames the whole graph: never above MAX_FIT_SCALE, as small as the graph needs. */
function fitScale(bounds: GraphLayout['bounds'], width: number, height: number): number {
  const w = Math.max(bounds.width, 1);
  const h = Math.max(bounds.height, 1);
  return Math.max(
    1e-4,
    Math.min(MAX_FIT_SCALE, (width - 2 * FIT_PADDING) / w, (height - 2 * FIT_PADDING) / h),
  );
}

/**
 * Fitting never goes below this: a graph that would need less (a sum of a thousand terms, a hundred
 * thousand pixels long) is framed from its inputs at this zoom instead of shrinking to a hairline;
 * zooming out further shows the rest.
 */
const MIN_FIT_SCALE = 0.03;

function fittedTransform(bounds: GraphLayout['bounds'], width: number, height: number): ZoomTransform {
  const w = Math.max(bounds.width, 1);
  const h = Math.max(bounds.height, 1);
  const k = Math.max(MIN_FIT_SCALE, fitScale(bounds, width, height));
  // Centred along each direction where the graph fits, else from its start (left, top).
  const x =
    w * k <= width - 2 * FIT_PADDING ? width / 2 - (bounds.x + w / 2) * k : FIT_PADDING - bounds.x * k;
  const y =
    h * k <= height - 2 * FIT_PADDING ? height / 2 - (bounds.y + h / 2) * k : FIT_PADDING - bounds.y * k;
  return zoomIdentity.translate(x, y).scale(k);
}

/** Memoised: typing in the editor re-renders the page, not the graph (its props have not changed). */
export const GraphView = memo(function GraphView(props: GraphViewProps): JSX.Element {
  const { tape, trace, step, hovered, onHover, onSelect, labelFor, dual = false, conceal = false } = props;
  const shown = conceal ? Math.max(0, step - 1) : step;
  const t = useT();
  // Large graphs are laid out in a worker; until then the canvas is empty and says so.
  const { layout: ready, pending } = useGraphLayout(tape);
  const layout = ready ?? EMPTY_LAYOUT;
  const stepIndex = useMemo(() => indexSteps(trace, tape.nodes.length), [trace, tape]);
  const focus = useMemo(() => focusAt(trace, layout.edges, step), [trace, layout, step]);
  const marks = useMemo(() => nodeMarksAt(trace, shown), [trace, shown]);

  const svgRef = useRef<SVGSVGElement>(null);
  const viewportRef = useRef<SVGGElement>(null);
  const zoomRef = useRef<ZoomBehavior<SVGSVGElement, unknown> | null>(null);
  const frameRef = useRef<number | null>(null);
  const layoutRef = useRef(layout);
  /** The canvas size as last observed, so that fitting reads no layout. */
  const sizeRef = useRef<{ width: number; height: number } | null>(null);
  // What the nodes show depends on the zoom: everything, the Wengert label only, or the box only.
  // For a new picture it is set from the zoom that fitting will choose, before the nodes render, so
  // that a large graph is not first drawn in full detail and then again simplified.
  const [view, setView] = useState<{ layout: GraphLayout | null; detailed: boolean; labelled: boolean }>({
    layout: null,
    detailed: true,
    labelled: true,
  });
  if (view.layout !== layout) {
    const size = sizeRef.current;
    const keep =
      view.layout !== null && view.layout.nodes.length > 0 && sameBounds(view.layout.bounds, layout.bounds);
    const k = size ? Math.max(MIN_FIT_SCALE, fitScale(layout.bounds, size.width, size.height)) : 1;
    setView(keep ? { ...view, layout } : { layout, detailed: k >= DETAIL_SCALE, labelled: k >= LABEL_SCALE });
  }
  const { detailed, labelled } = view;
  const uid = useId().replace(/[^A-Za-z0-9_-]/g, '');

  const cancelAnimation = useCallback(() => {
    if (frameRef.current !== null) cancelAnimationFrame(frameRef.current);
    frameRef.current = null;
  }, []);

  useLayoutEffect(() => {
    const svg = svgRef.current;
    const viewport = viewportRef.current;
    if (!svg || !viewport) return;
    const behavior = zoom<SVGSVGElement, unknown>()
      .scaleExtent(SCALE_EXTENT)
      .on('start', (event: { sourceEvent: unknown }) => {
        // A hand on the wheel or the canvas wins over a running fit animation.
        if (event.sourceEvent) cancelAnimation();
      })
      .on('zoom', (event: { transform: ZoomTransform }) => {
        // The one DOM write outside React (DESIGN.md): React never renders this <g>'s transform.
        viewport.setAttribute('transform', event.transform.toString());
        const k = event.transform.k;
        setView((v) =>
          v.detailed === k >= DETAIL_SCALE && v.labelled === k >= LABEL_SCALE
            ? v
            : { ...v, detailed: k >= DETAIL_SCALE, labelled: k >= LABEL_SCALE },
        );
      });
    const selection = select(svg);
    selection.call(behavior).on('dblclick.zoom', null);
    zoomRef.current = behavior;
    return () => {
      cancelAnimation();
      selection.on('.zoom', null);
      zoomRef.current = null;
    };
  }, [cancelAnimation]);

  const fit = useCallback(
    (animate: boolean) => {
      const svg = svgRef.current;
      const behavior = zoomRef.current;
      if (!svg || !behavior) return;
      const width = sizeRef.current?.width ?? svg.clientWidth;
      const height = sizeRef.current?.height ?? svg.clientHeight;
      if (width <= 0 || height <= 0) return;
      cancelAnimation();
      // Any graph fits: the smallest zoom allowed goes below SCALE_EXTENT's when a graph needs it.
      const bounds = layoutRef.current.bounds;
      behavior.scaleExtent([Math.min(SCALE_EXTENT[0], fitScale(bounds, width, height) / 2), SCALE_EXTENT[1]]);
      const target = fittedTransform(bounds, width, height);
      const selection = select(svg);
      if (!animate || reducedMotion()) {
        behavior.transform(selection, target);
        return;
      }
      // interpolateZoom works on views [centre x, centre y, visible size], as d3-zoom does.
      const size = Math.max(width, height);
      const view = (t: ZoomTransform): [number, number, number] => [
        (width / 2 - t.x) / t.k,
        (height / 2 - t.y) / t.k,
        size / t.k,
      ];
      const interpolate = interpolateZoom(view(zoomTransform(svg)), view(target));
      const duration = Math.min(900, Math.max(300, interpolate.duration));
      const start = performance.now();
      const tick = (now: number) => {
        const u = Math.min(1, (now - start) / duration);
        if (u >= 1) {
          frameRef.current = null;
          behavior.transform(selection, target);
          return;
        }
        const [cx, cy, w] = interpolate(easeCubicInOut(u));
        const k = size / w;
        behavior.transform(
          selection,
          zoomIdentity.translate(width / 2 - cx * k, height / 2 - cy * k).scale(k),
        );
        frameRef.current = requestAnimationFrame(tick);
      };
      frameRef.current = requestAnimationFrame(tick);
    },
    [cancelAnimation],
  );

  // A new picture is framed at once. The same picture with new numbers (a constant or a value
  // edited) keeps the reader's zoom and pan, and spares a forced layout per keystroke.
  useLayoutEffect(() => {
    const previous = layoutRef.current;
    layoutRef.current = layout;
    const same =
      previous !== layout &&
      previous.nodes.length === layout.nodes.length &&
      previous.nodes.length > 0 &&
      sameBounds(previous.bounds, layout.bounds);
    if (!same) fit(false);
  }, [layout, fit]);

  useEffect(() => {
    const svg = svgRef.current;
    if (!svg || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      const box = entries[entries.length - 1]?.contentRect;
      if (box) sizeRef.current = { width: box.width, height: box.height };
      fit(false);
    });
    observer.observe(svg);
    return () => observer.disconnect();
  }, [fit]);

  const edgeState = (key: string): 'calm' | Phase =>
    focus && (focus.edges.has(key) || focus.backEdges.has(key)) ? focus.phase : 'calm';
  const arrow = (kind: string) => `url(#${uid}-arrow-${kind})`;
  // The edges of the current step are drawn again on top of the calm ones they cross; the calm layer
  // keeps a stable order so colours can fade (moving DOM nodes would cut their transitions).
  const active = layout.edges.filter((e) => edgeState(e.key) !== 'calm');

  return (
    <div className="graph-view">
      <svg
        ref={svgRef}
        className="graph-canvas"
        role="img"
        aria-label={t('graph.aria', { n: tape.nodes.length })}
      >
        <defs>
          {(['calm', 'primal', 'tangent', 'adjoint', 'output'] as const).map((kind) => (
            <marker
              key={kind}
              id={`${uid}-arrow-${kind}`}
              className={`graph-arrow graph-arrow-${kind}`}
              viewBox="0 0 10 10"
              refX={0}
              refY={5}
              markerUnits="userSpaceOnUse"
              markerWidth={12}
              markerHeight={12}
              orient="auto"
            >
              <path d="M0,0.5 L10,5 L0,9.5 Z" />
            </marker>
          ))}
        </defs>
        <g ref={viewportRef}>
          <g className="graph-edges">
            {layout.lanes?.map((d, i) => (
              <path key={`lane-${i}`} className="graph-edge graph-edge-calm graph-lane" d={d} />
            ))}
            {layout.edges.map((e) => {
              const state = edgeState(e.key);
              const back = focus?.backEdges.has(e.key) ?? false;
              return (
                <path
                  key={e.key}
                  className={`graph-edge graph-edge-${state}${back ? ' is-under' : ''}`}
                  d={e.d}
                  markerEnd={arrow(state)}
                  data-edge={`${tape.nodes[e.source]!.id}->${tape.nodes[e.target]!.id}`}
                />
              );
            })}
          </g>
          <g className="graph-edges-active" aria-hidden="true">
            {active.map((e) => {
              const state = edgeState(e.key);
              const back = focus?.backEdges.has(e.key) ?? false;
              return (
                <path
                  key={`${e.key}-${back ? 'back' : 'forward'}`}
                  className={`graph-edge graph-edge-${state}${back ? ' graph-edge-back' : ''}`}
                  d={back ? e.dBack : e.d}
                  markerEnd={arrow(state)}
                />
              );
            })}
          </g>
          <g className="graph-nodes">
            {layout.nodes.map((box) => (
              <GraphNode
                key={box.id}
                box={box}
                node={tape.nodes[box.index]!}
                tape={tape}
                values={valuesAt(trace, stepIndex, box.index, shown)}
                mark={marks.get(box.index)}
                focus={focus}
                hovered={hovered === box.index}
                detailed={detailed}
                labelled={labelled}
                label={labelFor ? labelFor(box.index) : opLabel(tape.nodes[box.index]!)}
                dual={dual}
                outputArrow={arrow('output')}
                onHover={onHover}
                onSelect={onSelect}
              />
            ))}
          </g>
        </g>
      </svg>
      {pending && (
        <p className="graph-pending" role="status">
          {t('graph.pending', { n: tape.nodes.length })}
        </p>
      )}
      <button
        type="button"
        className="graph-fit"
        aria-label={t('graph.fit')}
        title={t('graph.fit')}
        onClick={() => fit(true)}
      >
        {t('graph.fitShort')}
      </button>
    </div>
  );
});

interface GraphNodeProps {
  box: NodeBox;
  node: TapeNode;
  tape: Tape;
  values: NodeValues;
  /** A note or a first non-finite value to flag, if any (see marks.ts). */
  mark: NodeMark | undefined;
  focus: Focus | null;
  hovered: boolean;
  detailed: boolean;
  /** Below LABEL_SCALE: not even the Wengert label. */
  labelled: boolean;
  label: string;
  dual: boolean;
  outputArrow: string;
  onHover: (index: number | null) => void;
  onSelect: ((index: number) => void) | undefined;
}

/** What the current step means to one node: it is assigned (current) or read, in a phase. */
const focusRole = (focus: Focus | null, index: number): string =>
  !focus
    ? ''
    : focus.target === index
      ? `c${focus.phase}`
      : focus.reads.includes(index)
        ? `r${focus.phase}`
        : '';

const sameValues = (a: NodeValues, b: NodeValues): boolean =>
  Object.is(a.primal, b.primal) &&
  Object.is(a.tangent, b.tangent) &&
  (a.adjoint === b.adjoint ||
    (a.adjoint !== null &&
      b.adjoint !== null &&
      Object.is(a.adjoint.value, b.adjoint.value) &&
      a.adjoint.received === b.adjoint.received &&
      a.adjoint.total === b.adjoint.total));

/**
 * A step changes a handful of nodes: re-render only those. `values` is compared by content and
 * `focus` by what it means to this node; every other prop by identity.
 */
function sameNodeProps(a: GraphNodeProps, b: GraphNodeProps): boolean {
  for (const key of Object.keys(b) as (keyof GraphNodeProps)[]) {
    if (key === 'values') {
      if (!sameValues(a.values, b.values)) return false;
    } else if (key === 'focus') {
      if (focusRole(a.focus, a.box.index) !== focusRole(b.focus, b.box.index)) return false;
    } else if (!Object.is(a[key], b[key])) return false;
  }
  return Object.keys(a).length === Object.keys(b).length;
}

const GraphNode = memo(GraphNodeView, sameNodeProps);

function GraphNodeView({
  box,
  node,
  tape,
  values,
  mark,
  focus,
  hovered,
  detailed,
  labelled,
  label,
  dual,
  outputArrow,
  onHover,
  onSelect,
}: GraphNodeProps): JSX.Element {
  const t = useT();
  const { width: w, height: h } = box;
  const current = focus?.target === box.index ? focus.phase : null;
  const read = focus && !current && focus.reads.includes(box.index) ? focus.phase : null;
  const classes = ['graph-node'];
  if (current) classes.push('is-current', `phase-${current}`);
  if (read) classes.push('is-read', `phase-${read}`);
  if (hovered) classes.push('is-hovered');
  if (box.input) classes.push('is-input');
  if (box.outputs.length) classes.push('is-output');
  if (onSelect) classes.push('is-selectable');
  if (mark?.first.length) classes.push('is-first-nonfinite');
  else if (mark?.note) classes.push(`has-note note-${mark.note.kind}`);

  const lines: {
    phase: Phase;
    name: string;
    value: number;
    fanIn?: { received: number; total: number };
    /** Dual numbers: the primal and the tangent part of `v + v̇ε`, written on one line. */
    dual?: readonly [string, string];
  }[] = [];
  if (dual && values.primal !== null && values.tangent !== null) {
    const t = values.tangent;
    const parts = [
      displayNumber(values.primal),
      `${t < 0 ? '\u2212' : '+'} ${displayNumber(Math.abs(t))}ε`,
    ] as const;
    lines.push({ phase: 'tangent', name: '', value: t, dual: parts });
  } else {
    if (values.primal !== null) lines.push({ phase: 'primal', name: 'v', value: values.primal });
    if (values.tangent !== null) lines.push({ phase: 'tangent', name: `v${DOT}`, value: values.tangent });
  }
  if (values.adjoint) {
    const { received, total } = values.adjoint;
    lines.push({
      phase: 'adjoint',
      name: `v${BAR}`,
      value: values.adjoint.value,
      ...(total > 1 ? { fanIn: { received, total } } : {}),
    });
  }

  const parts = [formulaText(tape, node, t.lang)];
  if (values.primal !== null) parts.push(`v = ${displayNumber(values.primal)}`);
  if (values.tangent !== null) parts.push(`v${DOT} = ${displayNumber(values.tangent)}`);
  if (values.adjoint) {
    const { value, received, total } = values.adjoint;
    parts.push(
      `v${BAR} = ${displayNumber(value)}${total > 1 ? ` ${t('graph.contributions', { k: received, n: total })}` : ''}`,
    );
  }
  if (box.outputs.length) parts.push(t('graph.output', { names: box.outputs.join(', ') }));
  if (mark) parts.push(markText(mark, t.lang));
  const name = splitSubscript(box.outputs.join(', '));

  return (
    <g
      className={classes.join(' ')}
      data-node={box.id}
      data-note={mark?.note?.kind}
      data-first-nonfinite={mark?.first.length ? mark.first.map((f) => f.phase).join(' ') : undefined}
      transform={`translate(${box.x},${box.y})`}
      onPointerEnter={() => onHover(box.index)}
      onPointerLeave={() => onHover(null)}
      onClick={onSelect ? () => onSelect(box.index) : undefined}
    >
      <title>{parts.join('; ')}</title>
      {box.outputMark === 'stub' && box.outputPath && box.outputLabel && (
        <g className="graph-output" transform={`translate(${-box.x},${-box.y})`}>
          <path d={box.outputPath} markerEnd={outputArrow} />
          <text x={box.outputLabel.x} y={box.outputLabel.y} dy="0.35em">
            {name.base}
            {name.sub && (
              <tspan className="graph-sub" dy="0.3em">
                {name.sub}
              </tspan>
            )}
          </text>
        </g>
      )}
      <rect className="graph-node-hover" x={-9} y={-9} width={w + 18} height={h + 18} rx={17} />
      {box.outputs.length > 0 && (
        <rect className="graph-node-outer" x={-4.5} y={-4.5} width={w + 9} height={h + 9} rx={14} />
      )}
      {mark?.first.length ? (
        <rect className="graph-node-alarm" x={-4.5} y={-4.5} width={w + 9} height={h + 9} rx={14} />
      ) : null}
      <rect className="graph-node-box" width={w} height={h} rx={10} />
      {mark && <MarkTag label={markLabel(mark, t.lang)} />}
      {box.outputMark === 'tab' && (
        <g className="graph-output-tab" transform={`translate(${w - PAD_X},-4.5)`}>
          <rect
            x={-14 - 10 * box.outputs.join(', ').length}
            y={-12}
            width={14 + 10 * box.outputs.join(', ').length}
            height={22}
            rx={6}
          />
          <text x={-7} y={0} dy="0.35em" textAnchor="end">
            {box.outputs.join(', ')}
          </text>
        </g>
      )}
      {detailed ? (
        <>
          <text className="graph-node-id" x={PAD_X} y={HEADER_Y}>
            v
            <tspan className="graph-sub" dy="0.3em">
              {subscriptOf(node)}
            </tspan>
          </text>
          <OpText label={label} input={box.input} x={w - PAD_X} maxWidth={w - 2 * PAD_X - 46} />
          <line className="graph-node-rule" x1={0} x2={w} y1={RULE_Y} y2={RULE_Y} />
          {lines.map((line, i) => {
            const text = line.dual ? line.dual.join(' ') : `${line.name} = ${displayNumber(line.value)}`;
            const room = w - 2 * PAD_X - (line.fanIn ? fanInWidth(line.fanIn.total) + 6 : 0);
            const natural = estimateWidth(text, VALUE_PX) * (current === line.phase ? 1.08 : 1);
            const squeeze =
              natural > room ? { textLength: room, lengthAdjust: 'spacingAndGlyphs' as const } : {};
            return (
              <g
                key={line.phase}
                className={`graph-value graph-value-${line.phase}${current === line.phase ? ' is-new' : ''}`}
              >
                {line.dual ? (
                  <text x={PAD_X} y={LINE_Y[i]} {...squeeze} data-dual="">
                    <tspan className="graph-dual-primal">{line.dual[0]}</tspan> {line.dual[1]}
                  </text>
                ) : (
                  <text x={PAD_X} y={LINE_Y[i]} {...squeeze}>
                    <tspan className="graph-value-name">{line.name}</tspan> = {displayNumber(line.value)}
                  </text>
                )}
                {line.fanIn && (
                  <g transform={`translate(0,${LINE_Y[i]! - 6})`}>
                    <FanIn received={line.fanIn.received} total={line.fanIn.total} right={w - PAD_X} />
                  </g>
                )}
              </g>
            );
          })}
        </>
      ) : labelled ? (
        <text
          className="graph-node-id graph-node-id-large"
          x={w / 2}
          y={h / 2}
          dy="0.35em"
          textAnchor="middle"
        >
          v
          <tspan className="graph-sub" dy="0.3em">
            {subscriptOf(node)}
          </tspan>
        </text>
      ) : null}
    </g>
  );
}

/** The operation (or the input's name, with its digits as a subscript), squeezed if it is long. */
function OpText({
  label,
  input,
  x,
  maxWidth,
}: {
  label: string;
  input: boolean;
  x: number;
  maxWidth: number;
}): JSX.Element {
  // Rough width at 19 px; SVG cannot measure before layout, and squeezing beats overflowing the box.
  const estimate = label.length * 11;
  const squeeze =
    estimate > maxWidth ? { textLength: maxWidth, lengthAdjust: 'spacingAndGlyphs' as const } : {};
  if (input) {
    const { base, sub } = splitSubscript(label);
    return (
      <text className="graph-node-op graph-node-name" x={x} y={HEADER_Y} textAnchor="end" {...squeeze}>
        {base}
        {sub && (
          <tspan className="graph-sub" dy="0.3em">
            {sub}
          </tspan>
        )}
      </text>
    );
  }
  return (
    <text className="graph-node-op" x={x} y={HEADER_Y} textAnchor="end" {...squeeze}>
      {label}
    </text>
  );
}

/** A small tag on the node's top-left corner: `first ∞`, `domain`, `convention`, …. */
function MarkTag({ label }: { label: string }): JSX.Element {
  const width = 16 + estimateWidth(label, 15);
  return (
    <g className="graph-mark" transform={`translate(${PAD_X},-4.5)`} aria-hidden="true">
      <rect x={0} y={-12} width={width} height={22} rx={6} />
      <text x={8} y={0} dy="0.35em">
        {label}
      </text>
    </g>
  );
}

const fanInWidth = (total: number): number =>
  total > MAX_DOTS ? 30 : total * DOT_GAP - (DOT_GAP - 2 * DOT_R);

/** One dot per adjoint contribution the node will receive, filled as they arrive: fan-out made visible. */
function FanIn({ received, total, right }: { received: number; total: number; right: number }): JSX.Element {
  if (total > MAX_DOTS) {
    return (
      <text className="graph-fanin-text" x={right} y={6} textAnchor="end">
        {received}/{total}
      </text>
    );
  }
  return (
    <g className="graph-fanin">
      {Array.from({ length: total }, (_, i) => (
        <circle
          key={i}
          className={i < received ? 'is-received' : undefined}
          cx={right - DOT_R - (total - 1 - i) * DOT_GAP}
          cy={0}
          r={DOT_R}
        />
      ))}
    </g>
  );
}
