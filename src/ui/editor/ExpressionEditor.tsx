import { useId, type ChangeEvent, type ReactElement, type ReactNode, memo } from 'react';
import { replaceLookalikes, type SourceError, type SourceWarning } from '../../core/index';
import { useT } from '../../i18n/index';
import { useStore } from '../../state/store';
import { MAX_TEXT_LENGTH } from '../../state/urlCodec';
import { groupDigits, readable } from '../../state/readable';
import { useLengthLimit } from './useLengthLimit';

interface Props {
  /** The error of the text that was parsed, and that text (offsets refer to it). */
  error: SourceError | null;
  warnings: readonly SourceWarning[];
  parsedText: string;
  /** What to show below the field when all is well (an example's lesson, say). */
  hint?: string | undefined;
  /** Said while the panels show an older expression or older values than the editor holds. */
  staleNote?: string | null;
}

/**
 * The mirror of a program: one block per line, numbered in the gutter (CSS draws `data-n`), with the
 * error span underlined where it falls on each line. The textarea over it has the same padding, so
 * the numbers stand beside the lines they count, wrapped lines included.
 */
function numberedLines(
  text: string,
  error: { start: number; end: number; atEnd: boolean } | null,
): ReactElement[] {
  const out: ReactElement[] = [];
  let offset = 0;
  text.split('\n').forEach((line, k) => {
    const from = offset;
    const to = offset + line.length;
    offset = to + 1;
    let body: ReactNode = line || '\u200b';
    if (error) {
      // The part of the span on this line; an empty span (or one on the line break) as a mark of
      // its own where it starts.
      const a = Math.max(error.start, from);
      const b = Math.min(error.end, to);
      const mark =
        a < b
          ? line.slice(a - from, b - from)
          : error.start >= from &&
              error.start <= to &&
              (error.atEnd || error.end <= error.start || error.start === to)
            ? '\u2002'
            : null;
      if (mark !== null)
        body = (
          <>
            {line.slice(0, a - from)}
            <mark className="editor-error-span">{mark}</mark>
            {line.slice(a < b ? b - from : a - from)}
          </>
        );
    }
    out.push(
      <div key={k} className="editor-line" data-n={k + 1}>
        {body}
      </div>,
    );
  });
  return out;
}

/** 1-based line and column of an offset, for people. */
export function lineCol(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, col: offset - before.lastIndexOf('\n') };
}

/**
 * The expression field. What the user types is stored at once (it is never lost, and it is in the
 * link); parsing follows after a short pause. An error is underlined at its place in a mirror layer
 * behind the transparent text, and its message stands right below the field, in the space the hint
 * reserves (two lines); a longer message lies over what is below rather than push it down, so that
 * nothing on the page moves while a half-typed expression is read.
 */
function ExpressionEditorView({ error, warnings, parsedText, hint, staleNote = null }: Props) {
  const t = useT();
  const text = useStore((s) => s.text);
  const setText = useStore((s) => s.setText);
  const messageId = useId();
  const upToDate = parsedText === text;
  const shownError = upToDate ? error : null;
  const limit = useLengthLimit(MAX_TEXT_LENGTH);
  // Over the limit (a paste is refused before it lands, but the store may be set otherwise), nothing
  // below may scan the whole text: the error is the length, at the end of what may be read.
  const tooLong = text.length > MAX_TEXT_LENGTH;
  const multiline = !tooLong && text.includes('\n');
  const where = shownError && !tooLong ? lineCol(text, shownError.start) : null;

  // The mirror repeats the text with the error span wrapped, so the underline sits under the glyphs.
  const start = shownError ? Math.min(shownError.start, text.length) : 0;
  const end = shownError ? Math.max(start, Math.min(shownError.end, text.length)) : 0;
  const atEnd = shownError !== null && start === text.length;
  // Symbols pasted from a paper (− × ·) are rejected at their column; offer to replace them all.
  const lookalikes = shownError && !tooLong ? replaceLookalikes(text) : null;
  const fix = lookalikes && lookalikes.found.length > 0 ? lookalikes : null;
  const warned = warnings.length > 0 && upToDate;
  const overlay = shownError !== null || warned || staleNote !== null || limit.refused !== null;

  return (
    <div className={`editor${shownError ? ' has-error' : ''}${multiline ? ' is-code' : ''}`} ref={limit.ref}>
      <div className="editor-field">
        <div className="editor-sizer">
          <div className="editor-mirror" aria-hidden="true">
            {tooLong ? null : multiline ? (
              numberedLines(text, shownError ? { start, end, atEnd } : null)
            ) : shownError ? (
              <>
                {text.slice(0, start)}
                <mark className="editor-error-span">
                  {atEnd ? '\u2002' : text.slice(start, end) || '\u2002'}
                </mark>
                {text.slice(end)}
              </>
            ) : (
              text
            )}
            {multiline ? null : '\n'}
          </div>
          <textarea
            className="editor-input"
            aria-label="Expression"
            aria-invalid={shownError ? true : undefined}
            aria-describedby={messageId}
            spellCheck={false}
            autoCapitalize="off"
            autoComplete="off"
            autoCorrect="off"
            rows={multiline ? Math.min(6, text.split('\n').length) : 1}
            value={text}
            onChange={(e: ChangeEvent<HTMLTextAreaElement>) => setText(e.target.value)}
          />
        </div>
      </div>
      <div id={messageId} className="editor-message" role="status" aria-live="polite">
        {/* The hint stays in the flow, hidden while a message covers it, so the space is constant. */}
        <span
          className={`editor-hint${overlay ? ' is-covered' : ''}`}
          aria-hidden={overlay ? true : undefined}
          title={hint}
        >
          {hint ??
            t.rich('editor.hint', {
              functions: 'sin cos tan exp ln sqrt abs sigmoid relu max min pow …',
              example: <code>a = …; b = …</code>,
            })}
        </span>
        {overlay && (
          <div className="editor-overlay">
            {limit.refused ? (
              <span className="editor-error" role="alert">
                {t('limit.refused', {
                  length: groupDigits(limit.refused.length),
                  limit: groupDigits(limit.refused.limit),
                })}
              </span>
            ) : shownError && tooLong ? (
              <span className="editor-error">{t.msg(shownError.message)}</span>
            ) : shownError && where ? (
              <span className="editor-error">
                <span className="editor-where">
                  {multiline
                    ? t('editor.lineCol', { line: where.line, col: where.col })
                    : t('editor.col', { col: where.col })}
                </span>{' '}
                {readable(t.msg(shownError.message))}
                {fix && (
                  <button type="button" className="editor-fix" onClick={() => setText(fix.text)}>
                    {t('editor.replace', {
                      list: fix.found
                        .map((f) => t('editor.replaceItem', { char: f.char, ascii: f.ascii }))
                        .join(t.lang === 'zh' ? '、' : ', '),
                    })}
                  </button>
                )}
              </span>
            ) : warned ? (
              <span className="editor-warning">
                {warnings
                  .map((w) => t('editor.warningAt', { col: w.start + 1, message: t.msg(w.message) }))
                  .join(' · ')}
              </span>
            ) : null}
            {staleNote && (
              <>
                {shownError || warned ? ' ' : null}
                <span className="stale-note">{staleNote}</span>
              </>
            )}
          </div>
        )}
      </div>
    </div>
  );
}

/** Rendered again only when its props change, not on every step of the timeline. */
export const ExpressionEditor = memo(ExpressionEditorView);
