import { useSyncExternalStore, type JSX } from 'react';
import type { Tape } from '../../core/tape';
import type { Translator } from '../../i18n/index';
import type { Size } from './fit';
import { GraphNode } from './GraphNode';
import type { NodeBox } from './layout';
import type { NodeMark } from './marks';
import { NODE_STYLES, type NodeMetrics } from './nodeStyle';
import type { Focus, NodeValues } from './stepState';
import type { ViewStore } from './useCamera';

/** On-screen value size (CSS px) the lens draws at: a text box of about 15 px, 19 px presenting. */
export const LENS_PX = { normal: 13, present: 16.5 } as const;
/** The lens shows (on a crowded graph) when values are drawn smaller than this: 14 px and 18 px text boxes. */
const WANTED_PX = { normal: 12, present: 15.4 } as const;
/** Below this the nodes themselves are not legible at all: the lens shows whatever the graph's size. */
const ILLEGIBLE_PX = 9.5;

export interface LensProps {
  focus: Focus | null;
  boxes: readonly NodeBox[];
  metrics: NodeMetrics;
  tape: Tape;
  views: ViewStore;
  size: Size | null;
  /** The zoom Fit chose, to tell a reader who zoomed out from one who did not. */
  fitK: number;
  /**
   * Whether the graph is larger than its room is meant to show whole (then the current step is
   * magnified as soon as it is under the lens size, since the rest is context).
   */
  crowded: boolean;
  present: boolean;
  valuesOf: (index: number) => NodeValues;
  marks: ReadonlyMap<number, NodeMark>;
  labelOf: (index: number) => string;
  dual: boolean;
  onHover: (index: number | null) => void;
  t: Translator;
}

/**
 * The focus lens: when the graph is drawn too small to read (a large graph, or zoomed out), the
 * nodes the current step writes and reads are drawn again, magnified, over their own places: values
 * at LENS_PX whatever the zoom, the rest of the graph as context around them.
 */
export function FocusLens(props: LensProps): JSX.Element | null {
  const { focus, boxes, metrics, views, size, fitK, crowded, present } = props;
  const view = useSyncExternalStore(views.subscribe, views.get, views.get);
  if (!focus || focus.target < 0 || !size || size.width <= 0) return null;
  const shown = metrics.valuePx * view.k;
  const lensPx = present ? LENS_PX.present : LENS_PX.normal;
  const wanted =
    shown < (present ? WANTED_PX.present : WANTED_PX.normal) &&
    (crowded || shown < ILLEGIBLE_PX || view.k < 0.9 * fitK);
  if (!wanted) return null;

  const lm = NODE_STYLES.named;
  const s = lensPx / lm.valuePx;
  const w = lm.width * s;
  const h = lm.height * s;
  // Forward: the arguments, then the node assigned; reverse: the node receiving, then the one pushing.
  const reads = [...new Set(focus.reads)].filter((i) => i !== focus.target && boxes[i]);
  const order = focus.phase === 'adjoint' ? [focus.target, ...reads] : [...reads, focus.target];
  const pad = 8;
  const clampX = (x: number) => Math.min(Math.max(pad, x), Math.max(pad, size.width - w - pad));
  const clampY = (y: number) => Math.min(Math.max(pad, y), Math.max(pad, size.height - h - pad));
  const anchors = order.map((i) => {
    const b = boxes[i]!;
    return { i, ax: view.x + (b.x + b.width / 2) * view.k, ay: view.y + (b.y + b.height / 2) * view.k };
  });
  let placed = anchors.map((a) => ({ ...a, x: clampX(a.ax - w / 2), y: clampY(a.ay - h / 2) }));
  const overlap = placed.some((p, j) =>
    placed.some((q, k) => k > j && Math.abs(p.x - q.x) < w + 6 && Math.abs(p.y - q.y) < h + 6),
  );
  if (overlap) {
    // Side by side in reading order, centred on the node assigned.
    const target = anchors.find((a) => a.i === focus.target)!;
    const gap = 0.6 * lensPx;
    const row = order.length * w + (order.length - 1) * gap;
    const x0 = Math.min(Math.max(pad, target.ax - row / 2), Math.max(pad, size.width - row - pad));
    const y = clampY(target.ay - h / 2);
    placed = anchors.map((a, j) => ({ ...a, x: x0 + j * (w + gap), y }));
  }
  return (
    <g className={`graph-lens phase-${focus.phase}`}>
      {placed.map((p) => (
        <line
          key={`lead-${p.i}`}
          className="graph-lens-lead"
          x1={p.ax}
          y1={p.ay}
          x2={p.x + w / 2}
          y2={p.y + h / 2}
        />
      ))}
      {placed.map((p) => {
        const b = boxes[p.i]!;
        return (
          <g key={p.i} transform={`translate(${p.x},${p.y}) scale(${s})`}>
            <GraphNode
              box={{ ...b, width: lm.width, height: lm.height }}
              metrics={lm}
              node={props.tape.nodes[p.i]!}
              tape={props.tape}
              values={props.valuesOf(p.i)}
              mark={props.marks.get(p.i)}
              focus={focus}
              hovered={false}
              detail="all"
              label={props.labelOf(p.i)}
              dual={props.dual}
              outputArrow=""
              onHover={props.onHover}
              onSelect={undefined}
              lens
              t={props.t}
            />
          </g>
        );
      })}
    </g>
  );
}
