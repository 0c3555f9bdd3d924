/**
 * The program in Python, for JAX and for PyTorch: the function as written (native `if`/`elif`,
 * `for`, `while`), evaluated at the point and differentiated by the framework's own automatic
 * differentiation in 64-bit floats, printing `y = …` and `dy/dx = …` with `repr`, the shortest text
 * that reads back as the same double.
 *
 * Control flow needs no special form: neither program is jitted, so a condition such as `if y > 10:`
 * sees the concrete value under `jax.grad`, `jax.jacfwd` and `jax.jacrev` (their tracers carry it
 * outside `jit`) and under PyTorch's autograd, and takes the path the page takes.
 */
import { floatLiteral, Level, type Language, type OpSyntax } from './emit';
import type { CodeInput } from './program';

const PYTHON_KEYWORDS = [
  'False',
  'None',
  'True',
  'and',
  'as',
  'assert',
  'async',
  'await',
  'break',
  'class',
  'continue',
  'def',
  'del',
  'elif',
  'else',
  'except',
  'finally',
  'for',
  'from',
  'global',
  'if',
  'import',
  'in',
  'is',
  'lambda',
  'nonlocal',
  'not',
  'or',
  'pass',
  'raise',
  'return',
  'try',
  'while',
  'with',
  'yield',
  // Soft keywords: legal names, but confusing ones.
  'match',
  'case',
  'type',
];

/**
 * Names the body of `f` refers to: a parameter or variable of that name would hide them there. (The
 * code outside `f` — x, outputs, jacobian — never sees `f`'s names, and the language's own
 * function names cannot name a variable.)
 */
const PYTHON_USED = [
  'math',
  'f64',
  'bound',
  'whole_numbers',
  'larger',
  'smaller',
  'absolute',
  'relu',
  'sigmoid',
];

const reserved = (extra: readonly string[]): ReadonlyMap<string, string> =>
  new Map([
    ...PYTHON_KEYWORDS.map((k) => [k, 'a Python keyword'] as const),
    ...[...PYTHON_USED, ...extra].map((k) => [k, 'a name this program uses'] as const),
  ]);

const OPERATORS: Readonly<Record<string, OpSyntax>> = {
  add: { kind: 'infix', symbol: '+', level: Level.Sum },
  sub: { kind: 'infix', symbol: '-', level: Level.Sum },
  mul: { kind: 'infix', symbol: '*', level: Level.Product },
  div: { kind: 'infix', symbol: '/', level: Level.Product },
  pow: { kind: 'infix', symbol: '**', level: Level.Power },
  neg: { kind: 'prefix', symbol: '-' },
  sigmoid: { kind: 'call', name: 'sigmoid', helper: 'sigmoid' },
  relu: { kind: 'call', name: 'relu', helper: 'relu' },
  max: { kind: 'call', name: 'larger', helper: 'larger' },
  min: { kind: 'call', name: 'smaller', helper: 'smaller' },
};

const calls = (prefix: string, names: Readonly<Record<string, string>>): Record<string, OpSyntax> =>
  Object.fromEntries(
    Object.entries(names).map(([op, name]) => [op, { kind: 'call', name: `${prefix}.${name}` }]),
  );

/** Functions both NumPy-like namespaces have, by our name → theirs. */
const SHARED_CALLS = {
  sin: 'sin',
  cos: 'cos',
  tan: 'tan',
  sinh: 'sinh',
  cosh: 'cosh',
  tanh: 'tanh',
  exp: 'exp',
  ln: 'log',
  log: 'log',
  log2: 'log2',
  log10: 'log10',
  sqrt: 'sqrt',
  abs: 'abs',
};

/** Outside a logarithm's domain both sides give the value NaN, but the framework's derivative is 1/x. */
const logNotes = (fw: string): Record<string, string> =>
  Object.fromEntries(
    ['ln', 'log', 'log2', 'log10'].map((op) => [
      op,
      `${op} of a negative number: the value is NaN on both sides; the page's derivative is NaN too, ${fw}'s is the formula's value (${op === 'log2' ? '1/(x ln 2)' : op === 'log10' ? '1/(x ln 10)' : '1/x'}).`,
    ]),
  );

/** Built when asked for (no work at module load, so the page's first load can leave it out). */
export const jaxLanguage = (): Language => ({
  style: 'python',
  reserved: reserved(['jax', 'jnp']),
  ops: {
    ...OPERATORS,
    ...calls('jnp', { ...SHARED_CALLS, asin: 'arcsin', acos: 'arccos', atan: 'arctan', atan2: 'arctan2' }),
    // JAX's abs'(0) is 1 (checked in JAX 0.10); the page's is 0.
    abs: { kind: 'call', name: 'absolute', helper: 'absolute' },
  },
  constant: (name) => `jnp.${name}`,
  float: 'f64',
  wrapArgs: 'helpers',
  not: 'not',
  and: 'and',
  or: 'or',
  notes: {
    ...logNotes('JAX'),
    'pow^':
      "a ^ b with b a variable, at a = 0 and b = 0: the page's derivative in a is 0 (by convention), JAX's NaN.",
  },
});

