import { useEffect, useSyncExternalStore } from 'react';
import { jacobianForward, type Tape, type Trace } from '../core/index';
import { sweepsDone, type SweptBefore } from '../core/sweepsDone';
import { useStore } from '../state/store';

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
  /**
   * Tangent sweeps whose column is known: the ones run before, and the current one once done (the
   * count the Jacobian panel gives too: the core's `sweepsDone`).
   */
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
    sweepsDone: sweepsDone(tape, trace, step, { columns: [...swept], rows: [] }).forwardDone,
  };
}

/**
 * Sweeps that ran to their end on one tape at one point: tangent sweeps by their seeded input's index
 * (`done`, the columns of J) and adjoint sweeps by their seeded output's index (`rows`).
 */
export interface SweepHistory {
  readonly tape: Tape | null;
  readonly point: string;
  readonly done: readonly number[];
  readonly rows: readonly number[];
  /** The link (or example) load this history follows (the store's `loadCount`); see `fromLink`. */
  readonly load?: number;
}

export const NO_SWEEPS: SweepHistory = { tape: null, point: '', done: [], rows: [] };

const pointOf = (tape: Tape, trace: Trace): string =>
  tape.inputs.map((x) => String(trace.v[x.index])).join(',');

/** `history` if it is about this tape and point, else a history of nothing. */
function sameRun(history: SweepHistory, tape: Tape, trace: Trace): SweepHistory {
  const point = pointOf(tape, trace);
  return history.tape === tape && history.point === point
    ? history
    : { tape, point, done: [], rows: [], ...(history.load === undefined ? {} : { load: history.load }) };
}

/**
 * The history a link opens with: its author ran the sweeps in the order of the seeds, so a link
 * seeded e(x2) comes after e(x1)'s sweep, and one seeded ȳ = e(r) after the rows above r. The state
 * lives in the link: a teacher's link to a Jacobian filled in full opens filled in full, and the
 * panel and the strip say the same. Sweeps run on the page afterwards are counted as they end.
 */
function fromLink(tape: Tape, trace: Trace, load: number): SweepHistory {
  const { column, row } = sweepsDone(tape, trace, 0);
  const upTo = (n: number) => Array.from({ length: Math.max(0, n) }, (_, i) => i);
  return { tape, point: pointOf(tape, trace), done: upTo(column), rows: upTo(row), load };
}

/** `h` with sweep `index` joined to its columns (`done`) or rows, if that sweep is done and new. */
function joined(h: SweepHistory, key: 'done' | 'rows', index: number, isDone: boolean): SweepHistory {
  return isDone && !h[key].includes(index) ? { ...h, [key]: [...h[key], index] } : h;
}

/**
 * The history after showing `trace` at `step`: a new tape or a new point starts it afresh; a tangent
 * sweep seen at its end (every output's tangent given, as the core's `sweepsDone` says) joins it.
 * Returns `history` itself when nothing changed.
 */
export function nextSweepHistory(
  history: SweepHistory,
  tape: Tape,
  trace: Trace,
  step: number,
): SweepHistory {
  const { column, columnDone } = sweepsDone(tape, trace, step);
  return joined(sameRun(history, tape, trace), 'done', column, columnDone);
}

/** What a history says to the core: the columns and rows swept before. */
export const sweptBefore = (h: SweepHistory): SweptBefore => ({ columns: h.done, rows: h.rows });

// One history for the page, so that the results strip and the Jacobian panel, which both show it,
// cannot disagree on it (each used to keep its own idea of which sweeps had run).
let shared: SweepHistory = NO_SWEEPS;
const listeners = new Set<() => void>();
const snapshot = (): SweepHistory => shared;
const subscribe = (listener: () => void): (() => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};
function publish(h: SweepHistory): void {
  if (h === shared) return;
  shared = h;
  for (const listener of listeners) listener();
}

/** Both joins at once, on one reading of the sweeps (every render of the strip and the panel runs it). */
function advance(h: SweepHistory, tape: Tape, trace: Trace, step: number): SweepHistory {
  const s = sweepsDone(tape, trace, step);
  return joined(joined(sameRun(h, tape, trace), 'done', s.column, s.columnDone), 'rows', s.row, s.rowDone);
}

/**
 * The page's sweep history as it stands once `trace` is shown at `step`. Every component that shows
 * it computes the same value in the same render; the first commit records it for the next trace.
 */
export function useSweepHistory(tape: Tape, trace: Trace, step: number): SweepHistory {
  const seen = useSyncExternalStore(subscribe, snapshot, snapshot);
  const load = useStore((s) => s.loadCount);
  const base = (h: SweepHistory) => (h.load === load ? h : fromLink(tape, trace, load));
  // After every render: cheap, and a no-op (the same object) when nothing changed.
  useEffect(() => publish(advance(base(shared), tape, trace, step)));
  return advance(base(seen), tape, trace, step);
}

/** Forgets one mode's sweeps (starting that mode over), keeping the other's. */
export function forgetSweeps(mode: 'forward' | 'reverse'): void {
  publish(mode === 'forward' ? { ...shared, done: [] } : { ...shared, rows: [] });
}

/** Records every sweep of both modes as run, at the trace's tape and point ("show both complete"). */
export function sweepEverything(tape: Tape, trace: Trace): void {
  publish({
    ...sameRun(shared, tape, trace),
    done: tape.inputs.map((_, j) => j),
    rows: tape.outputs.map((_, i) => i),
  });
}
