/**
 * The tape as flat typed arrays, and the sweeps over them.
 *
 * Node i (inputs first) has an operation code `op[i]` (its row's position in `RULE_LIST`) and two
 * operands: `a0[i]`, `a1[i]` are the argument nodes' indices, or −1 for a constant operand whose value
 * is `c0[i]`, `c1[i]` (NaN where a unary row has no second operand). The sweeps read the rule table
 * through arrays of its rows' functions (`eval`, `d0`, `d1`), so a sweep is one loop over typed
 * arrays with no lookup by name, no closure made and nothing allocated per node:
 *
 *   primal:   v_i = φ_i(a, b)
 *   tangent:  v̇_i = ∂φ_i/∂a · v̇_{a0} + ∂φ_i/∂b · v̇_{a1}
 *   adjoint:  v̄_{a0} += v̄_i · ∂φ_i/∂a,  v̄_{a1} += v̄_i · ∂φ_i/∂b,   i = l … 1
 *
 * One convention for products of a partial with a tangent or an adjoint (README, "Conventions"): when
 * either factor is exactly 0 the product is 0, even if the other is infinite or NaN. So a quantity
 * that does not depend on x has derivative 0 (a zero tangent or adjoint), a zero partial cuts the
 * path (`sqrt(x)*0` at 0), and forward and reverse mode agree on every such case.
 */
import { RULE_CODE, RULE_LIST } from './rules';
import type { Tape } from './tape';

/** The code of an input node (not a row of the table). */
export const INPUT_CODE = 255;

export interface FlatTape {
  /** Number of inputs (nodes 0 … n−1) and of nodes. */
  readonly n: number;
  readonly count: number;
  readonly op: Uint8Array;
  readonly a0: Int32Array;
  readonly a1: Int32Array;
  readonly c0: Float64Array;
  readonly c1: Float64Array;
  /** Node index of each output. */
  readonly outputs: Int32Array;
}

const EVAL = RULE_LIST.map((r) => r.eval);
const D0 = RULE_LIST.map((r) => r.d0);
const D1 = RULE_LIST.map((r) => r.d1);

const cache = new WeakMap<Tape, FlatTape>();

/** The flat form of a tape (memoised per tape: a tape never changes). */
export function flatOf(tape: Tape): FlatTape {
  let f = cache.get(tape);
  if (!f) {
    f = flatten(tape);
    cache.set(tape, f);
  }
  return f;
}

/** Builds the flat arrays of a tape. */
export function flatten(tape: Tape): FlatTape {
  const count = tape.nodes.length;
  const op = new Uint8Array(count);
  const a0 = new Int32Array(count).fill(-1);
  const a1 = new Int32Array(count).fill(-1);
  const c0 = new Float64Array(count).fill(NaN);
  const c1 = new Float64Array(count).fill(NaN);
  for (let i = 0; i < count; i++) {
    const node = tape.nodes[i]!;
    if (node.op === 'input') {
      op[i] = INPUT_CODE;
      continue;
    }
    op[i] = RULE_CODE.get(node.op)!;
    const [x, y] = node.args;
    if (x) {
      if (x.kind === 'node') a0[i] = x.index;
      else c0[i] = x.value;
    }
    if (y) {
      if (y.kind === 'node') a1[i] = y.index;
      else c1[i] = y.value;
    }
  }
  return { n: tape.n, count, op, a0, a1, c0, c1, outputs: Int32Array.from(tape.outputs, (o) => o.index) };
}

/** Primal sweep: every node's value, given the inputs' values. */
export function flatPrimal(f: FlatTape, x: ArrayLike<number>, out?: Float64Array): Float64Array {
  const { n, count, op, a0, a1, c0, c1 } = f;
  const v = out ?? new Float64Array(count);
  for (let i = 0; i < n; i++) v[i] = x[i]!;
  for (let i = n; i < count; i++) {
    const j0 = a0[i]!;
    const j1 = a1[i]!;
    v[i] = EVAL[op[i]!]!(j0 >= 0 ? v[j0]! : c0[i]!, j1 >= 0 ? v[j1]! : c1[i]!);
  }
  return v;
}

/** Tangent sweep for the seed ẋ (one entry per input). */
export function flatTangent(
  f: FlatTape,
  v: ArrayLike<number>,
  xDot: ArrayLike<number>,
  out?: Float64Array,
): Float64Array {
  const { n, count, op, a0, a1, c0, c1 } = f;
  const vDot = out ?? new Float64Array(count);
  for (let i = 0; i < n; i++) vDot[i] = xDot[i]!;
  for (let i = n; i < count; i++) {
    const j0 = a0[i]!;
    const j1 = a1[i]!;
    const t0 = j0 >= 0 ? vDot[j0]! : 0;
    const t1 = j1 >= 0 ? vDot[j1]! : 0;
    let s = 0;
    if (t0 !== 0 || t1 !== 0) {
      const a = j0 >= 0 ? v[j0]! : c0[i]!;
      const b = j1 >= 0 ? v[j1]! : c1[i]!;
      const code = op[i]!;
      if (t0 !== 0) {
        const p = D0[code]!(a, b, v[i]!);
        if (p !== 0) s += p * t0;
      }
      if (t1 !== 0) {
        const p = D1[code]!(a, b, v[i]!);
        if (p !== 0) s += p * t1;
      }
    }
    vDot[i] = s;
  }
  return vDot;
}

