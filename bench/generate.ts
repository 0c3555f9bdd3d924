/**
 * Generated expressions for the benchmark: realistic mixes of `+ - * /` and unary functions over a few
 * inputs, of a chosen size, balanced (depth grows with the logarithm of the size, so the parser's
 * nesting limit is never the point), deterministic (a seeded generator), and numerically tame.
 *
 * Tameness comes from interval arithmetic: every subexpression carries an enclosure [lo, hi] of its
 * value over the input box, and an operation is only chosen where it stays defined and moderate
 * (no division by an interval that holds 0, no `ln`/`sqrt` of one that reaches 0, no `exp` of a large
 * one, magnitudes bounded). Where an enclosure grows too wide, a squashing function (`tanh`, `sin`,
 * `cos`) is applied, as a neural network would. So every generated expression has finite
 * values and derivatives on the input box, and gradients can be compared across implementations.
 */

/** Inputs live in this box, so enclosures hold for every point the benchmark evaluates at. */
export const INPUT_LO = 0.5;
export const INPUT_HI = 1.5;

type Interval = readonly [number, number];

interface Sub {
  readonly text: string;
  readonly range: Interval;
  /** Whether the text needs parentheses as an operand of `*`, `/` or unary minus. */
  readonly loose: boolean;
}

/** mulberry32: a small, fast, seeded generator (public domain). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BOUND = 50;
const wide = ([lo, hi]: Interval): boolean => lo < -BOUND || hi > BOUND;
const contains0 = ([lo, hi]: Interval, margin: number): boolean => lo <= margin && hi >= -margin;
const hull = (...xs: number[]): Interval => [Math.min(...xs), Math.max(...xs)];

interface UnaryFn {
  readonly name: string;
  readonly ok: (r: Interval) => boolean;
  readonly range: (r: Interval) => Interval;
}

/**
 * Monotone or bounded unary functions with their enclosures: names that mathjs reads the same way
 * (after `ln` → `log`), so one text serves both.
 */
const UNARY: readonly UnaryFn[] = [
  { name: 'sin', ok: () => true, range: (r) => (r[1] - r[0] >= 2 * Math.PI ? [-1, 1] : trig(Math.sin, r)) },
  { name: 'cos', ok: () => true, range: (r) => (r[1] - r[0] >= 2 * Math.PI ? [-1, 1] : trig(Math.cos, r)) },
  { name: 'tanh', ok: () => true, range: ([lo, hi]) => [Math.tanh(lo), Math.tanh(hi)] },
  { name: 'exp', ok: ([, hi]) => hi < 3, range: ([lo, hi]) => [Math.exp(lo), Math.exp(hi)] },
  { name: 'ln', ok: ([lo]) => lo > 0.05, range: ([lo, hi]) => [Math.log(lo), Math.log(hi)] },
  { name: 'sqrt', ok: ([lo]) => lo > 0.05, range: ([lo, hi]) => [Math.sqrt(lo), Math.sqrt(hi)] },
];

/** A safe enclosure of sin or cos over [lo, hi] (shorter than 2π): the ends, and ±1 if a peak lies inside. */
function trig(f: (x: number) => number, [lo, hi]: Interval): Interval {
  const ends = [f(lo), f(hi)];
  // Peaks of sin at π/2 + kπ, of cos at kπ; check every one in the interval.
  const phase = f === Math.sin ? Math.PI / 2 : 0;
  for (let k = Math.ceil((lo - phase) / Math.PI); phase + k * Math.PI <= hi; k++)
    ends.push(f(phase + k * Math.PI));
  return hull(...ends);
}

const SQUASH = UNARY.slice(0, 3);

export interface GeneratedExpression {
  readonly text: string;
  /** Input names `x1 … xn`. */
  readonly inputs: readonly string[];
}

