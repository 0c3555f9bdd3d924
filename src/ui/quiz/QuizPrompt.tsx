import { enLater } from '../../i18n/en.later';
import { addEnglish } from '../../i18n/translate';
import { useEffect, useId, useRef, useState } from 'react';
import { checkAnswer, ruleFor, type Tape, type TraceStep } from '../../core/index';
import { useT } from '../../i18n/index';
import { useStore } from '../../state/store';
import { Tex } from '../Tex';
import { quizName } from './quizMode';
import './quiz.css';

// This part's strings load with it (en.later.ts).
addEnglish(enLater);

interface Props {
  tape: Tape;
  s: TraceStep;
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
