/**
 * Programs with control flow (CONTRACTS §1b, issue 11): the grammar, its located errors, how the
 * path taken is numbered and recorded, and values and derivatives against oracles nobody here wrote:
 * plain JavaScript running the same algorithm, mathjs' symbolic derivative of the expression the
 * loop unrolls to (built here by string, from the JavaScript run), closed forms (d√a/da = 1/(2√a)),
 * and central differences on random programs away from branch boundaries.
 */
import fc from 'fast-check';
import { derivative, evaluate } from 'mathjs';
import { describe, expect, it } from 'vitest';
import {
  adjointValues,
  analyzeText,
  buildTrace,
  compile,
  jacobianForward,
  jacobianReverse,
  MAX_ITERATIONS,
  parse,
  primal,
  printProgram,
  tangent,
  unit,
  type Tape,
} from '../../src/core/index';
import { expressionText } from './exprArbitrary';
import { compileOk, expectClose } from './harness';

const at = (text: string, x: number[]): Tape => compileOk(text, { x });

/** The values of the inputs a program reads, in its input order, from values given by name. */
function byName(values: Readonly<Record<string, number>>, text: string): number[] {
  const r = analyzeText(text);
  if (!r.ok) throw new Error(`${text}: ${r.error.message}`);
  return r.info.inputs.map((name) => values[name]!);
}

/** The tape's output values and its gradient by one reverse sweep (output `out`). */
function gradientOf(tape: Tape, x: number[], out = 0): { y: number; g: number[] } {
  const v = primal(tape, x);
  const yBar = unit(tape.outputs.length, out);
  const vBar = adjointValues(tape, v, yBar);
  return { y: v[tape.outputs[out]!.index]!, g: tape.inputs.map((i) => vBar[i.index]!) };
}

function errorOf(text: string, x?: number[]) {
  const r = compile(text, x ? { x } : {});
  if (r.ok) throw new Error(`expected ${JSON.stringify(text)} to be rejected`);
  return r.error;
}

/** `[start, end)` of the first occurrence of `part` in `text`. */
const spanOf = (text: string, part: string, from = 0): [number, number] => {
  const i = text.indexOf(part, from);
  if (i < 0) throw new Error(`${part} not in ${text}`);
  return [i, i + part.length];
};

describe('the grammar of programs', () => {
  it('reads every statement form and prints it back', () => {
    const text = [
      'y = x # a comment',
      'for i in 1..3 { y = y*y + x }',
      'if y > 10 { z = ln(y) } else if y < -1 { z = 0*y } else { z = y/10 }',
      'while abs(r - 1) > 0.5 and not x == 3 { r = r/2 }',
      'return z, y',
    ].join('\n');
    const r = parse(text.replace('while', 'r = x\nwhile'));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.program.statements.map((s) => s.kind)).toEqual([
      'assign',
      'for',
      'if',
      'assign',
      'while',
      'return',
    ]);
    expect(printProgram(r.program)).toBe(
      'y = x; for i in 1..3 { y = y*y + x }; if y > 10 { z = ln(y) } else if y < -1 { z = 0*y } else { z = y/10 }; r = x; while abs(r - 1) > 0.5 and not x == 3 { r = r/2 }; return z, y',
    );
  });

  it('lets `} else` stand on the next line, separates block statements by ; or new lines', () => {
    const a = parse('if x > 0 {\n  y = x; z = 2\n}\nelse {\n  y = -x\n  z = 3\n}\nreturn y');
    if (!a.ok) throw new Error(a.error.message);
    expect(printProgram(a.program)).toBe('if x > 0 { y = x; z = 2 } else { y = -x; z = 3 }; return y');
    expect(printProgram(a.program, true)).toBe(
      'if x > 0 {\n  y = x\n  z = 2\n} else {\n  y = -x\n  z = 3\n}\nreturn y',
    );
  });

  it('groups conditions: not binds tighter than and, and tighter than or; parentheses group', () => {
    const r = parse('if not a < 1 and b < 2 or c < 3 { y = a } else { y = b }\nreturn y');
    if (!r.ok) throw new Error(r.error.message);
    const s = r.program.statements[0]!;
    if (s.kind !== 'if') throw new Error('not an if');
    const c = s.arms[0]!.cond;
    expect(c.type).toBe('or');
    if (c.type !== 'or') return;
    expect(c.left.type).toBe('and');
    const g = parse('if (a < 1 or b < 2) and (a + 1) > 2 { y = a } else { y = b }\nreturn y');
    if (!g.ok) throw new Error(g.error.message);
    const s2 = g.program.statements[0]!;
    if (s2.kind !== 'if') throw new Error('not an if');
    expect(s2.arms[0]!.cond.type).toBe('and');
  });

  it('keeps `in`, `and`, `or`, `not` usable as names outside conditions; if, for… are keywords', () => {
    expect(compileOk('in*2 + and').inputs.map((i) => i.name)).toEqual(['and', 'in']);
    expect(errorOf('y = 2*if').message).toBe(
      "'if' is a keyword: it starts a statement and cannot be used as a value",
    );
    expect(errorOf('while = x').message).toBe(
      "'while' is a keyword and cannot be assigned: choose another name",
    );
  });

  it('treats # as a comment to the end of the line', () => {
    const tape = compileOk('y = x # the input\n# a whole line\nz = y*2 # and more');
    expect(tape.outputs.map((o) => o.name)).toEqual(['y', 'z']);
  });
});

