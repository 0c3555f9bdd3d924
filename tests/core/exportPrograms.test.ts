/**
 * The exports of programs with control flow and comments: the LaTeX caption quotes the program
 * faithfully and safely, Table 2 pairs each v_i with its own v̇_i (decisions get an empty tangent
 * cell), and the Markdown title is the program on one line without its comments.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildTrace,
  compile,
  parse,
  toCsv,
  toLatex,
  toMarkdown,
  type TraceOptions,
} from '../../src/core/index';
import { stripSpans, validText } from '../fuzz/properties';

/** The program of the bug report, at lambda = 0.7: three loop decisions that pass, one exit, one branch. */
const PROGRAM = [
  'y = lambda',
  'for i in 1..3 { y = y*y + lambda }',
  'if y > 2 and not (y > 100) { z = ln(y) } else if y < -1 { z = -y } else { z = y/10 }',
  'return z, y',
].join('\n');
const LAMBDA = 0.7;

function exported(source: string, x: number[], options: TraceOptions = {}) {
  const c = compile(source, { x });
  if (!c.ok) throw new Error(c.error.message);
  const trace = buildTrace(c.tape, x, options);
  return {
    tape: c.tape,
    trace,
    latex: toLatex(c.tape, trace, source),
    md: toMarkdown(c.tape, trace, source),
  };
}

/** The rows between the head (\endhead) and \bottomrule of the n-th table. */
const tableRows = (tex: string, n: number): string[] => {
  const tabular = tex.split('\\begin{longtable}{ll}')[n + 1]!;
  const body = tabular.split('\\endhead')[1]!.split('\\bottomrule')[0]!;
  return body
    .trim()
    .split('\n')
    .map((l) => l.trim());
};

const cells = (row: string): [string, string] => {
  const [a, b] = row.replace(/\\\\$/, '').split(' & ');
  return [a!.trim(), (b ?? '').trim()];
};

/** The argument of the first caption's \texttt{…}, braces matched (escaped ones skipped). */
function captionCode(tex: string): string {
  const start = tex.indexOf('\\texttt{') + '\\texttt{'.length;
  let depth = 1;
  for (let i = start; i < tex.length; i++) {
    if (tex[i] === '\\') {
      i++;
      continue;
    }
    if (tex[i] === '{') depth++;
    if (tex[i] === '}' && --depth === 0) return tex.slice(start, i);
  }
  throw new Error('unbalanced \\texttt');
}

