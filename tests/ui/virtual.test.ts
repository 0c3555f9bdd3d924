/**
 * Windowing of long trace tables (src/ui/table/virtual.ts), against a brute-force model of a list:
 * lines stacked with a gap, each at the sum of the heights and gaps before it. The window must hold
 * exactly the lines that reach into the view, and the spacers must put every rendered line exactly
 * where it would be with all lines present.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  covers,
  lineOffsets,
  linesBetween,
  COMPACT_ROW_MIN_PX,
  linesInView,
  mergeRanges,
  onScreen,
  pieces,
  ROW_MIN_PX,
  type Range,
} from '../../src/ui/table/virtual';

/** Where line i starts and ends, summing naively. */
function naive(heights: readonly number[], gap: number): { top: number; bottom: number }[] {
  let y = 0;
  return heights.map((h) => {
    const line = { top: y, bottom: y + h };
    y += h + gap;
    return line;
  });
}

const heights = fc.array(fc.integer({ min: 1, max: 120 }), { minLength: 0, maxLength: 60 });
const gap = fc.integer({ min: 0, max: 6 });

describe('lineOffsets', () => {
  it('puts each line after the lines and gaps before it', () => {
    fc.assert(
      fc.property(heights, gap, (hs, g) => {
        const o = lineOffsets(hs, g);
        const lines = naive(hs, g);
        expect(o.length).toBe(hs.length + 1);
        lines.forEach((line, i) => expect(o[i]).toBe(line.top));
        // The list's height is the last line's bottom.
        if (hs.length) expect(o[hs.length]! - g).toBe(lines[lines.length - 1]!.bottom);
      }),
      { numRuns: 1000, seed: 3 },
    );
  });
});

describe('linesBetween', () => {
  it('returns exactly the lines that reach into [top, bottom]', () => {
    fc.assert(
      fc.property(
        heights,
        gap,
        fc.integer({ min: -200, max: 5000 }),
        fc.integer({ min: 0, max: 2000 }),
        (hs, g, top, span) => {
          const bottom = top + span;
          const [start, end] = linesBetween(lineOffsets(hs, g), g, top, bottom);
          const expected = naive(hs, g)
            .map((line, i) => ({ ...line, i }))
            .filter((line) => line.bottom >= top && line.top <= bottom)
            .map((line) => line.i);
          if (expected.length === 0) expect(end - start).toBe(0);
          else expect([start, end]).toEqual([expected[0], expected[expected.length - 1]! + 1]);
        },
      ),
      { numRuns: 2000, seed: 7 },
    );
  });

  it('counts a line that only touches the view (gap 0, the view starting where a line ends)', () => {
    expect(linesBetween(lineOffsets([1, 1], 0), 0, 1, 1)).toEqual([0, 2]);
    expect(linesBetween(lineOffsets([10, 10, 10], 2), 2, 10, 10)).toEqual([0, 1]);
    expect(linesBetween(lineOffsets([10, 10, 10], 2), 2, 11, 11)).toEqual([1, 1]);
  });

  it('is empty for an empty list and for an empty view', () => {
    expect(linesBetween(lineOffsets([], 2), 2, 0, 100)).toEqual([0, 0]);
    const [a, b] = linesBetween(lineOffsets([10, 10], 2), 2, 50, 40);
    expect(b - a).toBe(0);
  });
});

describe('mergeRanges and covers', () => {
  it('merges overlapping and touching ranges, drops empty ones, sorts', () => {
    expect(
      mergeRanges([
        [5, 8],
        [0, 2],
        [2, 3],
        [7, 10],
        [4, 4],
      ]),
    ).toEqual([
      [0, 3],
      [5, 10],
    ]);
  });

  it('says whether one range holds every line of another (an empty one is always held)', () => {
    expect(covers([2, 10], [3, 9])).toBe(true);
    expect(covers([2, 10], [1, 9])).toBe(false);
    expect(covers([2, 10], [3, 11])).toBe(false);
    expect(covers([2, 10], [20, 20])).toBe(true);
  });
});

describe('pieces', () => {
  it('renders the chosen lines where they would be, with spacers standing in for the rest', () => {
    const ranges = fc.array(
      fc
        .tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 20 }))
        .map(([a, n]): Range => [a, a + n]),
      { maxLength: 3 },
    );
    fc.assert(
      fc.property(heights, gap, ranges, (hs, g, rs) => {
        const o = lineOffsets(hs, g);
        const lines = naive(hs, g);
        const out = pieces(o, g, rs);
        // Lay the pieces out as a grid would: each item followed by one gap.
        let y = 0;
        const placed = new Map<number, number>();
        for (const p of out) {
          if ('space' in p) {
            expect(p.space).toBeGreaterThanOrEqual(0);
            y += p.space + g;
          } else {
            for (let i = p.lines[0]; i < p.lines[1]; i++) {
              placed.set(i, y);
              y += hs[i]! + g;
            }
          }
        }
        // Every rendered line sits where it would, and the whole list keeps its height.
        for (const [i, top] of placed) expect(top).toBeCloseTo(lines[i]!.top, 9);
        if (hs.length) expect(y - g).toBeCloseTo(o[hs.length]! - g, 9);
        // Exactly the requested lines (clamped to the list) are rendered.
        const wanted = new Set<number>();
        for (const [a, b] of rs) for (let i = Math.max(0, a); i < Math.min(hs.length, b); i++) wanted.add(i);
        expect([...placed.keys()].sort((p, q) => p - q)).toEqual([...wanted].sort((p, q) => p - q));
      }),
      { numRuns: 1000, seed: 100 },
    );
  });

  it('renders a window and a far-away current line as two runs with spacers between', () => {
    const o = lineOffsets(new Array(100).fill(50), 2);
    expect(
      pieces(o, 2, [
        [10, 14],
        [90, 91],
      ]),
    ).toEqual([
      { space: 10 * 52 - 2 },
      { lines: [10, 14] },
      { space: 76 * 52 - 2 },
      { lines: [90, 91] },
      { space: 9 * 52 - 2 },
    ]);
  });
});

