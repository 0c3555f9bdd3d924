/**
 * Geometry of the computational graph: where each node's box sits and the `d` of each edge.
 * Pure (no DOM), so it runs in Node tests; GraphView memoises it on the tape.
 */
import type { Tape } from '../../core/tape';
import { lanePoints, placeLayered, type LayeredGraph } from './layered';

export const NODE_WIDTH = 150;
export const NODE_HEIGHT = 106;
/** Length of an arrowhead; paths stop this short of the node so the tip, not the line, meets the border. */
export const ARROW = 12;
/** Vertical distance between the two entry ports of a binary node (argument 0 above, 1 below). */
const PORT_SPREAD = 30;
/** An output that ends the graph gets a short arrow to its name on the right. */
const OUTPUT_ARROW = 28;
const OUTPUT_LABEL_GAP = 5;
/** Rough width of a character of the output name (22 px italic bold), only for the bounds. */
const OUTPUT_CHAR = 14;
/** Room kept around an edge's lane at the edge of the picture (half a stroke and its arrowhead). */
const EDGE_MARGIN = 8;
/** Height of the tab that names an output which other nodes still read. */
const OUTPUT_TAB = 16;

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface NodeBox {
  readonly index: number;
  readonly id: string;
  /** Top-left corner and size. */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly input: boolean;
  /** Names of the outputs this node is (usually none or one). */
  readonly outputs: readonly string[];
  /**
   * How the output is marked: a `stub` arrow to the name on the right when nothing reads the node,
   * else a `tab` on the top border (an arrow on the right would run into the outgoing edges).
   */
  readonly outputMark: 'stub' | 'tab' | null;
  /** The output arrow's path and the anchor of its name (for `stub`), in layout coordinates. */
  readonly outputPath: string | null;
  readonly outputLabel: Point | null;
}

export interface EdgePath {
  /** `e<source>-<target>-<arg>`: unique even when one node reads another twice (x*x). */
  readonly key: string;
  /** The argument node … */
  readonly source: number;
  /** … read by this node … */
  readonly target: number;
  /** … as its argument number `arg`. */
  readonly arg: number;
  /** Forward direction, source → target, ending ARROW short of the target. */
  readonly d: string;
  /** Backward direction, target → source (how an adjoint flows), ending ARROW short of the source. */
  readonly dBack: string;
}

export interface GraphLayout {
  readonly nodes: readonly NodeBox[];
  readonly edges: readonly EdgePath[];
  /**
   * Shared lanes of long edges in large graphs, drawn once: an edge's own path then starts where it
   * leaves its lane (a path per edge through hundreds of columns would be megabytes of SVG).
   */
  readonly lanes?: readonly string[];
  /** Everything drawn, in layout coordinates. */
  readonly bounds: {
    readonly x: number;
    readonly y: number;
    readonly width: number;
    readonly height: number;
  };
}

/**
 * A bump curve through the points, leaving and entering every point horizontally: edges start and end
 * square to the boxes and cross a column of nodes as a straight run through the gap reserved for them.
 * The path d3-shape's `line().curve(curveBumpX)` draws, written out so that d3-shape stays out of the
 * first load (tests/ui/edgePath.test.ts compares the two).
 */
export function pathOf(points: readonly Point[]): string {
  if (points.length === 0) return '';
  // Coordinates to three decimals, as d3-path writes them.
  const r = (v: number) => Math.round(v * 1000) / 1000;
  const [first] = points;
  let d = `M${r(first!.x)},${r(first!.y)}`;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const mid = r((a.x + b.x) / 2);
    d += `C${mid},${r(a.y)},${mid},${r(b.y)},${r(b.x)},${r(b.y)}`;
  }
  return points.length === 1 ? `${d}Z` : d;
}

/** Gaps between nodes in a column, between edges, and between columns. */
const NODESEP = 26;
const EDGESEP = 14;
const RANKSEP = 40;

interface Placement {
  /** Node centres, by node index. */
  readonly centres: readonly Point[];
  /** Where each edge crosses the columns between its ends, by edge key. */
  readonly bends: ReadonlyMap<string, readonly Point[]>;
}

interface Geometry {
  readonly nodes: NodeBox[];
  readonly edges: EdgePath[];
  readonly lanes: string[];
  /** The points each edge's curve passes through, by edge key (to count crossings). */
  readonly polylines: Point[][];
}

/** Up to this many nodes three candidate orders are drawn and the best is kept (counting crossings is quadratic). */
export const COMPARE_MAX_NODES = 80;

const SIZES = {
  nodeWidth: NODE_WIDTH,
  nodeHeight: NODE_HEIGHT,
  nodesep: NODESEP,
  edgesep: EDGESEP,
  ranksep: RANKSEP,
};