/** What each escape in \texttt prints (the LaTeX manual's text symbols), to read a caption back. */
const PRINTS: Record<string, string> = {
  '\\textless{}': '<',
  '\\textgreater{}': '>',
  '\\{': '{',
  '\\}': '}',
  '\\#': '#',
  '\\%': '%',
  '\\&': '&',
  '\\$': '$',
  '\\_': '_',
  '\\textasciicircum{}': '^',
  '\\textasciitilde{}': '~',
  '\\textbackslash{}': '\\',
  '\\textbar{}': '|',
};
const ESCAPE = /\\(?:text[a-z]+\{\}|[{}#%&$_])/g;

/** The text a \texttt argument prints; throws on anything TeX would read as markup. */
function printed(code: string): string {
  const rest = code.replace(ESCAPE, '');
  if (/[\\{}#%&$_^~]/.test(rest)) throw new Error(`raw TeX special character in ${code}`);
  return code.replace(ESCAPE, (e) => {
    const c = PRINTS[e];
    if (c === undefined) throw new Error(`unexpected command ${e}`);
    return c;
  });
}

describe('LaTeX caption of a program', () => {
  it('quotes comparisons and braces, escaped, and leaves the comments out', () => {
    const source = '# pick the sign\nif abs(y) <= 1 { z = y } else { z = -y }  # a branch\nreturn z';
    const { latex } = exported(source, [0.5]);
    // Written by hand from the LaTeX manual's names for the characters.
    expect(captionCode(latex)).toBe('if abs(y) \\textless{}= 1 \\{ z = y \\} else \\{ z = -y \\}; return z');
    expect(latex.match(/\\caption\{[^\n]*/g)).toHaveLength(2);
    expect(latex).not.toContain('pick the sign');
    expect(latex).not.toContain('a branch');
  });

  it('quotes the program of the report: every statement, every comparison, separators where the language has them', () => {
    const { latex } = exported(PROGRAM, [LAMBDA]);
    expect(printed(captionCode(latex))).toBe(
      'y = lambda; for i in 1..3 { y = y*y + lambda }; ' +
        'if y > 2 and not (y > 100) { z = ln(y) } else if y < -1 { z = -y } else { z = y/10 }; return z, y',
    );
  });

  it('escapes every special character of a hostile caption; nothing raw reaches TeX', () => {
    const c = compile('x1 + x2');
    if (!c.ok) throw new Error(c.error.message);
    const hostile = 'x1 \\input{/etc/passwd} $ % & ~ _ ^ < > | \\\\ é\u0000 # \\end{document}\nx2';
    const code = captionCode(toLatex(c.tape, buildTrace(c.tape, [1, 2]), hostile));
    expect(code).toBe(
      'x1 \\textbackslash{}input\\{/etc/passwd\\} \\$ \\% \\& \\textasciitilde{} \\_ \\textasciicircum{} ' +
        '\\textless{} \\textgreater{} \\textbar{} \\textbackslash{}\\textbackslash{} ; x2',
    );
    expect(code).not.toMatch(/\\(?:input|end|def)/);
  });

  it('reads back as the same program for random programs (the parser as the oracle)', () => {
    const c = compile('x1 + x2');
    if (!c.ok) throw new Error(c.error.message);
    const trace = buildTrace(c.tape, [1, 2]);
    fc.assert(
      fc.property(validText, (source) => {
        const original = parse(source);
        if (!original.ok) return;
        const back = parse(printed(captionCode(toLatex(c.tape, trace, source))));
        expect(back.ok && JSON.stringify(stripSpans(back.program))).toBe(
          JSON.stringify(stripSpans(original.program)),
        );
      }),
      { numRuns: 500, seed: 2018 },
    );
  });
});

describe('LaTeX Table 2 of a program: each v_i beside its own v̇_i', () => {
  // The sweeps by hand: y ← y² + λ three times, then z = ln y (y > 2); v̇ = dv/dλ.
  const v: number[] = [LAMBDA];
  const vDot: number[] = [1];
  for (let i = 0; i < 3; i++) {
    const k = v.length - 1;
    v.push(v[k]! * v[k]!, v[k]! * v[k]! + LAMBDA);
    vDot.push(2 * v[k]! * vDot[k]!, 2 * v[k]! * vDot[k]! + 1);
  }
  v.push(Math.log(v[6]!));
  vDot.push(vDot[6]! / v[6]!);
  const shown = (cell: string) => Number(/= (-?[\d.]+)\$$/.exec(cell)![1]);

  it('pairs rows by node; the five decisions have an empty tangent cell', () => {
    const rows = tableRows(exported(PROGRAM, [LAMBDA]).latex, 0).map(cells);
    expect(rows).toHaveLength(8 + 5);
    const decisions = rows.filter(([left]) => left.startsWith('$['));
    expect(decisions).toHaveLength(5);
    for (const [, right] of decisions) expect(right).toBe('');
    const assignments = rows.filter(([left]) => !left.startsWith('$['));
    expect(assignments.map(([left]) => Number(/^\$v_\{(\d+)\}/.exec(left)![1]))).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7,
    ]);
    assignments.forEach(([left, right], k) => {
      expect(right.startsWith(`$\\dot v_{${k}} = `)).toBe(true);
      expect(shown(left)).toBeCloseTo(v[k]!, 2);
      expect(shown(right)).toBeCloseTo(vDot[k]!, 2);
    });
  });

  it('keeps the paper example as Table 2 prints it', () => {
    const rows = tableRows(exported('ln(x1) + x1*x2 - sin(x2)', [2, 5]).latex, 0).map(cells);
    expect(
      rows.map(([a, b]) => [/^\$v_\{(-?\d+)\}/.exec(a)![1], /^\$\\dot v_\{(-?\d+)\}/.exec(b)![1]]),
    ).toEqual(['-1', '0', '1', '2', '3', '4', '5'].map((k) => [k, k]));
  });

  it('in forward mode writes each node’s combined step once, across both columns', () => {
    const rows = tableRows(exported(PROGRAM, [LAMBDA], { mode: 'forward' }).latex, 0);
    expect(rows).toHaveLength(8 + 5);
    const nodes = rows.filter((r) => !r.includes('$['));
    nodes.forEach((r, k) => {
      expect(r.startsWith(`\\multicolumn{2}{l}{$v_{${k}} = `)).toBe(true);
      expect(r.split(`\\dot v_{${k}} = `)).toHaveLength(2);
    });
  });
});

describe('Markdown and CSV of a program', () => {
  it('titles the Markdown with the program on one line, without its comments', () => {
    const source =
      '# Babylonian square root: r ← (r + a/r)/2 until r² = a\nr = a\nwhile abs(r*r - a) > 1e-12 * a {\n  r = (r + a/r) / 2\n}\nreturn r';
    const { md } = exported(source, [2]);
    expect(md.split('\n')[0]).toBe(
      '# Wengert trace of `r = a; while abs(r*r - a) > 1e-12 * a { r = (r + a/r) / 2 }; return r`',
    );
  });

  it('keeps each row with its own node (the tables are per sweep, one node per row)', () => {
    const { tape, trace, md } = exported(PROGRAM, [LAMBDA]);
    const tangentTable = md.split('## Forward tangent trace')[1]!.split('## ')[0]!;
    const rows = tangentTable.split('\n').filter((l) => /^\| \d+ \|/.test(l));
    expect(rows).toHaveLength(8);
    rows.forEach((r, k) => expect(r).toContain(`| v${k} | $\\dot v_{${k}} = `));
    const csv = toCsv(tape, trace)
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    for (const r of csv.filter((r) => r[1] === 'tangent'))
      expect(r.slice(7).join(',')).toContain(`\\dot v_{${r[2]!.slice(1)}} = `);
  });
});

describe('LaTeX export of a long trace', () => {
  it('breaks across pages (longtable, head repeated) instead of one float taller than the page', () => {
    // The logistic map run 40 times: 3 nodes and one loop test per iteration, then the exit test.
    const source = 'y = x\nfor i in 1..40 { y = 3.7*y*(1-y) }\nreturn y';
    const { latex } = exported(source, [0.3]);
    expect(latex).not.toMatch(/\\begin\{table\}/);
    expect(latex).toContain('\\usepackage{amsmath,amssymb,booktabs,longtable}');
    expect(latex.match(/\\begin\{longtable\}\{ll\}/g)).toHaveLength(2);
    expect(latex.match(/\\endhead/g)).toHaveLength(2);
    // Every row is in the document: the input, 40 × (test + 3 nodes), the exit test.
    expect(tableRows(latex, 0)).toHaveLength(1 + 40 * 4 + 1);
    // The last iteration's product is there, beside its own tangent.
    const last = tableRows(latex, 0).at(-2)!;
    expect(cells(last)[0]).toMatch(/^\$v_\{120\} = v_\{118\} \\times v_\{119\}/);
    expect(cells(last)[1]).toMatch(/^\$\\dot v_\{120\}/);
  });
});
