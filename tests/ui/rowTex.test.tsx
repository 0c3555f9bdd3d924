// @vitest-environment jsdom
/**
 * A trace row is typeset in two parts, its formula and its numbers (issue 13): a step that reaches a
 * row, or a value edited, must typeset again only the numbers and leave the formula's elements in
 * the page as they were (at 100 nodes a keystroke laid out 3,600 of the page's 4,600 boxes when the
 * whole row was set again). What is shown must still be the whole row, as the trace writes it.
 */
import { cleanup, render } from './testing';
import { afterEach, describe, expect, it } from 'vitest';
import { buildTrace, compile } from '../../src/core/index';
import { RowTex } from '../../src/ui/Tex';

afterEach(cleanup);

/** The TeX sources KaTeX kept in a typeset element's MathML, in order. */
const sources = (el: Element): string[] =>
  [...el.querySelectorAll('annotation')].map((a) => a.textContent ?? '');

function paperTrace(x1: number) {
  const c = compile('ln(x1) + x1*x2 - sin(x2)');
  if (!c.ok) throw new Error(c.error.message);
  return buildTrace(c.tape, [x1, 5]);
}

describe('RowTex', () => {
  it('sets every row of the paper as its formula, then the rest of the row: the two read as the row', () => {
    const trace = paperTrace(2);
    for (const s of trace.steps) {
      const { container, unmount } = render(<RowTex head={s.formula} tex={s.tex} />);
      const parts = container.querySelectorAll('.row-tex > .tex-part');
      expect(parts.length).toBe(2);
      const [formula, rest] = [...parts].map((p) => sources(p).join(''));
      expect(formula).toBe(s.formula);
      // `{}` keeps TeX's space before the relation; without it the parts join into the row.
      expect(rest!.startsWith('{} = ')).toBe(true);
      expect(`${formula}${rest!.slice(2)}`).toBe(s.tex);
      unmount();
    }
  });

  it('keeps the formula’s elements when the numbers change (a value edited) or arrive (a step)', () => {
    const before = paperTrace(2).steps.find((s) => s.phase === 'adjoint' && s.accumulate)!;
    const after = paperTrace(3).steps.find((s) => s.phase === 'adjoint' && s.accumulate)!;
    expect(after.formula).toBe(before.formula);
    expect(after.tex).not.toBe(before.tex);

    // Not reached: the formula alone. Reached: its numbers join it. Edited: other numbers.
    const { container, rerender } = render(<RowTex head={before.formula} tex={before.formula} />);
    const formulaPart = container.querySelector('.tex-part')!;
    const formulaMath = formulaPart.firstElementChild!;
    expect(container.querySelectorAll('.tex-part').length).toBe(1);

    rerender(<RowTex head={before.formula} tex={before.tex} />);
    expect(container.querySelectorAll('.tex-part').length).toBe(2);
    expect(container.querySelector('.tex-part')).toBe(formulaPart);
    expect(formulaPart.firstElementChild).toBe(formulaMath);
    const numbers = container.querySelectorAll('.tex-part')[1]!;
    const shownBefore = sources(numbers).join('');

    rerender(<RowTex head={after.formula} tex={after.tex} />);
    expect(container.querySelector('.tex-part')).toBe(formulaPart);
    expect(formulaPart.firstElementChild).toBe(formulaMath);
    expect(sources(container.querySelectorAll('.tex-part')[1]!).join('')).not.toBe(shownBefore);
    expect(sources(container.querySelectorAll('.tex-part')[1]!).join('')).toBe(
      `{}${after.tex.slice(after.formula.length)}`,
    );
  });

  it('sets a row that does not continue its formula (forward mode: primal ; tangent) whole', () => {
    const c = compile('ln(x1) + x1*x2 - sin(x2)');
    if (!c.ok) throw new Error(c.error.message);
    const forward = buildTrace(c.tape, [2, 5], { mode: 'forward' });
    const s = forward.steps.find((x) => !x.tex.startsWith(`${x.formula} = `));
    expect(s).toBeDefined();
    const { container } = render(<RowTex head={s!.formula} tex={s!.tex} />);
    const parts = container.querySelectorAll('.tex-part');
    expect(parts.length).toBe(1);
    expect(sources(parts[0]!).join('')).toBe(s!.tex);
  });

  it('shows the source, not an empty row, where KaTeX refuses the TeX', () => {
    const { container } = render(<RowTex head="x" tex={'x = \\notacommand{1}'} />);
    expect(container.querySelector('code.row-tex')?.textContent).toBe('x = \\notacommand{1}');
  });
});
