import { useEffect, useRef, useState } from 'react';
import {
  answeredTrace,
  CODE_FORMATS,
  type CodeFormat,
  type ExportFormat,
  type Tape,
  type Trace,
} from '../core/index';
import { useT, type MessageKey } from '../i18n/index';
import { useAnsweredSteps } from './quiz/quizMode';

// What exporting needs (the exporters, the graph's styles as text) loads when a format is chosen:
// it is not needed to draw the page, and the first load has a budget (docs/PERFORMANCE.md).
const files = () => import('./exportFiles');

interface Props {
  tape: Tape | null;
  trace: Trace | null;
  text: string;
  /** Opens the code view of a program format. */
  onCode: (f: CodeFormat) => void;
}

/** The trace as a document; the program formats open in a code view instead (CodeView). */
type DocumentFormat = Exclude<ExportFormat, CodeFormat>;

const FILES: Record<DocumentFormat, { ext: string; type: string; label: MessageKey }> = {
  latex: { ext: 'tex', type: 'application/x-tex', label: 'export.latex' },
  markdown: { ext: 'md', type: 'text/markdown', label: 'export.markdown' },
  csv: { ext: 'csv', type: 'text/csv', label: 'export.csv' },
};

/**
 * Export the trace (LaTeX, Markdown, CSV) and the graph (SVG, PNG) as files, or open the same
 * computation as a JAX, PyTorch or Julia program in the code view. In quiz mode the trace
 * files hold only the answered steps, and the graph is the one drawn, which shows answered values only.
 */
export function ExportMenu({ tape, trace, text, onCode }: Props) {
  const t = useT();
  const answered = useAnsweredSteps(trace);
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: Event) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    document.addEventListener('pointerdown', close);
    window.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', close);
      window.removeEventListener('keydown', onKey);
    };
  }, [open]);
  const ready = tape !== null && trace !== null;
  const exportText = async (f: DocumentFormat) => {
    if (!tape || !trace) return;
    const { download, exportTrace } = await files();
    download(
      `wengert-trace.${FILES[f].ext}`,
      new Blob([exportTrace(f, tape, answeredTrace(trace, answered), text)], { type: FILES[f].type }),
    );
    setOpen(false);
  };
  const exportGraph = async (kind: 'svg' | 'png') => {
    const { download, graphSvg, svgToPng } = await files();
    const svg = graphSvg();
    if (!svg) return setProblem(t('export.notDrawn'));
    const blob = kind === 'svg' ? new Blob([svg], { type: 'image/svg+xml' }) : await svgToPng(svg);
    if (!blob) return setProblem(t('export.pngFailed'));
    download(`wengert-graph.${kind}`, blob);
    setProblem(null);
    setOpen(false);
  };
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
      {open && (
        <div className="export-menu" role="menu" aria-label={t('export.button')}>
          {(Object.keys(FILES) as DocumentFormat[]).map((f) => (
            <button key={f} type="button" role="menuitem" onClick={() => exportText(f)}>
              {t(FILES[f].label)}
            </button>
          ))}
          {CODE_FORMATS.map((f) => (
            <button
              key={f}
              type="button"
              role="menuitem"
              aria-haspopup="dialog"
              onClick={() => {
                setOpen(false);
                onCode(f);
              }}
            >
              {t(`export.${f}`)}
            </button>
          ))}
          <button type="button" role="menuitem" onClick={() => exportGraph('svg')}>
            {t('export.svg')}
          </button>
          <button type="button" role="menuitem" onClick={() => exportGraph('png')}>
            {t('export.png')}
          </button>
          {problem && <p role="alert">{problem}</p>}
        </div>
      )}
    </div>
  );
}
