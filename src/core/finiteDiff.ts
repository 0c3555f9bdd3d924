/**
 * Finite differences against AD, for one input x_j and one output y of a tape, at a step h:
 *
 *   forward:  D⁺(h) = (f(x + h e_j) − f(x)) / h           error ≈ h/2 |f″|        (slope 1 in log-log)
 *   central:  D⁰(h) = (f(x + h e_j) − f(x − h e_j)) / 2h   error ≈ h²/6 |f‴|       (slope 2)
 *
 * plus round-off: f is known to about ε|f| (ε = 2⁻⁵²), and dividing by h magnifies that to ≈ ε|f|/h
 * (slope −1). The error against the AD value (exact to round-off) falls with h until round-off takes
 * over: the V-shaped curve, with the best h near √ε ≈ 1e-8 for forward and ∛ε ≈ 1e-5 for central
 * differences. Steps are applied as written, x + h in floating point, as a student would.
 */
import { primal, tangent, unit } from './sweep/sweeps';
import { FD_LOG10_H_MAX, FD_LOG10_H_MIN } from './limits';
import { tapeOf, type ProgramInfo, type Tape } from './tape';

export { FD_LOG10_H_MAX, FD_LOG10_H_MIN };

export interface FdEstimate {
  readonly log10h: number;
  readonly h: number;
  readonly forward: number;
  readonly central: number;
  /** |estimate − AD value|. */
  readonly forwardError: number;
  readonly centralError: number;
  /**
   * A program with control flow: whether x + h (resp. x − h) takes another path than x (a decision
   * goes the other way), so that the quotient mixes two branches: AD's value is the derivative of the
   * path taken at x, the quotient's is not.
   */
  readonly crossesPlus?: boolean;
  readonly crossesMinus?: boolean;
}

export interface FdProblem {
  readonly tape: Tape;
  readonly x: ArrayLike<number>;
  /** Index into `tape.inputs`. */
  readonly input: number;
  /** Index into `tape.outputs`. */
  readonly output: number;
  /**
   * The program, when it has control flow: then f(x ± h) runs it again at x ± h, which may take
   * another path than the tape recorded at x (a difference quotient sees every branch, AD one).
   */
  readonly program?: ProgramInfo;
  /** Value numbering as the page has it (the re-run's values do not depend on it). */
  readonly merge?: boolean;
}

/** The path a tape records: each decision's outcome, in order. */
const pathOf = (tape: Tape): string => (tape.decisions ?? []).map((d) => (d.value ? '1' : '0')).join('');

/** The output's value with input `input` moved by `delta`, and whether the path taken changed. */
function shifted(p: FdProblem, delta: number): { value: number; crosses: boolean } {
  const x = Array.from(p.x);
  x[p.input] = x[p.input]! + delta;
  if (!p.program?.dynamic)
    return { value: primal(p.tape, x)[p.tape.outputs[p.output]!.index]!, crosses: false };
  // A run that fails there (a bound that is no longer whole, a loop that no longer ends) has no value.
  const run = tapeOf(p.program, { x, merge: p.merge ?? true });
  if (!run.ok) return { value: NaN, crosses: true };
  const out = run.tape.outputs[p.output];
  if (!out) return { value: NaN, crosses: true };
  return { value: primal(run.tape, x)[out.index]!, crosses: pathOf(run.tape) !== pathOf(p.tape) };
}

/** The AD value ∂y/∂x_j (one tangent sweep) and f(x). */
export function adReference(p: FdProblem): { value: number; derivative: number } {
  const v = primal(p.tape, p.x);
  const vDot = tangent(p.tape, v, unit(p.tape.n, p.input));
  const index = p.tape.outputs[p.output]!.index;
  return { value: v[index]!, derivative: vDot[index]! };
}

/** Forward and central differences at h = 10^log10h, and their errors against `ad`. */
export function fdAt(p: FdProblem, log10h: number, ad = adReference(p)): FdEstimate {
  const h = 10 ** log10h;
  const f0 = ad.value;
  const plus = shifted(p, h);
  const minus = shifted(p, -h);
  const forward = (plus.value - f0) / h;
  const central = (plus.value - minus.value) / (2 * h);
  return {
    log10h,
    h,
    forward,
    central,
    forwardError: Math.abs(forward - ad.derivative),
    centralError: Math.abs(central - ad.derivative),
    ...(p.program?.dynamic ? { crossesPlus: plus.crosses, crossesMinus: minus.crosses } : {}),
  };
}

export interface FdSweep {
  readonly ad: { readonly value: number; readonly derivative: number };
  /** From h = 10^FD_LOG10_H_MAX down to 10^FD_LOG10_H_MIN. */
  readonly samples: readonly FdEstimate[];
  /** The samples with the smallest error (the first, i.e. largest h, on a tie). */
  readonly bestForward: FdEstimate;
  readonly bestCentral: FdEstimate;
  /** ε|f(x)|/h at h = 1: the round-off line is this divided by h. */
  readonly roundOff: number;
}

/** Samples both differences over h = 10^-1 … 10^-16, `perDecade` samples a decade. */
export function fdSweep(p: FdProblem, perDecade = 4): FdSweep {
  const ad = adReference(p);
  const count = (FD_LOG10_H_MAX - FD_LOG10_H_MIN) * perDecade + 1;
  const samples = Array.from({ length: count }, (_, i) => fdAt(p, FD_LOG10_H_MAX - i / perDecade, ad));
  const best = (error: (s: FdEstimate) => number) =>
    samples.reduce((b, s) => (error(s) < error(b) || Number.isNaN(error(b)) ? s : b));
  return {
    ad,
    samples,
    bestForward: best((s) => s.forwardError),
    bestCentral: best((s) => s.centralError),
    roundOff: Number.EPSILON * Math.abs(ad.value),
  };
}
