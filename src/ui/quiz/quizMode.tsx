/**
 * Quiz mode as the page keeps it: whether a step waits for an answer, what the page may show, the
 * toggle and the score. The question itself (QuizPrompt.tsx) loads with the first one asked.
 */
import type { Trace, TraceStep } from '../../core/index';
import { useT } from '../../i18n/index';
import { useStore } from '../../state/store';

/** Plain name of what the step assigns: `v̇2`, `v̄−1`, `v3`. */
export function quizName(s: TraceStep): string {
  const mark = s.phase === 'tangent' ? '\u0307' : s.phase === 'adjoint' ? '\u0304' : '';
  return `v${mark}${s.targetId.slice(1).replace('-', '\u2212')}`;
}

/** Whether the current step waits for an answer (quiz mode, not yet answered or shown). */
export function useQuizPending(step: number): boolean {
  const quiz = useStore((s) => s.quiz);
  const revealed = useStore((s) => s.quizRevealed);
  return quiz && step > 0 && step > revealed;
}

/**
 * Whether the quiz still hides values of this trace: quiz mode is on and some step is not yet answered
 * (or shown). Panels that would give answers away (the finite differences, the symbolic check, the
 * Jacobian's products) wait for this to turn false; exports keep only the answered steps.
 */
export function useQuizHides(trace: Trace | null): boolean {
  const quiz = useStore((s) => s.quiz);
  const revealed = useStore((s) => s.quizRevealed);
  return quiz && trace !== null && revealed < trace.steps.length;
}

/** How many steps of the trace the page may show values of: all, or in quiz mode the answered ones. */
export function useAnsweredSteps(trace: Trace | null): number {
  const quiz = useStore((s) => s.quiz);
  const revealed = useStore((s) => s.quizRevealed);
  const all = trace?.steps.length ?? 0;
  return quiz ? Math.min(revealed, all) : all;
}

/** The running score, shown in quiz mode. */
export function QuizScoreBadge() {
  const score = useStore((s) => s.quizScore);
  const t = useT();
  return (
    <span className="quiz-score" aria-live="polite">
      {t('quiz.score', { right: score.right, wrong: score.wrong, shown: score.shown })}
    </span>
  );
}

/** Turns quiz mode on and off (`quiz=1` in the link). */
export function QuizToggle() {
  const quiz = useStore((s) => s.quiz);
  const setLink = useStore((s) => s.setLink);
  const t = useT();
  return (
    <button
      type="button"
      aria-pressed={quiz}
      className={quiz ? 'is-on' : undefined}
      onClick={() => setLink({ quiz: !quiz })}
    >
      {t('quiz.toggle')}
    </button>
  );
}
