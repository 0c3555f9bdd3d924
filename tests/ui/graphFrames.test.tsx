// @vitest-environment jsdom
/**
 * A program's frames where the graph is folded into bands: a loop iteration split over two bands
 * has a frame in each, in reading order, the later one labelled as continued; an outer iteration's
 * frame in a band takes in the inner frames of that band only, so its frames never overlap.
 */
import { act, cleanup, render } from './testing';
import { afterEach, describe, expect, it } from 'vitest';
import { buildTrace, compile, type Tape } from '../../src/core/index';
import { GraphFrames } from '../../src/ui/graph/GraphFrames';
import { layoutGraph, type GroupFrame } from '../../src/ui/graph/layout';
import { loadLang } from '../../src/i18n/index';
import { useStore } from '../../src/state/store';

afterEach(cleanup);

const NEWTON = 'z = 1\nfor i in 1..4 {\n  z = (2*z + a/(z*z)) / 3\n}\nreturn z';
const NESTED = 's = x\nfor i in 1..3 {\n  for j in 1..2 {\n    s = s*x + 1\n  }\n}\nreturn s';

function tapeOf(text: string): Tape {
  const r = compile(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.tape;
}

const framesAt = (tape: Tape, bands: number, style: 'full' | 'bare' = 'full') =>
  layoutGraph(tape, { style, ranks: 'early', bands, stagger: false }).frames ?? [];

const overlap = (a: GroupFrame, b: GroupFrame) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (a: GroupFrame, b: GroupFrame) =>
  a.x >= b.x && a.y >= b.y && a.x + a.width <= b.x + b.width && a.y + a.height <= b.y + b.height;

describe('frames of a folded graph', () => {
  it('numbers the pieces of a split iteration top to bottom', () => {
    const frames = framesAt(tapeOf(NEWTON), 3);
    const second = frames.filter((f) => f.label === 'i = 2');
    expect(second.map((f) => [f.part, f.parts])).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(second[1]!.y).toBeGreaterThan(second[0]!.y + second[0]!.height);
    for (const f of frames.filter((f) => f.label !== 'i = 2')) expect([f.part, f.parts]).toEqual([0, 1]);
  });

  it('keeps an outer iteration in each band around the inner frames of that band', () => {
    const tape = tapeOf(NESTED);
    const groups = tape.groups!;
    let split = 0;
    for (const bands of [1, 2, 3, 4])
      for (const style of ['full', 'bare'] as const) {
        const frames = framesAt(tape, bands, style);
        for (const f of frames) {
          const g = groups[f.group]!;
          if (f.parts > 1) split++;
          // Pieces of one group are in different bands: apart.
          for (const o of frames)
            if (o !== f && o.group === f.group)
              expect(overlap(o, f), `${f.label} ${bands} ${style}`).toBe(false);
          // An inner frame lies inside a frame of the iteration that holds it.
          if (g.depth === 0) continue;
          const outer = frames.filter((o) => {
            const h = groups[o.group]!;
            return h.depth === g.depth - 1 && h.start <= g.start && g.end <= h.end;
          });
          expect(outer.length, f.label).toBeGreaterThan(0);
          expect(
            outer.some((o) => inside(f, o)),
            `${f.label} (part ${f.part}) at ${bands} bands, ${style}`,
          ).toBe(true);
        }
      }
    expect(split).toBeGreaterThan(4);
  });

  it('labels the later pieces as continued, in English and in Chinese', async () => {
    const tape = tapeOf(NEWTON);
    const trace = buildTrace(tape, [2]);
    const frames = framesAt(tape, 3);
    const draw = () => (
      <svg>
        <GraphFrames frames={frames} tape={tape} trace={trace} step={0} />
      </svg>
    );
    const view = render(draw());
    const labels = () =>
      [...view.container.querySelectorAll('[data-group="i = 2"]')].map((g) => [
        g.getAttribute('data-part'),
        g.querySelector('text')!.textContent,
      ]);
    expect(labels()).toEqual([
      ['1/2', 'i = 2'],
      ['2/2', 'i = 2 (cont.)'],
    ]);
    expect(view.container.querySelector('[data-group="i = 1"]')!.hasAttribute('data-part')).toBe(false);
    await loadLang('zh');
    act(() => useStore.getState().setLink({ lang: 'zh' }));
    view.rerender(draw());
    expect(labels()[1]).toEqual(['2/2', 'i = 2（续）']);
    act(() => useStore.getState().setLink({ lang: 'en' }));
  });
});
