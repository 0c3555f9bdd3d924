import { describe, expect, it } from 'vitest';
import { compile, type Tape } from '../../src/core/index';

/** What numbering and merging decide: each node's rule and operands (constants by value). */
function shape(tape: Tape): string {
  return tape.nodes
    .map(
      (n) => `${n.id}=${n.op}(${n.args.map((a) => (a.kind === 'node' ? a.index : `c${a.value}`)).join(',')})`,
    )
    .join(' ');
}

function tapeOf(text: string): Tape {
  const c = compile(text);
  if (!c.ok) throw new Error(c.error.message);
  return c.tape;
}

/** A sum of n distinct products, each written twice (merging keeps one of each). */
const repeated = (n: number) => Array.from({ length: n }, (_, i) => `x*${i + 2} + x*${i + 2}`).join(' + ');

describe('tape building: the value-numbering table kept between tapes', () => {
  it('merges the same way whatever was built before, large or small', () => {
    // Each text alone, in a fresh order: the reference (the table is emptied between tapes, so a
    // stale entry from an earlier tape would merge an operation into a node of another tape).
    const texts = [
      'sin(x)*sin(x) + y',
      repeated(400),
      'x*2 + x*2 + y*2',
      repeated(40),
      'ln(x) + x*y - sin(y)',
    ];
    const first = texts.map((t) => shape(tapeOf(t)));
    for (const order of [[...texts].reverse(), [texts[1]!, texts[0]!, texts[1]!, texts[2]!]]) {
      for (const t of order) expect(shape(tapeOf(t))).toBe(first[texts.indexOf(t)]);
    }
    // Merging did happen: each repeated product is one node.
    expect(tapeOf(repeated(400)).nodes.filter((n) => n.op === 'mul').length).toBe(400);
    expect(tapeOf('sin(x)*sin(x) + y').nodes.filter((n) => n.op === 'sin').length).toBe(1);
  });
});