/**
 * Lays the tape out left to right (`layered.ts`): inputs in the first column, final outputs in the
 * last, every node in the column of its level, one edge per (argument node, reading node, argument
 * position) so that `x*x` has two edges, entering at two different ports of the reading node.
 *
 * Node order within columns: for graphs up to COMPARE_MAX_NODES, the tape order (x1 above x2, v1
 * above v2, as in the table), the order of the barycentre sweeps, and its mirror image (argument
 * ports are fixed, first argument above, so a mirror image can cross less) are drawn; the candidate
 * with fewer edge crossings wins, then the one closer to the tape order. Larger graphs take the
 * sweeps' order. Milliseconds for hundreds of nodes (dagre, used before, took seconds).
 */
export function layoutGraph(tape: Tape): GraphLayout {
  const readers = new Array<number>(tape.nodes.length).fill(0);
  for (const node of tape.nodes) for (const a of node.args) if (a.kind === 'node') readers[a.index]!++;
  let last = 0;
  for (const node of tape.nodes) last = Math.max(last, node.level);
  // Each node in the column of its level; a node nothing reads (a final output) in the last one.
  const rank = tape.nodes.map((node) =>
    node.op !== 'input' && readers[node.index] === 0 ? last : node.level,
  );
  const edges = tape.nodes.flatMap((node) =>
    node.args.flatMap((a, k) =>
      a.kind === 'node'
        ? [{ source: a.index, target: node.index, key: edgeKey(a.index, node.index, k) }]
        : [],
    ),
  );
  let graph = { count: tape.nodes.length, rank, edges };
  if (tape.nodes.length > COMPARE_MAX_NODES) {
    // Large graphs: each node as far right as its nearest reader allows, when that needs fewer lane
    // points (a long sum of terms would otherwise run every term's edge along the whole sum).
    const late = latestRanks(tape, rank);
    const sum = (g: LayeredGraph) => [...lanePoints(g).values()].reduce((a, b) => a + b, 0);
    const alt = { ...graph, rank: late };
    if (sum(alt) < sum(graph)) graph = alt;
  }
  const free = placeLayered(graph, SIZES);
  if (tape.nodes.length > COMPARE_MAX_NODES) {
    const { nodes, edges: paths, lanes, polylines } = geometry(tape, readers, free, true);
    return { nodes, edges: paths, lanes, bounds: boundsOf(nodes, polylines) };
  }
  const candidates = [placeLayered(graph, SIZES, { keepOrder: true }), free, mirror(free)].map((p) =>
    geometry(tape, readers, p),
  );
  const score = (c: Geometry) => crossings(c.polylines) * 1000 + inversions(tape, c.nodes);
  const best = candidates.reduce((a, b) => (score(b) < score(a) ? b : a));
  return { nodes: best.nodes, edges: best.edges, bounds: boundsOf(best.nodes, best.polylines) };
}

/**
 * Ranks as late as the readers allow: a node one column before its nearest reader, a node nothing
 * reads in the last column, inputs in the first. Every edge still goes left to right.
 */
function latestRanks(tape: Tape, early: readonly number[]): number[] {
  const last = Math.max(0, ...early);
  const late = new Array<number>(tape.nodes.length).fill(last);
  for (let i = tape.nodes.length - 1; i >= 0; i--) {
    const node = tape.nodes[i]!;
    if (node.op === 'input') late[i] = 0;
    for (const a of node.args) if (a.kind === 'node') late[a.index] = Math.min(late[a.index]!, late[i]! - 1);
  }
  return late;
}

const edgeKey = (source: number, target: number, arg: number): string => `e${source}-${target}-${arg}`;

function mirror(p: Placement): Placement {
  const flip = (q: Point): Point => ({ x: q.x, y: -q.y });
  return { centres: p.centres.map(flip), bends: new Map([...p.bends].map(([k, v]) => [k, v.map(flip)])) };
}

/** Edges crossing more columns than this leave their shared lane's path to the lane (large graphs). */
const LONG_SPAN = 3;

