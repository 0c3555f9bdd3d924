/**
 * What the graph shows at a timeline position: which values each node has received so far, and what
 * the current step touches. Pure reads of the Trace (views show steps; they never recompute).
 */
import type { Phase, Trace } from '../../core/trace';
import type { EdgePath } from './layout';

/** Where each node's steps sit on the timeline (indices into `trace.steps`). */
export interface StepIndex {
  readonly primal: readonly number[];
  readonly tangent: readonly number[];
  /** Every adjoint step that targets the node, in timeline order (several when the node fans out). */
  readonly adjoint: readonly (readonly number[])[];
}

export function indexSteps(trace: Trace, nodeCount: number): StepIndex {
  const primal = new Array<number>(nodeCount).fill(-1);
  const tangent = new Array<number>(nodeCount).fill(-1);
  const adjoint = Array.from({ length: nodeCount }, () => [] as number[]);
  trace.steps.forEach((s, i) => {
    if (s.target < 0 || s.target >= nodeCount) return;
    // Forward mode: a tangent step that carries `primal` computes v too (dual.ts).
    if (s.primal !== undefined) primal[s.target] = i;
    if (s.phase === 'primal') primal[s.target] = i;
    else if (s.phase === 'tangent') tangent[s.target] = i;
    else adjoint[s.target]!.push(i);
  });
  return { primal, tangent, adjoint };
}

export interface NodeValues {
  readonly primal: number | null;
  readonly tangent: number | null;
  /** The running sum v̄ after the latest contribution so far, and how many of how many have arrived. */
  readonly adjoint: { readonly value: number; readonly received: number; readonly total: number } | null;
}

/** The values node `index` shows once steps [0, step) are done. */
export function valuesAt(trace: Trace, ix: StepIndex, index: number, step: number): NodeValues {
  const p = ix.primal[index] ?? -1;
  const t = ix.tangent[index] ?? -1;
  const a = ix.adjoint[index] ?? [];
  let received = 0;
  while (received < a.length && a[received]! < step) received++;
  return {
    primal: p >= 0 && p < step ? (trace.steps[p]!.primal ?? trace.steps[p]!.value) : null,
    tangent: t >= 0 && t < step ? trace.steps[t]!.value : null,
    adjoint: received > 0 ? { value: trace.steps[a[received - 1]!]!.value, received, total: a.length } : null,
  };
}

export interface Focus {
  readonly phase: Phase;
  readonly target: number;
  /** Nodes the step reads: the arguments (forward) or the node pushing its adjoint (reverse). */
  readonly reads: readonly number[];
  /** Edges drawn in the phase colour, by key. */
  readonly edges: ReadonlySet<string>;
  /** Reverse steps: the edge the adjoint flows back along (drawn target-wards), by key. */
  readonly backEdges: ReadonlySet<string>;
}

/** What the current step (steps[step − 1]) touches, or null before the first step. */
export function focusAt(trace: Trace, edges: readonly EdgePath[], step: number): Focus | null {
  const s = trace.steps[step - 1];
  if (!s) return null;
  const forward = new Set<string>();
  const back = new Set<string>();
  if (s.phase !== 'adjoint') {
    for (const e of edges) if (e.target === s.target && s.reads.includes(e.source)) forward.add(e.key);
  } else if (s.from !== null) {
    // Which argument slot the adjoint goes back through matters for x*x: two edges, two pushes.
    const a = trace.adjointSteps[step - 1 - trace.phases.adjoint.start];
    const arg = a && a.target === s.target && a.from === s.from ? a.arg : undefined;
    for (const e of edges) {
      if (e.source === s.target && e.target === s.from && (arg === undefined || e.arg === arg))
        back.add(e.key);
    }
  }
  return { phase: s.phase, target: s.target, reads: s.reads, edges: forward, backEdges: back };
}
