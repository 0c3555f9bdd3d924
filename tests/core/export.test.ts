import katex from 'katex';
import { describe, expect, it } from 'vitest';
import paper from '../fixtures/baydin2018-tables.json';
import { buildTrace, compile, toCsv, toLatex, toMarkdown, type Tape, type Trace } from '../../src/core/index';

const SOURCE = 'ln(x1) + x1*x2 - sin(x2)';
function paperTrace(): { tape: Tape; trace: Trace } {
  const c = compile(SOURCE);
  if (!c.ok) throw new Error(c.error.message);
  return { tape: c.tape, trace: buildTrace(c.tape, [2, 5]) };
}

/** Every value the paper's Tables 2 and 3 hold, in timeline order. */
const paperValues = [
  ...paper.table2_forward_primal.map((r) => r.value),
  ...paper.table2_forward_tangent_seed_x1.map((r) => r.value),
  ...paper.table3_reverse_adjoint_in_execution_order.map((r) => r.value),
];

/** A small RFC 4180 reader, enough for quoted cells with commas and doubled quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  return rows;
}

describe('LaTeX export', () => {
  const tex = toLatex(paperTrace().tape, paperTrace().trace, SOURCE);

  it('is a complete document whose environments balance', () => {
    expect(tex).toMatch(/^% .*\n\\documentclass\{article\}/);
    expect(tex).toContain('\\usepackage{amsmath,amssymb,booktabs,longtable}');
    const begins = [...tex.matchAll(/\\begin\{(\w+)\}/g)].map((m) => m[1]);
    const ends = [...tex.matchAll(/\\end\{(\w+)\}/g)].map((m) => m[1]);
    expect(begins.sort()).toEqual(ends.sort());
    expect(tex.trim().endsWith('\\end{document}')).toBe(true);
  });

  it('lays the traces out as booktabs tables like the paper: 7 rows of Table 2, 9 adjoint rows of Table 3', () => {
    const tables = tex
      .split('\\begin{longtable}{ll}')
      .slice(1)
      .map((t) => t.split('\\end{longtable}')[0]!);
    expect(tables).toHaveLength(2);
    for (const t of tables) {
      expect(t.indexOf('\\toprule')).toBeLessThan(t.indexOf('\\midrule'));
      expect(t.indexOf('\\midrule')).toBeLessThan(t.indexOf('\\bottomrule'));
    }
    const body = (t: string) => t.split('\\endhead')[1]!.split('\\bottomrule')[0]!.trim().split('\n');
    expect(body(tables[0]!)).toHaveLength(7);
    expect(body(tables[1]!)).toHaveLength(9);
    expect(body(tables[0]!)[2]).toContain('\\ln v_{-1} = \\ln 2 = 0.693');
    // Each cell is math that a strict TeX engine accepts, with balanced $ delimiters.
    for (const line of [...body(tables[0]!), ...body(tables[1]!)]) {
      expect(line.trim().endsWith('\\\\')).toBe(true);
      const cells = line.replace(/\\\\\s*$/, '').split(' & ');
      expect(cells).toHaveLength(2);
      for (const cell of cells.map((c) => c.trim()).filter(Boolean)) {
        expect(cell.startsWith('$') && cell.endsWith('$')).toBe(true);
        expect(() =>
          katex.renderToString(cell.slice(1, -1), { throwOnError: true, strict: 'error' }),
        ).not.toThrow();
      }
    }
  });

  it('lets no raw text into LaTeX: a caption keeps only the language’s characters', () => {
    const { tape, trace } = paperTrace();
    const hostile = toLatex(tape, trace, 'x1 \\input{/etc/passwd} $ # % & ~ _ { }');
    expect(hostile).not.toContain('\\input');
    expect(hostile).not.toMatch(/[#%&~_]\s*\}/);
  });
});

describe('Markdown export', () => {
  it('parses back to the numbers of Tables 2 and 3', () => {
    const { tape, trace } = paperTrace();
    const md = toMarkdown(tape, trace, SOURCE);
    const rows = md
      .split('\n')
      .filter((l) => /^\| \d+ \|/.test(l))
      .map((l) => l.split(' | '));
    expect(rows).toHaveLength(23);
    rows.forEach((cells, i) => {
      const value = Number(cells[cells.length - 1]!.replace(/ \|$/, ''));
      expect(value).toBeCloseTo(paperValues[i]!, 12);
      expect(cells[cells.length - 2]).toMatch(/^\$.*\$$/);
    });
    expect(md).toContain('## Reverse adjoint trace (seed y, execution order)');
  });
});

describe('CSV export', () => {
  it('parses back to the numbers of Tables 2 and 3, with targets, sources and accumulation', () => {
    const { tape, trace } = paperTrace();
    const [head, ...rows] = parseCsv(toCsv(tape, trace));
    expect(head).toEqual(['step', 'phase', 'target', 'from', 'accumulate', 'value', 'shown', 'tex']);
    expect(rows).toHaveLength(23);
    rows.forEach((r, i) => {
      expect(Number(r[5])).toBeCloseTo(paperValues[i]!, 12);
      expect(r[0]).toBe(String(i + 1));
    });
    const adjoint = rows.filter((r) => r[1] === 'adjoint');
    expect(adjoint.map((r) => [r[2], r[3] || null, r[4] === 'true'])).toEqual(
      paper.table3_reverse_adjoint_in_execution_order.map((r) => [r.target, r.from, r.accumulate]),
    );
  });

  it('quotes cells that hold commas', () => {
    const c = compile('max(x, y)');
    if (!c.ok) throw new Error();
    const csv = toCsv(c.tape, buildTrace(c.tape, [1, 2]));
    const rows = parseCsv(csv);
    expect(rows.every((r) => r.length === 8)).toBe(true);
    expect(rows.some((r) => r[7]!.includes('\\max(v_{-1}, v_{0})'))).toBe(true);
  });
});
