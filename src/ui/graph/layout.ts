/**
 * Geometry of the computational graph: where each node's box sits and the `d` of each edge.
 * Pure (no DOM), so it runs in Node tests and in the layout worker.
 *
 * A layout is drawn for one `LayoutConfig`: the node style (nodeStyle.ts), whether nodes sit in the
 * column of their level or as late as their readers allow, how many bands a long graph is folded
 * into, and whether tall columns are split into two staggered sub-columns. `chooseLayout.ts` picks
 * the config that makes the text largest in the room the graph has.
 *
 * Fan-out: an input read by more than MAX_FAN nodes keeps one edge (to its first reader, where it is
 * placed) and every other use gets a stub, a small tag naming the input beside the port it enters, so
 * each use can be traced without a comb of edges converging on one box. An input read two or three
 * times gets stubs only where they remove crossings. Edges between bands are stubs too, naming the
 * node they come from.
 */
import type { Tape } from '../../core/tape';
import { lanePointTotal, placeLayered, type LayeredGraph, type LayeredPlacement } from './layered';
import { NODE_STYLES, type NodeMetrics, type NodeStyleName } from './nodeStyle';
import { splitSubscript, subscriptedWidth } from './textWidth';

export const NODE_WIDTH = NODE_STYLES.full.width;
export const NODE_HEIGHT = NODE_STYLES.full.height;
/** Length of an arrowhead in the full style; paths stop this short of the node. */
export const ARROW = NODE_STYLES.full.arrow;
/** Readers beyond which an input's further uses are always stubs. */
export const MAX_FAN = 3;

export interface LayoutConfig {
  readonly style: NodeStyleName;
  /** `early`: every node in the column of its level; `late`: one column before its nearest reader. */
  readonly ranks: 'early' | 'late';
  /** Columns folded into this many bands, stacked top to bottom (1: not folded). */
  readonly bands: number;
  /**
   * Tall columns drawn as two staggered sub-columns: those of four nodes or more that no long edge
   * crosses and whose nodes have one incoming edge at most (so every edge runs straight through the
   * other half, between two of its nodes).
   */
  readonly stagger: boolean;
}

export const DEFAULT_CONFIG: LayoutConfig = { style: 'full', ranks: 'early', bands: 1, stagger: false };

export const configKey = (c: LayoutConfig): string => `${c.style} ${c.ranks} ${c.bands} ${c.stagger}`;

const structures = new WeakMap<Tape, string>();

/**
 * What a layout reads of a tape, as one string: per node its level (or an input's name) and its
 * operands (a node's index, or a constant's place, never its value); the outputs; the groups. Two
 * tapes with the same structure have the same layouts, so typing `*2` → `*25`, or editing a program
 * so that it takes the same path, lays nothing out again.
 */
export function structureKey(tape: Tape): string {
  let key = structures.get(tape);
  if (key !== undefined) return key;
  const parts: string[] = [String(tape.n)];
  for (const node of tape.nodes) {
    if (node.op === 'input') {
      parts.push(`i${node.name ?? ''}`);
      continue;
    }
    let s = String(node.level);
    for (const a of node.args) s += a.kind === 'node' ? `,${a.index}` : ',c';
    parts.push(s);
  }
  parts.push('o');
  for (const o of tape.outputs) parts.push(`${o.name}@${o.index}`);
  for (const g of tape.groups ?? []) parts.push(`g${g.depth},${g.start},${g.end},${g.kind},${g.label}`);
  key = parts.join(' ');
  structures.set(tape, key);
  return key;
}

/**
 * A memo by tape structure (see `structureKey`) and layout config, holding the last `size`
 * structures: what typing back and forth needs, without keeping every tape ever typed.
 */
export class StructureMemo<T> {
  private readonly map = new Map<string, Map<string, T>>();

  constructor(private readonly size = 12) {}

  get(tape: Tape, config: LayoutConfig): T | undefined {
    return this.map.get(structureKey(tape))?.get(configKey(config));
  }

  set(tape: Tape, config: LayoutConfig, value: T): T {
    const key = structureKey(tape);
    let inner = this.map.get(key);
    if (inner) this.map.delete(key);
    else inner = new Map();
    // Most recently used last; the oldest goes first when the memo is full.
    this.map.set(key, inner);
    if (this.map.size > this.size) this.map.delete(this.map.keys().next().value!);
    inner.set(configKey(config), value);
    return value;
  }
}

const interned = new Map<string, LayoutConfig>([[configKey(DEFAULT_CONFIG), DEFAULT_CONFIG]]);

