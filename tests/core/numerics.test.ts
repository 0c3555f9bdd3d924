/**
 * The "Numerics" rows of BAD_INPUTS.md: values that are not finite, or points where a derivative
 * does not exist, are results, not errors. The trace shows them and marks the node where they arose
 * (trace.notes) and the first non-finite node of each sweep (trace.firstNonFinite).
 */
import { describe, expect, it } from 'vitest';
import {
  buildTrace,
  jacobianForward,
  jacobianReverse,
  STRONG_ZERO,
  type NodeNote,
  type Trace,
} from '../../src/core/index';
import { compileOk } from './harness';

interface Outcome {
  readonly trace: Trace;
  /** The output's value. */
  readonly value: number;
  /** ∂y/∂x_j by forward sweeps (asserted equal to the reverse sweep where both are defined). */
  readonly gradient: readonly number[];
  readonly notes: readonly Pick<NodeNote, 'id' | 'kind'>[];
}

function run(text: string, x: readonly number[], { sweepsAgree = true } = {}): Outcome {
  const tape = compileOk(text);
  const trace = buildTrace(tape, x);
  const forward = jacobianForward(tape, trace.v)[0]!;
  if (sweepsAgree) expect(jacobianReverse(tape, trace.v)[0]).toEqual(forward);
  return {
    trace,
    value: trace.v[tape.outputs[0]!.index]!,
    gradient: forward,
    notes: trace.notes.map(({ id, kind }) => ({ id, kind })),
  };
}

