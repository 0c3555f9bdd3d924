/**
 * The expression language (CONTRACTS §1–2) and every "Expression text" and "Input values" row of
 * BAD_INPUTS.md. Errors are checked by message and by their 0-based `[start, end)` offsets (the
 * catalogue's columns are 1-based).
 */
import { describe, expect, it } from 'vitest';
import {
  buildTrace,
  compile,
  DEFAULT_LIMITS,
  MAX_NESTING_DEPTH,
  MAX_OPERATIONS,
  MAX_SOURCE_LENGTH,
  parse,
  parseValue,
  primal,
  type Ast,
  type Tape,
} from '../../src/core/index';
import { compileOk, inputVector } from './harness';

/** An AST as an s-expression: `(neg (pow x 2))`. */
function sexpr(ast: Ast): string {
  if (ast.type === 'num') return String(ast.value);
  if (ast.type === 'var') return ast.name;
  return `(${ast.op} ${ast.args.map(sexpr).join(' ')})`;
}

function read(text: string): string[] {
  const r = parse(text);
  if (!r.ok) throw new Error(`expected ${JSON.stringify(text)} to parse, got ${JSON.stringify(r.error)}`);
  return r.program.statements.map((s) => (s.kind === 'assign' ? sexpr(s.expr) : s.kind));
}

/** The value of the first output at inputs given by name. */
function valueOf(text: string, values: Readonly<Record<string, number>>): number {
  const tape = compileOk(text);
  return primal(tape, inputVector(tape, values))[tape.outputs[0]!.index]!;
}

/** A node as `op(args)` with node ids and constant values, for comparing tapes. */
const describeNodes = (tape: Tape): string[] =>
  tape.nodes.map(
    (n) =>
      `${n.id}=${n.op === 'input' ? n.name : `${n.op}(${n.args.map((a) => (a.kind === 'node' ? tape.nodes[a.index]!.id : a.value)).join(',')})`}`,
  );

function error(text: string) {
  const r = compile(text);
  if (r.ok) throw new Error(`expected ${JSON.stringify(text)} to be rejected`);
  return r.error;
}

describe('precedence and associativity', () => {
  it('reads -x^2 as -(x^2)', () => {
    expect(read('-x^2')).toEqual(['(neg (pow x 2))']);
    expect(describeNodes(compileOk('-x1^2'))).toEqual(['v0=x1', 'v1=pow(v0,2)', 'v2=neg(v1)']);
    expect(valueOf('-x^2', { x: 3 })).toBe(-9);
  });

  it('reads ^ right-associatively: 2^3^2 = 2^9 = 512', () => {
    expect(read('2^3^2')).toEqual(['(pow 2 (pow 3 2))']);
    expect(valueOf('x*2^3^2', { x: 1 })).toBe(512);
    expect(valueOf('x^3^2', { x: 2 })).toBe(512);
    expect(valueOf('x**3**2', { x: 2 })).toBe(512);
  });

  it('reads a/b/c as (a/b)/c and a-b-c as (a-b)-c', () => {
    expect(read('a/b/c')).toEqual(['(div (div a b) c)']);
    expect(valueOf('a/b/c', { a: 8, b: 4, c: 2 })).toBe(1);
    expect(read('a-b-c')).toEqual(['(sub (sub a b) c)']);
    expect(valueOf('a-b-c', { a: 8, b: 4, c: 2 })).toBe(2);
  });

  it('reads 2^-x as 2^(-x)', () => {
    expect(read('2^-x')).toEqual(['(pow 2 (neg x))']);
    expect(valueOf('2^-x', { x: 3 })).toBe(0.125);
    expect(read('x^-2^2')).toEqual(['(pow x (neg (pow 2 2)))']);
  });

  it('binds * and / tighter than + and -, and unary minus tighter than *', () => {
    expect(read('a + b*c - d/f')).toEqual(['(sub (add a (mul b c)) (div d f))']);
    expect(read('-a*b')).toEqual(['(mul (neg a) b)']);
    expect(read('+a - -b')).toEqual(['(sub a (neg b))']);
    expect(read('(a + b)*c')).toEqual(['(mul (add a b) c)']);
  });

  it('reads numbers in every accepted form, and pow(a, b) as ^', () => {
    expect(read('2 + 0.5 + .5 + 1e-3 + 2.5E+4 + x')).toEqual([
      '(add (add (add (add (add 2 0.5) 0.5) 0.001) 25000) x)',
    ]);
    expect(read('pow(x, 3)')).toEqual(['(pow x 3)']);
  });

  it('treats x2 as one variable, never x*2', () => {
    const tape = compileOk('x2');
    expect(tape.inputs.map((i) => i.name)).toEqual(['x2']);
  });
});

