import fc from 'fast-check';
import { describe, it } from 'vitest';
import { traceTexRenders } from './properties';
import { RUNS, SEED } from './settings';

describe('fuzz: trace TeX', () => {
  it(`every row of a random trace renders under the production KaTeX options (${RUNS} runs)`, () => {
    fc.assert(traceTexRenders, { numRuns: RUNS, seed: SEED });
  });
});
