/**
 * The graph view's pure parts: the layered layout and edge paths, what each node shows at a timeline
 * position, and the node labels. The paper's example is ln(x1) + x1*x2 − sin(x2) (Baydin et al. 2018).
 */
import { describe, expect, it } from 'vitest';
import { buildTrace, compile, type Tape } from '../../src/core/index';
import { opLabel } from '../../src/ui/graph/labels';
import { layoutGraph, type GraphLayout } from '../../src/ui/graph/layout';
import { focusAt, indexSteps, valuesAt } from '../../src/ui/graph/stepState';

const PAPER = 'ln(x1) + x1*x2 - sin(x2)';

function tapeOf(text: string): Tape {
  const r = compile(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.tape;
}

const box = (layout: GraphLayout, id: string) => {
  const b = layout.nodes.find((n) => n.id === id);
  if (!b) throw new Error(`no node ${id}`);
  return b;
};

describe('layoutGraph', () => {
  const tape = tapeOf(PAPER);
  const layout = layoutGraph(tape);

  it('has one box per node and one edge per node argument', () => {
    expect(layout.nodes.map((n) => n.id)).toEqual(['v-1', 'v0', 'v1', 'v2', 'v3', 'v4', 'v5']);
    const args = tape.nodes.reduce((s, n) => s + n.args.filter((a) => a.kind === 'node').length, 0);
    expect(layout.edges).toHaveLength(args);
    expect(new Set(layout.edges.map((e) => e.key)).size).toBe(args);
  });

  it('puts the inputs leftmost and the output v5 rightmost (rankdir LR)', () => {
    const xs = layout.nodes.map((n) => n.x);
    for (const input of tape.inputs) expect(box(layout, input.id).x).toBe(Math.min(...xs));
    const others = layout.nodes.filter((n) => !n.input).map((n) => n.x);
    expect(Math.max(...tape.inputs.map((i) => box(layout, i.id).x))).toBeLessThan(Math.min(...others));
    expect(box(layout, 'v5').x).toBe(Math.max(...xs));
    for (const n of layout.nodes) if (n.id !== 'v5') expect(n.x).toBeLessThan(box(layout, 'v5').x);
  });

  it('keeps each node in the column of its level, and boxes do not overlap', () => {
    for (const node of tape.nodes) {
      for (const other of tape.nodes) {
        if (node.level < other.level) expect(box(layout, node.id).x).toBeLessThan(box(layout, other.id).x);
      }
    }
    for (const a of layout.nodes) {
      for (const b of layout.nodes) {
        if (a === b) continue;
        const apart =
          a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
        expect(apart, `${a.id} and ${b.id} overlap`).toBe(true);
      }
    }
  });

  it('gives every edge a non-empty path, forward and backward, inside the bounds', () => {
    const { x, y, width, height } = layout.bounds;
    for (const e of layout.edges) {
      expect(e.d).toMatch(/^M-?[\d.]+,-?[\d.]+/);
      expect(e.dBack).toMatch(/^M-?[\d.]+,-?[\d.]+/);
      const start = /^M(-?[\d.]+),(-?[\d.]+)/.exec(e.d)!;
      const [sx, sy] = [Number(start[1]), Number(start[2])];
      expect(sx).toBeGreaterThanOrEqual(x);
      expect(sx).toBeLessThanOrEqual(x + width);
      expect(sy).toBeGreaterThanOrEqual(y);
      expect(sy).toBeLessThanOrEqual(y + height);
    }
    // ln(x1): an edge from v−1 to v1 that starts at v−1's right side.
    const ln = layout.edges.find((e) => e.source === 0 && e.target === 2)!;
    const v1 = box(layout, 'v-1');
    expect(ln.d.startsWith(`M${v1.x + v1.width},`)).toBe(true);
  });

  it('draws x*x as two distinct edges', () => {
    const sq = layoutGraph(tapeOf('x*x'));
    expect(sq.edges).toHaveLength(2);
    const [a, b] = sq.edges;
    expect(a!.source).toBe(b!.source);
    expect(a!.target).toBe(b!.target);
    expect(new Set([a!.arg, b!.arg])).toEqual(new Set([0, 1]));
    expect(a!.key).not.toBe(b!.key);
    expect(a!.d).not.toBe(b!.d);
    expect(a!.dBack).not.toBe(b!.dBack);
  });

  it('marks the output, and constants are not nodes', () => {
    const t = tapeOf('2*x + 1');
    const l = layoutGraph(t);
    expect(l.nodes).toHaveLength(t.nodes.length);
    expect(l.nodes.filter((n) => n.outputs.length)).toEqual([
      expect.objectContaining({ outputs: ['y'], outputMark: 'stub' }),
    ]);
    expect(layout.nodes.find((n) => n.id === 'v5')!.outputs).toEqual(['y']);
  });

  it('is deterministic', () => {
    expect(layoutGraph(tapeOf(PAPER))).toEqual(layout);
  });
});

describe('what nodes show along the timeline', () => {
  const tape = tapeOf(PAPER);
  const trace = buildTrace(tape, [2, 5]);
  const ix = indexSteps(trace, tape.nodes.length);
  const layout = layoutGraph(tape);
  const at = (id: string) => tape.nodes.find((n) => n.id === id)!.index;

  it('shows a value once its step is done', () => {
    expect(valuesAt(trace, ix, at('v1'), 0)).toEqual({ primal: null, tangent: null, adjoint: null });
    expect(valuesAt(trace, ix, at('v1'), 3).primal).toBeCloseTo(Math.log(2), 12);
    expect(valuesAt(trace, ix, at('v1'), 10)).toMatchObject({ tangent: 0.5, adjoint: null });
    expect(valuesAt(trace, ix, at('v1'), 9).tangent).toBeNull();
  });

  it('shows the running sum of the adjoint and how many contributions have arrived', () => {
    // v0 = x2 receives v̄ from v3 (sin) and from v2 (×): −cos 5 first, then + x1.
    const steps = ix.adjoint[at('v0')]!;
    expect(steps).toHaveLength(2);
    const first = valuesAt(trace, ix, at('v0'), steps[0]! + 1).adjoint!;
    expect(first.value).toBeCloseTo(-Math.cos(5), 12);
    expect(first).toMatchObject({ received: 1, total: 2 });
    const both = valuesAt(trace, ix, at('v0'), steps[1]! + 1).adjoint!;
    expect(both.value).toBeCloseTo(2 - Math.cos(5), 12);
    expect(both).toMatchObject({ received: 2, total: 2 });
    expect(valuesAt(trace, ix, at('v0'), trace.steps.length).adjoint!.value).toBe(trace.vBar[at('v0')]);
  });

  it('highlights the edges a forward step reads', () => {
    const step = ix.tangent[at('v2')]! + 1;
    const focus = focusAt(trace, layout.edges, step)!;
    expect(focus).toMatchObject({ phase: 'tangent', target: at('v2') });
    const read = layout.edges.filter((e) => focus.edges.has(e.key));
    expect(read.map((e) => tape.nodes[e.source]!.id).sort()).toEqual(['v-1', 'v0']);
    expect(focus.backEdges.size).toBe(0);
    expect(focusAt(trace, layout.edges, 0)).toBeNull();
  });

  it('sends an adjoint back along the one edge it flows through, even for x*x', () => {
    const sq = tapeOf('x*x');
    const sqTrace = buildTrace(sq, [3]);
    const sqLayout = layoutGraph(sq);
    const adjointSteps = sqTrace.steps
      .map((s, i) => [s, i + 1] as const)
      .filter(([s]) => s.phase === 'adjoint' && s.from !== null);
    expect(adjointSteps).toHaveLength(2);
    const keys = adjointSteps.map(([, step]) => [...focusAt(sqTrace, sqLayout.edges, step)!.backEdges]);
    expect(keys[0]).toHaveLength(1);
    expect(keys[1]).toHaveLength(1);
    expect(keys[0]![0]).not.toBe(keys[1]![0]);
  });
});

describe('node labels', () => {
  const ops = (text: string) =>
    tapeOf(text)
      .nodes.filter((n) => n.op !== 'input')
      .map(opLabel);

  it('writes operations in plain text with constants inline', () => {
    expect(ops(PAPER)).toEqual(['ln', '×', 'sin', '+', '−']);
    expect(ops('x^2')).toEqual(['^ 2']);
    expect(ops('x*2')).toEqual(['× 2']);
    expect(ops('2*x')).toEqual(['× 2']);
    expect(ops('2/x')).toEqual(['2 /']);
    expect(ops('2 - x')).toEqual(['2 −']);
    expect(ops('-x')).toEqual(['−']);
    expect(ops('atan2(x, 2)')).toEqual(['atan2(·, 2)']);
    expect(opLabel(tapeOf('x1 + 1').nodes[0]!)).toBe('x1');
  });
});
