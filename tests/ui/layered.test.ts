/**
 * The layered placement (src/ui/graph/layered.ts) and the graph layout built on it, on small
 * hand-made graphs and on generated expressions of a few hundred nodes: columns by rank, no two
 * boxes overlapping, long edges through the columns they cross, the tape order kept when asked, the
 * least-squares step exact (checked against brute force), the crossing count right (checked against
 * counting pairs of segments), and the same answer every time.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateExpression } from '../../bench/generate';
import { compile, type Tape } from '../../src/core/index';
import { isotonic, lanePointTotal, placeLayered, type LayeredGraph } from '../../src/ui/graph/layered';
import { layoutGraph, NODE_HEIGHT, NODE_WIDTH } from '../../src/ui/graph/layout';

const SIZES = { nodeWidth: 150, nodeHeight: 100, nodesep: 20, edgesep: 10, ranksep: 40 };

function tapeOf(text: string): Tape {
  const c = compile(text);
  if (!c.ok) throw new Error(c.error.message);
  return c.tape;
}

/** A random layered DAG: nodes in ranks, edges from lower to higher ranks. */
const dag = fc
  .tuple(
    fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 2, maxLength: 24 }),
    fc.integer({ min: 0, max: 1e6 }),
  )
  .map(([ranks, seed]): LayeredGraph => {
    let s = seed;
    const rand = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
    const edges: LayeredGraph['edges'][number][] = [];
    ranks.forEach((r, target) => {
      const sources = ranks.map((q, i) => (q < r ? i : -1)).filter((i) => i >= 0);
      for (let k = 0; k < 2 && sources.length; k++) {
        const source = sources[Math.floor(rand() * sources.length)]!;
        edges.push({ source, target, key: `e${source}-${target}-${k}` });
      }
    });
    return { count: ranks.length, rank: ranks, edges };
  });

/** Segments between consecutive columns (node or lane points) of every edge, and the pairs that cross. */
function bruteCrossings(graph: LayeredGraph, p: ReturnType<typeof placeLayered>): number {
  // Points of each edge at each column it occupies.
  const segs: { r: number; a: number; b: number }[] = [];
  const seen = new Set<string>();
  for (const e of graph.edges) {
    const pts = [p.centres[e.source]!, ...p.bends.get(e.key)!, p.centres[e.target]!];
    for (let i = 0; i + 1 < pts.length; i++) {
      const key = `${pts[i]!.x},${pts[i]!.y}>${pts[i + 1]!.y}`;
      if (seen.has(key)) continue; // edges sharing a lane share its segments
      seen.add(key);
      segs.push({ r: Math.round(pts[i]!.x), a: pts[i]!.y, b: pts[i + 1]!.y });
    }
  }
  let n = 0;
  for (let i = 0; i < segs.length; i++)
    for (let j = i + 1; j < segs.length; j++) {
      const s = segs[i]!;
      const t = segs[j]!;
      if (s.r === t.r && (s.a - t.a) * (s.b - t.b) < 0) n++;
    }
  return n;
}