describe('onScreen: the part of a scroller inside the window', () => {
  it('clips the view at the top and at the bottom of the screen', () => {
    // A 300 px panel whose top is 480 px down a 720 px screen shows its first 240 px.
    expect(onScreen(480, 300, 720)).toEqual([0, 240]);
    // Wholly on the screen.
    expect(onScreen(100, 300, 720)).toEqual([0, 300]);
    // The page scrolled: the panel starts 50 px above the screen.
    expect(onScreen(-50, 300, 720)).toEqual([50, 300]);
    // Taller than the screen, both edges off it.
    expect(onScreen(-100, 2000, 720)).toEqual([100, 820]);
  });
  it('is empty, at the nearer edge, for a panel below or above the screen', () => {
    expect(onScreen(900, 300, 720)).toEqual([0, 0]);
    expect(onScreen(-400, 300, 720)).toEqual([300, 300]);
  });
  it('never leaves [0, height], and from ≤ to', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -3000, max: 3000 }),
        fc.integer({ min: 0, max: 2000 }),
        fc.integer({ min: 1, max: 2000 }),
        (top, height, screen) => {
          const [from, to] = onScreen(top, height, screen);
          expect(0 <= from && from <= to && to <= height).toBe(true);
          // What it keeps is on the screen.
          if (to > from) expect(top + from >= 0 && top + to <= screen).toBe(true);
        },
      ),
    );
  });
});

describe('linesInView: the lines a view can show, whatever the estimates', () => {
  it('holds every line reaching into the view when rows are no shorter than ROW_MIN_PX', () => {
    const tall = fc.array(fc.integer({ min: ROW_MIN_PX, max: 140 }), { minLength: 1, maxLength: 60 });
    fc.assert(
      fc.property(
        tall,
        gap,
        fc.nat(),
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        fc.integer({ min: 0, max: 1200 }),
        (hs, g, s, within, height) => {
          const start = s % hs.length;
          const offsets = lineOffsets(hs, g);
          const y = offsets[start]! + Math.floor(within * hs[start]!);
          const range = linesInView(offsets, g, y, height);
          const seen = naive(hs, g)
            .map((line, i) => ({ ...line, i }))
            .filter((line) => line.bottom >= y && line.top <= y + height)
            .map((line) => line.i);
          for (const i of seen) expect(range[0] <= i && i < range[1]).toBe(true);
        },
      ),
    );
  });
  it('fills a view that estimates too tall would leave short', () => {
    // Rows 42 px tall (40 + a 2 px gap) estimated at 52: 240 px of view show six lines, the
    // estimates count five.
    const offsets = lineOffsets(new Array(100).fill(52), 2);
    expect(linesBetween(offsets, 2, 0, 240)).toEqual([0, 5]);
    expect(linesInView(offsets, 2, 0, 240)).toEqual([0, 6]);
    // Starting inside a line: rows of 40 start at 0, 42, …, 210 and reach 250; the next, at 252,
    // does not; a view reaching 252 shows its top edge.
    expect(linesInView(offsets, 2, 10, 240)).toEqual([0, 6]);
    expect(linesInView(offsets, 2, 12, 240)).toEqual([0, 7]);
    // No gap, the view's top on the boundary of two lines: the first ends there, the second starts
    // there; both reach it (fast-check's counterexample in CI on e40e00d).
    expect(linesInView(lineOffsets([40, 40], 0), 0, 40, 0)).toEqual([0, 2]);
    // At the end of the list.
    expect(linesInView(offsets, 2, offsets[98]!, 240)).toEqual([98, 100]);
    expect(linesInView(lineOffsets([], 2), 2, 0, 240)).toEqual([0, 0]);
  });
});

describe("the rows' least height, as the stylesheets give it", () => {
  // The first window counts lines with these (useTableWindow): a row shorter than they say would
  // leave rows on the screen untypeset in the first frame.
  const css = ['src/ui/app.css', 'src/ui/presentation.css'].map((f) => readFileSync(f, 'utf8')).join('\n');
  /** Each rule for `… .row` itself: its selector and its min-height in px (an em resolved at the least font size). */
  const rules = [...css.matchAll(/([^{}]*?\.row)\s*\{([^}]*)\}/g)].flatMap(([, selector, body]) => {
    const min = /min-height:\s*([\d.]+)(px|em)/.exec(body!);
    if (!min) return [];
    const font = /font-size:\s*(?:clamp\()?([\d.]+)px/.exec(body!);
    const px = min[2] === 'px' ? Number(min[1]) : Number(min[1]) * Number(font?.[1] ?? 16);
    return [{ selector: selector!.trim(), px }];
  });
  it('the paired table: ROW_MIN_PX', () => {
    expect(rules[0]).toEqual({ selector: '.row', px: ROW_MIN_PX });
  });
  it('the compact tables (phone, embed, presentation): no shorter than COMPACT_ROW_MIN_PX', () => {
    const others = rules.slice(1);
    expect(others.length).toBeGreaterThanOrEqual(3);
    for (const r of others) expect(r.px, r.selector).toBeGreaterThanOrEqual(COMPACT_ROW_MIN_PX);
  });
});
