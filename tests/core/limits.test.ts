/**
 * The limits are named constants, listed in the README's "Limits" table (issue 4, part 4): this test
 * keeps the table and the code in step, and checks that the link codec's expression limit is the
 * parser's, so a link can carry every expression the editor accepts and nothing longer.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  MAX_NESTING_DEPTH,
  MAX_OPERATIONS,
  MAX_SOURCE_LENGTH,
  MAX_VALUE_LENGTH,
  parse,
  parseValue,
} from '../../src/core/index';
import { MAX_FILE_BYTES } from '../../src/cli/source';
import {
  DEFAULT_STATE,
  encode,
  makeValues,
  MAX_LINK_LENGTH,
  MAX_STEP,
  MAX_TEXT_LENGTH,
} from '../../src/state/urlCodec';
import { KATEX_OPTIONS } from '../../src/ui/katexOptions';

const CONSTANTS: Record<string, number> = {
  MAX_SOURCE_LENGTH,
  MAX_NESTING_DEPTH,
  MAX_OPERATIONS,
  MAX_LINK_LENGTH,
  MAX_TEXT_LENGTH,
  MAX_STEP,
  MAX_VALUE_LENGTH,
  MAX_FILE_BYTES,
  'KATEX_OPTIONS.maxSize': KATEX_OPTIONS.maxSize,
  'KATEX_OPTIONS.maxExpand': KATEX_OPTIONS.maxExpand,
};

/** The README's limits table as constant name → the number written in its value column. */
function readmeLimits(): Map<string, number> {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('### Limits'));
  const table = section.slice(0, section.indexOf('\n\n', section.indexOf('|')));
  const rows = new Map<string, number>();
  for (const line of table.split('\n').filter((l) => l.startsWith('|'))) {
    const [, value = '', constant = ''] = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    const name = /`([^`]+)`/.exec(constant)?.[1];
    const number = /^[\d,]+/.exec(value)?.[0];
    if (name && number) rows.set(name, Number(number.replace(/,/g, '')));
  }
  return rows;
}

describe('limits', () => {
  it('are all in the README table, with the values the code uses', () => {
    const rows = readmeLimits();
    expect([...rows.keys()].sort()).toEqual(Object.keys(CONSTANTS).sort());
    for (const [name, value] of Object.entries(CONSTANTS)) expect(rows.get(name), name).toBe(value);
  });

  it('let a link carry every expression the parser accepts, and nothing longer', () => {
    expect(MAX_TEXT_LENGTH).toBe(MAX_SOURCE_LENGTH);
    // Valid text is ASCII (the lexer refuses anything else), so each character takes at most three
    // in the link (`%20`): the worst expression at the length limit still fits in a link.
    const worst = `x${' '.repeat(MAX_SOURCE_LENGTH - 1)}`;
    expect(parse(worst).ok).toBe(true);
    expect(
      encode({ ...DEFAULT_STATE, text: worst, values: makeValues([['x', '-0.5']]) }).length,
    ).toBeLessThanOrEqual(MAX_LINK_LENGTH);
  });

  it('are enforced with messages that name them', () => {
    const tooLong = parse('x'.repeat(MAX_SOURCE_LENGTH + 1));
    expect(tooLong.ok ? '' : tooLong.error.message).toBe(
      `Expression too long: ${MAX_SOURCE_LENGTH + 1} characters (limit ${MAX_SOURCE_LENGTH})`,
    );
    const tooDeep = parse(`${'('.repeat(MAX_NESTING_DEPTH + 1)}x${')'.repeat(MAX_NESTING_DEPTH + 1)}`);
    expect(tooDeep.ok ? '' : tooDeep.error.message).toBe(`Nested too deeply (limit ${MAX_NESTING_DEPTH})`);
    expect(parseValue('x1', '1'.repeat(MAX_VALUE_LENGTH + 1))).toEqual({
      ok: false,
      message: `x1 is too long: ${MAX_VALUE_LENGTH + 1} characters (limit ${MAX_VALUE_LENGTH})`,
    });
    const tooLarge = parse(
      Array(MAX_OPERATIONS + 2)
        .fill('x')
        .join('+'),
    );
    expect(tooLarge.ok ? '' : tooLarge.error.message).toBe(
      `Expression too large (limit ${MAX_OPERATIONS} operations)`,
    );
  });
});
