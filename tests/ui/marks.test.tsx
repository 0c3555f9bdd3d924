// @vitest-environment jsdom
/**
 * Numerics on the page (BAD_INPUTS.md, "Numerics"; DESIGN.md, "Numbers and conventions"): the first
 * node where a NaN or an infinity appeared is marked in the graph and in the table, per sweep, and
 * the conventions at non-differentiable points are shown where they apply: on the node's primal row,
 * its tangent row, and the adjoint rows its partial flows through.
 *
 * The expected nodes are worked out by hand: in `exp(x)*0 + sqrt(y)` the inputs are x = v-1 and
 * y = v0, then v1 = exp(x), v2 = sqrt(y), v3 = v1 × 0, v4 = v3 + v2. exp(710) is past the largest
 * double (e^709.78…), so v1 = ∞ and v3 = ∞ × 0 = NaN; sqrt'(0) = +∞ makes v̇2 (seeded on y) and v̄0
 * infinite.
 */
import { cleanup, render } from './testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildTrace, compile, firstNonFiniteSteps, type Tape, type Trace } from '../../src/core/index';
import { GraphView } from '../../src/ui/graph/GraphView';
import { markLabel, nodeMarksAt } from '../../src/ui/graph/marks';
import { rowMarks, TraceTable } from '../../src/ui/table/TraceTable';

afterEach(cleanup);

function traceOf(text: string, x: number[], seed = 0): { tape: Tape; trace: Trace } {
  const r = compile(text);
  if (!r.ok) throw new Error(r.error.message);
  return { tape: r.tape, trace: buildTrace(r.tape, x, { seed }) };
}

const stepOf = (trace: Trace, phase: string, id: string, from?: string) =>
  trace.steps.findIndex(
    (s) => s.phase === phase && s.targetId === id && (from === undefined || s.fromId === from),
  );

describe('firstNonFiniteSteps', () => {
  it('finds, per sweep, the first step in timeline order whose value is not finite', () => {
    const { trace } = traceOf('exp(x)*0 + sqrt(y)', [710, 0], 1);
    const first = firstNonFiniteSteps(trace.steps);
    expect(trace.steps[first.primal!]!.targetId).toBe('v1');
    expect(trace.steps[first.tangent!]!.targetId).toBe('v2');
    // The reverse sweep runs from v4 down: v̄0 = v̄2 · sqrt'(0) = ∞ is its first infinity.
    expect(trace.steps[first.adjoint!]!.targetId).toBe('v0');
    expect(trace.steps[first.adjoint!]!.fromId).toBe('v2');
  });

  it('is null for every sweep of a finite computation', () => {
    const { trace } = traceOf('ln(x1) + x1*x2 - sin(x2)', [2, 5]);
    expect(firstNonFiniteSteps(trace.steps)).toEqual({ primal: null, tangent: null, adjoint: null });
  });

  it('counts a primal value carried by a forward-mode step', () => {
    const steps = [
      { phase: 'tangent' as const, value: 1, primal: 2 },
      { phase: 'tangent' as const, value: 1, primal: Infinity },
    ];
    expect(firstNonFiniteSteps(steps).primal).toBe(1);
  });
});

