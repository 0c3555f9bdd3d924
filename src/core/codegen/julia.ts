/**
 * The program in Julia: the function as written (native `if`/`elseif`/`else`/`end`, `for i in a:b`,
 * `while`), evaluated at the point and differentiated twice, by ForwardDiff (forward mode, dual
 * numbers) and ReverseDiff (reverse mode, a tape), printing `y = …` and `dy/dx = …` with `repr`, the
 * shortest text that reads back as the same Float64.
 *
 * Dual numbers and tracked reals compare by their values, so `if` and `while` take the page's path.
 * Variables are declared `local` at the top of the function: a name first assigned inside a loop
 * would otherwise be new in each iteration and unknown after it (Julia's scope rules, not ours).
 */
import { floatLiteral, Level, type Language, type OpSyntax } from './emit';
import type { CodeInput } from './program';

const JULIA_KEYWORDS = [
  'baremodule',
  'begin',
  'break',
  'catch',
  'const',
  'continue',
  'do',
  'else',
  'elseif',
  'end',
  'export',
  'false',
  'finally',
  'for',
  'function',
  'global',
  'if',
  'import',
  'let',
  'local',
  'macro',
  'module',
  'quote',
  'return',
  'struct',
  'true',
  'try',
  'using',
  'while',
  'abstract',
  'mutable',
  'primitive',
  'type',
  'where',
  'in',
  'isa',
  'outer',
  'public',
];

/** Names the body of `f` refers to: a parameter or variable of that name would hide them there. */
const JULIA_USED = ['Float64', 'Base', 'bound', 'larger', 'smaller', 'absolute', 'relu', 'sigmoid'];

const OPS: Readonly<Record<string, OpSyntax>> = {
  add: { kind: 'infix', symbol: '+', level: Level.Sum },
  sub: { kind: 'infix', symbol: '-', level: Level.Sum },
  mul: { kind: 'infix', symbol: '*', level: Level.Product },
  div: { kind: 'infix', symbol: '/', level: Level.Product },
  pow: { kind: 'infix', symbol: '^', level: Level.Power },
  neg: { kind: 'prefix', symbol: '-' },
  sin: { kind: 'call', name: 'sin' },
  cos: { kind: 'call', name: 'cos' },
  tan: { kind: 'call', name: 'tan' },
  asin: { kind: 'call', name: 'asin' },
  acos: { kind: 'call', name: 'acos' },
  atan: { kind: 'call', name: 'atan' },
  sinh: { kind: 'call', name: 'sinh' },
  cosh: { kind: 'call', name: 'cosh' },
  tanh: { kind: 'call', name: 'tanh' },
  exp: { kind: 'call', name: 'exp' },
  ln: { kind: 'call', name: 'log' },
  log: { kind: 'call', name: 'log' },
  log2: { kind: 'call', name: 'log2' },
  log10: { kind: 'call', name: 'log10' },
  sqrt: { kind: 'call', name: 'sqrt' },
  // Julia's abs'(0) is 1 (ForwardDiff and DiffRules take the sign bit); the page's is 0.
  abs: { kind: 'call', name: 'absolute', helper: 'absolute' },
  sigmoid: { kind: 'call', name: 'sigmoid', helper: 'sigmoid' },
  relu: { kind: 'call', name: 'relu', helper: 'relu' },
  max: { kind: 'call', name: 'larger', helper: 'larger' },
  min: { kind: 'call', name: 'smaller', helper: 'smaller' },
  // Julia's two-argument atan is atan2.
  atan2: { kind: 'call', name: 'atan' },
};

export const juliaLanguage = (): Language => ({
  style: 'julia',
  reserved: new Map([
    ...JULIA_KEYWORDS.map((k) => [k, 'a Julia keyword'] as const),
    ...JULIA_USED.map((k) => [k, 'a name this program uses'] as const),
  ]),
  ops: OPS,
  constant: (name) => (name === 'pi' ? 'Float64(pi)' : 'Float64(Base.MathConstants.e)'),
  float: null,
  wrapArgs: 'none',
  not: '!',
  and: '&&',
  or: '||',
  notes: {},
});

