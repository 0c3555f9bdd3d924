import { memo, type JSX } from 'react';
import type { Tape, TapeNode } from '../../core/tape';
import type { Phase } from '../../core/trace';
import type { Translator } from '../../i18n/index';
import { displayNumber, estimateWidth, formulaText, splitSubscript, subscriptOf } from './labels';
import type { NodeBox } from './layout';
import { markLabel, markText, type NodeMark } from './marks';
import type { NodeMetrics } from './nodeStyle';
import type { Focus, NodeValues } from './stepState';
import { subscriptedWidth } from './textWidth';

/** How much a node shows at the current zoom: everything, its Wengert label only, or its box only. */
export type Detail = 'all' | 'label' | 'box';

export interface GraphNodeProps {
  box: NodeBox;
  metrics: NodeMetrics;
  node: TapeNode;
  tape: Tape;
  values: NodeValues;
  /** A note or a first non-finite value to flag, if any (see marks.ts). */
  mark: NodeMark | undefined;
  focus: Focus | null;
  hovered: boolean;
  detail: Detail;
  label: string;
  dual: boolean;
  outputArrow: string;
  onHover: (index: number | null) => void;
  onSelect: ((index: number) => void) | undefined;
  /**
   * The page's translator, from the view: a hook here would subscribe every node of a large graph
   * to the store (two subscriptions and an effect each), a good part of its first draw.
   */
  t: Translator;
  /** A magnified copy in the focus lens: drawn at the origin, marked `data-lens` instead of `data-node`. */
  lens?: boolean;
  /**
   * Whether the node carries its tooltip before it is hovered. Large graphs write it on hover only:
   * two thousand titles, rewritten as values arrive, were a good part of a large graph's first draw.
   */
  titled?: boolean;
}

const DOT = '\u0307';
const BAR = '\u0304';
const NAME: Readonly<Record<Phase, string>> = { primal: 'v', tangent: `v${DOT}`, adjoint: `v${BAR}` };
/** Beyond this many contributions the dots would crowd the node: write `2/5` instead. */
const MAX_DOTS = 4;

/** What the current step means to one node: it is assigned (current) or read, in a phase. */
export const focusRole = (focus: Focus | null, index: number): string =>
  !focus
    ? ''
    : focus.target === index
      ? `c${focus.phase}`
      : focus.reads.includes(index)
        ? `r${focus.phase}`
        : '';

const sameValues = (a: NodeValues, b: NodeValues): boolean =>
  Object.is(a.primal, b.primal) &&
  Object.is(a.tangent, b.tangent) &&
  (a.adjoint === b.adjoint ||
    (a.adjoint !== null &&
      b.adjoint !== null &&
      Object.is(a.adjoint.value, b.adjoint.value) &&
      a.adjoint.received === b.adjoint.received &&
      a.adjoint.total === b.adjoint.total));

/**
 * A step changes a handful of nodes: re-render only those. `values` is compared by content and
 * `focus` by what it means to this node; every other prop by identity.
 */
function sameNodeProps(a: GraphNodeProps, b: GraphNodeProps): boolean {
  return (
    a.box === b.box &&
    a.hovered === b.hovered &&
    a.detail === b.detail &&
    a.label === b.label &&
    a.mark === b.mark &&
    a.metrics === b.metrics &&
    a.node === b.node &&
    a.tape === b.tape &&
    a.dual === b.dual &&
    a.outputArrow === b.outputArrow &&
    a.onHover === b.onHover &&
    a.onSelect === b.onSelect &&
    a.lens === b.lens &&
    a.titled === b.titled &&
    a.t === b.t &&
    focusRole(a.focus, a.box.index) === focusRole(b.focus, b.box.index) &&
    sameValues(a.values, b.values)
  );
}

interface Line {
  readonly phase: Phase;
  readonly value: number;
  readonly fanIn?: { readonly received: number; readonly total: number };
}

