import { lazy, Suspense, useRef, type KeyboardEvent } from 'react';
import type { Tape, Trace } from '../../core/index';
import { useStore } from '../../state/store';
import type { View } from '../../state/urlCodec';
import { PanelBoundary } from '../PanelBoundary';
import { TraceTable } from '../table/TraceTable';
import './teach.css';

// The three teaching panels are not needed to draw the page: they load when their tab is chosen (or
// hovered), which keeps the first load within its budget (docs/PERFORMANCE.md).
const loadJacobian = () => import('./JacobianPanel');
const loadFiniteDiff = () => import('./FiniteDiffPanel');
const loadSymbolic = () => import('./SymbolicPanel');
const JacobianPanel = lazy(() => loadJacobian().then((m) => ({ default: m.JacobianPanel })));
const FiniteDiffPanel = lazy(() => loadFiniteDiff().then((m) => ({ default: m.FiniteDiffPanel })));
const SymbolicPanel = lazy(() => loadSymbolic().then((m) => ({ default: m.SymbolicPanel })));
const preloadPanels = () =>
  void Promise.all([loadJacobian(), loadFiniteDiff(), loadSymbolic()]).catch(() => {});

const TABS: readonly { view: View; label: string }[] = [
  { view: 'trace', label: 'Trace' },
  { view: 'jacobian', label: 'Jacobian' },
  { view: 'fd', label: 'Finite differences' },
  { view: 'symbolic', label: 'Symbolic' },
];

const EMPTY: Record<View, string> = {
  trace: 'The Wengert list and its three sweeps appear here.',
  jacobian: 'The Jacobian, filled by forward and by reverse sweeps, appears here.',
  fd: 'Finite differences against AD appear here.',
  symbolic: 'The symbolic derivative and its size appear here.',
};

interface Props {
  tape: Tape | null;
  trace: Trace | null;
  step: number;
  hovered: number | null;
  onHover: (index: number | null) => void;
  onJump: (step: number) => void;
}

/** The trace options: rows as dual numbers, and the timeline as forward mode. */
function TraceOptions() {
  const dual = useStore((s) => s.dual);
  const setDual = useStore((s) => s.setDual);
  const mode = useStore((s) => s.mode);
  const setMode = useStore((s) => s.setMode);
  return (
    <div className="trace-options">
      <label title="Write every forward row as dual-number arithmetic, v + v̇ε with ε² = 0">
        <input type="checkbox" checked={dual} onChange={(e) => setDual(e.target.checked)} /> Dual numbers
      </label>
      <label title="Compute v and v̇ of each node in the same step, as ForwardDiff.jl's Dual does">
        <input
          type="checkbox"
          checked={mode === 'forward'}
          onChange={(e) => setMode(e.target.checked ? 'forward' : 'tour')}
        />{' '}
        Forward mode
      </label>
    </div>
  );
}

/**
 * The panel beside the graph: a tab strip (Trace, Jacobian, Finite differences, Symbolic) over one
 * scrolling body. The chosen tab is in the link (`view`).
 */
export function SidePanel({ tape, trace, step, hovered, onHover, onJump }: Props) {
  const view = useStore((s) => s.view);
  const setView = useStore((s) => s.setView);
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  const current = TABS.findIndex((t) => t.view === view);

  // Arrow keys move between tabs (WAI-ARIA tabs pattern); the timeline's keys need focus elsewhere.
  const onKeyDown = (e: KeyboardEvent) => {
    const delta = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (delta === 0) return;
    e.preventDefault();
    e.stopPropagation();
    const next = (current + delta + TABS.length) % TABS.length;
    setView(TABS[next]!.view);
    tabs.current[next]?.focus();
  };

  return (
    <section className="panel side-panel" aria-label="Trace and teaching panels">
      <div className="side-head">
        <div
          className="side-tabs"
          role="tablist"
          aria-label="Panels"
          onKeyDown={onKeyDown}
          onPointerEnter={preloadPanels}
          onFocus={preloadPanels}
        >
          {TABS.map((t, i) => (
            <button
              key={t.view}
              ref={(el) => {
                tabs.current[i] = el;
              }}
              type="button"
              role="tab"
              id={`tab-${t.view}`}
              aria-selected={view === t.view}
              aria-controls="side-body"
              tabIndex={view === t.view ? 0 : -1}
              className={`side-tab${view === t.view ? ' is-active' : ''}`}
              onClick={() => setView(t.view)}
            >
              {t.label}
            </button>
          ))}
        </div>
        {view === 'trace' && <TraceOptions />}
      </div>
      <div
        id="side-body"
        className="table-panel side-body"
        role="tabpanel"
        aria-labelledby={`tab-${view}`}
        aria-label={view === 'trace' ? 'Trace table' : undefined}
        tabIndex={0}
        data-view={view}
      >
        <PanelBoundary key={view} name={TABS[current]?.label.toLowerCase() ?? 'panel'} resetKey={tape}>
          <Suspense fallback={<p className="empty">Loading…</p>}>
            {!tape || !trace ? (
              <p className="empty">{EMPTY[view]}</p>
            ) : view === 'jacobian' ? (
              <JacobianPanel tape={tape} trace={trace} step={step} />
            ) : view === 'fd' ? (
              <FiniteDiffPanel tape={tape} trace={trace} />
            ) : view === 'symbolic' ? (
              <SymbolicPanel tape={tape} trace={trace} />
            ) : (
              <TraceTable
                tape={tape}
                trace={trace}
                step={step}
                hovered={hovered}
                onHover={onHover}
                onJump={onJump}
              />
            )}
          </Suspense>
        </PanelBoundary>
      </div>
    </section>
  );
}
