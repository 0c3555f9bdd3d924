/**
 * Where a NaN or an infinity first appeared on the timeline, per sweep, so that the views can mark
 * it (DESIGN.md, "Numbers and conventions"). A scan of the steps' values, in timeline order: for the
 * reverse sweep that is its execution order, not the node order of `Trace.firstNonFinite`. Steps that
 * carry a primal value besides their own (forward mode, one step per node) count for both sweeps.
 */
import type { Phase, TraceStep } from './trace';

/** Index into `steps` of the first step whose value in each sweep is not finite, or null. */
export function firstNonFiniteSteps(
  steps: readonly Pick<TraceStep, 'phase' | 'value'>[],
): Record<Phase, number | null> {
  const first: Record<Phase, number | null> = { primal: null, tangent: null, adjoint: null };
  steps.forEach((s, i) => {
    if (first[s.phase] === null && !Number.isFinite(s.value)) first[s.phase] = i;
    const primal = (s as { primal?: number }).primal;
    if (primal !== undefined && first.primal === null && !Number.isFinite(primal)) first.primal = i;
  });
  return first;
}