/** The value lines a node shows, top to bottom. */
function linesOf(values: NodeValues, m: NodeMetrics): Line[] {
  const lines: Line[] = [];
  if (values.primal !== null) lines.push({ phase: 'primal', value: values.primal });
  if (values.tangent !== null) lines.push({ phase: 'tangent', value: values.tangent });
  if (values.adjoint) {
    const { received, total, value } = values.adjoint;
    lines.push({ phase: 'adjoint', value, ...(total > 1 ? { fanIn: { received, total } } : {}) });
  }
  // `current`: the latest value the node has, in its phase's colour (all of them in the tooltip).
  return m.lines === 'current' ? lines.slice(-1) : lines;
}

/** Squeeze a text into `room` (SVG cannot measure before layout; squeezing beats overflowing). */
const squeeze = (natural: number, room: number) =>
  natural > room ? { textLength: Math.max(1, room), lengthAdjust: 'spacingAndGlyphs' as const } : {};

/** The node's tooltip: its formula, its values in full, its output names and marks. */
function tooltip(props: GraphNodeProps): string {
  const { tape, node, values, box, mark, t } = props;
  const parts = [formulaText(tape, node, t.lang)];
  if (values.primal !== null) parts.push(`v = ${displayNumber(values.primal)}`);
  if (values.tangent !== null) parts.push(`v${DOT} = ${displayNumber(values.tangent)}`);
  if (values.adjoint) {
    const { value, received, total } = values.adjoint;
    parts.push(
      `v${BAR} = ${displayNumber(value)}${total > 1 ? ` ${t('graph.contributions', { k: received, n: total })}` : ''}`,
    );
  }
  if (box.outputs.length) parts.push(t('graph.output', { names: box.outputs.join(', ') }));
  if (mark) parts.push(markText(mark, t.lang));
  return parts.join('; ');
}

/**
 * One node of the graph. Drawn in layout coordinates without a transform of its own: a transform per
 * node would give every node its own paint chunk, and with thousands of nodes the compositor would
 * re-layerize them all on every step.
 */
