import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, parse } from '../../src/core/index';
import { checkParseResult, parseIsTotal } from './properties';
import { RUNS, SEED } from './settings';

describe('fuzz: parse and compile are total', () => {
  it(`return a tree or their own error inside the text, never throw (${RUNS} runs)`, () => {
    fc.assert(parseIsTotal, { numRuns: RUNS, seed: SEED });
  });

  it('the check itself catches offsets outside the text and the catch-all message', () => {
    expect(() => checkParseResult('x', { ok: false, error: { message: 'm', start: 0, end: 2 } })).toThrow(
      /outside/,
    );
    expect(() =>
      checkParseResult('x', {
        ok: false,
        error: { message: 'Expression too complex to read', start: 0, end: 1 },
      }),
    ).toThrow(/catch-all/);
    expect(() => checkParseResult('2 +', parse('2 +'))).not.toThrow();
    expect(() => checkParseResult('x', compile('x'))).not.toThrow();
  });
});