/**
 * Reverse sweep without recording: v̄ for output weights ȳ (one entry per output). The same
 * arithmetic, in the same order, as `flatAdjointRecord`.
 */
export function flatAdjoint(
  f: FlatTape,
  v: ArrayLike<number>,
  yBar: ArrayLike<number>,
  out?: Float64Array,
): Float64Array {
  const { n, count, op, a0, a1, c0, c1, outputs } = f;
  const vBar = out ?? new Float64Array(count);
  if (out) vBar.fill(0);
  for (let j = 0; j < outputs.length; j++) {
    const w = yBar[j]!;
    if (w !== 0) vBar[outputs[j]!] = vBar[outputs[j]!]! + w;
  }
  for (let i = count - 1; i >= n; i--) {
    const bar = vBar[i]!;
    const j0 = a0[i]!;
    const j1 = a1[i]!;
    if (bar === 0) {
      // Adds 0 as the recording sweep does, so that the two agree to the bit (−0 + 0 is +0).
      if (j0 >= 0) vBar[j0] = vBar[j0]! + 0;
      if (j1 >= 0) vBar[j1] = vBar[j1]! + 0;
      continue;
    }
    const a = j0 >= 0 ? v[j0]! : c0[i]!;
    const b = j1 >= 0 ? v[j1]! : c1[i]!;
    const code = op[i]!;
    if (j0 >= 0) {
      const p = D0[code]!(a, b, v[i]!);
      vBar[j0] = vBar[j0]! + (p === 0 ? 0 : bar * p);
    }
    if (j1 >= 0) {
      const p = D1[code]!(a, b, v[i]!);
      vBar[j1] = vBar[j1]! + (p === 0 ? 0 : bar * p);
    }
  }
  return vBar;
}

/**
 * Every assignment of a reverse sweep, in execution order (Baydin et al., Table 3), as parallel
 * typed arrays: the seeds, then for each node from v_l down to v_1 one assignment per node argument,
 * in argument order. Entry k pushes `from[k]`'s adjoint times `partial[k]` into `target[k]` (a seed
 * has `from` −1 and names its output in `output`); `before` and `value` are v̄_target before and
 * after; `accumulate` is 1 when the target already had a contribution.
 */
export interface AdjointRecord {
  readonly length: number;
  readonly target: Int32Array;
  readonly from: Int32Array;
  readonly arg: Int8Array;
  readonly output: Int32Array;
  readonly partial: Float64Array;
  readonly accumulate: Uint8Array;
  readonly before: Float64Array;
  readonly value: Float64Array;
  /** The adjoints after the sweep. */
  readonly vBar: Float64Array;
}

/** Reverse sweep recording every assignment for the views (see `AdjointRecord`). */
export function flatAdjointRecord(f: FlatTape, v: ArrayLike<number>, yBar: ArrayLike<number>): AdjointRecord {
  const { n, count, op, a0, a1, c0, c1, outputs } = f;
  let max = outputs.length;
  for (let i = n; i < count; i++) max += (a0[i]! >= 0 ? 1 : 0) + (a1[i]! >= 0 ? 1 : 0);
  const target = new Int32Array(max);
  const from = new Int32Array(max);
  const arg = new Int8Array(max);
  const output = new Int32Array(max).fill(-1);
  const partial = new Float64Array(max);
  const accumulate = new Uint8Array(max);
  const before = new Float64Array(max);
  const value = new Float64Array(max);
  const vBar = new Float64Array(count);
  const touched = new Uint8Array(count);
  let k = 0;
  for (let j = 0; j < outputs.length; j++) {
    const w = yBar[j]!;
    if (w === 0) continue;
    const o = outputs[j]!;
    const prev = vBar[o]!;
    vBar[o] = prev + w;
    target[k] = o;
    from[k] = -1;
    arg[k] = -1;
    output[k] = j;
    partial[k] = 1;
    accumulate[k] = touched[o]!;
    before[k] = prev;
    value[k] = vBar[o]!;
    touched[o] = 1;
    k++;
  }
  for (let i = count - 1; i >= n; i--) {
    const j0 = a0[i]!;
    const j1 = a1[i]!;
    if (j0 < 0 && j1 < 0) continue;
    const bar = vBar[i]!;
    const a = j0 >= 0 ? v[j0]! : c0[i]!;
    const b = j1 >= 0 ? v[j1]! : c1[i]!;
    const code = op[i]!;
    for (let slot = 0; slot < 2; slot++) {
      const t = slot === 0 ? j0 : j1;
      if (t < 0) continue;
      const p = slot === 0 ? D0[code]!(a, b, v[i]!) : D1[code]!(a, b, v[i]!);
      const prev = vBar[t]!;
      vBar[t] = prev + (bar === 0 || p === 0 ? 0 : bar * p);
      target[k] = t;
      from[k] = i;
      arg[k] = slot;
      partial[k] = p;
      accumulate[k] = touched[t]!;
      before[k] = prev;
      value[k] = vBar[t]!;
      touched[t] = 1;
      k++;
    }
  }
  return { length: k, target, from, arg, output, partial, accumulate, before, value, vBar };
}
