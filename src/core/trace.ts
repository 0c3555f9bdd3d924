/**
 * The trace the views animate: one timeline through the forward primal sweep, the forward tangent
 * sweep and the reverse adjoint sweep. Each step says which node it assigns, in which column, from
 * which node, its value, its TeX and a caption in words. Views show steps; they never recompute.
 */
import { dualTrace } from './dual';
import { formatNumber, plainNodeId } from './format';
import { rule, type Note } from './rules';
import { adjoint, localPartials, primal, tangent, unit, type AdjointStep } from './sweep/sweeps';
import type { Tape, TapeNode } from './tape';
import { adjointRow, joinRow, primalRow, tangentRow, type RowTex } from './tex';

export type Phase = 'primal' | 'tangent' | 'adjoint';

/** `tour`: the primal sweep, then the tangent sweep, then the reverse sweep; `forward`: v_i and v̇_i in one step per node (as ForwardDiff.jl's `Dual`), then the reverse sweep. */
export type TraceMode = 'tour' | 'forward';

export interface TraceStep {
  readonly phase: Phase;
  /** Index of the assigned node in `tape.nodes`, and its id. */
  readonly target: number;
  readonly targetId: string;
  /** The node pushing its adjoint (reverse steps other than seeds). */
  readonly from: number | null;
  readonly fromId: string | null;
  /** Node indices this step reads: the arguments (forward) or the pushing node (reverse). */
  readonly reads: readonly number[];
  readonly value: number;
  /** Reverse steps: whether the target already had a contribution. */
  readonly accumulate: boolean;
  /** The whole row: `v_{1} = \\ln v_{-1} = \\ln 2 = 0.693`. */
  readonly tex: string;
  /** The row before its numbers are known: `v_{1} = \\ln v_{-1}`. */
  readonly formula: string;
  /** The numbers substituted, without the result (`1 \\times 5 + 0 \\times 2`): a quiz hint. */
  readonly hint?: string;
  readonly caption: string;
  /** Forward mode (`mode: 'forward'`): this tangent step computes the primal value v_i too. */
  readonly primal?: number;
}

export interface NodeNote extends Note {
  readonly index: number;
  readonly id: string;
}

export interface TraceOptions {
  /** Input index whose tangent is seeded with 1 (default 0), or a full seed vector ẋ. */
  readonly seed?: number | ArrayLike<number>;
  /** Output index whose adjoint is seeded with 1 (default 0), or a full seed vector ȳ. */
  readonly adjointSeed?: number | ArrayLike<number>;
  /** Write the forward rows as dual-number arithmetic, `\ln (2 + 1 \varepsilon) = 0.693 + 0.5 \varepsilon` (dual.ts). */
  readonly dual?: boolean;
  /** The timeline: the three-phase tour (default) or forward mode. */
  readonly mode?: TraceMode;
}

export interface Trace {
  readonly v: Float64Array;
  readonly vDot: Float64Array;
  readonly vBar: Float64Array;
  readonly xDot: Float64Array;
  readonly yBar: Float64Array;
  readonly steps: readonly TraceStep[];
  readonly adjointSteps: readonly AdjointStep[];
  /** Conventions and numeric events at nodes, in node order. */
  readonly notes: readonly NodeNote[];
  /** The first node whose value (resp. tangent, adjoint) is not finite, or null. */
  readonly firstNonFinite: {
    readonly primal: number | null;
    readonly tangent: number | null;
    readonly adjoint: number | null;
  };
  /** Where each phase starts on the timeline: steps [start, end) (1-based positions are index + 1). */
  readonly phases: Readonly<Record<Phase, { readonly start: number; readonly end: number }>>;
  /** Absent or `tour`: the three-phase tour; `forward`: primal and tangent share steps [0, l). */
  readonly mode?: TraceMode;
  /** Whether the forward rows are written as dual numbers. */
  readonly dual?: boolean;
}

