/**
 * The yardstick of the core benchmark: a hand-written sweep over a flat, typed-array tape, a `switch`
 * on the operation code with each rule's arithmetic written out inline, no allocation per node. It is
 * what a sweep can cost on this machine, so the sweeps the page uses are reported as ratios to it.
 * It lives in bench/ only: it is a measuring stick, not product code (src/core/rules.ts stays the one
 * table of primitives), and tests/bench/ checks that it computes exactly what the core computes.
 *
 * The arrays follow the layout of the core's flat tape (`op`, argument indices `a0`/`a1` with −1
 * for a constant operand, constants `c0`/`c1`); the operation codes are this file's own (`OPS`).
 */
import type { Tape } from '../src/core/index';

/** Operation names in code order: `OPS[code]`. Every row of the rule table has one. */
export const OPS = [
  'add',
  'sub',
  'mul',
  'div',
  'neg',
  'pow',
  'sin',
  'cos',
  'tan',
  'asin',
  'acos',
  'atan',
  'sinh',
  'cosh',
  'tanh',
  'exp',
  'ln',
  'log',
  'log2',
  'log10',
  'sqrt',
  'abs',
  'sigmoid',
  'relu',
  'max',
  'min',
  'atan2',
] as const;

const CODE: ReadonlyMap<string, number> = new Map(OPS.map((name, i) => [name, i]));

/** A flat tape: node i ≥ n applies `op[i]` to operands (`a0[i]` or the constant `c0[i]`, and the same for 1). */
export interface FlatArrays {
  readonly n: number;
  readonly count: number;
  readonly op: Uint8Array;
  readonly a0: Int32Array;
  readonly a1: Int32Array;
  readonly c0: Float64Array;
  readonly c1: Float64Array;
  /** Output node indices. */
  readonly outputs: Int32Array;
}

