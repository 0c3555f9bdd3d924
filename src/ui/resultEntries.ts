import { jacobianForward, type Tape, type Trace } from '../core/index';

/** One entry of the results strip: its page hook (`data-result`) and its value, or null for "—". */
export interface ResultEntry {
  /** `value:<output>`, `forward:<input>` or `reverse:<input>` (CONTRACTS §5). */
  readonly key: string;
  /** The output (`value`) or input (`forward`, `reverse`) it is about. */
  readonly name: string;
  readonly value: number | null;
}

export interface Results {
  /** The output whose gradient the forward and reverse entries show (the adjoint seed's). */
  readonly output: string;
  /** The input the current tangent sweep is seeded with, if any. */
  readonly seeded: string | null;
  readonly values: readonly ResultEntry[];
  readonly forward: readonly ResultEntry[];
  readonly reverse: readonly ResultEntry[];
  /** Tangent sweeps whose column is known: the ones run before, and the current one once done. */
  readonly sweepsDone: number;
}

const unitIndex = (a: ArrayLike<number>): number => Array.prototype.findIndex.call(a, (x) => x !== 0);

interface StepIndex {
  /** The 0-based index of the step that yields each node's primal value, tangent, and last adjoint. */
  readonly primalAt: ReadonlyMap<number, number>;
  readonly tangentAt: ReadonlyMap<number, number>;
  readonly adjointLast: ReadonlyMap<number, number>;
}

/** Per trace (immutable), so that a step of the timeline does not scan every step again. */
const stepIndexes = new WeakMap<Trace, StepIndex>();

function stepsOf(trace: Trace): StepIndex {
  let index = stepIndexes.get(trace);
  if (index) return index;
  const primalAt = new Map<number, number>();
  const tangentAt = new Map<number, number>();
  const adjointLast = new Map<number, number>();
  trace.steps.forEach((s, i) => {
    if (s.phase === 'primal' || s.primal !== undefined) {
      if (!primalAt.has(s.target)) primalAt.set(s.target, i);
    }
    if (s.phase === 'tangent') tangentAt.set(s.target, i);
    else if (s.phase === 'adjoint') adjointLast.set(s.target, i);
  });
  stepIndexes.set(trace, (index = { primalAt, tangentAt, adjointLast }));
  return index;
}

/**
 * What the results strip may show at `step`: only what the sweeps run so far have computed. A value
 * of y once the step that assigns it is reached; ∂y/∂x_j by forward mode once the tangent sweep
 * seeded with x_j has reached y — in this timeline (one sweep, for the seeded input) or before it
 * (`swept`: inputs whose sweeps ran to the end earlier, on the same tape and point, for instance from
 * the Jacobian panel); ∂y/∂x_j by reverse mode once the adjoint of x_j has received its last
 * contribution.
 */
export function resultEntries(
  tape: Tape,
  trace: Trace,
  step: number,
  swept: ReadonlySet<number> = new Set(),
): Results {
  const column = unitIndex(trace.xDot);
  const row = Math.max(0, unitIndex(trace.yBar));
  const out = tape.outputs[row]!;
  const { primalAt, tangentAt, adjointLast } = stepsOf(trace);
  const reached = (i: number | undefined) => i !== undefined && i < step;
  const currentDone = column >= 0 && reached(tangentAt.get(out.index));
  let J: number[][] | null = null;
  const jacobian = () => (J ??= jacobianForward(tape, trace.v));

  const values = tape.outputs.map((o): ResultEntry => ({
    key: `value:${o.name}`,
    name: o.name,
    value: reached(primalAt.get(o.index)) ? trace.v[o.index]! : null,
  }));
  const forward = tape.inputs.map((x, j): ResultEntry => {
    const value =
      j === column
        ? currentDone
          ? trace.vDot[out.index]!
          : null
        : swept.has(j)
          ? (jacobian()[row]?.[j] ?? null)
          : null;
    return { key: `forward:${x.name}`, name: x.name, value };
  });
  const adjointEnd = trace.phases.adjoint.end;
  const reverse = tape.inputs.map((x): ResultEntry => ({
    key: `reverse:${x.name}`,
    name: x.name,
    value: (adjointLast.has(x.index) ? reached(adjointLast.get(x.index)) : step >= adjointEnd)
      ? trace.vBar[x.index]!
      : null,
  }));
  return {
    output: out.name,
    seeded: column >= 0 ? tape.inputs[column]!.name : null,
    values,
    forward,
    reverse,
    sweepsDone: forward.filter((e) => e.value !== null).length,
  };
}

/** Tangent sweeps that ran to their end on one tape at one point (input indices). */
export interface SweepHistory {
  readonly tape: Tape | null;
  readonly point: string;
  readonly done: readonly number[];
}

export const NO_SWEEPS: SweepHistory = { tape: null, point: '', done: [] };

/**
 * The history after showing `trace` at `step`: a new tape or a new point starts it afresh; a tangent
 * sweep seen at its end joins it. Returns `history` itself when nothing changed.
 */
export function nextSweepHistory(
  history: SweepHistory,
  tape: Tape,
  trace: Trace,
  step: number,
): SweepHistory {
  const point = tape.inputs.map((x) => String(trace.v[x.index])).join(',');
  let h = history.tape === tape && history.point === point ? history : { tape, point, done: [] };
  const column = unitIndex(trace.xDot);
  if (column >= 0 && step >= trace.phases.tangent.end && !h.done.includes(column))
    h = { ...h, done: [...h.done, column] };
  return h;
}