const HELPERS: Readonly<Record<string, readonly string[]>> = {
  absolute: [
    "# abs with abs'(0) = 0, as on the page (Julia's abs'(0) is 1)",
    'absolute(a) = a != 0 ? abs(a) : zero(a)',
  ],
  sigmoid: [
    '# The logistic sigmoid 1 / (1 + exp(-a)), written as the page computes it (no overflow)',
    'sigmoid(a) = a >= 0 ? 1 / (1 + exp(-a)) : exp(a) / (1 + exp(a))',
  ],
  relu: [
    "# max(a, 0); its derivative at 0 is 0, as on the page (PyTorch's choice)",
    'relu(a) = a > 0 ? a : zero(a)',
  ],
  larger: [
    '# max(a, b): a tie sends the derivative to the first argument, as on the page; NaN stays NaN',
    'larger(a, b) = (a >= b || a != a) ? a : b',
  ],
  smaller: [
    '# min(a, b): a tie sends the derivative to the first argument, as on the page; NaN stays NaN',
    'smaller(a, b) = (a <= b || a != a) ? a : b',
  ],
  bound: [
    "# A for loop's bound, a whole number (bounds are not differentiated)",
    'bound(v::Real) = isinteger(v) ? Float64(v) : error("a for loop\'s bounds must be whole numbers; this one is $v")',
    'bound(v::ForwardDiff.Dual) = bound(ForwardDiff.value(v))',
    'bound(v::ReverseDiff.TrackedReal) = bound(ReverseDiff.value(v))',
  ],
};

/** A complete Julia program. */
export function juliaProgram(code: CodeInput): string {
  const helpers = ['absolute', 'sigmoid', 'relu', 'larger', 'smaller', 'bound'].filter((h) =>
    h === 'bound' ? code.fn.body.some((l) => /\bbound\(/.test(l)) : code.fn.needs.helpers.has(h),
  );
  const renamed =
    code.fn.renamed.length === 0
      ? []
      : [
          '# Renamed, as Julia cannot take these names (the printed lines keep the names as written):',
          ...code.fn.renamed.map(([from, to, why]) => `#   ${from} -> ${to}  (${why})`),
        ];
  const lines: string[] = [];
  code.outputs.forEach((out, j) => lines.push(`println("${out} = ", repr(outputs[${j + 1}]))`));
  code.outputs.forEach((out, j) =>
    code.inputs.forEach((inp, i) =>
      lines.push(`println("d${out}/d${inp} = ", repr(reverse_grads[${j + 1}][${i + 1}]))`),
    ),
  );
  return [
    `# ${code.title} in Julia, generated by Wengert. The program, as written:`,
    ...code.source.map((l) => `#   ${l}`.trimEnd()),
    '#',
    `# Outputs ${code.outputs.join(', ')}, at ${code.pointText}.`,
    '# Differentiated in Float64 by ForwardDiff.gradient (forward mode, dual numbers) and',
    '# ReverseDiff.gradient (reverse mode, a tape), one gradient per output. Julia stops with a',
    '# DomainError where the page shows NaN (the logarithm or square root of a negative number).',
    '# Run: julia this_file.jl   (once: import Pkg; Pkg.add(["ForwardDiff", "ReverseDiff"]))',
    ...renamed,
    'using ForwardDiff, ReverseDiff',
    '',
    ...helpers.flatMap((h) => [...HELPERS[h]!, '']),
    `function f(${code.fn.params.join(', ')})`,
    ...code.fn.body.map((l) => `    ${l}`),
    'end',
    '',
    `x = [${code.x.map(floatLiteral).join(', ')}]  # ${code.inputs.join(', ')}`,
    'outputs = f(x...)',
    'forward_grads = [ForwardDiff.gradient(v -> f(v...)[j], x) for j in 1:length(outputs)]',
    'reverse_grads = [ReverseDiff.gradient(v -> f(v...)[j], x) for j in 1:length(outputs)]',
    'for j in 1:length(outputs), i in 1:length(x)',
    '    a, b = reverse_grads[j][i], forward_grads[j][i]',
    '    abs(a - b) <= 1e-9 * max(abs(a), abs(b)) || !(isfinite(a) && isfinite(b)) ||',
    '        error("forward and reverse mode differ: $a and $b")',
    'end',
    '',
    ...lines,
    '',
  ].join('\n');
}
