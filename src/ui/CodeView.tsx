import { enLater } from '../i18n/en.later';
import { addEnglish } from '../i18n/translate';
import { useEffect, useRef, useState } from 'react';
import { CODE_FORMAT_INFO, CODE_FORMATS, type CodeFormat, type Tape, type Trace } from '../core/index';
import { useT } from '../i18n/index';
import './dialogs.css';

// This part's strings load with it (en.later.ts).
addEnglish(enLater);

// The code generators load when the view first opens: the page does not need them to draw.
const files = () => import('./exportFiles');

interface Props {
  format: CodeFormat;
  tape: Tape;
  trace: Trace;
  /** The text the tape was made from. */
  text: string;
  onFormat: (f: CodeFormat) => void;
  onClose: () => void;
}

type Generated = { ok: true; code: string } | { ok: false; message: string };

/**
 * The same computation as a program in JAX, PyTorch or Julia, as plain text (React escapes it) with
 * a copy button: pasted into the framework, it prints the values and gradients the page shows.
 */
export function CodeView({ format, tape, trace, text, onFormat, onClose }: Props) {
  const t = useT();
  const [generated, setGenerated] = useState<Generated | null>(null);
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const codeRef = useRef<HTMLElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    let live = true;
    void files().then(({ codeOf }) => {
      if (!live) return;
      try {
        setGenerated({ ok: true, code: codeOf(format, text, trace.v.subarray(0, tape.n)) });
      } catch (e) {
        setGenerated({ ok: false, message: e instanceof Error ? e.message : String(e) });
      }
    });
    return () => {
      live = false;
    };
  }, [format, text, trace, tape]);

  useEffect(() => {
    closeRef.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const copy = async () => {
    if (!generated?.ok) return;
    try {
      await navigator.clipboard.writeText(generated.code);
      setCopied('copied');
    } catch {
      // Without clipboard permission: select the code, so that Ctrl+C copies it.
      const range = document.createRange();
      if (codeRef.current) range.selectNodeContents(codeRef.current);
      const selection = window.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
      setCopied('failed');
    }
    setTimeout(() => setCopied('idle'), 2500);
  };

  const download = async () => {
    if (!generated?.ok) return;
    const { download: save } = await files();
    save(CODE_FORMAT_INFO[format].file, new Blob([generated.code], { type: 'text/plain' }));
  };

  const label = CODE_FORMAT_INFO[format].label;
  return (
    <div className="code-backdrop" onClick={onClose}>
      <div
        className="code-view"
        role="dialog"
        aria-modal="true"
        aria-label={t('code.title', { framework: label })}
        onClick={(e) => e.stopPropagation()}
      >
        <div className="code-head">
          <h2>{t('code.title', { framework: label })}</h2>
          <div className="code-frameworks" role="group" aria-label={t('code.framework')}>
            {CODE_FORMATS.map((f) => (
              <button
                key={f}
                type="button"
                aria-pressed={f === format}
                className={f === format ? 'is-on' : undefined}
                onClick={() => onFormat(f)}
              >
                {CODE_FORMAT_INFO[f].label}
              </button>
            ))}
          </div>
          <button type="button" className="code-copy" onClick={copy} disabled={!generated?.ok}>
            {copied === 'copied' ? t('code.copied') : t('code.copy')}
          </button>
          <button type="button" onClick={download} disabled={!generated?.ok}>
            {t('code.download', { file: CODE_FORMAT_INFO[format].file })}
          </button>
          <button
            type="button"
            className="code-close"
            ref={closeRef}
            aria-label={t('code.close')}
            onClick={onClose}
          >
            ×
          </button>
        </div>
        <p className="code-hint">
          {t('code.hint', { framework: label })}
          <span role="status" className="code-status">
            {copied === 'failed'
              ? ` ${t('code.copyFailed')}`
              : copied === 'copied'
                ? ` ${t('code.copied')}`
                : ''}
          </span>
        </p>
        {generated === null ? null : generated.ok ? (
          <pre className="code-text" tabIndex={0} aria-label={t('code.program', { framework: label })}>
            <code ref={codeRef} data-format={format}>
              {generated.code}
            </code>
          </pre>
        ) : (
          <p role="alert" className="code-problem">
            {generated.message}
          </p>
        )}
      </div>
    </div>
  );
}