describe('numbering of the Wengert list', () => {
  it('orders inputs by natural sort of their names', () => {
    const tape = compileOk('x10 + x2 + x1');
    expect(tape.inputs.map((i) => [i.name, i.id])).toEqual([
      ['x1', 'v-2'],
      ['x2', 'v-1'],
      ['x10', 'v0'],
    ]);
  });

  it('numbers level by level, left to right within a level', () => {
    // sin(x2) depends only on an input, so it comes before the sum although it is written last.
    expect(describeNodes(compileOk('ln(x1) + x1*x2 - sin(x2)'))).toEqual([
      'v-1=x1',
      'v0=x2',
      'v1=ln(v-1)',
      'v2=mul(v-1,v0)',
      'v3=sin(v0)',
      'v4=add(v1,v2)',
      'v5=sub(v4,v3)',
    ]);
  });

  it('numbers multi-statement programs across statements, sharing named nodes', () => {
    const tape = compileOk('a = x*y\nb = sin(a) + x; c = b*a');
    expect(describeNodes(tape)).toEqual([
      'v-1=x',
      'v0=y',
      'v1=mul(v-1,v0)',
      'v2=sin(v1)',
      'v3=add(v2,v-1)',
      'v4=mul(v3,v1)',
    ]);
    expect(tape.outputs.map((o) => [o.name, o.id])).toEqual([
      ['a', 'v1'],
      ['b', 'v3'],
      ['c', 'v4'],
    ]);
  });

  it('names outputs y, or f when an input is called y, and y1, y2, … among several', () => {
    expect(compileOk('x^2').outputs.map((o) => o.name)).toEqual(['y']);
    expect(compileOk('x*y').outputs.map((o) => o.name)).toEqual(['f']);
    expect(compileOk('x + 1; x*2').outputs.map((o) => o.name)).toEqual(['y1', 'y2']);
    expect(compileOk('z = x + 1; x*2; sin(x)').outputs.map((o) => o.name)).toEqual(['z', 'y1', 'y2']);
    expect(compileOk('x^2 \n\n x^3').outputs.map((o) => o.name)).toEqual(['y1', 'y2']);
    // Never a name that is already taken.
    expect(compileOk('y1 + 1; y1*2').outputs.map((o) => o.name)).toEqual(['y2', 'y3']);
  });

  it('merges identical subexpressions (value numbering), unless merging is off', () => {
    const merged = compileOk('sin(x)*sin(x) + x*y + x*y');
    expect(describeNodes(merged)).toEqual([
      'v-1=x',
      'v0=y',
      'v1=sin(v-1)',
      'v2=mul(v-1,v0)',
      'v3=mul(v1,v1)',
      'v4=add(v3,v2)',
      'v5=add(v4,v2)',
    ]);
    const separate = compileOk('sin(x)*sin(x) + x*y + x*y', { merge: false });
    expect(separate.nodes.filter((n) => n.op === 'sin')).toHaveLength(2);
    expect(separate.nodes.filter((n) => n.op === 'mul')).toHaveLength(3);
    expect(separate.nodes).toHaveLength(merged.nodes.length + 2);
    // Either way, the same numbers come out.
    const value = (tape: Tape) => primal(tape, [0.5, 2])[tape.outputs[0]!.index]!;
    expect(value(merged)).toBe(value(separate));
    expect(value(merged)).toBeCloseTo(Math.sin(0.5) ** 2 + 2, 15);
  });

  it('merges an input used twice into one node, and 2*x with 2*x but not with x*2 or 3*x', () => {
    const tape = compileOk('x*x + 2*x + 2*x + x*2 + 3*x');
    expect(tape.inputs).toHaveLength(1);
    expect(tape.nodes.filter((n) => n.op === 'mul')).toHaveLength(4);
  });

  it('keeps constants inline: 2*x is one node whose arguments hold the constant 2', () => {
    const tape = compileOk('2*x');
    expect(tape.nodes).toHaveLength(2);
    expect(tape.nodes[1]!.op).toBe('mul');
    expect(tape.nodes[1]!.args).toEqual([
      { kind: 'const', value: 2, tex: '2' },
      { kind: 'node', index: 0 },
    ]);
  });

  it('keeps pi and e inline with their symbols, and folds constant-only subexpressions', () => {
    const tape = compileOk('pi*x + e^x + (2 + 3)*x - 2^3^2*x');
    const constants = tape.nodes.flatMap((n) => n.args.filter((a) => a.kind === 'const'));
    expect(constants).toContainEqual({ kind: 'const', value: Math.PI, tex: '\\pi' });
    expect(constants).toContainEqual({ kind: 'const', value: Math.E, tex: 'e' });
    expect(constants).toContainEqual({ kind: 'const', value: 5, tex: '5' });
    expect(constants).toContainEqual({ kind: 'const', value: 512, tex: '512' });
    expect(tape.nodes.filter((n) => n.op === 'add' && n.args.every((a) => a.kind === 'const'))).toEqual([]);
  });

  it('writes ids as v-1, v0, v1 with an ASCII hyphen-minus', () => {
    for (const n of compileOk('x1*x2 + x3').nodes) expect(n.id).toMatch(/^v-?\d+$/);
  });
});

