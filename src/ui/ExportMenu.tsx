import { useEffect, useRef, useState } from 'react';
import type { ExportFormat, Tape, Trace } from '../core/index';

// What exporting needs (the exporters, the graph's styles as text) loads when a format is chosen:
// it is not needed to draw the page, and the first load has a budget (docs/PERFORMANCE.md).
const files = () => import('./exportFiles');

interface Props {
  tape: Tape | null;
  trace: Trace | null;
  text: string;
}

const FILES: Record<ExportFormat, { ext: string; type: string; label: string }> = {
  latex: { ext: 'tex', type: 'application/x-tex', label: 'Trace as LaTeX (booktabs)' },
  markdown: { ext: 'md', type: 'text/markdown', label: 'Trace as Markdown' },
  csv: { ext: 'csv', type: 'text/csv', label: 'Trace as CSV' },
};

/** Export the trace (LaTeX, Markdown, CSV) and the graph (SVG, PNG) as files. */
export function ExportMenu({ tape, trace, text }: Props) {
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
  const exportText = async (f: ExportFormat) => {
    if (!tape || !trace) return;
    const { download, exportTrace } = await files();
    download(
      `wengert-trace.${FILES[f].ext}`,
      new Blob([exportTrace(f, tape, trace, text)], { type: FILES[f].type }),
    );
    setOpen(false);
  };
  const exportGraph = async (kind: 'svg' | 'png') => {
    const { download, graphSvg, svgToPng } = await files();
    const svg = graphSvg();
    if (!svg) return setProblem('The graph is not drawn yet.');
    const blob = kind === 'svg' ? new Blob([svg], { type: 'image/svg+xml' }) : await svgToPng(svg);
    if (!blob) return setProblem('This browser could not draw the PNG; export the SVG instead.');
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
        Export
      </button>
      {open && (
        <div className="export-menu" role="menu" aria-label="Export">
          {(Object.keys(FILES) as ExportFormat[]).map((f) => (
            <button key={f} type="button" role="menuitem" onClick={() => exportText(f)}>
              {FILES[f].label}
            </button>
          ))}
          <button type="button" role="menuitem" onClick={() => exportGraph('svg')}>
            Graph as SVG
          </button>
          <button type="button" role="menuitem" onClick={() => exportGraph('png')}>
            Graph as PNG
          </button>
          {problem && <p role="alert">{problem}</p>}
        </div>
      )}
    </div>
  );
}