/** One object per distinct config, so that a config can be compared (and memoised on) by identity. */
export function internConfig(c: LayoutConfig): LayoutConfig {
  const key = configKey(c);
  let hit = interned.get(key);
  if (!hit) interned.set(key, (hit = { style: c.style, ranks: c.ranks, bands: c.bands, stagger: c.stagger }));
  return hit;
}

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
  /** A short arrow out of the right side: every reader is in another band (it names this node). */
  readonly continues: string | null;
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
  /** Forward direction, source → target, ending an arrowhead short of the target. */
  readonly d: string;
  /** Backward direction, target → source (how an adjoint flows), ending an arrowhead short of it. */
  readonly dBack: string;
  /** Drawn as a stub: `d` runs from the stub's tag to the port only. */
  readonly stub: boolean;
  /** The port it enters: the tip of its arrowhead, which points right. */
  readonly tip: Point;
}

/** The tag of a stub: the name of the node an edge comes from, beside the port it enters. */
export interface StubMark {
  /** The edge's key. */
  readonly key: string;
  readonly source: number;
  readonly target: number;
  /** Top-left corner and size of the tag. */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** The name (`x1`) or Wengert label (`v3`) of the source, split for a subscript. */
  readonly base: string;
  readonly sub: string;
  readonly input: boolean;
}

/** The frame of one group of a program's tape (a loop iteration, a branch side). */
export interface GroupFrame {
  /** Index into tape.groups. */
  readonly group: number;
  readonly kind: 'iteration' | 'branch';
  /** `i = 2`, `iteration 3`, `if y > 10`, `else`. */
  readonly label: string;
  readonly depth: number;
  /** Top-left corner and size; the label sits inside the top edge. */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** Font size of the label, in layout units. */
  readonly labelPx: number;
  /**
   * A group the bands split has a frame in each band: this one's place among them, top band first
   * (0 for a group in one band), and how many there are. The later ones are labelled as continued.
   */
  readonly part: number;
  readonly parts: number;
}

export interface GraphLayout {
  readonly config: LayoutConfig;
  readonly nodes: readonly NodeBox[];
  readonly edges: readonly EdgePath[];
  readonly stubs: readonly StubMark[];
  /**
   * Shared lanes of long edges in large graphs, drawn once: an edge's own path then starts where it
   * leaves its lane (a path per edge through hundreds of columns would be megabytes of SVG).
   */
  readonly lanes?: readonly string[];
  /**
   * A program's loop iterations and branch sides (tape.groups), each a labelled frame around its
   * nodes, outermost first; a group that the bands split has a frame in each band.
   */
  readonly frames?: readonly GroupFrame[];
  /** Everything drawn, in layout coordinates. */
  readonly bounds: {
    readonly x: number;
    readonly y: number;
    readonly width: number;
    readonly height: number;
  };
}

/** Coordinates in path strings to a tenth of a unit: a fraction of a pixel at any zoom Fit chooses. */
const r1 = (v: number): number => Math.round(v * 10) / 10;

/**
 * A bump curve through the points (d3's curveBumpX, written out): it leaves and enters every point
 * horizontally, so edges start and end square to the boxes and cross a column of nodes as a straight
 * run through the gap reserved for them.
 */
export function pathOf(points: readonly Point[]): string {
  if (points.length === 0) return '';
  let d = `M${r1(points[0]!.x)},${r1(points[0]!.y)}`;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    if (r1(a.y) === r1(b.y)) d += `H${r1(b.x)}`;
    else {
      const mx = r1((a.x + b.x) / 2);
      d += `C${mx},${r1(a.y)},${mx},${r1(b.y)},${r1(b.x)},${r1(b.y)}`;
    }
  }
  return d;
}

/** Up to this many nodes three candidate orders are drawn and the best is kept (counting crossings is quadratic). */
export const COMPARE_MAX_NODES = 80;

/** Edges crossing more columns than this leave their shared lane's path to the lane (large graphs). */
const LONG_SPAN = 3;

interface Edge {
  readonly source: number;
  readonly target: number;
  readonly arg: number;
  readonly key: string;
}

const edgeKey = (source: number, target: number, arg: number): string => `e${source}-${target}-${arg}`;

/** Where every node goes, before any path is drawn. */
interface Arrangement {
  readonly rank: readonly number[];
  readonly band: readonly number[];
  /** Column within the band. */
  readonly local: readonly number[];
  readonly bands: number;
  /** Edges drawn as stubs. */
  readonly stubs: ReadonlySet<string>;
  /** Columns split into two staggered sub-columns, as `band:column`. */
  readonly staggered: ReadonlySet<string>;
}

