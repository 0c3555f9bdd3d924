// @vitest-environment jsdom
/**
 * How the compact table writes a reached row (TraceTable's `rowText`): whole; without its symbolic
 * middle (`s.short`); and, presenting, where even that is too long for legible type, as its value
 * alone (`\bar v_{6} = \ldots = 2.93 \times 10^{-21}`); a program's decision as its verdict. Each
 * form is typeset by the KaTeX the page ships (the subset of build/katexSubset.ts, which Vitest
 * compiles too) exactly as by the full bundle: a command the subset left out would show the TeX
 * source in the row instead.
 */
import type { KatexOptions } from 'katex';
import subset from 'katex';
import full from 'katex/dist/katex.mjs';
import { describe, expect, it } from 'vitest';
import { buildTrace, compile, type Trace } from '../../src/core/index';
import { katexRenderOptions } from '../../src/ui/katexOptions';
import { rowText, type Brevity } from '../../src/ui/table/TraceTable';

type Render = (tex: string, options: KatexOptions) => string;
const render = (katex: { renderToString: Render }, tex: string): string | null => {
  try {
    return katex.renderToString(tex, katexRenderOptions(false));
  } catch {
    return null;
  }
};

/** The parts RowTex typesets: the head, then the rest after it as `{} = …`. */
const parts = ({ head, tex }: { head: string; tex: string }): string[] =>
  tex.startsWith(`${head} = `) ? [head, `{}${tex.slice(head.length)}`] : [tex];

function traceOf(text: string, x: number[]): Trace {
  const c = compile(text, { x });
  if (!c.ok) throw new Error(c.error.message);
  return buildTrace(c.tape, x);
}

const BABYLONIAN = 'r = a\nwhile abs(r*r - a) > 1e-12 * a {\n  r = (r + a/r) / 2\n}\nreturn r';
const PAPER = 'ln(x1) + x1*x2 - sin(x2)';
const TANH = 'a1*tanh(w11*x1 + w12*x2 + b1) + a2*tanh(w21*x1 + w22*x2 + b2) + c';

describe('rowText', () => {
  it('shows the formula until the row is reached, at any brevity', () => {
    const s = traceOf(PAPER, [2, 5]).steps.at(-1)!;
    for (const brief of [0, 1, 2] as Brevity[])
      expect(rowText(s, false, brief)).toEqual({ head: s.formula, tex: s.formula });
  });

  it('writes a reached row whole, without its symbolic middle, or as its value alone', () => {
    // The Babylonian loop's last adjoint row: v̄0 = v̄0 + v̄1 ∂v1/∂v0 = … = 0.354.
    const steps = traceOf(BABYLONIAN, [2]).steps;
    const s = steps.at(-1)!;
    expect(s.phase).toBe('adjoint');
    const lhs = s.formula.slice(0, s.formula.indexOf(' = '));
    const value = s.tex.slice(s.tex.lastIndexOf(' = ') + 3);
    expect(rowText(s, true, 0)).toEqual({ head: s.formula, tex: s.tex });
    expect(rowText(s, true, 1)).toEqual({ head: lhs, tex: s.short });
    expect(rowText(s, true, 2)).toEqual({ head: lhs, tex: `${lhs} = \\ldots = ${value}` });
    expect(value).toBe('0.354');
  });

  it('writes a program’s decision briefly as its verdict', () => {
    const decisions = traceOf(BABYLONIAN, [2]).steps.filter((s) => s.decision);
    expect(decisions.length).toBeGreaterThan(3);
    for (const s of decisions) {
      const verdict =
        s.decision!.side === 'iterate' ? `\\mathrm{loop}\\ ${s.decision!.count}` : '\\mathrm{exit}';
      const truth = s.value ? '\\mathrm{true}' : '\\mathrm{false}';
      expect(s.tex.endsWith(` = ${truth} \\;\\Rightarrow\\; ${verdict}`)).toBe(true);
      expect(rowText(s, true, 1)).toEqual({
        head: '[\\ldots]',
        tex: `[\\ldots] = ${truth} \\;\\Rightarrow\\; ${verdict}`,
      });
      expect(rowText(s, true, 0)).toEqual({ head: s.formula, tex: s.tex });
    }
  });

  it('keeps a brief row that is only its value as it is', () => {
    // An input's row, v-1 = x1 = 2: brief, it is v-1 = 2, with no numbers to leave out.
    const s = traceOf(PAPER, [2, 5]).steps[0]!;
    expect(s.short).toBeDefined();
    expect(rowText(s, true, 2)).toEqual(rowText(s, true, 1));
    expect(rowText(s, true, 1).tex.split(' = ')).toHaveLength(2);
  });

  it('is typeset by the shipped KaTeX as by the full bundle, in every form of every row', () => {
    let briefest = 0;
    for (const [text, x] of [
      [BABYLONIAN, [2]],
      [PAPER, [2, 5]],
      [TANH, [0.7, -1.2, 0.1, -0.2, 0.05, 0.4, -0.6, 0.9, 0.3, 1, 0.5]],
    ] as const) {
      for (const s of traceOf(text, [...x]).steps) {
        for (const brief of [0, 1, 2] as Brevity[]) {
          const shown = rowText(s, true, brief);
          if (brief === 2 && shown.tex.includes('\\ldots')) briefest++;
          for (const tex of parts(shown)) {
            const html = render(subset, tex);
            expect(html, tex).not.toBeNull();
            expect(html, tex).toBe(render(full, tex));
          }
        }
      }
    }
    expect(briefest).toBeGreaterThan(50);
  });
});
