import { useCallback, useState } from 'react';
import { useStore } from '../state/store';
import { currentLink } from '../state/urlSync';
import { Caption } from './Caption';
import { Timeline } from './controls/Timeline';
import { ExpressionEditor } from './editor/ExpressionEditor';
import { InputFields } from './editor/InputFields';
import { EXAMPLES, exampleState } from './examples';
import { ExportMenu } from './ExportMenu';
import { Gallery } from './Gallery';
import { GraphView } from './graph/GraphView';
import { PanelBoundary } from './PanelBoundary';
import { ResultStrip } from './ResultStrip';
import { SidePanel } from './teach/SidePanel';
import { EmbedBar, ExitPresentation, PresentButton, usePresentationKeys } from './modes';
import { useModel } from './useModel';

/** Whether two expression texts differ only in spacing. */
const sameText = (a: string, b: string): boolean => a.replace(/\s+/g, '') === b.replace(/\s+/g, '');

function ExamplesMenu() {
  const load = useStore((s) => s.load);
  const text = useStore((s) => s.text);
  const selected = EXAMPLES.findIndex((e) => sameText(e.text, text));
  return (
    <label className="examples">
      <span>Example</span>
      <select
        aria-label="Examples"
        value={selected < 0 ? '' : String(selected)}
        onChange={(e) => {
          const ex = EXAMPLES[Number(e.target.value)];
          const { view, dual, mode, h } = useStore.getState();
          if (ex) load(exampleState(ex, { view, dual, mode, h }));
        }}
      >
        {selected < 0 && <option value="">(your own)</option>}
        {EXAMPLES.map((e, i) => (
          <option key={e.title} value={i} title={e.lesson}>
            {e.title}
          </option>
        ))}
      </select>
    </label>
  );
}

function CopyLink() {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    const url = `${location.origin}${location.pathname}${location.search}#${currentLink()}`;
    try {
      await navigator.clipboard.writeText(url);
      setState('copied');
    } catch {
      // Without clipboard permission the link is still in the address bar; select it there.
      history.replaceState(history.state, '', url);
      setState('failed');
    }
    setTimeout(() => setState('idle'), 2500);
  };
  return (
    <button type="button" className="copy-link" onClick={copy} aria-live="polite">
      {state === 'copied'
        ? 'Link copied ✓'
        : state === 'failed'
          ? 'Copy it from the address bar'
          : 'Copy link'}
    </button>
  );
}

function Notices() {
  const notices = useStore((s) => s.notices);
  const dismiss = useStore((s) => s.dismissNotice);
  if (notices.length === 0) return null;
  return (
    <div className="notices">
      {notices.map((n) => (
        <div key={n.id} className={`notice notice-${n.tone}`} role={n.tone === 'info' ? 'status' : 'alert'}>
          <span>{n.message}</span>
          <button type="button" aria-label="Dismiss" onClick={() => dismiss(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}

export function App() {
  const { current, parsedText, shown, stale, step } = useModel();
  const hovered = useStore((s) => s.hovered);
  const dual = useStore((s) => s.dual);
  const present = useStore((s) => s.present);
  const embed = useStore((s) => s.embed);
  usePresentationKeys(present);
  const setHovered = useStore((s) => s.setHovered);
  const setStep = useStore((s) => s.setStep);
  const setPlaying = useStore((s) => s.setPlaying);
  const jump = useCallback(
    (to: number) => {
      setPlaying(false);
      setStep(to);
    },
    [setPlaying, setStep],
  );
  const tape = shown?.tape ?? null;
  const trace = shown?.trace ?? null;
  const lesson = EXAMPLES.find((e) => sameText(e.text, parsedText))?.lesson;
  const fieldsProblem = current.tape && !current.trace;

  return (
    <div className={`app${present ? ' present' : embed ? ' embed' : ''}`}>
      {present ? (
        <ExitPresentation />
      ) : embed ? (
        <EmbedBar />
      ) : (
        <header className="topbar">
          <h1 className="brand">
            Wengert <span className="tagline">automatic differentiation, step by step</span>
          </h1>
          <div className="topbar-actions">
            <ExamplesMenu />
            <Gallery />
            <ExportMenu tape={tape} trace={trace} text={parsedText} />
            <PresentButton />
            <CopyLink />
          </div>
        </header>
      )}
      <Notices />
      <section className="editor-row" aria-label="Editor" hidden={present || embed}>
        <PanelBoundary name="editor" resetKey={parsedText}>
          <ExpressionEditor
            error={current.error}
            warnings={current.tape?.warnings ?? []}
            parsedText={parsedText}
            hint={lesson}
          />
          <InputFields
            fields={current.fields}
            tape={current.tape}
            seedIndex={current.seedIndex}
            outIndex={current.outIndex}
          />
        </PanelBoundary>
      </section>
      <main className={`panels${stale && tape ? ' stale' : ''}`}>
        {stale && tape && (
          <p className="stale-note" role="status">
            {fieldsProblem
              ? 'Showing the last values that could be traced.'
              : 'Showing the last expression that could be read.'}
          </p>
        )}
        <section className="panel graph-panel" aria-label="Computational graph">
          <PanelBoundary name="graph" resetKey={tape}>
            {tape && trace ? (
              <GraphView
                tape={tape}
                trace={trace}
                step={step}
                hovered={hovered}
                onHover={setHovered}
                dual={dual}
              />
            ) : (
              <p className="empty">Type an expression above to see its computational graph.</p>
            )}
          </PanelBoundary>
        </section>
        <SidePanel
          tape={tape}
          trace={trace}
          step={step}
          hovered={hovered}
          onHover={setHovered}
          onJump={jump}
        />
      </main>
      <footer className="timeline-row">
        <PanelBoundary name="controls" resetKey={trace}>
          <Timeline trace={trace} step={step} />
          <Caption trace={trace} step={step} />
          {tape && trace && !present && !embed && <ResultStrip tape={tape} trace={trace} step={step} />}
        </PanelBoundary>
      </footer>
    </div>
  );
}
