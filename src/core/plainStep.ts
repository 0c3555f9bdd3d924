import type { TraceStep } from './trace';

/** A step as a plain object (its words written out), for spreading, copying and JSON. */
export function plainStep(s: TraceStep): TraceStep {
  const { hint, short } = s;
  return {
    phase: s.phase,
    target: s.target,
    targetId: s.targetId,
    from: s.from,
    fromId: s.fromId,
    reads: s.reads,
    value: s.value,
    accumulate: s.accumulate,
    tex: s.tex,
    formula: s.formula,
    ...(hint !== undefined ? { hint } : {}),
    ...(short !== undefined ? { short } : {}),
    caption: s.caption,
    ...(s.primal !== undefined ? { primal: s.primal } : {}),
    ...(s.decision !== undefined ? { decision: s.decision } : {}),
  };
}
