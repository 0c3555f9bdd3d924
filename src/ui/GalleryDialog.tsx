import { enLater } from '../i18n/en.later';
import { addEnglish } from '../i18n/translate';
import { useEffect, useRef } from 'react';
import { programLine } from '../core/programLine';
import { exampleText, useT } from '../i18n/index';
import { useStore } from '../state/store';
import { encode } from '../state/urlCodec';
import { EXAMPLES, exampleState } from './examples';
import './dialogs.css';

// This part's strings load with it (en.later.ts).
addEnglish(enLater);

/**
 * The examples gallery: one card per example with the sentence on what it teaches. Each card is a
 * plain link to the example's state, so a teacher can also copy it or open it in a new tab; following
 * it changes the fragment, which the link sync loads.
 */
export function GalleryDialog({ onClose }: { onClose: (refocus: boolean) => void }) {
  const t = useT();
  const first = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    first.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  const { view, dual, mode, h, lang } = useStore.getState();
  return (
    <div className="gallery-backdrop" onClick={() => onClose(false)}>
      <div
        className="gallery"
        role="dialog"
        aria-modal="true"
        aria-label={t('gallery.dialog')}
        onClick={(e) => e.stopPropagation()}
      >
        <div className="gallery-head">
          <h2>{t('gallery.heading')}</h2>
          <button type="button" aria-label={t('gallery.close')} onClick={() => onClose(false)}>
            ×
          </button>
        </div>
        <ul className="gallery-cards">
          {EXAMPLES.map((ex, i) => (
            <li key={ex.title}>
              <a
                ref={i === 0 ? first : undefined}
                className="gallery-card"
                href={`#${encode(exampleState(ex, { view, dual, mode, h, lang }))}`}
                onClick={() => onClose(false)}
              >
                <span className="gallery-title">{exampleText(t.lang, ex).title}</span>
                {/* One line, as the program would read on it: without comments, `{ y = y*y }`. */}
                <code className="gallery-expr">{programLine(ex.text)}</code>
                <span className="gallery-lesson">{exampleText(t.lang, ex).lesson}</span>
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
