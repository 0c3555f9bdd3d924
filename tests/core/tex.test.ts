/**
 * Every TeX string the core builds must typeset with KaTeX in its strictest settings (the page
 * renders it with trust off), and no TeX may carry text the user typed: names are typeset from
 * validated identifiers (`theta` → `\theta`, `alpha1` → `\alpha_{1}`), never pasted.
 */
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { buildTrace, RULES, texIdentifier, type Tape, type Trace } from '../../src/core/index';
import { compileOk } from './harness';

const KATEX_OPTIONS = {
  throwOnError: true,
  strict: 'error',
  trust: false,
  maxSize: 10,
  maxExpand: 100,
} as const;

/** Each row of the rule table written over inputs a and b. */
const ROW_SOURCES: readonly string[] = [...RULES.values()].map((r) => {
  const infix: Readonly<Record<string, string>> = {
    add: 'a + b',
    sub: 'a - b',
    mul: 'a * b',
    div: 'a / b',
    pow: 'a ^ b',
    neg: '-a',
  };
  return infix[r.name] ?? (r.arity === 1 ? `${r.name}(a)` : `${r.name}(a, b)`);
});

/** Programs with constants in every position, multi-output programs, and non-finite values. */
const PROGRAMS: readonly (readonly [string, readonly number[]])[] = [
  ...ROW_SOURCES.map((s) => [s, [0.7, 0.4]] as const),
  ...ROW_SOURCES.map((s) => [s, [-1.5, 2]] as const),
  ...ROW_SOURCES.map((s) => [s, [0, 0]] as const),
  // A constant second operand, then a negative constant first operand (binary rows only).
  ...ROW_SOURCES.filter((s) => /\bb\b/.test(s)).map((s) => [s.replace(/\bb\b/, '2.5'), [3]] as const),
  ...ROW_SOURCES.filter((s) => /\bb\b/.test(s)).map((s) => [s.replace(/\ba\b/, '-3'), [-0.25]] as const),
  ['ln(x1) + x1*x2 - sin(x2)', [2, 5]],
  ['pi*x + e^x - x^pi + x/e', [1.5]],
  ['-2*x + x*(-3) - (-x)^2 + 2^-x', [1.5]],
  ['(2 + 3)*x + 2^3^2*x - x/(1 - 3) + sqrt(2)*x', [1.5]],
  ['x*1e20 + x/1e-7 + 1e-400*x + 0.000001*x', [1.5]],
  ['x^-2 + x^0.5 + x^1000000 + x^3', [1.5]],
  ['a = x*y; b = a^2 + sin(x); c = max(a, b) - atan2(y, x)', [0.5, -2]],
  ['y1 = x + 1\ny2 = y1*y1\nx*y2', [2]],
  ['sqrt(x) + ln(x) + x/y + exp(1000*x)', [0, 0]],
  ['sqrt(x) + ln(x) + asin(x) + x^y', [-2, 0.5]],
  ['exp(x)*0 + tan(y)', [710, Math.PI / 2]],
  ['theta*alpha1 + beta^2 + sigma + omega2', [1, 2, 3, 4, 5]],
  // Names of several letters: their dotted (tangent seed) and barred (adjoint seed) forms.
  ['loss = rate*w0b + Theta; gain = loss^2', [0.1, 2, 3]],
];

function traceOf(text: string, x: readonly number[]): { tape: Tape; trace: Trace } {
  const tape = compileOk(text);
  const values = tape.inputs.map((_, j) => x[j] ?? 1);
  return { tape, trace: buildTrace(tape, values, { seed: 0, adjointSeed: tape.outputs.length - 1 }) };
}