interface Placed {
  /** Node centres, by node index. */
  readonly centres: Point[];
  /** Where each edge crosses the columns between its ends (lane points), by edge key. */
  readonly bends: Map<string, Point[]>;
  /** Nodes of a staggered column drawn in its left half: their edges run straight through the right half. */
  readonly through: Map<number, readonly [number, number]>;
  /** Nodes drawn in the right half: their incoming edge runs straight through the left half. */
  readonly throughIn: Map<number, readonly [number, number]>;
  /** Centre x of every column that holds nodes, and its width. */
  readonly columns: Map<number, number>;
  /** Stub tags by edge key, and the port each enters. */
  readonly tags: Map<string, { x: number; y: number; width: number; height: number }>;
}

/** An edge before its path strings are made (only the chosen candidate's are). */
interface EdgeDraft extends Omit<EdgePath, 'd' | 'dBack' | 'tip'> {
  /** The points its curve passes, source to target; a stub's is a straight run. */
  readonly points: Point[];
  readonly arrow: number;
}

interface Geometry {
  readonly nodes: NodeBox[];
  readonly edges: EdgeDraft[];
  readonly stubs: StubMark[];
  readonly lanes: Point[][];
  /** The points each edge's curve passes through (to count crossings and for the bounds). */
  readonly polylines: Point[][];
  readonly placed: Placed;
}

function allEdges(tape: Tape): Edge[] {
  const edges: Edge[] = [];
  for (const node of tape.nodes) {
    node.args.forEach((a, k) => {
      if (a.kind === 'node')
        edges.push({ source: a.index, target: node.index, arg: k, key: edgeKey(a.index, node.index, k) });
    });
  }
  return edges;
}

/**
 * Fan-out stubs of inputs: for an input read by several nodes, the edges to every reader but the
 * first (in tape order, so the lowest level). Split into those always taken (more than MAX_FAN
 * readers) and those taken only if they remove crossings.
 */
function fanStubs(tape: Tape, edges: readonly Edge[]): { forced: Set<string>; optional: Set<string> } {
  const byInput = new Map<number, Edge[]>();
  for (const e of edges) {
    if (tape.nodes[e.source]!.op !== 'input') continue;
    const list = byInput.get(e.source) ?? [];
    list.push(e);
    byInput.set(e.source, list);
  }
  const forced = new Set<string>();
  const optional = new Set<string>();
  for (const list of byInput.values()) {
    const readers = [...new Set(list.map((e) => e.target))].sort((a, b) => a - b);
    if (readers.length < 2) continue;
    const into = readers.length > MAX_FAN ? forced : optional;
    for (const e of list) if (e.target !== readers[0]) into.add(e.key);
  }
  return { forced, optional };
}

/**
 * Ranks as late as the readers allow: a node one column before its nearest reader, a node nothing
 * reads in the last column, inputs in the first if pinned. Every edge still goes left to right.
 */
function latestRanks(tape: Tape, early: readonly number[], pinInputs: boolean): number[] {
  const last = Math.max(0, ...early);
  const late = new Array<number>(tape.nodes.length).fill(last);
  for (let i = tape.nodes.length - 1; i >= 0; i--) {
    const node = tape.nodes[i]!;
    if (pinInputs && node.op === 'input') late[i] = 0;
    for (const a of node.args) if (a.kind === 'node') late[a.index] = Math.min(late[a.index]!, late[i]! - 1);
  }
  return late;
}

/**
 * A program's ranks: each outermost loop iteration or branch side takes columns of its own, right of
 * everything executed before it, so the graph reads left to right in execution order and a frame
 * around a group holds its nodes only. Null for a tape without groups.
 */
function groupedRanks(tape: Tape, readers: readonly number[]): number[] | null {
  const groups = (tape.groups ?? []).filter((g) => g.depth === 0 && g.end > g.start);
  if (groups.length === 0) return null;
  const n = tape.nodes.length;
  const edges = new Set<number>();
  const inGroup = new Uint8Array(n);
  for (const g of groups) {
    edges.add(g.start);
    edges.add(g.end);
    inGroup.fill(1, g.start, g.end);
  }
  const rank = new Array<number>(n).fill(0);
  let floor = 0;
  let most = 0;
  for (let k = 0; k < n; k++) {
    const node = tape.nodes[k]!;
    if (edges.has(k)) floor = most + 1;
    if (node.op === 'input') continue;
    let r = Math.max(1, floor);
    for (const a of node.args) if (a.kind === 'node') r = Math.max(r, rank[a.index]! + 1);
    rank[k] = r;
    most = Math.max(most, r);
  }
  // The outputs that nothing reads, outside the groups, stand in the last column as elsewhere.
  for (let k = 0; k < n; k++)
    if (readers[k] === 0 && !inGroup[k] && tape.nodes[k]!.op !== 'input') rank[k] = most;
  return rank;
}

/**
 * How many columns the graph takes before folding into bands: the levels, or a program's columns
 * (its iterations side by side), for the layout chooser.
 */
