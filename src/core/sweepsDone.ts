/**
 * Which sweeps have run to their end (the results strip and the Jacobian tab count them from one
 * history). Apart from jacobian.ts so that the page's first load, which shows the strip, does not
 * carry the Jacobian tab's fill and costs (they load with the tab).
 */
import type { Tape } from './tape';
import type { Trace } from './trace';

/**
 * Sweeps that ran to their end earlier on the same tape at the same point (for instance from the
 * Jacobian explorer's buttons): the columns (input indices) forward mode has filled and the rows
 * (output indices) reverse mode has filled.
 */
export interface SweptBefore {
  readonly columns: readonly number[];
  readonly rows: readonly number[];
}

export const NOTHING_SWEPT: SweptBefore = { columns: [], rows: [] };

/** Sweeps finished in each mode: the earlier ones, and the trace's own once its timeline has run it. */
export interface SweepsDone {
  /** The column the trace's tangent sweep fills and the row its adjoint sweep fills (−1: not a unit seed). */
  readonly column: number;
  readonly row: number;
  /** Whether the trace's tangent sweep has given every output's tangent, its adjoint sweep every input's adjoint. */
  readonly columnDone: boolean;
  readonly rowDone: boolean;
  /** Columns of J known: those swept before, and the trace's seeded one once its sweep is done. */
  readonly forwardDone: number;
  /** Rows of J known, likewise. */
  readonly reverseDone: number;
  /** The first column (row) not known yet, in the order of the seeds; −1 once all are. */
  readonly nextColumn: number;
  readonly nextRow: number;
}

export const unitIndex = (s: ArrayLike<number>): number => {
  let at = -1;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === 0) continue;
    if (s[i] !== 1 || at >= 0) return -1;
    at = i;
  }
  return at;
};

interface StepIndex {
  /** The step that assigns each node's tangent, and the steps that add to each node's adjoint. */
  readonly tangentStep: ReadonlyMap<number, number>;
  readonly adjointSteps: ReadonlyMap<number, readonly number[]>;
}

/** Per trace (immutable): a step of the timeline does not scan every step again. */
const stepIndexes = new WeakMap<Trace, StepIndex>();

export function stepIndex(trace: Trace): StepIndex {
  let index = stepIndexes.get(trace);
  if (index) return index;
  const tangentStep = new Map<number, number>();
  const adjointSteps = new Map<number, number[]>();
  trace.steps.forEach((s, i) => {
    if (s.phase === 'tangent') tangentStep.set(s.target, i);
    else if (s.phase === 'adjoint') {
      const steps = adjointSteps.get(s.target);
      if (steps) steps.push(i);
      else adjointSteps.set(s.target, [i]);
    }
  });
  stepIndexes.set(trace, (index = { tangentStep, adjointSteps }));
  return index;
}

/** Whether the trace's tangent sweep has given every output's tangent before `step`. */
function tangentSweepDone(tape: Tape, trace: Trace, step: number): boolean {
  const { tangentStep } = stepIndex(trace);
  return tape.outputs.every((o) => (tangentStep.get(o.index) ?? Infinity) < step);
}

/** Whether the trace's adjoint sweep has given every input's adjoint its last contribution before `step`. */
function adjointSweepDone(tape: Tape, trace: Trace, step: number): boolean {
  const { adjointSteps } = stepIndex(trace);
  return tape.inputs.every((x) => {
    const steps = adjointSteps.get(x.index);
    return steps ? steps[steps.length - 1]! < step : step >= trace.phases.adjoint.end;
  });
}

/** For each of `k` columns (rows): known, from the current sweep's progress or an earlier sweep. */
export const known = (
  k: number,
  current: number,
  currentDone: boolean,
  earlier: readonly number[],
): boolean[] => Array.from({ length: k }, (_, i) => (i === current ? currentDone : earlier.includes(i)));

/**
 * The sweeps finished at timeline position `step`: a column i of J is known when a tangent sweep
 * seeded ẋ = e_i ran to its end — earlier (`before.columns`) or in this trace up to `step` — and a row j
 * when an adjoint sweep seeded ȳ = e_j did. The trace's own sweep follows its timeline: scrubbed back
 * to before its end, its column (row) is not known, whatever ran earlier. Nothing is assumed about
 * sweeps that were not run: seeding e_2 does not fill column 1.
 */
export function sweepsDone(
  tape: Tape,
  trace: Trace,
  step: number,
  before: SweptBefore = NOTHING_SWEPT,
): SweepsDone {
  const column = unitIndex(trace.xDot);
  const row = unitIndex(trace.yBar);
  const columnDone = column >= 0 && tangentSweepDone(tape, trace, step);
  const rowDone = row >= 0 && adjointSweepDone(tape, trace, step);
  const columns = known(tape.n, column, columnDone, before.columns);
  const rows = known(tape.outputs.length, row, rowDone, before.rows);
  return {
    column,
    row,
    columnDone,
    rowDone,
    forwardDone: columns.filter(Boolean).length,
    reverseDone: rows.filter(Boolean).length,
    nextColumn: columns.indexOf(false),
    nextRow: rows.indexOf(false),
  };
}
