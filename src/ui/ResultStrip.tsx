import type { ReactNode } from 'react';
import { plainNumber, type Tape, type Trace } from '../core/index';
import { useT } from '../i18n/index';
import { resultEntries, useSweepHistory, type ResultEntry } from './resultEntries';

interface Props {
  tape: Tape;
  trace: Trace;
  step: number;
}

const DASH = '—';

function Entry({ e, label }: { e: ResultEntry; label: string }) {
  return (
    <span className="result-entry">
      {label} ={' '}
      <b data-result={e.key} data-value={e.value === null ? undefined : String(e.value)}>
        {e.value === null ? DASH : plainNumber(e.value)}
      </b>
    </span>
  );
}

/** A note whose room is kept before it is said: laid out but hidden, from everyone, until `said`. */
function Kept({
  said,
  className,
  role,
  children,
}: {
  said: boolean;
  className: string;
  role?: 'note';
  children: ReactNode;
}) {
  return (
    <span
      className={`result-note ${className}${said ? '' : ' is-reserved'}`}
      role={said ? role : undefined}
      aria-hidden={said ? undefined : true}
    >
      {children}
    </span>
  );
}

/**
 * y and its gradient, from forward mode (one tangent sweep per input) and from reverse mode (one
 * adjoint sweep), side by side: each entry only once the sweeps run so far have computed it, "—"
 * before. The timeline runs one tangent sweep, for the seeded input; the others run in the Jacobian
 * panel, and their columns are remembered while the expression and its point stay the same — in the
 * page's one sweep history, which the Jacobian panel shows too.
 */
export function ResultStrip({ tape, trace, step }: Props) {
  const t = useT();
  const history = useSweepHistory(tape, trace, step);
  const r = resultEntries(tape, trace, step, new Set(history.done));
  const d = (x: string) => `∂${r.output}/∂${x}`;
  const seededDone = r.forward.some((e) => e.name === r.seeded && e.value !== null);
  // The note on the columns the timeline does not sweep is said once the seeded column is done, on a
  // line of its own under the entries, but its room is kept from the first step: the strip keeps its
  // height along the timeline, so the graph and the table above it do not jump (and are not laid out
  // again) when it appears.
  const unswept = r.seeded !== null && r.forward.some((e) => e.name !== r.seeded && e.value === null);
  // A gradient computed through a value that overflowed or is undefined is not to be trusted.
  const through = tape.inputs.flatMap((x, j) => {
    const at = trace.throughNonFinite[j] ?? -1;
    return at < 0 ? [] : [`∂${r.output}/∂${x.name} (${tape.nodes[at]!.id})`];
  });
  return (
    <div className="results" role="group" aria-label={t('results.aria')}>
      <div className="result result-primal">
        <span className="result-label">{t('results.value')}</span>
        {r.values.map((e) => (
          <Entry key={e.key} e={e} label={e.name} />
        ))}
      </div>
      <div className="result result-tangent">
        <span className="result-label">{t('results.forward', { done: r.sweepsDone, n: tape.n })}</span>
        {r.forward.map((e) => (
          <Entry key={e.key} e={e} label={d(e.name)} />
        ))}
      </div>
      <div className="result result-adjoint">
        <span className="result-label">{t('results.reverse')}</span>
        {r.reverse.map((e) => (
          <Entry key={e.key} e={e} label={d(e.name)} />
        ))}
        {through.length > 0 && (
          <Kept said={r.reverse.some((e) => e.value !== null)} className="result-warning" role="note">
            {t('results.throughNonFinite', { list: through.join(', ') })}
          </Kept>
        )}
      </div>
      {unswept && r.seeded && (
        <Kept said={seededDone} className="result-foot">
          {t('results.forwardWhy', { x: r.seeded })}
        </Kept>
      )}
    </div>
  );
}
