/**
 * Dual numbers and forward mode against Baydin et al. (2018), Table 2: every forward row written as
 * v + v̇ε carries the paper's printed primal and tangent, and the forward-mode timeline computes both
 * in one step per node. Every row typesets under the production KaTeX options.
 */
import fc from 'fast-check';
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import paper from '../fixtures/baydin2018-tables.json';
import { buildTrace, dualRuleTex, dualTex, dualText, RULES, type Trace } from '../../src/core/index';
import { katexRenderOptions } from '../../src/ui/katexOptions';
import { expressionText, inputValue } from './exprArbitrary';
import { compileOk } from './harness';

const PAPER_TEXT = paper.function.replace(/^.*= /, '');
const X = [paper.point.x1, paper.point.x2];
const renders = (tex: string) => expect(() => katex.renderToString(tex, katexRenderOptions())).not.toThrow();

/** The paper's printed number as TeX: 2.0 → 2, -0.959 → -0.959. */
const printed = (x: number): string => String(x);
/** `a + b ε` from the paper's printed primal and tangent. */
const paperDual = (v: number, t: number): string =>
  `${printed(v)} ${t < 0 ? '-' : '+'} ${printed(Math.abs(t))} \\, \\varepsilon`;

describe('dual-number rows reproduce Table 2, value and tangent together', () => {
  const tape = compileOk(PAPER_TEXT);
  const trace = buildTrace(tape, X, { dual: true });
  const tangentRows = trace.steps.slice(trace.phases.tangent.start, trace.phases.tangent.end);

  it('writes ln(2 + 1ε) = 0.693 + 0.5ε for v1, as in the issue', () => {
    const v1 = tangentRows.find((s) => s.targetId === 'v1')!;
    expect(v1.tex).toContain('\\ln (2 + 1 \\, \\varepsilon) = 0.693 + 0.5 \\, \\varepsilon');
    expect(
      v1.tex.startsWith(
        'v_{1} + \\dot v_{1} \\, \\varepsilon = \\ln (v_{-1} + \\dot v_{-1} \\, \\varepsilon)',
      ),
    ).toBe(true);
    expect(v1.formula).not.toContain('0.693');
  });

  it('ends every forward row with the printed pair (v, v̇) of Table 2', () => {
    paper.table2_forward_primal.forEach((p, i) => {
      const t = paper.table2_forward_tangent_seed_x1[i]!;
      expect(t.id).toBe(p.id);
      const row = tangentRows.find((s) => s.targetId === p.id)!;
      expect(row.tex.endsWith(`= ${paperDual(p.printed, t.printed)}`)).toBe(true);
      // The values themselves are untouched: still the tangents of Table 2.
      expect(row.value).toBe(t.value);
      renders(row.tex);
      renders(row.formula);
    });
  });

  it('leaves the primal rows and the reverse sweep as they were', () => {
    const tour = buildTrace(tape, X);
    const kept = (t: Trace) => t.steps.filter((s) => s.phase !== 'tangent').map((s) => s.tex);
    expect(kept(trace)).toEqual(kept(tour));
    expect(trace.dual).toBe(true);
  });

  it('formats dual numbers with the sign on the tangent and true minus signs in plain text', () => {
    expect(dualTex(-0.9589242746631385, -0.2836621854632263)).toBe('-0.959 - 0.284 \\, \\varepsilon');
    expect(dualTex(5, 0)).toBe('5 + 0 \\, \\varepsilon');
    expect(dualText(0.6931471805599453, 0.5)).toBe('0.693 + 0.5ε');
    expect(dualText(-1, -2)).toBe('\u22121 \u2212 2ε');
    expect(dualTex(1, 1e-9)).toBe('1 + (1 \\times 10^{-9}) \\, \\varepsilon');
  });

  it('has a dual rule for every row of the rule table, built from its partials, that typesets', () => {
    for (const r of RULES.values()) {
      const tex = dualRuleTex(r.name);
      renders(tex);
      expect(tex).toContain('\\varepsilon');
      expect(tex.split(' = ')[0]).toContain('\\dot a');
    }
    expect(dualRuleTex('ln')).toBe(
      '\\ln (a + \\dot a \\, \\varepsilon) = \\ln a + \\frac{1}{a} \\, \\dot a \\, \\varepsilon',
    );
    expect(dualRuleTex('mul')).toBe(
      '(a + \\dot a \\, \\varepsilon) \\times (b + \\dot b \\, \\varepsilon) = a \\times b + (b \\, \\dot a + a \\, \\dot b) \\, \\varepsilon',
    );
  });
});

describe('forward mode: v and v̇ in the same step', () => {
  const tape = compileOk(PAPER_TEXT);

  it('has one step per node carrying both values of Table 2, then the reverse sweep of Table 3', () => {
    const trace = buildTrace(tape, X, { mode: 'forward', dual: true });
    const l = paper.table2_forward_primal.length;
    expect(trace.mode).toBe('forward');
    expect(trace.phases).toEqual({
      primal: { start: 0, end: l },
      tangent: { start: 0, end: l },
      adjoint: { start: l, end: l + paper.table3_reverse_adjoint_in_execution_order.length },
    });
    trace.steps.slice(0, l).forEach((s, i) => {
      expect(s.targetId).toBe(paper.table2_forward_primal[i]!.id);
      expect(s.primal).toBe(paper.table2_forward_primal[i]!.value);
      expect(s.value).toBe(paper.table2_forward_tangent_seed_x1[i]!.value);
      expect(s.caption).toContain('in one step');
    });
    trace.steps.slice(l).forEach((s, i) => {
      const ref = paper.table3_reverse_adjoint_in_execution_order[i]!;
      expect([s.phase, s.targetId, s.fromId]).toEqual(['adjoint', ref.target, ref.from]);
      expect(s.value).toBeCloseTo(ref.value, 12);
    });
    expect(trace.steps[2]!.caption).toContain('ln(2 + 1ε) = 0.693 + 0.5ε');
  });

  it('without dual numbers writes the primal and the tangent row side by side', () => {
    const trace = buildTrace(tape, X, { mode: 'forward' });
    const tour = buildTrace(tape, X);
    const l = tape.nodes.length;
    trace.steps.slice(0, l).forEach((s, i) => {
      expect(s.tex).toBe(`${tour.steps[i]!.tex} ;\\quad ${tour.steps[l + i]!.tex}`);
      renders(s.tex);
    });
  });

  it('computes the same primal and tangent as the tour on random programs', () => {
    fc.assert(
      fc.property(
        expressionText({ inputs: 3, maxDepth: 4 }),
        fc.array(inputValue, { minLength: 3, maxLength: 3 }),
        (text, x) => {
          const t = compileOk(text);
          const point = x.slice(0, t.n);
          const tour = buildTrace(t, point, { seed: t.n - 1 });
          const fwd = buildTrace(t, point, { seed: t.n - 1, mode: 'forward', dual: true });
          const l = t.nodes.length;
          expect(fwd.steps).toHaveLength(tour.steps.length - l);
          fwd.steps.slice(0, l).forEach((s, i) => {
            expect(Object.is(s.primal, tour.steps[i]!.value)).toBe(true);
            expect(Object.is(s.value, tour.steps[l + i]!.value)).toBe(true);
          });
        },
      ),
      { numRuns: 150 },
    );
  });
});
