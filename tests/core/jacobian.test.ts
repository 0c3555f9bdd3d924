/**
 * The Jacobian explorer's core: running the sweeps in order fills the same matrix by n forward
 * sweeps (columns) as by m reverse sweeps (rows), on random programs and on the three-input,
 * three-output example of the issue; operation counts follow from the tape; one seed gives J ẋ and ȳᵀ J.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import paper from '../fixtures/baydin2018-tables.json';
import {
  adjoint,
  buildTrace,
  jacobianCosts,
  jacobianFill,
  jvp,
  primal,
  vjp,
  type Tape,
} from '../../src/core/index';
import { expressionText, inputValue, UNARY_TEMPLATES } from './exprArbitrary';
import { centralDifference, compileOk, expectClose } from './harness';

/**
 * The matrix each mode has filled once every sweep has run to its end, sweep by sweep, each sweep
 * remembered (as the page's sweep history does) for the ones after it.
 */
function sweepAll(tape: Tape, x: readonly number[]) {
  const m = tape.outputs.length;
  const n = tape.n;
  const forward = Array.from({ length: m }, () => new Array<number>(n).fill(NaN));
  const reverse = Array.from({ length: m }, () => new Array<number>(n).fill(NaN));
  const columns: number[] = [];
  for (let i = 0; i < n; i++) {
    const trace = buildTrace(tape, x, { seed: i });
    const fill = jacobianFill(tape, trace, trace.phases.tangent.end, { columns, rows: [] });
    expect(fill.column).toBe(i);
    expect(fill.forwardDone).toBe(i + 1);
    expect(fill.nextColumn).toBe(i + 1 < n ? i + 1 : -1);
    fill.forward.forEach((row, r) => {
      row.forEach((cell, c) => {
        // Columns after this sweep's are still empty; this one is now filled.
        expect(cell.state).toBe(c <= i ? 'filled' : 'empty');
      });
      forward[r]![i] = row[i]!.value!;
    });
    columns.push(i);
  }
  const rows: number[] = [];
  for (let j = 0; j < m; j++) {
    const trace = buildTrace(tape, x, { adjointSeed: j });
    const fill = jacobianFill(tape, trace, trace.phases.adjoint.end, { columns: [], rows });
    expect(fill.row).toBe(j);
    expect(fill.reverseDone).toBe(j + 1);
    expect(fill.nextRow).toBe(j + 1 < m ? j + 1 : -1);
    fill.reverse.forEach((row, r) =>
      row.forEach((cell) => expect(cell.state).toBe(r <= j ? 'filled' : 'empty')),
    );
    reverse[j] = fill.reverse[j]!.map((cell) => cell.value!);
    rows.push(j);
  }
  return { forward, reverse };
}

/** Several outputs over shared inputs: `y1 = …; y2 = …` (smooth: no abs, so differences apply). */
const program = fc
  .array(
    expressionText({ inputs: 3, maxDepth: 3, unary: UNARY_TEMPLATES.filter((t) => !t.includes('abs')) }),
    {
      minLength: 1,
      maxLength: 3,
    },
  )
  .map((exprs) => exprs.map((e, i) => `y${i + 1} = ${e}`).join('; '));

describe('n forward sweeps and m reverse sweeps fill the same Jacobian', () => {
  it('on random f: R^n → R^m, and both agree with central differences', () => {
    fc.assert(
      fc.property(program, fc.array(inputValue, { minLength: 3, maxLength: 3 }), (text, point) => {
        const tape = compileOk(text);
        const x = point.slice(0, tape.n);
        const { forward, reverse } = sweepAll(tape, x);
        forward.forEach((row, r) =>
          row.forEach((a, c) => {
            expectClose(reverse[r]![c]!, a, 1e-10, `J[${r}][${c}]`, 1e-12);
            const f = (t: number) => {
              const xs = [...x];
              xs[c] = t;
              return primal(tape, xs)[tape.outputs[r]!.index]!;
            };
            expectClose(a, centralDifference(f, x[c]!), 1e-4, `J[${r}][${c}] vs central difference`, 1e-5);
          }),
        );
      }),
      { numRuns: 60 },
    );
  });

  it('on p = a*b*c; q = a + b^2 + c^3; r = cos(a - c): the 3×3 matrix of the calculus', () => {
    const tape = compileOk('p = a*b*c; q = a + b^2 + c^3; r = cos(a - c)');
    const [a, b, c] = [1.5, -2, 0.25];
    // By hand: ∂p = (bc, ac, ab), ∂q = (1, 2b, 3c²), ∂r = (−sin(a−c), 0, sin(a−c)).
    const expected = [
      [b * c, a * c, a * b],
      [1, 2 * b, 3 * c * c],
      [-Math.sin(a - c), 0, Math.sin(a - c)],
    ];
    const { forward, reverse } = sweepAll(tape, [a, b, c]);
    for (const J of [forward, reverse]) {
      J.forEach((row, r) =>
        row.forEach((v, k) => expectClose(v, expected[r]![k]!, 1e-14, `J[${r}][${k}]`, 1e-15)),
      );
    }
    const costs = jacobianCosts(tape);
    expect([costs.n, costs.m]).toEqual([3, 3]);
    expect(costs.sentence).toMatch(/3 sweeps/);
  });
});

