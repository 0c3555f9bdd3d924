// @vitest-environment jsdom
/** GraphView in the DOM: the page hooks of CONTRACTS §5 and what the current step lights up. */
import { cleanup, fireEvent, render, screen } from './testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildTrace, compile, type Tape } from '../../src/core/index';
import { GraphView } from '../../src/ui/graph/GraphView';

afterEach(cleanup);

function paper() {
  const r = compile('ln(x1) + x1*x2 - sin(x2)');
  if (!r.ok) throw new Error(r.error.message);
  return { tape: r.tape as Tape, trace: buildTrace(r.tape, [2, 5]) };
}

function renderAt(step: number, hovered: number | null = null) {
  const { tape, trace } = paper();
  const onHover = vi.fn();
  const onSelect = vi.fn();
  const view = render(
    <GraphView
      tape={tape}
      trace={trace}
      step={step}
      hovered={hovered}
      onHover={onHover}
      onSelect={onSelect}
    />,
  );
  const node = (id: string) => view.container.querySelector<SVGGElement>(`[data-node="${id}"]`)!;
  return { view, node, onHover, onSelect, trace };
}

describe('GraphView', () => {
  it('renders one data-node element per node, inside a labelled svg, and a Fit button', () => {
    const { view } = renderAt(0);
    const ids = [...view.container.querySelectorAll('[data-node]')].map((n) => n.getAttribute('data-node'));
    expect(ids).toEqual(['v-1', 'v0', 'v1', 'v2', 'v3', 'v4', 'v5']);
    expect(screen.getByRole('img', { name: 'Computational graph with 7 nodes' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Fit graph to view' })).toBeTruthy();
  });

  it('shows values only once the timeline reaches them', () => {
    const { node } = renderAt(3);
    expect(node('v1').textContent).toContain('v = 0.693');
    expect(node('v2').textContent).not.toContain('v =');
  });

  it('highlights the current step and the edges it reads', () => {
    const { node, view } = renderAt(11); // tangent of v2 = v−1 × v0
    expect(node('v2').getAttribute('class')).toContain('is-current');
    expect(node('v2').getAttribute('class')).toContain('phase-tangent');
    expect(node('v-1').getAttribute('class')).toContain('is-read');
    const lit = view.container.querySelectorAll('.graph-edges-active .graph-edge-tangent');
    expect(lit).toHaveLength(2);
  });

  it('sends an adjoint step back along its edge, and counts contributions', () => {
    const { node, view } = renderAt(20); // v̄0 += v̄3 · cos v0, the first of two contributions
    expect(node('v0').getAttribute('class')).toContain('phase-adjoint');
    expect(view.container.querySelectorAll('.graph-edges-active .graph-edge-back')).toHaveLength(1);
    expect(node('v0').querySelector('title')!.textContent).toContain('(1 of 2 contributions)');
    expect(node('v0').querySelectorAll('.graph-fanin circle')).toHaveLength(2);
  });

  it('reports hover and clicks, and outlines the hovered node', () => {
    const { node, onHover, onSelect } = renderAt(0, 3);
    expect(node('v2').getAttribute('class')).toContain('is-hovered');
    fireEvent.pointerEnter(node('v1'));
    expect(onHover).toHaveBeenLastCalledWith(2);
    fireEvent.pointerLeave(node('v1'));
    expect(onHover).toHaveBeenLastCalledWith(null);
    fireEvent.click(node('v5'));
    expect(onSelect).toHaveBeenCalledWith(6);
  });
});
