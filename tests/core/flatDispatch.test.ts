/**
 * The flat sweeps dispatch rules by a switch on the operation code (flat.ts). Every code must call
 * its own row of the rule table: checked here for all rows, at points inside each rule's domain,
 * against the row's own `eval`, `d0` and `d1`.
 */
import { describe, expect, it } from 'vitest';
import { flatAdjoint, flatAdjointRecord, flatPrimal, flatTangent, type FlatTape } from '../../src/core/flat';
import { RULE_LIST } from '../../src/core/rules';

/** A tape of two inputs and one node applying rule `code` to them (or to the first, if unary). */
function oneNode(code: number): FlatTape {
  const unary = RULE_LIST[code]!.arity === 1;
  return {
    n: 2,
    count: 3,
    op: Uint8Array.from([255, 255, code]),
    a0: Int32Array.from([-1, -1, 0]),
    a1: Int32Array.from([-1, -1, unary ? -1 : 1]),
    c0: new Float64Array(3).fill(NaN),
    c1: new Float64Array(3).fill(NaN),
    outputs: Int32Array.from([2]),
  };
}

const POINTS: [number, number][] = [
  [0.3, 0.7],
  [0.9, 0.2],
  [2.5, 1.5],
];

describe('switch dispatch in the flat sweeps', () => {
  it('has a case for every row of the rule table', () => {
    expect(RULE_LIST).toHaveLength(27);
  });

  for (const [code, rule] of RULE_LIST.entries()) {
    it(`${rule.name}: primal, tangent and adjoint use the row's own functions`, () => {
      const f = oneNode(code);
      for (const [a, b] of POINTS) {
        const bArg = rule.arity === 1 ? NaN : b;
        const v = flatPrimal(f, [a, b]);
        const y = rule.eval(a, bArg);
        expect(v[2]).toBe(y);
        const d0 = rule.d0(a, bArg, y);
        const d1 = rule.arity === 1 ? 0 : rule.d1(a, bArg, y);
        expect(flatTangent(f, v, [1, 0])[2]).toBe(d0);
        expect(flatTangent(f, v, [0, 1])[2]).toBe(d1);
        const vBar = flatAdjoint(f, v, [1]);
        expect([vBar[0], vBar[1]]).toEqual([d0, d1]);
        const rec = flatAdjointRecord(f, v, [1]);
        expect(Array.from(rec.vBar)).toEqual(Array.from(vBar));
        expect(rec.partial[1]).toBe(d0);
      }
    });
  }
});