describe('operation counts follow from the tape', () => {
  it("on the paper's example: 8 partials per sweep (Table 3 has 8 rows after the seed), 2 of them +=", () => {
    const tape = compileOk(paper.function.replace(/^.*= /, ''));
    const costs = jacobianCosts(tape);
    const table3 = paper.table3_reverse_adjoint_in_execution_order;
    expect(costs.l).toBe(5);
    expect(costs.edges).toBe(table3.length - 1);
    expect(costs.reverseSweep).toEqual({ partials: 8, multiplications: 8, additions: 2, operations: 18 });
    // Tangent rows: ln and sin read one tangent, ×, + and − add two products each: 3 additions.
    expect(costs.forwardSweep).toEqual({ partials: 8, multiplications: 8, additions: 3, operations: 19 });
    expect([costs.forwardTotal, costs.reverseTotal]).toEqual([38, 18]);
    expect(costs.cheaper).toBe('reverse');
    expect(costs.sentence).toMatch(/^Reverse mode is cheaper: f has 2 inputs and 1 output/);
  });

  it('match what the sweeps do on random programs: one partial per adjoint row, one addition per += row', () => {
    fc.assert(
      fc.property(program, (text) => {
        const tape = compileOk(text);
        const costs = jacobianCosts(tape);
        const v = primal(tape, new Array(tape.n).fill(0.3));
        for (let j = 0; j < tape.outputs.length; j++) {
          const yBar = tape.outputs.map((_, k) => (k === j ? 1 : 0));
          const rows = adjoint(tape, v, yBar).steps.filter((s) => s.from !== null);
          expect(costs.reverseSweep.partials).toBe(rows.length);
          // Rows that add to a contribution pushed by an earlier row (a seed is a starting value).
          const pushed = new Set<number>();
          let adds = 0;
          for (const row of rows) {
            if (pushed.has(row.target)) adds++;
            pushed.add(row.target);
          }
          expect(costs.reverseSweep.additions).toBe(adds);
        }
        // A tangent row of a node with k node arguments sums k products: k − 1 additions.
        let additions = 0;
        for (const node of tape.nodes.slice(tape.n))
          additions += node.args.filter((a) => a.kind === 'node').length - 1;
        expect(costs.forwardSweep.additions).toBe(additions);
        expect(costs.forwardTotal).toBe(tape.n * costs.forwardSweep.operations);
        expect(costs.reverseTotal).toBe(tape.outputs.length * costs.reverseSweep.operations);
      }),
      { numRuns: 100 },
    );
  });

  it('says forward mode is cheaper for one input and several outputs', () => {
    const costs = jacobianCosts(compileOk('a = sin(x); b = x^2; c = exp(x)*x'));
    expect(costs.cheaper).toBe('forward');
    expect(costs.sentence).toMatch(
      /^Forward mode is cheaper: f has 1 input and 3 outputs, so one forward sweep/,
    );
  });
});

describe('one seed, one sweep: J ẋ and ȳᵀ J', () => {
  it('equal the matrix products with the Jacobian on random programs', () => {
    fc.assert(
      fc.property(
        program,
        fc.array(inputValue, { minLength: 3, maxLength: 3 }),
        fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 3, maxLength: 3 }),
        (text, point, seed) => {
          const tape = compileOk(text);
          const x = point.slice(0, tape.n);
          const { forward: J } = sweepAll(tape, x);
          const v = primal(tape, x);
          const xDot = seed.slice(0, tape.n);
          const yBar = tape.outputs.map((_, j) => seed[j % 3]!);
          jvp(tape, v, xDot).forEach((y, r) =>
            expectClose(
              y,
              J[r]!.reduce((s, a, c) => s + a * xDot[c]!, 0),
              1e-10,
              `(J ẋ)[${r}]`,
              1e-12,
            ),
          );
          vjp(tape, v, yBar).forEach((g, c) =>
            expectClose(
              g,
              J.reduce((s, row, r) => s + yBar[r]! * row[c]!, 0),
              1e-10,
              `(ȳᵀJ)[${c}]`,
              1e-12,
            ),
          );
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('the fill follows the timeline', () => {
  it('shows a running sum where x1 fans out, until its second contribution arrives', () => {
    const tape = compileOk(paper.function.replace(/^.*= /, ''));
    const trace = buildTrace(tape, [paper.point.x1, paper.point.x2]);
    const table3 = paper.table3_reverse_adjoint_in_execution_order;
    const start = trace.phases.adjoint.start;
    const x1Rows = table3.flatMap((r, i) => (r.target === 'v-1' ? [i] : []));
    expect(x1Rows).toHaveLength(2);
    const after = (i: number) => jacobianFill(tape, trace, start + i + 1).reverse[0]![0]!;
    expect(jacobianFill(tape, trace, start + x1Rows[0]!).reverse[0]![0]!.state).toBe('empty');
    expect(after(x1Rows[0]!)).toEqual({ state: 'partial', value: table3[x1Rows[0]!]!.value, fresh: true });
    expect(after(x1Rows[1]!)).toEqual({ state: 'filled', value: paper.gradient.x1, fresh: true });
    // Forward mode at the start of the tangent sweep has nothing yet; one step after the output's row, 5.5.
    expect(jacobianFill(tape, trace, trace.phases.tangent.start).forward[0]![0]!.state).toBe('empty');
    const end = jacobianFill(tape, trace, trace.phases.tangent.end).forward[0]!;
    expect(end.map((c) => c.state)).toEqual(['filled', 'empty']);
    expect(end[0]!.value).toBe(paper.table2_forward_tangent_seed_x1.at(-1)!.value);
  });
});
