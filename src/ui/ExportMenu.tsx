import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import type { CodeFormat, Tape, Trace } from '../core/index';
import { useT } from '../i18n/index';
import { useAnsweredSteps } from './quiz/quizMode';

// The menu's items and styles load when it first opens: the page does not need them to draw.
const ExportItems = lazy(() => import('./ExportItems').then((m) => ({ default: m.ExportItems })));

interface Props {
  tape: Tape | null;
  trace: Trace | null;
  text: string;
  /** Opens the code view of a program format. */
  onCode: (f: CodeFormat) => void;
}

/**
 * Export the trace (LaTeX, Markdown, CSV) and the graph (SVG, PNG) as files, or open the same
 * computation as a JAX, PyTorch or Julia program in the code view. In quiz mode the trace
 * files hold only the answered steps, and the graph is the one drawn, which shows answered values only.
 */
export function ExportMenu({ tape, trace, text, onCode }: Props) {
  const t = useT();
  const answered = useAnsweredSteps(trace);
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onPointer = (e: Event) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    document.addEventListener('pointerdown', onPointer);
    window.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      window.removeEventListener('keydown', onKey);
    };
  }, [open]);
  const ready = tape !== null && trace !== null;
  return (
    <div className="export" ref={root}>
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        disabled={!ready}
        onClick={() => setOpen(!open)}
      >
        {t('export.button')}
      </button>
      {open && tape && trace && (
        <div className="export-menu" role="menu" aria-label={t('export.button')}>
          <Suspense fallback={null}>
            <ExportItems
              tape={tape}
              trace={trace}
              text={text}
              answered={answered}
              onCode={onCode}
              onDone={close}
            />
          </Suspense>
        </div>
      )}
    </div>
  );
}
