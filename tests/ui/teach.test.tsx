// @vitest-environment jsdom
/**
 * The teaching panels in the DOM: the tab strip drives the `view` of the store; the Jacobian explorer
 * fills by sweeps and its buttons run the next sweep on the timeline; the finite-difference and
 * symbolic panels show the AD value of Table 2; dual numbers and forward mode reach the trace table
 * and the graph.
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from './testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import paper from '../fixtures/baydin2018-tables.json';
import { buildTrace, compile, type Tape } from '../../src/core/index';
import { useStore } from '../../src/state/store';
import { DEFAULT_STATE } from '../../src/state/urlCodec';
import { GraphView } from '../../src/ui/graph/GraphView';
import { TraceTable } from '../../src/ui/table/TraceTable';
import { FiniteDiffPanel } from '../../src/ui/teach/FiniteDiffPanel';
import { JacobianPanel } from '../../src/ui/teach/JacobianPanel';
import { SidePanel } from '../../src/ui/teach/SidePanel';
import { SymbolicPanel } from '../../src/ui/teach/SymbolicPanel';

afterEach(cleanup);
beforeEach(() => useStore.getState().load(DEFAULT_STATE));

const X = [paper.point.x1, paper.point.x2];
function compiled(text = paper.function.replace(/^.*= /, '')): Tape {
  const r = compile(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.tape;
}

describe('SidePanel', () => {
  it('has five tabs; choosing one sets the view and shows its panel', async () => {
    const tape = compiled();
    const trace = buildTrace(tape, X);
    const props = { tape, trace, step: 0, hovered: null, onHover: vi.fn(), onJump: vi.fn() };
    const view = render(<SidePanel {...props} />);
    const tabs = screen.getAllByRole('tab');
    // A tab with a short name for narrow panels keeps its full name for screen readers.
    expect(tabs.map((t) => (t.querySelector('.tab-long') ?? t).textContent)).toEqual([
      'Trace',
      'Jacobian',
      'Finite differences',
      'Symbolic',
      'Train',
    ]);
    expect(screen.getByRole('tab', { name: 'Finite differences' }).textContent).toContain('Finite diff.');
    expect(tabs[2]!.querySelector('.tab-short')!.getAttribute('aria-hidden')).toBe('true');
    expect(tabs[0]!.getAttribute('aria-selected')).toBe('true');
    expect(view.container.querySelectorAll('[data-kind]').length).toBeGreaterThan(0);
    fireEvent.click(screen.getByRole('tab', { name: 'Jacobian' }));
    expect(useStore.getState().view).toBe('jacobian');
    view.rerender(<SidePanel {...props} />);
    // The teaching panels load on demand (code-split from the first load).
    await waitFor(() =>
      expect(view.container.querySelector('[data-view="jacobian"] .jac-matrix')).not.toBeNull(),
    );
    fireEvent.keyDown(screen.getByRole('tab', { name: 'Jacobian' }), { key: 'ArrowRight' });
    expect(useStore.getState().view).toBe('fd');
    fireEvent.click(screen.getByRole('tab', { name: 'Train' }));
    expect(useStore.getState().view).toBe('train');
    view.rerender(<SidePanel {...props} />);
    await waitFor(() => expect(view.container.querySelector('[data-view="train"] .train')).not.toBeNull());
  });

  it('shows the dual-number and forward-mode options on the trace tab and writes them to the store', () => {
    const tape = compiled();
    render(
      <SidePanel
        tape={tape}
        trace={buildTrace(tape, X)}
        step={0}
        hovered={null}
        onHover={vi.fn()}
        onJump={vi.fn()}
      />,
    );
    fireEvent.click(screen.getByLabelText('Dual numbers'));
    fireEvent.click(screen.getByLabelText('Forward mode'));
    expect([useStore.getState().dual, useStore.getState().mode]).toEqual([true, 'forward']);
  });
});

describe('JacobianPanel', () => {
  const cells = (root: HTMLElement, mode: string) =>
    [...root.querySelectorAll<HTMLElement>(`.jac-${mode} [data-cell]`)].map((c) => [
      c.dataset.cell,
      c.dataset.state,
      c.dataset.value ?? null,
    ]);

  it("on the paper's example at the last step: one of two forward sweeps, the reverse sweep complete", () => {
    const tape = compiled();
    const trace = buildTrace(tape, X);
    const view = render(<JacobianPanel tape={tape} trace={trace} step={trace.steps.length} />);
    expect(cells(view.container, 'forward')).toEqual([
      ['y/x1', 'filled', String(paper.gradient.x1)],
      ['y/x2', 'empty', null],
    ]);
    expect(cells(view.container, 'reverse')).toEqual([
      ['y/x1', 'filled', String(paper.gradient.x1)],
      ['y/x2', 'filled', String(paper.gradient.x2)],
    ]);
    expect(view.container.querySelector('[data-cheaper]')!.getAttribute('data-cheaper')).toBe('reverse');
    expect(view.container.textContent).toContain('1 of 2');
    expect(view.container.textContent).toContain('1 of 1');
  });

  it('runs the next forward sweep on the timeline: seed e(x2), from the start of the tangent sweep, playing', () => {
    const tape = compiled();
    const trace = buildTrace(tape, X);
    render(<JacobianPanel tape={tape} trace={trace} step={trace.steps.length} />);
    fireEvent.click(screen.getByRole('button', { name: /Run forward sweep 2/ }));
    const s = useStore.getState();
    expect([s.seed, s.step, s.playing]).toEqual(['x2', trace.phases.tangent.start, true]);
  });

  it('computes J ẋ for a typed direction and keeps a bad one as typed, with a message', () => {
    const tape = compiled();
    const trace = buildTrace(tape, X);
    const view = render(<JacobianPanel tape={tape} trace={trace} step={0} />);
    const field = screen.getByLabelText('Direction vector');
    fireEvent.change(field, { target: { value: '2, -1' } });
    expect(useStore.getState().jdir).toEqual([2, -1]);
    view.rerender(<JacobianPanel tape={tape} trace={trace} step={0} />);
    // J ẋ = 2 · 5.5 − 1.716 = 9.284 (Table 2's gradient).
    const expected = (2 * paper.gradient.x1 - paper.gradient.x2).toFixed(3);
    expect(view.container.querySelector('.jac-product-forward')!.textContent).toContain(
      `J ẋ = (${expected})`,
    );
    fireEvent.change(field, { target: { value: '1, oops' } });
    expect((field as HTMLInputElement).value).toBe('1, oops');
    expect(view.container.textContent).toContain('every entry must be a finite number');
    expect(useStore.getState().jdir).toEqual([2, -1]);
  });
});

describe('FiniteDiffPanel and SymbolicPanel', () => {
  it('compares differences at the slider’s h against the AD value of Table 2', () => {
    const tape = compiled();
    const view = render(<FiniteDiffPanel tape={tape} trace={buildTrace(tape, X)} />);
    const cell = (k: string) => view.container.querySelector<HTMLElement>(`[data-fd="${k}"]`)!;
    expect(Number(cell('ad').dataset.value)).toBe(paper.gradient.x1);
    const f = (x1: number) => Math.log(x1) + x1 * 5 - Math.sin(5);
    const h = 10 ** -5; // the slider's h = 10^log10h, as a student would compute it
    expect(Number(cell('central').dataset.value)).toBe((f(2 + h) - f(2 - h)) / (2 * h));
    fireEvent.change(screen.getByLabelText('Step h (log10)'), { target: { value: '-2' } });
    expect(useStore.getState().h).toBe(-2);
    view.rerender(<FiniteDiffPanel tape={tape} trace={buildTrace(tape, X)} />);
    expect(Number(cell('forward').dataset.value)).toBe((f(2 + 0.01) - f(2)) / 0.01);
    expect(view.container.querySelectorAll('.fd-best')).toHaveLength(2);
    expect(view.container.querySelector('.fd-line.fd-forward')!.getAttribute('d')).toMatch(
      /^M[\d.]+,[\d.]+L/,
    );
  });

  it('differentiates by the chosen input and checks the value against AD', () => {
    const tape = compiled();
    const view = render(<SymbolicPanel tape={tape} trace={buildTrace(tape, X)} />);
    const check = () => view.container.querySelector<HTMLElement>('.sym-check')!;
    expect(Number(check().dataset.symbolic)).toBe(paper.gradient.x1);
    expect(check().className).toContain('is-ok');
    act(() => useStore.getState().setFdx('x2'));
    view.rerender(<SymbolicPanel tape={tape} trace={buildTrace(tape, X)} />);
    expect(Number(check().dataset.symbolic)).toBeCloseTo(paper.gradient.x2, 14);
    expect(view.container.querySelector('[data-size="df"]')!.textContent).toBe('18');
  });
});

describe('dual numbers and forward mode in the trace table and the graph', () => {
  it('writes the forward rows of forward mode in one column, values as in Table 2', () => {
    const tape = compiled();
    const trace = buildTrace(tape, X, { mode: 'forward', dual: true });
    const view = render(
      <TraceTable
        tape={tape}
        trace={trace}
        step={trace.steps.length}
        hovered={null}
        onHover={vi.fn()}
        onJump={vi.fn()}
      />,
    );
    const rows = [...view.container.querySelectorAll<HTMLElement>('[data-kind]')];
    expect(rows.filter((r) => r.dataset.kind === 'primal')).toHaveLength(0);
    const forward = rows.filter((r) => r.dataset.kind === 'tangent');
    expect(forward.map((r) => [r.dataset.target, Number(r.dataset.value)])).toEqual(
      paper.table2_forward_tangent_seed_x1.map((t) => [t.id, t.value]),
    );
    expect(rows.filter((r) => r.dataset.kind === 'adjoint')).toHaveLength(
      paper.table3_reverse_adjoint_in_execution_order.length,
    );
    expect(view.container.querySelector('.trace-forward.one-column')).not.toBeNull();
    expect(view.container.querySelector('.dual-legend')).not.toBeNull();
  });

  it('shows graph nodes as v + v̇ε, in forward mode after one step per node', () => {
    const tape = compiled();
    const trace = buildTrace(tape, X, { mode: 'forward', dual: true });
    const view = render(
      <GraphView tape={tape} trace={trace} step={3} hovered={null} onHover={vi.fn()} dual />,
    );
    const dual = (id: string) =>
      view.container.querySelector(`[data-node="${id}"] [data-dual]`)?.textContent ?? null;
    const p = paper.table2_forward_primal;
    const t = paper.table2_forward_tangent_seed_x1;
    expect(dual('v-1')).toBe(`${p[0]!.printed} + ${t[0]!.printed}ε`);
    expect(dual('v1')).toBe(`${p[2]!.printed} + ${t[2]!.printed}ε`);
    expect(dual('v2')).toBeNull();
  });
});
