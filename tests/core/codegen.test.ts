/**
 * The programs in JAX, PyTorch and Julia: their structure for every gallery example, the spelling of
 * every primitive of the rule table (walked, so a new row cannot be forgotten), control flow, names
 * the languages cannot take, and full-precision numbers. Running them is codegenRun.test.ts's job;
 * where `python3` exists, the Python programs are at least parsed by Python itself here.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CODE_FORMATS,
  codeLanguage,
  codeOf,
  compile,
  EXPORT_FORMATS,
  RULE_LIST,
  type CodeFormat,
} from '../../src/core/index';
import { GALLERY_CASES, PROGRAM_CASES, type RunCase } from './codegenCases';

function code(format: CodeFormat, text: string, at: Readonly<Record<string, number>>): string {
  const c = compile(text);
  if (!c.ok) throw new Error(c.error.message);
  return codeOf(
    format,
    text,
    c.tape.inputs.map((i) => at[i.name]!),
  );
}

/** The lines of the generated function's body (Python: indented under `def f`; Julia: up to `end`). */
function body(format: CodeFormat, program: string): string[] {
  const lines = program.split('\n');
  const start = lines.findIndex((l) => /^(def|function) f\(/.test(l));
  const rest = lines.slice(start + 1);
  const end = format === 'julia' ? rest.indexOf('end') : rest.findIndex((l) => !l.startsWith('    '));
  return rest.slice(0, end).map((l) => l.slice(4));
}

const names = (c: RunCase) => {
  const t = compile(c.text);
  if (!t.ok) throw new Error(t.error.message);
  return { inputs: t.tape.inputs.map((i) => i.name), outputs: t.tape.outputs.map((o) => o.name) };
};

/** The print lines each framework must end with: outputs, then every output's gradient. */
function printLines(format: CodeFormat, c: RunCase): string[] {
  const { inputs, outputs } = names(c);
  const value = (j: number) =>
    format === 'jax'
      ? `float(outputs[${j}])`
      : format === 'pytorch'
        ? `outputs[${j}].item()`
        : `outputs[${j + 1}]`;
  const deriv = (j: number, i: number) =>
    format === 'jax'
      ? `float(jacobian[${j}][${i}])`
      : format === 'pytorch'
        ? `jacobian[${j}][${i}].item()`
        : `reverse_grads[${j + 1}][${i + 1}]`;
  const line = (label: string, v: string) =>
    format === 'julia' ? `println("${label} = ", repr(${v}))` : `print("${label} =", repr(${v}))`;
  return [
    ...outputs.map((o, j) => line(o, value(j))),
    ...outputs.flatMap((o, j) => inputs.map((inp, i) => line(`d${o}/d${inp}`, deriv(j, i)))),
  ];
}

describe('every gallery example, in each framework', () => {
  for (const c of GALLERY_CASES) {
    const { inputs } = names(c);
    it(`${c.name}: JAX imports, 64-bit floats, f, jax.grad / jacrev / jacfwd, the print lines`, () => {
      const p = code('jax', c.text, c.at);
      expect(p).toContain('import jax\n');
      expect(p).toContain('jax.config.update("jax_enable_x64", True)');
      expect(p).toContain('import jax.numpy as jnp\n');
      expect(p).toContain(`def f(${inputs.join(', ')}):\n`);
      expect(p).toContain(
        `x = jnp.array([${inputs.map((n) => String(c.at[n]!)).join(', ')}`.replace(
          /(?<=[[ ])(-?\d+)(?=[,\]])/g,
          '$1.0',
        ),
      );
      expect(p).toMatch(/jacobian = \[jax\.grad\(lambda \*a, j=j: f\(\*a\)\[j\], argnums=inputs\)\(\*x\)/);
      expect(p).toContain('jax.jacrev(f, argnums=inputs)(*x)');
      expect(p).toContain('jax.jacfwd(f, argnums=inputs)(*x)');
      expect(p.trimEnd().split('\n').slice(-printLines('jax', c).length)).toEqual(printLines('jax', c));
    });
    it(`${c.name}: PyTorch float64, requires_grad tensors, torch.autograd, the print lines`, () => {
      const p = code('pytorch', c.text, c.at);
      expect(p).toContain('import torch\n');
      expect(p).toContain('torch.set_default_dtype(torch.float64)');
      expect(p).toContain(`def f(${inputs.join(', ')}):\n`);
      expect(p).toContain('torch.tensor(v, requires_grad=True)');
      expect(p).toContain('jacobian = torch.autograd.functional.jacobian(f, x)');
      expect(p.trimEnd().split('\n').slice(-printLines('pytorch', c).length)).toEqual(
        printLines('pytorch', c),
      );
    });
    it(`${c.name}: Julia using ForwardDiff and ReverseDiff, f, both gradients, the print lines`, () => {
      const p = code('julia', c.text, c.at);
      expect(p).toContain('using ForwardDiff, ReverseDiff\n');
      expect(p).toContain(`function f(${inputs.join(', ')})\n`);
      expect(p).toContain('ForwardDiff.gradient(v -> f(v...)[j], x)');
      expect(p).toContain('ReverseDiff.gradient(v -> f(v...)[j], x)');
      expect(p.trimEnd().split('\n').slice(-printLines('julia', c).length)).toEqual(printLines('julia', c));
    });
  }
});

/** How each framework must spell each primitive applied to `a` (and `b`). */
const SPELLING: Readonly<Record<string, Readonly<Record<CodeFormat, string>>>> = {
  add: { jax: 'a + b', pytorch: 'a + b', julia: 'a + b' },
  sub: { jax: 'a - b', pytorch: 'a - b', julia: 'a - b' },
  mul: { jax: 'a * b', pytorch: 'a * b', julia: 'a * b' },
  div: { jax: 'a / b', pytorch: 'a / b', julia: 'a / b' },
  neg: { jax: '-a', pytorch: '-a', julia: '-a' },
  pow: { jax: 'a ** b', pytorch: 'a ** b', julia: 'a ^ b' },
  sin: { jax: 'jnp.sin(a)', pytorch: 'torch.sin(a)', julia: 'sin(a)' },
  cos: { jax: 'jnp.cos(a)', pytorch: 'torch.cos(a)', julia: 'cos(a)' },
  tan: { jax: 'jnp.tan(a)', pytorch: 'torch.tan(a)', julia: 'tan(a)' },
  asin: { jax: 'jnp.arcsin(a)', pytorch: 'torch.asin(a)', julia: 'asin(a)' },
  acos: { jax: 'jnp.arccos(a)', pytorch: 'torch.acos(a)', julia: 'acos(a)' },
  atan: { jax: 'jnp.arctan(a)', pytorch: 'torch.atan(a)', julia: 'atan(a)' },
  sinh: { jax: 'jnp.sinh(a)', pytorch: 'torch.sinh(a)', julia: 'sinh(a)' },
  cosh: { jax: 'jnp.cosh(a)', pytorch: 'torch.cosh(a)', julia: 'cosh(a)' },
  tanh: { jax: 'jnp.tanh(a)', pytorch: 'torch.tanh(a)', julia: 'tanh(a)' },
  exp: { jax: 'jnp.exp(a)', pytorch: 'torch.exp(a)', julia: 'exp(a)' },
  ln: { jax: 'jnp.log(a)', pytorch: 'torch.log(a)', julia: 'log(a)' },
  log: { jax: 'jnp.log(a)', pytorch: 'torch.log(a)', julia: 'log(a)' },
  log2: { jax: 'jnp.log2(a)', pytorch: 'torch.log2(a)', julia: 'log2(a)' },
  log10: { jax: 'jnp.log10(a)', pytorch: 'torch.log10(a)', julia: 'log10(a)' },
  sqrt: { jax: 'jnp.sqrt(a)', pytorch: 'torch.sqrt(a)', julia: 'sqrt(a)' },
  // Written out where the framework's derivative at 0 differs from the page's abs'(0) = 0.
  abs: { jax: 'absolute(a)', pytorch: 'torch.abs(a)', julia: 'absolute(a)' },
  sigmoid: { jax: 'sigmoid(a)', pytorch: 'sigmoid(a)', julia: 'sigmoid(a)' },
  relu: { jax: 'relu(a)', pytorch: 'relu(a)', julia: 'relu(a)' },
  max: { jax: 'larger(a, b)', pytorch: 'larger(a, b)', julia: 'larger(a, b)' },
  min: { jax: 'smaller(a, b)', pytorch: 'smaller(a, b)', julia: 'smaller(a, b)' },
  atan2: { jax: 'jnp.arctan2(a, b)', pytorch: 'torch.atan2(a, b)', julia: 'atan(a, b)' },
};

/** Functions the programs define themselves, where the framework has none or another convention. */
const HELPERS = new Set(['absolute', 'sigmoid', 'relu', 'larger', 'smaller']);

/** A helper's definition, as each language starts it. */
const definition = (format: CodeFormat, name: string): RegExp =>
  format === 'julia'
    ? new RegExp(`^${name}\\(a(, b)?\\) = `, 'm')
    : new RegExp(`^def ${name}\\(a(, b)?\\):`, 'm');

describe('the rule table, walked: every primitive in every framework', () => {
  const INFIX: Readonly<Record<string, string>> = { add: '+', sub: '-', mul: '*', div: '/', pow: '^' };
  for (const rule of RULE_LIST) {
    it(`${rule.name} has a spelling in each framework, used as the table says`, () => {
      const spelling = SPELLING[rule.name];
      expect(spelling, `add ${rule.name} to SPELLING and to each language`).toBeDefined();
      const text =
        rule.name === 'neg'
          ? 'y = -a'
          : INFIX[rule.name]
            ? `y = a ${INFIX[rule.name]} b`
            : rule.arity === 1
              ? `y = ${rule.name}(a)`
              : `y = ${rule.name}(a, b)`;
      for (const format of CODE_FORMATS) {
        expect(codeLanguage(format).ops[rule.name], `${format} ${rule.name}`).toBeDefined();
        const p = code(format, text, { a: 0.5, b: 1.5 });
        expect(body(format, p), `${format} ${rule.name}`).toContain(`y = ${spelling![format]}`);
        const helper = /^(\w+)\(/.exec(spelling![format])?.[1];
        if (helper !== undefined && HELPERS.has(helper))
          expect(p, `${format} defines ${helper}`).toMatch(definition(format, helper));
      }
    });
  }

  it('precedence: parentheses where the languages need them, none where they do not', () => {
    const cases: readonly [string, Record<CodeFormat, string>][] = [
      ['y = -a^2', { jax: '-a ** 2.0', pytorch: '-a ** 2.0', julia: '-a ^ 2.0' }],
      ['y = (-a)^2', { jax: '(-a) ** 2.0', pytorch: '(-a) ** 2.0', julia: '(-a) ^ 2.0' }],
      ['y = a^-b', { jax: 'a ** (-b)', pytorch: 'a ** (-b)', julia: 'a ^ (-b)' }],
      ['y = 2^3^a', { jax: '2.0 ** 3.0 ** a', pytorch: '2.0 ** 3.0 ** a', julia: '2.0 ^ 3.0 ^ a' }],
      ['y = (a^b)^2', { jax: '(a ** b) ** 2.0', pytorch: '(a ** b) ** 2.0', julia: '(a ^ b) ^ 2.0' }],
      ['y = a - (b - a)', { jax: 'a - (b - a)', pytorch: 'a - (b - a)', julia: 'a - (b - a)' }],
      ['y = a/(b*a)', { jax: 'a / (b * a)', pytorch: 'a / (b * a)', julia: 'a / (b * a)' }],
      ['y = (a + b)*a', { jax: '(a + b) * a', pytorch: '(a + b) * a', julia: '(a + b) * a' }],
      ['y = a^(1/2)', { jax: 'a ** (1.0 / 2.0)', pytorch: 'a ** (1.0 / 2.0)', julia: 'a ^ (1.0 / 2.0)' }],
    ];
    for (const [text, want] of cases)
      for (const format of CODE_FORMATS)
        expect(body(format, code(format, text, { a: 0.5, b: 1.5 })), `${format}: ${text}`).toContain(
          `y = ${want[format]}`,
        );
  });

  it('constants pi and e in each language', () => {
    const text = 'y = pi*a + e';
    expect(body('jax', code('jax', text, { a: 1 }))).toContain('y = jnp.pi * a + jnp.e');
    expect(body('pytorch', code('pytorch', text, { a: 1 }))).toContain('y = math.pi * a + math.e');
    expect(code('pytorch', text, { a: 1 })).toContain('import math\n');
    expect(body('julia', code('julia', text, { a: 1 }))).toContain(
      'y = Float64(pi) * a + Float64(Base.MathConstants.e)',
    );
  });
});

describe('control flow becomes the language’s own', () => {
  const program = [
    'y = x',
    'for i in 1..3 { y = y*y + x }',
    'if y > 10 and not (x < 0) { z = ln(y) } else if y < 1 or x == 2 { z = y } else { z = y/10 }',
    'while abs(z) > 100 { z = z/2 }',
    'for k in 1..n { }',
    'return z, y',
  ].join('\n');
  const at = { x: 1.5, n: 2 };

  it('Python: for over whole_numbers, if/elif/else, while, and/or/not, an empty body is pass', () => {
    for (const format of ['jax', 'pytorch'] as const) {
      const b = body(format, code(format, program, at));
      const fw = format === 'jax' ? 'jnp' : 'torch';
      expect(b).toEqual([
        'y = x',
        'for i in whole_numbers(1, 3):',
        '    y = y * y + x',
        `if y > 10.0 and not x < 0.0:`,
        `    z = ${fw}.log(y)`,
        'elif y < 1.0 or x == 2.0:',
        '    z = y',
        'else:',
        '    z = y / 10.0',
        `while ${format === 'jax' ? 'absolute(z)' : 'torch.abs(z)'} > 100.0:`,
        '    z = z / 2.0',
        'for k in whole_numbers(1, n):',
        '    pass',
        'return (z, y)',
      ]);
      const p = code(format, program, at);
      expect(p).toMatch(/^def bound\(v\):/m);
      expect(p).toMatch(/^def whole_numbers\(a, b\):/m);
    }
  });

  it('Julia: locals declared, for over a float range or bound(…), if/elseif/else/end, while … end, &&, ||, !', () => {
    const p = code('julia', program, at);
    expect(body('julia', p)).toEqual([
      'local y, z',
      'y = x',
      'for i in 1.0:3.0',
      '    y = y * y + x',
      'end',
      'if y > 10.0 && !(x < 0.0)',
      '    z = log(y)',
      'elseif y < 1.0 || x == 2.0',
      '    z = y',
      'else',
      '    z = y / 10.0',
      'end',
      'while absolute(z) > 100.0',
      '    z = z / 2.0',
      'end',
      'for k in bound(1.0):bound(n)',
      'end',
      'return (z, y)',
    ]);
    expect(p).toMatch(/^bound\(v::Real\) = /m);
    expect(p).toMatch(/^bound\(v::ForwardDiff\.Dual\) = /m);
    expect(p).toMatch(/^bound\(v::ReverseDiff\.TrackedReal\) = /m);
    // Every block that opens is closed.
    const opens = p.split('\n').filter((l) => /^\s*(function|if|for|while)\b/.test(l)).length;
    const ends = p.split('\n').filter((l) => /^\s*end$/.test(l)).length;
    expect(ends).toBe(opens);
  });
});

describe('names the languages cannot take', () => {
  const text =
    'lambda = x*2\ndef = lambda + in\nend = def*torch\nfunction = end - jnp + f64 + bound\nreturn function, def';
  const at = { x: 0.5, in: 1.25, torch: 3, jnp: -1, f64: 2, bound: 0.25 };

  it('are renamed with a trailing _ and listed in a comment, while the printed names stay as written', () => {
    const renames: Record<CodeFormat, readonly string[]> = {
      jax: ['lambda', 'def', 'in', 'jnp', 'f64', 'bound'],
      pytorch: ['lambda', 'def', 'in', 'torch', 'f64', 'bound'],
      julia: ['end', 'function', 'in', 'bound'],
    };
    for (const format of CODE_FORMATS) {
      const p = code(format, text, at);
      for (const name of renames[format]) {
        expect(p, `${format} ${name}`).toMatch(new RegExp(`^#   ${name} -> ${name}_  \\(`, 'm'));
        expect(body(format, p).join('\n'), `${format} ${name}`).not.toMatch(new RegExp(`\\b${name}\\b(?!_)`));
      }
      expect(p).toContain(format === 'julia' ? 'println("function = "' : 'print("function =",');
      expect(p).toContain(format === 'julia' ? 'println("dfunction/din = "' : 'print("ddef/din =",');
    }
    expect(body('jax', code('jax', text, at))).toContain('lambda_ = x * 2.0');
    expect(body('julia', code('julia', text, at))).toContain('end_ = def * torch');
  });

  it('a name that is not special is left alone, and nothing is renamed without a comment', () => {
    const p = code('jax', 'y = alpha*beta', { alpha: 1, beta: 2 });
    expect(p).not.toContain('Renamed');
    expect(body('jax', p)).toContain('y = alpha * beta');
  });
});

describe('numbers', () => {
  it('the point and the literals keep every digit (shortest round-trip text)', () => {
    const at = { x: 0.30000000000000004, y: -1.2345678901234567e-200 };
    for (const format of CODE_FORMATS) {
      const p = code(format, 'z = x*1.1 + y/3', at);
      expect(p).toContain('0.30000000000000004, -1.2345678901234567e-200');
      expect(body(format, p)).toContain('z = x * 1.1 + y / 3.0');
    }
  });

  it('Python: plain numbers that would raise are computed as framework floats, others stay as written', () => {
    const p = code('jax', 'z = 1/0 + x; w = x*(2*pi); q = 0^(0-1) + x', { x: 1 });
    expect(body('jax', p)).toEqual(
      expect.arrayContaining([
        'z = f64(1.0) / f64(0.0) + x',
        'w = x * (2.0 * jnp.pi)',
        'q = f64(0.0) ** (f64(0.0) - f64(1.0)) + x',
      ]),
    );
    expect(p).toMatch(/^def f64\(v\):/m);
    // PyTorch functions take tensors: a plain argument is made one.
    expect(body('pytorch', code('pytorch', 'y = sin(2)*x', { x: 1 }))).toContain(
      'y = torch.sin(f64(2.0)) * x',
    );
    // Julia's Float64 arithmetic gives ∞ like the page: nothing to change.
    expect(body('julia', code('julia', 'z = 1/0 + x', { x: 1 }))).toContain('z = 1.0 / 0.0 + x');
  });
});

describe('export formats', () => {
  it('the command line and the menu offer jax, pytorch and julia', () => {
    expect(EXPORT_FORMATS).toEqual(['latex', 'markdown', 'csv', 'jax', 'pytorch', 'julia']);
  });
});

/** Python's own parser on every generated Python program, where python3 exists (no packages needed). */
const hasPython = spawnSync('python3', ['-c', 'import ast'], { encoding: 'utf8' }).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'wengert-codegen-syntax-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Python reads every generated program', () => {
  it.skipIf(!hasPython)(
    `ast.parse accepts the JAX and PyTorch programs of the gallery and the programs${hasPython ? '' : ' (skipped: no python3)'}`,
    () => {
      const files: string[] = [];
      for (const c of [...GALLERY_CASES, ...PROGRAM_CASES])
        for (const format of ['jax', 'pytorch'] as const) {
          const file = join(dir, `${files.length}.py`);
          writeFileSync(file, code(format, c.text, c.at));
          files.push(file);
        }
      const r = spawnSync(
        'python3',
        ['-c', 'import ast, sys\nfor p in sys.argv[1:]:\n    ast.parse(open(p).read(), p)', ...files],
        { encoding: 'utf8' },
      );
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    },
  );
});
