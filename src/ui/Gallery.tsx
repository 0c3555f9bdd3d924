import { lazy, Suspense, useCallback, useRef, useState } from 'react';
import { useT } from '../i18n/index';

// The cards and their styles load when the gallery is first opened: the page does not need them to draw.
const GalleryDialog = lazy(() => import('./GalleryDialog').then((m) => ({ default: m.GalleryDialog })));

/** The button that opens the examples gallery (GalleryDialog.tsx). */
export function Gallery() {
  const t = useT();
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const close = useCallback((refocus: boolean) => {
    setOpen(false);
    if (refocus) opener.current?.focus();
  }, []);
  return (
    <>
      <button type="button" ref={opener} onClick={() => setOpen(true)} aria-haspopup="dialog">
        {t('gallery.button')}
      </button>
      {open && (
        <Suspense fallback={null}>
          <GalleryDialog onClose={close} />
        </Suspense>
      )}
    </>
  );
}
