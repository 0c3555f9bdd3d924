/**
 * The trace the views animate: one timeline through the forward primal sweep, the forward tangent
 * sweep and the reverse adjoint sweep. Each step says which node it assigns, in which column, from
 * which node, its value, its TeX and a caption in words. Views show steps; they never recompute.
 */
import { dualTrace } from './dual';
import { flatAdjointRecord, flatOf, flatPrimal, flatTangent, type AdjointRecord } from './flat';
import { plainStep } from './plainStep';
import { plainNodeId, plainNumber } from './format';
import { rule, type Note } from './rules';
import { adjointSteps as stepsOfRecord, localPartials, unit, type AdjointStep } from './sweep/sweeps';
import type { Decision, Tape, TapeNode } from './tape';
import { adjointRow, decisionRow, joinRow, primalRow, tangentRow, type RowTex } from './tex';

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
  /** The row without its symbolic middle, `\\bar v_{9} = (5.6 \\times 10^{-13}) + … = 1.7`: for a table that is context. */
  readonly short?: string;
  /** Forward mode (`mode: 'forward'`): this tangent step computes the primal value v_i too. */
  readonly primal?: number;
  /**
   * A decision of a program with control flow (a branch's condition or a loop's test): a row of the
   * primal sweep with no node (`target` −1), no tangent and no adjoint; `value` is 1 or 0.
   */
  readonly decision?: Decision;
}

