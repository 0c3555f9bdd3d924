import type { Trace } from '../core/index';
import { PHASE_NAMES } from './controls/Timeline';

/** Says in words what the current step does. */
export function Caption({ trace, step }: { trace: Trace | null; step: number }) {
  const s = trace && step > 0 ? trace.steps[step - 1] : null;
  return (
    <p className={`caption${s ? ` caption-${s.phase}` : ''}`} aria-live="polite">
      {s ? (
        <>
          <span className="caption-phase">
            {s.primal !== undefined ? 'forward mode' : PHASE_NAMES[s.phase]}
          </span>{' '}
          {s.caption}
        </>
      ) : trace ? (
        <>
          <span className="caption-phase">ready</span> Press → (or ▶) to run the forward primal sweep, one
          node at a time.
        </>
      ) : (
        <>Fix the expression to see its trace.</>
      )}
    </p>
  );
}
