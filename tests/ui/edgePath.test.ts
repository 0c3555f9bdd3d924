/**
 * The graph's edge paths are written out by hand (src/ui/graph/layout.ts) to keep d3-shape out of
 * the first load (issue 13): they must draw the curve d3-shape's bump curve draws. Our paths are
 * rounded to a tenth of a unit (a fraction of a pixel at any zoom) and write a level run as `H`, so the
 * two are compared as curves: every segment's end and control points agree within that rounding.
 */
import { curveBumpX, line } from 'd3-shape';
import { describe, expect, it } from 'vitest';
import { pathOf } from '../../src/ui/graph/layout';

interface Point {
  x: number;
  y: number;
}

const d3Path = (points: Point[]): string =>
  line<Point>()
    .x((p) => p.x)
    .y((p) => p.y)
    .curve(curveBumpX)(points) ?? '';

/** A path of M, C and H commands as cubic segments [x0,y0,c1x,c1y,c2x,c2y,x1,y1]; H as a flat cubic. */
function segments(d: string): number[][] {
  const tokens = d.match(/[MCHZ]|-?\d*\.?\d+(?:e[-+]?\d+)?/g) ?? [];
  const out: number[][] = [];
  let x = 0;
  let y = 0;
  for (let i = 0; i < tokens.length;) {
    const c = tokens[i++]!;
    const num = () => Number(tokens[i++]);
    if (c === 'M') [x, y] = [num(), num()];
    else if (c === 'C') {
      const s = [x, y, num(), num(), num(), num(), num(), num()];
      out.push(s);
      [x, y] = [s[6]!, s[7]!];
    } else if (c === 'H') {
      const x1 = num();
      const m = (x + x1) / 2;
      out.push([x, y, m, y, m, y, x1, y]);
      x = x1;
    } else if (c !== 'Z') throw new Error(`unexpected ${c} in ${d}`);
  }
  return out;
}

describe('pathOf', () => {
  it('draws the curve of d3-shape’s line().curve(curveBumpX), within a tenth of a unit', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2000 - 500;
    const cases: Point[][] = [];
    for (let n = 2; n <= 9; n++)
      for (let rep = 0; rep < 20; rep++)
        cases.push(Array.from({ length: n }, () => ({ x: random(), y: random() })));
    // Whole numbers, halves, negative zero and level runs, as the layout produces them.
    cases.push([
      { x: 0, y: -0 },
      { x: 40.5, y: 12 },
      { x: 81, y: 12 },
      { x: 200, y: -35.25 },
    ]);
    for (const points of cases) {
      const ours = segments(pathOf(points));
      const theirs = segments(d3Path(points));
      expect(ours.length).toBe(theirs.length);
      ours.forEach((s, k) => s.forEach((v, j) => expect(Math.abs(v - theirs[k]![j]!)).toBeLessThan(0.1)));
    }
  });

  it('writes a level run as a straight H', () => {
    expect(
      pathOf([
        { x: 0, y: 5 },
        { x: 40, y: 5 },
      ]),
    ).toBe('M0,5H40');
  });
});
