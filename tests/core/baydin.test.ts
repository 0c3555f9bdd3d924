/**
 * Tables 2 and 3 of Baydin, Pearlmutter, Radul and Siskind (JMLR 2018): the tool must reproduce the
 * paper's Wengert list, its forward primal and tangent traces and its reverse adjoint trace, step by
 * step, in the paper's numbering and order.
 */
import { describe, expect, it } from 'vitest';
import { adjoint, buildTrace, jacobianForward, jacobianReverse, primal, tangent } from '../../src/core/index';
import tables from '../fixtures/baydin2018-tables.json';
import { compileOk, expectClose, inputVector } from './harness';

const TOL = 1e-12;
const SOURCE = 'ln(x1) + x1*x2 - sin(x2)';

// The fixture states the function in words; make sure we test the one it describes.
expect(tables.function).toBe(`y = f(x1, x2) = ${SOURCE}`);

const tape = compileOk(SOURCE);
const x = inputVector(tape, tables.point);
const idOf = (index: number): string => tape.nodes[index]!.id;
const indexOf = (id: string): number => {
  const node = tape.nodes.find((n) => n.id === id);
  if (!node) throw new Error(`no node ${id}`);
  return node.index;
};
const trace = buildTrace(tape, x, { seed: tape.inputs.findIndex((i) => i.name === 'x1'), adjointSeed: 0 });

/** The paper prints three decimals: the TeX of a row ends with the printed value. */
const printed = (value: number): string => String(Number(value.toFixed(3)));

describe('Baydin et al. (2018), the Wengert list', () => {
  it('numbers the nodes, their operations and arguments as in the paper', () => {
    const graph = tape.nodes.map((n) =>
      n.op === 'input'
        ? { id: n.id, input: n.name }
        : { id: n.id, op: n.op, args: n.args.map((a) => (a.kind === 'node' ? idOf(a.index) : a.value)) },
    );
    expect(graph).toEqual(tables.graph);
  });

  it('has the paper inputs in order and names the output y', () => {
    expect(tape.inputs.map((i) => [i.name, i.id])).toEqual([
      ['x1', 'v-1'],
      ['x2', 'v0'],
    ]);
    expect(tape.outputs.map((o) => ({ name: o.name, id: o.id }))).toEqual([tables.output]);
  });
});

describe('Baydin et al. (2018), Table 2: forward primal and tangent traces', () => {
  it('computes every primal value', () => {
    const v = primal(tape, x);
    for (const row of tables.table2_forward_primal) expectClose(v[indexOf(row.id)]!, row.value, TOL, row.id);
    expect(trace.v).toEqual(v);
  });

  it('computes every tangent value for the seed ẋ = (1, 0)', () => {
    const vDot = tangent(tape, primal(tape, x), [1, 0]);
    for (const row of tables.table2_forward_tangent_seed_x1) {
      expectClose(vDot[indexOf(row.id)]!, row.value, TOL, row.id);
      expectClose(trace.vDot[indexOf(row.id)]!, row.value, TOL, row.id);
    }
  });

  it('lays the primal and tangent rows on the timeline in node order, with their values', () => {
    const primalSteps = trace.steps.filter((s) => s.phase === 'primal');
    const tangentSteps = trace.steps.filter((s) => s.phase === 'tangent');
    expect(primalSteps.map((s) => s.targetId)).toEqual(tables.table2_forward_primal.map((r) => r.id));
    expect(tangentSteps.map((s) => s.targetId)).toEqual(
      tables.table2_forward_tangent_seed_x1.map((r) => r.id),
    );
    primalSteps.forEach((s, i) =>
      expectClose(s.value, tables.table2_forward_primal[i]!.value, TOL, s.targetId),
    );
    tangentSteps.forEach((s, i) =>
      expectClose(s.value, tables.table2_forward_tangent_seed_x1[i]!.value, TOL, s.targetId),
    );
  });
});

