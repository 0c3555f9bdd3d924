/**
 * The rule table, row by row: every local partial against central finite differences of the row's
 * own evaluation, every evaluation against an independent formula, and every row once more through
 * the parser and the sweeps. Then the conventions where a derivative does not exist (DESIGN.md,
 * "Numbers and conventions").
 */
import { describe, expect, it } from 'vitest';
import {
  CONSTANTS,
  FUNCTIONS,
  RULES,
  buildTrace,
  jacobianForward,
  jacobianReverse,
  primal,
} from '../../src/core/index';
import { centralDifference, compileOk, expectClose } from './harness';

const FD_TOL = 1e-6;
const FD_ABS = 1e-9;

type Sample = {
  readonly points: readonly (readonly [number, number])[];
  readonly f: (a: number, b: number) => number;
};

/**
 * Sample points per row, inside each function's domain and away from kinks, poles and ties, and
 * an independent formula for its value (written here, not taken from the table). Unary rows ignore b.
 */
// prettier-ignore
const SAMPLES: Readonly<Record<string, Sample>> = {
  add:     { points: [[0.7, -1.3], [-2.5, 4]], f: (a, b) => a + b },
  sub:     { points: [[0.7, -1.3], [3, 8.25]], f: (a, b) => a - b },
  mul:     { points: [[0.7, -1.3], [-2.5, 4]], f: (a, b) => a * b },
  div:     { points: [[0.7, -1.3], [-2.5, 4], [3, 0.25]], f: (a, b) => a / b },
  neg:     { points: [[0.7, 0], [-2.5, 0]], f: (a) => 0 - a },
  pow:     { points: [[1.7, 2.3], [0.4, -1.5], [2.5, 3], [-1.5, 3], [-2, 2]],
             f: (a, b) => Math.exp(b * Math.log(Math.abs(a))) * (a < 0 && b % 2 !== 0 ? -1 : 1) },
  sin:     { points: [[0.7, 0], [-2.1, 0], [4, 0]], f: (a) => Math.cos(a - Math.PI / 2) },
  cos:     { points: [[0.7, 0], [-2.1, 0], [4, 0]], f: (a) => Math.sin(a + Math.PI / 2) },
  tan:     { points: [[0.7, 0], [-1.2, 0], [2.5, 0]], f: (a) => Math.sin(a) / Math.cos(a) },
  asin:    { points: [[0.3, 0], [-0.8, 0], [0.95, 0]], f: (a) => Math.atan(a / Math.sqrt(1 - a * a)) },
  acos:    { points: [[0.3, 0], [-0.8, 0], [0.95, 0]], f: (a) => Math.PI / 2 - Math.atan(a / Math.sqrt(1 - a * a)) },
  atan:    { points: [[0.3, 0], [-2.5, 0], [40, 0]], f: (a) => Math.asin(a / Math.sqrt(1 + a * a)) },
  sinh:    { points: [[0.3, 0], [-2.5, 0]], f: (a) => (Math.exp(a) - Math.exp(-a)) / 2 },
  cosh:    { points: [[0.3, 0], [-2.5, 0]], f: (a) => (Math.exp(a) + Math.exp(-a)) / 2 },
  tanh:    { points: [[0.3, 0], [-2.5, 0], [1.1, 0]], f: (a) => (Math.exp(2 * a) - 1) / (Math.exp(2 * a) + 1) },
  exp:     { points: [[0.3, 0], [-2.5, 0], [5, 0]], f: (a) => Math.E ** a },
  ln:      { points: [[0.3, 0], [2.5, 0], [1e3, 0]], f: (a) => Math.log2(a) / Math.log2(Math.E) },
  log:     { points: [[0.3, 0], [2.5, 0], [1e3, 0]], f: (a) => Math.log2(a) / Math.log2(Math.E) },
  log2:    { points: [[0.3, 0], [2.5, 0], [1e3, 0]], f: (a) => Math.log(a) / Math.LN2 },
  log10:   { points: [[0.3, 0], [2.5, 0], [1e3, 0]], f: (a) => Math.log(a) / Math.LN10 },
  sqrt:    { points: [[0.3, 0], [2.5, 0], [1e4, 0]], f: (a) => a ** 0.5 },
  abs:     { points: [[0.3, 0], [-2.5, 0]], f: (a) => (a < 0 ? -a : a) },
  sigmoid: { points: [[0.3, 0], [-2.5, 0], [30, 0], [-30, 0]], f: (a) => 1 / (1 + Math.exp(-a)) },
  relu:    { points: [[0.3, 0], [-2.5, 0]], f: (a) => Math.max(a, 0) },
  max:     { points: [[0.3, -1], [-2.5, 4]], f: (a, b) => Math.max(a, b) },
  min:     { points: [[0.3, -1], [-2.5, 4]], f: (a, b) => Math.min(a, b) },
  atan2:   { points: [[0.3, -1], [-2.5, 4], [1, 1], [-1, -0.5]], f: (a, b) => Math.atan2(a, b) },
};

/** How each row is written in the expression language, in terms of inputs a and b. */
function source(name: string): string {
  const r = RULES.get(name)!;
  const infix: Record<string, string> = {
    add: 'a + b',
    sub: 'a - b',
    mul: 'a * b',
    div: 'a / b',
    pow: 'a ^ b',
    neg: '-a',
  };
  return infix[name] ?? (r.arity === 1 ? `${name}(a)` : `${name}(a, b)`);
}

