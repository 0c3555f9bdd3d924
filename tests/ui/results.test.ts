/**
 * The results strip never runs ahead of the sweeps: y once its step is reached, ∂y/∂x_j by forward
 * mode once a tangent sweep seeded with x_j has reached y, by reverse mode once the adjoint of x_j has
 * its last contribution. Values are checked against worked examples computed elsewhere
 * (tests/fixtures/worked-examples.json: Baydin et al. 2018, Griewank & Walther, CS231n).
 */
import { describe, expect, it } from 'vitest';
import worked from '../fixtures/worked-examples.json';
import { buildTrace, compile, type Tape } from '../../src/core/index';
import { nextSweepHistory, NO_SWEEPS, resultEntries } from '../../src/ui/resultEntries';
import { fitScale, WRAP } from '../../src/ui/table/useFitRows';

interface Worked {
  readonly f: string;
  readonly x: Readonly<Record<string, number>>;
  /** In the order of `x`, or by input name. */
  readonly gradient: readonly number[] | Readonly<Record<string, number>>;
  readonly value?: number;
}

const CASES = Object.entries(worked as Record<string, Worked>);

function tapeOf(text: string): Tape {
  const r = compile(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.tape;
}

const close = (a: number | null, b: number) => {
  expect(a).not.toBeNull();
  expect(Math.abs(a! - b)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(b)));
};

describe('resultEntries', () => {
  for (const [name, c] of CASES) {
    const tape = tapeOf(c.f);
    const names = Object.keys(c.x);
    const x = tape.inputs.map((i) => c.x[i.name]!);
    const g = c.gradient;
    const gradient = (input: string): number =>
      Array.isArray(g) ? g[names.indexOf(input)]! : (g as Readonly<Record<string, number>>)[input]!;

    it(`${name}: each forward entry appears only once its own sweep reaches y`, () => {
      tape.inputs.forEach((seeded, j) => {
        const trace = buildTrace(tape, x, { seed: j });
        const out = tape.outputs[0]!.index;
        const yTangentStep = trace.steps.findIndex((s) => s.phase === 'tangent' && s.target === out);
        for (let step = 0; step <= trace.steps.length; step++) {
          const r = resultEntries(tape, trace, step);
          for (const e of r.forward) {
            if (e.name === seeded.name && step > yTangentStep) close(e.value, gradient(e.name));
            else expect(e.value, `${e.key} at step ${step}, seed ${seeded.name}`).toBeNull();
          }
          expect(r.sweepsDone).toBe(step > yTangentStep ? 1 : 0);
        }
      });
    });

    it(`${name}: sweeps run earlier on the same point keep their column`, () => {
      const all = new Set(tape.inputs.map((_, j) => j));
      const trace = buildTrace(tape, x, { seed: 0 });
      const r = resultEntries(tape, trace, 0, all);
      // The current sweep has not started: its own column waits; the others were swept before.
      for (const e of r.forward) {
        if (e.name === tape.inputs[0]!.name) expect(e.value).toBeNull();
        else close(e.value, gradient(e.name));
      }
    });

    it(`${name}: y once assigned, the reverse gradient once every contribution is in`, () => {
      const trace = buildTrace(tape, x);
      const out = tape.outputs[0]!;
      const yStep = trace.steps.findIndex((s) => s.phase === 'primal' && s.target === out.index);
      const a0 = trace.phases.adjoint.start;
      for (let step = 0; step <= trace.steps.length; step++) {
        const r = resultEntries(tape, trace, step);
        const y = r.values[0]!;
        expect(y.key).toBe(`value:${out.name}`);
        if (step > yStep && c.value !== undefined) close(y.value, c.value);
        if (step <= yStep) expect(y.value).toBeNull();
        for (const e of r.reverse) {
          const index = tape.inputs.find((i) => i.name === e.name)!.index;
          let last = -1;
          trace.steps.forEach((s, i) => {
            if (s.phase === 'adjoint' && s.target === index) last = i;
          });
          expect(last).toBeGreaterThanOrEqual(a0);
          if (step <= last) expect(e.value, `${e.key} at ${step}`).toBeNull();
          else close(e.value, gradient(e.name));
        }
      }
      const end = resultEntries(tape, trace, trace.steps.length);
      for (const e of end.reverse) close(e.value, gradient(e.name));
    });
  }

  it('names its entries by the page hooks, for the output whose adjoint is seeded', () => {
    const tape = tapeOf('u = x1*x2 + sin(x1); w = exp(x2) - x1/x2');
    const trace = buildTrace(tape, [1, 2], { adjointSeed: 1 });
    const r = resultEntries(tape, trace, trace.steps.length);
    expect(r.output).toBe('w');
    expect(r.values.map((e) => e.key)).toEqual(['value:u', 'value:w']);
    expect(r.forward.map((e) => e.key)).toEqual(['forward:x1', 'forward:x2']);
    expect(r.reverse.map((e) => e.key)).toEqual(['reverse:x1', 'reverse:x2']);
    // ∂w/∂x1 = −1/x2, ∂w/∂x2 = e^x2 + x1/x2², by hand.
    close(r.reverse[0]!.value, -1 / 2);
    close(r.reverse[1]!.value, Math.exp(2) + 1 / 4);
    close(r.forward[0]!.value, -1 / 2);
    expect(r.forward[1]!.value).toBeNull();
  });
});

describe('nextSweepHistory', () => {
  const tape = tapeOf('ln(x1) + x1*x2 - sin(x2)');
  const at = (seed: number, x = [2, 5]) => buildTrace(tape, x, { seed });

  it('remembers a tangent sweep seen at its end, and only then', () => {
    const t0 = at(0);
    let h = nextSweepHistory(NO_SWEEPS, tape, t0, t0.phases.tangent.end - 1);
    expect(h.done).toEqual([]);
    h = nextSweepHistory(h, tape, t0, t0.phases.tangent.end);
    expect(h.done).toEqual([0]);
    expect(nextSweepHistory(h, tape, t0, t0.steps.length)).toBe(h);
    const t1 = at(1);
    h = nextSweepHistory(h, tape, t1, t1.phases.tangent.start);
    expect(h.done).toEqual([0]);
    h = nextSweepHistory(h, tape, t1, t1.steps.length);
    expect(h.done).toEqual([0, 1]);
  });

  it('starts afresh at another point or for another expression', () => {
    const t0 = at(0);
    const h = nextSweepHistory(NO_SWEEPS, tape, t0, t0.steps.length);
    expect(nextSweepHistory(h, tape, at(0, [3, 5]), 0).done).toEqual([]);
    const other = tapeOf('x1*x2');
    expect(nextSweepHistory(h, other, buildTrace(other, [2, 5]), 0).done).toEqual([]);
  });
});

describe('fitScale', () => {
  it('keeps a formula that fits, shrinks one that does not to the largest percent that fits', () => {
    expect(fitScale(300, 400)).toBe(1);
    expect(fitScale(400, 400)).toBe(1);
    const s = fitScale(523, 400);
    expect(523 * s).toBeLessThanOrEqual(400);
    expect(523 * (s + 0.01)).toBeGreaterThan(400);
    // Below the smallest readable type the row wraps instead.
    expect(fitScale(400 / 0.6, 400, 0.6)).toBe(0.6);
    expect(fitScale(400 / 0.6 + 10, 400, 0.6)).toBe(WRAP);
    expect(fitScale(5000, 400)).toBe(WRAP);
    expect(fitScale(0, 400)).toBe(1);
    expect(fitScale(300, 0)).toBe(1);
  });
});
