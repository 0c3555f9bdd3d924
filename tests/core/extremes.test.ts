/**
 * Numerics at the extremes (issue 14, items 3, 4 and 6): derivatives that keep their precision where
 * a naive formula under- or overflows, one convention for 0 · ∞ so that forward and reverse mode give
 * the same numbers, gradients computed through an overflowed value flagged, and names ordered and
 * chosen exactly.
 *
 * The exact values were computed with mpmath 1.3 at 50 significant digits (python3, mp.dps = 50):
 *   d(x/y)/dy = −x/y²             at (1e300, 1e160): −1e-20;   at (1e-300, 1e-200): −1e100
 *   d atan2(x, y) = (y, −x)/(x²+y²) at (1e160, 1e160): ±5e-161; at (1e-170, 1e-170): ±5e169
 *   σ′(a) = σ(a)(1 − σ(a))        at 40: 4.2483542552915889592e-18; at 20: 2.0611536139418493437e-9
 *   tanh′(a) = sech² a            at 20: 1.6993417021166355837e-17
 */
import { describe, expect, it } from 'vitest';
import {
  adjointValues,
  buildTrace,
  jacobianForward,
  jacobianReverse,
  naturalCompare,
  primal,
  tangent,
  unit,
} from '../../src/core/index';
import { compileOk, expectClose } from './harness';

/** Both modes' gradient of the first output: n tangent sweeps, one adjoint sweep. */
function gradients(text: string, x: number[]): { forward: number[]; reverse: number[] } {
  const tape = compileOk(text);
  const v = primal(tape, x);
  const out = tape.outputs[0]!.index;
  const forward = tape.inputs.map((_, j) => tangent(tape, v, unit(tape.n, j))[out]!);
  const vBar = adjointValues(tape, v, [1]);
  return { forward, reverse: tape.inputs.map((i) => vBar[i.index]!) };
}

describe('partials that keep their precision at the extremes', () => {
  const cases: [string, number[], number[]][] = [
    ['x/y', [1e300, 1e160], [1e-160, -1e-20]],
    ['x/y', [1e-300, 1e-200], [1e200, -1e100]],
    ['atan2(x, y)', [1e160, 1e160], [5e-161, -5e-161]],
    ['atan2(x, y)', [1e-170, 1e-170], [5e169, -5e169]],
    ['sigmoid(x)', [40], [Number('4.2483542552915889592e-18')]],
    ['sigmoid(x)', [20], [Number('2.0611536139418493437e-9')]],
    ['tanh(x)', [20], [Number('1.6993417021166355837e-17')]],
  ];
  it.each(cases)('%s at %j', (text, x, exact) => {
    const { forward, reverse } = gradients(text, x);
    exact.forEach((e, j) => {
      expectClose(forward[j]!, e, 1e-12, `forward ∂/∂x${j}`);
      expectClose(reverse[j]!, e, 1e-12, `reverse ∂/∂x${j}`);
    });
  });
});

describe('0 · ∞ = 0 in derivative products: forward and reverse mode agree', () => {
  // The true derivatives: sqrt(x)*0 is 0; 0*sqrt(x) + x has slope 1; x^1.5 and |x|^0.5 … see below.
  const cases: [string, number, number][] = [
    ['sqrt(x)*0', 0, 0],
    ['0*sqrt(x) + x', 0, 1],
    ['x^0.5*x', 0, 0], // x^1.5, whose derivative 1.5 x^0.5 is 0 at 0
    ['abs(x)^0.5', 0, 0], // the convention abs'(0) = 0 times an infinite partial
  ];
  it.each(cases)('%s at %d', (text, x, expected) => {
    const tape = compileOk(text);
    const v = primal(tape, [x]);
    expect(jacobianForward(tape, v)[0]![0]).toBe(expected);
    expect(jacobianReverse(tape, v)[0]![0]).toBe(expected);
  });
});

describe('a gradient computed through an overflowed value is flagged', () => {
  it('sqrt(x*x + y*y) at (3e200, 4e200): y overflows, and so does the path of each gradient entry', () => {
    const tape = compileOk('sqrt(x*x + y*y)');
    const trace = buildTrace(tape, [3e200, 4e200]);
    expect(trace.v[tape.outputs[0]!.index]).toBe(Infinity);
    // The exact gradient is (0.6, 0.8); the sweeps give 0 through x*x = ∞: both entries are flagged.
    expect([...trace.vBar.slice(0, 2)]).toEqual([0, 0]);
    expect([...trace.throughNonFinite].every((k) => k >= 0)).toBe(true);
    expect(tape.nodes[trace.throughNonFinite[0]!]!.op).toBe('mul');
  });

  it('flags nothing when every value on the way is finite, and only the inputs on an overflowed path', () => {
    const fine = buildTrace(compileOk('sqrt(x*x + y*y)'), [3, 4]);
    expect([...fine.throughNonFinite]).toEqual([-1, -1]);
    const tape = compileOk('exp(x) + y');
    const t = buildTrace(tape, [1000, 1]);
    expect(t.throughNonFinite[0]).toBe(2); // exp(x), where the overflow starts
    expect(t.throughNonFinite[1]).toBe(3); // y's path goes only through the sum, which is ∞
  });
});

describe('names, exactly (issue 14, items 3 and 4)', () => {
  it('orders inputs with long digit runs by their exact value, not as doubles', () => {
    expect(naturalCompare('x12345678901234567', 'x12345678901234568')).toBeLessThan(0);
    expect(naturalCompare('x2', 'x10')).toBeLessThan(0);
    expect(naturalCompare('x01', 'x1')).toBeGreaterThan(0);
    for (const text of [
      'x12345678901234568 + x12345678901234567',
      'x12345678901234567 + x12345678901234568',
    ]) {
      expect(compileOk(text).inputs.map((i) => [i.name, i.id])).toEqual([
        ['x12345678901234567', 'v-1'],
        ['x12345678901234568', 'v0'],
      ]);
    }
  });

  it('names a bare output so that no input has its name', () => {
    expect(compileOk('y + f + out').outputs.map((o) => o.name)).toEqual(['y1']);
    expect(compileOk('y + f + out + y1').outputs.map((o) => o.name)).toEqual(['y2']);
    expect(compileOk('y + x').outputs.map((o) => o.name)).toEqual(['f']);
    expect(compileOk('y1 + x; x*2').outputs.map((o) => o.name)).toEqual(['y2', 'y3']);
  });
});
