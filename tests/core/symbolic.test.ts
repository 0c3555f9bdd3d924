/**
 * Naive symbolic differentiation through the rule table: its derivative evaluates to the AD value
 * (the tangent sweep) on random programs, agrees with mathjs' symbolic `derivative` (an oracle
 * nobody here wrote) where both apply, typesets, and swells as Baydin et al. (section 2) describe.
 */
import fc from 'fast-check';
import katex from 'katex';
import { derivative, evaluate } from 'mathjs';
import { describe, expect, it } from 'vitest';
import paper from '../fixtures/baydin2018-tables.json';
import {
  evaluateExpr,
  exprOperations,
  exprSize,
  exprTex,
  jacobianForward,
  primal,
  symbolicDerivative,
  symbolicSizes,
} from '../../src/core/index';
import { katexRenderOptions } from '../../src/ui/katexOptions';
import { expressionText, INPUT_NAMES, inputValue, UNARY_TEMPLATES } from './exprArbitrary';
import { compileOk, expectClose, inputVector } from './harness';

const renders = (tex: string) => expect(() => katex.renderToString(tex, katexRenderOptions())).not.toThrow();

describe('the symbolic derivative evaluates to the AD value', () => {
  it('on random programs, for every input, at random points', () => {
    fc.assert(
      fc.property(
        expressionText({ inputs: 3, maxDepth: 4, unary: UNARY_TEMPLATES.filter((t) => !t.includes('abs')) }),
        fc.array(inputValue, { minLength: 3, maxLength: 3 }),
        (text, point) => {
          const tape = compileOk(text);
          const x = point.slice(0, tape.n);
          const J = jacobianForward(tape, primal(tape, x));
          for (let j = 0; j < tape.n; j++) {
            const sym = symbolicDerivative(tape, j, 0);
            expectClose(
              evaluateExpr(sym.df, x),
              J[0]![j]!,
              1e-9,
              `∂/∂${tape.inputs[j]!.name} of ${text}`,
              1e-12,
            );
            expectClose(evaluateExpr(sym.f, x), primal(tape, x)[tape.outputs[0]!.index]!, 1e-12, 'f', 1e-14);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('through every rule row, kinks included, at points away from the kinks', () => {
    const cases: [string, Record<string, number>][] = [
      ['abs(x) * x', { x: -1.5 }],
      ['relu(x - 1) + relu(x)', { x: 0.5 }],
      ['max(x, y) + min(x, y^2)', { x: 0.3, y: 0.7 }],
      ['atan2(x, y) + log2(x) + log10(y)', { x: 0.8, y: 1.9 }],
      ['sigmoid(x*y) + tanh(x) + sqrt(y) + exp(-x)', { x: 0.4, y: 2.2 }],
      ['tan(x) + asin(x) + acos(x/2) + atan(y) + sinh(x) + cosh(y)', { x: 0.3, y: -1.1 }],
      ['x^y + pow(y, 3) + 2^x + x^0.5 - -x / y', { x: 1.7, y: 0.6 }],
      ['log(x) + ln(y) + pi*x + e^y', { x: 1.3, y: 2.5 }],
    ];
    for (const [text, at] of cases) {
      const tape = compileOk(text);
      const x = inputVector(tape, at);
      const J = jacobianForward(tape, primal(tape, x));
      tape.inputs.forEach((input, j) => {
        const sym = symbolicDerivative(tape, j, 0);
        expectClose(evaluateExpr(sym.df, x), J[0]![j]!, 1e-12, `∂(${text})/∂${input.name}`, 1e-14);
        renders(exprTex(sym.df)!);
      });
    }
  });
});

describe('against mathjs symbolic differentiation', () => {
  const SHARED_UNARY = [
    'sin(#)',
    'cos(#)',
    'exp(cos(#))',
    'ln(1 + (#)^2)',
    'sqrt((#)^2 + 1)',
    'atan(#)',
    '-(#)',
    '(#)^3',
    'tanh(#)',
  ];
  const SHARED_BINARY = ['# + @', '# - @', '(#) * (@)', '(#) / (2 + cos(@))', '(1 + (#)^2)^(sin(@))'];
  const toMathjs = (text: string) => text.replace(/\bln\(/g, 'log(');
  it('gives the same derivative values on generated expressions', () => {
    fc.assert(
      fc.property(
        expressionText({ inputs: 2, maxDepth: 4, unary: SHARED_UNARY, binary: SHARED_BINARY }),
        fc.array(
          fc.integer({ min: -150, max: 150 }).map((k) => k / 100 + 0.005),
          { minLength: 2, maxLength: 2 },
        ),
        (text, point) => {
          const tape = compileOk(text);
          const scope = Object.fromEntries(INPUT_NAMES.slice(0, 2).map((n, i) => [n, point[i]!]));
          const x = inputVector(tape, scope);
          tape.inputs.forEach((input, j) => {
            const theirs = derivative(toMathjs(text), input.name).evaluate(scope) as number;
            const ours = evaluateExpr(symbolicDerivative(tape, j, 0).df, x);
            expectClose(ours, theirs, 1e-9, `∂(${text})/∂${input.name}`, 1e-12);
          });
          expectClose(
            evaluateExpr(symbolicDerivative(tape, 0, 0).f, x),
            evaluate(toMathjs(text), scope) as number,
            1e-12,
          );
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('the derivative expression, unsimplified', () => {
  it("writes the paper's example by the chain rule, keeping · 1 and · 0", () => {
    const tape = compileOk(paper.function.replace(/^.*= /, ''));
    const sym = symbolicDerivative(tape, 0, 0);
    // d(ln x1) = (1/x1)·dx1, d(x1 x2) = x2·dx1 + x1·dx2, d(sin x2) = cos x2·dx2; dx1 = 1, dx2 = 0.
    expect(exprTex(sym.df)).toBe(
      '(1 / x_{1}) \\times 1 + x_{2} \\times 1 + x_{1} \\times 0 - \\cos x_{2} \\times 0',
    );
    expect(exprTex(sym.f)).toBe('\\ln x_{1} + x_{1} \\times x_{2} - \\sin x_{2}');
    expect(evaluateExpr(sym.df, [2, 5])).toBe(paper.gradient.x1);
    // Trees: f has 9 nodes (5 operations, 4 leaves), ∂f/∂x1 has 18.
    expect([sym.fSize, exprOperations(sym.f), sym.dfSize]).toEqual([9, 5, 18]);
    expect([sym.tapeNodes, sym.tapeOperations, sym.outputOperations]).toEqual([7, 5, 5]);
  });

  it('parenthesises by structure so that the TeX reads as the tree', () => {
    const tex = (text: string) => exprTex(symbolicDerivative(compileOk(text), 0, 0).f);
    expect(tex('(x - 1) * (x + 1)')).toBe('(x - 1) \\times (x + 1)');
    expect(tex('x - (x - 1)')).toBe('x - (x - 1)');
    expect(tex('sin(2*x)^2')).toBe('(\\sin (2 x))^{2}');
    expect(tex('-(x + 1)')).toBe('-(x + 1)');
    expect(tex('(x*x)/(x + 2)')).toBe('(x \\times x) / (x + 2)');
    expect(tex('exp(x + 1)')).toBe('e^{x + 1}');
  });

  it('swells on the logistic map l(n+1) = 4 l(n)(1 − l(n)) while the tape grows by 3 operations a step', () => {
    const text = Array.from({ length: 8 }, (_, i) =>
      i === 0 ? 'l1 = 4*x*(1 - x)' : `l${i + 1} = 4*l${i}*(1 - l${i})`,
    ).join('\n');
    const sizes = symbolicSizes(compileOk(text), 0);
    // l1 = (4 x)(1 − x): 7 nodes; each step writes l(n) out twice: size(n+1) = 2 size(n) + 5.
    let f = 7;
    sizes.forEach((s, i) => {
      expect(s.tapeOperations).toBe(3 * (i + 1));
      expect(s.fSize).toBe(f);
      f = 2 * f + 5;
      if (i > 0) expect(s.dfSize).toBeGreaterThan(2 * sizes[i - 1]!.dfSize);
    });
    expect(sizes.at(-1)!.dfSize).toBeGreaterThan(40 * sizes.at(-1)!.tapeOperations);
  });

  it('sizes astronomically large trees without building them, and declines to print them', () => {
    // l(n+1) = l(n)²: the tree doubles each line, 2^401 − 1 ≈ 5e120 nodes after 400 lines.
    const text = Array.from({ length: 400 }, (_, i) =>
      i === 0 ? 'l1 = x*x' : `l${i + 1} = l${i}*l${i}`,
    ).join('\n');
    const tape = compileOk(text);
    const sym = symbolicDerivative(tape, 0, tape.outputs.length - 1);
    expect(exprSize(sym.f)).toBe(2 ** 401 - 1);
    expect(sym.dfSize).toBeGreaterThan(1e120);
    expect(exprTex(sym.df)).toBeNull();
    const small = symbolicDerivative(tape, 0, 3);
    expect(exprTex(small.df)).not.toBeNull();
  });
});