describe('bad expression text (BAD_INPUTS.md)', () => {
  const rows: readonly [string, string, number, number][] = [
    ['2 +', "Expected a value after '+'", 3, 3],
    ['2 + * 3', "Unexpected '*'", 4, 5],
    ['((x1)', "'(' at col 1 is never closed", 0, 1],
    ['x1)', "Unmatched ')'", 2, 3],
    ['', 'Enter an expression', 0, 0],
    ['   ', 'Enter an expression', 0, 3],
    ['2x1', "Missing operator between '2' and 'x1' — write 2*x1", 1, 3],
    ['3(x+1)', "Missing operator between '3' and '(' — write 3*(…)", 1, 2],
    ['sin x1', 'sin needs parentheses: sin(x1)', 0, 3],
    ['sin(x1, x2)', 'sin takes 1 argument, got 2', 0, 11],
    ['foo(x1)', "Unknown function 'foo'; to multiply, write foo*(…)", 0, 3],
    ['\u04451', 'Character U+0445 is not allowed', 0, 1],
    ['\uff581', 'Character U+FF58 is not allowed', 0, 1],
    ['x1\u200b + 1', 'Character U+200B is not allowed', 2, 3],
    ['\u{1d465}1 + x1', 'Character U+1D465 is not allowed', 0, 2],
    ['\u2212x1', 'Character U+2212 is not allowed: write -', 0, 1],
    ['x1\u00d7x2', 'Character U+00D7 is not allowed: write *', 2, 3],
    ['x1\u00b7x2', 'Character U+00B7 is not allowed: write *', 2, 3],
    ['\\href{javascript:alert(1)}{x}', "Character '\\' is not allowed", 0, 1],
    ['x + \\href{javascript:alert(1)}{x}', "Character '\\' is not allowed", 4, 5],
    ['x1 % 2', "Character '%' is not allowed", 3, 4],
    ['x1 & 2', "Character '&' is not allowed", 3, 4],
    // `{` delimits blocks since programs (CONTRACTS §1b): alone, it is an error at its column.
    ['{x1}', "Unexpected '{': a block follows if, else, for or while", 0, 1],
    ['$x1$', "Character '$' is not allowed", 0, 1],
    ['1e309', 'Number too large: 1e309 is beyond the largest double (about 1.8e308)', 0, 5],
    ['x*1e309', 'Number too large: 1e309 is beyond the largest double (about 1.8e308)', 2, 7],
    [
      '0x1F',
      'Hexadecimal, binary and octal numbers like 0x1F are not supported: write a decimal number',
      0,
      4,
    ],
    ['1_000', "'_' is not allowed in numbers: write 1000", 1, 2],
    // `..` is a for loop's range (CONTRACTS §1b); anywhere else it is an error at its column.
    ['2..3', "'..' belongs in a for loop's range, as in for i in 1..3", 1, 3],
    ['1,5', "Use '.' as the decimal mark: write 1.5", 1, 2],
    ['x*1,5', "Use '.' as the decimal mark: write 1.5", 3, 4],
    ['__proto__', "Character '_' is not allowed", 0, 1],
    ['x_1', "'_' is not allowed in names: write x1", 1, 2],
  ];

  it.each(rows)('%j → %s at [%i, %i)', (text, message, start, end) => {
    expect(compile(text)).toEqual({ ok: false, error: { message, start, end } });
  });

  it('puts the catalogue columns (1-based) at the offsets (0-based)', () => {
    expect(error('2 + * 3').start + 1).toBe(5);
    expect(error('x1)').start + 1).toBe(3);
  });

  it('never evaluates empty text as 0', () => {
    for (const text of ['', ' ', '\t', '\n', ';', ' ; \n '])
      expect(error(text).message).toBe('Enter an expression');
  });

  it('reads -x1^2 as -(x1^2) and shows that reading in the trace', () => {
    const tape = compileOk('-x1^2');
    const trace = buildTrace(tape, [3]);
    expect(trace.v[tape.outputs[0]!.index]).toBe(-9);
    const [input, square, negation] = trace.steps.filter((s) => s.phase === 'primal').map((s) => s.tex);
    expect(input).toBe('v_{0} = x_{1} = 3');
    expect(square!.startsWith('v_{1} = v_{0}^{2} = 3^{2} = 9')).toBe(true);
    expect(negation!.startsWith('v_{2} = -v_{1} = ')).toBe(true);
    expect(negation!.endsWith('= -9')).toBe(true);
  });

  it('evaluates 2^3^2 to 512', () => {
    expect(valueOf('x1 * 2^3^2', { x1: 1 })).toBe(512);
  });

  it('accepts 1e-400 as 0 with a warning that points at it', () => {
    const tape = compileOk('1e-400*x + x');
    expect(tape.warnings).toEqual([
      { message: '1e-400 is smaller than the smallest double and is read as 0', start: 0, end: 6 },
    ]);
    expect(primal(tape, [3])[tape.outputs[0]!.index]).toBe(3);
    expect(compileOk('x + 1e-300').warnings).toEqual([]);
  });

  it('rejects other malformed numbers at their column', () => {
    expect(error('x + 1e').start).toBe(4);
    expect(error('x + 1e+').message).toBe('The exponent of 1e+ is missing: write for example 1e+3');
    expect(error('x + 0b101').start).toBe(4);
  });

  it('rejects a text with no inputs, and assignments to functions and constants', () => {
    // BAD_INPUTS.md: `2^3^2` is 512 (^ groups to the right). With no input there is nothing to
    // differentiate, but the message gives the value, by the rules the sweeps use.
    expect(error('2^3^2')).toEqual({
      message:
        'The expression has no inputs: it is the constant 512; use a variable such as x to see derivatives',
      start: 0,
      end: 5,
    });
    expect(error('(2^3)^2').message).toContain('the constant 64;');
    expect(error('-2^2').message).toContain('the constant \u22124;');
    expect(error('sqrt(2)^2 - 2 + pi').message).toContain(`the constant ${Math.PI.toFixed(3)};`);
    // A deep constant is evaluated without recursion.
    expect(error(`${'('.repeat(150)}1${')'.repeat(150)} + 1`).message).toContain('the constant 2;');
    // Several statements with no input: no value is claimed.
    expect(error('a = 2; a^3').message).toBe('The expression has no inputs: use a variable such as x');
    expect(error('sin = x').message).toBe("'sin' is a function and cannot be assigned: choose another name");
    expect(error('pi = x').message).toBe("'pi' is a constant and cannot be assigned: choose another name");
    // A name may be assigned again (CONTRACTS §1b): the output is its last value.
    expect(valueOf('y = x; y = 2*y', { x: 3 })).toBe(6);
    expect(error('y = z; z = x')).toEqual({
      message: "'z' is used at col 5 before it is defined here: define it first",
      start: 7,
      end: 8,
    });
  });
});

