import { lazy, Suspense, useRef, type KeyboardEvent, memo } from 'react';
import type { ProgramInfo, Tape, Trace } from '../../core/index';
import { useT, type MessageKey } from '../../i18n/index';
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
const loadTrain = () => import('./TrainPanel');
const JacobianPanel = lazy(() => loadJacobian().then((m) => ({ default: m.JacobianPanel })));
const FiniteDiffPanel = lazy(() => loadFiniteDiff().then((m) => ({ default: m.FiniteDiffPanel })));
const SymbolicPanel = lazy(() => loadSymbolic().then((m) => ({ default: m.SymbolicPanel })));
const TrainPanel = lazy(() => loadTrain().then((m) => ({ default: m.TrainPanel })));
const preloadPanels = () =>
  void Promise.all([loadJacobian(), loadFiniteDiff(), loadSymbolic(), loadTrain()]).catch(() => {});

/** `short`: the name shown where the panel is too narrow for every tab's full name (teach.css). */
const TABS: readonly { view: View; label: MessageKey; short?: MessageKey }[] = [
  { view: 'trace', label: 'tab.trace' },
  { view: 'jacobian', label: 'tab.jacobian' },
  { view: 'fd', label: 'tab.fd', short: 'tab.fdShort' },
  { view: 'symbolic', label: 'tab.symbolic' },
  { view: 'train', label: 'tab.train' },
];

const EMPTY: Record<View, MessageKey> = {
  trace: 'empty.trace',
  jacobian: 'empty.jacobian',
  fd: 'empty.fd',
  symbolic: 'empty.symbolic',
  train: 'empty.train',
};

interface Props {
  /** The analysed program, for panels that run it again (finite differences across a branch). */
  program?: ProgramInfo | null;
  tape: Tape | null;
  trace: Trace | null;
  step: number;
  hovered: number | null;
  onHover: (index: number | null) => void;
  onJump: (step: number) => void;
}

/** The trace options: rows as dual numbers, and the timeline as forward mode. */
/** The trace's two options (not on the timeline: memoised, so a step does not render them again). */
const TraceOptions = memo(function TraceOptions() {
  const tr = useT();
  const dual = useStore((s) => s.dual);
  const setDual = useStore((s) => s.setDual);
  const mode = useStore((s) => s.mode);
  const setMode = useStore((s) => s.setMode);
  return (
    <div className="trace-options">
      <label title={tr('opt.dualTitle')}>
        <input type="checkbox" checked={dual} onChange={(e) => setDual(e.target.checked)} /> {tr('opt.dual')}
      </label>
      <label title={tr('opt.forwardTitle')}>
        <input
          type="checkbox"
          checked={mode === 'forward'}
          onChange={(e) => setMode(e.target.checked ? 'forward' : 'tour')}
        />{' '}
        {tr('opt.forward')}
      </label>
    </div>
  );
});

/**
 * A tab's name, with its short form where it has one: both are in the page, and the stylesheet
 * shows the short one when the panel is narrow. The full name stays the tab's accessible name.
 */
function TabName({ name, short }: { name: string; short: string | undefined }) {
  if (short === undefined || short === name) return name;
  return (
    <>
      <span className="tab-long">{name}</span>
      <span className="tab-short" aria-hidden="true" title={name}>
        {short}
      </span>
    </>
  );
}

/**
 * The panel beside the graph: a tab strip (Trace, Jacobian, Finite differences, Symbolic, Train) over one
 * scrolling body. The chosen tab is in the link (`view`).
 */
export function SidePanel({ program = null, tape, trace, step, hovered, onHover, onJump }: Props) {
  const tr = useT();
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
    <section className="panel side-panel" aria-label={tr('side.region')}>
      <div className="side-head">
        <div
          className="side-tabs"
          role="tablist"
          aria-label={tr('side.tabs')}
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
              <TabName name={tr(t.label)} short={t.short ? tr(t.short) : undefined} />
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
        aria-label={view === 'trace' ? tr('side.traceTable') : undefined}
        tabIndex={0}
        data-view={view}
      >
        <PanelBoundary
          key={view}
          name={current < 0 ? 'panel' : tr(TABS[current]!.label).toLowerCase()}
          resetKey={tape}
        >
          <Suspense fallback={<p className="empty">{tr('side.loading')}</p>}>
            {!tape || !trace ? (
              <p className="empty">{tr(EMPTY[view])}</p>
            ) : view === 'jacobian' ? (
              <JacobianPanel tape={tape} trace={trace} step={step} />
            ) : view === 'fd' ? (
              <FiniteDiffPanel tape={tape} trace={trace} program={program} />
            ) : view === 'symbolic' ? (
              <SymbolicPanel tape={tape} trace={trace} />
            ) : view === 'train' ? (
              <TrainPanel tape={tape} trace={trace} />
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
