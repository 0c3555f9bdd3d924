// @vitest-environment jsdom
/**
 * The Jacobian panel and the results strip show one history of sweeps and so never disagree (QA: on
 * `seed=x2&step=10` the panel said "1 of 2 sweeps done" with ∂y/∂x1 = 5.5 filled, assuming e(x1)'s
 * sweep had run because e(x2) is seeded; the strip, which counts sweeps run on the page, said "0 of 2").
 * Both are rendered here as the page renders them: from the store's seeds and step.
 *
 * A link (a store load) opens with the sweeps its seeds come after, as its author ran them in order
 * (so a teacher's link opens on what they saw); a seed changed by hand on the page counts only the
 * sweeps then run. Either way the panel and the strip agree.
 */
import { act, cleanup, fireEvent, render, screen } from './testing';
import { useMemo } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import paper from '../fixtures/baydin2018-tables.json';
import { buildTrace, compile, type Tape } from '../../src/core/index';
import { useStore } from '../../src/state/store';
import { DEFAULT_STATE } from '../../src/state/urlCodec';
import { ResultStrip } from '../../src/ui/ResultStrip';
import { JacobianPanel } from '../../src/ui/teach/JacobianPanel';

afterEach(cleanup);
beforeEach(() => useStore.getState().load(DEFAULT_STATE));

