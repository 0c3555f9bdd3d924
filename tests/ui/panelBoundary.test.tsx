// @vitest-environment jsdom
/**
 * Failure containment (issue 4, part 5): a panel that throws shows a message and a Retry while the
 * rest of the page keeps working, and what the user typed stays in the editor and in the link.
 */
import { act, cleanup, fireEvent, render, screen } from './testing';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { currentLink } from '../../src/state/urlSync';
import { useStore } from '../../src/state/store';
import { decode, DEFAULT_STATE } from '../../src/state/urlCodec';
import { PanelBoundary } from '../../src/ui/PanelBoundary';

/** Graph drawing fails while `failGraph.on` is set: the real GraphView is replaced by one that throws. */
const failGraph = vi.hoisted(() => ({ on: false }));
vi.mock('../../src/ui/graph/GraphView', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/ui/graph/GraphView')>();
  return {
    ...real,
    GraphView: (props: Parameters<typeof real.GraphView>[0]) => {
      if (failGraph.on) throw new Error('the layout engine gave up');
      return <div data-testid="graph-ok">{props.tape.nodes.length} nodes</div>;
    },
  };
});

const { App } = await import('../../src/ui/App');

let consoleError: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  // React reports every caught render error on the console; these are expected here.
  consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
  failGraph.on = false;
  useStore.getState().load(DEFAULT_STATE);
});
afterEach(() => {
  cleanup();
  consoleError.mockRestore();
  vi.useRealTimers();
});

function Bomb({ armed }: { armed: { current: boolean } }) {
  if (armed.current) throw new Error('boom');
  return <p>drawn</p>;
}

function Counter() {
  const [n, setN] = useState(0);
  return (
    <button type="button" onClick={() => setN(n + 1)}>
      clicked {n}
    </button>
  );
}

describe('PanelBoundary', () => {
  it('shows the message and a Retry in place of a panel that throws; its sibling keeps working', () => {
    const armed = { current: true };
    render(
      <>
        <PanelBoundary name="graph">
          <Bomb armed={armed} />
        </PanelBoundary>
        <PanelBoundary name="trace table">
          <Counter />
        </PanelBoundary>
      </>,
    );
    expect(screen.getByRole('alert').textContent).toContain('The graph could not be drawn: boom');
    expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy();
    expect(screen.queryByText('drawn')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'clicked 0' }));
    fireEvent.click(screen.getByRole('button', { name: 'clicked 1' }));
    expect(screen.getByRole('button', { name: 'clicked 2' })).toBeTruthy();
  });

  it('Retry draws the panel again (and fails again, still contained, if the fault remains)', () => {
    const armed = { current: true };
    render(
      <PanelBoundary name="graph">
        <Bomb armed={armed} />
      </PanelBoundary>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(screen.getByRole('alert')).toBeTruthy();
    armed.current = false;
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(screen.getByText('drawn')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('clears the failure by itself when its reset key changes (a new expression)', () => {
    const armed = { current: true };
    const view = render(
      <PanelBoundary name="graph" resetKey={1}>
        <Bomb armed={armed} />
      </PanelBoundary>,
    );
    expect(screen.getByRole('alert')).toBeTruthy();
    armed.current = false;
    view.rerender(
      <PanelBoundary name="graph" resetKey={2}>
        <Bomb armed={armed} />
      </PanelBoundary>,
    );
    expect(screen.getByText('drawn')).toBeTruthy();
  });
});

describe('a failing panel in the app', () => {
  it('keeps the editor, the table and the link working, and what was typed is kept', async () => {
    vi.useFakeTimers();
    failGraph.on = true;
    render(<App />);
    const graph = screen.getByRole('region', { name: 'Computational graph' });
    expect(graph.textContent).toContain('The graph could not be drawn: the layout engine gave up');
    // The trace table is drawn beside it.
    expect(document.querySelectorAll('[data-kind="primal"]')).toHaveLength(7);

    const editor = screen.getByRole('textbox', { name: 'Expression' }) as HTMLTextAreaElement;
    fireEvent.change(editor, { target: { value: 'x*y + sin(x)' } });
    await act(async () => {
      await vi.advanceTimersByTimeAsync(1000);
    });
    expect(editor.value).toBe('x*y + sin(x)');
    expect(useStore.getState().text).toBe('x*y + sin(x)');
    expect(decode(currentLink()).state.text).toBe('x*y + sin(x)');
    // The new expression reached the table (x, y, x*y, sin(x), the sum: five nodes).
    expect(document.querySelectorAll('[data-kind="primal"]')).toHaveLength(5);
    expect(graph.textContent).toContain('could not be drawn');

    // Once the fault is gone, Retry brings the graph back with the current expression.
    failGraph.on = false;
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(screen.getByTestId('graph-ok').textContent).toBe('5 nodes');
  });
});
