/**
 * Finite differences behave as numerical analysis says, on the paper's example
 * f(x1, x2) = ln x1 + x1 x2 − sin x2 at (2, 5), differentiated by x1. By hand:
 * ∂f/∂x1 = 1/x1 + x2 = 5.5, f″ = −1/x1² = −1/4, f‴ = 2/x1³ = 1/4, so the truncation errors are
 * h/2 · |f″| = h/8 (forward) and h²/6 · |f‴| = h²/24 (central); round-off is about ε|f|/h.
 */
import { describe, expect, it } from 'vitest';
import paper from '../fixtures/baydin2018-tables.json';
import { FD_LOG10_H_MAX, FD_LOG10_H_MIN, fdAt, fdSweep } from '../../src/core/index';
import { compileOk, expectClose } from './harness';

const tape = compileOk(paper.function.replace(/^.*= /, ''));
const problem = { tape, x: [paper.point.x1, paper.point.x2], input: 0, output: 0 };
const sweep = fdSweep(problem);
const at = (log10h: number) => fdAt(problem, log10h);

describe("finite differences on the paper's example", () => {
  it('compare against the AD value of Table 2 (5.5)', () => {
    expect(sweep.ad.derivative).toBe(paper.gradient.x1);
    expect(sweep.ad.value).toBe(paper.table2_forward_primal.at(-1)!.value);
  });

  it('the central error at h = 1e-5 is orders of magnitude below that at h = 1e-1', () => {
    expect(at(-5).centralError).toBeLessThan(at(-1).centralError * 1e-4);
  });

  it('follow the truncation terms of Taylor’s theorem while h is large: slope 1 and slope 2', () => {
    for (const e of [-1, -2, -3]) {
      const h = 10 ** e;
      expectClose(at(e).forwardError, h / 8, 0.06, `forward error at h = 1e${e}`);
      expectClose(at(e).centralError, (h * h) / 24, 0.01, `central error at h = 1e${e}`);
    }
    // A decade of h is a decade of error (forward) and two decades (central).
    expectClose(at(-2).forwardError / at(-3).forwardError, 10, 0.05, 'forward slope');
    expectClose(at(-2).centralError / at(-3).centralError, 100, 0.05, 'central slope');
  });

  it('round-off dominates at h = 1e-14: the error is far above truncation and grows as h shrinks', () => {
    const e = at(-14);
    const truncation = { forward: 1e-14 / 8, central: 1e-28 / 24 };
    expect(e.forwardError).toBeGreaterThan(1e6 * truncation.forward);
    expect(e.centralError).toBeGreaterThan(1e6 * truncation.central);
    expect(e.centralError).toBeGreaterThan(1e4 * at(-5).centralError);
    // Within an order of magnitude of the round-off estimate ε|f|/h, either side.
    for (const err of [e.forwardError, e.centralError]) {
      expect(err).toBeGreaterThan(sweep.roundOff / 1e-14 / 30);
      expect(err).toBeLessThan((sweep.roundOff / 1e-14) * 30);
    }
  });

  it('has its best h where theory puts it: near √ε for forward, near ∛ε for central differences', () => {
    expect(sweep.bestForward.log10h).toBeGreaterThanOrEqual(-9);
    expect(sweep.bestForward.log10h).toBeLessThanOrEqual(-6.5);
    expect(sweep.bestCentral.log10h).toBeGreaterThanOrEqual(-6.5);
    expect(sweep.bestCentral.log10h).toBeLessThanOrEqual(-3.5);
    expect(sweep.bestCentral.centralError).toBeLessThan(sweep.bestForward.forwardError);
    for (const s of sweep.samples) {
      expect(s.forwardError).toBeGreaterThanOrEqual(sweep.bestForward.forwardError);
      expect(s.centralError).toBeGreaterThanOrEqual(sweep.bestCentral.centralError);
    }
  });

  it('samples h = 1e-1 … 1e-16, four a decade, and steps as written', () => {
    expect(sweep.samples).toHaveLength((FD_LOG10_H_MAX - FD_LOG10_H_MIN) * 4 + 1);
    expect(sweep.samples[0]!.h).toBe(0.1);
    expect(sweep.samples.at(-1)!.log10h).toBe(-16);
    const e = at(-3);
    const f = (x1: number) => Math.log(x1) + x1 * 5 - Math.sin(5);
    expect(e.forward).toBe((f(2 + 1e-3) - f(2)) / 1e-3);
    expect(e.central).toBe((f(2 + 1e-3) - f(2 - 1e-3)) / 2e-3);
  });
});

describe('finite differences of a program with a branch (issue 11)', () => {
  const text = 'if x < 0 {\n  y = 0.5*x\n} else {\n  y = x*x + 2*x\n}\nreturn y';
  const f = (x: number) => (x < 0 ? 0.5 * x : x * x + 2 * x);
  it('runs the program again at x ± h: across the boundary the quotient mixes the branches, AD does not', async () => {
    const { analyzeText, tapeOf, fdAt } = await import('../../src/core/index');
    const a = analyzeText(text);
    if (!a.ok) throw new Error(a.error.message);
    const x = [-0.001];
    const c = tapeOf(a.info, { x });
    if (!c.ok) throw new Error(c.error.message);
    const p = { tape: c.tape, x, input: 0, output: 0, program: a.info };
    const wide = fdAt(p, -2);
    // x + h = 0.009 takes the other branch; the quotient is that of f in plain JS, not 0.5.
    expect(wide.crossesPlus).toBe(true);
    expect(wide.crossesMinus).toBe(false);
    expect(wide.central).toBeCloseTo((f(-0.001 + 0.01) - f(-0.001 - 0.01)) / 0.02, 12);
    expect(wide.centralError).toBeGreaterThan(0.1);
    const narrow = fdAt(p, -5);
    expect(narrow.crossesPlus).toBe(false);
    expect(narrow.central).toBeCloseTo(0.5, 9);
    // The tape alone (recorded at x) would have hidden the boundary: it knows one branch only.
    const taped = fdAt({ tape: c.tape, x, input: 0, output: 0 }, -2);
    expect(taped.central).toBeCloseTo(0.5, 12);
  });
});
