import { memo } from 'react';
import { CODE_FORMAT_INFO, CODE_FORMATS, type CodeFormat } from '../core/codegen/formats';
import { useT } from '../i18n/index';

/** "The same in JAX / PyTorch / Julia", under the results: each name opens its program. */
function SameInLinksView({ onOpen }: { onOpen: (f: CodeFormat) => void }) {
  const t = useT();
  return (
    <p className="same-in">
      {t('code.sameIn')}{' '}
      {CODE_FORMATS.map((f, i) => (
        <span key={f}>
          {i > 0 && ' / '}
          <button type="button" className="link-button" aria-haspopup="dialog" onClick={() => onOpen(f)}>
            {CODE_FORMAT_INFO[f].label}
          </button>
        </span>
      ))}
    </p>
  );
}

/** Rendered again only when its props change, not on every step of the timeline. */
export const SameInLinks = memo(SameInLinksView);
