import type { Trace } from '../core/index';
import { useT } from '../i18n/index';
import { PHASE_KEYS } from './controls/Timeline';
import { quizName } from './quiz/quizMode';

/** Says in words what the current step does (the core's caption, in the page's language). */
export function Caption({
  trace,
  step,
  asking = false,
  values = false,
}: {
  trace: Trace | null;
  step: number;
  asking?: boolean;
  /** With no trace: the expression reads, an input's value does not (else the expression is wrong). */
  values?: boolean;
}) {
  const t = useT();
  const s = trace && step > 0 ? trace.steps[step - 1] : null;
  return (
    <p className={`caption${s ? ` caption-${s.phase}` : ''}`} aria-live="polite">
      {s ? (
        <>
          <span className="caption-phase">
            {s.primal !== undefined ? t('phase.forwardMode') : t(PHASE_KEYS[s.phase])}
          </span>{' '}
          {asking ? t('quiz.ask', { name: quizName(s) }) : t.msg(s.caption)}
        </>
      ) : trace ? (
        <>
          <span className="caption-phase">{t('caption.ready')}</span> {t('caption.readyText')}
        </>
      ) : (
        <>{t(values ? 'caption.fixValues' : 'caption.fix')}</>
      )}
    </p>
  );
}