describe('errors of programs, located', () => {
  const cases: [string, string | RegExp, string][] = [
    [
      'for i in 1..2.5 { y = x }\nreturn y',
      "A for loop's bounds must be whole numbers; this one is 2.5",
      '2.5',
    ],
    [
      'y = x\nfor i in 1..1001 { y = y*x }\nreturn y',
      'This for loop would run 1,001 times (limit 1,000 iterations)',
      'for i in 1..1001',
    ],
    [
      'r = x\nwhile r > 0 { r = r + 1 }\nreturn r',
      'This while loop ran 1,000 times and its condition is still true (limit 1,000 iterations): does it ever become false?',
      'while',
    ],
    ['if x > 0 { y = x\nz = y', "'{' at col 10 is never closed", '{'],
    ['y = x }', "Unmatched '}'", '}'],
    [
      'return x\ny = x',
      'return must be the last statement: the statements after it would never run',
      'return',
    ],
    [
      'if x > 0 { return x }',
      'return must be the last statement of the program, not inside a block',
      'return',
    ],
    [
      'if x > 5 { z = x }\ny = z*2',
      "'z' is read here before it is assigned on the path these inputs take: assign it before, or on every branch",
      'z*',
    ],
    [
      'y = x\nwhile y > 1 { x = x/2 }\nreturn y',
      /^'x' is read at line 1, col 5 before it is ever assigned, so it is an input, and an input cannot be assigned/,
      'x =',
    ],
    [
      'for i in 1..3 { i = 2*x }\nreturn x',
      "'i' is the variable of its for loop and cannot be assigned in the loop",
      'i =',
    ],
    [
      'i = x\nfor i in 1..3 { y = x }\nreturn i',
      "'i' is already a name in this program: choose another name for the loop variable",
      'i in',
    ],
    [
      'if 1 < x < 2 { y = x } else { y = 0 }\nreturn y',
      'Comparisons do not chain: write a < b and b < c',
      '< 2',
    ],
    ['if x = 2 { y = x } else { y = 0 }\nreturn y', 'To compare, write == (a single = assigns)', '= 2'],
    ['y = x > 2', "A comparison such as '>' belongs in an if or while condition", '>'],
    [
      'for i in 1..3 { y = x }\nz = i*x',
      "'i' is the variable of a for loop and exists only inside that loop",
      'i*',
    ],
    ['if x > \\href{javascript:alert(1)}{x} { y = x }\nreturn y', "Character '\\' is not allowed", '\\'],
  ];
  it.each(cases)('%j', (text, message, where) => {
    const error = errorOf(text, [1]);
    if (typeof message === 'string') expect(error.message).toBe(message);
    else expect(error.message).toMatch(message);
    const [start] = spanOf(text, where);
    expect(error.start).toBe(start);
  });

  it('stops 1,000 iterations of a heavy body at the operation limit, with a message', () => {
    const body = Array.from({ length: 10 }, (_, k) => `y = sin(y) + ${k}*x`).join('; ');
    const text = `y = x\nfor i in 1..1000 { ${body} }\nreturn y`;
    const t0 = performance.now();
    const error = errorOf(text, [0.5]);
    expect(error.message).toBe(
      'The path these inputs take is too long: more than 2,000 operations (limit 2,000 operations)',
    );
    expect(performance.now() - t0).toBeLessThan(5_000); // a guard against a hang, not a benchmark
  });

  it('stops nested loops that would run a million empty iterations', () => {
    const error = errorOf('for i in 1..1000 { for j in 1..1000 { z = 1 } }\ny = x', [1]);
    expect(error.message).toBe('The loops ran more than 100,000 iterations in all (limit 100,000)');
  });

  it('refuses hostile text in a condition at its place, and types odd names in decisions safely', () => {
    for (const [text, bad] of [
      ['if x < \\href{javascript:alert(1)}{1} { y = x } else { y = 2*x }\nreturn y', '\\'],
      ['while x < 1 <script> { x = 1 }', '<'],
      ['if x > 0 and $y { y = x } else { y = 0 }\nreturn y', '$'],
      ['for i in 1..`3` { y = x }\nreturn y', '`'],
    ] as const) {
      const e = errorOf(text);
      expect(e.start).toBeGreaterThanOrEqual(0);
      expect(text.slice(e.start, e.end).length).toBeGreaterThan(0);
      expect(
        text.indexOf(bad) >= e.start || /never closed|Unexpected|chain|not allowed/.test(e.message),
      ).toBe(true);
    }
    // A name that is JavaScript's own (constructor) in a decision: the row names its node, and the
    // input row typesets the name as an identifier, never as a command.
    const c = compile('if constructor > 0 { y = constructor } else { y = -constructor }\nreturn y', {
      x: [2],
    });
    if (!c.ok) throw new Error(c.error.message);
    const row = buildTrace(c.tape, [2]).steps.find((s) => s.decision)!;
    expect(row.tex).toContain('[v_{0} > 0]'); // the decision names nodes, never the raw text
    expect(buildTrace(c.tape, [2]).steps[0]!.tex).toContain('\\mathit{constructor}');
    expect(row.tex).not.toMatch(/\\(href|url|html)/);
  });

  it('says what to return when a program assigns only inside blocks', () => {
    expect(errorOf('if x > 0 { y = x } else { y = -x }').message).toBe(
      'Nothing to output: end the program with return, as in return y, or assign a result outside the blocks',
    );
  });
});

