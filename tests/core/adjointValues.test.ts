/**
 * The lean reverse sweep (`adjointValues`, what a gradient costs) against the recording one
 * (`adjoint`, what the views animate): the same arithmetic in the same order, so the adjoints agree
 * bit for bit on random programs with several outputs and seeds; and the tape is unchanged when
 * operands are shared between readers.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adjoint, adjointValues, jacobianReverse, primal } from '../../src/core/index';
import { expressionText, inputValue, INPUT_NAMES } from './exprArbitrary';
import { compileOk } from './harness';

const program = fc
  .array(expressionText({ inputs: 4, maxDepth: 4 }), { minLength: 1, maxLength: 3 })
  .map((exprs) => exprs.map((e, i) => `y${i + 1} = ${e}`).join('; '));

describe('adjointValues', () => {
  it('equals the adjoints of the recorded sweep exactly, for any output seed', () => {
    fc.assert(
      fc.property(
        program,
        fc.array(inputValue, { minLength: 4, maxLength: 4 }),
        fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 3, maxLength: 3 }),
        (text, point, seeds) => {
          const tape = compileOk(text);
          const x = tape.inputs.map(
            (i) => point[INPUT_NAMES.indexOf(i.name as (typeof INPUT_NAMES)[number])]!,
          );
          const v = primal(tape, x);
          const yBar = tape.outputs.map((_, j) => seeds[j]!);
          const lean = adjointValues(tape, v, yBar);
          const recorded = adjoint(tape, v, yBar).vBar;
          expect(Array.from(lean)).toEqual(Array.from(recorded));
        },
      ),
      { numRuns: 300, seed: 4711 },
    );
  });

  it('gives the rows of the Jacobian: x1*x2, sin(x1) at (2, 5)', () => {
    const tape = compileOk('a = x1*x2; b = sin(x1)');
    const J = jacobianReverse(tape, primal(tape, [2, 5]));
    expect(J).toEqual([
      [5, 2],
      [Math.cos(2), 0],
    ]);
  });

  it('counts a node read twice twice: d(x*x)/dx = 2x, through two edges into one shared operand', () => {
    const tape = compileOk('x*x');
    const node = tape.nodes[1]!;
    expect(node.args[0]).toBe(node.args[1]);
    expect(adjointValues(tape, primal(tape, [3]), [1])[0]).toBe(6);
  });
});