function GraphNodeView(props: GraphNodeProps): JSX.Element {
  const { box, metrics: m, node, values, mark, focus, hovered, detail, label, dual } = props;
  const { outputArrow, onHover, onSelect, lens = false, titled = true, t } = props;
  // The lens draws its copy at the origin, scaled by its own transform.
  const X = lens ? 0 : box.x;
  const Y = lens ? 0 : box.y;
  const { width: w, height: h } = box;
  const current = focus?.target === box.index ? focus.phase : null;
  const read = focus && !current && focus.reads.includes(box.index) ? focus.phase : null;
  const classes = ['graph-node', `style-${m.name}`];
  if (current) classes.push('is-current', `phase-${current}`);
  if (read) classes.push('is-read', `phase-${read}`);
  if (hovered) classes.push('is-hovered');
  if (box.input) classes.push('is-input');
  if (box.outputs.length) classes.push('is-output');
  if (onSelect) classes.push('is-selectable');
  if (mark?.first.length) classes.push('is-first-nonfinite');
  else if (mark?.note) classes.push(`has-note note-${mark.note.kind}`);

  const title = titled || hovered || lens ? tooltip(props) : null;
  const name = splitSubscript(box.outputs.join(', '));
  const cy = Y + h / 2;

  return (
    <g
      className={classes.join(' ')}
      {...(lens ? { 'data-lens': box.id } : { 'data-node': box.id })}
      data-note={mark?.note?.kind}
      data-first-nonfinite={mark?.first.length ? mark.first.map((f) => f.phase).join(' ') : undefined}
      onPointerEnter={() => onHover(box.index)}
      onPointerLeave={() => onHover(null)}
      onClick={onSelect ? () => onSelect(box.index) : undefined}
    >
      {title !== null && <title>{title}</title>}
      {!lens && box.outputMark === 'stub' && box.outputPath && box.outputLabel && (
        <g className="graph-output">
          <path d={box.outputPath} markerEnd={outputArrow} />
          <text x={box.outputLabel.x} y={box.outputLabel.y} dy="0.35em" fontSize={m.outputPx}>
            {name.base}
            {name.sub && (
              <tspan className="graph-sub" dy="0.3em">
                {name.sub}
              </tspan>
            )}
          </text>
        </g>
      )}
      {!lens && box.continues && (
        <path className="graph-continues" d={box.continues} markerEnd={outputArrow} />
      )}
      {hovered && (
        <rect
          className="graph-node-hover"
          x={X - 9}
          y={Y - 9}
          width={w + 18}
          height={h + 18}
          rx={m.radius + 7}
        />
      )}
      {box.outputs.length > 0 && (
        <rect
          className="graph-node-outer"
          x={X - 4.5}
          y={Y - 4.5}
          width={w + 9}
          height={h + 9}
          rx={m.radius + 4}
        />
      )}
      {mark?.first.length ? (
        <rect
          className="graph-node-alarm"
          x={X - 4.5}
          y={Y - 4.5}
          width={w + 9}
          height={h + 9}
          rx={m.radius + 4}
        />
      ) : null}
      <rect className="graph-node-box" x={X} y={Y} width={w} height={h} rx={m.radius} />
      {detail === 'all' && mark && (
        <MarkTag label={markLabel(mark, t.lang)} x={X + m.pad} y={Y - 4.5} m={m} />
      )}
      {detail === 'all' && box.outputMark === 'tab' && (
        <OutputTab names={box.outputs.join(', ')} right={X + w - m.pad} y={Y - 4.5} m={m} />
      )}
      {detail === 'all' ? (
        <>
          <text className="graph-node-id" x={X + m.pad} y={Y + m.headerY} fontSize={m.idPx}>
            v
            <tspan className="graph-sub" dy="0.3em">
              {subscriptOf(node)}
            </tspan>
          </text>
          <OpText
            label={label}
            input={box.input}
            x={X + w - m.pad}
            y={Y + m.headerY}
            px={m.opPx}
            maxWidth={w - 2 * m.pad - subscriptedWidth('v', subscriptOf(node), m.idPx) - 0.3 * m.opPx}
          />
          <line className="graph-node-rule" x1={X} x2={X + w} y1={Y + m.ruleY} y2={Y + m.ruleY} />
          <ValueLines
            lines={linesOf(values, m)}
            values={values}
            m={m}
            x={X}
            y={Y}
            w={w}
            h={h}
            current={current}
            dual={dual}
          />
        </>
      ) : detail === 'label' ? (
        <text
          className="graph-node-id graph-node-id-large"
          x={X + w / 2}
          y={cy}
          dy="0.35em"
          textAnchor="middle"
          fontSize={m.idLargePx}
        >
          v
          <tspan className="graph-sub" dy="0.3em">
            {subscriptOf(node)}
          </tspan>
        </text>
      ) : null}
    </g>
  );
}

export const GraphNode = memo(GraphNodeView, sameNodeProps);

