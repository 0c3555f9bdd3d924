/**
 * The Jacobian J (m outputs × n inputs) two ways, and what each costs, for the Jacobian explorer.
 *
 *   forward mode: n tangent sweeps, sweep i seeded with ẋ = e_i, fills column i (J e_i);
 *   reverse mode: m adjoint sweeps, sweep j seeded with ȳ = e_j, fills row j (e_jᵀ J).
 *
 * Counts come from the tape alone. With l operations and P = Σ_i p_i node arguments (edges):
 *
 *   tangent sweep: P partial evaluations, P multiplications, P − l additions (v̇_i sums p_i terms);
 *   adjoint sweep: P partial evaluations, P multiplications, and one addition per `+=` row, i.e.
 *                  P − (number of nodes that are some node's argument): the first contribution to a
 *                  node is an assignment (an output's seed is its starting value, not an addition).
 *
 * Both modes first need one primal sweep of l operations. One seed vector gives a Jacobian-vector
 * product J ẋ (one tangent sweep) or a vector-Jacobian product ȳᵀ J (one adjoint sweep).
 *
 * The explorer shows J filled only as far as sweeps have actually run: the ones that ran to their end
 * earlier on the same tape and point, and the trace's own as far as its timeline has gone. Seeding
 * e_2 says nothing about whether the sweep of e_1 ran.
 */
import { adjoint, jacobianForward, jacobianReverse, tangent } from './sweep/sweeps';
import { NOTHING_SWEPT, stepIndex, sweepsDone, type SweepsDone, type SweptBefore } from './sweepsDone';
import type { Tape } from './tape';

export { NOTHING_SWEPT, sweepsDone, type SweepsDone, type SweptBefore } from './sweepsDone';
import type { Trace } from './trace';

export interface SweepCost {
  readonly partials: number;
  readonly multiplications: number;
  readonly additions: number;
  /** Partials, multiplications and additions together. */
  readonly operations: number;
}

export interface JacobianCosts {
  readonly n: number;
  readonly m: number;
  /** Operations on the tape (the primal sweep's cost). */
  readonly l: number;
  /** Node arguments of all operations: the edges of the graph. */
  readonly edges: number;
  readonly forwardSweep: SweepCost;
  readonly reverseSweep: SweepCost;
  /** Sweeps × cost per sweep. */
  readonly forwardTotal: number;
  readonly reverseTotal: number;
  readonly cheaper: 'forward' | 'reverse' | 'tie';
  /** One sentence: which mode is cheaper for this f, and why. */
  readonly sentence: string;
}

const cost = (partials: number, multiplications: number, additions: number): SweepCost => ({
  partials,
  multiplications,
  additions,
  operations: partials + multiplications + additions,
});

const plural = (k: number, word: string): string => `${k} ${word}${k === 1 ? '' : 's'}`;

/** Operation counts of both modes, from the tape's structure. */
export function jacobianCosts(tape: Tape): JacobianCosts {
  const n = tape.n;
  const m = tape.outputs.length;
  const l = tape.nodes.length - n;
  let edges = 0;
  const used = new Set<number>();
  for (const node of tape.nodes) {
    for (const a of node.args) {
      if (a.kind !== 'node') continue;
      edges++;
      used.add(a.index);
    }
  }
  const forwardSweep = cost(edges, edges, edges - l);
  const reverseSweep = cost(edges, edges, edges - used.size);
  const forwardTotal = n * forwardSweep.operations;
  const reverseTotal = m * reverseSweep.operations;
  const cheaper = forwardTotal < reverseTotal ? 'forward' : reverseTotal < forwardTotal ? 'reverse' : 'tie';
  const shape = `f has ${plural(n, 'input')} and ${plural(m, 'output')}`;
  const totals = `${forwardTotal} against ${reverseTotal} operations`;
  let sentence: string;
  if (n === m) {
    sentence =
      cheaper === 'tie'
        ? `Neither mode is cheaper here: ${shape}, so both need ${plural(n, 'sweep')} of ${forwardSweep.operations} operations (${forwardTotal} in all).`
        : `Both modes need ${plural(n, 'sweep')} here (${shape}); ${cheaper} sweeps are a little cheaper on this graph (${totals}).`;
  } else if (cheaper === 'tie') {
    sentence = `Neither mode is cheaper here: ${shape}, and ${plural(n, 'forward sweep')} cost as much as ${plural(m, 'reverse sweep')} (${forwardTotal} operations each way).`;
  } else if (cheaper === 'reverse') {
    sentence = `Reverse mode is cheaper: ${shape}, so ${m === 1 ? 'one reverse sweep gives the whole gradient' : `${plural(m, 'reverse sweep')} (one per output) give the whole Jacobian`}, where forward mode needs ${plural(n, 'sweep')}, one per input (${totals}).`;
  } else {
    sentence = `Forward mode is cheaper: ${shape}, so ${n === 1 ? 'one forward sweep gives every output’s derivative' : `${plural(n, 'forward sweep')} (one per input) give the whole Jacobian`}, where reverse mode needs ${plural(m, 'sweep')}, one per output (${totals}).`;
  }
  return { n, m, l, edges, forwardSweep, reverseSweep, forwardTotal, reverseTotal, cheaper, sentence };
}

