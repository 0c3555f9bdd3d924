/**
 * The graph's camera does what d3-zoom did, without its eight packages in the first load (issue 13):
 * its arithmetic (src/ui/graph/camera.ts) is compared here with d3's own, which stays installed for
 * d3-scale and the tests.
 */
import { easeCubicInOut as d3Ease } from 'd3-ease';
import { interpolateZoom } from 'd3-interpolate';
import { describe, expect, it } from 'vitest';
import {
  clamp,
  easeCubicInOut,
  invert,
  midpoint,
  transformOf,
  wheelDelta,
  zoomAbout,
  zoomPath,
  type Frame,
} from '../../src/ui/graph/camera';

const close = (a: readonly number[], b: readonly number[], digits = 9) =>
  a.forEach((x, i) => expect(x).toBeCloseTo(b[i]!, digits));

describe('camera arithmetic', () => {
  it('follows d3-interpolate’s smooth zoom path and duration', () => {
    const cases: [Frame, Frame][] = [
      [
        [0, 0, 100],
        [300, -40, 20],
      ],
      [
        [50, 50, 640],
        [52, 49, 800],
      ],
      [
        [10, 10, 200],
        [10, 10, 50],
      ],
      [
        [10, 10, 50],
        [10, 10, 400],
      ],
      [
        [-1e4, 3, 5000],
        [200, 120, 300],
      ],
    ];
    for (const [from, to] of cases) {
      const ours = zoomPath(from, to);
      const theirs = interpolateZoom([...from], [...to]);
      expect(ours.duration).toBeCloseTo(theirs.duration, 6);
      for (const u of [0, 0.1, 0.25, 0.5, 0.8, 1]) close(ours.at(u), theirs(u), 6);
    }
  });

  it('eases as d3-ease’s cubic in-out', () => {
    for (let i = 0; i <= 20; i++) expect(easeCubicInOut(i / 20)).toBeCloseTo(d3Ease(i / 20), 12);
  });

  it('steps the wheel as d3-zoom: five notches of a mouse wheel double the zoom', () => {
    expect(5 * wheelDelta({ deltaY: -100, deltaMode: 0, ctrlKey: false })).toBeCloseTo(1, 12);
    expect(wheelDelta({ deltaY: 3, deltaMode: 1, ctrlKey: false })).toBeCloseTo(-0.15, 12);
    expect(wheelDelta({ deltaY: 1, deltaMode: 2, ctrlKey: false })).toBe(-1);
    expect(wheelDelta({ deltaY: -10, deltaMode: 0, ctrlKey: true })).toBeCloseTo(0.2, 12);
  });

  it('zooms about a point: the layout point held stays under the pointer', () => {
    const v = { x: 40, y: -12, k: 1.5 };
    const p = [300, 200] as const;
    const l = invert(v, p);
    const w = zoomAbout(3, p, l);
    expect(w.k).toBe(3);
    close([w.x + l[0] * w.k, w.y + l[1] * w.k], p);
    close(invert(w, p), l);
    expect(midpoint([0, 2], [4, -2])).toEqual([2, 0]);
    expect(clamp(9, [0.02, 6])).toBe(6);
    expect(clamp(0.001, [0.02, 6])).toBe(0.02);
    expect(transformOf({ x: 1.5, y: -2, k: 0.25 })).toBe('translate(1.5,-2) scale(0.25)');
  });
});