function geometry(
  tape: Tape,
  readers: readonly number[],
  placement: Placement,
  splitLanes = false,
): Geometry {
  const outputNames = new Map<number, string[]>();
  for (const o of tape.outputs) outputNames.set(o.index, [...(outputNames.get(o.index) ?? []), o.name]);

  const nodes: NodeBox[] = tape.nodes.map((node) => {
    const c = placement.centres[node.index]!;
    const x = c.x - NODE_WIDTH / 2;
    const y = c.y - NODE_HEIGHT / 2;
    const outputs = outputNames.get(node.index) ?? [];
    const outputMark = outputs.length === 0 ? null : readers[node.index] === 0 ? 'stub' : 'tab';
    const right = x + NODE_WIDTH;
    return {
      index: node.index,
      id: node.id,
      x,
      y,
      width: NODE_WIDTH,
      height: NODE_HEIGHT,
      input: node.op === 'input',
      outputs,
      outputMark,
      outputPath: outputMark === 'stub' ? `M${right},${c.y}H${right + OUTPUT_ARROW - ARROW}` : null,
      outputLabel: outputMark === 'stub' ? { x: right + OUTPUT_ARROW + OUTPUT_LABEL_GAP, y: c.y } : null,
    };
  });

  // Centres of the columns of real nodes: a long edge crosses these, at its lane's points.
  const columns = new Set(placement.centres.map((c) => c.x));
  const edges: EdgePath[] = [];
  const polylines: Point[][] = [];
  const lanes: string[] = [];
  /** Per source, its lane's crossing points (those of its longest edge), when lanes are split off. */
  const laneOf = new Map<number, Point[]>();
  for (const node of tape.nodes) {
    const nodeArgs = node.args.filter((a) => a.kind === 'node').length;
    let port = 0;
    node.args.forEach((a, k) => {
      if (a.kind !== 'node') return;
      const from = nodes[a.index]!;
      const to = nodes[node.index]!;
      const out: Point = { x: from.x + from.width, y: from.y + from.height / 2 };
      const offset = nodeArgs === 1 ? 0 : (port / (nodeArgs - 1) - 0.5) * PORT_SPREAD;
      port++;
      const inn: Point = { x: to.x, y: to.y + to.height / 2 + offset };
      const key = edgeKey(a.index, node.index, k);
      const crossing: Point[] = [];
      for (const q of placement.bends.get(key) ?? []) {
        if (!columns.has(q.x) || q.x <= out.x || q.x >= inn.x) continue;
        crossing.push({ x: q.x - NODE_WIDTH / 2, y: q.y }, { x: q.x + NODE_WIDTH / 2, y: q.y });
      }
      if (splitLanes && crossing.length > 2 * LONG_SPAN) {
        // The lane is drawn once per source; the edge runs from where it leaves the lane.
        const lane = laneOf.get(a.index);
        if (!lane || lane.length < crossing.length) laneOf.set(a.index, [out, ...crossing]);
        const exit = crossing[crossing.length - 1]!;
        edges.push({
          key,
          source: a.index,
          target: node.index,
          arg: k,
          d: pathOf([exit, { x: inn.x - ARROW, y: inn.y }]),
          dBack: pathOf([inn, { x: exit.x + ARROW, y: exit.y }]),
        });
        polylines.push([exit, inn]);
        return;
      }
      const forward: Point[] = [out, ...crossing, { x: inn.x - ARROW, y: inn.y }];
      const backward: Point[] = [inn, ...[...crossing].reverse(), { x: out.x + ARROW, y: out.y }];
      edges.push({
        key,
        source: a.index,
        target: node.index,
        arg: k,
        d: pathOf(forward),
        dBack: pathOf(backward),
      });
      polylines.push([out, ...crossing, inn]);
    });
  }
  for (const lane of laneOf.values()) {
    lanes.push(pathOf(lane));
    polylines.push(lane);
  }
  return { nodes, edges, lanes, polylines };
}

/** Pairs of edges that cross. Bump curves between the same two x are S-shapes, so their chords cross when they do. */
function crossings(polylines: readonly Point[][]): number {
  const side = (p: Point, q: Point, r: Point) =>
    Math.sign((q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x));
  const cross = (a: Point, b: Point, c: Point, d: Point) =>
    side(a, b, c) * side(a, b, d) < 0 && side(c, d, a) * side(c, d, b) < 0;
  let count = 0;
  for (let i = 0; i < polylines.length; i++) {
    for (let j = i + 1; j < polylines.length; j++) {
      const A = polylines[i]!;
      const B = polylines[j]!;
      let hit = false;
      for (let p = 0; p + 1 < A.length && !hit; p++) {
        for (let q = 0; q + 1 < B.length && !hit; q++) hit = cross(A[p]!, A[p + 1]!, B[q]!, B[q + 1]!);
      }
      if (hit) count++;
    }
  }
  return count;
}

/** Pairs of nodes in one column drawn in the opposite order to the tape's. */
function inversions(tape: Tape, nodes: readonly NodeBox[]): number {
  let count = 0;
  for (let i = 0; i < nodes.length; i++) {
    for (let j = i + 1; j < nodes.length; j++) {
      if (tape.nodes[i]!.level === tape.nodes[j]!.level && nodes[i]!.y > nodes[j]!.y) count++;
    }
  }
  return count;
}

/** Everything drawn: the boxes, output names and tabs, and the lanes of long edges. */
function boundsOf(nodes: readonly NodeBox[], polylines: readonly Point[][]): GraphLayout['bounds'] {
  if (nodes.length === 0) return { x: 0, y: 0, width: 0, height: 0 };
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const n of nodes) {
    const label =
      n.outputMark === 'stub'
        ? OUTPUT_ARROW + OUTPUT_LABEL_GAP + OUTPUT_CHAR * n.outputs.join(', ').length
        : 0;
    x0 = Math.min(x0, n.x);
    y0 = Math.min(y0, n.y - (n.outputMark === 'tab' ? OUTPUT_TAB : 0));
    x1 = Math.max(x1, n.x + n.width + label);
    y1 = Math.max(y1, n.y + n.height);
  }
  for (const line of polylines) {
    for (const p of line) {
      y0 = Math.min(y0, p.y - EDGE_MARGIN);
      y1 = Math.max(y1, p.y + EDGE_MARGIN);
    }
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}