describe('TeX of every step typesets with KaTeX in strict mode', () => {
  it('covers every row of the rule table', () => {
    const ops = new Set(PROGRAMS.flatMap(([text]) => compileOk(text).nodes.map((n) => n.op)));
    for (const name of RULES.keys()) expect(ops, name).toContain(name);
  });

  it.each(PROGRAMS)('%s at %j', (text, x) => {
    const { trace } = traceOf(text, x);
    expect(trace.steps.length).toBeGreaterThan(0);
    for (const step of trace.steps) {
      expect(step.tex, step.targetId).not.toBe('');
      expect(step.tex.startsWith(step.formula), step.tex).toBe(true);
      for (const tex of [step.tex, step.formula]) {
        try {
          katex.renderToString(tex, KATEX_OPTIONS);
        } catch (e) {
          expect.fail(`${step.phase} ${step.targetId}: ${JSON.stringify(tex)}: ${(e as Error).message}`);
        }
      }
    }
  });

  it('typesets every row with every seed, also with all outputs seeded at once', () => {
    const { tape } = traceOf('a = x*y; b = a^2 + sin(x)', [1, 2]);
    for (const trace of [
      buildTrace(tape, [0.5, -2], { seed: [1, 1], adjointSeed: [1, 1] }),
      buildTrace(tape, [0.5, -2], { seed: 1, adjointSeed: 1 }),
    ]) {
      for (const step of trace.steps)
        expect(() => katex.renderToString(step.tex, KATEX_OPTIONS)).not.toThrow();
      expect(
        trace.steps.filter((s) => s.phase === 'adjoint' && s.from === null).length,
      ).toBeGreaterThanOrEqual(1);
    }
  });
});

describe('no user text in TeX', () => {
  it('typesets Greek names as Greek letters, with digits as subscripts', () => {
    expect(texIdentifier('theta')).toBe('\\theta');
    expect(texIdentifier('alpha1')).toBe('\\alpha_{1}');
    expect(texIdentifier('x1')).toBe('x_{1}');
    const { trace } = traceOf('theta*alpha1', [1, 2]);
    const tex = trace.steps.map((s) => s.tex).join('\n');
    expect(tex).toContain('\\theta');
    expect(tex).toContain('\\alpha_{1}');
    expect(tex).toContain('\\dot{\\alpha}_{1}');
    // The raw names never appear other than as those commands.
    expect(tex.replaceAll('\\theta', '').includes('theta')).toBe(false);
    expect(tex.replaceAll('\\alpha', '').includes('alpha')).toBe(false);
    expect(tex).not.toMatch(/alpha1|[^\\]theta/);
  });

  it('never turns a name into a TeX command: names that are commands stay plain letters', () => {
    const names = [
      'href',
      'url',
      'def',
      'input',
      'include',
      'textcolor',
      'htmlClass',
      'newcommand',
      'raisebox',
    ];
    const text = `${names.join(' + ')}; href2 = href*url; mathrm = input^2`;
    const { tape, trace } = traceOf(
      text,
      names.map(() => 1),
    );
    expect(tape.inputs.map((i) => i.name).sort()).toEqual([...names].sort());
    for (const step of trace.steps) {
      for (const name of [...names, 'href2', 'mathrm']) expect(step.tex, step.tex).not.toContain(`\\${name}`);
      expect(() => katex.renderToString(step.tex, KATEX_OPTIONS)).not.toThrow();
    }
    // Each name reaches TeX only through texIdentifier, which wraps it as italic text.
    expect(trace.steps.some((s) => s.tex.includes('\\mathit{href}'))).toBe(true);
    // The seeded output's name too (the last output, `mathrm`, is seeded here).
    expect(trace.steps.some((s) => s.tex.includes('\\bar{\\mathit{mathrm}}'))).toBe(true);
  });

  it('builds the input rows from the identifiers and nothing else', () => {
    const { tape, trace } = traceOf('constructor + toString*valueOf', [1, 2, 3]);
    const rows = trace.steps.filter((s) => s.phase !== 'adjoint' && s.target < tape.n).map((s) => s.tex);
    expect(rows).toEqual([
      'v_{-2} = \\mathit{constructor} = 1',
      'v_{-1} = \\mathit{toString} = 2',
      'v_{0} = \\mathit{valueOf} = 3',
      '\\dot v_{-2} = \\dot{\\mathit{constructor}} = 1',
      '\\dot v_{-1} = \\dot{\\mathit{toString}} = 0',
      '\\dot v_{0} = \\dot{\\mathit{valueOf}} = 0',
    ]);
  });

  it('rejects anything that is not an identifier before it could reach TeX', () => {
    for (const bad of ['\\href{x}', 'x}', 'a b', '', 'x_1', '{', '1x'])
      expect(() => texIdentifier(bad), bad).toThrow();
  });
});
