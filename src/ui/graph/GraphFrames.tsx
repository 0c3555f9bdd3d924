import { memo } from 'react';
import type { Tape } from '../../core/tape';
import type { Trace } from '../../core/trace';
import { useT } from '../../i18n/index';
import type { GroupFrame } from './layout';

interface Props {
  frames: readonly GroupFrame[];
  tape: Tape;
  trace: Trace;
  /** Timeline position: steps[step − 1] is the current one. */
  step: number;
}

/**
 * The node the current step is about: the node it assigns, or, for a program's decision, the next node
 * the path records (the first node of the iteration or branch side the decision opens).
 */
function currentNode(trace: Trace, step: number): number {
  const s = trace.steps[step - 1];
  if (!s) return -1;
  return s.decision ? s.decision.after : s.target;
}

/**
 * A program's loop iterations and branch sides as labelled frames behind the nodes (issue 11): the
 * tape records the path taken, and the frames show how that path was made, in reading order. The
 * frame holding the current step is drawn in the decision colour. `data-group` carries the label. A
 * group folded over several bands has a frame in each, `data-part` 1/2, 2/2, the later ones labelled
 * as continued.
 */
export const GraphFrames = memo(function GraphFrames({ frames, tape, trace, step }: Props) {
  const t = useT();
  const groups = tape.groups ?? [];
  const k = currentNode(trace, step);
  return (
    <g className="graph-frames">
      {frames.map((f, i) => {
        const g = groups[f.group];
        const current = !!g && k >= g.start && k < g.end;
        return (
          <g
            key={i}
            className={`graph-frame frame-${f.kind}${current ? ' is-current' : ''}`}
            data-group={f.label}
            data-depth={f.depth}
            data-part={f.parts > 1 ? `${f.part + 1}/${f.parts}` : undefined}
          >
            <rect x={f.x} y={f.y} width={f.width} height={f.height} rx={10} />
            <text x={f.x + 10} y={f.y + f.labelPx * 1.1} fontSize={f.labelPx}>
              {f.part > 0 ? t('graph.frameContinued', { label: t.msg(f.label) }) : t.msg(f.label)}
            </text>
          </g>
        );
      })}
    </g>
  );
});
