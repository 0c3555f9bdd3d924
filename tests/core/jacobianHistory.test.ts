/**
 * The Jacobian explorer fills only what the page has swept: the columns (rows) of sweeps that ran to
 * their end earlier on the same tape and point, and the trace's own sweep as far as its timeline has
 * gone. Seeding e(x2) says nothing about whether e(x1)'s sweep ran (QA: the panel said "1 of 2" with
 * ∂y/∂x1 = 5.5 where the results strip, which counts sweeps run, said "0 of 2").
 */
import { describe, expect, it } from 'vitest';
import paper from '../fixtures/baydin2018-tables.json';
import { buildTrace, jacobianFill, sweepsDone, type JacobianCell } from '../../src/core/index';
import { compileOk } from './harness';

const X = [paper.point.x1, paper.point.x2];
const states = (cells: readonly (readonly JacobianCell[])[]) => cells.map((row) => row.map((c) => c.state));

describe('jacobianFill given the sweeps run before', () => {
  const tape = compileOk(paper.function.replace(/^.*= /, ''));
  const seededX2 = buildTrace(tape, X, { seed: 1 });

  it('fills no column for a sweep that was not run (seed e(x2), step 10, nothing before)', () => {
    const fill = jacobianFill(tape, seededX2, 10);
    expect(fill.column).toBe(1);
    expect(states(fill.forward)).toEqual([['empty', 'empty']]);
    expect(fill.forwardDone).toBe(0);
    expect(fill.nextColumn).toBe(0);
    // At the end of its own sweep: its column only, one of two.
    const end = jacobianFill(tape, seededX2, seededX2.phases.tangent.end);
    expect(states(end.forward)).toEqual([['empty', 'filled']]);
    expect(end.forward[0]![1]!.value).toBe(paper.gradient.x2);
    expect([end.forwardDone, end.nextColumn]).toEqual([1, 0]);
  });

  it('fills the columns swept before, and the current one as far as its timeline has gone', () => {
    const before = { columns: [0], rows: [] };
    const mid = jacobianFill(tape, seededX2, 10, before);
    expect(states(mid.forward)).toEqual([['filled', 'empty']]);
    expect(mid.forward[0]![0]).toEqual({ state: 'filled', value: paper.gradient.x1, fresh: false });
    expect([mid.forwardDone, mid.nextColumn]).toEqual([1, 1]);
    const end = jacobianFill(tape, seededX2, seededX2.phases.tangent.end, before);
    expect(states(end.forward)).toEqual([['filled', 'filled']]);
    expect([end.forwardDone, end.nextColumn]).toEqual([2, -1]);
  });

  it('follows the timeline for the seeded column even if it was swept before (scrubbed back)', () => {
    const both = { columns: [0, 1], rows: [] };
    const start = jacobianFill(tape, seededX2, seededX2.phases.tangent.start, both);
    expect(states(start.forward)).toEqual([['filled', 'empty']]);
    expect([start.forwardDone, start.nextColumn]).toEqual([1, 1]);
  });

  it('counts the same as sweepsDone at every step, with and without a history', () => {
    for (const before of [undefined, { columns: [0], rows: [] }, { columns: [0, 1], rows: [0] }])
      for (let step = 0; step <= seededX2.steps.length; step++) {
        const fill = jacobianFill(tape, seededX2, step, before);
        const done = sweepsDone(tape, seededX2, step, before);
        expect([fill.forwardDone, fill.reverseDone, fill.nextColumn, fill.nextRow]).toEqual([
          done.forwardDone,
          done.reverseDone,
          done.nextColumn,
          done.nextRow,
        ]);
        const filledColumns = [0, 1].filter((c) => fill.forward.every((row) => row[c]!.state === 'filled'));
        expect(filledColumns.length, `step ${step}`).toBe(fill.forwardDone);
      }
  });
});

describe('reverse mode likewise: rows only for adjoint sweeps run', () => {
  const tape = compileOk('p = a*b*c; q = a + b^2 + c^3; r = cos(a - c)');
  const [a, b, c] = [1, 2, 0.5];
  const seededR = buildTrace(tape, [a, b, c], { adjointSeed: 2 });
  const end = seededR.phases.adjoint.end;

  it('seeded ȳ = e(r) at the end: the row of r, not those of p and q', () => {
    const fill = jacobianFill(tape, seededR, end);
    expect(fill.row).toBe(2);
    expect(states(fill.reverse)).toEqual([
      ['empty', 'empty', 'empty'],
      ['empty', 'empty', 'empty'],
      ['filled', 'filled', 'filled'],
    ]);
    expect([fill.reverseDone, fill.nextRow]).toEqual([1, 0]);
  });

  it('with the row of p swept before: p and r, two of three, q next', () => {
    const fill = jacobianFill(tape, seededR, end, { columns: [], rows: [0] });
    expect(states(fill.reverse).map((row) => row[0])).toEqual(['filled', 'empty', 'filled']);
    expect(fill.reverse[0]!.map((cell) => cell.value)).toEqual([b * c, a * c, a * b]);
    expect([fill.reverseDone, fill.nextRow]).toEqual([2, 1]);
    // Before its adjoint sweep starts, r's row waits for the timeline.
    const early = jacobianFill(tape, seededR, seededR.phases.adjoint.start, { columns: [], rows: [0, 2] });
    expect(states(early.reverse).map((row) => row[0])).toEqual(['filled', 'empty', 'empty']);
    expect(early.reverseDone).toBe(1);
  });
});