function ValueLines({
  lines,
  values,
  m,
  x,
  y,
  w,
  h,
  current,
  dual,
}: {
  lines: readonly Line[];
  values: NodeValues;
  m: NodeMetrics;
  x: number;
  y: number;
  w: number;
  h: number;
  current: Phase | null;
  dual: boolean;
}): JSX.Element {
  const out: JSX.Element[] = [];
  let row = 0;
  // Dual numbers: v + v̇ε on one line, the primal and the tangent part each its own text.
  const dualLine = dual && values.primal !== null && values.tangent !== null && m.lines === 'all';
  if (dualLine) {
    const primal = displayNumber(values.primal!);
    const tangent = `${values.tangent! < 0 ? '\u2212' : '+'} ${displayNumber(Math.abs(values.tangent!))}ε`;
    const room = w - 2 * m.pad;
    const gap = 0.32 * m.valuePx;
    const pw = estimateWidth(primal, m.valuePx);
    const tw = estimateWidth(tangent, m.valuePx);
    const scale = Math.min(1, room / (pw + gap + tw));
    out.push(
      <g
        key="dual"
        className={`graph-value graph-value-tangent${current === 'tangent' ? ' is-new' : ''}`}
        data-dual=""
      >
        <text
          className="graph-dual-primal"
          x={x + m.pad}
          y={y + m.lineY[0]!}
          fontSize={m.valuePx}
          data-field="primal"
          {...squeeze(pw, pw * scale)}
        >
          {primal}
        </text>
        <text
          x={x + m.pad + (pw + gap) * scale}
          y={y + m.lineY[0]!}
          fontSize={m.valuePx}
          data-field="tangent"
          {...squeeze(tw, tw * scale)}
        >
          {` ${tangent}`}
        </text>
      </g>,
    );
    row = 1;
  }
  for (const line of lines) {
    if (dualLine && line.phase !== 'adjoint') continue;
    const baseline = y + m.lineY[row]!;
    row++;
    const number = displayNumber(line.value);
    const isNew = current === line.phase;
    const weight = isNew ? 1.08 : 1;
    const className = `graph-value graph-value-${line.phase}${isNew ? ' is-new' : ''}`;
    if (m.names === 'equals') {
      // The full style: `v̄ = 5.5`, fan-in dots on the right of the line.
      const fan = line.fanIn ? fanWidth(line.fanIn.total, m) + 6 : 0;
      const text = `${NAME[line.phase]} = ${number}`;
      out.push(
        <g key={line.phase} className={className}>
          <text
            x={x + m.pad}
            y={baseline}
            fontSize={m.valuePx}
            data-field={line.phase}
            {...squeeze(estimateWidth(text, m.valuePx) * weight, w - 2 * m.pad - fan)}
          >
            <tspan className="graph-value-name">{NAME[line.phase]}</tspan> = {number}
          </text>
          {line.fanIn && (
            <FanIn {...line.fanIn} right={x + w - m.pad} cy={baseline - 0.34 * m.valuePx} m={m} />
          )}
        </g>,
      );
      continue;
    }
    // Compact styles: the number right-aligned (decimal points roughly line up), its name on the left
    // (`named`) or only its colour and row (`bare`, `current`; the key says which row is which).
    const nameWidth = m.names === 'short' ? estimateWidth('v', m.valuePx) + 0.35 * m.valuePx : 0;
    out.push(
      <g key={line.phase} className={className}>
        {m.names === 'short' && (
          <text className="graph-value-name" x={x + m.pad} y={baseline} fontSize={m.valuePx}>
            {NAME[line.phase]}
          </text>
        )}
        <text
          x={x + w - m.pad}
          y={baseline}
          textAnchor="end"
          fontSize={m.valuePx}
          data-field={line.phase}
          {...squeeze(estimateWidth(number, m.valuePx) * weight, w - 2 * m.pad - nameWidth)}
        >
          {number}
        </text>
      </g>,
    );
    if (line.fanIn) {
      out.push(
        <FanIn
          key="fan"
          {...line.fanIn}
          right={x + w / 2 + fanWidth(line.fanIn.total, m) / 2}
          cy={y + h}
          m={m}
        />,
      );
    }
  }
  return <>{out}</>;
}

