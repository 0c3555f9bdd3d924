/**
 * The sweeps' strong zero (flat.ts: a term with a zero factor is 0, even against ∞ or NaN) is marked
 * where it decided a product, so that `v2 = ∞ × 0 = NaN` in the primal rows and `v̇2 = ∞ × 0 = 0`,
 * `v̄0 = 0 × ∞ = 0` in the derivative rows do not read as an error (BAD_INPUTS.md, "Numerics": values
 * are results; mark where they arose). The arithmetic itself does not change.
 */
import { describe, expect, it } from 'vitest';
import { toJson } from '../../src/cli/json';
import {
  buildTrace,
  localPartials,
  STRONG_ZERO,
  STRONG_ZERO_ADJOINT,
  STRONG_ZERO_TANGENT,
  type Tape,
  type Trace,
  type TraceOptions,
} from '../../src/core/index';
import { compileOk } from './harness';

const traceOf = (text: string, x: readonly number[], options: TraceOptions = {}) => {
  const tape = compileOk(text);
  return { tape, trace: buildTrace(tape, x, options) };
};

/** The notes that carry the strong zero: [id, kind, bits]. */
const strongNotes = (trace: Trace) =>
  trace.notes
    .filter((n) => n.message.endsWith(STRONG_ZERO))
    .map((n) => [n.id, n.kind, n.strongZero] as const);

const node = (tape: Tape, id: string) => tape.nodes.find((n) => n.id === id)!;

describe('the strong zero is marked where it acted', () => {
  it('exp(x)*0 at 710: the tangent of v2 and the adjoint that v1 pushes, values unchanged', () => {
    const { tape, trace } = traceOf('exp(x)*0', [710]);
    const [x, v1, v2] = ['v0', 'v1', 'v2'].map((id) => node(tape, id).index) as [number, number, number];
    // The values, as before: IEEE in the primal sweep, the strong zero in the derivative sweeps.
    expect(trace.v[v1]).toBe(Infinity);
    expect(trace.v[v2]).toBeNaN();
    expect(trace.vDot[v1]).toBe(Infinity);
    expect(trace.vDot[v2]).toBe(0);
    expect(trace.vBar[v1]).toBe(0);
    expect(trace.vBar[x]).toBe(0);
    const step = (phase: string, target: number) =>
      trace.steps.find((s) => s.phase === phase && s.target === target)!;
    expect(step('primal', v2).value).toBeNaN();
    expect(step('primal', v2).tex).toContain('\\infty \\times 0 = \\mathrm{NaN}');
    expect(step('tangent', v2).value).toBe(0);
    expect(step('tangent', v2).tex).toContain('\\infty \\times 0 = 0');
    expect(step('adjoint', x).value).toBe(0);
    expect(step('adjoint', x).tex).toContain('0 \\times \\infty = 0');
    expect(step('adjoint', x).from).toBe(v1);

    // v2: the tangent's term ∞ × 0, a convention of its own. v1: the term 0 × ∞ it pushes back to x,
    // joined to its overflow note (one note per node; the kind stays).
    expect(strongNotes(trace)).toEqual([
      ['v1', 'overflow', STRONG_ZERO_ADJOINT],
      ['v2', 'convention', STRONG_ZERO_TANGENT],
    ]);
    expect(trace.notes.map((n) => n.message)).toEqual([
      `overflow: exp is too large for a double; ${STRONG_ZERO}`,
      STRONG_ZERO,
    ]);
    expect(STRONG_ZERO).toMatch(/^strong zero: /);
    expect(STRONG_ZERO).toContain('0 × ∞');
    expect(STRONG_ZERO).toContain('IEEE');
  });

  it('the same notes in forward mode and with dual numbers', () => {
    const tour = traceOf('exp(x)*0', [710]).trace.notes;
    for (const options of [{ mode: 'forward' }, { dual: true }, { mode: 'forward', dual: true }] as const)
      expect(traceOf('exp(x)*0', [710], options).trace.notes).toEqual(tour);
  });

  it("reaches the command line's JSON notes", () => {
    const { tape, trace } = traceOf('exp(x)*0', [710]);
    const body = toJson({ tape, trace, x: [710], seedIndex: 0, outIndex: 0 });
    expect(body.notes).toEqual([
      { id: 'v1', kind: 'overflow', message: `overflow: exp is too large for a double; ${STRONG_ZERO}` },
      { id: 'v2', kind: 'convention', message: STRONG_ZERO },
    ]);
    // The zero derivatives themselves are written as before.
    expect(body.forward.tangents.v2).toBe(0);
    expect(body.reverse.adjoints.v0).toBe(0);
    expect(body.outputs[0]!.value).toBe('NaN');
  });

  it('sqrt(x)*0 at 0: joined to the convention of sqrt at 0', () => {
    const { trace } = traceOf('sqrt(x)*0', [0]);
    expect(strongNotes(trace)).toEqual([
      ['v1', 'convention', STRONG_ZERO_ADJOINT],
      ['v2', 'convention', STRONG_ZERO_TANGENT],
    ]);
    expect(trace.notes[0]!.message).toBe(`sqrt is not differentiable at 0: sqrt'(0) = +∞; ${STRONG_ZERO}`);
  });

  it('a zero tangent meets an infinite partial: exp(x) + y at (710, 1), seeded in y', () => {
    const { tape, trace } = traceOf('exp(x) + y', [710, 1], { seed: 1 });
    const exp = tape.nodes.find((n) => n.op === 'exp')!;
    expect(trace.vDot[exp.index]).toBe(0);
    // ẋ = 0 times ∂exp/∂x = ∞ in the tangent row; the adjoint is 1 × ∞, IEEE and strong zero agree.
    expect(strongNotes(trace)).toEqual([[exp.id, 'overflow', STRONG_ZERO_TANGENT]]);
    expect(traceOf('exp(x) + y', [710, 1], { seed: 0 }).trace.notes.map((n) => n.message)).toEqual([
      'overflow: exp is too large for a double',
    ]);
  });

  it('an output not seeded in the reverse sweep: its zero adjoint meets ∞', () => {
    const { tape, trace } = traceOf('p = exp(x); q = x', [710], { adjointSeed: 1 });
    const p = tape.outputs.find((o) => o.name === 'p')!;
    expect(trace.vBar[p.index]).toBe(0);
    expect(strongNotes(trace)).toEqual([[p.id, 'overflow', STRONG_ZERO_ADJOINT]]);
  });
});