/** The flat arrays of an object tape (a missing second operand is the constant NaN, as in the core). */
export function flatArraysOf(tape: Tape): FlatArrays {
  const count = tape.nodes.length;
  const op = new Uint8Array(count);
  const a0 = new Int32Array(count).fill(-1);
  const a1 = new Int32Array(count).fill(-1);
  const c0 = new Float64Array(count).fill(NaN);
  const c1 = new Float64Array(count).fill(NaN);
  for (let i = tape.n; i < count; i++) {
    const node = tape.nodes[i]!;
    const code = CODE.get(node.op);
    if (code === undefined) throw new Error(`the flat reference sweep has no code for ${node.op}`);
    op[i] = code;
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

const sigmoid = (a: number): number => (a >= 0 ? 1 / (1 + Math.exp(-a)) : Math.exp(a) / (1 + Math.exp(a)));

/** v_i = φ_i(v_args) for every node. */
export function refPrimal(f: FlatArrays, x: ArrayLike<number>): Float64Array {
  const { n, count, op, a0, a1, c0, c1 } = f;
  const v = new Float64Array(count);
  for (let i = 0; i < n; i++) v[i] = x[i]!;
  for (let i = n; i < count; i++) {
    const j = a0[i]!;
    const k = a1[i]!;
    const a = j >= 0 ? v[j]! : c0[i]!;
    const b = k >= 0 ? v[k]! : c1[i]!;
    let r: number;
    switch (op[i]) {
      case 0:
        r = a + b;
        break;
      case 1:
        r = a - b;
        break;
      case 2:
        r = a * b;
        break;
      case 3:
        r = a / b;
        break;
      case 4:
        r = -a;
        break;
      case 5:
        r = Math.pow(a, b);
        break;
      case 6:
        r = Math.sin(a);
        break;
      case 7:
        r = Math.cos(a);
        break;
      case 8:
        r = Math.tan(a);
        break;
      case 9:
        r = Math.asin(a);
        break;
      case 10:
        r = Math.acos(a);
        break;
      case 11:
        r = Math.atan(a);
        break;
      case 12:
        r = Math.sinh(a);
        break;
      case 13:
        r = Math.cosh(a);
        break;
      case 14:
        r = Math.tanh(a);
        break;
      case 15:
        r = Math.exp(a);
        break;
      case 16:
      case 17:
        r = Math.log(a);
        break;
      case 18:
        r = Math.log2(a);
        break;
      case 19:
        r = Math.log10(a);
        break;
      case 20:
        r = Math.sqrt(a);
        break;
      case 21:
        r = Math.abs(a);
        break;
      case 22:
        r = sigmoid(a);
        break;
      case 23:
        r = a > 0 ? a : 0;
        break;
      case 24:
        r = Number.isNaN(a) || Number.isNaN(b) ? NaN : a >= b ? a : b;
        break;
      case 25:
        r = Number.isNaN(a) || Number.isNaN(b) ? NaN : a <= b ? a : b;
        break;
      default:
        r = Math.atan2(a, b);
    }
    v[i] = r;
  }
  return v;
}

/** The rule table's partials, written out: ∂v_i/∂a into PQ[0], ∂v_i/∂b into PQ[1]. */
const PQ = new Float64Array(2);
function partials(code: number, a: number, b: number, y: number): void {
  PQ[0] = 0;
  PQ[1] = 0;
  switch (code) {
    case 0:
      PQ[0] = 1;
      PQ[1] = 1;
      break;
    case 1:
      PQ[0] = 1;
      PQ[1] = -1;
      break;
    case 2:
      PQ[0] = b;
      PQ[1] = a;
      break;
    case 3:
      PQ[0] = 1 / b;
      PQ[1] = -(a / b) / b;
      break;
    case 4:
      PQ[0] = -1;
      break;
    case 5:
      PQ[0] = b === 0 ? 0 : b * Math.pow(a, b - 1);
      PQ[1] = a === 0 ? 0 : y * Math.log(a);
      break;
    case 6:
      PQ[0] = Math.cos(a);
      break;
    case 7:
      PQ[0] = -Math.sin(a);
      break;
    case 8:
      PQ[0] = 1 / (Math.cos(a) * Math.cos(a));
      break;
    case 9:
      PQ[0] = 1 / Math.sqrt(1 - a * a);
      break;
    case 10:
      PQ[0] = -1 / Math.sqrt(1 - a * a);
      break;
    case 11:
      PQ[0] = 1 / (1 + a * a);
      break;
    case 12:
      PQ[0] = Math.cosh(a);
      break;
    case 13:
      PQ[0] = Math.sinh(a);
      break;
    case 14:
      PQ[0] = 1 / (Math.cosh(a) * Math.cosh(a));
      break;
    case 15:
      PQ[0] = y;
      break;
    case 16:
    case 17:
      PQ[0] = a < 0 ? NaN : 1 / (a * 1);
      break;
    case 18:
      PQ[0] = a < 0 ? NaN : 1 / (a * Math.LN2);
      break;
    case 19:
      PQ[0] = a < 0 ? NaN : 1 / (a * Math.LN10);
      break;
    case 20:
      PQ[0] = 1 / (2 * y);
      break;
    case 21:
      PQ[0] = a > 0 ? 1 : a < 0 ? -1 : 0;
      break;
    case 22:
      PQ[0] = sigmoid(a) * sigmoid(-a);
      break;
    case 23:
      PQ[0] = a > 0 ? 1 : 0;
      break;
    case 24:
      if (a >= b) PQ[0] = 1;
      else PQ[1] = 1;
      break;
    case 25:
      if (a <= b) PQ[0] = 1;
      else PQ[1] = 1;
      break;
    default:
      PQ[0] = b / Math.hypot(a, b) / Math.hypot(a, b);
      PQ[1] = -(a / Math.hypot(a, b)) / Math.hypot(a, b);
  }
}

/** v̇_i = Σ_k ∂φ_i/∂a_k · v̇_{a_k}; a zero tangent or partial contributes exactly zero. */
export function refTangent(f: FlatArrays, v: Float64Array, xDot: ArrayLike<number>): Float64Array {
  const { n, count, op, a0, a1, c0, c1 } = f;
  const vDot = new Float64Array(count);
  for (let i = 0; i < n; i++) vDot[i] = xDot[i]!;
  for (let i = n; i < count; i++) {
    const j = a0[i]!;
    const k = a1[i]!;
    const a = j >= 0 ? v[j]! : c0[i]!;
    const b = k >= 0 ? v[k]! : c1[i]!;
    const y = v[i]!;
    partials(op[i]!, a, b, y);
    const p = PQ[0]!;
    const q = PQ[1]!;
    let s = 0;
    if (j >= 0) {
      const t = vDot[j]!;
      if (t !== 0 && p !== 0) s += p * t;
    }
    if (k >= 0) {
      const t = vDot[k]!;
      if (t !== 0 && q !== 0) s += q * t;
    }
    vDot[i] = s;
  }
  return vDot;
}

/** v̄ for the output seed ȳ: v̄_{a_k} += v̄_i · ∂φ_i/∂a_k for i = l … 1. */
export function refAdjoint(f: FlatArrays, v: Float64Array, yBar: ArrayLike<number>): Float64Array {
  const { n, count, op, a0, a1, c0, c1, outputs } = f;
  const vBar = new Float64Array(count);
  for (let o = 0; o < outputs.length; o++) {
    if (yBar[o]! !== 0) vBar[outputs[o]!] = vBar[outputs[o]!]! + yBar[o]!;
  }
  for (let i = count - 1; i >= n; i--) {
    const bar = vBar[i]!;
    const j = a0[i]!;
    const k = a1[i]!;
    const a = j >= 0 ? v[j]! : c0[i]!;
    const b = k >= 0 ? v[k]! : c1[i]!;
    const y = v[i]!;
    partials(op[i]!, a, b, y);
    const p = PQ[0]!;
    const q = PQ[1]!;
    // A product with an exactly zero factor is 0 (0·∞ = 0), as in the core.
    if (j >= 0) vBar[j] = vBar[j]! + (bar === 0 || p === 0 ? 0 : bar * p);
    if (k >= 0) vBar[k] = vBar[k]! + (bar === 0 || q === 0 ? 0 : bar * q);
  }
  return vBar;
}
