/**
 * The graph's edge paths are written out by hand (src/ui/graph/layout.ts) to keep d3-shape out of
 * the first load (issue 13): they must be exactly the paths d3-shape's bump curve draws.
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

describe('pathOf', () => {
  it('draws the path of d3-shape’s line().curve(curveBumpX), character for character', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2000 - 500;
    for (let n = 0; n <= 9; n++) {
      for (let rep = 0; rep < 20; rep++) {
        const points = Array.from({ length: n }, () => ({ x: random(), y: random() }));
        expect(pathOf(points)).toBe(d3Path(points));
      }
    }
    // Whole numbers, halves, negative zero, as the layout produces them.
    const tidy = [
      { x: 0, y: -0 },
      { x: 40.5, y: 12 },
      { x: 81, y: 12 },
      { x: 200, y: -35.25 },
    ];
    expect(pathOf(tidy)).toBe(d3Path(tidy));
  });
});
