/**
 * Random expression text for property tests: + - * / ^ (small integer exponents), unary minus and
 * smooth functions over the inputs x1 … x4, built so that values stay finite on moderate inputs
 * (divisions and logarithms only of things bounded away from zero, square roots of things ≥ 1).
 */
import fc from 'fast-check';

export const INPUT_NAMES = ['x1', 'x2', 'x3', 'x4'] as const;

export interface ExpressionOptions {
  /** How many of INPUT_NAMES may appear (1–4). */
  readonly inputs: number;
  readonly maxDepth: number;
  /** One-argument templates to draw from; `#` stands for the argument. */
  readonly unary?: readonly string[];
  /** Two-argument templates; `#` and `@` stand for the left and right arguments. */
  readonly binary?: readonly string[];
}

/** Smooth one-argument templates written in the tool's language. */
export const UNARY_TEMPLATES: readonly string[] = [
  'sin(#)',
  'cos(#)',
  'tanh(#)',
  'atan(#)',
  'sigmoid(#)',
  'exp(sin(#))',
  'sqrt((#)^2 + 1)',
  'ln((#)^2 + 1)',
  'log(1 + (#)^2)',
  '1/((#)^2 + 1)',
  '-(#)',
  '(#)^2',
  '(#)^3',
  'sinh(tanh(#))',
  'cosh(sin(#))',
  'exp(-(#)^2)',
  'asin(tanh(#)/2)',
  'acos(sin(#)/2)',
  'log2(2 + cos(#))',
  'log10(3 + sin(#))',
  'abs(#)',
];

/** Two-argument templates; `#` and `@` stand for the left and right arguments. */
export const BINARY_TEMPLATES: readonly string[] = [
  '# + @',
  '# - @',
  '# * @',
  '# / (1 + (@)^2)',
  '(#) * (@)',
  '(#) / (2 + sin(@))',
  'atan2(#, 1 + (@)^2)',
  'pow(1 + (#)^2, sin(@))',
  '(1 + (#)^2)^(cos(@))',
];

const fill = (template: string, a: string, b = ''): string => template.replaceAll('#', a).replaceAll('@', b);

/** An arbitrary expression text that contains at least one input. */
export function expressionText(options: ExpressionOptions): fc.Arbitrary<string> {
  const names = INPUT_NAMES.slice(0, Math.max(1, Math.min(4, options.inputs)));
  const unaryTemplates = options.unary ?? UNARY_TEMPLATES;
  const binaryTemplates = options.binary ?? BINARY_TEMPLATES;
  const variable = fc.constantFrom(...names);
  const constant = fc.oneof(
    fc.integer({ min: 1, max: 9 }).map(String),
    fc.constantFrom('0.5', '2.5', 'pi', 'e', '1e-3'),
  );
  const { expr } = fc.letrec<{ expr: string }>((tie) => ({
    expr: fc.oneof(
      { depthSize: 'large', maxDepth: options.maxDepth, withCrossShrink: true },
      { arbitrary: variable, weight: 3 },
      {
        arbitrary: fc.tuple(fc.constantFrom(...unaryTemplates), tie('expr')).map(([t, a]) => fill(t, a)),
        weight: 3,
      },
      {
        arbitrary: fc
          .tuple(fc.constantFrom(...binaryTemplates), tie('expr'), tie('expr'))
          .map(([t, a, b]) => `(${fill(t, a, b)})`),
        weight: 4,
      },
      {
        arbitrary: fc
          .tuple(constant, fc.constantFrom('*', '+', '-'), tie('expr'))
          .map(([c, op, a]) => `(${c} ${op} ${a})`),
        weight: 1,
      },
    ),
  }));
  // Make sure some input appears, so that the text always compiles to a tape.
  return fc
    .tuple(expr, variable, fc.boolean())
    .map(([e, x, extra]) => (extra ? `${e} + 0.5*${x}` : /x\d/.test(e) ? e : `${e} * ${x}`));
}

/** A moderate input value. */
export const inputValue = fc.double({ min: -2, max: 2, noNaN: true, noDefaultInfinity: true });