export interface NodeNote extends Note {
  readonly index: number;
  readonly id: string;
  /**
   * Where the sweeps' strong zero decided a term of this node (`strongZeros`: `STRONG_ZERO_TANGENT`
   * for its tangent row, `STRONG_ZERO_ADJOINT` for the adjoint rows it pushes); its message then
   * ends with `STRONG_ZERO`. Absent elsewhere.
   */
  readonly strongZero?: number;
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
  /**
   * Conventions and numeric events at nodes, in node order, at most one per node: the rule table's
   * (`nodeNotes`), and the strong zero where it decided a product of a sweep (`STRONG_ZERO`, joined
   * to the node's other note if it has one).
   */
  readonly notes: readonly NodeNote[];
  /** The first node whose value (resp. tangent, adjoint) is not finite, or null. */
  readonly firstNonFinite: {
    readonly primal: number | null;
    readonly tangent: number | null;
    readonly adjoint: number | null;
  };
  /** Where each phase starts on the timeline: steps [start, end) (1-based positions are index + 1). */
  readonly phases: Readonly<Record<Phase, { readonly start: number; readonly end: number }>>;
  /** Index into `steps` of each node's primal and tangent step (decisions make them differ from the node index). */
  readonly nodeSteps: { readonly primal: Int32Array; readonly tangent: Int32Array };
  /**
   * For each input, a node whose value is not finite on a path from that input to the adjoint-seeded
   * output (or −1): a gradient computed through an overflowed or undefined value, to be flagged.
   */
  readonly throughNonFinite: Int32Array;
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

/**
 * The note of the sweeps' strong zero (flat.ts): a term of the tangent or adjoint sweep with a zero
 * factor is skipped, so `0 · ∞` and `0 · NaN` count as 0 there, while the primal sweep's IEEE
 * arithmetic gives NaN. At `exp(x)*0` at x = 710 the table shows `v2 = ∞ × 0 = NaN`,
 * `v̇2 = ∞ × 0 = 0` and `v̄0 = 0 × ∞ = 0`: the note says why the same product has two answers.
 */
export const STRONG_ZERO =
  'strong zero: in the derivative sweeps 0 × ∞ and 0 × NaN count as 0 (IEEE, as in the values, gives NaN)';

/** Bits of `strongZeros`: where the strong zero decided a term of node i. */
export const STRONG_ZERO_TANGENT = 1;
export const STRONG_ZERO_ADJOINT = 2;

/**
 * For each node i, where the sweeps' strong zero decided one of its terms, that is where IEEE
 * arithmetic would give NaN and the sweeps give 0: `STRONG_ZERO_TANGENT` if a term
 * ∂φ_i/∂a · v̇_a of v̇_i, `STRONG_ZERO_ADJOINT` if a term v̄_i · ∂φ_i/∂a that node i pushes into v̄_a,
 * has one factor exactly 0 (±0) and the other ∞ or NaN. Read off the reverse sweep's record, which
 * holds every partial of every node argument (the ones the tangent sweep multiplies too), so nothing
 * is computed again; v̄_i is final when node i pushes (its users come after it).
 */
export function strongZeros(record: AdjointRecord, vDot: ArrayLike<number>): Uint8Array {
  const { length, target, from, partial, vBar } = record;
  const at = new Uint8Array(vBar.length);
  const decided = (zero: number, other: number) => zero === 0 && !Number.isFinite(other);
  for (let k = 0; k < length; k++) {
    const i = from[k]!;
    if (i < 0) continue;
    const p = partial[k]!;
    const t = vDot[target[k]!]!;
    const bar = vBar[i]!;
    if (decided(t, p) || decided(p, t)) at[i] = at[i]! | STRONG_ZERO_TANGENT;
    if (decided(bar, p) || decided(p, bar)) at[i] = at[i]! | STRONG_ZERO_ADJOINT;
  }
  return at;
}

/**
 * The rule table's notes with the strong zero's added at the nodes of `at` (`strongZeros`): its own
 * convention, or joined to the node's note, so that each node keeps one note (the views and the
 * command line key notes by node) and the note's kind (`overflow` at an overflowed exp) stays.
 */
function withStrongZeros(tape: Tape, notes: readonly NodeNote[], at: Uint8Array): readonly NodeNote[] {
  if (!at.some((b) => b !== 0)) return notes;
  const out: NodeNote[] = [];
  let j = 0;
  for (const node of tape.nodes) {
    const note = notes[j]?.index === node.index ? notes[j++]! : null;
    const strongZero = at[node.index]!;
    if (!strongZero) {
      if (note) out.push(note);
    } else if (note) {
      out.push({ ...note, message: `${note.message}; ${STRONG_ZERO}`, strongZero });
    } else {
      out.push({ kind: 'convention', message: STRONG_ZERO, index: node.index, id: node.id, strongZero });
    }
  }
  return out;
}

/** Runs the three sweeps and lays them out as one timeline. */
export function buildTrace(tape: Tape, x: ArrayLike<number>, options: TraceOptions = {}): Trace {
  if (options.dual || options.mode === 'forward') {
    return dualTrace(tape, buildTrace(tape, x, { ...options, dual: false, mode: 'tour' }), options);
  }
  const f = flatOf(tape);
  const v = flatPrimal(f, x);
  const xDot = asVector(options.seed, tape.n);
  const yBar = asVector(options.adjointSeed, tape.outputs.length);
  const vDot = flatTangent(f, v, xDot);
  const record = flatAdjointRecord(f, v, yBar);
  const vBar = record.vBar;
  const adjointSteps = stepsOfRecord(record);
  const steps: TraceStep[] = [];
  // A node's arguments, one array shared by its primal and tangent steps.
  const readsOf: (readonly number[])[] = tape.nodes.map((node) =>
    node.args.length === 0 ? NO_READS : node.args.flatMap((a) => (a.kind === 'node' ? [a.index] : [])),
  );
  const seeded = tape.inputs.filter((_, j) => xDot[j] !== 0).map((i) => i.name);
  const uses = new Map<number, number>();
  for (const s of adjointSteps) uses.set(s.target, (uses.get(s.target) ?? 0) + 1);
  /** Which contribution to its target each adjoint step is (1, 2, …). */
  const nth = new Int32Array(adjointSteps.length);
  const words = new StepWords(tape, v, vDot, vBar, seeded, adjointSteps, nth, uses);
  const count = tape.nodes.length;
  const primalAt = new Int32Array(count);
  const tangentAt = new Int32Array(count);

  const decisions = tape.decisions ?? [];
  let next = 0;
  const decide = (upTo: number) => {
    for (; next < decisions.length && decisions[next]!.after <= upTo; next++) {
      steps.push(decisionStep(tape, decisions, next, v));
    }
  };
  for (const node of tape.nodes) {
    decide(node.index);
    primalAt[node.index] = steps.length;
    steps.push(
      new LazyStep(
        'primal',
        node.index,
        node.id,
        null,
        null,
        readsOf[node.index]!,
        v[node.index]!,
        false,
        words,
        node.index,
      ),
    );
  }
  decide(Infinity);
  const primalEnd = steps.length;
  for (const node of tape.nodes) {
    tangentAt[node.index] = steps.length;
    steps.push(
      new LazyStep(
        'tangent',
        node.index,
        node.id,
        null,
        null,
        readsOf[node.index]!,
        vDot[node.index]!,
        false,
        words,
        node.index,
      ),
    );
  }
  const tangentEnd = steps.length;
  const seen = new Int32Array(count);
  /** The pushing node as the one thing an adjoint step reads: one array per node. */
  const fromReads: (readonly number[] | undefined)[] = [];
  adjointSteps.forEach((s, k) => {
    nth[k] = ++seen[s.target]!;
    const from = s.from;
    steps.push(
      new LazyStep(
        'adjoint',
        s.target,
        tape.nodes[s.target]!.id,
        from,
        from === null ? null : tape.nodes[from]!.id,
        from === null ? NO_READS : (fromReads[from] ??= [from]),
        s.value,
        s.accumulate,
        words,
        k,
      ),
    );
  });
  return {
    v,
    vDot,
    vBar,
    xDot,
    yBar,
    steps,
    adjointSteps,
    notes: withStrongZeros(tape, nodeNotes(tape, v), strongZeros(record, vDot)),
    firstNonFinite: {
      primal: firstNonFinite(v),
      tangent: firstNonFinite(vDot),
      adjoint: firstNonFinite(vBar),
    },
    phases: {
      primal: { start: 0, end: primalEnd },
      tangent: { start: primalEnd, end: tangentEnd },
      adjoint: { start: tangentEnd, end: steps.length },
    },
    nodeSteps: { primal: primalAt, tangent: tangentAt },
    throughNonFinite: nonFinitePaths(tape, v, yBar),
  };
}

/**
 * For each input, the earliest node with a non-finite value on some path from the input to an output
 * weighted in ȳ, or −1. A derivative computed through such a value (∂/∂x of sqrt(x*x + y*y) where x*x overflowed,
 * say) can be finite and still wrong, so it is flagged.
 */
export function nonFinitePaths(tape: Tape, v: ArrayLike<number>, yBar: ArrayLike<number>): Int32Array {
  const count = tape.nodes.length;
  const reaches = new Uint8Array(count);
  tape.outputs.forEach((o, j) => {
    if (yBar[j] !== 0) reaches[o.index] = 1;
  });
  // The earliest non-finite node on some path from each node to a weighted output: where it began.
  const first = new Int32Array(count).fill(count);
  for (let i = count - 1; i >= 0; i--) {
    if (!reaches[i]) continue;
    if (!Number.isFinite(v[i]!)) first[i] = Math.min(first[i]!, i);
    for (const a of tape.nodes[i]!.args) {
      if (a.kind !== 'node') continue;
      reaches[a.index] = 1;
      first[a.index] = Math.min(first[a.index]!, first[i]!);
    }
  }
  return Int32Array.from(tape.inputs, (input) => (first[input.index]! < count ? first[input.index]! : -1));
}

/** The words of a decision's outcome, as typeset in its row. */
const VERDICT: Readonly<Record<Decision['side'], string>> = {
  then: 'then',
  elseif: 'else if',
  else: 'else',
  skip: 'skip',
  iterate: 'loop',
  exit: 'exit',
};

function decisionStep(
  tape: Tape,
  decisions: readonly Decision[],
  k: number,
  v: ArrayLike<number>,
): TraceStep {
  const d = decisions[k]!;
  const row = decisionRow(d, VERDICT[d.side]);
  return {
    phase: 'primal',
    target: -1,
    targetId: '',
    from: null,
    fromId: null,
    reads: d.reads,
    value: d.value ? 1 : 0,
    accumulate: false,
    tex: row.tex,
    formula: row.formula,
    caption: decisionCaption(tape, d, v),
    decision: d,
  };
}

const NO_DERIVATIVE = 'No derivative flows through a decision: the tape records only the path taken.';

/** A decision in words. */
export function decisionCaption(_tape: Tape, d: Decision, _v: ArrayLike<number>): string {
  const truth = d.value ? 'true' : 'false';
  const values = d.plain === d.text ? '' : ` (${d.plain})`;
  const nan = d.nan ? ' A comparison with NaN is false.' : '';
  switch (d.side) {
    case 'then':
      return `Branch: ${d.text} is ${truth}${values}, so the if side runs; the other sides are not recorded. ${NO_DERIVATIVE}${nan}`;
    case 'elseif':
      return `Branch: ${d.text} is ${truth}${values}, so the next condition is tested.${nan}`;
    case 'else':
      return `Branch: ${d.text} is ${truth}${values}, so the else side runs; the if side is not recorded. ${NO_DERIVATIVE}${nan}`;
    case 'skip':
      return `Branch: ${d.text} is ${truth}${values}, so the if's body is skipped. ${NO_DERIVATIVE}${nan}`;
    case 'iterate':
      return d.kind === 'for'
        ? `Loop: ${d.text} holds${values}, so iteration ${d.count} runs; the tape records its operations again (the loop is unrolled).`
        : `Loop test: ${d.text} is ${truth}${values}, so iteration ${d.count} runs; the tape records its operations again (the loop is unrolled).${nan}`;
    case 'exit':
      return `Loop test: ${d.text} is ${truth}${values}, so the ${d.kind} loop ends after ${iterationsText(d.count)}.${nan}`;
  }
}

const iterationsText = (n: number): string => (n === 1 ? '1 iteration' : `${n} iterations`);

/** What a step says: its row in TeX (whole, symbolic, substituted, brief) and its caption. */
type StepText = Pick<TraceStep, 'tex' | 'formula' | 'hint' | 'short' | 'caption'>;

const NO_READS: readonly number[] = Object.freeze([]);

/** Everything the words of a trace's node steps are written from. */
class StepWords {
  constructor(
    private readonly tape: Tape,
    private readonly v: Float64Array,
    private readonly vDot: Float64Array,
    private readonly vBar: Float64Array,
    private readonly seeded: readonly string[],
    private readonly adjointSteps: readonly AdjointStep[],
    private readonly nth: Int32Array,
    private readonly uses: ReadonlyMap<number, number>,
  ) {}