describe('no strong-zero note where no zero met a non-finite factor', () => {
  it.each([
    ['ln(x1) + x1*x2 - sin(x2)', [2, 5]],
    ['sqrt(x)', [4]],
    ['x*0', [3]],
    ['exp(x)', [710]],
    ['sqrt(x)', [0]],
    ['ln(x) + 1', [0]],
    ['2*x + sqrt(x - 3) + sin(x)', [1]],
  ] as const)('%s at %j', (text, x) => {
    const tape = compileOk(text);
    for (let seed = 0; seed < tape.n; seed++) {
      const trace = buildTrace(tape, x, { seed });
      expect(strongNotes(trace)).toEqual([]);
      expect(trace.notes.some((n) => n.strongZero !== undefined || n.message.includes('strong zero'))).toBe(
        false,
      );
    }
  });

  it("leaves the paper's example and sqrt at 4 without any note", () => {
    expect(traceOf('ln(x1) + x1*x2 - sin(x2)', [2, 5]).trace.notes).toEqual([]);
    expect(traceOf('sqrt(x)', [4]).trace.notes).toEqual([]);
  });
});

/**
 * The marks against an IEEE reading of the same terms, written here from the local partials: a node
 * is marked for its tangent (its adjoint) exactly where some term ∂φ_i/∂a · v̇_a (v̄_i · ∂φ_i/∂a) is
 * NaN in IEEE arithmetic and 0 in the sweeps.
 */
describe('the marks agree with where IEEE arithmetic and the sweeps part', () => {
  const CASES: readonly (readonly [string, readonly number[]])[] = [
    ['exp(x)*0', [710]],
    ['exp(x)*0 + sqrt(y)', [710, 0]],
    ['sqrt(x)*0', [0]],
    ['x/y', [0, 0]],
    ['x/y', [1, 0]],
    ['x^y', [0, 0]],
    ['x^y', [-2, 0.5]],
    ['ln(x)*y + x*y', [0, 0]],
    ['max(exp(x), y)*0 + abs(y)', [710, 0]],
    ['p = exp(x)*y; q = ln(y)', [800, 0]],
    ['sin(x)*cos(y) + tan(x)', [1, 2]],
  ];

  it.each(CASES)('%s at %j', (text, x) => {
    const tape = compileOk(text);
    for (let seed = 0; seed < tape.n; seed++) {
      for (let out = 0; out < tape.outputs.length; out++) {
        const trace = buildTrace(tape, x, { seed, adjointSeed: out });
        const expected = new Uint8Array(tape.nodes.length);
        for (const n of tape.nodes) {
          if (n.op === 'input') continue;
          const partials = localPartials(n, trace.v);
          n.args.forEach((a, k) => {
            if (a.kind !== 'node') return;
            const p = partials[k]!;
            const t = trace.vDot[a.index]!;
            const bar = trace.vBar[n.index]!;
            // IEEE's product against the sweeps' (a term with a zero factor is 0): NaN in one only.
            const parts = (f: number) => Number.isNaN(p * f) !== Number.isNaN(p === 0 || f === 0 ? 0 : p * f);
            if (parts(t)) expected[n.index] = expected[n.index]! | STRONG_ZERO_TANGENT;
            if (parts(bar)) expected[n.index] = expected[n.index]! | STRONG_ZERO_ADJOINT;
          });
        }
        const marked = new Uint8Array(tape.nodes.length);
        for (const n of trace.notes) marked[n.index] = n.strongZero ?? 0;
        expect([...marked], `${text} seed ${seed} output ${out}`).toEqual([...expected]);
      }
    }
  });
});
