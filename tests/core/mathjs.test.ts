/**
 * An oracle nobody here wrote: mathjs' symbolic `derivative`, evaluated at the same point, against
 * the gradient of our reverse sweep, for a fixed set of generated expressions over 1–4 inputs.
 * Expressions use only syntax and functions both understand; our `ln` is mathjs' `log` (our `log` is
 * the natural logarithm too), and `^` means the same in both.
 */
import fc from 'fast-check';
import { derivative, evaluate } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { jacobianForward, jacobianReverse, primal } from '../../src/core/index';
import { expressionText, INPUT_NAMES } from './exprArbitrary';
import { compileOk, expectClose, inputVector } from './harness';

const REL = 1e-9;
const COUNT = 40;

/** Functions mathjs can differentiate and evaluate to real numbers on these arguments. */
const SHARED_UNARY: readonly string[] = [
  'sin(#)',
  'cos(#)',
  'tan(#/2)',
  'asin(tanh(#)/2)',
  'acos(sin(#)/3)',
  'atan(#)',
  'sinh(#/2)',
  'cosh(#/2)',
  'tanh(#)',
  'exp(cos(#))',
  'ln(1 + (#)^2)',
  'log(2 + sin(#))',
  'log10(3 + cos(#))',
  'sqrt((#)^2 + 1)',
  'abs(#) + 1',
  '-(#)',
  '(#)^2',
  '(#)^3',
  '1/(1 + (#)^2)',
];

const SHARED_BINARY: readonly string[] = [
  '# + @',
  '# - @',
  '(#) * (@)',
  '(#) / (2 + cos(@))',
  '(1 + (#)^2)^(sin(@))',
  'pow(1 + (#)^2, cos(@)/2)',
  '2^-(#) * @',
];

/** Our language to mathjs: only the name of the natural logarithm differs. */
const toMathjs = (text: string): string => text.replace(/\bln\(/g, 'log(');

const expressions = fc.sample(
  fc
    .integer({ min: 1, max: 4 })
    .chain((n) => expressionText({ inputs: n, maxDepth: 4, unary: SHARED_UNARY, binary: SHARED_BINARY })),
  { numRuns: COUNT, seed: 1502 },
);
const points = fc.sample(
  fc.array(
    fc.integer({ min: -150, max: 150 }).map((k) => k / 100 + 0.005),
    { minLength: 4, maxLength: 4 },
  ),
  { numRuns: COUNT, seed: 5767 },
);
const cases = expressions.map((text, i) => ({
  text,
  point: Object.fromEntries(INPUT_NAMES.map((name, j) => [name, points[i]![j]!])),
}));

describe('gradients agree with mathjs symbolic differentiation', () => {
  it(`uses ${COUNT} distinct generated expressions over 1–4 inputs`, () => {
    expect(new Set(expressions).size).toBeGreaterThanOrEqual(30);
    expect(expressions.some((e) => /x3|x4/.test(e))).toBe(true);
    expect(expressions.some((e) => /\bln\(/.test(e))).toBe(true);
  });

  it.each(cases)('$text', ({ text, point }) => {
    const tape = compileOk(text);
    const v = primal(tape, inputVector(tape, point));
    const scope = Object.fromEntries(tape.inputs.map((i) => [i.name, point[i.name]!]));
    expectClose(v[tape.outputs[0]!.index]!, evaluate(toMathjs(text), scope) as number, REL, 'value');
    const reverse = jacobianReverse(tape, v)[0]!;
    const forward = jacobianForward(tape, v)[0]!;
    tape.inputs.forEach((input, j) => {
      const oracle = derivative(toMathjs(text), input.name, { simplify: false }).evaluate(scope) as number;
      expect(typeof oracle).toBe('number');
      expectClose(reverse[j]!, oracle, REL, `reverse ∂/∂${input.name}`, 1e-12);
      expectClose(forward[j]!, oracle, REL, `forward ∂/∂${input.name}`, 1e-12);
    });
  });
});