describe('placeLayered', () => {
  it('puts every node in the column of its rank, without overlaps, lanes in the columns they cross', () => {
    fc.assert(
      fc.property(dag, (graph) => {
        const p = placeLayered(graph, SIZES);
        const step = SIZES.nodeWidth + SIZES.ranksep;
        p.centres.forEach((c, v) => expect(c.x).toBeCloseTo(graph.rank[v]! * step + SIZES.nodeWidth / 2, 9));
        for (let v = 0; v < graph.count; v++)
          for (let w = v + 1; w < graph.count; w++) {
            if (graph.rank[v] !== graph.rank[w]) continue;
            const dy = Math.abs(p.centres[v]!.y - p.centres[w]!.y);
            expect(dy).toBeGreaterThanOrEqual(SIZES.nodeHeight + SIZES.nodesep - 1e-6);
          }
        for (const e of graph.edges) {
          const bends = p.bends.get(e.key)!;
          expect(bends.map((b) => Math.round((b.x - SIZES.nodeWidth / 2) / step))).toEqual(
            Array.from(
              { length: graph.rank[e.target]! - graph.rank[e.source]! - 1 },
              (_, k) => graph.rank[e.source]! + 1 + k,
            ),
          );
        }
      }),
      { numRuns: 150 },
    );
  });

  it('counts the crossings between neighbouring columns correctly', () => {
    fc.assert(
      fc.property(dag, (graph) => {
        const p = placeLayered(graph, SIZES);
        expect(p.crossings).toBe(bruteCrossings(graph, p));
      }),
      { numRuns: 150 },
    );
  });

  it('totals the lane points a ranking needs: one per column between a node and its farthest reader', () => {
    fc.assert(
      fc.property(dag, (graph) => {
        // Counted directly: for each node, the columns strictly between it and its farthest reader.
        let expected = 0;
        for (let v = 0; v < graph.count; v++) {
          const readers = graph.edges.filter((e) => e.source === v).map((e) => graph.rank[e.target]!);
          if (readers.length === 0) continue;
          for (let c = graph.rank[v]! + 1; c < Math.max(...readers); c++) expected++;
        }
        expect(lanePointTotal(graph)).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the nodes of each column in index order when asked', () => {
    fc.assert(
      fc.property(dag, (graph) => {
        const p = placeLayered(graph, SIZES, { keepOrder: true });
        for (let v = 0; v < graph.count; v++)
          for (let w = v + 1; w < graph.count; w++)
            if (graph.rank[v] === graph.rank[w]) expect(p.centres[v]!.y).toBeLessThan(p.centres[w]!.y);
      }),
      { numRuns: 150 },
    );
  });

  it('is deterministic', () => {
    const graph = fc.sample(dag, { numRuns: 1, seed: 9 })[0]!;
    expect(placeLayered(graph, SIZES)).toEqual(placeLayered(graph, SIZES));
  });
});

describe('isotonic', () => {
  it('is the weighted least-squares nondecreasing fit (brute force over a fine grid for 3 points)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 3, maxLength: 3 }),
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 3, maxLength: 3 }),
        (t, w) => {
          const z = isotonic(t, w);
          for (let i = 1; i < z.length; i++) expect(z[i]!).toBeGreaterThanOrEqual(z[i - 1]! - 1e-12);
          const cost = (x: readonly number[]) => x.reduce((s, xi, i) => s + w[i]! * (xi - t[i]!) ** 2, 0);
          let best = Infinity;
          for (let a = -5; a <= 5; a += 0.25)
            for (let b = a; b <= 5; b += 0.25)
              for (let c = b; c <= 5; c += 0.25) best = Math.min(best, cost([a, b, c]));
          expect(cost([...z])).toBeLessThanOrEqual(best + 1e-9);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('leaves a nondecreasing target alone and pools a decreasing one to its weighted mean', () => {
    expect([...isotonic([1, 2, 3], [1, 1, 1])]).toEqual([1, 2, 3]);
    expect([...isotonic([3, 1], [1, 3])]).toEqual([1.5, 1.5]);
  });
});

describe('layoutGraph on large expressions', () => {
  const tape = tapeOf(generateExpression({ operations: 420, inputs: 4, seed: 3 }).text);

  /** Invariants of any layout: edges run left to right, inputs first, outputs last, no overlaps, all inside the bounds. */
  function checkLayout(t: Tape) {
    const layout = layoutGraph(t);
    expect(layout.nodes).toHaveLength(t.nodes.length);
    const box = (i: number) => layout.nodes.find((b) => b.index === i)!;
    const readers = new Array<number>(t.nodes.length).fill(0);
    for (const n of t.nodes) for (const a of n.args) if (a.kind === 'node') readers[a.index]!++;
    const xs = layout.nodes.map((b) => b.x);
    const [first, last] = [Math.min(...xs), Math.max(...xs)];
    for (const n of t.nodes) {
      if (n.op === 'input') expect(box(n.index).x).toBe(first);
      else if (readers[n.index] === 0) expect(box(n.index).x).toBe(last);
      for (const a of n.args) if (a.kind === 'node') expect(box(a.index).x).toBeLessThan(box(n.index).x);
    }
    const byColumn = new Map<number, number[]>();
    for (const b of layout.nodes) byColumn.set(b.x, [...(byColumn.get(b.x) ?? []), b.y]);
    for (const ys of byColumn.values()) {
      ys.sort((a, b) => a - b);
      for (let i = 1; i < ys.length; i++) expect(ys[i]! - ys[i - 1]!).toBeGreaterThanOrEqual(NODE_HEIGHT);
    }
    const inside = (d: string) => {
      for (const m of d.matchAll(/(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)/g)) {
        expect(Number(m[2])).toBeGreaterThanOrEqual(layout.bounds.y - 1);
        expect(Number(m[2])).toBeLessThanOrEqual(layout.bounds.y + layout.bounds.height + 1);
      }
    };
    for (const b of layout.nodes) {
      expect(b.y).toBeGreaterThanOrEqual(layout.bounds.y - 1e-6);
      expect(b.y + NODE_HEIGHT).toBeLessThanOrEqual(layout.bounds.y + layout.bounds.height + 1e-6);
    }
    const edgeCount = t.nodes.reduce((s, n) => s + n.args.filter((a) => a.kind === 'node').length, 0);
    expect(layout.edges).toHaveLength(edgeCount);
    for (const e of layout.edges) inside(e.d);
    for (const d of layout.lanes ?? []) inside(d);
    // Columns are a node width and a gap apart.
    const columns = [...byColumn.keys()].sort((a, b) => a - b);
    for (let i = 1; i < columns.length; i++)
      expect(columns[i]! - columns[i - 1]!).toBeGreaterThan(NODE_WIDTH);
    return layout;
  }

  it('lays out a few hundred nodes: left to right, inputs first, outputs last, no overlaps, inside the bounds', () => {
    expect(tape.nodes.length).toBeGreaterThan(250);
    const layout = checkLayout(tape);
    // Long edges share lanes, drawn once.
    expect((layout.lanes ?? []).length).toBeGreaterThan(0);
  });

  it('puts each term of a long sum beside the addition that reads it, not in the first columns', () => {
    const terms = Array.from({ length: 150 }, (_, k) => `sin(${(k + 1) / 1000}*x${(k % 3) + 1})`);
    const sum = tapeOf(terms.join(' + '));
    const layout = checkLayout(sum);
    const box = (i: number) => layout.nodes.find((b) => b.index === i)!;
    for (const n of sum.nodes) {
      if (n.op !== 'sin') continue;
      const reader = sum.nodes.find((m) => m.args.some((a) => a.kind === 'node' && a.index === n.index))!;
      expect(box(reader.index).x - box(n.index).x).toBeLessThan(2 * NODE_WIDTH + 100);
    }
  });

  it('is deterministic', () => {
    expect(layoutGraph(tape)).toEqual(layoutGraph(tape));
  });
});
