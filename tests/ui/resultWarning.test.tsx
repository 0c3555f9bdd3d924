// @vitest-environment jsdom
/**
 * The results strip flags a gradient computed through a value that is not finite (issue 14, item 6):
 * sqrt(x*x + y*y) at (3e200, 4e200) overflows at x*x and y*y, and its gradient, 0, comes through ∞.
 * Exact: x*x = 9e400 > MAX_VALUE ≈ 1.8e308, so v1 and v2 are +∞ in doubles.
 */
import { cleanup, render } from './testing';
import { afterEach, describe, expect, it } from 'vitest';
import { buildTrace, compile } from '../../src/core/index';
import { ResultStrip } from '../../src/ui/ResultStrip';

afterEach(cleanup);

const traced = (text: string, x: number[]) => {
  const c = compile(text);
  if (!c.ok) throw new Error(c.error.message);
  const trace = buildTrace(c.tape, x);
  return { tape: c.tape, trace };
};

describe('results strip: a gradient through a value that is not finite', () => {
  it('is flagged with the node it flows through, once the reverse sweep has run', () => {
    const { tape, trace } = traced('sqrt(x*x+y*y)', [3e200, 4e200]);
    const { container, rerender } = render(<ResultStrip tape={tape} trace={trace} step={0} />);
    // Before the reverse sweep nothing is said: the warning's room is kept, hidden from everyone.
    expect(container.querySelector('.result-warning[role="note"]')).toBeNull();
    const kept = container.querySelector('.result-warning');
    expect(kept?.classList.contains('is-reserved')).toBe(true);
    expect(kept?.getAttribute('aria-hidden')).toBe('true');
    rerender(<ResultStrip tape={tape} trace={trace} step={trace.steps.length} />);
    const note = container.querySelector('.result-warning[role="note"]')?.textContent ?? '';
    expect(container.querySelector('.is-reserved')).toBeNull();
    expect(note).toContain('∂f/∂x (v1)');
    expect(note).toContain('∂f/∂y (v2)');
  });

  it('says nothing for a gradient computed through finite values only', () => {
    const { tape, trace } = traced('sqrt(x*x+y*y)', [3, 4]);
    const { container } = render(<ResultStrip tape={tape} trace={trace} step={trace.steps.length} />);
    expect(container.querySelector('.result-warning')).toBeNull();
  });
});
