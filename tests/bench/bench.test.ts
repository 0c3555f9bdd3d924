/**
 * The benchmark's own logic: generated expressions are the size asked for, deterministic, balanced
 * and finite on the input box (so gradients can be compared across implementations); the
 * statistics and the table formatting say what they should.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  analyseFirstLoad,
  attribute,
  decodeMappings,
  groupOf,
  gzipSize,
  shareGzip,
} from '../../bench/bundle';
import { generatedExpression, largestSum, paperExpression } from '../../bench/expressions';
import { flatArraysOf, OPS, refAdjoint, refPrimal, refTangent } from '../../bench/flatRef';
import { generateExpression, INPUT_HI, INPUT_LO, inputPoint, prng } from '../../bench/generate';
import { regionStart } from '../../bench/page';
import { median, quantile } from '../../bench/stats';
import { kib, markdownTable, ms, power10, textTable, times, type Row } from '../../bench/table';
import {
  adjointValues,
  compile,
  MAX_OPERATIONS,
  primal,
  RULES,
  tangent,
  unit,
  type Tape,
} from '../../src/core/index';

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

describe('the flat reference sweep (the yardstick of the core benchmark)', () => {
  const same = (a: ArrayLike<number>, b: ArrayLike<number>) => {
    expect(a.length).toBe(b.length);
    for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) expect([i, a[i]]).toEqual([i, b[i]]);
  };
  const check = (tape: Tape, x: readonly number[]) => {
    const f = flatArraysOf(tape);
    const v = primal(tape, x);
    same(refPrimal(f, x), v);
    for (let j = 0; j < tape.n; j++)
      same(refTangent(f, v, unit(tape.n, j)), tangent(tape, v, unit(tape.n, j)));
    const yBar = tape.outputs.map((_, k) => k + 1);
    same(refAdjoint(f, v, yBar), adjointValues(tape, v, yBar));
  };

  it('has a code for every rule of the table', () => {
    expect([...OPS].sort()).toEqual([...RULES.keys()].sort());
  });

  it('computes exactly what the core computes, bit for bit, on generated expressions', () => {
    for (const seed of [1, 2, 3]) {
      const { text } = generateExpression({ operations: 600, inputs: 5, outputs: 2, seed });
      const c = compile(text, { limits: LIMITS });
      if (!c.ok) throw new Error(c.error.message);
      check(c.tape, inputPoint(c.tape.n, seed));
    }
  });

  it('computes exactly what the core computes for every rule, at ordinary points and at the conventions', () => {
    const unary = [...RULES.values()]
      .filter((r) => r.arity === 1 && r.syntax === 'function')
      .map((r) => r.name);
    const binary = ['max', 'min', 'atan2'];
    const terms = [
      ...unary.map((f) => `${f}(x1)`),
      ...unary.map((f) => `${f}(0.5*x2)`),
      ...binary.map((f) => `${f}(x1, x2)`),
      ...binary.map((f) => `${f}(x2, 0.3)`),
      'x1^x2',
      'x1^3',
      '2^x2',
      'x1/x2',
      '-x1',
      'x1 - x2',
    ];
    const c = compile(`y = ${terms.join(' + ')}`);
    if (!c.ok) throw new Error(c.error.message);
    for (const x of [
      [0.3, 0.7],
      [0, 0],
      [-0.4, 0.4],
      [2, -3],
      [0.5, 0.5],
    ])
      check(c.tape, x);
  });
});

describe('the page benchmark’s expressions', () => {
  it('gives the paper’s example its 7 nodes and 23 steps (Tables 2 and 3 of Baydin et al.)', () => {
    const e = paperExpression();
    expect(e.nodes).toBe(7);
    expect(e.steps).toBe(23);
  });

  it('makes the largest sum the limits allow, x*1+x*2+…', () => {
    const e = largestSum();
    expect(e.operations).toBeLessThanOrEqual(MAX_OPERATIONS);
    expect(e.operations).toBeGreaterThan(MAX_OPERATIONS - 3);
    expect(e.text.startsWith('x*1+x*2+x*3+')).toBe(true);
  });

  it('lands the presses inside the first, middle and last tenth of each phase', () => {
    const e = generatedExpression(500);
    const count = 10;
    for (const phase of ['primal', 'tangent', 'adjoint'] as const) {
      const { start, end } = e.phases[phase];
      const tenth = (end - start) / 10;
      const first = regionStart(e, phase, 'first', count);
      const middle = regionStart(e, phase, 'middle', count);
      const last = regionStart(e, phase, 'last', count);
      // Presses from position p show steps p+1 … p+count.
      expect(first + 1).toBe(start + 1);
      expect(first + count).toBeLessThanOrEqual(start + tenth);
      expect(Math.abs(middle + count / 2 - (start + end) / 2)).toBeLessThanOrEqual(1);
      expect(last + count).toBe(end);
      expect(last + 1).toBeGreaterThan(end - tenth);
    }
  });
});

describe('the bundle analysis', () => {
  it('decodes base64 VLQ source-map segments (values from the source map format’s examples)', () => {
    // A = 0, C = 1, D = −1, 2H = 123, qxmvrH = 123456789; fields are relative to the previous segment.
    expect(decodeMappings('AAAA')).toEqual([[[0, 0]]]);
    expect(decodeMappings('2HCAA')).toEqual([[[123, 1]]]);
    expect(decodeMappings('qxmvrHAAA')).toEqual([[[123456789, 0]]]);
    expect(decodeMappings('AAAA,CCAA,DDAA;C')).toEqual([
      [
        [0, 0],
        [1, 1],
        [0, 0],
      ],
      [[1, -1]],
    ]);
  });

  it('splits generated code among its sources, lines without segments to the source before them', () => {
    // `ab` from source 0, `cd` from source 1, then a second line continuing source 1, then `e` from 0.
    const code = 'abcd\nxy\ne';
    const parts = attribute(code, 'AAAA,ECAA;;ADAA');
    expect(parts.get(0)).toBe('abe');
    expect(parts.get(1)).toBe('cd\nxy\n');
    expect([...parts.values()].join('').length).toBe(code.length);
  });

  it('groups by package and by folder of our own code', () => {
    expect(groupOf('../node_modules/katex/dist/katex.mjs')).toBe('katex');
    expect(groupOf('node_modules/@scope/pkg/index.js')).toBe('@scope/pkg');
    expect(groupOf('/work/x/src/ui/graph/GraphView.tsx')).toBe('src/ui/graph');
  });

  it('shares a file’s gzip size among groups so that the shares add up to it', () => {
    const groups = new Map([
      ['a', 'function f(){return 1}'.repeat(200)],
      ['b', Array.from({ length: 400 }, (_, i) => String((i * 7919) % 1000)).join(',')],
    ]);
    const total = gzipSize([...groups.values()].join(''));
    const shares = shareGzip(groups, total);
    expect([...shares.values()].reduce((x, y) => x + y, 0)).toBeCloseTo(total, 6);
    // The repetitive group compresses far better, so it gets the smaller share.
    expect(shares.get('a')!).toBeLessThan(shares.get('b')!);
  });
});

describe('the first load (bundle analysis)', () => {
  it('counts a script once when the page names it in a script tag and in a modulepreload link', () => {
    const dist = mkdtempSync(path.join(tmpdir(), 'wengert-first-load-'));
    try {
      mkdirSync(path.join(dist, 'assets'));
      const early = 'export const a = 1;\n'.repeat(50);
      const main = 'import { a } from "./early-x.js";\nconsole.log(a);\n';
      writeFileSync(path.join(dist, 'assets/early-x.js'), early);
      writeFileSync(path.join(dist, 'assets/index-y.js'), main);
      writeFileSync(
        path.join(dist, 'index.html'),
        '<head><script type="module" src="./assets/early-x.js"></script>' +
          '<script type="module" src="./assets/index-y.js"></script>' +
          '<link rel="modulepreload" href="./assets/early-x.js"></head>',
      );
      const load = analyseFirstLoad(dist);
      expect(load.files.map((f) => f.name)).toEqual(['assets/early-x.js', 'assets/index-y.js']);
      expect(load.files[0]!.bytes).toBe(Buffer.byteLength(early));
    } finally {
      rmSync(dist, { recursive: true, force: true });
    }
  });
});