describe('numerics (BAD_INPUTS.md)', () => {
  it('sqrt(x) at 0: value 0, derivative +∞, marked "not differentiable here"', () => {
    const r = run('sqrt(x)', [0]);
    expect(r.value).toBe(0);
    expect(r.gradient).toEqual([Infinity]);
    expect(r.notes).toEqual([{ id: 'v1', kind: 'convention' }]);
    expect(r.trace.notes[0]!.message).toMatch(/not differentiable at 0/);
    expect(r.trace.firstNonFinite).toEqual({ primal: null, tangent: 1, adjoint: 0 });
  });

  it.each([
    ['sqrt(x)', -1],
    ['ln(x)', -1],
    ['log(x)', -1],
    ['log2(x)', -1],
    ['log10(x)', -1],
    ['asin(x)', 2],
    ['acos(x)', -2],
  ])('%s at %d: NaN, derivative NaN, marked "outside the domain" at that node', (text, at) => {
    const r = run(text, [at]);
    expect(r.value).toBeNaN();
    // No derivative where there is no value: a finite slope here would be a made-up number.
    expect(r.gradient[0]).toBeNaN();
    expect(r.notes).toEqual([{ id: 'v1', kind: 'domain' }]);
    expect(r.trace.notes[0]!.message).toMatch(/outside the domain/);
    expect(r.trace.firstNonFinite).toEqual({ primal: 1, tangent: 1, adjoint: 0 });
  });

  it('marks the domain error at the node where it arose, not at the nodes after it', () => {
    const r = run('2*x + sqrt(x - 3) + sin(x)', [1]);
    expect(r.value).toBeNaN();
    const tape = compileOk('2*x + sqrt(x - 3) + sin(x)');
    const sqrtNode = tape.nodes.find((n) => n.op === 'sqrt')!;
    expect(r.notes).toEqual([{ id: sqrtNode.id, kind: 'domain' }]);
    expect(r.trace.firstNonFinite.primal).toBe(sqrtNode.index);
  });

  it.each(['ln', 'log', 'log2', 'log10'])('%s(x) at 0: −∞, derivative +∞, marked', (fn) => {
    const r = run(`${fn}(x)`, [0]);
    expect(r.value).toBe(-Infinity);
    expect(r.gradient).toEqual([Infinity]);
    expect(r.notes).toEqual([{ id: 'v1', kind: 'overflow' }]);
    expect(r.trace.notes[0]!.message).toContain('−∞');
    expect(r.trace.firstNonFinite).toEqual({ primal: 1, tangent: 1, adjoint: 0 });
  });

  it.each(['abs', 'relu'])('%s(x) at 0: derivative 0, marked with the convention', (fn) => {
    const r = run(`${fn}(x)`, [0]);
    expect(r.value).toBe(0);
    expect(r.gradient).toEqual([0]);
    expect(r.notes).toEqual([{ id: 'v1', kind: 'convention' }]);
    expect(r.trace.notes[0]!.message).toContain(`${fn} is not differentiable at 0: ${fn}'(0) = 0`);
    expect(r.trace.firstNonFinite).toEqual({ primal: null, tangent: null, adjoint: null });
  });

  it('abs and relu away from 0 carry no note', () => {
    expect(run('abs(x) + relu(x)', [0.5]).notes).toEqual([]);
  });

  it('x/y at (0, 0): NaN at that node, marked 0/0', () => {
    const r = run('x/y', [0, 0]);
    expect(r.value).toBeNaN();
    expect(r.notes).toEqual([{ id: 'v1', kind: 'domain' }]);
    expect(r.trace.notes[0]!.message).toContain('0/0');
    expect(r.trace.firstNonFinite.primal).toBe(2);
  });

  it('x/y at (1, 0): +∞, marked as a division by zero', () => {
    const r = run('x/y', [1, 0]);
    expect(r.value).toBe(Infinity);
    expect(r.notes).toEqual([{ id: 'v1', kind: 'zero-division' }]);
    expect(r.trace.firstNonFinite.primal).toBe(2);
  });

  it('x^y at (0, 0): value 1, ∂/∂y = 0 by convention, shown', () => {
    const r = run('x^y', [0, 0]);
    expect(r.value).toBe(1);
    expect(r.gradient[1]).toBe(0);
    expect(r.notes).toEqual([{ id: 'v1', kind: 'convention' }]);
    expect(r.trace.notes[0]!.message).toContain('∂(x^y)/∂y = 0 at x = 0');
    expect(r.trace.firstNonFinite).toEqual({ primal: null, tangent: null, adjoint: null });
  });

  it('x^2 at −3: 9, derivative −6 by the power rule (no logarithm of a negative number)', () => {
    const r = run('x^2', [-3]);
    expect(r.value).toBe(9);
    expect(r.gradient).toEqual([-6]);
    expect(r.notes).toEqual([]);
    expect(r.trace.firstNonFinite).toEqual({ primal: null, tangent: null, adjoint: null });
  });

  it('x^y at (−2, 0.5): NaN, domain', () => {
    const r = run('x^y', [-2, 0.5]);
    expect(r.value).toBeNaN();
    expect(r.notes).toEqual([{ id: 'v1', kind: 'domain' }]);
    expect(r.trace.firstNonFinite.primal).toBe(2);
  });

  it('x^y at (−2, 3): a negative base with an integer exponent is fine', () => {
    const r = run('x^y', [-2, 3]);
    expect(r.value).toBe(-8);
    expect(r.gradient[0]).toBe(12);
    // Only the strong zero of the tangent row, 1 × 12 + 0 × NaN = 12 (∂/∂y = ln(−2)·v is NaN).
    expect(r.notes).toEqual([{ id: 'v1', kind: 'convention' }]);
    expect(r.trace.notes[0]!.message).toBe(STRONG_ZERO);
  });

  it('tan(x) at π/2 (as a double): huge but finite, with a "near a pole" note', () => {
    const r = run('tan(x)', [Math.PI / 2]);
    expect(Number.isFinite(r.value)).toBe(true);
    expect(Math.abs(r.value)).toBeGreaterThan(1e15);
    expect(Number.isFinite(r.gradient[0]!)).toBe(true);
    expect(r.gradient[0]).toBeGreaterThan(1e30);
    expect(r.notes).toEqual([{ id: 'v1', kind: 'pole' }]);
    expect(r.trace.firstNonFinite).toEqual({ primal: null, tangent: null, adjoint: null });
    expect(run('tan(x)', [1]).notes).toEqual([]);
  });

  it('exp(x) at 710: ∞ with an overflow note', () => {
    const r = run('exp(x)', [710]);
    expect(r.value).toBe(Infinity);
    expect(r.gradient).toEqual([Infinity]);
    expect(r.notes).toEqual([{ id: 'v1', kind: 'overflow' }]);
    expect(r.trace.firstNonFinite).toEqual({ primal: 1, tangent: 1, adjoint: 0 });
    expect(run('exp(x)', [709]).notes).toEqual([]);
  });

  it('exp(x)*0 at 710: NaN, and the first non-finite node (the exp) is marked', () => {
    // Forward: ∞·0 = NaN; reverse: the zero adjoint stops at the product. The sweeps differ here.
    const r = run('exp(x)*0', [710], { sweepsAgree: false });
    expect(r.value).toBeNaN();
    // And the strong zero where it acted (tests/core/strongZero.test.ts): v̇2 = ∞ × 0 = 0 at v2, and
    // v̄0 = 0 × ∞ = 0 pushed by v1, joined to its overflow note.
    expect(r.notes).toEqual([
      { id: 'v1', kind: 'overflow' },
      { id: 'v2', kind: 'convention' },
    ]);
    expect(r.trace.firstNonFinite.primal).toBe(1);
    expect(r.trace.v[1]).toBe(Infinity);
  });

  it('marks ties of max and min with their convention', () => {
    expect(run('max(x, y)', [1, 1]).notes).toEqual([{ id: 'v1', kind: 'convention' }]);
    expect(run('min(x, y)', [1, 1]).notes).toEqual([{ id: 'v1', kind: 'convention' }]);
    expect(run('max(x, y) + min(x, y)', [1, 2]).notes).toEqual([]);
  });

  it('a finite computation has no notes and no non-finite node', () => {
    const r = run('ln(x1) + x1*x2 - sin(x2)', [2, 5]);
    expect(r.notes).toEqual([]);
    expect(r.trace.firstNonFinite).toEqual({ primal: null, tangent: null, adjoint: null });
  });
});