export function columnCount(tape: Tape): number {
  const readers = new Array<number>(tape.nodes.length).fill(0);
  for (const node of tape.nodes) for (const a of node.args) if (a.kind === 'node') readers[a.index]!++;
  const grouped = groupedRanks(tape, readers);
  let last = 0;
  if (grouped) for (const r of grouped) last = Math.max(last, r);
  else for (const node of tape.nodes) last = Math.max(last, node.level);
  return last + 1;
}

/**
 * The frames of a program's groups around their nodes' boxes: inner groups first, so that an outer
 * frame takes in its inner frames and their labels; one frame per band a group spans.
 */
function framesOf(
  tape: Tape,
  band: readonly number[],
  nodes: readonly NodeBox[],
  m: NodeMetrics,
): GroupFrame[] {
  const groups = tape.groups ?? [];
  if (groups.length === 0) return [];
  const labelPx = Math.round(m.opPx * 0.8);
  const pad = Math.round(m.nodesep / 3);
  const order = groups.map((_, i) => i).sort((a, b) => groups[b]!.depth - groups[a]!.depth);
  // Each frame made, with the band it is in: an outer group's frame in a band takes in the inner
  // frames of that band only.
  const made: { frame: GroupFrame; band: number }[] = [];
  for (const gi of order) {
    const g = groups[gi]!;
    const boxes = new Map<number, { x0: number; y0: number; x1: number; y1: number }>();
    const grow = (b: number, x0: number, y0: number, x1: number, y1: number) => {
      const r = boxes.get(b);
      if (!r) boxes.set(b, { x0, y0, x1, y1 });
      else {
        r.x0 = Math.min(r.x0, x0);
        r.y0 = Math.min(r.y0, y0);
        r.x1 = Math.max(r.x1, x1);
        r.y1 = Math.max(r.y1, y1);
      }
    };
    for (let k = g.start; k < g.end; k++) {
      const box = nodes[k];
      if (box) grow(band[k]!, box.x, box.y, box.x + box.width, box.y + box.height);
    }
    for (const { frame: inner, band: b } of made) {
      const h = groups[inner.group]!;
      if (h.depth > g.depth && h.start >= g.start && h.end <= g.end)
        grow(b, inner.x, inner.y, inner.x + inner.width, inner.y + inner.height);
    }
    const pieces = [...boxes].sort((a, b) => a[0] - b[0]);
    pieces.forEach(([b, r], part) =>
      made.push({
        band: b,
        frame: {
          group: gi,
          kind: g.kind,
          label: g.label,
          depth: g.depth,
          x: r.x0 - pad,
          y: r.y0 - pad - labelPx * 1.4,
          width: r.x1 - r.x0 + 2 * pad,
          height: r.y1 - r.y0 + 2 * pad + labelPx * 1.4,
          labelPx,
          part,
          parts: pieces.length,
        },
      }),
    );
  }
  return made.map((m) => m.frame).sort((a, b) => a.depth - b.depth || a.group - b.group || a.part - b.part);
}

function arrange(
  tape: Tape,
  edges: readonly Edge[],
  fan: ReadonlySet<string>,
  config: LayoutConfig,
  large: boolean,
): Arrangement {
  const n = tape.nodes.length;
  const readers = new Array<number>(n).fill(0);
  for (const e of edges) readers[e.source]!++;
  let last = 0;
  for (const node of tape.nodes) last = Math.max(last, node.level);
  // Each node in the column of its level; a node nothing reads (a final output) in the last one.
  const early = tape.nodes.map((node) =>
    node.op === 'input' ? 0 : readers[node.index] === 0 ? last : node.level,
  );
  const grouped = groupedRanks(tape, readers);
  let rank = grouped ?? (config.ranks === 'late' ? latestRanks(tape, early, false) : early);
  if (large && !grouped) {
    // Large graphs: each node as far right as its nearest reader allows, when that needs fewer lane
    // points (a long sum of terms would otherwise run every term's edge along the whole sum).
    const kept = edges.filter((e) => !fan.has(e.key));
    const sum = (r: readonly number[]) => lanePointTotal({ count: n, rank: r, edges: kept });
    // Inputs stay in the first column there: a reader far away takes a stub, not a lane.
    const late = latestRanks(tape, early, true);
    rank = sum(late) < sum(early) ? late : early;
  }
  const columns = Math.max(0, ...rank) + 1;
  const bands = Math.max(1, Math.min(config.bands, Math.ceil(columns / 2)));
  const per = Math.ceil(columns / bands);
  const band = rank.map((r) => Math.floor(r / per));
  const local = rank.map((r, i) => r - band[i]! * per);
  const stubs = new Set(fan);
  for (const e of edges) if (band[e.source] !== band[e.target]) stubs.add(e.key);
  const staggered = new Set<string>();
  if (config.stagger) {
    const count = new Map<string, number>();
    const tooMany = new Set<string>();
    const crossed = new Set<string>();
    const incoming = new Array<number>(n).fill(0);
    for (const e of edges) {
      if (stubs.has(e.key)) continue;
      incoming[e.target]!++;
      for (let c = local[e.source]! + 1; c < local[e.target]!; c++) crossed.add(`${band[e.source]}:${c}`);
    }
    for (let i = 0; i < n; i++) {
      const key = `${band[i]}:${local[i]}`;
      count.set(key, (count.get(key) ?? 0) + 1);
      if (incoming[i]! > 1) tooMany.add(key);
    }
    for (const [key, c] of count) if (c >= 4 && !tooMany.has(key) && !crossed.has(key)) staggered.add(key);
  }
  return { rank, band, local, bands, stubs, staggered };
}