const DOT = '\u0307';
const BAR = '\u0304';
/** The ordinal words of captions (`a second contribution`); the page's translations read them too. */
export const ORDINALS: readonly string[] = [
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
];
const ordinal = (i: number): string => ORDINALS[i - 1] ?? `${i}th`;
const times = (n: number): string => (n === 2 ? 'twice' : n === 3 ? 'three times' : `${n} times`);

const asVector = (s: number | ArrayLike<number> | undefined, length: number): Float64Array =>
  typeof s === 'number' || s === undefined
    ? unit(length, Math.min(Math.max(0, s ?? 0), Math.max(0, length - 1)))
    : Float64Array.from(s);

const firstNonFinite = (a: Float64Array): number | null => {
  const i = a.findIndex((x) => !Number.isFinite(x));
  return i < 0 ? null : i;
};

/** Conventions and numeric events (domain errors, overflow, poles) at each node, from the rule table. */
export function nodeNotes(tape: Tape, v: ArrayLike<number>): NodeNote[] {
  const notes: NodeNote[] = [];
  for (const node of tape.nodes) {
    if (node.op === 'input') continue;
    const r = rule(node.op);
    const args = node.args.map((a) => (a.kind === 'node' ? v[a.index]! : a.value));
    const value = v[node.index]!;
    const isNode = [node.args[0]?.kind === 'node', node.args[1]?.kind === 'node'] as const;
    let note = r.note?.(args[0]!, args[1] ?? NaN, value, isNode) ?? null;
    if (!note && !Number.isFinite(value) && args.every(Number.isFinite)) {
      note = Number.isNaN(value)
        ? { kind: 'domain', message: `outside the domain of ${node.op}` }
        : { kind: 'overflow', message: `overflow: ${node.op} is too large for a double` };
    }
    if (note) notes.push({ ...note, index: node.index, id: node.id });
  }
  return notes;
}

/** Runs the three sweeps and lays them out as one timeline. */
export function buildTrace(tape: Tape, x: ArrayLike<number>, options: TraceOptions = {}): Trace {
  if (options.dual || options.mode === 'forward') {
    return dualTrace(tape, buildTrace(tape, x, { ...options, dual: false, mode: 'tour' }), options);
  }
  const v = primal(tape, x);
  const xDot = asVector(options.seed, tape.n);
  const yBar = asVector(options.adjointSeed, tape.outputs.length);
  const vDot = tangent(tape, v, xDot);
  const { vBar, steps: adjointSteps } = adjoint(tape, v, yBar);
  const partials = tape.nodes.map((node) => localPartials(node, v));
  const steps: TraceStep[] = [];
  const nodeReads = (node: TapeNode) => node.args.flatMap((a) => (a.kind === 'node' ? [a.index] : []));
  const seeded = tape.inputs.filter((_, j) => xDot[j] !== 0).map((i) => i.name);

  for (const node of tape.nodes) {
    steps.push({
      phase: 'primal',
      target: node.index,
      targetId: node.id,
      from: null,
      fromId: null,
      reads: nodeReads(node),
      value: v[node.index]!,
      accumulate: false,
      ...texOf(primalRow(tape, node, v)),
      caption: primalCaption(tape, node, v),
    });
  }
  for (const node of tape.nodes) {
    steps.push({
      phase: 'tangent',
      target: node.index,
      targetId: node.id,
      from: null,
      fromId: null,
      reads: nodeReads(node),
      value: vDot[node.index]!,
      accumulate: false,
      ...texOf(tangentRow(tape, node, vDot, partials[node.index]!)),
      caption: tangentCaption(tape, node, vDot, seeded),
    });
  }
  const uses = new Map<number, number>();
  for (const s of adjointSteps) uses.set(s.target, (uses.get(s.target) ?? 0) + 1);
  const seen = new Map<number, number>();
  for (const s of adjointSteps) {
    const count = (seen.get(s.target) ?? 0) + 1;
    seen.set(s.target, count);
    steps.push({
      phase: 'adjoint',
      target: s.target,
      targetId: tape.nodes[s.target]!.id,
      from: s.from,
      fromId: s.from === null ? null : tape.nodes[s.from]!.id,
      reads: s.from === null ? [] : [s.from],
      value: s.value,
      accumulate: s.accumulate,
      ...texOf(adjointRow(tape, s, s.from === null ? 1 : vBar[s.from]!)),
      caption: adjointCaption(tape, s, count, uses.get(s.target) ?? 1),
    });
  }
  const l = tape.nodes.length;
  return {
    v,
    vDot,
    vBar,
    xDot,
    yBar,
    steps,
    adjointSteps,
    notes: nodeNotes(tape, v),
    firstNonFinite: {
      primal: firstNonFinite(v),
      tangent: firstNonFinite(vDot),
      adjoint: firstNonFinite(vBar),
    },
    phases: {
      primal: { start: 0, end: l },
      tangent: { start: l, end: 2 * l },
      adjoint: { start: 2 * l, end: steps.length },
    },
  };
}

