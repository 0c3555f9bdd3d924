/**
 * Presentation and embed modes' own parts: the presentation bar (the expression, its values, the way
 * out), the large current row, and the embed's one line of chrome, with their styles. A chunk of its
 * own, loaded when a link or the Present button asks for one of the modes (`modes.tsx`), so the page
 * most people open does not fetch them.
 */
import { enLater } from '../i18n/en.later';
import { addEnglish } from '../i18n/translate';
import { type CSSProperties, useRef } from 'react';
import { printProgram, type ProgramInfo, type Trace } from '../core/index';
import { useT } from '../i18n/index';
import type { SourceError } from '../core/index';
import type { Field } from '../state/derive';
import { readable } from '../state/readable';
import { lineCol } from './editor/ExpressionEditor';
import {
  NARROW,
  PRESENT_MIN_TEXT_PX,
  PRESENT_NARROW_MIN_TEXT_PX,
  useFitRows,
  WRAP,
} from './table/useFitRows';
import { useMediaQuery } from './table/useTableWindow';
import { RowTex } from './Tex';
import { useStore } from '../state/store';
import { currentLink } from '../state/urlSync';
import './presentation.css';

// This part's strings load with it (en.later.ts).
addEnglish(enLater);

export function ExitPresentation() {
  const t = useT();
  const setLink = useStore((s) => s.setLink);
  return (
    <button
      type="button"
      className="exit-present"
      aria-label={t('present.exit')}
      title={t('present.exitTitle')}
      onClick={() => {
        setLink({ present: false });
        if (document.fullscreenElement) document.exitFullscreen?.().catch(() => undefined);
      }}
    >
      ×
    </button>
  );
}

/**
 * Presentation mode's top line: the expression and the input values the screen is about (the editor
 * is hidden), and the way out.
 */
export function PresentBar({
  text,
  fields,
  program = null,
  error = null,
}: {
  text: string;
  fields: readonly Field[];
  program?: ProgramInfo | null;
  /** Why there is nothing to show (the editor, which would say it, is hidden): the text's error. */
  error?: SourceError | null;
}) {
  const t = useT();
  const wrong = fields.find((f) => f.error !== null);
  const where = error ? lineCol(text, Math.min(error.start, text.length)) : null;
  // A program of several lines reads on one: its statements joined by `;`, comments left out.
  const shownText = program && text.includes('\n') ? printProgram(program.program) : text;
  return (
    <header className="present-bar">
      <p className="present-expr">
        <span className="sr-only">{t('present.expression')} </span>
        <code>{shownText}</code>
      </p>
      {fields.length > 0 && (
        <ul className="present-values" aria-label={t('inputs.legend')}>
          {fields.map((f) => (
            <li key={f.name}>
              <span className="present-name">{f.name}</span> = {f.text.trim()}
            </li>
          ))}
        </ul>
      )}
      {(where || wrong) && (
        <p className="present-problem" role="alert">
          {error && where ? (
            <>
              <span className="present-where">
                {text.includes('\n')
                  ? t('editor.lineCol', { line: where.line, col: where.col })
                  : t('editor.col', { col: where.col })}
              </span>{' '}
              {readable(t.msg(error.message))}
            </>
          ) : wrong ? (
            readable(t.msg(wrong.error!))
          ) : null}{' '}
          <span className="present-fix">{t('present.fix')}</span>
        </p>
      )}
      <ExitPresentation />
    </header>
  );
}

/**
 * Presentation mode's current row, large, across the screen under the graph and the table: the one
 * line the back row reads (the table beside the graph is context, in smaller type). In a quiz, the
 * step waiting for its answer shows its formula without numbers. The table's row stays the row of
 * record for scripts and screen readers; this copy is hidden from them.
 */
export function PresentRow({ trace, step, asking }: { trace: Trace | null; step: number; asking: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  // The row the back of the room reads: smaller type than the side table's floor it never gets; it
  // wraps instead (it keeps its symbolic middle).
  const narrow = useMediaQuery(NARROW);
  const fits = useFitRows(ref, true, {
    attr: 'fit',
    minTextPx: narrow ? PRESENT_NARROW_MIN_TEXT_PX : PRESENT_MIN_TEXT_PX,
  });
  const s = trace && step > 0 ? trace.steps[step - 1] : null;
  const fit = fits.get(step - 1);
  return (
    <div ref={ref} className="present-row" aria-hidden="true">
      {s && (
        <p
          data-fit={step}
          className={`present-row-line row-${s.decision ? 'decision' : s.phase}${fit === WRAP ? ' wraps' : ''}`}
          style={fit === undefined || fit === WRAP ? undefined : ({ '--fit': fit } as CSSProperties)}
        >
          <RowTex head={s.formula} tex={asking ? s.formula : s.tex} />
        </p>
      )}
    </div>
  );
}

/** Embed mode's one line of chrome: the name, and a way out to the full tool in a new tab. */
export function EmbedBar() {
  const t = useT();
  // Re-render with the state, so that the link out always carries the current step.
  useStore((s) => s.step + s.text);
  // The origin first: a path that begins with // would otherwise read as another host.
  const href = `${location.origin}${location.pathname}${location.search}#${currentLink({ embed: false })}`;
  return (
    <header className="embed-bar">
      <span className="brand-small">Wengert</span>
      <a href={href} target="_blank" rel="noopener">
        {t('embed.open')}
      </a>
    </header>
  );
}
