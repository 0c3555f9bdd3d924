import { useEffect, useId, useRef, useState } from 'react';
import { checkAnswer, ruleFor, type Tape, type Trace, type TraceStep } from '../../core/index';
import { useT } from '../../i18n/index';
import { useStore } from '../../state/store';
import { Tex } from '../Tex';

interface Props {
  tape: Tape;
  s: TraceStep;
}

/** Plain name of what the step assigns: `v̇2`, `v̄−1`, `v3`. */
export function quizName(s: TraceStep): string {
  const mark = s.phase === 'tangent' ? '\u0307' : s.phase === 'adjoint' ? '\u0304' : '';
  return `v${mark}${s.targetId.slice(1).replace('-', '\u2212')}`;
}

/**
 * Quiz mode: the current row asks for its value instead of showing it. Nothing of the value is in the
 * page until it is answered or shown: the row carries only its formula, and the check runs on the
 * trace in memory. The precision expected (as the table prints) stands beside the field. A wrong
 * answer names the rule that gives the value; a second one offers the numbers substituted as a hint.
 * The feedback floats below the row, so answering never moves the rows below.
 */
export function QuizPrompt({ tape, s }: Props) {
  const quizEvent = useStore((st) => st.quizEvent);
  const [text, setText] = useState('');
  const [feedback, setFeedback] = useState<{ tone: 'wrong' | 'invalid'; message: string } | null>(null);
  const [misses, setMisses] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const feedbackId = useId();
  const precisionId = useId();
  const name = quizName(s);
  const t = useT();
  useEffect(() => {
    input.current?.focus({ preventScroll: true });
  }, []);
  const check = () => {
    const result = checkAnswer(text, s.value);
    if (result.verdict === 'invalid') {
      setFeedback({ tone: 'invalid', message: t('quiz.invalid') });
      return;
    }
    quizEvent(result.verdict);
    if (result.verdict === 'wrong') {
      setMisses(misses + 1);
      setFeedback({ tone: 'wrong', message: t('quiz.wrong', { name, rule: t.msg(ruleFor(tape, s)) }) });
    }
  };
  return (
    <div className="quiz" onClick={(e) => e.stopPropagation()}>
      <Tex className="row-tex" tex={s.formula} />
      <form
        className="quiz-form"
        onSubmit={(e) => {
          e.preventDefault();
          check();
        }}
      >
        <label>
          <span className="quiz-ask">{name} =</span>
          <input
            ref={input}
            aria-label={t('quiz.valueOf', { name })}
            aria-describedby={feedback ? `${precisionId} ${feedbackId}` : precisionId}
            aria-invalid={feedback ? true : undefined}
            inputMode="decimal"
            autoComplete="off"
            spellCheck={false}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        <button type="submit">{t('quiz.check')}</button>
        <button type="button" className="quiz-show" onClick={() => quizEvent('shown')}>
          {t('quiz.show')}
        </button>
        <span id={precisionId} className="quiz-precision">
          {t('quiz.precision')}
        </span>
      </form>
      {feedback && (
        <p id={feedbackId} className={`quiz-feedback quiz-${feedback.tone}`} role="alert">
          {feedback.message}
          {misses >= 2 && s.hint ? (
            <span className="quiz-hint">
              {' '}
              {t('quiz.hint')} <Tex tex={s.hint} />
            </span>
          ) : null}
        </p>
      )}
    </div>
  );
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
