import fc from 'fast-check';
import { describe, it } from 'vitest';
import { decodeIsTotal } from './properties';
import { RUNS, SEED } from './settings';

describe('fuzz: decode is total', () => {
  it(`any fragment gives a valid state, or the default example and one problem (${RUNS} runs)`, () => {
    fc.assert(decodeIsTotal, { numRuns: RUNS, seed: SEED });
  });
});
