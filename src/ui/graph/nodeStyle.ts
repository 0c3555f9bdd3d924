/**
 * How big a node is and where its texts sit, for each level of detail. The layout sizes boxes and
 * gaps from these metrics and the view draws from them, so both always agree.
 *
 * - `full`: the look of the paper's example — a header with the Wengert label and the operation, a
 *   rule, and named value lines `v = 0.693`, `v̇ = 0.5`, `v̄ = 1` (150 × 106 at 17.5 px).
 * - `named`: the same lines without ` = ` in a box half as wide, for graphs that need the room.
 * - `bare`: the numbers alone, in the phase's colour and always in the same row (v, v̇, v̄ top to
 *   bottom), with a key beside the Fit button saying which row is which.
 * - `current`: the value of the current phase only (all of them in the tooltip), for the tallest
 *   graphs; the other values are still one hover away.
 */
export type NodeStyleName = 'full' | 'named' | 'bare' | 'current';

export interface NodeMetrics {
  readonly name: NodeStyleName;
  readonly width: number;
  readonly height: number;
  /** Horizontal padding inside the box. */
  readonly pad: number;
  /** Font sizes, in layout units (CSS px at zoom 1). */
  readonly valuePx: number;
  readonly idPx: number;
  readonly opPx: number;
  /** The Wengert label alone, drawn large when the zoom is too small for the details. */
  readonly idLargePx: number;
  readonly headerY: number;
  readonly ruleY: number;
  /** Baselines of the value lines, top to bottom. */
  readonly lineY: readonly number[];
  /** Whether a value line is written `v̄ = 1` (`full`), `v̄ 1` (`named`) or `1` (`bare`, `current`). */
  readonly names: 'equals' | 'short' | 'none';
  /** Whether every reached value gets a line, or only the current phase's. */
  readonly lines: 'all' | 'current';
  /** Fan-in dots: radius and distance between centres. */
  readonly dotR: number;
  readonly dotGap: number;
  /** Gaps between nodes of a column, between edges, and between columns. */
  readonly nodesep: number;
  readonly edgesep: number;
  readonly ranksep: number;
  /** Vertical distance between the entry ports of a binary node (argument 0 above). */
  readonly portSpread: number;
  readonly arrow: number;
  /** The output arrow on the right of a final node, its name's size and a rough character width. */
  readonly outputArrow: number;
  readonly outputPx: number;
  readonly outputChar: number;
  /** Tags on the border (output names still read by others, notes) and fan-out stubs. */
  readonly tagPx: number;
  readonly stubPx: number;
  readonly radius: number;
}

const FULL: NodeMetrics = {
  name: 'full',
  width: 150,
  height: 106,
  pad: 11,
  valuePx: 17.5,
  idPx: 21,
  opPx: 20,
  idLargePx: 46,
  headerY: 26,
  ruleY: 37,
  lineY: [59, 79, 98.5],
  names: 'equals',
  lines: 'all',
  dotR: 4,
  dotGap: 11,
  nodesep: 26,
  edgesep: 14,
  ranksep: 40,
  portSpread: 30,
  arrow: 12,
  outputArrow: 28,
  outputPx: 22,
  outputChar: 14,
  tagPx: 16,
  stubPx: 17,
  radius: 10,
};

/** The compact styles share one box: 16 px numbers, 18 px apart. */
const COMPACT = {
  height: 84,
  pad: 5,
  valuePx: 16,
  idPx: 16,
  opPx: 16,
  idLargePx: 34,
  headerY: 17,
  ruleY: 23.5,
  lineY: [40.5, 58.5, 76.5],
  lines: 'all',
  dotR: 3.2,
  dotGap: 9,
  nodesep: 12,
  edgesep: 7,
  ranksep: 20,
  portSpread: 22,
  arrow: 9,
  outputArrow: 18,
  outputPx: 18,
  outputChar: 11.5,
  tagPx: 13,
  stubPx: 14,
  radius: 7,
} as const;

const NAMED: NodeMetrics = { ...COMPACT, name: 'named', width: 90, names: 'short' };
const BARE: NodeMetrics = { ...COMPACT, name: 'bare', width: 76, names: 'none' };
const CURRENT: NodeMetrics = {
  ...COMPACT,
  name: 'current',
  width: 76,
  height: 48,
  lineY: [40.5],
  names: 'none',
  lines: 'current',
};

export const NODE_STYLES: Readonly<Record<NodeStyleName, NodeMetrics>> = {
  full: FULL,
  named: NAMED,
  bare: BARE,
  current: CURRENT,
};

/** From the richest to the most compact. */
export const STYLE_LADDER: readonly NodeStyleName[] = ['full', 'named', 'bare', 'current'];
