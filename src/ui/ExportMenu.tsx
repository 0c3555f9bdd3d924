import { useEffect, useRef, useState } from 'react';
import { exportTrace, type ExportFormat, type Tape, type Trace } from '../core/index';
import graphCss from './graph/graph.css?raw';
import themeCss from './theme.css?raw';

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

function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * The graph as a standalone SVG: a copy of the drawn one, framed on the whole graph (not the current
 * zoom), with the page's colours and the graph's styles embedded so it looks the same in slides.
 */
export function graphSvg(): string | null {
  const svg = document.querySelector<SVGSVGElement>('.graph-panel svg.graph-canvas');
  const viewport = svg?.querySelector<SVGGElement>(':scope > g');
  if (!svg || !viewport) return null;
  const box = viewport.getBBox();
  const pad = 16;
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.querySelector(':scope > g')?.removeAttribute('transform');
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute(
    'viewBox',
    `${box.x - pad} ${box.y - pad} ${box.width + 2 * pad} ${box.height + 2 * pad}`,
  );
  copy.setAttribute('width', String(Math.ceil(box.width + 2 * pad)));
  copy.setAttribute('height', String(Math.ceil(box.height + 2 * pad)));
  copy.removeAttribute('style');
  const style = document.createElementNS('http://www.w3.org/2000/svg', 'style');
  style.textContent = `${themeCss.replace(':root', 'svg')}\n${graphCss}\nsvg { background: #fff; font-family: 'DejaVu Sans', sans-serif; }\n* { animation: none !important; transition: none !important; }`;
  copy.insertBefore(style, copy.firstChild);
  return new XMLSerializer().serializeToString(copy);
}

async function svgToPng(svgText: string, scale = 2): Promise<Blob | null> {
  const img = new Image();
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
  try {
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth * scale;
    canvas.height = img.naturalHeight * scale;
    const ctx = canvas.getContext('2d');
    if (!ctx) return null;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

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
  const exportText = (f: ExportFormat) => {
    if (!tape || !trace) return;
    download(
      `wengert-trace.${FILES[f].ext}`,
      new Blob([exportTrace(f, tape, trace, text)], { type: FILES[f].type }),
    );
    setOpen(false);
  };
  const exportGraph = async (kind: 'svg' | 'png') => {
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
