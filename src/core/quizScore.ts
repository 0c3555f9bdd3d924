/**
 * What the page keeps of quiz mode before a question is asked: the score and the part of a trace the
 * quiz may show. Apart from quiz.ts (reading and checking answers), which loads with the first question.
 */
import type { Trace } from './trace';

export type Verdict = 'right' | 'wrong' | 'invalid';

/**
 * The part of a trace the quiz may show when its first `answered` steps are answered: those steps (the
 * phases clipped to them), and node values only where an answered step gave them (NaN elsewhere),
 * so that an export or a panel built from it cannot give away a value not yet asked.
 */
export function answeredTrace(trace: Trace, answered: number): Trace {
  const k = Math.max(0, Math.min(answered, trace.steps.length));
  if (k === trace.steps.length) return trace;
  const steps = trace.steps.slice(0, k);
  const hidden = () => new Float64Array(trace.v.length).fill(NaN);
  const v = hidden();
  const vDot = hidden();
  const vBar = hidden();
  for (const s of steps) (s.phase === 'primal' ? v : s.phase === 'tangent' ? vDot : vBar)[s.target] = s.value;
  const clip = ({ start, end }: { start: number; end: number }) => ({
    start: Math.min(start, k),
    end: Math.min(end, k),
  });
  const shownPrimal = new Set(steps.filter((s) => s.phase === 'primal').map((s) => s.target));
  const seen = (i: number | null) => (i !== null && shownPrimal.has(i) ? i : null);
  return {
    ...trace,
    v,
    vDot,
    vBar,
    steps,
    adjointSteps: trace.adjointSteps.slice(0, Math.max(0, k - trace.phases.adjoint.start)),
    notes: trace.notes.filter((n) => shownPrimal.has(n.index)),
    firstNonFinite: { primal: seen(trace.firstNonFinite.primal), tangent: null, adjoint: null },
    phases: {
      primal: clip(trace.phases.primal),
      tangent: clip(trace.phases.tangent),
      adjoint: clip(trace.phases.adjoint),
    },
  };
}

export interface QuizScore {
  readonly right: number;
  readonly wrong: number;
  /** Answers shown without being found. */
  readonly shown: number;
}

export const EMPTY_SCORE: QuizScore = { right: 0, wrong: 0, shown: 0 };

/** The score after one more event: a checked answer, or an answer shown on request. */
export function scoreAfter(score: QuizScore, event: Verdict | 'shown'): QuizScore {
  if (event === 'right') return { ...score, right: score.right + 1 };
  if (event === 'wrong') return { ...score, wrong: score.wrong + 1 };
  if (event === 'shown') return { ...score, shown: score.shown + 1 };
  return score;
}
