import { useEffect, useRef } from 'react';
import type { Phase, Trace } from '../../core/index';
import { useT, type MessageKey } from '../../i18n/index';
import { SPEEDS, useStore } from '../../state/store';
import { Icon } from './icons';

/** The name of each phase, in the dictionary. */
const PHASE_KEYS: Record<Phase, MessageKey> = {
  primal: 'phase.primal',
  tangent: 'phase.tangent',
  adjoint: 'phase.adjoint',
};

interface Props {
  trace: Trace | null;
  step: number;
}

/** Whether a key event comes from a place where keys type text. */
function inTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement)
    return !['button', 'checkbox', 'radio', 'range', 'submit'].includes(target.type);
  return false;
}

/** Whether a key event comes from a field where ← and → move the caret. */
function typesText(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement) return true;
  return (
    target instanceof HTMLInputElement &&
    !['button', 'checkbox', 'radio', 'range', 'submit'].includes(target.type)
  );
}

const STEP_KEYS: Readonly<Record<string, 1 | -1>> = {
  ArrowRight: 1,
  PageDown: 1,
  ArrowLeft: -1,
  PageUp: -1,
};

/** One timeline through the three phases, with buttons, a scrubber marked by phase, play and keys. */
export function Timeline({ trace, step }: Props) {
  const t = useT();
  const setStep = useStore((s) => s.setStep);
  const playing = useStore((s) => s.playing);
  const setPlaying = useStore((s) => s.setPlaying);
  const speed = useStore((s) => s.speed);
  const setSpeed = useStore((s) => s.setSpeed);
  const present = useStore((s) => s.present);
  const last = trace?.steps.length ?? 0;
  // The step shown, read by the key handlers when a key comes: two presses before the handlers are
  // renewed (effects run after the paint) each step from the step just rendered, not the one before.
  const shownStep = useRef(step);
  shownStep.current = step;

  // Playing: one step per tick; stop at the end.
  useEffect(() => {
    if (!playing) return;
    if (step >= last) {
      setPlaying(false);
      return;
    }
    const t = setTimeout(() => setStep(step + 1), 1000 / speed);
    return () => clearTimeout(t);
  }, [playing, step, last, speed, setStep, setPlaying]);

  // Keys, whenever focus is not in a text field (CONTRACTS §5); PageUp/PageDown for clickers.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || inTextField(e.target)) return;
      const go = (to: number) => {
        e.preventDefault();
        setStep(Math.max(0, Math.min(last, to)));
      };
      switch (e.key) {
        case 'ArrowRight':
        case 'PageDown':
          setPlaying(false);
          return go(shownStep.current + 1);
        case 'ArrowLeft':
        case 'PageUp':
          setPlaying(false);
          return go(shownStep.current - 1);
        case 'Home':
          return go(0);
        case 'End':
          return go(last);
        case ' ':
          if (e.target instanceof HTMLButtonElement) return; // Space presses the focused button.
          e.preventDefault();
          if (shownStep.current >= last) setStep(0);
          setPlaying(!useStore.getState().playing);
          return;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [last, setStep, setPlaying]);

  // Presentation mode: → ← PageDown PageUp step whatever has focus (a tab, a checkbox, a select, a
  // button), before any other handler sees them; only ← → inside a text field keep moving the caret.
  useEffect(() => {
    if (!present) return;
    const onKey = (e: KeyboardEvent) => {
      const delta = STEP_KEYS[e.key];
      if (delta === undefined || e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key.startsWith('Arrow') && typesText(e.target)) return;
      e.preventDefault();
      e.stopPropagation();
      setPlaying(false);
      setStep(Math.max(0, Math.min(last, shownStep.current + delta)));
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [present, last, setStep, setPlaying]);

  const current = trace && step > 0 ? trace.steps[step - 1] : null;
  const phase = current?.phase ?? null;
  const bands = trace
    ? (['primal', 'tangent', 'adjoint'] as const)
        // Forward mode computes primal and tangent in the same steps: one band for both.
        .filter((p) => !(trace.mode === 'forward' && p === 'primal'))
        .map((p) => ({
          p,
          width: ((trace.phases[p].end - trace.phases[p].start) / Math.max(1, last)) * 100,
        }))
    : [];

  return (
    <div className="timeline">
      <div className="timeline-buttons" role="group" aria-label={t('timeline.controls')}>
        <button
          type="button"
          onClick={() => setStep(0)}
          disabled={step === 0}
          aria-label={t('timeline.first')}
          title={t('timeline.firstTitle')}
        >
          <Icon name="first" />
        </button>
        <button
          type="button"
          onClick={() => setStep(step - 1)}
          disabled={step === 0}
          aria-label={t('timeline.back')}
          title={t('timeline.backTitle')}
        >
          <Icon name="back" />
        </button>
        <button
          type="button"
          className="play"
          onClick={() => {
            if (!playing && step >= last) setStep(0);
            setPlaying(!playing);
          }}
          disabled={last === 0}
          aria-label={playing ? t('timeline.pause') : t('timeline.play')}
          title={t('timeline.playTitle')}
        >
          <Icon name={playing ? 'pause' : 'play'} />
        </button>
        <button
          type="button"
          onClick={() => setStep(step + 1)}
          disabled={step >= last}
          aria-label={t('timeline.forward')}
          title={t('timeline.forwardTitle')}
        >
          <Icon name="forward" />
        </button>
        <button
          type="button"
          onClick={() => setStep(last)}
          disabled={step >= last}
          aria-label={t('timeline.last')}
          title={t('timeline.lastTitle')}
        >
          <Icon name="last" />
        </button>
      </div>
      <div className="scrubber">
        <input
          type="range"
          aria-label={t('timeline.scrubber')}
          min={0}
          max={last}
          value={step}
          onChange={(e) => {
            setPlaying(false);
            setStep(Number(e.target.value));
          }}
        />
        <div className="bands" aria-hidden="true">
          {bands.map((b) => (
            <span
              key={b.p}
              className={`band band-${b.p}${phase === b.p ? ' active' : ''}`}
              style={{ width: `${b.width}%` }}
            >
              {trace?.mode === 'forward' && b.p === 'tangent' ? t('phase.forwardMode') : t(PHASE_KEYS[b.p])}
            </span>
          ))}
        </div>
      </div>
      <div className="timeline-status">
        <span className="step-count">{t.rich('timeline.step', { step: <b>{step}</b>, last })}</span>
        <label className="speed">
          <span>{t('timeline.speed')}</span>
          <select
            aria-label={t('timeline.speed')}
            value={speed}
            onChange={(e) => setSpeed(Number(e.target.value))}
          >
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
      </div>
    </div>
  );
}

export { PHASE_KEYS };
