/**
 * Worked examples from textbooks and course notes (see tests/fixtures/README.md): the value and the
 * gradient of each, by one reverse sweep and by n forward sweeps.
 */
import { describe, expect, it } from 'vitest';
import { adjoint, primal, tangent, unit } from '../../src/core/index';
import examples from '../fixtures/worked-examples.json';
import { compileOk, expectClose, inputVector } from './harness';

const TOL = 1e-12;

interface Example {
  readonly f: string;
  readonly x: Readonly<Record<string, number>>;
  readonly value?: number;
  readonly primal?: Readonly<Record<string, number>>;
  readonly gradient: readonly number[] | Readonly<Record<string, number>>;
}

/** The expected gradient by input name: list form follows the order of the inputs in `x`. */
function gradientByName(e: Example): Map<string, number> {
  const names = Object.keys(e.x);
  if (Array.isArray(e.gradient)) {
    expect(e.gradient).toHaveLength(names.length);
    return new Map(names.map((name, j) => [name, (e.gradient as readonly number[])[j]!]));
  }
  return new Map(Object.entries(e.gradient));
}

const cases = Object.entries(examples as Readonly<Record<string, Example>>);

describe('worked examples', () => {
  it('covers every example of the fixture', () => {
    expect(cases.map(([name]) => name).sort()).toEqual(
      ['baydin_table2_3', 'cppad_exp_2', 'cs231n_max', 'cs231n_sigmoid', 'griewank_walther_baby'].sort(),
    );
  });

  describe.each(cases)('%s', (_name, e) => {
    const tape = compileOk(e.f);
    const x = inputVector(tape, e.x);
    const v = primal(tape, x);
    const out = tape.outputs[0]!.index;
    const want = gradientByName(e);

    it('has one input per variable of the example and one output', () => {
      expect(tape.inputs.map((i) => i.name).sort()).toEqual(Object.keys(e.x).sort());
      expect(tape.outputs).toHaveLength(1);
    });

    it('computes the value', () => {
      const value = e.value ?? (e.primal ? Object.values(e.primal).at(-1) : undefined);
      expect(value).toBeDefined();
      expectClose(v[out]!, value!, TOL, 'value');
      if (e.primal)
        for (const [id, p] of Object.entries(e.primal))
          expectClose(v[tape.nodes.findIndex((n) => n.id === id)]!, p, TOL, id);
    });

    it('computes the gradient by one reverse sweep', () => {
      const { vBar } = adjoint(tape, v, [1]);
      tape.inputs.forEach((input, j) =>
        expectClose(vBar[j]!, want.get(input.name)!, TOL, `∂/∂${input.name}`),
      );
    });

    it('computes the gradient by n forward sweeps', () => {
      tape.inputs.forEach((input, j) => {
        const vDot = tangent(tape, v, unit(tape.n, j));
        expectClose(vDot[out]!, want.get(input.name)!, TOL, `∂/∂${input.name}`);
      });
    });
  });
});