describe('the table marks', () => {
  it('marks the first non-finite row of each sweep and the overflow where it arose', () => {
    const { trace } = traceOf('exp(x)*0 + sqrt(y)', [710, 0], 1);
    const marks = rowMarks(trace);
    expect(marks.get(stepOf(trace, 'primal', 'v1'))).toMatch(/^first non-finite value · overflow/);
    // v3 = ∞ × 0 = NaN is not where the trouble started: no mark.
    expect(marks.has(stepOf(trace, 'primal', 'v3'))).toBe(false);
    expect(marks.get(stepOf(trace, 'tangent', 'v2'))).toMatch(
      /^first non-finite tangent · sqrt is not differentiable at 0/,
    );
    expect(marks.get(stepOf(trace, 'adjoint', 'v0', 'v2'))).toMatch(/^first non-finite adjoint · sqrt/);
  });

  it("shows abs'(0) = 0 and relu'(0) = 0 on the primal, tangent and adjoint rows they govern", () => {
    const { trace } = traceOf('abs(x) + relu(x)*x', [0]);
    const marks = rowMarks(trace);
    // v1 = abs(x), v2 = relu(x) (left to right on level 1).
    for (const [id, fn] of [
      ['v1', "abs'(0) = 0 by convention"],
      ['v2', "relu'(0) = 0 (PyTorch's choice)"],
    ] as const) {
      expect(marks.get(stepOf(trace, 'primal', id))).toContain(fn);
      expect(marks.get(stepOf(trace, 'tangent', id))).toContain(fn);
      expect(marks.get(stepOf(trace, 'adjoint', 'v0', id))).toContain(fn);
    }
    expect([...marks.values()].some((m) => m.includes('non-finite'))).toBe(false);
  });

  it('rings the rows whose product the strong zero decided, and only those', () => {
    // By hand: x = v0, v1 = exp(v0) = ∞ (710 > ln of the largest double), v2 = v1 × 0 = NaN. The
    // sweeps skip a zero factor: v̇2 = v̇1 × 0 with v̇1 = ∞ gives 0, and in the reverse sweep
    // v̄1 = v̄2 × 0 = 0, then v̄0 = v̄1 × e^{v0} = 0 × ∞ gives 0. IEEE would give NaN for both.
    const { trace } = traceOf('exp(x)*0', [710]);
    const marks = rowMarks(trace);
    const zero = /strong zero: in the derivative sweeps 0 × ∞/;
    expect(marks.get(stepOf(trace, 'tangent', 'v2'))).toMatch(zero);
    expect(marks.get(stepOf(trace, 'adjoint', 'v0', 'v1'))).toMatch(zero);
    expect(trace.steps[stepOf(trace, 'adjoint', 'v0', 'v1')]!.value).toBe(0);
    // v̄1 = v̄2 × 0 = 1 × 0: an ordinary product, no note.
    expect(marks.has(stepOf(trace, 'adjoint', 'v1', 'v2'))).toBe(false);
    // The overflow is said where it arose, on the primal row of the exp.
    expect(marks.get(stepOf(trace, 'primal', 'v1'))).toMatch(/overflow: exp is too large/);
  });

  it('writes the marks beside reached rows only', () => {
    const { tape, trace } = traceOf('exp(x)*0 + sqrt(y)', [710, 0], 1);
    const at = (step: number) =>
      render(
        <TraceTable
          tape={tape}
          trace={trace}
          step={step}
          hovered={null}
          onHover={vi.fn()}
          onJump={vi.fn()}
        />,
      );
    const before = at(0);
    expect(before.container.querySelectorAll('.row-note')).toHaveLength(0);
    cleanup();
    const after = at(trace.steps.length);
    const row = after.container.querySelector('[data-kind="primal"][data-target="v1"]')!;
    expect(row.classList.contains('marked')).toBe(true);
    expect(row.querySelector('.row-note')!.textContent).toMatch(/first non-finite value/);
    expect(row.getAttribute('data-value')).toBe('Infinity');
    expect(
      after.container.querySelector('[data-kind="primal"][data-target="v3"]')!.getAttribute('data-value'),
    ).toBe('NaN');
  });
});

describe('the graph marks', () => {
  it('appear as the timeline reaches them', () => {
    const { trace } = traceOf('exp(x)*0 + sqrt(y)', [710, 0], 1);
    expect(nodeMarksAt(trace, 0).size).toBe(0);
    const primalDone = nodeMarksAt(trace, trace.phases.primal.end);
    expect(primalDone.get(2)!.first.map((f) => f.phase)).toEqual(['primal']); // v1 is node index 2
    expect(markLabel(primalDone.get(2)!)).toBe('first v = ∞');
    expect(markLabel(primalDone.get(3)!)).toBe('convention'); // v2 = sqrt(y) at 0
    const all = nodeMarksAt(trace, trace.steps.length);
    expect(markLabel(all.get(1)!)).toBe('first v\u0304 = ∞'); // v0 = y: its adjoint
  });

  it('flag the nodes in the SVG with data attributes, a frame and a tag', () => {
    const { tape, trace } = traceOf('exp(x)*0 + sqrt(y)', [710, 0], 1);
    const view = render(
      <GraphView tape={tape} trace={trace} step={trace.steps.length} hovered={null} onHover={vi.fn()} />,
    );
    const node = (id: string) => view.container.querySelector(`[data-node="${id}"]`)!;
    expect(node('v1').getAttribute('data-first-nonfinite')).toBe('primal');
    expect(node('v1').getAttribute('data-note')).toBe('overflow');
    expect(node('v1').querySelector('.graph-node-alarm')).not.toBeNull();
    expect(node('v1').querySelector('.graph-mark')!.textContent).toBe('first v = ∞');
    expect(node('v1').querySelector('title')!.textContent).toMatch(/first non-finite value; overflow/);
    expect(node('v2').getAttribute('data-note')).toBe('convention');
    expect(node('v2').getAttribute('data-first-nonfinite')).toBe('tangent');
    expect(node('v0').getAttribute('data-first-nonfinite')).toBe('adjoint');
    expect(node('v3').getAttribute('data-first-nonfinite')).toBeNull();
    expect(node('v3').querySelector('.graph-mark')).toBeNull();
    // NaN and ∞ are written as such.
    expect(node('v3').textContent).toContain('NaN');
    expect(node('v1').textContent).toContain('∞');
  });

  it('are absent before the timeline reaches the node', () => {
    const { tape, trace } = traceOf('exp(x)*0 + sqrt(y)', [710, 0], 1);
    const view = render(<GraphView tape={tape} trace={trace} step={1} hovered={null} onHover={vi.fn()} />);
    expect(view.container.querySelectorAll('[data-first-nonfinite], [data-note], .graph-mark')).toHaveLength(
      0,
    );
  });
});
