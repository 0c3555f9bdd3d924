/**
 * The catalogue's choice for symbols pasted from papers and word processors (BAD_INPUTS.md: "`−x1`
 * (U+2212), `x1×x2`, `x1·x2`: either mapped to ASCII with a visible notice, or rejected with the
 * column"). Decision (README, "Pasted symbols"): rejected at the column with what to type instead, so
 * what is traced is exactly what is in the editor and the link; the editor offers a one-click
 * replacement, built on `replaceLookalikes`.
 */
import { describe, expect, it } from 'vitest';
import { compile, parse, replaceLookalikes } from '../../src/core/index';

describe('pasted look-alike symbols', () => {
  it('are rejected at their column, naming the ASCII character to type', () => {
    const cases: [string, string, number][] = [
      ['\u2212x1', '-', 0], // minus sign
      ['x1 \u2013 x2', '-', 3], // en dash
      ['x1\u00d7x2', '*', 2], // multiplication sign
      ['x1\u00b7x2', '*', 2], // middle dot
      ['x1\u22c5x2', '*', 2], // dot operator
      ['x1\u00f7x2', '/', 2], // division sign
      ['\uff08x1\uff09', '(', 0], // full-width parenthesis
    ];
    for (const [text, ascii, at] of cases) {
      const r = parse(text);
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.error.message).toMatch(new RegExp(`is not allowed: write \\${ascii}$`));
      expect([r.error.start, r.error.end]).toEqual([at, at + 1]);
    }
  });

  it('are replaced one for one by replaceLookalikes, listing each kind once in order of appearance', () => {
    const pasted = 'ln(x1) + x1\u00b7x2 \u2212 sin(x2) \u2212 x1\u00d7x2';
    const { text, found } = replaceLookalikes(pasted);
    expect(text).toBe('ln(x1) + x1*x2 - sin(x2) - x1*x2');
    expect(text).toHaveLength(pasted.length);
    expect(found).toEqual([
      { char: '\u00b7', ascii: '*' },
      { char: '\u2212', ascii: '-' },
      { char: '\u00d7', ascii: '*' },
    ]);
    expect(compile(text).ok).toBe(true);
  });

  it('leave look-alike letters alone: a Cyrillic х is not an x and stays an error', () => {
    const { text, found } = replaceLookalikes('\u04451 + \uff58');
    expect(text).toBe('\u04451 + \uff58');
    expect(found).toEqual([]);
    expect(parse(text).ok).toBe(false);
  });
});
