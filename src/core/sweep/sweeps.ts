/**
 * The three sweeps over a tape, as pure functions returning new arrays indexed like `tape.nodes`.
 *
 *   primal:   v_i = φ_i(v_{args})
 *   tangent:  v̇_i = Σ_k ∂φ_i/∂a_k · v̇_{a_k}                         (forward mode, one column J·ẋ)
 *   adjoint:  v̄_{a_k} += v̄_i · ∂φ_i/∂a_k, for i = l … 1, k in order   (reverse mode, one row ȳᵀ·J)
 *
 * They run over the flat form of the tape (flat.ts). A product of a partial with a tangent or an
 * adjoint is exactly zero when either factor is zero, even if the other is infinite or NaN (the
 * structural-zero convention of AD tools, applied alike in both modes so that they agree).
 */
import { flatAdjoint, flatAdjointRecord, flatOf, flatPrimal, flatTangent, type AdjointRecord } from '../flat';
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
  return flatPrimal(flatOf(tape), x);
}

/** Tangent trace for the seed ẋ (one entry per input): v̇ = the directional derivative along ẋ. */
export function tangent(tape: Tape, v: ArrayLike<number>, xDot: ArrayLike<number>): Float64Array {
  return flatTangent(flatOf(tape), v, xDot);
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
  const record = adjointRecord(tape, v, yBar);
  return { vBar: record.vBar, steps: adjointSteps(record) };
}

/** The recording reverse sweep as typed arrays (flat.ts): what the trace is built from. */
export function adjointRecord(tape: Tape, v: ArrayLike<number>, yBar: ArrayLike<number>): AdjointRecord {
  return flatAdjointRecord(flatOf(tape), v, yBar);
}

/** A recorded reverse sweep as one object per assignment. */
export function adjointSteps(r: AdjointRecord): AdjointStep[] {
  const steps = new Array<AdjointStep>(r.length);
  // Each target's adjoint so far, and whether it had a contribution: `before` and `accumulate`.
  const last = new Float64Array(r.vBar.length);
  const touched = new Uint8Array(r.vBar.length);
  for (let k = 0; k < r.length; k++) {
    const from = r.from[k]!;
    const t = r.target[k]!;
    const before = last[t]!;
    const accumulate = touched[t] === 1;
    last[t] = r.value[k]!;
    touched[t] = 1;
    steps[k] =
      from < 0
        ? {
            target: r.target[k]!,
            from: null,
            output: r.output[k]!,
            partial: r.partial[k]!,
            accumulate,
            before,
            value: r.value[k]!,
          }
        : {
            target: r.target[k]!,
            from,
            arg: r.arg[k]!,
            partial: r.partial[k]!,
            accumulate,
            before,
            value: r.value[k]!,
          };
  }
  return steps;
}

/**
 * The reverse sweep alone, v̄ for the output seed ȳ, without recording its steps: what a gradient
 * costs (Griewank and Walther, ch. 4: at most about 4 primal sweeps). Same arithmetic and order as
 * `adjoint`, so the two agree exactly.
 */
export function adjointValues(tape: Tape, v: ArrayLike<number>, yBar: ArrayLike<number>): Float64Array {
  return flatAdjoint(flatOf(tape), v, yBar);
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