describe('numbering and recording the path taken', () => {
  it('numbers a program without control flow exactly as before (the paper’s example)', () => {
    const tape = compileOk('ln(x1) + x1*x2 - sin(x2)');
    expect(tape.decisions).toBeUndefined();
    expect(tape.nodes.map((n) => `${n.id}:${n.op}`)).toEqual([
      'v-1:input',
      'v0:input',
      'v1:ln',
      'v2:mul',
      'v3:sin',
      'v4:add',
      'v5:sub',
    ]);
  });

  it('numbers statement by statement once a name is assigned again, level by level within one', () => {
    // Whole-program numbering would put cos(x) (level 1) before sin(y) (level 2).
    const tape = compileOk('y = x*2\ny = sin(y) + cos(x)');
    expect(tape.nodes.map((n) => `${n.id}:${n.op}`)).toEqual([
      'v0:input',
      'v1:mul',
      'v2:sin',
      'v3:cos',
      'v4:add',
    ]);
    expect(tape.outputs).toEqual([{ name: 'y', id: 'v4', index: 4 }]);
  });

  it('records only the operations executed, the decisions taken and the iteration groups', () => {
    const text = 'y = x\nfor i in 1..3 { y = y*y + x }\nif y > 10 { z = ln(y) } else { z = y/10 }\nreturn z';
    const big = at(text, [1.2]);
    expect(big.nodes.map((n) => n.op).slice(1)).toEqual(['mul', 'add', 'mul', 'add', 'mul', 'add', 'ln']);
    expect(big.decisions!.map((d) => [d.text, d.value, d.side, d.after])).toEqual([
      ['i <= 3', true, 'iterate', 1],
      ['i <= 3', true, 'iterate', 3],
      ['i <= 3', true, 'iterate', 5],
      ['i <= 3', false, 'exit', 7],
      ['y > 10', true, 'then', 7],
    ]);
    expect(big.groups!.map((g) => [g.label, g.start, g.end])).toEqual([
      ['i = 1', 1, 3],
      ['i = 2', 3, 5],
      ['i = 3', 5, 7],
      ['if y > 10', 7, 8],
    ]);
    // At x = 0.5 the other side runs: y = ((0.75)² + 0.5)² + 0.5 ≈ 1.63, so z = y/10.
    const small = at(text, [0.5]);
    expect(small.nodes[small.nodes.length - 1]!.op).toBe('div');
    expect(small.decisions![4]).toMatchObject({ text: 'y > 10', value: false, side: 'else' });
    expect(small.groups![3]!.label).toBe('else');
  });

  it('puts decisions on the timeline as primal rows without tangent or adjoint', () => {
    const tape = at('y = x\nfor i in 1..2 { y = y*x }\nreturn y', [3]);
    const trace = buildTrace(tape, [3]);
    const primalRows = trace.steps.slice(trace.phases.primal.start, trace.phases.primal.end);
    expect(primalRows.map((s) => (s.decision ? `?${s.value}` : s.targetId))).toEqual([
      'v0',
      '?1',
      'v1',
      '?1',
      'v2',
      '?0',
    ]);
    expect(trace.steps.filter((s) => s.decision && s.phase !== 'primal')).toEqual([]);
    expect(trace.phases.tangent.end - trace.phases.tangent.start).toBe(tape.nodes.length);
    const first = primalRows[1]!;
    expect(first.tex).toBe('[i \\le 2] = [1 \\le 2] = \\mathrm{true} \\;\\Rightarrow\\; \\mathrm{loop}\\ 1');
    expect(first.formula).toBe('[i \\le 2]');
    expect(first.caption).toBe(
      'Loop: i <= 2 holds (1 <= 2), so iteration 1 runs; the tape records its operations again (the loop is unrolled).',
    );
    expect(trace.nodeSteps.primal[2]).toBe(4);
  });

  it('writes a branch row with node names and values, and says no derivative flows through it', () => {
    const tape = at('y = x*x\nif y > 10 { z = ln(y) } else { z = y }\nreturn z', [4]);
    const trace = buildTrace(tape, [4]);
    const row = trace.steps.find((s) => s.decision)!;
    expect(row.tex).toBe('[v_{1} > 10] = [16 > 10] = \\mathrm{true} \\;\\Rightarrow\\; \\mathrm{then}');
    expect(row.reads).toEqual([1]);
    expect(row.caption).toBe(
      'Branch: y > 10 is true (16 > 10), so the if side runs; the other sides are not recorded. No derivative flows through a decision: the tape records only the path taken.',
    );
  });

  it('evaluates a for loop’s bounds once, when it starts, as Python’s range and Julia’s a:b do', () => {
    // The body lowers n; the loop still runs the 3 iterations its bound had at the start.
    const c = compile('n = 3 + 0*x\nfor i in 1..n {\n  n = n - 1\n  y = x*i\n}\nreturn y, n', { x: [2] });
    if (!c.ok) throw new Error(c.error.message);
    const ds = c.tape.decisions!;
    expect(ds.map((d) => d.value)).toEqual([true, true, true, false]);
    expect(ds[0]!.text).toBe('i <= 3');
    const v = primal(c.tape, [2]);
    expect(c.tape.outputs.map((o) => v[o.index])).toEqual([6, 0]);
  });

  it('reads input values at trace time: a loop count may depend on an input', () => {
    const text = 'y = x\nfor i in 1..n { y = y*x }\nreturn y';
    expect(at(text, [3, 2]).nodes.length).toBe(2 + 3);
    expect(at(text, [5, 2]).nodes.length).toBe(2 + 5);
    expect(gradientOf(at(text, [4, 2]), [4, 2]).g).toEqual([0, 5 * 2 ** 4]);
  });

  it('analyses inputs and outputs without running the program', () => {
    const r = analyzeText('r = a\nwhile abs(r*r - a) > 1e-12 { r = (r + a/r)/2 }\nreturn r');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.info.inputs).toEqual(['a']);
    expect(r.info.outputs).toEqual(['r']);
    expect(r.info.dynamic).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// Oracles

/** mathjs' symbolic derivative of `text` by `name`, evaluated at `scope`. */
function mathjsDerivative(text: string, name: string, scope: Record<string, number>): number {
  return Number(derivative(text, name, { simplify: false }).evaluate(scope));
}

describe('values and derivatives against independent oracles', () => {
  it('Babylonian square root by while: value, d/da by mathjs on the unrolled iteration, and 1/(2√a)', () => {
    const program = 'r = a\nwhile abs(r*r - a) > 1e-12*a { r = (r + a/r)/2 }\nreturn r';
    for (const a of [2, 10, 0.3, 123.456]) {
      // The oracle: the same algorithm in JavaScript, and the expression it unrolls to.
      let r = a;
      let text = 'a';
      let k = 0;
      while (Math.abs(r * r - a) > 1e-12 * a && k < 40) {
        r = (r + a / r) / 2;
        text = `((${text}) + a/(${text}))/2`;
        k++;
      }
      const tape = at(program, [a]);
      const { y, g } = gradientOf(tape, [a]);
      expect(y).toBe(r);
      expect(tape.decisions!.filter((d) => d.value).length).toBe(k);
      expectClose(g[0]!, mathjsDerivative(text, 'a', { a }), 1e-9, `d/da at ${a}`);
      expectClose(g[0]!, 1 / (2 * Math.sqrt(a)), 1e-9, `1/(2√a) at ${a}`);
    }
  });

  it('repeated squaring by for: x^(2^n), derivative 2^n x^(2^n − 1)', () => {
    for (const n of [1, 3, 5]) {
      const tape = at(`y = x\nfor i in 1..${n} { y = y*y }\nreturn y`, [1.01]);
      const { y, g } = gradientOf(tape, [1.01]);
      const p = 2 ** n;
      expectClose(y, 1.01 ** p, 1e-12);
      expectClose(g[0]!, p * 1.01 ** (p - 1), 1e-12);
    }
  });

  it('a piecewise function: each side matches mathjs on that side, away from the boundaries', () => {
    const program =
      'if x < 0 { y = -x*x } else if x < 1 { y = x^3 } else { y = 2*x - 1 + sin(x - 1) }\nreturn y';
    const pieces: [number, string][] = [
      [-1.5, '-x*x'],
      [0.4, 'x^3'],
      [2.2, '2*x - 1 + sin(x - 1)'],
    ];
    for (const [x, piece] of pieces) {
      const { y, g } = gradientOf(at(program, [x]), [x]);
      expectClose(y, Number(evaluate(piece, { x })), 1e-15);
      expectClose(g[0]!, mathjsDerivative(piece, 'x', { x }), 1e-12);
    }
  });

  it('the logistic map unrolled by for equals the straight-line swell example', () => {
    const loop = at('l = x\nfor i in 1..4 { l = 4*l*(1 - l) }\nreturn l', [0.3]);
    const straight = compileOk(
      'l2 = 4*x*(1 - x)\nl3 = 4*l2*(1 - l2)\nl4 = 4*l3*(1 - l3)\nl5 = 4*l4*(1 - l4)',
    );
    const a = gradientOf(loop, [0.3]);
    const b = gradientOf(straight, [0.3], 3);
    expect(a.y).toBe(b.y);
    expect(a.g[0]).toBe(b.g[0]);
    let text = 'x';
    for (let k = 0; k < 4; k++) text = `4*(${text})*(1 - (${text}))`;
    expectClose(a.g[0]!, mathjsDerivative(text, 'x', { x: 0.3 }), 1e-9);
  });

  it('Newton’s method for the cube root: the derivative of the converged iteration is 1/(3 a^(2/3))', () => {
    const program = 't = 1\nwhile abs(t^3 - a) > 1e-12 * a { t = t - (t^3 - a)/(3*t^2) }\nreturn t';
    for (const a of [2, 27, 0.5]) {
      const { y, g } = gradientOf(at(program, [a]), [a]);
      expectClose(y, Math.cbrt(a), 1e-12);
      expectClose(g[0]!, 1 / (3 * Math.cbrt(a) ** 2), 1e-9);
    }
  });

  describe('random programs with loops and branches', () => {
    // Smooth templates both languages read alike (mathjs has no sigmoid or relu; ln is its log).
    const unary = [
      'sin(#)',
      'cos(#)',
      'tanh(#)',
      'atan(#)',
      'exp(sin(#))',
      'sqrt((#)^2 + 1)',
      'ln((#)^2 + 1)',
      '-(#)',
      '(#)^2',
    ];
    const binary = ['# + @', '# - @', '(#) * (@)', '(#) / (2 + sin(@))', 'atan2(#, 1 + (@)^2)'];
    const expr = (inputs: number) => expressionText({ inputs, maxDepth: 3, unary, binary });
    /** A program over x1, x2 and its twin in JavaScript (mathjs for the expressions). */
    const programs = fc
      .record({
        start: expr(2),
        step: expr(3),
        k: fc.integer({ min: 0, max: 4 }),
        cond: expr(2),
        threshold: fc.double({ min: -2, max: 2, noNaN: true }),
        then: expr(3),
        otherwise: expr(3),
      })
      .map((p) => {
        // x3 stands for the running value y inside the loop and the branch.
        const inY = (e: string) => e.replaceAll('x3', 'y');
        const text = [
          `y = ${p.start}`,
          `for i in 1..${p.k} { y = ${inY(p.step)} + i*0 }`,
          `if ${inY(p.cond)} > ${p.threshold} { z = ${inY(p.then)} } else { z = ${inY(p.otherwise)} }`,
          `w = z*z + 1`,
          `while w > 4 { w = w/2 }`,
          'return z, w',
        ].join('\n');
        const f = (x1: number, x2: number): { z: number; w: number; path: string } => {
          const scope: Record<string, number> = { x1, x2 };
          const ev = (e: string) => Number(evaluate(e.replace(/\bln\(/g, 'log('), scope));
          let y = ev(p.start);
          let path = '';
          for (let i = 1; i <= p.k; i++) {
            scope.x3 = y;
            y = ev(p.step);
          }
          scope.x3 = y;
          const branch = ev(p.cond) > p.threshold;
          path += branch ? 'T' : 'F';
          const z = ev(branch ? p.then : p.otherwise);
          let w = z * z + 1;
          while (w > 4) {
            w /= 2;
            path += 'L';
          }
          return { z, w, path };
        };
        return { text, f };
      });
    const point = fc.tuple(
      fc.double({ min: -1.5, max: 1.5, noNaN: true }),
      fc.double({ min: -1.5, max: 1.5, noNaN: true }),
    );

    it('values equal a JavaScript run of the same program; forward and reverse Jacobians agree', () => {
      fc.assert(
        fc.property(programs, point, ({ text, f }, [x1, x2]) => {
          const x = byName({ x1, x2 }, text);
          const r = compile(text, { x });
          if (!r.ok) throw new Error(`${text}: ${r.error.message}`);
          const tape = r.tape;
          const v = primal(tape, x);
          const oracle = f(x1, x2);
          expectClose(v[tape.outputs[0]!.index]!, oracle.z, 1e-12, 'z');
          expectClose(v[tape.outputs[1]!.index]!, oracle.w, 1e-12, 'w');
          const Jf = jacobianForward(tape, v);
          const Jr = jacobianReverse(tape, v);
          // Forward and reverse add the same partials in different orders: a derivative that is a sum
          // of terms of order 1 cancelling to almost nothing (2·x1 − 1 + ½ + ½ at x1 ≈ −5e-251) comes
          // out as 0 one way and 2·x1 the other. So an absolute floor of rounding in sums of order 1.
          for (let i = 0; i < 2; i++)
            for (let j = 0; j < tape.n; j++)
              expectClose(Jf[i]![j]!, Jr[i]![j]!, 1e-12, `J[${i}][${j}]`, 1e-14);
          // ⟨J ẋ, ȳ⟩ = ⟨ẋ, Jᵀ ȳ⟩ with ẋ = (1, −2) (over the inputs the program reads), ȳ = (0.5, 3).
          const xDot = [1, -2].slice(0, tape.n);
          const vDot = tangent(tape, v, xDot);
          const vBar = adjointValues(tape, v, [0.5, 3]);
          const left = 0.5 * vDot[tape.outputs[0]!.index]! + 3 * vDot[tape.outputs[1]!.index]!;
          const right = xDot.reduce((sum, d, j) => sum + d * vBar[j]!, 0);
          expectClose(left, right, 1e-10, '⟨Jẋ, ȳ⟩', 1e-12);
        }),
        { numRuns: 200, seed: 11 },
      );
    });

    it('gradients match central differences where the path does not change within ±h', () => {
      let compared = 0;
      fc.assert(
        fc.property(programs, point, ({ text, f }, [x1, x2]) => {
          const x = byName({ x1, x2 }, text);
          const tape = compileOk(text, { x });
          const { g: read } = gradientOf(tape, x);
          const g = ['x1', 'x2'].map((name) => {
            const j = tape.inputs.findIndex((i) => i.name === name);
            return j < 0 ? 0 : read[j]!;
          });
          const h = 1e-6;
          const base = f(x1, x2).path;
          const at = (s: number) => [f(x1 + s, x2), f(x1 - s, x2), f(x1, x2 + s), f(x1, x2 - s)];
          const probes = [...at(h), ...at(h / 2)];
          if (probes.some((p) => p.path !== base)) return; // across a branch boundary: AD is right, differences are not
          // Central differences at h and h/2, extrapolated (Richardson: (4·D(h/2) − D(h)) / 3), so
          // that a loop amplifying its input (atan2(8y, …) four times: a slope of 4,097 at 0) leaves
          // no truncation error of order h² · f''' above the tolerance.
          const d = (k: number, s: number) => (probes[k]!.z - probes[k + 1]!.z) / (2 * s);
          const fd = [0, 2].map((k) => (4 * d(k + 4, h / 2) - d(k, h)) / 3);
          compared++;
          for (let j = 0; j < 2; j++) expectClose(g[j]!, fd[j]!, 1e-5, `∂z/∂x${j + 1}`, 1e-6);
        }),
        { numRuns: 200, seed: 12 },
      );
      // fast-check favours 0 and other edges, where many generated branches switch: most runs still compare.
      expect(compared).toBeGreaterThan(80);
    });
  });
});

describe('a branch boundary: AD gives the derivative of the side taken', () => {
  it('relu written as an if: at the kink, differences straddle both sides', () => {
    const program = 'if x > 0 { y = x } else { y = 0*x }\nreturn y';
    expect(gradientOf(at(program, [0]), [0]).g[0]).toBe(0);
    expect(gradientOf(at(program, [1e-9]), [1e-9]).g[0]).toBe(1);
    // A central difference across 0 gives 1/2, the derivative of neither side.
    const h = 1e-5;
    const f = (x: number) => gradientOf(at(program, [x]), [x]).y;
    expect((f(h) - f(-h)) / (2 * h)).toBeCloseTo(0.5, 12);
  });

  it('limits are the documented ones', () => {
    expect(MAX_ITERATIONS).toBe(1000);
  });
});
