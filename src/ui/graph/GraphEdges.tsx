import { memo, useMemo, type JSX } from 'react';
import type { Phase } from '../../core/trace';
import type { EdgePath, GraphLayout, StubMark } from './layout';
import type { NodeMetrics } from './nodeStyle';
import type { Focus } from './stepState';

/** Arrowhead markers, sized for the layout's node style. */
export function EdgeMarkers({ uid, m }: { uid: string; m: NodeMetrics }): JSX.Element {
  return (
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
          markerWidth={m.arrow}
          markerHeight={m.arrow}
          orient="auto"
        >
          <path d="M0,0.5 L10,5 L0,9.5 Z" />
        </marker>
      ))}
    </defs>
  );
}

/** Coordinates to a tenth of a unit, as in the layout's paths. */
const r1 = (v: number): number => Math.round(v * 10) / 10;

/** Arrowheads pointing right with their tips at `tip`, as one path (the shape of the markers). */
export function arrowheads(tips: readonly { x: number; y: number }[], size: number): string {
  const half = 0.45 * size;
  let d = '';
  for (let i = 0; i < tips.length; i++) {
    const t = tips[i]!;
    const x = r1(t.x);
    const y = r1(t.y);
    const back = r1(x - size);
    d += `M${back},${r1(y - half)}L${x},${y}L${back},${r1(y + half)}Z`;
  }
  return d;
}

/** Rounded rectangles as one path: the stub tags. */
function pills(stubs: readonly StubMark[]): string {
  let d = '';
  for (const s of stubs) {
    const r = r1(s.height / 2);
    const [x0, x1, y0, y1] = [r1(s.x + r), r1(s.x + s.width - r), r1(s.y), r1(s.y + s.height)];
    d += `M${x0},${y0}H${x1}A${r},${r} 0 0 1 ${x1},${y1}H${x0}A${r},${r} 0 0 1 ${x0},${y0}Z`;
  }
  return d;
}

/**
 * Every edge in its calm state, and the tags of stubs, as a few paths: all edges in one, all their
 * arrowheads in another, all tags in a third (their names are texts, drawn when they can be read).
 * It depends on the layout alone, so a step never re-renders it or changes anything in it: the
 * current step's edges are drawn again on top (ActiveEdges). With an element per edge, and a marker
 * per arrowhead, a 2,000-node graph had thousands of paint chunks to repaint and re-layerize on
 * every step.
 */
export const CalmEdges = memo(function CalmEdges({
  layout,
  m,
  tags,
}: {
  layout: GraphLayout;
  m: NodeMetrics;
  /** Whether stub tags show their text (not at zooms where it would be a smudge). */
  tags: boolean;
}): JSX.Element {
  const { lines, heads, tagPaths } = useMemo(
    () => ({
      lines: [...(layout.lanes ?? []), ...layout.edges.map((e) => e.d)].join(''),
      heads: arrowheads(
        layout.edges.map((e) => e.tip),
        m.arrow,
      ),
      tagPaths: pills(layout.stubs),
    }),
    [layout, m],
  );
  return (
    <>
      <g className="graph-edges">
        <path className="graph-edge" d={lines} />
        <path className="graph-arrowheads" d={heads} />
      </g>
      {layout.stubs.length > 0 && (
        <g className="graph-stubs">
          <path className="graph-stub-tags" d={tagPaths} />
          {tags && layout.stubs.map((s) => <StubText key={s.key} stub={s} m={m} />)}
        </g>
      )}
    </>
  );
});

function StubText({ stub, m }: { stub: StubMark; m: NodeMetrics }): JSX.Element {
  return (
    <text
      className={`graph-stub-text${stub.input ? ' is-input' : ''}`}
      x={stub.x + stub.width / 2}
      y={stub.y + stub.height / 2}
      dy="0.35em"
      textAnchor="middle"
      fontSize={m.stubPx}
      data-stub={stub.key}
    >
      {stub.base}
      {stub.sub && (
        <tspan className="graph-sub" dy="0.25em">
          {stub.sub}
        </tspan>
      )}
    </text>
  );
}

/** A stub's tag: the name of the node the edge comes from (an input's name, or `v3`). */
function StubTag({
  stub,
  m,
  text,
  phase,
}: {
  stub: StubMark;
  m: NodeMetrics;
  text: boolean;
  phase?: Phase;
}): JSX.Element {
  return (
    <g
      className={`graph-stub${stub.input ? ' is-input' : ''}${phase ? ` graph-stub-${phase}` : ''}`}
      data-stub={`${stub.base}${stub.sub}`}
    >
      <rect x={stub.x} y={stub.y} width={stub.width} height={stub.height} rx={stub.height / 2} />
      {text && (
        <text
          x={stub.x + stub.width / 2}
          y={stub.y + stub.height / 2}
          dy="0.35em"
          textAnchor="middle"
          fontSize={m.stubPx}
        >
          {stub.base}
          {stub.sub && (
            <tspan className="graph-sub" dy="0.25em">
              {stub.sub}
            </tspan>
          )}
        </text>
      )}
    </g>
  );
}

/**
 * The current step's edges, in its phase's colour, above the calm ones: the edges it reads along
 * (forward), or the edge an adjoint flows back along, dashed towards the argument, with the calm
 * forward edge under it covered so that no arrowhead points the other way.
 */
export function ActiveEdges({
  focus,
  byKey,
  stubs,
  uid,
  m,
}: {
  focus: Focus | null;
  byKey: ReadonlyMap<string, EdgePath>;
  stubs: ReadonlyMap<string, StubMark>;
  uid: string;
  m: NodeMetrics;
}): JSX.Element | null {
  if (!focus) return null;
  const arrow = (kind: string) => `url(#${uid}-arrow-${kind})`;
  const out: JSX.Element[] = [];
  const tags: JSX.Element[] = [];
  for (const key of focus.edges) {
    const e = byKey.get(key);
    if (!e) continue;
    out.push(
      <path
        key={`${key}-forward`}
        className={`graph-edge graph-edge-${focus.phase}`}
        d={e.d}
        markerEnd={arrow(focus.phase)}
      />,
    );
    const s = stubs.get(key);
    if (s) tags.push(<StubTag key={key} stub={s} m={m} text phase={focus.phase} />);
  }
  for (const key of focus.backEdges) {
    const e = byKey.get(key);
    if (!e) continue;
    out.push(
      <path key={`${key}-erase`} className="graph-edge-erase" d={e.d} />,
      <path key={`${key}-erase-head`} className="graph-arrow-erase" d={arrowheads([e.tip], m.arrow + 3)} />,
      <path
        key={`${key}-back`}
        className={`graph-edge graph-edge-${focus.phase} graph-edge-back`}
        d={e.dBack}
        markerEnd={arrow(focus.phase)}
      />,
    );
    const s = stubs.get(key);
    if (s) tags.push(<StubTag key={key} stub={s} m={m} text phase={focus.phase} />);
  }
  return (
    <g className="graph-edges-active" aria-hidden="true">
      {out}
      {tags}
    </g>
  );
}
