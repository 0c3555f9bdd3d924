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

/**
 * The primal sweep calls each rule's `eval` from a call site of its own (a `switch` on the code), so
 * that the compiler sees one target per site and inlines the rule's arithmetic: through one shared
 * call site (`EVAL[code](a, b)`) every node paid a call the compiler cannot inline, about twice the
 * cost of the arithmetic on sums of a thousand terms. The functions are still the table's own. The
 * same for the partials measured no faster in the reverse sweeps (memory, not calls, bounds them
 * there) and cost 0.5 KiB of the first load, so they go through the arrays.
 */
const SWITCHED_RULES = 27;
if (RULE_LIST.length !== SWITCHED_RULES) {
  throw new Error(`flat.ts dispatches ${SWITCHED_RULES} rules by switch; the table has ${RULE_LIST.length}`);
}
const E0 = EVAL[0]!;
const E1 = EVAL[1]!;
const E2 = EVAL[2]!;
const E3 = EVAL[3]!;
const E4 = EVAL[4]!;
const E5 = EVAL[5]!;
const E6 = EVAL[6]!;
const E7 = EVAL[7]!;
const E8 = EVAL[8]!;
const E9 = EVAL[9]!;
const E10 = EVAL[10]!;
const E11 = EVAL[11]!;
const E12 = EVAL[12]!;
const E13 = EVAL[13]!;
const E14 = EVAL[14]!;
const E15 = EVAL[15]!;
const E16 = EVAL[16]!;
const E17 = EVAL[17]!;
const E18 = EVAL[18]!;
const E19 = EVAL[19]!;
const E20 = EVAL[20]!;
const E21 = EVAL[21]!;
const E22 = EVAL[22]!;
const E23 = EVAL[23]!;
const E24 = EVAL[24]!;
const E25 = EVAL[25]!;
const E26 = EVAL[26]!;

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
    const a = j0 >= 0 ? v[j0]! : c0[i]!;
    const b = j1 >= 0 ? v[j1]! : c1[i]!;
    let r: number;
    switch (op[i]!) {
      case 0:
        r = E0(a, b);
        break;
      case 1:
        r = E1(a, b);
        break;
      case 2:
        r = E2(a, b);
        break;
      case 3:
        r = E3(a, b);
        break;
      case 4:
        r = E4(a, b);
        break;
      case 5:
        r = E5(a, b);
        break;
      case 6:
        r = E6(a, b);
        break;
      case 7:
        r = E7(a, b);
        break;
      case 8:
        r = E8(a, b);
        break;
      case 9:
        r = E9(a, b);
        break;
      case 10:
        r = E10(a, b);
        break;
      case 11:
        r = E11(a, b);
        break;
      case 12:
        r = E12(a, b);
        break;
      case 13:
        r = E13(a, b);
        break;
      case 14:
        r = E14(a, b);
        break;
      case 15:
        r = E15(a, b);
        break;
      case 16:
        r = E16(a, b);
        break;
      case 17:
        r = E17(a, b);
        break;
      case 18:
        r = E18(a, b);
        break;
      case 19:
        r = E19(a, b);
        break;
      case 20:
        r = E20(a, b);
        break;
      case 21:
        r = E21(a, b);
        break;
      case 22:
        r = E22(a, b);
        break;
      case 23:
        r = E23(a, b);
        break;
      case 24:
        r = E24(a, b);
        break;
      case 25:
        r = E25(a, b);
        break;
      case 26:
        r = E26(a, b);
        break;
      default:
        r = NaN;
    }
    v[i] = r;
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
 * has `from` −1 and names its output in `output`); `value` is v̄_target after it. What v̄_target was
 * before, and whether it had a contribution already, is the previous entry of the same target (or
 * 0 and none): `adjointSteps` reads them off in its pass, so the sweep writes two arrays fewer.
 */
export interface AdjointRecord {
  readonly length: number;
  readonly target: Int32Array;
  readonly from: Int32Array;
  readonly arg: Int8Array;
  /** For the seeds (the first entries), the output each belongs to; shorter than the others. */
  readonly output: Int32Array;
  readonly partial: Float64Array;
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
  // Seeds come first, so their outputs fit in an array as long as the outputs.
  const output = new Int32Array(outputs.length).fill(-1);
  const partial = new Float64Array(max);
  const value = new Float64Array(max);
  const vBar = new Float64Array(count);
  let k = 0;
  for (let j = 0; j < outputs.length; j++) {
    const w = yBar[j]!;
    if (w === 0) continue;
    const o = outputs[j]!;
    vBar[o] = vBar[o]! + w;
    target[k] = o;
    from[k] = -1;
    arg[k] = -1;
    output[k] = j;
    partial[k] = 1;
    value[k] = vBar[o]!;
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
    const y = v[i]!;
    if (j0 >= 0) {
      const p = D0[code]!(a, b, y);
      const sum = vBar[j0]! + (bar === 0 || p === 0 ? 0 : bar * p);
      vBar[j0] = sum;
      target[k] = j0;
      from[k] = i;
      arg[k] = 0;
      partial[k] = p;
      value[k] = sum;
      k++;
    }
    if (j1 >= 0) {
      const p = D1[code]!(a, b, y);
      const sum = vBar[j1]! + (bar === 0 || p === 0 ? 0 : bar * p);
      vBar[j1] = sum;
      target[k] = j1;
      from[k] = i;
      arg[k] = 1;
      partial[k] = p;
      value[k] = sum;
      k++;
    }
  }
  return { length: k, target, from, arg, output, partial, value, vBar };
}
