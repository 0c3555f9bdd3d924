import { memo, type JSX } from 'react';
import type { Tape } from '../../core/tape';
import type { Phase } from '../../core/trace';
import type { EdgePath, GraphLayout, StubMark } from './layout';
import type { NodeMetrics } from './nodeStyle';
import type { Focus } from './stepState';

/** Arrowhead markers, sized for the layout's node style. */
export function EdgeMarkers({ uid, m }: { uid: string; m: NodeMetrics }): JSX.Element {
  return (
    <defs>
      {(['calm', 'primal', 'tangent', 'adjoint', 'output', 'erase'] as const).map((kind) => {
        // The eraser is a little larger than the arrowhead it covers.
        const size = kind === 'erase' ? m.arrow + 3 : m.arrow;
        return (
          <marker
            key={kind}
            id={`${uid}-arrow-${kind}`}
            className={`graph-arrow graph-arrow-${kind}`}
            viewBox="0 0 10 10"
            refX={kind === 'erase' ? 1 : 0}
            refY={5}
            markerUnits="userSpaceOnUse"
            markerWidth={size}
            markerHeight={size}
            orient="auto"
          >
            <path d="M0,0.5 L10,5 L0,9.5 Z" />
          </marker>
        );
      })}
    </defs>
  );
}

/**
 * Every edge in its calm state, and the tags of stubs. It depends on the layout alone, so a step
 * never re-renders it or changes anything in it: the current step's edges are drawn again on top
 * (ActiveEdges). Toggling a class or an opacity on one of thousands of edges made the compositor
 * re-layerize the whole graph on every step.
 */
export const CalmEdges = memo(function CalmEdges({
  layout,
  tape,
  arrow,
  m,
  tags,
}: {
  layout: GraphLayout;
  tape: Tape;
  arrow: string;
  m: NodeMetrics;
  /** Whether stub tags show their text (not at zooms where it would be a smudge). */
  tags: boolean;
}): JSX.Element {
  return (
    <>
      <g className="graph-edges">
        {layout.lanes?.map((d, i) => (
          <path key={`lane-${i}`} className="graph-edge graph-lane" d={d} />
        ))}
        {layout.edges.map((e) => (
          <path
            key={e.key}
            className={e.stub ? 'graph-edge graph-stub-edge' : 'graph-edge'}
            d={e.d}
            markerEnd={arrow}
            data-edge={`${tape.nodes[e.source]!.id}->${tape.nodes[e.target]!.id}`}
          />
        ))}
      </g>
      {layout.stubs.length > 0 && (
        <g className="graph-stubs">
          {layout.stubs.map((s) => (
            <StubTag key={s.key} stub={s} m={m} text={tags} />
          ))}
        </g>
      )}
    </>
  );
});

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
      <path key={`${key}-erase`} className="graph-edge-erase" d={e.d} markerEnd={arrow('erase')} />,
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