type Order = 'tape' | 'free' | 'mirror';

const tagSizes = new WeakMap<Tape, Map<string, { width: number; height: number }>>();

/** The size of the tag naming `source` (the same for every stub from it: memoised). */
function tagSize(tape: Tape, source: number, m: NodeMetrics): { width: number; height: number } {
  let map = tagSizes.get(tape);
  if (!map) tagSizes.set(tape, (map = new Map()));
  const key = `${source} ${m.stubPx}`;
  let size = map.get(key);
  if (!size) {
    const { base, sub } = stubLabel(tape, source);
    size = { width: subscriptedWidth(base, sub, m.stubPx) + 0.8 * m.stubPx, height: 1.3 * m.stubPx };
    map.set(key, size);
  }
  return size;
}

function stubLabel(tape: Tape, source: number): { base: string; sub: string; input: boolean } {
  const node = tape.nodes[source]!;
  if (node.op === 'input') return { ...splitSubscript(node.name ?? node.id), input: true };
  return { base: 'v', sub: node.k < 0 ? `\u2212${-node.k}` : String(node.k), input: false };
}

/** Entry port offsets of a node's node arguments, argument 0 highest. */
function portOffset(tape: Tape, target: number, arg: number, m: NodeMetrics): number {
  const args = tape.nodes[target]!.args;
  let count = 0;
  let port = 0;
  args.forEach((a, k) => {
    if (a.kind !== 'node') return;
    if (k < arg) port++;
    count++;
  });
  return count === 1 ? 0 : (port / (count - 1) - 0.5) * m.portSpread;
}