describe('the rule table', () => {
  it('has exactly the operations and functions of the language (CONTRACTS §1)', () => {
    expect([...FUNCTIONS.keys()].sort()).toEqual(
      'sin cos tan asin acos atan sinh cosh tanh exp ln log log2 log10 sqrt abs sigmoid relu pow max min atan2'
        .split(' ')
        .sort(),
    );
    for (const name of ['pow', 'max', 'min', 'atan2']) expect(FUNCTIONS.get(name)!.arity).toBe(2);
    expect([...RULES.keys()].filter((k) => !FUNCTIONS.has(k)).sort()).toEqual([
      'add',
      'div',
      'mul',
      'neg',
      'sub',
    ]);
    expect([...CONSTANTS.keys()].sort()).toEqual(['e', 'pi']);
  });

  it('matches every row against central differences, an independent formula, and the sweeps', () => {
    let checked = 0;
    for (const [name, r] of RULES) {
      const sample = SAMPLES[name];
      expect(sample, `sample points for the row '${name}'`).toBeDefined();
      const tape = compileOk(source(name));
      expect(tape.nodes.at(-1)!.op).toBe(name);
      for (const [a, b] of sample!.points) {
        const at = `${name}(${a}, ${b})`;
        const v = r.eval(a, b);
        expect(Number.isFinite(v), at).toBe(true);
        expectClose(v, sample!.f(a, b), 1e-14, `${at} value`, 1e-15);

        const [da, db] = r.partials(a, b, v);
        expectClose(
          da,
          centralDifference((t) => r.eval(t, b), a),
          FD_TOL,
          `${at} ∂/∂a`,
          FD_ABS,
        );
        if (r.arity === 2)
          expectClose(
            db,
            centralDifference((t) => r.eval(a, t), b),
            FD_TOL,
            `${at} ∂/∂b`,
            FD_ABS,
          );
        else expect(db, `${at}: a unary row has no second partial`).toBe(0);

        // The same row through the parser and both sweeps (inputs a, b are v-1, v0 in that order).
        const x = r.arity === 2 ? [a, b] : [a];
        const y = primal(tape, x);
        expect(y[tape.outputs[0]!.index]).toBe(v);
        const want = r.arity === 2 ? [da, db] : [da];
        expect(jacobianForward(tape, y)[0]).toEqual(want);
        expect(jacobianReverse(tape, y)[0]).toEqual(want);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(2 * RULES.size);
  });

  it('typesets every row and its partials without leaving an operand out', () => {
    const a = { tex: 'v_{-1}', node: true };
    const b = { tex: 'v_{0}', node: true };
    for (const [name, r] of RULES) {
      const tex = r.tex(a, b);
      expect(tex, name).toContain('v_{-1}');
      if (r.arity === 2) expect(tex, name).toContain('v_{0}');
      for (const k of r.arity === 2 ? ([0, 1] as const) : ([0] as const))
        expect(r.partialTex(k, a, b), `${name} ∂${k}`).not.toBe('');
    }
  });
});

describe('conventions where a derivative does not exist', () => {
  /** The derivative of a one-input expression by both sweeps, which must agree. */
  function derivative(text: string, at: number): number {
    const tape = compileOk(text);
    const v = primal(tape, [at]);
    const forward = jacobianForward(tape, v)[0]![0]!;
    const reverse = jacobianReverse(tape, v)[0]![0]!;
    expect(reverse).toBe(forward);
    return forward;
  }

  it("abs'(0) = 0", () => {
    expect(RULES.get('abs')!.partials(0, NaN, 0)[0]).toBe(0);
    expect(derivative('abs(x)', 0)).toBe(0);
    expect(derivative('abs(x)', -1e-300)).toBe(-1);
  });

  it("relu'(0) = 0 (PyTorch's choice)", () => {
    expect(RULES.get('relu')!.partials(0, NaN, 0)[0]).toBe(0);
    expect(derivative('relu(x)', 0)).toBe(0);
    expect(derivative('relu(x)', 1e-300)).toBe(1);
  });

  it("sqrt'(0) = +∞", () => {
    expect(RULES.get('sqrt')!.partials(0, NaN, 0)[0]).toBe(Infinity);
    expect(derivative('sqrt(x)', 0)).toBe(Infinity);
  });

  it('∂(x^y)/∂y = 0 at x = 0, for any exponent', () => {
    const pow = RULES.get('pow')!;
    for (const y of [0, 0.5, 2, 3]) expect(pow.partials(0, y, pow.eval(0, y))[1], `y = ${y}`).toBe(0);
    const tape = compileOk('x^y');
    for (const y of [0, 2]) {
      const v = primal(tape, [0, y]);
      expect(jacobianForward(tape, v)[0]![1]).toBe(0);
      expect(jacobianReverse(tape, v)[0]![1]).toBe(0);
    }
  });

  it('max and min send the derivative of a tie to the first argument', () => {
    for (const name of ['max', 'min']) {
      const r = RULES.get(name)!;
      expect(r.partials(1.5, 1.5, 1.5), name).toEqual([1, 0]);
      const tape = compileOk(`${name}(b, a)`); // b is the first argument, a (= v-1) the second
      const v = primal(tape, [2, 2]);
      expect(jacobianForward(tape, v)[0], name).toEqual([0, 1]);
      expect(jacobianReverse(tape, v)[0], name).toEqual([0, 1]);
    }
  });

  it('x^2 at −3 has derivative −6: a constant exponent takes the power rule, not a logarithm', () => {
    expect(derivative('x^2', -3)).toBe(-6);
    expect(derivative('x^3', -2)).toBe(12);
    const trace = buildTrace(compileOk('x^2'), [-3]);
    expect(trace.v[1]).toBe(9);
    for (const s of trace.steps.filter((t) => t.phase !== 'primal')) expect(s.tex).not.toContain('\\ln');
    expect(trace.notes).toEqual([]);
  });
});
