/**
 * The three sweeps over a tape, as pure functions returning new arrays indexed like `tape.nodes`.
 *
 *   primal:   v_i = φ_i(v_{args})
 *   tangent:  v̇_i = Σ_k ∂φ_i/∂a_k · v̇_{a_k}                         (forward mode, one column J·ẋ)
 *   adjoint:  v̄_{a_k} += v̄_i · ∂φ_i/∂a_k, for i = l … 1, k in order   (reverse mode, one row ȳᵀ·J)
 *
 * A zero tangent or adjoint contributes exactly zero, even through an infinite or NaN partial (the
 * structural-zero convention of AD tools: a quantity that does not depend on x has derivative 0).
 */
import { rule } from '../rules';
import type { Operand, Tape, TapeNode } from '../tape';

const argValue = (v: ArrayLike<number>, a: Operand | undefined): number =>
  a === undefined ? NaN : a.kind === 'node' ? v[a.index]! : a.value;

/** The local partials [∂v_i/∂a, ∂v_i/∂b] of one node at the primal values `v`. */
export function localPartials(node: TapeNode, v: ArrayLike<number>): readonly [number, number] {
  if (node.op === 'input') return [0, 0];
  return rule(node.op).partials(argValue(v, node.args[0]), argValue(v, node.args[1]), v[node.index]!);
}

/** Primal trace: the value of every node, given the input values in the order of `tape.inputs`. */
export function primal(tape: Tape, x: ArrayLike<number>): Float64Array {
  const v = new Float64Array(tape.nodes.length);
  for (let i = 0; i < tape.n; i++) v[i] = x[i]!;
  for (let i = tape.n; i < tape.nodes.length; i++) {
    const node = tape.nodes[i]!;
    v[i] = rule(node.op).eval(argValue(v, node.args[0]), argValue(v, node.args[1]));
  }
  return v;
}

/** Tangent trace for the seed ẋ (one entry per input): v̇ = the directional derivative along ẋ. */
export function tangent(tape: Tape, v: ArrayLike<number>, xDot: ArrayLike<number>): Float64Array {
  const vDot = new Float64Array(tape.nodes.length);
  for (let i = 0; i < tape.n; i++) vDot[i] = xDot[i]!;
  for (let i = tape.n; i < tape.nodes.length; i++) {
    const node = tape.nodes[i]!;
    const d = localPartials(node, v);
    let s = 0;
    for (let k = 0; k < node.args.length; k++) {
      const a = node.args[k]!;
      if (a.kind !== 'node') continue;
      const t = vDot[a.index]!;
      if (t !== 0) s += d[k]! * t;
    }
    vDot[i] = s;
  }
  return vDot;
}

/** One assignment of the reverse sweep: v̄_target (+)= v̄_from · ∂v_from/∂v_target. */
export interface AdjointStep {
  readonly target: number;
  /** The node pushing its adjoint, or null for a seed. */
  readonly from: number | null;
  /** Which output a seed step belongs to. */
  readonly output?: number;
  /** Argument position of `target` in `from`. */
  readonly arg?: number;
  /** The local partial ∂v_from/∂v_target (1 for a seed). */
  readonly partial: number;
  /** Whether `target` already had a contribution. */
  readonly accumulate: boolean;
  /** v̄_target before the step (0 if none) and after it. */
  readonly before: number;
  readonly value: number;
}

/**
 * Adjoint trace for the output seed ȳ (one entry per output), recording every assignment in
 * execution order as in Table 3 of Baydin et al.: the seeds, then for each node from v_l down to
 * v_1 one step per node argument, in argument order.
 */
export function adjoint(
  tape: Tape,
  v: ArrayLike<number>,
  yBar: ArrayLike<number>,
): { vBar: Float64Array; steps: AdjointStep[] } {
  const vBar = new Float64Array(tape.nodes.length);
  const touched = new Uint8Array(tape.nodes.length);
  const steps: AdjointStep[] = [];
  tape.outputs.forEach((o, j) => {
    const seed = yBar[j]!;
    if (seed === 0) return;
    const before = vBar[o.index]!;
    vBar[o.index] = before + seed;
    steps.push({
      target: o.index,
      from: null,
      output: j,
      partial: 1,
      accumulate: touched[o.index] === 1,
      before,
      value: vBar[o.index]!,
    });
    touched[o.index] = 1;
  });
  for (let i = tape.nodes.length - 1; i >= tape.n; i--) {
    const node = tape.nodes[i]!;
    const d = localPartials(node, v);
    const bar = vBar[i]!;
    for (let k = 0; k < node.args.length; k++) {
      const a = node.args[k]!;
      if (a.kind !== 'node') continue;
      const before = vBar[a.index]!;
      const contribution = bar === 0 ? 0 : bar * d[k]!;
      vBar[a.index] = before + contribution;
      steps.push({
        target: a.index,
        from: i,
        arg: k,
        partial: d[k]!,
        accumulate: touched[a.index] === 1,
        before,
        value: vBar[a.index]!,
      });
      touched[a.index] = 1;
    }
  }
  return { vBar, steps };
}

/**
 * The reverse sweep alone, v̄ for the output seed ȳ, without recording its steps: what a gradient
 * costs (Griewank and Walther, ch. 4: at most about 4 primal sweeps). Same arithmetic and order as
 * `adjoint`, so the two agree exactly.
 */
export function adjointValues(tape: Tape, v: ArrayLike<number>, yBar: ArrayLike<number>): Float64Array {
  const vBar = new Float64Array(tape.nodes.length);
  tape.outputs.forEach((o, j) => {
    if (yBar[j]! !== 0) vBar[o.index] = vBar[o.index]! + yBar[j]!;
  });
  for (let i = tape.nodes.length - 1; i >= tape.n; i--) {
    const node = tape.nodes[i]!;
    const bar = vBar[i]!;
    const d = localPartials(node, v);
    for (let k = 0; k < node.args.length; k++) {
      const a = node.args[k]!;
      if (a.kind === 'node') vBar[a.index] = vBar[a.index]! + (bar === 0 ? 0 : bar * d[k]!);
    }
  }
  return vBar;
}

/** The unit vector e_j of length n. */
export function unit(n: number, j: number): Float64Array {
  const e = new Float64Array(n);
  e[j] = 1;
  return e;
}

/** The Jacobian (outputs × inputs) by n tangent sweeps, one column per sweep. */
export function jacobianForward(tape: Tape, v: ArrayLike<number>): number[][] {
  const J = tape.outputs.map(() => new Array<number>(tape.n).fill(0));
  for (let j = 0; j < tape.n; j++) {
    const vDot = tangent(tape, v, unit(tape.n, j));
    tape.outputs.forEach((o, r) => (J[r]![j] = vDot[o.index]!));
  }
  return J;
}

/** The Jacobian (outputs × inputs) by m adjoint sweeps, one row per sweep. */
export function jacobianReverse(tape: Tape, v: ArrayLike<number>): number[][] {
  return tape.outputs.map((_, r) => {
    const vBar = adjointValues(tape, v, unit(tape.outputs.length, r));
    return Array.from({ length: tape.n }, (_, j) => vBar[j]!);
  });
}
