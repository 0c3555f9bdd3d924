/**
 * Training: gradient descent on one output of a program, with the core's own sweeps as the gradient.
 *
 * Some inputs are parameters w, the others data. Without a data table the loss is the chosen output
 * L(w) at the data inputs' values; with a table of R rows it is the mean over the rows,
 *
 *   L(w) = (1/R) Σ_r f(w, d_r),   ∇L(w) = (1/R) Σ_r ∇_w f(w, d_r)   (full-batch gradient descent),
 *
 * each row's gradient from one primal sweep and one reverse sweep seeded with ȳ = e_loss. One step is
 *
 *   w_{j+1} = w_j − η ∇L(w_j),
 *
 * and a run of k steps records L_0 … L_k (L_j the loss at w_j) and the iterates w_0 … w_k.
 *
 * A program with control flow is recorded again at every point it is evaluated at (its path depends
 * on the parameters and the row); a straight-line program's tape is built once and reused. Nothing
 * here throws: a program that cannot run at some point (a loop past its limit) ends the run with a
 * message naming the step, and a loss or parameter that is not finite (η too large) is reported as
 * divergence, not hidden.
 */
import { flatAdjoint, flatOf, flatPrimal } from './flat';
import { plainOp, rule, type Note } from './rules';
import { tapeOf, type ProgramInfo, type Tape } from './tape';
import { nodeNotes } from './trace';
import { MAX_DATA_ROWS, MAX_DATA_TEXT, MAX_TRAIN_STEPS } from './limits';
import { parseValue } from './values';

export { MAX_DATA_ROWS, MAX_DATA_TEXT, MAX_TRAIN_STEPS };
/**
 * A run stops as converged once every component of the gradient is smaller than this in magnitude.
 */
export const CONVERGED_GRADIENT = 1e-6;
/** The loss is said to grow without bound once it exceeds its start by this factor (and 1). */
export const DIVERGENCE_FACTOR = 1e6;

/** A table of values for data inputs: one column per name, one row per example. */
export interface DataTable {
  /** The data inputs the columns give, in the order of the header. */
  readonly names: readonly string[];
  /** `rows[r][c]` is the value of `names[c]` in row r. */
  readonly rows: readonly (readonly number[])[];
}