describe('limits: no input can exhaust the stack or freeze the page', () => {
  const depthError = (text: string, limits = DEFAULT_LIMITS) => {
    const r = compile(text, { limits });
    if (r.ok) throw new Error('expected a depth error');
    return r.error;
  };
  const nested = `Nested too deeply (limit ${MAX_NESTING_DEPTH})`;

  it('stops 5,000 nested parentheses at the first level past the limit', () => {
    const text = `${'('.repeat(5000)}x1${')'.repeat(5000)}`;
    expect(depthError(text)).toEqual({
      message: nested,
      start: MAX_NESTING_DEPTH,
      end: MAX_NESTING_DEPTH + 1,
    });
  });

  it('stops 10,000 levels of parentheses with the depth error', () => {
    // Balanced, 10,000 levels are 20,002 characters: over the length limit, which is checked first.
    const balanced = `${'('.repeat(10_000)}x1${')'.repeat(10_000)}`;
    expect(balanced.length).toBeGreaterThan(MAX_SOURCE_LENGTH);
    expect(depthError(balanced).message).toBe(
      `Expression too long: 20002 characters (limit ${MAX_SOURCE_LENGTH})`,
    );
    const roomy = { ...DEFAULT_LIMITS, maxLength: 1_000_000 };
    expect(depthError(balanced, roomy)).toEqual({
      message: nested,
      start: MAX_NESTING_DEPTH,
      end: MAX_NESTING_DEPTH + 1,
    });
    // Unclosed, they fit in the length limit and reach the depth limit before the missing ')'.
    expect(depthError(`${'('.repeat(10_000)}x1`)).toEqual({
      message: nested,
      start: MAX_NESTING_DEPTH,
      end: MAX_NESTING_DEPTH + 1,
    });
  });

  it('counts 10,000 unary minus signs as depth', () => {
    expect(depthError(`${'-'.repeat(10_000)}x1`)).toEqual({
      message: nested,
      start: MAX_NESTING_DEPTH,
      end: MAX_NESTING_DEPTH + 1,
    });
    expect(depthError(`${'+-'.repeat(5_000)}x1`).message).toBe(nested);
  });

  it('counts x^x^…^x, 1,000 times, as depth', () => {
    const text = Array.from({ length: 1000 }, () => 'x').join('^');
    // The (limit + 1)-th '^' is at offset 2·(limit + 1) − 1.
    const at = 2 * (MAX_NESTING_DEPTH + 1) - 1;
    expect(depthError(text)).toEqual({ message: nested, start: at, end: at + 1 });
  });

  it('counts nested function calls as depth', () => {
    const text = `${'sin('.repeat(1000)}x${')'.repeat(1000)}`;
    expect(depthError(text).message).toBe(nested);
  });

  it('accepts nesting up to the limit and evaluates it', () => {
    const ok = `${'('.repeat(MAX_NESTING_DEPTH)}x${')'.repeat(MAX_NESTING_DEPTH)}`;
    expect(valueOf(ok, { x: 2 })).toBe(2);
    expect(valueOf(`${'-'.repeat(MAX_NESTING_DEPTH)}x`, { x: 2 })).toBe(2);
    expect(
      depthError(`${'('.repeat(MAX_NESTING_DEPTH + 1)}x${')'.repeat(MAX_NESTING_DEPTH + 1)}`).message,
    ).toBe(nested);
  });

  it('rejects a sum of 5,000 terms as too large, at the first operation past the limit', () => {
    const text = Array.from({ length: 5000 }, () => 'x').join('+');
    const at = 2 * (MAX_OPERATIONS + 1) - 1;
    expect(compile(text)).toEqual({
      ok: false,
      error: { message: `Expression too large (limit ${MAX_OPERATIONS} operations)`, start: at, end: at + 1 },
    });
    // Exactly at the limit, a long left spine still tapes and evaluates (no recursion on its depth).
    const tape = compileOk(Array.from({ length: MAX_OPERATIONS + 1 }, (_, i) => `x${i % 7}`).join('+'));
    const v = primal(
      tape,
      tape.inputs.map(() => 1),
    );
    expect(v[tape.outputs[0]!.index]).toBe(MAX_OPERATIONS + 1);
    expect(
      buildTrace(
        tape,
        tape.inputs.map(() => 1),
      ).steps.length,
    ).toBeGreaterThan(3 * MAX_OPERATIONS);
  });

  it('rejects a 100 kB text before lexing, naming the size limit', () => {
    const text = 'x+'.repeat(50_000);
    expect(text.length).toBe(100_000);
    const limitError = {
      message: `Expression too long: 100000 characters (limit ${MAX_SOURCE_LENGTH})`,
      start: MAX_SOURCE_LENGTH,
      end: 100_000,
    };
    expect(compile(text)).toEqual({ ok: false, error: limitError });
    // Before lexing: a forbidden character further in does not matter.
    expect(compile(`x${'%'.repeat(99_999)}`)).toEqual({ ok: false, error: limitError });
  });

  it('turns a stack overflow into an ordinary error if the limits are lifted, never a thrown RangeError', () => {
    const huge = { maxLength: 10_000_000, maxDepth: 10_000_000, maxOperations: 10_000_000 };
    const text = `${'('.repeat(200_000)}x${')'.repeat(200_000)}`;
    let r: ReturnType<typeof compile> | undefined;
    expect(() => (r = compile(text, { limits: huge }))).not.toThrow();
    expect(r!.ok).toBe(false);
  });
});

