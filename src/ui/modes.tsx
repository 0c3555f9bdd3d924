import { useEffect, useRef, useSyncExternalStore } from 'react';
import { useT } from '../i18n/index';
import { useStore } from '../state/store';

type Presentation = typeof import('./presentation');

/** The presentation chunk once loaded (presentation.tsx), and who waits for it. */
let loaded: Presentation | null = null;
let loading: Promise<Presentation | null> | null = null;
const waiting = new Set<() => void>();

/**
 * Loads the presentation and embed modes' parts (once); main.tsx awaits it for a link in a mode.
 * Never rejects: if the chunk cannot load (the network, a stale deployment), it resolves null, the
 * page keeps its usual look instead of staying blank, and the next call tries again.
 */
export function loadPresentation(): Promise<Presentation | null> {
  loading ??= import('./presentation').then(
    (m) => {
      loaded = m;
      for (const f of waiting) f();
      return m;
    },
    () => {
      loading = null;
      return null;
    },
  );
  return loading;
}

const subscribe = (f: () => void) => {
  waiting.add(f);
  return () => waiting.delete(f);
};

/**
 * The presentation chunk, when `wanted` (presenting or embedded): null until it has loaded (the page
 * keeps its usual look meanwhile, a few milliseconds after the Present button or a pasted link; a link
 * opened in a mode loads it before the first paint).
 */
export function usePresentation(wanted: boolean): Presentation | null {
  const chunk = useSyncExternalStore(subscribe, () => loaded);
  useEffect(() => {
    if (wanted) void loadPresentation();
  }, [wanted]);
  return wanted ? chunk : null;
}

/**
 * Presentation mode (`present=1`): only graph, table and caption, in large type, stepped with the
 * keyboard or a clicker (PageDown/PageUp). The button also asks for full screen; leaving full screen
 * (Esc) leaves the mode it entered. A link with `present=1` opens in the mode without full screen,
 * which browsers allow only after a click.
 */
export function PresentButton() {
  const t = useT();
  const setLink = useStore((s) => s.setLink);
  return (
    <button
      type="button"
      className="present-button"
      title={t('present.title')}
      onClick={() => {
        // Full screen now, while the click still allows it; the mode once its parts have loaded.
        document.documentElement.requestFullscreen?.().catch(() => undefined);
        void loadPresentation().then((m) => m && setLink({ present: true }));
      }}
    >
      {t('present.button')}
    </button>
  );
}

/** Esc leaves presentation mode; leaving full screen leaves the mode the button entered. */
export function usePresentationKeys(present: boolean): void {
  const setLink = useStore((s) => s.setLink);
  const wasFull = useRef(false);
  useEffect(() => {
    if (!present) return;
    // The button asks for full screen before the mode's parts have loaded: it may already be on.
    if (document.fullscreenElement) wasFull.current = true;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setLink({ present: false });
    };
    const onFull = () => {
      if (document.fullscreenElement) wasFull.current = true;
      else if (wasFull.current) {
        wasFull.current = false;
        setLink({ present: false });
      }
    };
    window.addEventListener('keydown', onKey);
    document.addEventListener('fullscreenchange', onFull);
    return () => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('fullscreenchange', onFull);
    };
  }, [present, setLink]);
}
