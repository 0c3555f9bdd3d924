// @vitest-environment jsdom
import { cleanup, fireEvent, render } from './testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import paper from '../fixtures/baydin2018-tables.json';
import { buildTrace, compile, type Tape } from '../../src/core/index';
import { TraceTable } from '../../src/ui/table/TraceTable';

afterEach(cleanup);

function paperTrace() {
  const compiled = compile(paper.function.replace(/^.*= /, ''));
  if (!compiled.ok) throw new Error(compiled.error.message);
  return { tape: compiled.tape as Tape, trace: buildTrace(compiled.tape, [paper.point.x1, paper.point.x2]) };
}

function renderAt(step: number, onJump = vi.fn(), onHover = vi.fn()) {
  const { tape, trace } = paperTrace();
  const view = render(
    <TraceTable tape={tape} trace={trace} step={step} hovered={null} onHover={onHover} onJump={onJump} />,
  );
  const rows = [...view.container.querySelectorAll<HTMLElement>('[data-kind]')];
  return { rows, onJump, onHover, trace };
}

describe('TraceTable rows (CONTRACTS §5)', () => {
  it('has one row per primal, tangent and adjoint step, with kind, target and from', () => {
    const { rows } = renderAt(0);
    const kinds = (k: string) => rows.filter((r) => r.dataset.kind === k);
    expect(kinds('primal').map((r) => r.dataset.target)).toEqual(
      paper.table2_forward_primal.map((r) => r.id),
    );
    expect(kinds('tangent').map((r) => r.dataset.target)).toEqual(
      paper.table2_forward_tangent_seed_x1.map((r) => r.id),
    );
    const adjoint = kinds('adjoint');
    expect(adjoint.map((r) => [r.dataset.target, r.dataset.from ?? null])).toEqual(
      paper.table3_reverse_adjoint_in_execution_order.map((r) => [r.target, r.from]),
    );
  });

  it('carries no value before the timeline reaches a row, and shows the formula without numbers', () => {
    const { rows } = renderAt(0);
    expect(rows.every((r) => !r.hasAttribute('data-value'))).toBe(true);
    expect(rows.every((r) => !r.hasAttribute('aria-current'))).toBe(true);
    // v1's formula is shown, but not its value 0.693.
    const v1 = rows.find((r) => r.dataset.kind === 'primal' && r.dataset.target === 'v1')!;
    expect(v1.textContent).toContain('ln');
    expect(v1.textContent).not.toContain('0.693');
  });

  it('at step k, exactly the first k steps carry their values as String(number), and step k is current', () => {
    const k = 10;
    const { rows, trace } = renderAt(k);
    const byStep = [...rows].sort((a, b) => Number(a.dataset.step) - Number(b.dataset.step));
    byStep.forEach((r, i) => {
      if (i < k) expect(r.dataset.value).toBe(String(trace.steps[i]!.value));
      else expect(r.hasAttribute('data-value')).toBe(false);
    });
    const current = rows.filter((r) => r.getAttribute('aria-current') === 'step');
    expect(current).toHaveLength(1);
    expect(current[0]!.dataset.step).toBe(String(k));
  });

  it('at the last step, the values are those of Tables 2 and 3', () => {
    const { rows } = renderAt(1000);
    const adjoint = rows.filter((r) => r.dataset.kind === 'adjoint');
    paper.table3_reverse_adjoint_in_execution_order.forEach((ref, i) => {
      expect(Number(adjoint[i]!.dataset.value)).toBeCloseTo(ref.value, 12);
    });
    for (const ref of paper.table2_forward_primal) {
      const row = rows.find((r) => r.dataset.kind === 'primal' && r.dataset.target === ref.id)!;
      expect(Number(row.dataset.value)).toBeCloseTo(ref.value, 12);
    }
  });

  it('every row is typeset by KaTeX (with MathML for screen readers)', () => {
    const { rows } = renderAt(23);
    expect(rows.every((r) => r.querySelector('.katex math') !== null)).toBe(true);
  });

  it('clicking a row jumps to its step; hovering reports its node', () => {
    const { rows, onJump, onHover } = renderAt(0);
    const row = rows.find(
      (r) => r.dataset.kind === 'adjoint' && r.dataset.target === 'v0' && r.dataset.from === 'v2',
    )!;
    fireEvent.click(row);
    expect(onJump).toHaveBeenCalledWith(Number(row.dataset.step));
    fireEvent.mouseEnter(row);
    expect(onHover).toHaveBeenCalledWith(1); // v0 is the second node (index 1)
  });
});