describe('names that are properties of JavaScript objects are ordinary names', () => {
  it('uses constructor, toString, valueOf and hasOwnProperty as inputs', () => {
    const tape = compileOk('constructor*toString + valueOf - hasOwnProperty');
    expect(tape.inputs.map((i) => i.name)).toEqual(['constructor', 'hasOwnProperty', 'toString', 'valueOf']);
    expect(
      valueOf('constructor*toString + valueOf - hasOwnProperty', {
        constructor: 2,
        toString: 3,
        valueOf: 4,
        hasOwnProperty: 1,
      }),
    ).toBe(9);
  });

  it('uses them as statement names, and rejects them as function names', () => {
    const tape = compileOk('constructor = 2*x; toString = constructor + 1');
    expect(tape.outputs.map((o) => o.name)).toEqual(['constructor', 'toString']);
    expect(primal(tape, [1])[tape.outputs[1]!.index]).toBe(3);
    expect(error('constructor(x)').message).toBe(
      "Unknown function 'constructor'; to multiply, write constructor*(…)",
    );
    expect(error('toString(x)').start).toBe(0);
    expect(error('hasOwnProperty(x)').end).toBe('hasOwnProperty'.length);
  });
});

describe('input values (BAD_INPUTS.md)', () => {
  it('asks for a value when the field is empty (Number("") would be 0)', () => {
    expect(parseValue('x1', '')).toEqual({ ok: false, message: 'x1 needs a value' });
    expect(parseValue('x1', '   ')).toEqual({ ok: false, message: 'x1 needs a value' });
  });

  it.each(['NaN', 'Infinity', '-Infinity', '2abc', '0x10', '1,5', '1e', 'e', '--1', '1 2'])(
    'rejects %j: a value must be a finite decimal',
    (text) => {
      expect(parseValue('x1', text)).toEqual({
        ok: false,
        message: 'x1 must be a finite decimal number, like 2 or -0.5',
      });
    },
  );

  it('rejects 1e999 as too large', () => {
    expect(parseValue('x1', '1e999')).toEqual({
      ok: false,
      message: 'x1 is too large: the limit is about 1.8e308',
    });
  });

  it('treats -0 as 0', () => {
    const r = parseValue('x1', '-0');
    expect(r).toEqual({ ok: true, value: 0 });
    expect(r.ok && Object.is(r.value, 0)).toBe(true);
  });

  it('accepts decimals in the forms the language accepts', () => {
    const cases: [string, number][] = [
      ['2', 2],
      [' -0.5 ', -0.5],
      ['.5', 0.5],
      ['1e-3', 0.001],
      ['+3', 3],
      ['2.5E+4', 25_000],
      ['\u22122', -2],
    ];
    for (const [text, value] of cases) expect(parseValue('x1', text), text).toEqual({ ok: true, value });
  });
});