function compiled(text: string): Tape {
  const r = compile(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.tape;
}

/** The strip and the panel, on the trace of the store's seeds at the store's step (as App does). */
function Page({ tape, x }: { tape: Tape; x: readonly number[] }) {
  const seed = useStore((s) => s.seed);
  const adjointSeed = useStore((s) => s.adjointSeed);
  const step = useStore((s) => s.step);
  const trace = useMemo(
    () =>
      buildTrace(tape, x, {
        seed: Math.max(
          0,
          tape.inputs.findIndex((i) => i.name === seed),
        ),
        adjointSeed: Math.max(
          0,
          tape.outputs.findIndex((o) => o.name === adjointSeed),
        ),
      }),
    [tape, x, seed, adjointSeed],
  );
  const shown = Math.min(step, trace.steps.length);
  return (
    <>
      <ResultStrip tape={tape} trace={trace} step={shown} />
      <JacobianPanel tape={tape} trace={trace} step={shown} />
    </>
  );
}

const panelCount = (root: HTMLElement, mode: 'forward' | 'reverse') =>
  root.querySelector(`.jac-mode-${mode} [data-sweeps]`)!.getAttribute('data-sweeps');
const stripCount = (root: HTMLElement) => {
  const m = /(\d+) of (\d+)/.exec(root.querySelector('.result-tangent .result-label')!.textContent ?? '');
  return m ? `${m[1]}/${m[2]}` : null;
};
const cell = (root: HTMLElement, mode: string, key: string) =>
  root.querySelector<HTMLElement>(`.jac-${mode} [data-cell="${key}"]`)!.dataset;
const entry = (root: HTMLElement, key: string) =>
  root.querySelector<HTMLElement>(`[data-result="${key}"]`)!.dataset.value ?? null;
const setStep = (step: number) => act(() => useStore.getState().setStep(step));

describe('the Jacobian panel and the results strip: one history of sweeps', () => {
  const X = [paper.point.x1, paper.point.x2];
  const END = 1000;

  it('agree on the QA link (seed e(x2), step 10): it comes after e(x1)’s sweep, in both', () => {
    const tape = compiled('ln(x1) + x1*x2 - sin(x2)');
    act(() => useStore.getState().load({ ...DEFAULT_STATE, seed: 'x2', step: 10 }));
    const { container } = render(<Page tape={tape} x={X} />);
    expect([panelCount(container, 'forward'), stripCount(container)]).toEqual(['1/2', '1/2']);
    expect(cell(container, 'forward', 'y/x1').value).toBe(String(paper.gradient.x1));
    expect(entry(container, 'forward:x1')).toBe(String(paper.gradient.x1));
    expect(cell(container, 'forward', 'y/x2').state).toBe('empty');
    expect(entry(container, 'forward:x2')).toBeNull();
    // The timeline finishes e(x2)'s sweep: the whole Jacobian, in both.
    setStep(END);
    expect([panelCount(container, 'forward'), stripCount(container)]).toEqual(['2/2', '2/2']);
    expect(entry(container, 'forward:x2')).toBe(String(paper.gradient.x2));
  });

  it('on the page, a seed changed by hand counts only the sweeps run; the buttons fill both to 2 of 2', () => {
    const tape = compiled('ln(x1) + x1*x2 - sin(x2)');
    const { container } = render(<Page tape={tape} x={X} />);
    act(() => {
      useStore.getState().setSeed('x2');
      useStore.getState().setStep(10);
    });
    expect(panelCount(container, 'forward')).toBe('0/2');
    expect(stripCount(container)).toBe('0/2');
    expect(cell(container, 'forward', 'y/x1').state).toBe('empty');
    expect(entry(container, 'forward:x1')).toBeNull();

    // The timeline finishes e(x2)'s sweep: its column, in both.
    setStep(END);
    expect([panelCount(container, 'forward'), stripCount(container)]).toEqual(['1/2', '1/2']);
    expect(cell(container, 'forward', 'y/x2').value).toBe(String(paper.gradient.x2));
    expect(entry(container, 'forward:x2')).toBe(String(paper.gradient.x2));
    expect(cell(container, 'forward', 'y/x1').state).toBe('empty');

    // The panel offers the sweep not run yet, e(x1), and runs it on the timeline.
    fireEvent.click(screen.getByRole('button', { name: /Run forward sweep 1/ }));
    const s = useStore.getState();
    expect([s.seed, s.playing]).toEqual(['x1', true]);
    // e(x2)'s column stays while e(x1)'s sweep runs.
    expect([panelCount(container, 'forward'), stripCount(container)]).toEqual(['1/2', '1/2']);
    expect(cell(container, 'forward', 'y/x2').state).toBe('filled');
    setStep(END);
    expect([panelCount(container, 'forward'), stripCount(container)]).toEqual(['2/2', '2/2']);
    expect(entry(container, 'forward:x1')).toBe(String(paper.gradient.x1));
    expect(cell(container, 'forward', 'y/x1').value).toBe(String(paper.gradient.x1));

    // Starting over forgets forward mode's sweeps, in both.
    fireEvent.click(screen.getByRole('button', { name: /Start over: forward sweep 1/ }));
    expect([panelCount(container, 'forward'), stripCount(container)]).toEqual(['0/2', '0/2']);
    expect(entry(container, 'forward:x2')).toBeNull();

    // "Show both complete" runs every sweep: both say so.
    fireEvent.click(screen.getByRole('button', { name: 'Show both complete' }));
    expect([panelCount(container, 'forward'), stripCount(container)]).toEqual(['2/2', '2/2']);
    expect(panelCount(container, 'reverse')).toBe('1/1');
  });

  it('agree at every step of the timeline, before and after the other sweep ran', () => {
    const tape = compiled('ln(x1) + x1*x2 - sin(x2)');
    act(() => useStore.getState().setSeed('x2'));
    const { container } = render(<Page tape={tape} x={X} />);
    const steps = buildTrace(tape, X).steps.length;
    for (const round of [0, 1]) {
      for (let step = 0; step <= steps; step++) {
        setStep(step);
        expect(panelCount(container, 'forward'), `round ${round}, step ${step}`).toBe(stripCount(container));
      }
      // Run e(x1)'s sweep to its end, then go back to e(x2)'s timeline.
      act(() => useStore.getState().setSeed('x1'));
      setStep(END);
      act(() => useStore.getState().setSeed('x2'));
    }
  });

  it('reverse mode: a row only for an adjoint sweep run, the strip’s entries its values', () => {
    const tape = compiled('p = a*b*c; q = a + b^2 + c^3; r = cos(a - c)');
    const [a, b, c] = [1, 2, 0.5];
    // Seeds chosen on the page (after it opened), so only the sweeps then run count.
    const { container } = render(<Page tape={tape} x={[a, b, c]} />);
    act(() => {
      useStore.getState().setSeed('c');
      useStore.getState().setAdjointSeed('r');
      useStore.getState().setStep(END);
    });
    expect(panelCount(container, 'forward')).toBe('1/3');
    expect(stripCount(container)).toBe('1/3');
    expect(panelCount(container, 'reverse')).toBe('1/3');
    expect(['p', 'q', 'r'].map((o) => cell(container, 'reverse', `${o}/a`).state)).toEqual([
      'empty',
      'empty',
      'filled',
    ]);
    fireEvent.click(screen.getByRole('button', { name: /Run reverse sweep 1/ }));
    expect(useStore.getState().adjointSeed).toBe('p');
    setStep(END);
    expect(panelCount(container, 'reverse')).toBe('2/3');
    expect(['p', 'q', 'r'].map((o) => cell(container, 'reverse', `${o}/a`).state)).toEqual([
      'filled',
      'empty',
      'filled',
    ]);
    // The strip shows the seeded output's gradient: p's row, as the panel has it.
    for (const x of ['a', 'b', 'c'])
      expect(entry(container, `reverse:${x}`)).toBe(cell(container, 'reverse', `p/${x}`).value);
    expect(screen.getByRole('button', { name: /Run reverse sweep 2/ })).toBeTruthy();
  });
});
