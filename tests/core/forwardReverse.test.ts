/**
 * Forward mode against reverse mode on random programs (the dot-product test of ForwardDiff and
 * JAX): for any tangent ṫ and any output weights ȳ, ⟨J ṫ, ȳ⟩ = ⟨ṫ, Jᵀ ȳ⟩, where J ṫ comes from one
 * tangent sweep and Jᵀ ȳ from one adjoint sweep; and the Jacobian built column by column (forward)
 * equals the one built row by row (reverse).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  adjoint,
  jacobianForward,
  jacobianReverse,
  localPartials,
  primal,
  tangent,
  unit,
  type Tape,
} from '../../src/core/index';
import { expressionText, inputValue, INPUT_NAMES } from './exprArbitrary';
import { compileOk, isClose } from './harness';

const REL = 1e-9;
const RUNS = 1000;
/** Below this, products are subnormal and carry no relative precision. */
const UNDERFLOW = 1e-300;

const weights = fc.array(fc.double({ min: -3, max: 3, noNaN: true, noDefaultInfinity: true }), {
  minLength: 4,
  maxLength: 4,
});
const point = fc.array(inputValue, { minLength: 4, maxLength: 4 });

/** Values for the tape's inputs, taken by name from a point over x1 … x4. */
const at = (tape: Tape, p: readonly number[]): number[] =>
  tape.inputs.map((i) => p[INPUT_NAMES.indexOf(i.name as (typeof INPUT_NAMES)[number])]!);

const allFinite = (xs: ArrayLike<number>): boolean => Array.prototype.every.call(xs, Number.isFinite);

/**
 * The tangent sweep with every partial and seed replaced by its absolute value: |v̇|_i bounds the
 * size of the terms summed into v̇_i, so rounding errors of either mode are a small multiple of it
 * (a running error bound). Intermediate cancellation, which the final J alone would hide, shows here.
 */
function absTangent(tape: Tape, v: ArrayLike<number>, xDot: readonly number[]): Float64Array {
  const t = new Float64Array(tape.nodes.length);
  xDot.forEach((d, j) => (t[j] = Math.abs(d)));
  for (const node of tape.nodes.slice(tape.n)) {
    const d = localPartials(node, v);
    t[node.index] = node.args.reduce(
      (s, a, k) => (a.kind === 'node' ? s + Math.abs(d[k]!) * t[a.index]! : s),
      0,
    );
  }
  return t;
}

/**
 * Checks the dot-product identity and J_forward = J_reverse for one program at one point, to a
 * tolerance relative to the magnitude of the terms summed (the two modes round differently).
 */
function checkProgram(
  text: string,
  p: readonly number[],
  tDot: readonly number[],
  yBar: readonly number[],
): void {
  const tape = compileOk(text);
  const x = at(tape, p);
  const v = primal(tape, x);
  fc.pre(allFinite(v));
  const Jf = jacobianForward(tape, v);
  const Jr = jacobianReverse(tape, v);
  fc.pre(Jf.every(allFinite) && Jr.every(allFinite));

  const xDot = tDot.slice(0, tape.n);
  const w = yBar.slice(0, tape.outputs.length);
  const vDot = tangent(tape, v, xDot);
  const { vBar } = adjoint(tape, v, w);
  const lhs = tape.outputs.reduce((s, o, r) => s + vDot[o.index]! * w[r]!, 0);
  const rhs = tape.inputs.reduce((s, _i, j) => s + xDot[j]! * vBar[j]!, 0);
  const size = absTangent(tape, v, xDot);
  const scale = tape.outputs.reduce((s, o, r) => s + size[o.index]! * Math.abs(w[r]!), 0);
  if (!isClose(lhs, rhs, REL, REL * scale + UNDERFLOW)) {
    expect.fail(`⟨J ṫ, ȳ⟩ = ${lhs} but ⟨ṫ, Jᵀ ȳ⟩ = ${rhs} for ${text} at ${JSON.stringify(x)}`);
  }
  tape.inputs.forEach((_i, j) => {
    const column = absTangent(tape, v, Array.from(unit(tape.n, j)));
    Jf.forEach((row, r) => {
      const J = row[j]!;
      if (!isClose(J, Jr[r]![j]!, REL, REL * column[tape.outputs[r]!.index]! + UNDERFLOW)) {
        expect.fail(`J[${r}][${j}]: forward ${J}, reverse ${Jr[r]![j]} for ${text} at ${JSON.stringify(x)}`);
      }
    });
  });
}

describe('forward mode agrees with reverse mode', () => {
  it('on random single-output programs: ⟨J ṫ, ȳ⟩ = ⟨ṫ, Jᵀ ȳ⟩ and J_forward = J_reverse', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((n) => expressionText({ inputs: n, maxDepth: 5 })),
        point,
        weights,
        weights,
        (text, p, tDot, yBar) => checkProgram(text, p, tDot, yBar),
      ),
      { numRuns: RUNS, seed: 20180153 },
    );
  });

  it('on random multi-output programs that reuse earlier statements', () => {
    const program = fc
      .tuple(
        expressionText({ inputs: 4, maxDepth: 4 }),
        expressionText({ inputs: 4, maxDepth: 3 }),
        expressionText({ inputs: 3, maxDepth: 3 }),
        fc.constantFrom('a * b', 'sin(a) + b', 'a / (1 + b^2)', 'a - b', 'tanh(a*b)'),
        fc.constantFrom(';', '\n'),
      )
      .map(([e1, e2, e3, combine, sep]) =>
        [`a = ${e1}`, `b = ${e2} + a`, `${combine} + ${e3}`, e1].join(sep),
      );
    fc.assert(
      fc.property(program, point, weights, weights, (text, p, tDot, yBar) => {
        const tape = compileOk(text);
        expect(tape.outputs.map((o) => o.name)).toEqual(['a', 'b', 'y1', 'y2']);
        // `e1` repeated as the last statement is merged with `a`: the same node, two outputs.
        expect(tape.outputs[3]!.index).toBe(tape.outputs[0]!.index);
        checkProgram(text, p, tDot, yBar);
      }),
      { numRuns: RUNS / 4, seed: 1502_05767 },
    );
  });

  it('on a hand-written two-output program, with inputs used many times', () => {
    const text = 'a = x1*x2 + sin(x1)\nb = a^2 - exp(x2)/x1\nc = max(a, b) * atan2(x2, x1)';
    const tape = compileOk(text);
    const v = primal(tape, [0.8, -1.3]);
    expect(jacobianForward(tape, v)).toEqual(
      jacobianReverse(tape, v).map((row) => row.map((J) => expect.closeTo(J, 12))),
    );
    checkProgram(text, [0.8, -1.3, 0, 0], [0.3, -2, 0, 0], [1, -0.5, 2, 0]);
  });
});
