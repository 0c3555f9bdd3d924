/**
 * What every core test needs: compile or fail loudly, read inputs by name, compare numbers with a
 * stated relative tolerance, and differentiate numerically (central differences) as a reference.
 */
import { expect } from 'vitest';
import { compile, type Tape, type TapeOptions } from '../../src/core/index';

/** Compiles `text`, failing the test with the core's message if it does not compile. */
export function compileOk(text: string, options: TapeOptions = {}): Tape {
  const r = compile(text, options);
  if (!r.ok) throw new Error(`expected ${JSON.stringify(text)} to compile, got ${JSON.stringify(r.error)}`);
  return r.tape;
}

/** The input vector in the tape's order (natural sort of names) from values given by name. */
export function inputVector(tape: Tape, values: Readonly<Record<string, number>>): number[] {
  return tape.inputs.map((i) => {
    const x = values[i.name];
    if (x === undefined) throw new Error(`no value for input ${i.name}`);
    return x;
  });
}

/** |a − b| ≤ rel · max(|a|, |b|) + abs. */
export function isClose(a: number, b: number, rel: number, abs = 0): boolean {
  if (Object.is(a, b)) return true;
  return Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b)) + abs;
}

/** Asserts `actual` ≈ `expected` to a relative tolerance, with a readable failure message. */
export function expectClose(actual: number, expected: number, rel: number, what = '', abs = 0): void {
  if (!isClose(actual, expected, rel, abs)) {
    expect.fail(`${what ? `${what}: ` : ''}${actual} is not within ${rel} (relative) of ${expected}`);
  }
}

/** Central difference (f(a + h) − f(a − h)) / 2h with a step scaled to the point. */
export function centralDifference(
  f: (a: number) => number,
  a: number,
  h = 1e-5 * Math.max(1, Math.abs(a)),
): number {
  return (f(a + h) - f(a - h)) / (2 * h);
}