  /** The words of the step of `phase` at node `k` (primal, tangent) or adjoint step `k`. */
  of(phase: Phase, k: number): StepText {
    const { tape, v } = this;
    if (phase === 'primal') {
      const node = tape.nodes[k]!;
      return { ...texOf(primalRow(tape, node, v)), caption: primalCaption(tape, node, v) };
    }
    if (phase === 'tangent') {
      const node = tape.nodes[k]!;
      return {
        ...texOf(tangentRow(tape, node, this.vDot, localPartials(node, v))),
        caption: tangentCaption(tape, node, this.vDot, this.seeded),
      };
    }
    const s = this.adjointSteps[k]!;
    return {
      ...texOf(adjointRow(tape, s, s.from === null ? 1 : this.vBar[s.from]!)),
      caption: adjointCaption(tape, s, this.nth[k]!, this.uses.get(s.target) ?? 1),
    };
  }
}

/**
 * A step of the tour whose words are written when first read. A trace of 2,000 operations has
 * 7,000 steps; writing every row's TeX and caption up front was most of the work between a keystroke
 * and the page, which shows a screenful of rows and one caption. Reading any of the five fields
 * writes all five, once. `toJSON` gives the plain step.
 */
class LazyStep implements TraceStep {
  #text: StepText | undefined;