export const pytorchLanguage = (): Language => ({
  style: 'python',
  reserved: reserved(['torch']),
  ops: {
    ...OPERATORS,
    ...calls('torch', { ...SHARED_CALLS, asin: 'asin', acos: 'acos', atan: 'atan', atan2: 'atan2' }),
  },
  constant: (name) => `math.${name}`,
  float: 'f64',
  // torch.sin(2.0) is a TypeError: every call gets tensors.
  wrapArgs: 'all',
  not: 'not',
  and: 'and',
  or: 'or',
  notes: {
    ...logNotes('PyTorch'),
    atan2: "atan2 at (0, 0): the derivative is undefined and the page shows NaN; PyTorch's is 0.",
  },
});

/** The helpers' definitions; `{zeros}` is the framework's zeros_like. */
const HELPERS: Readonly<Record<string, (fw: string) => string[]>> = {
  absolute: (fw) => [
    'def absolute(a):',
    `    """abs with abs'(0) = 0, as on the page (JAX's own abs'(0) is 1)."""`,
    `    return ${fw}.abs(a) if a != 0 else ${fw}.zeros_like(a)`,
  ],
  sigmoid: (fw) => [
    'def sigmoid(a):',
    '    """The logistic sigmoid 1 / (1 + exp(-a)), written as the page computes it (no overflow)."""',
    '    if a >= 0:',
    `        return 1 / (1 + ${fw}.exp(-a))`,
    `    return ${fw}.exp(a) / (1 + ${fw}.exp(a))`,
  ],
  relu: (fw) => [
    'def relu(a):',
    `    """max(a, 0); its derivative at 0 is 0, as on the page (PyTorch's choice)."""`,
    `    return a if a > 0 else ${fw}.zeros_like(a)`,
  ],
  larger: () => [
    'def larger(a, b):',
    '    """max(a, b): a tie sends the derivative to the first argument, as on the page; NaN stays NaN."""',
    '    return a if a >= b or a != a else b',
  ],
  smaller: () => [
    'def smaller(a, b):',
    '    """min(a, b): a tie sends the derivative to the first argument, as on the page; NaN stays NaN."""',
    '    return a if a <= b or a != a else b',
  ],
};

const LOOP_HELPERS = [
  'def bound(v):',
  `    """A for loop's bound as an int: a whole number, not differentiated (JAX refuses float() here)."""`,
  '    k = int(v)',
  '    if k != v:',
  `        raise ValueError("a for loop's bounds must be whole numbers")`,
  '    return k',
  '',
  '',
  'def whole_numbers(a, b):',
  '    """`for i in a..b`: the whole numbers a, a + 1, ..., b, as 64-bit floats."""',
  '    return [f64(k) for k in range(bound(a), bound(b) + 1)]',
];

/** Python's comment of the source program, each line behind `#   `. */
const comment = (lines: readonly string[]): string[] => lines.map((l) => `#   ${l}`.trimEnd());

/** Words in comment lines of at most 100 characters: the first behind `first`, the rest behind `rest`. */
function wrap(text: string, first: string, rest: string): string[] {
  const lines: string[] = [];
  let line = first;
  for (const word of text.split(' ')) {
    if (line.length + word.length > 100 && line.trim() !== first.trim()) {
      lines.push(line.trimEnd());
      line = rest;
    }
    line += `${word} `;
  }
  lines.push(line.trimEnd());
  return lines;
}

/** The notes of the primitives the program uses, if any. */
export const notesComment = (code: CodeInput, lang: Language): string[] => {
  const notes = [...code.fn.needs.ops].flatMap((op) => (lang.notes[op] ? [lang.notes[op]] : []));
  return notes.length === 0
    ? []
    : ['# Where the framework and the page differ:', ...notes.flatMap((n) => wrap(n, '#   ', '#     '))];
};

/** `# Renamed: lambda → lambda_ (a Python keyword)`. */
const renamedComment = (code: CodeInput): string[] =>
  code.fn.renamed.length === 0
    ? []
    : [
        '# Renamed, as Python cannot take these names (the printed lines keep the names as written):',
        ...code.fn.renamed.map(([from, to, why]) => `#   ${from} -> ${to}  (${why})`),
      ];

function functionLines(code: CodeInput): string[] {
  return [`def f(${code.fn.params.join(', ')}):`, ...code.fn.body.map((l) => `    ${l}`)];
}

/** Definitions of what the function uses, each followed by two blank lines. */
function helperBlocks(code: CodeInput, fw: string, f64: string[]): string[] {
  const blocks: string[][] = [];
  if (code.fn.needs.float || code.fn.needs.loops) blocks.push(f64);
  if (code.fn.needs.loops) blocks.push(LOOP_HELPERS);
  for (const name of ['absolute', 'sigmoid', 'relu', 'larger', 'smaller']) {
    if (code.fn.needs.helpers.has(name)) blocks.push(HELPERS[name]!(fw));
  }
  return blocks.flatMap((b) => [...b, '', '']);
}

