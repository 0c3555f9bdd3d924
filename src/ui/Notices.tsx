import { useState, memo } from 'react';
import { useT } from '../i18n/index';
import { readable } from '../state/readable';
import { useStore } from '../state/store';

/** Notices shown at once; the rest wait behind "N more", so a hostile link cannot bury the page. */
export const NOTICES_SHOWN = 3;

/**
 * The notices above the editor: what a link had wrong, and standing conditions such as a link that
 * cannot follow the state. Each message is shown readable (invisible and bidirectional characters
 * as `[U+202E]`, long names shortened), since it may quote a link's text.
 */
function NoticesView() {
  const t = useT();
  const notices = useStore((s) => s.notices);
  const dismiss = useStore((s) => s.dismissNotice);
  const dismissAll = useStore((s) => s.dismissAllNotices);
  // Expanded for one set of notices: a new link's notices start folded again.
  const [expandedFor, setExpandedFor] = useState<number | null>(null);
  if (notices.length === 0) return null;
  const expanded = expandedFor === notices[0]!.id;
  const shown = expanded ? notices : notices.slice(0, NOTICES_SHOWN);
  const hidden = notices.length - shown.length;
  return (
    <div className="notices">
      {shown.map((n) => (
        <div key={n.id} className={`notice notice-${n.tone}`} role={n.tone === 'info' ? 'status' : 'alert'}>
          <span>{readable(t.msg(n.message))}</span>
          <button type="button" aria-label={t('notice.dismiss')} onClick={() => dismiss(n.id)}>
            ×
          </button>
        </div>
      ))}
      {notices.length > 1 && (
        <div className="notice-actions">
          {hidden > 0 && (
            <button type="button" onClick={() => setExpandedFor(notices[0]!.id)}>
              {t('notice.more', { n: hidden })}
            </button>
          )}
          <button type="button" onClick={dismissAll}>
            {t('notice.dismissAll')}
          </button>
        </div>
      )}
    </div>
  );
}

/** Rendered again only when its props change, not on every step of the timeline. */
export const Notices = memo(NoticesView);
