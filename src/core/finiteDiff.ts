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
import type { Tape } from './tape';

/** The range of log10 h that the slider and the plot cover. */
export const FD_LOG10_H_MAX = -1;
export const FD_LOG10_H_MIN = -16;

export interface FdEstimate {
  readonly log10h: number;
  readonly h: number;
  readonly forward: number;
  readonly central: number;
  /** |estimate − AD value|. */
  readonly forwardError: number;
  readonly centralError: number;
}

export interface FdProblem {
  readonly tape: Tape;
  readonly x: ArrayLike<number>;
  /** Index into `tape.inputs`. */
  readonly input: number;
  /** Index into `tape.outputs`. */
  readonly output: number;
}

/** The output's value with input `input` moved by `delta`. */
function shifted(p: FdProblem, delta: number): number {
  const x = Array.from(p.x);
  x[p.input] = x[p.input]! + delta;
  return primal(p.tape, x)[p.tape.outputs[p.output]!.index]!;
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
  const fPlus = shifted(p, h);
  const fMinus = shifted(p, -h);
  const forward = (fPlus - f0) / h;
  const central = (fPlus - fMinus) / (2 * h);
  return {
    log10h,
    h,
    forward,
    central,
    forwardError: Math.abs(forward - ad.derivative),
    centralError: Math.abs(central - ad.derivative),
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
