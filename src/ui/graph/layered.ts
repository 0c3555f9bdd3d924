/**
 * A fast layered (Sugiyama-style) placement of the computational graph: columns are
 * given (the node levels), the edges out of one node share a trunk of dummy points through the
 * columns they cross (one lane per node, not per edge), the order within
 * columns comes from barycentre sweeps that keep the order with the fewest crossings, and positions
 * along each column from a few relaxation passes that pull every item towards its neighbours while
 * keeping the order and the gaps (each pass an exact least-squares fit by pool-adjacent-violators).
 *
 * Pure and generic (no tape, no DOM): `layout.ts` feeds it the graph and turns the result into boxes
 * and edge paths. Cost: linear in nodes + dummies per sweep; a few ms for 500 nodes, where dagre
 * (which this replaces) took seconds.
 */

export interface LayeredEdge {
  readonly source: number;
  readonly target: number;
  /** Identifies the edge in the result's bend points. */
  readonly key: string;
}

export interface LayeredGraph {
  /** Number of real nodes, 0 … count − 1; their index is also the initial order within a column. */
  readonly count: number;
  /** Column of each real node; every edge goes from a lower column to a higher one. */
  readonly rank: ArrayLike<number>;
  readonly edges: readonly LayeredEdge[];
}

export interface LayeredSizes {
  /** Extent of a node across the columns (its width, for left-to-right graphs) and along them. */
  readonly nodeWidth: number;
  readonly nodeHeight: number;
  /** Gap between two nodes of a column, between an edge and anything, and between columns. */
  readonly nodesep: number;
  readonly edgesep: number;
  readonly ranksep: number;
  /** Centre of column r across the columns (default: equal steps of nodeWidth + ranksep). */
  readonly columnX?: (rank: number) => number;
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface LayeredPlacement {
  /** Node centres, by node index. */
  readonly centres: Point[];
  /** For each edge key, the points where the edge crosses the columns between its ends. */
  readonly bends: Map<string, Point[]>;
  /** Edge crossings between neighbouring columns in the order chosen (dummy segments included). */
  readonly crossings: number;
}

const MAX_SWEEPS = 24;
/** Sweeps without improvement before the ordering stops. */
const PATIENCE = 4;
const RELAX_PASSES = 12;
/** Straight long edges matter most, then edges into nodes (as in Brandes and Köpf's priorities). */
const WEIGHT_INNER = 8;
const WEIGHT_HALF = 2;
const WEIGHT_OUTER = 1;

/** Items are the real nodes followed by the dummies. */
interface Items {
  readonly total: number;
  readonly rank: Int32Array;
  readonly dummy: (i: number) => boolean;
  /** Neighbours in the previous and in the next column. */
  readonly up: number[][];
  readonly down: number[][];
  /** The dummies each edge passes, source to target, by edge index (a prefix of its source's trunk). */
  readonly chains: number[][];
}

/**
 * Most lane points a layout builds. Lanes are as long as the columns they cross; a graph whose long
 * edges would need more (thousands of nodes read from far away) draws its longest ones as direct
 * curves instead, so that the layout stays fast whatever the graph.
 */
export const MAX_LANE_POINTS = 40_000;

/**
 * Lane points each source needs: one per column between it and its farthest reader, with the
 * sources in the order of their first edge (the order their trunks are built in). Typed arrays and
 * indexed loops: a large graph's first layout runs this cold, for two rankings and the placement.
 */
function lanes(graph: LayeredGraph): {
  readonly sources: number[];
  readonly points: Int32Array;
  readonly total: number;
} {
  const reach = new Int32Array(graph.count).fill(-1);
  const sources: number[] = [];
  const { edges, rank } = graph;
  for (let i = 0; i < edges.length; i++) {
    const e = edges[i]!;
    if (reach[e.source]! < 0) sources.push(e.source);
    reach[e.source] = Math.max(reach[e.source]!, rank[e.target]!);
  }
  const points = new Int32Array(graph.count);
  let total = 0;
  for (const source of sources) total += points[source] = Math.max(0, reach[source]! - rank[source]! - 1);
  return { sources, points, total };
}

/** The lane points a ranking needs in all: how two rankings are compared (layout.ts). */
export const lanePointTotal = (graph: LayeredGraph): number => lanes(graph).total;

function buildItems(graph: LayeredGraph, maxLanePoints: number): Items {
  const n = graph.count;
  const rank: number[] = Array.from({ length: n }, (_, i) => graph.rank[i]!);
  const up: number[][] = Array.from({ length: n }, () => []);
  const down: number[][] = Array.from({ length: n }, () => []);
  const linked = new Set<number>();
  const link = (a: number, b: number) => {
    // Items stay far below 2^21 (the lane points are capped), so this key is unique.
    const key = a * 2_097_152 + b;
    if (linked.has(key)) return;
    linked.add(key);
    down[a]!.push(b);
    up[b]!.push(a);
  };
  // One trunk of dummies per source, as far right as its farthest reader: the edges out of a node
  // (an input read all over the graph, say) share one lane and leave it at their target's column,
  // instead of each taking a lane of its own through every column. Over the cap, the longest trunks
  // are left out (their long edges are drawn directly and take no part in ordering).
  const lane = lanes(graph);
  const { sources, points } = lane;
  let total = lane.total;
  const laneless = new Set<number>();
  for (const source of [...sources].sort((a, b) => points[b]! - points[a]!)) {
    if (total <= maxLanePoints) break;
    laneless.add(source);
    total -= points[source]!;
  }
  const trunks = new Map<number, number[]>();
  for (const source of sources) {
    const p = points[source]!;
    const trunk: number[] = [];
    if (!laneless.has(source)) {
      let prev = source;
      for (let k = 1; k <= p; k++) {
        const d = rank.length;
        rank.push(rank[source]! + k);
        up.push([]);
        down.push([]);
        link(prev, d);
        trunk.push(d);
        prev = d;
      }
    }
    trunks.set(source, trunk);
  }
  const chains = graph.edges.map((e) => {
    const span = rank[e.target]! - rank[e.source]!;
    if (laneless.has(e.source) && span > 1) return [];
    const chain = trunks.get(e.source)!.slice(0, span - 1);
    link(chain.length ? chain[chain.length - 1]! : e.source, e.target);
    return chain;
  });
  return { total: rank.length, rank: Int32Array.from(rank), dummy: (i) => i >= n, up, down, chains };
}

/** Crossings between two neighbouring columns, by counting inversions with a Fenwick tree. */
function bilayerCrossings(
  top: readonly number[],
  bottomPos: Int32Array,
  down: readonly number[][],
  size: number,
): number {
  // Indexed loops and one array: this runs on every sweep of a graph's first layout, before the
  // engine has compiled it, where iterators and an array per item cost more than the counting.
  const pairs: number[] = [];
  for (let i = 0; i < top.length; i++) {
    const targets = down[top[i]!]!;
    const from = pairs.length;
    for (let j = 0; j < targets.length; j++) {
      // Insertion into the sorted run of this item's targets (a handful at most).
      const p = bottomPos[targets[j]!]!;
      let k = pairs.length;
      pairs.push(p);
      while (k > from && pairs[k - 1]! > p) {
        pairs[k] = pairs[k - 1]!;
        k--;
      }
      pairs[k] = p;
    }
  }
  // pairs are ordered by top position, then bottom position: count pairs (i < j) with pairs[i] > pairs[j].
  const tree = new Int32Array(size + 1);
  let count = 0;
  for (let i = pairs.length - 1; i >= 0; i--) {
    for (let k = pairs[i]!; k > 0; k -= k & -k) count += tree[k]!;
    for (let k = pairs[i]! + 1; k <= size; k += k & -k) tree[k]!++;
  }
  return count;
}

function totalCrossings(layers: readonly number[][], pos: Int32Array, items: Items): number {
  let sum = 0;
  for (let r = 0; r + 1 < layers.length; r++) {
    sum += bilayerCrossings(layers[r]!, pos, items.down, layers[r + 1]!.length);
  }
  return sum;
}

/**
 * Reorders one column by the mean position of each item's neighbours in the adjacent column. With
 * `keepReal`, the real nodes keep their order (their keys are made increasing) and only the dummies
 * move among them.
 */
function sortByBarycentre(
  layer: number[],
  neighbours: readonly number[][],
  pos: Int32Array,
  keepReal: ((v: number) => boolean) | null,
  key: Float64Array,
): void {
  for (let i = 0; i < layer.length; i++) {
    const v = layer[i]!;
    const ns = neighbours[v]!;
    if (ns.length === 0) key[v] = pos[v]!;
    else {
      let s = 0;
      for (let j = 0; j < ns.length; j++) s += pos[ns[j]!]!;
      // Ties keep the current order: a tiny bias by the current position.
      key[v] = s / ns.length + pos[v]! * 1e-9;
    }
  }
  if (keepReal) {
    let floor = -Infinity;
    for (const v of layer.filter(keepReal).sort((a, b) => a - b)) {
      floor = Math.max(key[v]!, floor + 1e-6);
      key[v] = floor;
    }
  }
  layer.sort((a, b) => key[a]! - key[b]!);
  for (let i = 0; i < layer.length; i++) pos[layer[i]!] = i;
}

/**
 * Weighted isotonic regression (pool adjacent violators): the nondecreasing z closest to `target`
 * in the weighted least-squares sense.
 */
export function isotonic(target: ArrayLike<number>, weight: ArrayLike<number>): Float64Array {
  const n = target.length;
  const out = new Float64Array(n);
  isotonicInto(target, weight, n, out, scratchFor(n));
  return out;
}

interface Scratch {
  readonly value: Float64Array;
  readonly mass: Float64Array;
  readonly size: Int32Array;
}

const scratchFor = (n: number): Scratch => ({
  value: new Float64Array(n),
  mass: new Float64Array(n),
  size: new Int32Array(n),
});

/** `isotonic` on the first `n` entries, into `out`, with the pools kept in `scratch` (no allocation). */
function isotonicInto(
  target: ArrayLike<number>,
  weight: ArrayLike<number>,
  n: number,
  out: Float64Array,
  scratch: Scratch,
): void {
  const { value, mass, size } = scratch;
  let top = 0;
  for (let i = 0; i < n; i++) {
    value[top] = target[i]!;
    mass[top] = Math.max(weight[i]!, 1e-9);
    size[top] = 1;
    top++;
    while (top > 1 && value[top - 2]! > value[top - 1]!) {
      const v2 = value[top - 1]!;
      const w2 = mass[top - 1]!;
      const c2 = size[top - 1]!;
      top--;
      const last = top - 1;
      const w = mass[last]! + w2;
      value[last] = (value[last]! * mass[last]! + v2 * w2) / w;
      mass[last] = w;
      size[last]! += c2;
    }
  }
  let i = 0;
  for (let b = 0; b < top; b++) for (let c = 0; c < size[b]!; c++) out[i++] = value[b]!;
}

export interface LayeredOptions {
  /** Keep the real nodes of each column in index order (only long edges' lanes are ordered). */
  readonly keepOrder?: boolean;
  /** Most lane points to build (default MAX_LANE_POINTS). */
  readonly maxLanePoints?: number;
  /**
   * Columns whose real nodes are drawn in two staggered sub-columns (layout.ts): there, consecutive
   * nodes need only half the usual distance, since every other one stands beside them.
   */
  readonly halfStep?: ReadonlySet<number>;
}

/** Places a layered graph; see the file comment. */
export function placeLayered(
  graph: LayeredGraph,
  sizes: LayeredSizes,
  options: LayeredOptions = {},
): LayeredPlacement {
  const items = buildItems(graph, options.maxLanePoints ?? MAX_LANE_POINTS);
  const keepReal = options.keepOrder ? (v: number) => !items.dummy(v) : null;
  const columns = graph.count === 0 ? 0 : Math.max(...items.rank) + 1;
  const layers: number[][] = Array.from({ length: columns }, () => []);
  for (let i = 0; i < items.total; i++) layers[items.rank[i]!]!.push(i);
  const pos = new Int32Array(items.total);
  const key = new Float64Array(items.total);
  layers.forEach((layer) => layer.forEach((v, i) => (pos[v] = i)));

  // Ordering: a first downward pass places the dummies, then alternate sweeps keep the best order.
  for (let r = 1; r < columns; r++) sortByBarycentre(layers[r]!, items.up, pos, keepReal, key);
  let best = layers.map((l) => [...l]);
  let bestCount = totalCrossings(layers, pos, items);
  for (let sweep = 0, stale = 0; sweep < MAX_SWEEPS && stale < PATIENCE && bestCount > 0; sweep++) {
    if (sweep % 2 === 0)
      for (let r = columns - 2; r >= 0; r--) sortByBarycentre(layers[r]!, items.down, pos, keepReal, key);
    else for (let r = 1; r < columns; r++) sortByBarycentre(layers[r]!, items.up, pos, keepReal, key);
    const count = totalCrossings(layers, pos, items);
    if (count < bestCount) {
      best = layers.map((l) => [...l]);
      bestCount = count;
      stale = 0;
    } else stale++;
  }
  best.forEach((layer) => layer.forEach((v, i) => (pos[v] = i)));

  // Positions along the columns.
  const extent = (v: number) => (items.dummy(v) ? 0 : sizes.nodeHeight);
  const gap = (v: number) => (items.dummy(v) ? sizes.edgesep : sizes.nodesep) / 2;
  const y = new Float64Array(items.total);
  const offsets = best.map((layer, r) => {
    const s = new Float64Array(layer.length);
    const half = options.halfStep?.has(r) ?? false;
    for (let i = 1; i < layer.length; i++) {
      const a = layer[i - 1]!;
      const b = layer[i]!;
      const step = extent(a) / 2 + gap(a) + gap(b) + extent(b) / 2;
      s[i] = s[i - 1]! + (half && !items.dummy(a) && !items.dummy(b) ? step / 2 : step);
    }
    return s;
  });
  best.forEach((layer, r) => {
    const s = offsets[r]!;
    const mid = layer.length ? s[layer.length - 1]! / 2 : 0;
    layer.forEach((v, i) => (y[v] = s[i]! - mid));
  });
  // Scratch space for the passes, allocated once: thousands of small arrays per layout kept the
  // garbage collector busy on large graphs. Items from `count` on are the dummies.
  let widest = 0;
  for (const layer of best) widest = Math.max(widest, layer.length);
  const target = new Float64Array(widest);
  const weight = new Float64Array(widest);
  const z = new Float64Array(widest);
  const scratch = scratchFor(widest);
  const n = graph.count;
  // A segment's weight by how many of its two ends are dummies. Indexed loops and a table, no
  // closure: the passes run before the engine has compiled them.
  const SEGMENT = [WEIGHT_OUTER, WEIGHT_HALF, WEIGHT_INNER];
  const { up, down } = items;
  for (let pass = 0; pass < RELAX_PASSES; pass++) {
    for (let q = 0; q < best.length; q++) {
      const r = pass % 2 === 0 ? q : best.length - 1 - q;
      const layer = best[r]!;
      const s = offsets[r]!;
      for (let i = 0; i < layer.length; i++) {
        const v = layer[i]!;
        const vDummies = v >= n ? 1 : 0;
        let sw = 0;
        let sy = 0;
        const ups = up[v]!;
        for (let j = 0; j < ups.length; j++) {
          const u = ups[j]!;
          const w = SEGMENT[vDummies + (u >= n ? 1 : 0)]!;
          sw += w;
          sy += w * y[u]!;
        }
        const downs = down[v]!;
        for (let j = 0; j < downs.length; j++) {
          const u = downs[j]!;
          const w = SEGMENT[vDummies + (u >= n ? 1 : 0)]!;
          sw += w;
          sy += w * y[u]!;
        }
        target[i] = (sw > 0 ? sy / sw : y[v]!) - s[i]!;
        weight[i] = sw > 0 ? sw : 1;
      }
      isotonicInto(target, weight, layer.length, z, scratch);
      for (let i = 0; i < layer.length; i++) y[layer[i]!] = z[i]! + s[i]!;
    }
  }

  const columnX =
    sizes.columnX ?? ((r: number) => r * (sizes.nodeWidth + sizes.ranksep) + sizes.nodeWidth / 2);
  const centres = Array.from({ length: graph.count }, (_, v) => ({ x: columnX(items.rank[v]!), y: y[v]! }));
  const bends = new Map<string, Point[]>();
  graph.edges.forEach((e, k) =>
    bends.set(
      e.key,
      items.chains[k]!.map((d) => ({ x: columnX(items.rank[d]!), y: y[d]! })),
    ),
  );
  return { centres, bends, crossings: bestCount };
}
