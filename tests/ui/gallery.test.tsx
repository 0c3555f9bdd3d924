// @vitest-environment jsdom
/**
 * The gallery's cards show each example's program on one line as it would read there: without
 * `#` comments (a comment would swallow the rest of the line) and without a `;` after `{` or before
 * `}`; and that line is the same program as the example (the parser as the oracle).
 */
import { cleanup, render } from './testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from '../../src/core/index';
import { useStore } from '../../src/state/store';
import { DEFAULT_STATE } from '../../src/state/urlCodec';
import { EXAMPLES } from '../../src/ui/examples';
import { GalleryDialog } from '../../src/ui/GalleryDialog';
import { stripSpans } from '../fuzz/properties';

afterEach(cleanup);
beforeEach(() => useStore.getState().load(DEFAULT_STATE));

const tree = (text: string): string => {
  const r = parse(text);
  if (!r.ok) throw new Error(`${JSON.stringify(text)}: ${r.error.message}`);
  return JSON.stringify(stripSpans(r.program));
};

describe('gallery cards', () => {
  const cards = () => {
    const { container } = render(<GalleryDialog onClose={() => {}} />);
    return [...container.querySelectorAll('.gallery-expr')].map((e) => e.textContent ?? '');
  };

  it('show the programs with loops on one line, without comments or stray separators', () => {
    const shown = cards();
    expect(shown).toHaveLength(EXAMPLES.length);
    const card = (start: string) => shown[EXAMPLES.findIndex((e) => e.text.startsWith(start))];
    // Written by hand from the examples' texts.
    expect(card('# Babylonian')).toBe(
      'r = a; while abs(r*r - a) > 1e-12 * a { r = (r + a/r) / 2 }; return r',
    );
    expect(card('y = x\nfor')).toBe('y = x; for i in 1..3 { y = y*y }; return y');
    expect(card('if x < 0')).toBe('if x < 0 { y = 0.5*x } else { y = x*x + 2*x }; return y');
    expect(card('ln(x1)')).toBe('ln(x1) + x1*x2 - sin(x2)');
  });

  it('each card reads as its example’s program', () => {
    cards().forEach((text, i) => {
      expect(text).not.toMatch(/#|\{\s*;|;\s*\}/);
      expect(tree(text)).toBe(tree(EXAMPLES[i]!.text));
    });
  });
});