function place(
  tape: Tape,
  edges: readonly Edge[],
  a: Arrangement,
  m: NodeMetrics,
  order: Order,
  maxLanePoints?: number,
): Placed {
  const n = tape.nodes.length;
  const centres: Point[] = new Array<Point>(n);
  const bends = new Map<string, Point[]>();
  const through = new Map<number, readonly [number, number]>();
  const throughIn = new Map<number, readonly [number, number]>();
  const columns = new Map<number, number>();
  const tags = new Map<string, { x: number; y: number; width: number; height: number }>();
  const subgap = m.nodesep;
  const tagGap = 4;
  let bottom = -Infinity;

  for (let b = 0; b < a.bands; b++) {
    const members: number[] = [];
    for (let i = 0; i < n; i++) if (a.band[i] === b) members.push(i);
    if (members.length === 0) continue;
    const localIndex = new Map<number, number>();
    members.forEach((g, i) => localIndex.set(g, i));
    const bandEdges = edges.filter(
      (e) => !a.stubs.has(e.key) && localIndex.has(e.source) && localIndex.has(e.target),
    );
    const cols = Math.max(...members.map((g) => a.local[g]!)) + 1;
    // Room before each column for the stub tags entering its nodes.
    const tagRoom = new Array<number>(cols).fill(0);
    for (const e of edges) {
      if (!a.stubs.has(e.key) || a.band[e.target] !== b) continue;
      const c = a.local[e.target]!;
      tagRoom[c] = Math.max(tagRoom[c]!, tagSize(tape, e.source, m).width + m.arrow + 2 * tagGap);
    }
    const split = (c: number) => a.staggered.has(`${b}:${c}`);
    const width = (c: number) => (split(c) ? 2 * m.width + subgap : m.width);
    const halfStep = new Set<number>();
    for (let c = 0; c < cols; c++) if (split(c)) halfStep.add(c);
    const centre: number[] = [];
    let left = tagRoom[0]!;
    for (let c = 0; c < cols; c++) {
      if (c > 0) left += Math.max(m.ranksep, tagRoom[c]!);
      centre.push(left + width(c) / 2);
      left += width(c);
    }
    const graph: LayeredGraph = {
      count: members.length,
      rank: members.map((g) => a.local[g]!),
      edges: bandEdges.map((e) => ({
        source: localIndex.get(e.source)!,
        target: localIndex.get(e.target)!,
        key: e.key,
      })),
    };
    const p: LayeredPlacement = placeLayered(
      graph,
      {
        nodeWidth: m.width,
        nodeHeight: m.height,
        nodesep: m.nodesep,
        edgesep: m.edgesep,
        ranksep: m.ranksep,
        columnX: (r) => centre[r]!,
      },
      {
        keepOrder: order === 'tape',
        ...(maxLanePoints !== undefined ? { maxLanePoints } : {}),
        ...(halfStep.size ? { halfStep } : {}),
      },
    );
    const flip = order === 'mirror' ? -1 : 1;
    // The band's vertical extent, to stack it under the previous one.
    let top = Infinity;
    let low = -Infinity;
    for (const c of p.centres) {
      top = Math.min(top, flip * c.y - m.height / 2);
      low = Math.max(low, flip * c.y + m.height / 2);
    }
    for (const list of p.bends.values())
      for (const q of list) {
        top = Math.min(top, flip * q.y - m.edgesep);
        low = Math.max(low, flip * q.y + m.edgesep);
      }
    const shift = b === 0 ? 0 : bottom + bandGap(m) + frameRoom(tape, m) - top;
    bottom = low + shift;
    members.forEach((g, i) => {
      const c = p.centres[i]!;
      centres[g] = { x: c.x, y: flip * c.y + shift };
    });
    for (const [key, list] of p.bends)
      bends.set(
        key,
        list.map((q) => ({ x: q.x, y: flip * q.y + shift })),
      );
    for (let c = 0; c < cols; c++) columns.set(centre[c]!, width(c));
    for (const c of halfStep) {
      // Every other node moves into the left half, every other into the right: the edges out of the
      // left ones, and into the right ones, run straight through the other half.
      const column = members.filter((g) => a.local[g] === c).sort((u, v) => centres[u]!.y - centres[v]!.y);
      const offset = (m.width + subgap) / 2;
      const cx = centre[c]!;
      column.forEach((g, i) => {
        const y = centres[g]!.y;
        const left = i % 2 === 0;
        centres[g] = { x: left ? cx - offset : cx + offset, y };
        if (left) through.set(g, [cx + offset - m.width / 2, cx + offset + m.width / 2]);
        else throughIn.set(g, [cx - offset - m.width / 2, cx - offset + m.width / 2]);
      });
    }
  }
  // Tags of stubs: beside the port they enter.
  for (const e of edges) {
    if (!a.stubs.has(e.key)) continue;
    const t = centres[e.target]!;
    const size = tagSize(tape, e.source, m);
    const y = t.y + portOffset(tape, e.target, e.arg, m);
    tags.set(e.key, {
      x: t.x - m.width / 2 - m.arrow - tagGap - size.width,
      y: y - size.height / 2,
      ...size,
    });
  }
  return { centres, bends, through, throughIn, columns, tags };
}

const bandGap = (m: NodeMetrics): number => Math.round(m.height * 0.4);

/** Between bands of a program's graph: room for a frame's bottom padding and the next one's label. */
const frameRoom = (tape: Tape, m: NodeMetrics): number =>
  tape.groups?.length ? Math.round(m.opPx * 0.8) * 1.4 + 2 * Math.round(m.nodesep / 3) + 4 : 0;

