/**
 * The benchmark's own logic: generated expressions are the size asked for, deterministic, balanced
 * and finite on the input box (so gradients can be compared across implementations); the
 * statistics and the table formatting say what they should.
 */
import { describe, expect, it } from 'vitest';
import { generateExpression, INPUT_HI, INPUT_LO, inputPoint, prng } from '../../bench/generate';
import { median, quantile } from '../../bench/stats';
import { kib, markdownTable, ms, power10, textTable, times, type Row } from '../../bench/table';
import { adjointValues, compile, primal, tangent, unit } from '../../src/core/index';

const LIMITS = { maxLength: 1e8, maxDepth: 100_000, maxOperations: 1e7 };

describe('generateExpression', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = generateExpression({ operations: 300, seed: 1 });
    expect(generateExpression({ operations: 300, seed: 1 })).toEqual(a);
    expect(generateExpression({ operations: 300, seed: 2 }).text).not.toBe(a.text);
  });

  it.each([100, 1000, 10_000])('gives about %i operations, balanced, over the inputs x1…x8', (n) => {
    const { text, inputs } = generateExpression({ operations: n, inputs: 8, seed: 7 });
    expect(inputs).toEqual(['x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7', 'x8']);
    const c = compile(text, { limits: LIMITS, merge: false });
    if (!c.ok) throw new Error(c.error.message);
    const ops = c.tape.nodes.length - c.tape.n;
    // Unmerged: the operations asked for, plus constant factors and squashing functions.
    expect(ops).toBeGreaterThanOrEqual(n);
    expect(ops).toBeLessThan(2 * n);
    // Balanced: nesting grows like the logarithm of the size, far below the parser's limit of 256.
    let depth = 0;
    let deepest = 0;
    for (const ch of text) {
      if (ch === '(') deepest = Math.max(deepest, ++depth);
      else if (ch === ')') depth--;
    }
    expect(deepest).toBeLessThan(12 * Math.log2(n));
  });

  it('is finite, with finite derivatives, anywhere in the input box (interval arithmetic holds)', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const { text } = generateExpression({ operations: 400, inputs: 4, seed });
      const c = compile(text, { limits: LIMITS });
      if (!c.ok) throw new Error(c.error.message);
      const random = prng(seed * 31);
      for (const corner of [INPUT_LO, INPUT_HI, null]) {
        const x = c.tape.inputs.map(() => corner ?? INPUT_LO + (INPUT_HI - INPUT_LO) * random());
        const v = primal(c.tape, x);
        expect(v.every(Number.isFinite)).toBe(true);
        expect(tangent(c.tape, v, unit(c.tape.n, 0)).every(Number.isFinite)).toBe(true);
        expect(adjointValues(c.tape, v, [1]).every(Number.isFinite)).toBe(true);
      }
    }
  });

  it('writes several outputs as named statements', () => {
    const { text } = generateExpression({ operations: 40, outputs: 3, seed: 4 });
    const c = compile(text);
    if (!c.ok) throw new Error(c.error.message);
    expect(c.tape.outputs.map((o) => o.name)).toEqual(['y1', 'y2', 'y3']);
  });

  it('draws points inside the input box', () => {
    for (const x of inputPoint(50)) {
      expect(x).toBeGreaterThan(INPUT_LO);
      expect(x).toBeLessThan(INPUT_HI);
    }
  });
});

describe('statistics', () => {
  it('takes quantiles by the nearest-rank method', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2);
    expect(
      quantile(
        [...Array(100).keys()].map((i) => i + 1),
        0.95,
      ),
    ).toBe(95);
    expect(quantile([16.7, 16.7, 33.3], 0.95)).toBe(33.3);
    expect(Number.isNaN(median([]))).toBe(true);
  });
});

describe('the table', () => {
  const rows: Row[] = [
    { section: 'Core', figure: 'parse', size: '10⁴ ops', value: '3.2 ms', budget: '', ok: null },
    { section: 'Page', figure: 'a | b', size: '', value: '12 ms', budget: '≤ 16.7 ms', ok: true },
    { section: 'Bundle', figure: 'first load', size: '', value: '240 KiB', budget: '≤ 230 KiB', ok: false },
  ];

  it('prints aligned columns with pass and FAIL marks', () => {
    const lines = textTable(rows).split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[3]).toMatch(/a \| b\s+12 ms\s+≤ 16\.7 ms\s+pass$/);
    expect(lines[4]).toMatch(/FAIL$/);
    const column = lines[0]!.indexOf('value');
    expect(lines[2]!.indexOf('3.2 ms')).toBe(column);
  });

  it('writes Markdown with pipes in cells escaped', () => {
    const md = markdownTable(rows).split('\n');
    expect(md[0]).toBe('| section | figure | size | value | budget | result |');
    expect(md[3]).toBe('| Page | a \\| b |  | 12 ms | ≤ 16.7 ms | pass |');
  });

  it('formats durations, ratios, sizes and powers of ten', () => {
    expect(ms(0.0123)).toBe('12.3 µs');
    expect(ms(3.456)).toBe('3.46 ms');
    expect(ms(123.4)).toBe('123 ms');
    expect(ms(4567)).toBe('4.57 s');
    expect(times(1.234)).toBe('1.23×');
    expect(times(123.4)).toBe('123×');
    expect(kib(235_520)).toBe('230.0 KiB');
    expect(power10(10_000)).toBe('10⁴');
    expect(power10(100)).toBe('10²');
  });
});