  constructor(
    readonly phase: Phase,
    readonly target: number,
    readonly targetId: string,
    readonly from: number | null,
    readonly fromId: string | null,
    readonly reads: readonly number[],
    readonly value: number,
    readonly accumulate: boolean,
    words: StepWords,
    k: number,
  ) {
    this.#words = words;
    this.#k = k;
  }

  readonly #words: StepWords;
  readonly #k: number;

  #get(): StepText {
    return (this.#text ??= this.#words.of(this.phase, this.#k));
  }

  get tex(): string {
    return this.#get().tex;
  }

  get formula(): string {
    return this.#get().formula;
  }

  get hint(): string | undefined {
    return this.#get().hint;
  }

  get short(): string | undefined {
    return this.#get().short;
  }

  get caption(): string {
    return this.#get().caption;
  }

  toJSON(): TraceStep {
    return plainStep(this);
  }
}

const texOf = (row: RowTex) => ({
  tex: joinRow(row),
  formula: row.symbolic.join(' = '),
  ...(row.numeric.length > 1 ? { hint: row.numeric.slice(0, -1).join(' = ') } : {}),
  ...(row.symbolic.length > 1 ? { short: [row.symbolic[0]!, ...row.numeric].join(' = ') } : {}),
});

const name = (node: TapeNode): string => plainNodeId(node.k);

function primalCaption(tape: Tape, node: TapeNode, v: ArrayLike<number>): string {
  const value = plainNumber(v[node.index]!);
  if (node.op === 'input') return `${name(node)} is the input ${node.name} = ${value}.`;
  const args = node.args.map((a) => (a.kind === 'node' ? name(tape.nodes[a.index]!) : plainNumber(a.value)));
  const r = rule(node.op);
  return `${name(node)} is ${r.words} ${args.join(' and ')}: ${value}.`;
}

function tangentCaption(
  tape: Tape,
  node: TapeNode,
  vDot: ArrayLike<number>,
  seeded: readonly string[],
): string {
  const value = plainNumber(vDot[node.index]!);
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
  const value = plainNumber(s.value);
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
