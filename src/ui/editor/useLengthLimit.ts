import { useEffect, useState } from 'react';

/** An insertion refused because it would make a field longer than its limit. */
export interface Refusal {
  /** The field's accessible name (`Expression`, `x1`). */
  readonly field: string;
  /** The length the field would have had. */
  readonly length: number;
  readonly limit: number;
}

type TextField = HTMLInputElement | HTMLTextAreaElement;

const isTextField = (el: EventTarget | null): el is TextField =>
  el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement;

/**
 * Refuses, before the browser inserts it, any insertion (paste, drop, typing, autocorrect) that would
 * make a text field inside the container longer than `limit`. The length is computed from the
 * field's length, the selection and the inserted text's length, so a pasted 3 MB costs no work that
 * grows with it: a textarea that accepts 3 MB blocks Chromium's main thread for seconds by itself.
 * The field and the store keep what they had (nothing typed is lost, the link stays valid); the
 * refusal is returned for the field to show, and cleared by the field's next accepted input.
 *
 * Returns a callback ref for the container and the last refusal.
 */
export function useLengthLimit(limit: number): {
  ref: (el: HTMLElement | null) => void;
  refused: Refusal | null;
} {
  const [container, setContainer] = useState<HTMLElement | null>(null);
  const [refused, setRefused] = useState<Refusal | null>(null);
  useEffect(() => {
    if (!container) return;
    const onBeforeInput = (e: InputEvent) => {
      const field = e.target;
      if (!isTextField(field) || !e.inputType.startsWith('insert')) return;
      const inserted =
        e.data ?? e.dataTransfer?.getData('text/plain') ?? (e.inputType === 'insertLineBreak' ? '\n' : '');
      const start = field.selectionStart ?? field.value.length;
      const end = field.selectionEnd ?? start;
      const length = field.value.length - (end - start) + inserted.length;
      if (length <= limit || length <= field.value.length) return;
      e.preventDefault();
      setRefused({ field: field.getAttribute('aria-label') ?? '', length, limit });
    };
    const onInput = (e: Event) => {
      const name = isTextField(e.target) ? e.target.getAttribute('aria-label') : null;
      // After the event, not during it: a render now (React flushes an update made in a discrete
      // event's listener at the next microtask, before the field's own onChange has run) would set
      // the controlled field back to the store's text and drop the character just typed.
      window.setTimeout(() => setRefused((r) => (r && r.field === name ? null : r)), 0);
    };
    container.addEventListener('beforeinput', onBeforeInput, true);
    container.addEventListener('input', onInput, true);
    return () => {
      container.removeEventListener('beforeinput', onBeforeInput, true);
      container.removeEventListener('input', onInput, true);
    };
  }, [container, limit]);
  return { ref: setContainer, refused };
}