export interface GenerateOptions {
  /** Operations wanted (the tape may have a few more: squashing adds some; merging removes a few). */
  readonly operations: number;
  readonly inputs?: number;
  readonly seed?: number;
  /** Several outputs: `y1 = …; y2 = …`, sharing the operation budget. */
  readonly outputs?: number;
}

/**
 * A random expression with about `operations` operations over inputs x1…xn. Iterative in spirit:
 * the recursion depth is the tree depth, which stays logarithmic because sizes split between 30 %
 * and 70 %.
 */
export function generateExpression(options: GenerateOptions): GeneratedExpression {
  const n = options.inputs ?? 8;
  const m = options.outputs ?? 1;
  const random = prng(options.seed ?? 20180713);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const inputs = Array.from({ length: n }, (_, i) => `x${i + 1}`);
  const inputRange: Interval = [INPUT_LO, INPUT_HI];

  const leaf = (): Sub => {
    const x = pick(inputs);
    if (random() < 0.15) {
      const c = pick([2, 3, 0.5, 1.5]);
      return { text: `${c}*${x}`, range: [c * INPUT_LO, c * INPUT_HI], loose: false };
    }
    return { text: x, range: inputRange, loose: false };
  };

  const apply = (f: UnaryFn, a: Sub): Sub => ({
    text: `${f.name}(${a.text})`,
    range: f.range(a.range),
    loose: false,
  });
  const wrap = (a: Sub): string => (a.loose ? `(${a.text})` : a.text);

  const build = (ops: number): Sub => {
    if (ops <= 0) return leaf();
    if (ops === 1 || random() < 0.25) {
      const a = build(ops - 1);
      const choices = UNARY.filter((f) => f.ok(a.range));
      return apply(pick(choices), a);
    }
    const left = Math.max(0, Math.round((ops - 1) * (0.3 + 0.4 * random())));
    const a = build(left);
    const b = build(ops - 1 - left);
    const ra = a.range;
    const rb = b.range;
    const candidates: Sub[] = [
      { text: `${a.text} + ${b.text}`, range: [ra[0] + rb[0], ra[1] + rb[1]], loose: true },
      { text: `${a.text} - ${wrap(b)}`, range: [ra[0] - rb[1], ra[1] - rb[0]], loose: true },
      {
        text: `${wrap(a)}*${wrap(b)}`,
        range: hull(ra[0] * rb[0], ra[0] * rb[1], ra[1] * rb[0], ra[1] * rb[1]),
        loose: false,
      },
    ];
    if (!contains0(rb, 0.2)) {
      candidates.push({
        text: `${wrap(a)}/${b.loose || b.text.includes('*') || b.text.includes('/') ? `(${b.text})` : b.text}`,
        range: hull(ra[0] / rb[0], ra[0] / rb[1], ra[1] / rb[0], ra[1] / rb[1]),
        loose: false,
      });
    }
    // Weights: + 30 %, − 20 %, × 30 %, / 20 % when allowed.
    const weights = candidates.length === 4 ? [0.3, 0.2, 0.3, 0.2] : [0.375, 0.25, 0.375];
    let u = random();
    let chosen = candidates[candidates.length - 1]!;
    for (let i = 0; i < candidates.length; i++) {
      u -= weights[i]!;
      if (u < 0) {
        chosen = candidates[i]!;
        break;
      }
    }
    // A sum is always possible; squash what grew too wide.
    return wide(chosen.range) ? apply(pick(SQUASH), chosen) : chosen;
  };

  const per = Math.max(1, Math.floor(options.operations / m));
  const statements = Array.from({ length: m }, (_, j) => (m > 1 ? `y${j + 1} = ` : '') + build(per).text);
  return { text: statements.join('; '), inputs };
}

/** A point in the input box (deterministic for a seed). */
export function inputPoint(n: number, seed = 7): number[] {
  const random = prng(seed);
  return Array.from({ length: n }, () => INPUT_LO + 0.1 + (INPUT_HI - INPUT_LO - 0.2) * random());
}