/**
 * The output and derivative print lines, reading `outputs[j]` and `jacobian[j][i]`; `number` turns
 * one into a Python float, whose `repr` is the shortest text that reads back as the same double.
 */
function printLines(code: CodeInput, number: (v: string) => string): string[] {
  const lines: string[] = [];
  code.outputs.forEach((out, j) => lines.push(`print("${out} =", repr(${number(`outputs[${j}]`)}))`));
  code.outputs.forEach((out, j) =>
    code.inputs.forEach((inp, i) =>
      lines.push(`print("d${out}/d${inp} =", repr(${number(`jacobian[${j}][${i}]`)}))`),
    ),
  );
  return lines;
}

const point = (code: CodeInput): string => code.x.map(floatLiteral).join(', ');

/** A complete JAX program. */
export function jaxProgram(code: CodeInput): string {
  return [
    `# ${code.title} in JAX, generated by Wengert. The program, as written:`,
    ...comment(code.source),
    '#',
    `# Outputs ${code.outputs.join(', ')}, at ${code.pointText}.`,
    "# Differentiated by JAX's own automatic differentiation in 64-bit floats: jax.grad (reverse",
    '# mode, one sweep per output, as on the page), checked against jax.jacrev and jax.jacfwd (forward',
    '# mode). Not jitted, so Python `if`, `for` and `while` see the values and take the same path.',
    '# Run: python3 this_file.py   (once: pip install jax)',
    ...notesComment(code, jaxLanguage()),
    ...renamedComment(code),
    'import math',
    '',
    'import jax',
    '',
    'jax.config.update("jax_enable_x64", True)  # 64-bit floats, as on the page',
    '',
    'import jax.numpy as jnp',
    '',
    '',
    ...helperBlocks(code, 'jnp', [
      'def f64(v):',
      '    """A number as a 64-bit JAX value (plain Python floats raise on 1.0 / 0.0)."""',
      '    return jnp.asarray(v, dtype=jnp.float64)',
    ]),
    ...functionLines(code),
    '',
    '',
    'def same(a, b):',
    '    """Equal up to rounding, or not both finite (inf and NaN may come out of either mode)."""',
    '    a, b = float(a), float(b)',
    '    return abs(a - b) <= 1e-9 * max(abs(a), abs(b)) or not (math.isfinite(a) and math.isfinite(b))',
    '',
    '',
    `x = jnp.array([${point(code)}])  # ${code.inputs.join(', ')}`,
    'inputs = tuple(range(len(x)))  # differentiate with respect to every input',
    'outputs = f(*x)',
    '# Reverse mode, one sweep per output as on the page: jacobian[output][input].',
    'jacobian = [jax.grad(lambda *a, j=j: f(*a)[j], argnums=inputs)(*x) for j in range(len(outputs))]',
    '# The whole Jacobian at once, in reverse mode and in forward mode: the same numbers up to rounding.',
    'reverse = jax.jacrev(f, argnums=inputs)(*x)',
    'forward = jax.jacfwd(f, argnums=inputs)(*x)',
    'for j in range(len(outputs)):',
    '    assert all(same(jacobian[j][i], reverse[j][i]) and same(jacobian[j][i], forward[j][i]) for i in inputs)',
    '',
    ...printLines(code, (v) => `float(${v})`),
    '',
  ].join('\n');
}

/** A complete PyTorch program. */
export function pytorchProgram(code: CodeInput): string {
  return [
    `# ${code.title} in PyTorch, generated by Wengert. The program, as written:`,
    ...comment(code.source),
    '#',
    `# Outputs ${code.outputs.join(', ')}, at ${code.pointText}.`,
    "# Differentiated by PyTorch's own automatic differentiation (torch.autograd, reverse mode: one",
    "# backward pass per output) in float64 tensors. Python `if`, `for` and `while` see the tensors'",
    '# values and take the same path.',
    '# Run: python3 this_file.py   (once: pip install torch)',
    ...notesComment(code, pytorchLanguage()),
    ...renamedComment(code),
    ...(code.fn.needs.constants ? ['import math', ''] : []),
    'import torch',
    '',
    'torch.set_default_dtype(torch.float64)  # 64-bit floats, as on the page',
    '',
    '',
    ...helperBlocks(code, 'torch', [
      'def f64(v):',
      '    """A number as a float64 tensor (torch functions take tensors; Python floats raise on 1.0 / 0.0)."""',
      '    return torch.as_tensor(v, dtype=torch.float64)',
    ]),
    ...functionLines(code),
    '',
    '',
    `x = tuple(torch.tensor(v, requires_grad=True) for v in (${point(code)}${code.x.length === 1 ? ',' : ''}))  # ${code.inputs.join(', ')}`,
    'outputs = f(*x)',
    '# jacobian[output][input]; an output that does not depend on an input gets 0 there',
    'jacobian = torch.autograd.functional.jacobian(f, x)',
    '',
    ...printLines(code, (v) => `${v}.item()`),
    '',
  ].join('\n');
}