const texOf = (row: RowTex) => ({
  tex: joinRow(row),
  formula: row.symbolic.join(' = '),
  ...(row.numeric.length > 1 ? { hint: row.numeric.slice(0, -1).join(' = ') } : {}),
});

const name = (node: TapeNode): string => plainNodeId(node.k);

function primalCaption(tape: Tape, node: TapeNode, v: ArrayLike<number>): string {
  const value = formatNumber(v[node.index]!);
  if (node.op === 'input') return `${name(node)} is the input ${node.name} = ${value}.`;
  const args = node.args.map((a) => (a.kind === 'node' ? name(tape.nodes[a.index]!) : formatNumber(a.value)));
  const r = rule(node.op);
  return `${name(node)} is ${r.words} ${args.join(' and ')}: ${value}.`;
}

function tangentCaption(
  tape: Tape,
  node: TapeNode,
  vDot: ArrayLike<number>,
  seeded: readonly string[],
): string {
  const value = formatNumber(vDot[node.index]!);
  const dot = `v${DOT}${name(node).slice(1)}`;
  if (node.op === 'input') {
    const wrt = seeded.length === 1 ? ` (we differentiate with respect to ${seeded[0]})` : '';
    return `Seed: ${dot} = ${dotName(node.name!)} = ${value}${node.name && seeded.includes(node.name) ? wrt : ''}.`;
  }
  const args = node.args.flatMap((a) =>
    a.kind === 'node' ? [`v${DOT}${name(tape.nodes[a.index]!).slice(1)}`] : [],
  );
  return `Chain rule: ${dot} = ${args.map((a) => `${a}·∂${name(node)}/∂${a.replace(DOT, '')}`).join(' + ')} = ${value}.`;
}

function adjointCaption(tape: Tape, s: AdjointStep, count: number, uses: number): string {
  const target = tape.nodes[s.target]!;
  const bar = `v${BAR}${name(target).slice(1)}`;
  const value = formatNumber(s.value);
  if (s.from === null) {
    const out = tape.outputs[s.output ?? 0]!;
    return `Seed the output: ${bar} = ${out.name[0]}${BAR}${out.name.slice(1)} = ${value}; the reverse sweep starts here.`;
  }
  const from = name(tape.nodes[s.from]!);
  const who = target.op === 'input' ? target.name! : name(target);
  if (s.accumulate) {
    return `${who} is used ${times(uses)}, so ${bar} collects a ${ordinal(count)} contribution from ${from}: now ${value}.`;
  }
  return `${from} pushes its adjoint back to ${name(target)}: ${bar} = ${value}${uses > 1 ? ` (the first of ${uses} contributions)` : ''}.`;
}

/** ẋ1: the dot goes on the letter, not on the digits. */
const dotName = (n: string): string => `${n[0]}${DOT}${n.slice(1)}`;
