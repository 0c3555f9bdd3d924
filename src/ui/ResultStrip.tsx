import { useMemo } from 'react';
import { formatNumber, jacobianForward, type Tape, type Trace } from '../core/index';
import { useT } from '../i18n/index';

interface Props {
  tape: Tape;
  trace: Trace;
  step: number;
}

const fmt = (x: number | undefined): string => (x === undefined ? '—' : formatNumber(x));

/**
 * y and its gradient, from forward mode (n tangent sweeps, one per input) and from reverse mode (one
 * adjoint sweep), side by side. Each appears once the timeline has finished the sweep that yields it.
 */
export function ResultStrip({ tape, trace, step }: Props) {
  const t = useT();
  const J = useMemo(() => jacobianForward(tape, trace.v), [tape, trace]);
  const out = Math.max(
    0,
    trace.yBar.findIndex((w) => w !== 0),
  );
  const y = tape.outputs[out]!;
  const primalDone = step >= trace.phases.primal.end;
  const tangentDone = step >= trace.phases.tangent.end;
  const adjointDone = step >= trace.phases.adjoint.end;
  return (
    <div className="results" aria-label={t('results.aria')}>
      <div className="result result-primal">
        <span className="result-label">{t('results.value')}</span>
        {tape.outputs.map((o) => (
          <span key={o.name} className="result-entry">
            {o.name} = <b data-result={`value:${o.name}`}>{primalDone ? fmt(trace.v[o.index]) : '—'}</b>
          </span>
        ))}
      </div>
      <div className="result result-tangent">
        <span className="result-label">{t('results.forward', { n: tape.n })}</span>
        {tape.inputs.map((i, j) => (
          <span key={i.name} className="result-entry">
            ∂{y.name}/∂{i.name} = <b>{tangentDone ? fmt(J[out]?.[j]) : '—'}</b>
          </span>
        ))}
      </div>
      <div className="result result-adjoint">
        <span className="result-label">{t('results.reverse')}</span>
        {tape.inputs.map((i) => (
          <span key={i.name} className="result-entry">
            ∂{y.name}/∂{i.name} = <b>{adjointDone ? fmt(trace.vBar[i.index]) : '—'}</b>
          </span>
        ))}
      </div>
    </div>
  );
}
