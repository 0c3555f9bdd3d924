import { enLater } from '../i18n/en.later';
import { addEnglish } from '../i18n/translate';
import { useState } from 'react';
import {
  answeredTrace,
  CODE_FORMATS,
  type CodeFormat,
  type ExportFormat,
  type Tape,
  type Trace,
} from '../core/index';
import { useT, type MessageKey } from '../i18n/index';
import './dialogs.css';

// This part's strings load with it (en.later.ts).
addEnglish(enLater);

// What exporting needs (the exporters, the graph's styles as text) loads when a format is chosen:
// it is not needed to draw the page, and the first load has a budget (docs/PERFORMANCE.md).
const files = () => import('./exportFiles');

/** The trace as a document; the program formats open in a code view instead (CodeView). */
type DocumentFormat = Exclude<ExportFormat, CodeFormat>;

const FILES: Record<DocumentFormat, { ext: string; type: string; label: MessageKey }> = {
  latex: { ext: 'tex', type: 'application/x-tex', label: 'export.latex' },
  markdown: { ext: 'md', type: 'text/markdown', label: 'export.markdown' },
  csv: { ext: 'csv', type: 'text/csv', label: 'export.csv' },
};

interface Props {
  tape: Tape;
  trace: Trace;
  text: string;
  /** Steps the quiz lets the files show (all of them outside quiz mode). */
  answered: number;
  onCode: (f: CodeFormat) => void;
  onDone: () => void;
}

/**
 * The items of the Export menu (ExportMenu.tsx), loaded when it first opens: the trace as LaTeX,
 * Markdown or CSV, the program formats (opened in the code view), the graph as SVG or PNG.
 */
export function ExportItems({ tape, trace, text, answered, onCode, onDone }: Props) {
  const t = useT();
  const [problem, setProblem] = useState<string | null>(null);
  const exportText = async (f: DocumentFormat) => {
    const { download, exportTrace } = await files();
    download(
      `wengert-trace.${FILES[f].ext}`,
      new Blob([exportTrace(f, tape, answeredTrace(trace, answered), text)], { type: FILES[f].type }),
    );
    onDone();
  };
  const exportGraph = async (kind: 'svg' | 'png') => {
    const { download, graphSvg, svgToPng } = await files();
    const svg = graphSvg();
    if (!svg) return setProblem(t('export.notDrawn'));
    const blob = kind === 'svg' ? new Blob([svg], { type: 'image/svg+xml' }) : await svgToPng(svg);
    if (!blob) return setProblem(t('export.pngFailed'));
    download(`wengert-graph.${kind}`, blob);
    setProblem(null);
    onDone();
  };
  return (
    <>
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
            onDone();
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
    </>
  );
}
