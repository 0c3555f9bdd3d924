// @vitest-environment jsdom
/**
 * The text the page parses (useModel): a keystroke re-renders only the editor, never the page's
 * component, and the page follows the typed text once typing pauses for PARSE_DEBOUNCE_MS from the
 * last keystroke; a loaded link or example is parsed at once, in the same render as the rest of the
 * state it brings.
 */
import { act, cleanup, render } from './testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useStore } from '../../src/state/store';
import { DEFAULT_STATE } from '../../src/state/urlCodec';
import { PARSE_DEBOUNCE_MS, useModel } from '../../src/ui/useModel';

/** Every render of a component that reads the model, as the page's component does. */
const renders: { text: string; loadCount: number; nodes: number | undefined }[] = [];
function Page() {
  const m = useModel();
  renders.push({
    text: m.parsedText,
    loadCount: useStore.getState().loadCount,
    nodes: m.shown?.tape?.nodes.length,
  });
  return <p data-testid="parsed">{m.parsedText}</p>;
}

beforeEach(() => {
  vi.useFakeTimers();
  useStore.getState().load(DEFAULT_STATE);
  renders.length = 0;
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const shown = (c: HTMLElement) => c.querySelector('[data-testid="parsed"]')!.textContent;

describe('the text the page parses', () => {
  it('is the loaded text from the first render', () => {
    const { container } = render(<Page />);
    expect(shown(container)).toBe(DEFAULT_STATE.text);
    // The paper's example: two inputs and five operations (Table 2).
    expect(renders[0]!.nodes).toBe(7);
  });

  it('follows a keystroke once typing pauses, without rendering the page on the keystroke', () => {
    const { container } = render(<Page />);
    const before = renders.length;
    act(() => useStore.getState().setText('x*y'));
    expect(renders.length).toBe(before);
    act(() => vi.advanceTimersByTime(PARSE_DEBOUNCE_MS - 1));
    expect(shown(container)).toBe(DEFAULT_STATE.text);
    expect(renders.length).toBe(before);
    act(() => vi.advanceTimersByTime(1));
    expect(shown(container)).toBe('x*y');
    expect(renders.at(-1)!.nodes).toBe(3);
  });

  it('waits for the pause after the last keystroke', () => {
    const { container } = render(<Page />);
    act(() => useStore.getState().setText('x'));
    act(() => vi.advanceTimersByTime(PARSE_DEBOUNCE_MS - 20));
    act(() => useStore.getState().setText('x*'));
    act(() => vi.advanceTimersByTime(PARSE_DEBOUNCE_MS - 20));
    act(() => useStore.getState().setText('x*z'));
    act(() => vi.advanceTimersByTime(PARSE_DEBOUNCE_MS - 1));
    expect(shown(container)).toBe(DEFAULT_STATE.text);
    act(() => vi.advanceTimersByTime(1));
    expect(shown(container)).toBe('x*z');
    // Nothing in between was parsed.
    expect(renders.map((r) => r.text)).not.toContain('x');
    expect(renders.map((r) => r.text)).not.toContain('x*');
  });

  it('takes a load at once, in the render that brings the loaded state, even while typing', () => {
    const { container } = render(<Page />);
    act(() => useStore.getState().setText('x +'));
    const loads = useStore.getState().loadCount;
    act(() => useStore.getState().load({ ...DEFAULT_STATE, text: 'sin(a)*b', values: { a: '1', b: '2' } }));
    expect(shown(container)).toBe('sin(a)*b');
    // No render, not even one React throws away, derived a model from the loaded state and the old
    // text (the page's component, rendered again with the text set during its render, did).
    for (const r of renders) if (r.loadCount > loads) expect(r.text).toBe('sin(a)*b');
    // The pending keystroke's pause ends without bringing back the text typed before the load.
    act(() => vi.advanceTimersByTime(PARSE_DEBOUNCE_MS * 2));
    expect(shown(container)).toBe('sin(a)*b');
  });
});