/** Where a data text is wrong: 1-based line and column, as people count them. */
export interface DataError {
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

export type DataResult =
  { readonly ok: true; readonly data: DataTable | null } | { readonly ok: false; readonly error: DataError };

const NAME = /^[A-Za-z][A-Za-z0-9]*$/;
const limit = (n: number): string => n.toLocaleString('en-US');

/** The columns of one line: each field's text and its 1-based starting column. */
function fields(line: string, separator: string): { text: string; column: number }[] {
  const out: { text: string; column: number }[] = [];
  let start = 0;
  for (;;) {
    const end = line.indexOf(separator, start);
    const raw = line.slice(start, end < 0 ? line.length : end);
    const lead = raw.length - raw.trimStart().length;
    out.push({ text: raw.trim(), column: start + lead + 1 });
    if (end < 0) return out;
    start = end + separator.length;
  }
}

/**
 * Reads a data table typed or pasted as CSV: a header line naming data inputs, then one line of
 * numbers per row. Fields are separated by commas (or by tabs, when the header has tabs and no comma,
 * as text copied from a spreadsheet); blank lines are skipped; numbers are read as input fields are
 * (`parseValue`: finite decimals only). Empty text is no table. Every problem is located.
 *
 * @param inputs the program's inputs; @param params those that are parameters (not allowed as columns).
 */
export function parseData(text: string, inputs: readonly string[], params: readonly string[]): DataResult {
  const fail = (message: string, line: number, column: number): DataResult => ({
    ok: false,
    error: { message, line, column },
  });
  if (text.length > MAX_DATA_TEXT)
    return fail(
      `The data is too long: ${limit(text.length)} characters (limit ${limit(MAX_DATA_TEXT)})`,
      1,
      1,
    );
  const lines = text.split(/\r?\n|\r/);
  const headerAt = lines.findIndex((l) => l.trim() !== '');
  if (headerAt < 0) return { ok: true, data: null };
  const header = lines[headerAt]!;
  const separator = header.includes(',') || !header.includes('\t') ? ',' : '\t';
  const names: string[] = [];
  for (const f of fields(header, separator)) {
    const at = (message: string) => fail(message, headerAt + 1, f.column);
    if (f.text === '') return at('A column of the header has no name');
    if (!NAME.test(f.text))
      return at(
        /^[+-]?[\d.]/.test(f.text)
          ? `The first line must name the columns (data inputs), not give numbers: found ${f.text}`
          : `${JSON.stringify(f.text)} is not a name: a column is named by a data input, like x or t`,
      );
    if (params.includes(f.text))
      return at(`${f.text} is a parameter; a column gives the values of a data input (untick ${f.text})`);
    if (!inputs.includes(f.text)) {
      const data = inputs.filter((i) => !params.includes(i));
      return at(
        `The expression has no input ${f.text}${data.length ? `; data inputs are ${data.join(', ')}` : ''}`,
      );
    }
    if (names.includes(f.text)) return at(`The column ${f.text} is given twice`);
    names.push(f.text);
  }
  const rows: number[][] = [];
  for (let l = headerAt + 1; l < lines.length; l++) {
    const line = lines[l]!;
    if (line.trim() === '') continue;
    if (rows.length === MAX_DATA_ROWS)
      return fail(`Too many rows: the limit is ${limit(MAX_DATA_ROWS)}`, l + 1, 1);
    const cells = fields(line, separator);
    if (cells.length !== names.length) {
      const where = cells.length > names.length ? cells[names.length]!.column : line.length + 1;
      return fail(
        `This row has ${cells.length} ${cells.length === 1 ? 'value' : 'values'}; the header names ${names.length} ${names.length === 1 ? 'column' : 'columns'}`,
        l + 1,
        where,
      );
    }
    const row: number[] = [];
    for (const [c, cell] of cells.entries()) {
      const parsed = parseValue(names[c]!, cell.text);
      if (!parsed.ok) return fail(parsed.message, l + 1, cell.column);
      row.push(parsed.value);
    }
    rows.push(row);
  }
  if (rows.length === 0) return fail('The header is there but no row of values follows it', headerAt + 2, 1);
  return { ok: true, data: { names, rows } };
}

/** A data table as CSV text (header, then rows), numbers in full precision. */
export function dataText(data: DataTable): string {
  return [data.names.join(','), ...data.rows.map((r) => r.map((x) => String(x)).join(','))].join('\n');
}

// ---------------------------------------------------------------------------------------------
// The loss, its gradient and the steps

/** What a run trains: the program, the starting point, which inputs are parameters, η, the data. */
export interface TrainSetup {
  readonly info: ProgramInfo;
  /** Every input's value at the start, in the order of `info.inputs`. */
  readonly x: readonly number[];
  /** Indices into `info.inputs` of the parameters. */
  readonly params: readonly number[];
  /** The learning rate η > 0. */
  readonly rate: number;
  readonly data?: DataTable | null;
  /** The output that is the loss (index into `info.outputs`); default 0, the first. */
  readonly output?: number;
  readonly merge?: boolean;
}

/**
 * Where a loss that is not finite came from: the first node of the tape (in evaluation order) whose
 * value is NaN or ±∞. Its arguments are finite (the nodes before it are), so its operation is what
 * went wrong, and the rule table's note says how (outside the domain of sqrt, 0/0, an overflow…).
 */
export interface NonFiniteCause {
  /** The node's id as the trace shows it: `v3`. */
  readonly node: string;
  /** The operation with its arguments' values, as plain text: `sqrt(-1.5)`, `0 / 0`. */
  readonly call: string;
  /** Its value as text (`NaN`, `Infinity`, `-Infinity`), so that the cause survives JSON. */
  readonly value: string;
  /** The rule table's note at those arguments, if it has one. */
  readonly note: Note | null;
  /**
   * An overflow: finite arguments, none of them 0, whose result is too large for a double (exp(800),
   * 1e200 × 1e200), the end of steps that overshoot; not a pole such as ln(0) or 1/0.
   */
  readonly overflow: boolean;
  /** The data row (0-based) whose evaluation it was, when the loss is a mean over a table. */
  readonly row: number | null;
}

export type Evaluation =
  | {
      readonly ok: true;
      readonly loss: number;
      readonly grad: number[];
      /** Set when the loss is not finite and the node it came from is known. */
      readonly cause?: NonFiniteCause;
    }
  | { readonly ok: false; readonly message: string };

const num = (x: number): string => (Number.isFinite(x) ? String(Number(x.toPrecision(4))) : String(x));

/** The first node of `tape` whose value in `v` is not finite, described; null if every value is finite. */
function nonFiniteCause(tape: Tape, v: ArrayLike<number>, row: number | null): NonFiniteCause | null {
  const node = tape.nodes.find((n) => n.op !== 'input' && !Number.isFinite(v[n.index]!));
  if (!node) return null;
  const args = node.args.map((a) => (a.kind === 'node' ? v[a.index]! : a.value));
  // Only nodes with finite arguments can be the first; an input that is not finite is a parameter
  // (reported as such) or data (which is finite by construction).
  if (!args.every(Number.isFinite)) return null;
  const note = nodeNotes(tape, v).find((n) => n.index === node.index);
  return {
    node: node.id,
    call: plainOp(rule(node.op), num(args[0]!), num(args[1] ?? NaN)),
    value: String(v[node.index]!),
    note: note ? { kind: note.kind, message: note.message } : null,
    overflow: note?.kind === 'overflow' && args.every((a) => a !== 0),
    row,
  };
}

/**
 * A function computing (L, ∇_w L) at given input values, for `setup`'s program, data and loss. It
 * caches the tape of a straight-line program; a program with control flow is recorded per point.
 */
export function lossFunction(setup: TrainSetup): (x: readonly number[]) => Evaluation {
  const { info, params, data } = setup;
  const merge = setup.merge ?? true;
  const out = setup.output ?? 0;
  const columns = data ? data.names.map((name) => info.inputs.indexOf(name)) : [];
  let fixed: Tape | null = null;
  const yBar = new Float64Array(info.outputs.length);
  yBar[out] = 1;
  const one = (
    x: readonly number[],
    sum: number[],
    row: number | null,
  ): { ok: true; loss: number; cause?: NonFiniteCause } | { ok: false; message: string } => {
    let tape = fixed;
    if (!tape) {
      const compiled = tapeOf(info, { merge, x });
      if (!compiled.ok) return { ok: false, message: compiled.error.message };
      tape = compiled.tape;
      if (!info.dynamic) fixed = tape;
    }
    const flat = flatOf(tape);
    const v = flatPrimal(flat, x);
    const vBar = flatAdjoint(flat, v, yBar);
    for (let p = 0; p < params.length; p++) sum[p]! += vBar[tape.inputs[params[p]!]!.index]!;
    const loss = v[tape.outputs[out]!.index]!;
    if (Number.isFinite(loss)) return { ok: true, loss };
    const cause = nonFiniteCause(tape, v, row);
    return cause ? { ok: true, loss, cause } : { ok: true, loss };
  };
  return (x) => {
    const grad = new Array<number>(params.length).fill(0);
    if (!data) {
      const r = one(x, grad, null);
      return r.ok ? { ok: true, loss: r.loss, grad, ...(r.cause ? { cause: r.cause } : {}) } : r;
    }
    const at = [...x];
    let loss = 0;
    let cause: NonFiniteCause | undefined;
    for (let i = 0; i < data.rows.length; i++) {
      const row = data.rows[i]!;
      for (let c = 0; c < columns.length; c++) at[columns[c]!] = row[c]!;
      const r = one(at, grad, i);
      if (!r.ok) return r;
      loss += r.loss;
      cause ??= r.cause;
    }
    const R = data.rows.length;
    loss /= R;
    return {
      ok: true,
      loss,
      grad: grad.map((g) => g / R),
      ...(cause && !Number.isFinite(loss) ? { cause } : {}),
    };
  };
}

/** Why a run ended before its steps were done, or what went wrong on the way. */
export interface TrainStop {
  /** The iterate at which it happened (0 = the start). */
  readonly step: number;
  readonly reason: 'non-finite' | 'growing' | 'converged' | 'error' | 'budget';
  readonly message: string;
  /** For a loss that is not finite: the node it came from, when known. */
  readonly cause?: NonFiniteCause;
}

export interface TrainRun {
  /** L_0 … L_m, L_j the loss at the j-th iterate (m = the steps taken). */
  readonly loss: number[];
  /** ∇L at each iterate, one entry per parameter (same length as `loss`; empty where unknown). */
  readonly grads: number[][];
  /** The parameters' values at each iterate: `path[j][p]` (same length as `loss`). */
  readonly path: number[][];
  /** Every input's value after the last step taken. */
  readonly final: number[];
  /** The first point where the loss or a parameter was not finite, or the loss grew without bound. */
  readonly diverged: TrainStop | null;
  /** Set when the run stopped early: diverged (with `stopOnDivergence`), converged, or an error. */
  readonly stopped: TrainStop | null;
}

export interface RunOptions {
  /** Steps to take (at most MAX_TRAIN_STEPS). */
  readonly steps: number;
  /** Stop at the first sign of divergence (the page); otherwise take every step (the command line). */
  readonly stopOnDivergence?: boolean;
  /** Stop once every gradient component is below CONVERGED_GRADIENT in magnitude. */
  readonly untilConverged?: boolean;
  /**
   * Most evaluations of a program row (rows × iterates) the run may make; it stops before going past
   * (the page's guard against a frozen tab). Default: no limit besides `steps`.
   */
  readonly budget?: number;
  /** A run of the same setup to continue (not stopped): `steps` counts from its start. */
  readonly resume?: TrainRun;
}

/** `v3 = sqrt(-1.5) = NaN (outside the domain of sqrt)`, and the data row when there is one. */
function causeText(c: NonFiniteCause): string {
  const note = c.note ? ` (${c.note.message})` : '';
  const row = c.row === null ? '' : ` in data row ${c.row + 1}`;
  return `${c.node} = ${c.call} = ${c.value}${note}${row}`;
}

/**
 * The divergence seen at iterate j (parameters `w`, loss `L`, and `cause` when the loss is not finite
 * and the node it came from is known), or null. `previous` is the gradient at iterate j − 1, which
 * made the step to w: a parameter that is not finite came from it.
 */
function divergence(
  j: number,
  w: readonly number[],
  L: number,
  L0: number,
  names: readonly string[],
  rate: number,
  cause: NonFiniteCause | undefined,
  previous: readonly number[] | undefined,
): TrainStop | null {
  const bad = names.findIndex((_, p) => !Number.isFinite(w[p]!));
  if (bad >= 0) {
    const g = previous?.[bad];
    return {
      step: j,
      reason: 'non-finite',
      message:
        j > 0 && g !== undefined && !Number.isFinite(g)
          ? `At step ${j} the parameter ${names[bad]} is ${num(w[bad]!)}: at step ${j - 1} the gradient ∂L/∂${names[bad]} is ${num(g)} (the loss has no finite slope there), so the step w ← w − η ∂L/∂w is not finite.`
          : `At step ${j} the parameter ${names[bad]} is ${num(w[bad]!)}: the steps overshoot and grow (η = ${rate} is too large for this loss).`,
    };
  }
  if (!Number.isFinite(L)) {
    // An overflow that makes the loss infinite is the overshooting the general message describes;
    // anything else (a domain error, 0/0, a pole such as ln(0), or a NaN after an overflow) is named
    // where it happened.
    const overflowed = !Number.isNaN(L) && (cause === undefined || cause.overflow);
    const message =
      cause && !overflowed
        ? `At step ${j} the loss is ${num(L)}: the first value that is not finite is ${causeText(cause)}.` +
          (j > 0
            ? ` The step from step ${j - 1} took the parameters there (η = ${rate} may be too large for this loss).`
            : '')
        : Number.isNaN(L)
          ? `At step ${j} the loss is NaN: the steps overshot until a value was undefined (such as 0 × ln 0 or ∞ − ∞) (η = ${rate} is too large for this loss).`
          : `At step ${j} the loss is ${num(L)}: the steps overshot until the loss overflowed the range of doubles (η = ${rate} is too large for this loss).`;
    return { step: j, reason: 'non-finite', message, ...(cause ? { cause } : {}) };
  }
  if (j > 0 && L > L0 && L - L0 > DIVERGENCE_FACTOR * Math.max(1, Math.abs(L0))) {
    return {
      step: j,
      reason: 'growing',
      message: `At step ${j} the loss is ${num(L)}, more than ${limit(DIVERGENCE_FACTOR)} times its start ${num(L0)}: each step overshoots the minimum by more than the last (η = ${rate} is too large).`,
    };
  }
  return null;
}

/**
 * Runs gradient descent from `setup.x`: k steps w ← w − η ∇L(w), recording L_0 … L_k. With
 * `resume`, a run of the same setup is continued to `steps` in all (the result is the same as one
 * run of that many steps). Never throws.
 */
export function train(setup: TrainSetup, options: RunOptions): TrainRun {
  const evaluate = lossFunction(setup);
  const { params, rate } = setup;
  const names = params.map((p) => setup.info.inputs[p]!);
  const rows = setup.data ? setup.data.rows.length : 1;
  const steps = Math.max(0, Math.min(MAX_TRAIN_STEPS, Math.floor(options.steps)));
  const maxIterates =
    options.budget === undefined ? Infinity : Math.max(1, Math.floor(options.budget / rows));
  const resume = options.resume;
  if (resume?.stopped) return resume;
  const x = resume ? [...resume.final] : [...setup.x];
  const loss: number[] = resume ? [...resume.loss] : [];
  const grads: number[][] = resume ? [...resume.grads] : [];
  const path: number[][] = resume ? [...resume.path] : [];
  let diverged: TrainStop | null = resume?.diverged ?? null;
  let stopped: TrainStop | null = null;
  const L0 = (): number => loss[0] ?? NaN;
  const j0 = resume ? Math.max(0, resume.loss.length - 1) : 0;
  for (let j = j0; j <= steps; j++) {
    // A resumed run has its last iterate evaluated already: it continues with that iterate's step.
    if (!resume || j > j0 || loss.length === 0) {
      const w = params.map((p) => x[p]!);
      const e = evaluate(x);
      if (!e.ok) {
        stopped = {
          step: j,
          reason: 'error',
          message: `At step ${j} the program could not run: ${e.message}`,
        };
        break;
      }
      loss.push(e.loss);
      grads.push(e.grad);
      path.push(w);
      if (!diverged) {
        diverged = divergence(j, w, e.loss, L0(), names, rate, e.cause, grads[j - 1]);
        if (diverged && options.stopOnDivergence) {
          stopped = diverged;
          break;
        }
      }
    }
    const e = { loss: loss[j]!, grad: grads[j]! };
    if (j === steps) break;
    if (options.untilConverged && e.grad.every((g) => Math.abs(g) < CONVERGED_GRADIENT)) {
      stopped = {
        step: j,
        reason: 'converged',
        message: `Converged at step ${j}: every |∂L/∂w| is below ${CONVERGED_GRADIENT}.`,
      };
      break;
    }
    if (j + 1 >= maxIterates) {
      stopped = {
        step: j,
        reason: 'budget',
        message: `Stopped after ${j} steps: ${limit(rows)} rows × ${limit(j + 1)} evaluations is as much work as one run may do here.`,
      };
      break;
    }
    for (let p = 0; p < params.length; p++) x[params[p]!] = x[params[p]!]! - rate * e.grad[p]!;
  }
  return { loss, grads, path, final: x, diverged, stopped };
}

/** One parameter's update of one step, for the rows `w = 0.5 − 0.1 × 0.197 = 0.480`. */
export interface UpdateRow {
  readonly name: string;
  readonly before: number;
  readonly rate: number;
  readonly gradient: number;
  readonly after: number;
}

/** The update rows of step j → j+1 of a run (one per parameter), or [] when there is no such step. */
export function updateRows(run: TrainRun, names: readonly string[], rate: number, j: number): UpdateRow[] {
  const w = run.path[j];
  const g = run.grads[j];
  const next = run.path[j + 1];
  if (!w || !g || !next) return [];
  return names.map((name, p) => ({ name, before: w[p]!, rate, gradient: g[p]!, after: next[p]! }));
}

/**
 * The loss over a grid of two parameters' values, the other inputs as in `setup.x`: entry
 * `iy * xs.length + ix` is L at (xs[ix], ys[iy]) for parameters `setup.params[pair[0]]`,
 * `setup.params[pair[1]]` (for a contour plot). A point where the program cannot run is NaN.
 */
export function lossGrid(
  setup: TrainSetup,
  pair: readonly [number, number],
  xs: readonly number[],
  ys: readonly number[],
): Float64Array {
  const evaluate = lossFunction(setup);
  const x = [...setup.x];
  const [a, b] = [setup.params[pair[0]]!, setup.params[pair[1]]!];
  const out = new Float64Array(xs.length * ys.length);
  for (let iy = 0; iy < ys.length; iy++) {
    for (let ix = 0; ix < xs.length; ix++) {
      x[a] = xs[ix]!;
      x[b] = ys[iy]!;
      const e = evaluate(x);
      out[iy * xs.length + ix] = e.ok ? e.loss : NaN;
    }
  }
  return out;
}
