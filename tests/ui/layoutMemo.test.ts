/**
 * The layout memo keys on a tape's structure (layout.ts, `structureKey`), so that editing a constant
 * or a value lays nothing out again. That is only sound if the layout really depends on nothing
 * else: checked here by laying out, for random expressions, the same expression with other constants
 * and comparing the layouts whole, in every config the page uses.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, type Tape } from '../../src/core/index';
import { LARGE_CONFIG } from '../../src/ui/graph/chooseLayout';
import {
  DEFAULT_CONFIG,
  layoutGraph,
  StructureMemo,
  structureKey,
  type LayoutConfig,
} from '../../src/ui/graph/layout';

function tapeOf(text: string, x?: number[]): Tape {
  const r = compile(text, x ? { x } : {});
  if (!r.ok) throw new Error(r.error.message);
  return r.tape;
}

const CONFIGS: LayoutConfig[] = [
  DEFAULT_CONFIG,
  LARGE_CONFIG,
  { style: 'named', ranks: 'late', bands: 2, stagger: true },
  { style: 'current', ranks: 'early', bands: 3, stagger: false },
];

/** Random expressions over x, y with numeric literals marked `#` (replaced by constants below). */
const expr: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('x', 'y', '#'),
    fc.tuple(tie('e'), fc.constantFrom('+', '-', '*', '/'), tie('e')).map(([a, o, b]) => `(${a} ${o} ${b})`),
    fc.tuple(fc.constantFrom('sin', 'exp', 'ln', 'tanh'), tie('e')).map(([f, a]) => `${f}(${a})`),
  ),
})).e;

const withConstants = (template: string, cs: number[]): string => {
  let i = 0;
  return template.replace(/#/g, () => String(cs[i++ % cs.length]));
};

describe('structureKey', () => {
  it('is the same when only constants differ, and the layouts are then identical', () => {
    let compared = 0;
    fc.assert(
      fc.property(
        expr.filter((t) => /[xy]/.test(t)),
        fc.array(fc.integer({ min: 2, max: 9 }), { minLength: 1, maxLength: 4 }),
        (template, cs) => {
          const a = compile(withConstants(template, [3]));
          const b = compile(
            withConstants(
              template,
              cs.map((c) => c + 10),
            ),
          );
          if (!a.ok || !b.ok) return; // a constant-only statement, refused alike
          // Merging can fold different constants differently (`3 - 3` vs `13 - 15`): only equal keys count.
          if (structureKey(a.tape) !== structureKey(b.tape)) return;
          compared++;
          for (const config of CONFIGS)
            expect(layoutGraph(b.tape, config)).toEqual(layoutGraph(a.tape, config));
        },
      ),
      { numRuns: 150 },
    );
    // Most random expressions do compare (the property is not met by skipping them all).
    expect(compared).toBeGreaterThan(75);
  });

  it('tells apart tapes that are laid out differently', () => {
    const keys = ['x*2 + y', 'x*2 + x', 'y*2 + x', 'sin(x) + y', 'x + y*2', 'a = x*2; b = a + y'].map((t) =>
      structureKey(tapeOf(t)),
    );
    expect(new Set(keys).size).toBe(keys.length);
    expect(structureKey(tapeOf('x*2 + y'))).toBe(structureKey(tapeOf('x*25 + y')));
  });

  it('includes the path a program took and its groups', () => {
    const prog =
      'y = x\nfor i in 1..3 {\n  if y > 2 {\n    y = y / 2\n  } else {\n    y = y * 3\n  }\n}\nreturn y';
    expect(structureKey(tapeOf(prog, [1]))).not.toBe(structureKey(tapeOf(prog, [5])));
  });
});

describe('StructureMemo', () => {
  it('finds a layout by structure and config, and forgets the oldest structures first', () => {
    const memo = new StructureMemo<string>(2);
    const t1 = tapeOf('x*2 + y');
    memo.set(t1, DEFAULT_CONFIG, 'one');
    expect(memo.get(tapeOf('x*7 + y'), DEFAULT_CONFIG)).toBe('one');
    expect(memo.get(t1, LARGE_CONFIG)).toBeUndefined();
    memo.set(tapeOf('sin(x)'), DEFAULT_CONFIG, 'two');
    memo.set(tapeOf('cos(x) + x'), DEFAULT_CONFIG, 'three');
    expect(memo.get(t1, DEFAULT_CONFIG)).toBeUndefined();
    expect(memo.get(tapeOf('sin(x)'), DEFAULT_CONFIG)).toBe('two');
  });
});