/** J ẋ by one tangent sweep: the tangents of the outputs. */
export function jvp(tape: Tape, v: ArrayLike<number>, xDot: ArrayLike<number>): number[] {
  const vDot = tangent(tape, v, xDot);
  return tape.outputs.map((o) => vDot[o.index]!);
}

/** ȳᵀ J by one adjoint sweep: the adjoints of the inputs. */
export function vjp(tape: Tape, v: ArrayLike<number>, yBar: ArrayLike<number>): number[] {
  const { vBar } = adjoint(tape, v, yBar);
  return tape.inputs.map((i) => vBar[i.index]!);
}

/** A Jacobian entry as the explorer shows it at a timeline position. */
export interface JacobianCell {
  /** `empty`: not computed yet; `partial`: a running sum (reverse, more contributions to come). */
  readonly state: 'empty' | 'partial' | 'filled';
  /** Set when state is not `empty`. */
  readonly value: number | null;
  /** Filled (or added to) by the current step. */
  readonly fresh: boolean;
}

export interface JacobianFill extends SweepsDone {
  /** J as forward mode has computed it so far: the columns swept before, and the seeded one's progress. */
  readonly forward: readonly (readonly JacobianCell[])[];
  /** J as reverse mode has computed it so far: the rows swept before, and the seeded one's progress. */
  readonly reverse: readonly (readonly JacobianCell[])[];
}

const EMPTY: JacobianCell = { state: 'empty', value: null, fresh: false };
const swept = (value: number): JacobianCell => ({ state: 'filled', value, fresh: false });

/**
 * How far the Jacobian has been filled at timeline position `step` of a trace, given the sweeps that
 * ran to their end earlier on the same tape and point (`before`). The trace's tangent sweep is the
 * forward sweep of its seed, filling its column as the timeline reaches each output; its adjoint sweep
 * is the reverse sweep of its adjoint seed, filling its row as each input's adjoint gets its
 * contributions (a running sum meanwhile). Other columns and rows are filled only if they were swept
 * before; the counts are {@link sweepsDone}'s.
 */
export function jacobianFill(
  tape: Tape,
  trace: Trace,
  step: number,
  before: SweptBefore = NOTHING_SWEPT,
): JacobianFill {
  const Jf = jacobianForward(tape, trace.v);
  const Jr = jacobianReverse(tape, trace.v);
  const progress = sweepsDone(tape, trace, step, before);
  const { column, row } = progress;
  const { tangentStep, adjointSteps } = stepIndex(trace);
  const adjointEnd = trace.phases.adjoint.end;

  const forward = Jf.map((values, r) =>
    values.map((value, c): JacobianCell => {
      if (c !== column) return before.columns.includes(c) ? swept(value) : EMPTY;
      const at = tangentStep.get(tape.outputs[r]!.index) ?? Infinity;
      return at < step ? { state: 'filled', value, fresh: at === step - 1 } : EMPTY;
    }),
  );
  const reverse = Jr.map((values, r) =>
    values.map((value, c): JacobianCell => {
      if (r !== row) return before.rows.includes(r) ? swept(value) : EMPTY;
      const steps = adjointSteps.get(tape.inputs[c]!.index) ?? [];
      const reached = steps.filter((i) => i < step);
      if (steps.length === 0) return step >= adjointEnd ? swept(value) : EMPTY;
      if (reached.length === 0) return EMPTY;
      const last = reached[reached.length - 1]!;
      return {
        state: reached.length === steps.length ? 'filled' : 'partial',
        value: trace.steps[last]!.value,
        fresh: last === step - 1,
      };
    }),
  );
  return { ...progress, forward, reverse };
}
