import { memo, useEffect, useRef, type CSSProperties, type ReactElement } from 'react';
import type { Tape, Trace, TraceStep } from '../../core/index';
import { prefersReducedMotion } from '../motion';
import { Tex } from '../Tex';

interface Props {
  tape: Tape;
  trace: Trace;
  step: number;
  hovered: number | null;
  onHover: (index: number | null) => void;
  onJump: (step: number) => void;
}

interface RowProps {
  s: TraceStep;
  /** Order in a one-column layout (primal rows before tangent rows). */
  order: number;
  position: number;
  reached: boolean;
  current: boolean;
  hovered: boolean;
  marked: string | null;
  onHover: (index: number | null) => void;
  onJump: (step: number) => void;
}

/**
 * One trace row. Its attributes are the page's contract (CONTRACTS §5): `data-kind`, `data-target`,
 * `data-from`, and `data-value` only once the timeline has reached it; a row not yet reached shows
 * its formula greyed, without numbers.
 */
const Row = memo(function Row({
  s,
  order,
  position,
  reached,
  current,
  hovered,
  marked,
  onHover,
  onJump,
}: RowProps) {
  return (
    <li
      className={`row row-${s.phase}${reached ? ' reached' : ''}${current ? ' current' : ''}${hovered ? ' hovered' : ''}${s.accumulate ? ' accumulate' : ''}${marked ? ' marked' : ''}`}
      data-kind={s.phase}
      data-target={s.targetId}
      data-from={s.fromId ?? undefined}
      data-value={reached ? String(s.value) : undefined}
      data-step={position}
      aria-current={current ? 'step' : undefined}
      onClick={() => onJump(position)}
      onMouseEnter={() => onHover(s.target)}
      onMouseLeave={() => onHover(null)}
      title={marked ?? undefined}
      style={{ '--order': order } as CSSProperties}
    >
      <span className="row-step" aria-hidden="true">
        {position}
      </span>
      <Tex className="row-tex" tex={reached ? s.tex : s.formula} />
      {s.accumulate && (
        <span className="row-badge" title="accumulates: this node already had a contribution">
          +=
        </span>
      )}
      {marked && reached && <span className="row-note">{marked}</span>}
    </li>
  );
});

/**
 * The paper's layout: forward primal and forward tangent side by side (Table 2), the reverse adjoint
 * sweep below in execution order (Table 3 read bottom-up). The current row is highlighted and
 * scrolled into view; clicking a row jumps there.
 */
export function TraceTable({ tape, trace, step, hovered, onHover, onJump }: Props) {
  const listRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Scroll the table's own panel, never the page: on a phone the page must stay where it is.
    const el = listRef.current?.querySelector<HTMLElement>('[aria-current="step"]');
    const panel = el?.closest<HTMLElement>('.table-panel');
    if (!el || !panel) return;
    const r = el.getBoundingClientRect();
    const p = panel.getBoundingClientRect();
    const head =
      el.closest('.trace-section')?.querySelector('.trace-heads')?.getBoundingClientRect().height ?? 0;
    const delta =
      r.top < p.top + head ? r.top - p.top - head - 4 : r.bottom > p.bottom ? r.bottom - p.bottom + 8 : 0;
    if (delta !== 0)
      panel.scrollTo?.({
        top: panel.scrollTop + delta,
        behavior: prefersReducedMotion() ? 'auto' : 'smooth',
      });
  }, [step]);

  const noteOf = new Map<number, string>();
  for (const n of trace.notes) if (!noteOf.has(n.index)) noteOf.set(n.index, n.message);
  const firstBad = trace.firstNonFinite.primal;

  const row = (s: TraceStep, i: number) => {
    const marked =
      s.phase === 'primal'
        ? (noteOf.get(s.target) ?? (s.target === firstBad ? 'first non-finite value' : null))
        : null;
    return (
      <Row
        key={i}
        s={s}
        order={i}
        position={i + 1}
        reached={i < step}
        current={i === step - 1}
        hovered={hovered === s.target}
        marked={marked}
        onHover={onHover}
        onJump={onJump}
      />
    );
  };
  const l = tape.nodes.length;
  const forward: ReactElement[] = [];
  for (let k = 0; k < l; k++) {
    forward.push(row(trace.steps[k]!, k), row(trace.steps[l + k]!, l + k));
  }
  const seeded = tape.inputs[trace.xDot.findIndex((x) => x !== 0)]?.name;
  const out = tape.outputs[trace.yBar.findIndex((x) => x !== 0)]?.name;

  return (
    <div className="trace-table" ref={listRef}>
      <div className="trace-section">
        <div className="trace-heads">
          <h2 className="head-primal">Forward primal trace</h2>
          <h2 className="head-tangent">
            Forward tangent trace{seeded ? <span className="head-sub"> · ẋ = e({seeded})</span> : null}
          </h2>
        </div>
        <ol className="trace-forward">{forward}</ol>
      </div>
      <div className="trace-section">
        <div className="trace-heads single">
          <h2 className="head-adjoint">
            Reverse adjoint trace
            {out ? <span className="head-sub"> · ȳ = e({out}) · in execution order</span> : null}
          </h2>
        </div>
        <ol className="trace-adjoint">{trace.steps.slice(2 * l).map((s, j) => row(s, 2 * l + j))}</ol>
      </div>
    </div>
  );
}
