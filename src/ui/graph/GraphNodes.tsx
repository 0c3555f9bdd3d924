import { memo, useMemo, type JSX } from 'react';
import type { Tape } from '../../core/tape';
import type { Translator } from '../../i18n/index';
import type { Trace } from '../../core/trace';
import { focusRole, GraphNode, type Detail } from './GraphNode';
import type { NodeBox } from './layout';
import type { NodeMark } from './marks';
import type { NodeMetrics } from './nodeStyle';
import { valuesAt, type Focus, type StepIndex } from './stepState';

/**
 * Nodes per chunk: a step re-renders the chunks whose nodes it changes, not two thousand nodes. Each
 * chunk is a group of its own in the SVG as well: a node changed by a step then makes the browser's
 * layout recompute the bounds of its group's 64 nodes and of the groups, where one flat group had
 * it walk all of them (at 2,000 nodes, the forced layouts of 20 steps played at 4× went from 131–140
 * to 97–102 ms of the main thread: issue 13).
 */
const CHUNK = 64;

export interface GraphNodesProps {
  boxes: readonly NodeBox[];
  metrics: NodeMetrics;
  tape: Tape;
  trace: Trace;
  stepIndex: StepIndex;
  /** Steps whose values are shown: [0, shown). */
  shown: number;
  marks: ReadonlyMap<number, NodeMark>;
  focus: Focus | null;
  hovered: number | null;
  detail: Detail;
  labelOf: (index: number) => string;
  dual: boolean;
  outputArrow: string;
  onHover: (index: number | null) => void;
  onSelect: ((index: number) => void) | undefined;
  /** Tooltips written before hover (small graphs) or on hover only (large ones). */
  titled: boolean;
  t: Translator;
}

/**
 * What a node shows, as a short code: which values it has reached, how many adjoint contributions,
 * its part in the current step, hover, and its marks. Equal codes draw the same node.
 */
function codeOf(i: number, p: GraphNodesProps): string {
  const ix = p.stepIndex;
  const primal = (ix.primal[i] ?? -1) >= 0 && ix.primal[i]! < p.shown ? 1 : 0;
  const tangent = (ix.tangent[i] ?? -1) >= 0 && ix.tangent[i]! < p.shown ? 1 : 0;
  const adjoint = ix.adjoint[i] ?? [];
  let received = 0;
  while (received < adjoint.length && adjoint[received]! < p.shown) received++;
  const mark = p.marks.get(i);
  const marked = mark ? `${mark.note?.kind ?? ''}${mark.first.map((f) => f.phase[0]).join('')}` : '';
  return `${primal}${tangent}${received}${focusRole(p.focus, i)}${p.hovered === i ? 'h' : ''}${marked}`;
}

/** The nodes layer, in chunks that re-render only when a node in them changes. */
export function GraphNodes(props: GraphNodesProps): JSX.Element {
  const { boxes } = props;
  const chunks = useMemo(() => {
    const out: NodeBox[][] = [];
    for (let i = 0; i < boxes.length; i += CHUNK) out.push(boxes.slice(i, i + CHUNK));
    return out;
  }, [boxes]);
  return (
    <g className="graph-nodes">
      {chunks.map((chunk, i) => (
        <NodeChunk
          key={i}
          {...props}
          boxes={chunk}
          code={chunk.map((b) => codeOf(b.index, props)).join(',')}
        />
      ))}
    </g>
  );
}

type ChunkProps = GraphNodesProps & { code: string };

/** Props that change what a chunk draws beyond its nodes' codes. */
const SHARED: readonly (keyof ChunkProps)[] = [
  'boxes',
  'metrics',
  'tape',
  'trace',
  'detail',
  'labelOf',
  'dual',
  'outputArrow',
  'onHover',
  'onSelect',
  'titled',
  't',
  'code',
];

const NodeChunk = memo(
  function NodeChunk(props: ChunkProps): JSX.Element {
    const { boxes, metrics, tape, trace, stepIndex, shown, marks, focus, hovered, detail, labelOf } = props;
    return (
      <g>
        {boxes.map((box) => (
          <GraphNode
            key={box.id}
            box={box}
            metrics={metrics}
            node={tape.nodes[box.index]!}
            tape={tape}
            values={valuesAt(trace, stepIndex, box.index, shown)}
            mark={marks.get(box.index)}
            focus={focus}
            hovered={hovered === box.index}
            detail={detail}
            label={labelOf(box.index)}
            dual={props.dual}
            outputArrow={props.outputArrow}
            onHover={props.onHover}
            onSelect={props.onSelect}
            titled={props.titled}
            t={props.t}
          />
        ))}
      </g>
    );
  },
  (a, b) => SHARED.every((key) => Object.is(a[key], b[key])),
);
