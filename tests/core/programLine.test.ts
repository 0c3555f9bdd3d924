/**
 * A program on one line (titles, captions, gallery cards): comments left out, and the line still
 * the same program. The parser is the oracle: the one-line text must parse to the tree of the
 * original, and fail where the original fails.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, printProgram } from '../../src/core/index';
import { programLine } from '../../src/core/programLine';
import { programArb, stripSpans, validText, mutatedText } from '../fuzz/properties';

/** The tree of a text without positions, or null where it does not parse. */
const tree = (text: string): string | null => {
  const r = parse(text);
  return r.ok ? JSON.stringify(stripSpans(r.program)) : null;
};

describe('programLine', () => {
  it('leaves out # comments, which run to the end of their line', () => {
    expect(programLine('# Babylonian square root: r ← (r + a/r)/2 until r² = a\nr = a\nreturn r')).toBe(
      'r = a; return r',
    );
    expect(programLine('y = x # the input\nz = y*y  # squared')).toBe('y = x; z = y*y');
    expect(programLine('# only a comment')).toBe('');
    expect(programLine('')).toBe('');
  });

  it('puts no separator after { or before }, and none before an else on its own line', () => {
    expect(programLine('y = x\nfor i in 1..3 {\n  y = y*y\n}\nreturn y')).toBe(
      'y = x; for i in 1..3 { y = y*y }; return y',
    );
    expect(
      programLine(
        'if x < 0 {\n  y = 0.5*x\n}\nelse if x > 1 {\n  y = x\n}\n\nelse {\n  y = x*x\n}\nreturn y',
      ),
    ).toBe('if x < 0 { y = 0.5*x } else if x > 1 { y = x } else { y = x*x }; return y');
    expect(programLine('for i in 1..2 {\n}\ny = x')).toBe('for i in 1..2 { }; y = x');
    // A name that begins with "else" is a statement of its own.
    expect(programLine('if x > 0 { y = x }\nelsewhere = 2')).toBe('if x > 0 { y = x }; elsewhere = 2');
  });

  it('keeps the user’s spelling and separators, with whitespace runs made one space', () => {
    expect(programLine('a = x ** 2;\n\tb = .5*a\r\n')).toBe('a = x ** 2; b = .5*a');
    expect(programLine('a = x\n;\nb = a')).toBe('a = x ; b = a');
    expect(programLine('  if abs(y) <= 1 { z = y } else { z = -y }  # pick  ')).toBe(
      'if abs(y) <= 1 { z = y } else { z = -y }',
    );
  });

  it('is the same program as the text it came from (random programs written over several lines, with comments)', () => {
    const written = fc
      .tuple(
        programArb(3, undefined, 2),
        fc.boolean(),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 40 }),
      )
      .map(([p, elseOnItsLine, comments]) => {
        let text = printProgram(p, true);
        if (elseOnItsLine) text = text.replace(/\} else/g, '}\nelse');
        // A comment at the end of some lines, holding what would break the line if it were code.
        return text
          .split('\n')
          .map((l, i) => (comments[i % comments.length] ? `${l} # note { } ; else # ${i}` : l))
          .join('\n');
      });
    fc.assert(
      fc.property(fc.oneof(written, validText, mutatedText), (text) => {
        const line = programLine(text);
        expect(line).not.toMatch(/[#\n]/);
        expect(tree(line)).toBe(tree(text));
      }),
      { numRuns: 3000, seed: 1502_05767 },
    );
  });
});
