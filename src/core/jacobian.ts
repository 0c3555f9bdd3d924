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
 */
import { adjoint, jacobianForward, jacobianReverse, tangent } from './sweep/sweeps';
import type { Tape } from './tape';
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

export interface JacobianFill {
  /** J as forward mode has computed it so far: columns before the seeded one are done. */
  readonly forward: readonly (readonly JacobianCell[])[];
  /** J as reverse mode has computed it so far: rows before the seeded one are done. */
  readonly reverse: readonly (readonly JacobianCell[])[];
  /** The column the trace's tangent sweep fills and the row its adjoint sweep fills (−1: not a unit seed). */
  readonly column: number;
  readonly row: number;
  /** Sweeps finished so far in each mode. */
  readonly forwardDone: number;
  readonly reverseDone: number;
}

const unitIndex = (s: ArrayLike<number>): number => {
  let at = -1;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === 0) continue;
    if (s[i] !== 1 || at >= 0) return -1;
    at = i;
  }
  return at;
};

const EMPTY: JacobianCell = { state: 'empty', value: null, fresh: false };
const done = (value: number): JacobianCell => ({ state: 'filled', value, fresh: false });

/**
 * How far the Jacobian has been filled at timeline position `step` of a trace, if sweeps run in order
 * of the seeds: e_1, e_2, … for forward mode, ē_1, ē_2, … for reverse mode. The trace's tangent sweep
 * is the forward sweep of its seed, its adjoint sweep the reverse sweep of its adjoint seed.
 */
export function jacobianFill(tape: Tape, trace: Trace, step: number): JacobianFill {
  const Jf = jacobianForward(tape, trace.v);
  const Jr = jacobianReverse(tape, trace.v);
  const column = unitIndex(trace.xDot);
  const row = unitIndex(trace.yBar);

  const tangentStep = new Map<number, number>();
  const adjointSteps = new Map<number, number[]>();
  trace.steps.forEach((s, i) => {
    if (s.phase === 'tangent') tangentStep.set(s.target, i);
    else if (s.phase === 'adjoint') adjointSteps.set(s.target, [...(adjointSteps.get(s.target) ?? []), i]);
  });
  const adjointEnd = trace.phases.adjoint.end;

  const forward = Jf.map((values, r) =>
    values.map((value, c): JacobianCell => {
      if (c < column) return done(value);
      if (c > column) return EMPTY;
      const at = tangentStep.get(tape.outputs[r]!.index) ?? Infinity;
      return at < step ? { state: 'filled', value, fresh: at === step - 1 } : EMPTY;
    }),
  );
  const reverse = Jr.map((values, r) =>
    values.map((value, c): JacobianCell => {
      if (r < row) return done(value);
      if (r > row) return EMPTY;
      const steps = adjointSteps.get(tape.inputs[c]!.index) ?? [];
      const reached = steps.filter((i) => i < step);
      if (steps.length === 0) return step >= adjointEnd ? done(value) : EMPTY;
      if (reached.length === 0) return EMPTY;
      const last = reached[reached.length - 1]!;
      return {
        state: reached.length === steps.length ? 'filled' : 'partial',
        value: trace.steps[last]!.value,
        fresh: last === step - 1,
      };
    }),
  );
  const columnDone = column >= 0 && forward.every((cells) => cells[column]!.state === 'filled');
  const rowDone = row >= 0 && reverse[row]!.every((cell) => cell.state === 'filled');
  return {
    forward,
    reverse,
    column,
    row,
    forwardDone: column < 0 ? 0 : column + (columnDone ? 1 : 0),
    reverseDone: row < 0 ? 0 : row + (rowDone ? 1 : 0),
  };
}