describe('Baydin et al. (2018), Table 3: the reverse adjoint trace', () => {
  const expected = tables.table3_reverse_adjoint_in_execution_order;

  it('has the nine adjoint steps of the paper on the timeline, in execution order', () => {
    const steps = trace.steps.filter((s) => s.phase === 'adjoint');
    expect(steps).toHaveLength(9);
    expect(steps.map((s) => ({ target: s.targetId, from: s.fromId, accumulate: s.accumulate }))).toEqual(
      expected.map((r) => ({ target: r.target, from: r.from, accumulate: r.accumulate })),
    );
    steps.forEach((s, i) => expectClose(s.value, expected[i]!.value, TOL, `step ${i + 1}`));
  });

  it('records the same nine steps in the adjoint sweep itself', () => {
    const { steps } = adjoint(tape, primal(tape, x), [1]);
    expect(steps).toHaveLength(9);
    expect(
      steps.map((s) => ({
        target: idOf(s.target),
        from: s.from === null ? null : idOf(s.from),
        accumulate: s.accumulate,
      })),
    ).toEqual(expected.map((r) => ({ target: r.target, from: r.from, accumulate: r.accumulate })));
    steps.forEach((s, i) => expectClose(s.value, expected[i]!.value, TOL, `step ${i + 1}`));
    expect(trace.adjointSteps).toEqual(steps);
  });

  it('ends with the adjoint of every node as the last step that assigned it', () => {
    const finalAdjoint = new Map(expected.map((r) => [r.target, r.value]));
    expect(finalAdjoint.size).toBe(tape.nodes.length);
    for (const [id, value] of finalAdjoint) expectClose(trace.vBar[indexOf(id)]!, value, TOL, id);
  });

  it('gives the gradient, by the reverse sweep and by forward sweeps', () => {
    const v = primal(tape, x);
    const want = tape.inputs.map((i) => tables.gradient[i.name as keyof typeof tables.gradient]);
    const reverse = jacobianReverse(tape, v)[0]!;
    const forward = jacobianForward(tape, v)[0]!;
    want.forEach((g, j) => {
      expectClose(reverse[j]!, g, TOL, `reverse ∂y/∂${tape.inputs[j]!.name}`);
      expectClose(forward[j]!, g, TOL, `forward ∂y/∂${tape.inputs[j]!.name}`);
    });
  });
});

describe('Baydin et al. (2018): rows typeset in the paper style', () => {
  const expected = tables.table3_reverse_adjoint_in_execution_order;
  const row = (phase: string, id: string, from: string | null = null, accumulate = false): string => {
    const s = trace.steps.find(
      (t) =>
        t.phase === phase &&
        t.targetId === id &&
        (phase !== 'adjoint' || (t.fromId === from && t.accumulate === accumulate)),
    );
    if (!s) throw new Error(`no ${phase} step for ${id}`);
    return s.tex;
  };

  it('ends every primal and tangent row with the value the paper prints', () => {
    for (const r of tables.table2_forward_primal)
      expect(row('primal', r.id).endsWith(`= ${printed(r.printed)}`)).toBe(true);
    for (const r of tables.table2_forward_tangent_seed_x1) {
      expect(row('tangent', r.id).endsWith(`= ${printed(r.printed)}`)).toBe(true);
    }
  });

  it('ends every adjoint row with the paper value to three decimals', () => {
    const steps = trace.steps.filter((s) => s.phase === 'adjoint');
    steps.forEach((s, i) => expect(s.tex.endsWith(`= ${printed(expected[i]!.value)}`)).toBe(true));
  });

  it('writes the inputs and the logarithm row as the paper does', () => {
    expect(row('primal', 'v-1')).toBe('v_{-1} = x_{1} = 2');
    expect(row('primal', 'v0')).toBe('v_{0} = x_{2} = 5');
    const v1 = row('primal', 'v1');
    expect(v1).toContain('v_{1} = \\ln v_{-1}');
    expect(v1).toContain('\\ln 2');
    expect(v1).toContain('= 0.693');
  });

  it('writes the product and the difference rows with their operands', () => {
    expect(row('primal', 'v2')).toMatch(/^v_\{2\} = v_\{-1\} \\times v_\{0\} = 2 \\times 5 = 10$/);
    expect(row('primal', 'v5')).toMatch(/^v_\{5\} = v_\{4\} - v_\{3\} = .* = 11\.652$/);
  });

  it('writes the tangent of the product by the product rule', () => {
    const t = row('tangent', 'v2');
    expect(t.startsWith('\\dot v_{2} = ')).toBe(true);
    expect(t).toContain('\\dot v_{-1}');
    expect(t).toContain('\\dot v_{0}');
    expect(t).toMatch(/1 \\times 5 \+ 0 \\times 2 = 5$/);
  });

  it('writes the seed and an accumulating adjoint row as in Table 3', () => {
    expect(row('adjoint', 'v5')).toBe('\\bar v_{5} = \\bar{y} = 1');
    const last = row('adjoint', 'v-1', 'v1', true);
    expect(last).toContain(
      '\\bar v_{-1} = \\bar v_{-1} + \\bar v_{1} \\frac{\\partial v_{1}}{\\partial v_{-1}}',
    );
    expect(last).toContain('\\frac{1}{v_{-1}}');
    expect(last.endsWith('= 5.5')).toBe(true);
    const v0 = row('adjoint', 'v0', 'v2', true);
    expect(v0).toContain('\\bar v_{0} = \\bar v_{0} + \\bar v_{2}');
    expect(v0).toContain('\\times v_{-1}');
    expect(v0.endsWith('= 1.716')).toBe(true);
    expect(row('adjoint', 'v0', 'v3')).toContain('\\cos v_{0}');
  });
});