/** The operation (or the input's name, with its digits as a subscript), squeezed if it is long. */
function OpText({
  label,
  input,
  x,
  y,
  px,
  maxWidth,
}: {
  label: string;
  input: boolean;
  x: number;
  y: number;
  px: number;
  maxWidth: number;
}): JSX.Element {
  if (input) {
    const split = splitSubscript(label);
    // A name far wider than its room (regularizationStrength) is cut short with an ellipsis rather
    // than squeezed into an unreadable smear; the full name is in the tooltip and the table.
    const natural = subscriptedWidth(split.base, split.sub, px) * 1.05;
    const cut = natural > 1.6 * maxWidth && label.length > 4;
    const keep = cut ? Math.max(2, Math.floor((label.length * 1.25 * maxWidth) / natural) - 1) : 0;
    const { base, sub } = cut ? { base: `${label.slice(0, keep)}…`, sub: '' } : split;
    return (
      <text
        className="graph-node-op graph-node-name"
        x={x}
        y={y}
        textAnchor="end"
        fontSize={px}
        data-field="op"
        {...squeeze(subscriptedWidth(base, sub, px) * 1.05, maxWidth)}
      >
        {cut && <title>{label}</title>}
        {base}
        {sub && (
          <tspan className="graph-sub" dy="0.3em">
            {sub}
          </tspan>
        )}
      </text>
    );
  }
  return (
    <text
      className="graph-node-op"
      x={x}
      y={y}
      textAnchor="end"
      fontSize={px}
      data-field="op"
      {...squeeze(estimateWidth(label, px) * 1.05, maxWidth)}
    >
      {label}
    </text>
  );
}

/** A small tag on the node's top-left corner: `first ∞`, `domain`, `convention`, …. */
function MarkTag({ label, x, y, m }: { label: string; x: number; y: number; m: NodeMetrics }): JSX.Element {
  const width = m.tagPx + estimateWidth(label, m.tagPx);
  const height = 1.4 * m.tagPx;
  return (
    <g className="graph-mark" aria-hidden="true">
      <rect x={x} y={y - height / 2} width={width} height={height} rx={m.radius * 0.6} />
      <text x={x + m.tagPx / 2} y={y} dy="0.35em" fontSize={m.tagPx}>
        {label}
      </text>
    </g>
  );
}

/** The name of an output that other nodes still read, on a tab on the top border. */
function OutputTab({ names, right, y, m }: { names: string; right: number; y: number; m: NodeMetrics }) {
  const width = m.tagPx * 0.9 + estimateWidth(names, m.tagPx) * 1.1;
  const height = 1.4 * m.tagPx;
  return (
    <g className="graph-output-tab">
      <rect x={right - width} y={y - height / 2} width={width} height={height} rx={m.radius * 0.6} />
      <text x={right - m.tagPx * 0.45} y={y} dy="0.35em" textAnchor="end" fontSize={m.tagPx}>
        {names}
      </text>
    </g>
  );
}

const fanWidth = (total: number, m: NodeMetrics): number =>
  total > MAX_DOTS ? 2.2 * m.tagPx : total * m.dotGap - (m.dotGap - 2 * m.dotR);

/** One dot per adjoint contribution the node will receive, filled as they arrive: fan-out made visible. */
function FanIn({
  received,
  total,
  right,
  cy,
  m,
}: {
  received: number;
  total: number;
  right: number;
  cy: number;
  m: NodeMetrics;
}): JSX.Element {
  if (total > MAX_DOTS) {
    const width = fanWidth(total, m);
    return (
      <g className="graph-fanin">
        <rect
          x={right - width}
          y={cy - 0.6 * m.tagPx}
          width={width}
          height={1.2 * m.tagPx}
          rx={m.tagPx * 0.6}
        />
        <text
          className="graph-fanin-text"
          x={right - width / 2}
          y={cy}
          dy="0.35em"
          textAnchor="middle"
          fontSize={m.tagPx * 0.85}
        >
          {received}/{total}
        </text>
      </g>
    );
  }
  return (
    <g className="graph-fanin">
      {Array.from({ length: total }, (_, i) => (
        <circle
          key={i}
          className={i < received ? 'is-received' : undefined}
          cx={right - m.dotR - (total - 1 - i) * m.dotGap}
          cy={cy}
          r={m.dotR}
        />
      ))}
    </g>
  );
}
