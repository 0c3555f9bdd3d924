// @vitest-environment jsdom
/**
 * Large expressions in the DOM: a graph above SYNC_LAYOUT_MAX_NODES says it is laying out, then
 * draws every node (here without a worker, as where workers cannot run); a trace table above
 * VIRTUALIZE_ABOVE steps renders a window of rows, always with the current one, each rendered row
 * carrying the attributes of CONTRACTS §5.
 */
import { act, cleanup, render, screen, waitFor } from './testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateExpression } from '../../bench/generate';
import { buildTrace, compile, type Tape, type Trace } from '../../src/core/index';
import { GraphView } from '../../src/ui/graph/GraphView';
import { SYNC_LAYOUT_MAX_NODES } from '../../src/ui/graph/useGraphLayout';
import { TraceTable } from '../../src/ui/table/TraceTable';
import { VIRTUALIZE_ABOVE } from '../../src/ui/table/virtual';

afterEach(cleanup);

function large(operations: number, seed = 5): { tape: Tape; trace: Trace } {
  const { text } = generateExpression({ operations, inputs: 4, seed });
  const c = compile(text);
  if (!c.ok) throw new Error(c.error.message);
  return { tape: c.tape, trace: buildTrace(c.tape, [1.1, 0.9, 1.3, 0.7]) };
}

describe('a graph too large to lay out on the main thread', () => {
  it('says "laying out", then draws one element per node', async () => {
    const { tape, trace } = large(520);
    expect(tape.nodes.length).toBeGreaterThan(SYNC_LAYOUT_MAX_NODES);
    const view = render(<GraphView tape={tape} trace={trace} step={0} hovered={null} onHover={vi.fn()} />);
    expect(screen.getByRole('status').textContent).toBe(`Laying out ${tape.nodes.length} nodes…`);
    expect(view.container.querySelectorAll('[data-node]')).toHaveLength(0);
    await waitFor(
      () => expect(view.container.querySelectorAll('[data-node]')).toHaveLength(tape.nodes.length),
      {
        timeout: 10_000,
      },
    );
    expect(view.container.querySelector('.graph-pending')).toBeNull();
    const ids = new Set(
      [...view.container.querySelectorAll('[data-node]')].map((n) => n.getAttribute('data-node')),
    );
    expect(ids).toEqual(new Set(tape.nodes.map((n) => n.id)));
  });
});

describe('a large graph edited into another', () => {
  it('keeps the graph drawn last, faded, until the new one is laid out', async () => {
    const first = large(520);
    const second = large(540, 6);
    const view = render(
      <GraphView tape={first.tape} trace={first.trace} step={3} hovered={null} onHover={vi.fn()} />,
    );
    const nodes = () => view.container.querySelectorAll('[data-node]');
    await waitFor(() => expect(nodes()).toHaveLength(first.tape.nodes.length), { timeout: 10_000 });
    const kept = nodes()[0];
    view.rerender(
      <GraphView tape={second.tape} trace={second.trace} step={0} hovered={null} onHover={vi.fn()} />,
    );
    // Laying out: the old graph, held (faded, not interactive), and the message.
    expect(screen.getByRole('status').textContent).toBe(`Laying out ${second.tape.nodes.length} nodes…`);
    expect(nodes()).toHaveLength(first.tape.nodes.length);
    expect(view.container.querySelector('.graph-view.is-held')).not.toBeNull();
    await waitFor(() => expect(nodes()).toHaveLength(second.tape.nodes.length), { timeout: 10_000 });
    expect(view.container.querySelector('.graph-view.is-held')).toBeNull();
    expect(view.container.querySelector('.graph-pending')).toBeNull();
    // The node elements were updated in place, not thrown away and made again.
    expect(nodes()[0]).toBe(kept);
  });
});

describe('a trace table with many steps', () => {
  const { tape, trace } = large(200, 8);

  function renderAt(step: number) {
    const view = render(
      <TraceTable tape={tape} trace={trace} step={step} hovered={null} onHover={vi.fn()} onJump={vi.fn()} />,
    );
    const rows = () => [...view.container.querySelectorAll<HTMLElement>('[data-kind]')];
    return { view, rows };
  }

  it('renders a window of rows, not all of them, with spacers for the rest', () => {
    expect(trace.steps.length).toBeGreaterThan(VIRTUALIZE_ABOVE);
    const { view, rows } = renderAt(0);
    expect(rows().length).toBeGreaterThan(0);
    expect(rows().length).toBeLessThan(trace.steps.length / 2);
    expect(view.container.querySelectorAll('.row-spacer').length).toBeGreaterThan(0);
  });

  it('always renders the current row, far down the adjoint sweep, as the one current step', () => {
    const step = trace.steps.length - 3;
    const { rows } = renderAt(step);
    const current = rows().filter((r) => r.getAttribute('aria-current') === 'step');
    expect(current).toHaveLength(1);
    expect(current[0]!.dataset.step).toBe(String(step));
    expect(current[0]!.dataset.kind).toBe('adjoint');
  });

  it('keeps the row contract on every rendered row', () => {
    const step = Math.floor(trace.steps.length / 2);
    const { rows } = renderAt(step);
    for (const r of rows()) {
      const i = Number(r.dataset.step) - 1;
      const s = trace.steps[i]!;
      expect(r.dataset.kind).toBe(s.phase);
      expect(r.dataset.target).toBe(s.targetId);
      expect(r.dataset.from ?? null).toBe(s.fromId);
      if (i < step) expect(r.dataset.value).toBe(String(s.value));
      else expect(r.hasAttribute('data-value')).toBe(false);
    }
  });

  it('follows the timeline: a new current row appears when the step moves far away', () => {
    const { view, rows } = renderAt(1);
    const far = trace.steps.length - 1;
    act(() => {
      view.rerender(
        <TraceTable tape={tape} trace={trace} step={far} hovered={null} onHover={vi.fn()} onJump={vi.fn()} />,
      );
    });
    expect(
      rows().some((r) => r.dataset.step === String(far) && r.getAttribute('aria-current') === 'step'),
    ).toBe(true);
  });
});