function geometry(
  tape: Tape,
  edges: readonly Edge[],
  a: Arrangement,
  m: NodeMetrics,
  placed: Placed,
  splitLanes: boolean,
): Geometry {
  const readers = new Array<number>(tape.nodes.length).fill(0);
  const drawnReaders = new Array<number>(tape.nodes.length).fill(0);
  for (const e of edges) {
    readers[e.source]!++;
    if (!a.stubs.has(e.key)) drawnReaders[e.source]!++;
  }
  const outputNames = new Map<number, string[]>();
  for (const o of tape.outputs) outputNames.set(o.index, [...(outputNames.get(o.index) ?? []), o.name]);

  const nodes: NodeBox[] = tape.nodes.map((node) => {
    const c = placed.centres[node.index]!;
    const x = c.x - m.width / 2;
    const y = c.y - m.height / 2;
    const outputs = outputNames.get(node.index) ?? [];
    const outputMark = outputs.length === 0 ? null : readers[node.index] === 0 ? 'stub' : 'tab';
    const right = x + m.width;
    const continues =
      readers[node.index]! > 0 && drawnReaders[node.index] === 0
        ? `M${right},${c.y}H${right + m.outputArrow - m.arrow}`
        : null;
    return {
      index: node.index,
      id: node.id,
      x,
      y,
      width: m.width,
      height: m.height,
      input: node.op === 'input',
      outputs,
      outputMark,
      outputPath: outputMark === 'stub' ? `M${right},${c.y}H${right + m.outputArrow - m.arrow}` : null,
      outputLabel: outputMark === 'stub' ? { x: right + m.outputArrow + 5, y: c.y } : null,
      continues,
    };
  });

  const paths: EdgeDraft[] = [];
  const stubs: StubMark[] = [];
  const polylines: Point[][] = [];
  const lanes: Point[][] = [];
  /** Per source, its lane's crossing points (those of its longest edge), when lanes are split off. */
  const laneOf = new Map<number, Point[]>();
  for (const e of edges) {
    const from = nodes[e.source]!;
    const to = nodes[e.target]!;
    const inn: Point = { x: to.x, y: to.y + to.height / 2 + portOffset(tape, e.target, e.arg, m) };
    if (a.stubs.has(e.key)) {
      const tag = placed.tags.get(e.key)!;
      const label = stubLabel(tape, e.source);
      stubs.push({ key: e.key, source: e.source, target: e.target, ...tag, ...label });
      paths.push({ ...e, points: [{ x: tag.x + tag.width, y: inn.y }, inn], arrow: m.arrow, stub: true });
      continue;
    }
    const out: Point = { x: from.x + from.width, y: from.y + from.height / 2 };
    const crossing: Point[] = [];
    const run = placed.through.get(e.source);
    if (run) crossing.push({ x: run[0], y: out.y }, { x: run[1], y: out.y });
    for (const q of placed.bends.get(e.key) ?? []) {
      const w = placed.columns.get(q.x);
      if (w === undefined || q.x <= out.x || q.x >= inn.x) continue;
      crossing.push({ x: q.x - w / 2, y: q.y }, { x: q.x + w / 2, y: q.y });
    }
    const runIn = placed.throughIn.get(e.target);
    if (runIn) crossing.push({ x: runIn[0], y: inn.y }, { x: runIn[1], y: inn.y });
    if (splitLanes && crossing.length > 2 * LONG_SPAN) {
      // The lane is drawn once per source; the edge runs from where it leaves the lane.
      const lane = laneOf.get(e.source);
      if (!lane || lane.length < crossing.length + 1) laneOf.set(e.source, [out, ...crossing]);
      const exit = crossing[crossing.length - 1]!;
      paths.push({ ...e, points: [exit, inn], arrow: m.arrow, stub: false });
      polylines.push([exit, inn]);
      continue;
    }
    const points = [out, ...crossing, inn];
    paths.push({ ...e, points, arrow: m.arrow, stub: false });
    polylines.push(points);
  }
  for (const lane of laneOf.values()) {
    lanes.push(lane);
    polylines.push(lane);
  }
  return { nodes, edges: paths, stubs, lanes, polylines, placed };
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
function inversions(a: Arrangement, nodes: readonly NodeBox[]): number {
  let count = 0;
  for (let i = 0; i < nodes.length; i++) {
    for (let j = i + 1; j < nodes.length; j++) {
      if (a.rank[i] === a.rank[j] && nodes[i]!.y > nodes[j]!.y) count++;
    }
  }
  return count;
}

/** Everything drawn: the boxes, output names and tabs, stub tags, and the lanes of long edges. */
function boundsOf(g: Geometry, m: NodeMetrics): GraphLayout['bounds'] {
  if (g.nodes.length === 0) return { x: 0, y: 0, width: 0, height: 0 };
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const n of g.nodes) {
    const right =
      n.outputMark === 'stub'
        ? m.outputArrow + 5 + m.outputChar * n.outputs.join(', ').length
        : n.continues
          ? m.outputArrow
          : 0;
    x0 = Math.min(x0, n.x);
    y0 = Math.min(y0, n.y - (n.outputMark === 'tab' ? 0.9 * m.tagPx : 0));
    x1 = Math.max(x1, n.x + n.width + right);
    y1 = Math.max(y1, n.y + n.height);
  }
  for (const s of g.stubs) {
    x0 = Math.min(x0, s.x);
    y0 = Math.min(y0, s.y);
    y1 = Math.max(y1, s.y + s.height);
  }
  const margin = m.edgesep;
  for (const line of g.polylines) {
    for (const p of line) {
      y0 = Math.min(y0, p.y - margin);
      y1 = Math.max(y1, p.y + margin);
    }
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/**
 * Lays the tape out left to right (`layered.ts`) in the given config: inputs first, final outputs in
 * the last column, one edge per (argument node, reading node, argument position) so that `x*x` has
 * two edges, entering at two different ports of the reading node.
 *
 * Node order within columns: for graphs up to COMPARE_MAX_NODES, the tape order (x1 above x2, v1
 * above v2, as in the table), the order of the barycentre sweeps, and its mirror image (argument
 * ports are fixed, first argument above, so a mirror image can cross less) are drawn, each with and
 * without the optional fan-out stubs; the candidate with the fewest edge crossings wins (a stub costs
 * a third of a crossing), then the one closer to the tape order. Larger graphs take the sweeps' order.
 */
export function layoutGraph(tape: Tape, config: LayoutConfig = DEFAULT_CONFIG): GraphLayout {
  const m = NODE_STYLES[config.style];
  const edges = allEdges(tape);
  const large = tape.nodes.length > COMPARE_MAX_NODES;
  const { forced, optional } = fanStubs(tape, edges);
  if (large) {
    const a = arrange(tape, edges, forced, { ...config, bands: 1 }, true);
    const g = geometry(tape, edges, a, m, place(tape, edges, a, m, 'free'), true);
    return finish(config, g, m, framesOf(tape, a.band, g.nodes, m));
  }
  const fans = optional.size > 0 ? [forced, new Set([...forced, ...optional])] : [forced];
  let best: { g: Geometry; a: Arrangement; score: number } | null = null;
  for (const fan of fans) {
    const a = arrange(tape, edges, fan, config, false);
    for (const order of ['tape', 'free', 'mirror'] as const) {
      const g = geometry(tape, edges, a, m, place(tape, edges, a, m, order), false);
      const score = crossings(g.polylines) * 1000 + (fan.size - forced.size) * 300 + inversions(a, g.nodes);
      if (!best || score < best.score) best = { g, a, score };
    }
  }
  return finish(config, best!.g, m, framesOf(tape, best!.a.band, best!.g.nodes, m));
}

/** Forward and backward paths, each stopping an arrowhead short of the box it points at. */
function pathsOf(e: EdgeDraft): EdgePath {
  const points = e.points;
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const arrow = e.arrow;
  let d: string;
  let dBack: string;
  if (e.stub) {
    d = `M${r1(first.x)},${r1(first.y)}H${r1(last.x - arrow)}`;
    dBack = `M${r1(last.x)},${r1(last.y)}H${r1(first.x + arrow)}`;
  } else {
    const inner = points.slice(1, -1);
    d = pathOf([first, ...inner, { x: last.x - arrow, y: last.y }]);
    dBack = pathOf([last, ...inner.reverse(), { x: first.x + arrow, y: first.y }]);
  }
  return { key: e.key, source: e.source, target: e.target, arg: e.arg, d, dBack, stub: e.stub, tip: last };
}

function finish(
  config: LayoutConfig,
  g: Geometry,
  m: NodeMetrics,
  frames: readonly GroupFrame[],
): GraphLayout {
  const b = boundsOf(g, m);
  let [x0, y0, x1, y1] = [b.x, b.y, b.x + b.width, b.y + b.height];
  for (const f of frames) {
    x0 = Math.min(x0, f.x);
    y0 = Math.min(y0, f.y);
    x1 = Math.max(x1, f.x + f.width);
    y1 = Math.max(y1, f.y + f.height);
  }
  return {
    config,
    nodes: g.nodes,
    edges: g.edges.map(pathsOf),
    stubs: g.stubs,
    ...(g.lanes.length ? { lanes: g.lanes.map(pathOf) } : {}),
    ...(frames.length ? { frames } : {}),
    bounds: { x: x0, y: y0, width: x1 - x0, height: y1 - y0 },
  };
}

/**
 * The extent a config would take, without drawing a path: one placement in the sweeps' order with
 * the stubs that are always taken. For choosing a config (arrange.ts), not for drawing.
 */
export function layoutExtent(tape: Tape, config: LayoutConfig): { width: number; height: number } {
  const m = NODE_STYLES[config.style];
  const edges = allEdges(tape);
  const large = tape.nodes.length > COMPARE_MAX_NODES;
  const { forced } = fanStubs(tape, edges);
  const a = arrange(tape, edges, forced, large ? { ...config, bands: 1 } : config, large);
  const p = place(tape, edges, a, m, 'free');
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (const c of p.centres) {
    x0 = Math.min(x0, c.x - m.width / 2);
    x1 = Math.max(x1, c.x + m.width / 2);
    y0 = Math.min(y0, c.y - m.height / 2);
    y1 = Math.max(y1, c.y + m.height / 2);
  }
  for (const t of p.tags.values()) x0 = Math.min(x0, t.x);
  for (const list of p.bends.values())
    for (const q of list) {
      y0 = Math.min(y0, q.y - m.edgesep);
      y1 = Math.max(y1, q.y + m.edgesep);
    }
  // The output's name on the right.
  const right = m.outputArrow + 5 + 2 * m.outputChar;
  // (A program's frames add a label row above each band; Fit takes them in, the choice does not.)
  return { width: x1 - x0 + right, height: y1 - y0 };
}
