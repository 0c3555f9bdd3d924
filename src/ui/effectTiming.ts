import { options } from 'preact';

/**
 * When the page's effects run (Preact, issue 13). Preact runs `useEffect` after the next paint;
 * React runs the effects of an update that a discrete input caused (a key, a click, a typed
 * character) before the paint, at the end of the update, and only the others after it. The page
 * relies on that order: the table scrolls the current row into view in an effect, and a step taken
 * with → must be painted with its row whole on screen (CONTRACTS §5, the browser tests). So here the
 * effects of an update made while a discrete event is being handled run right after that update, in
 * the same task; every other update's effects (the first render, a frame of play, a worker's reply)
 * run after the paint, as before.
 */
const DISCRETE = new Set([
  'beforeinput',
  'change',
  'click',
  'compositionend',
  'contextmenu',
  'copy',
  'cut',
  'dblclick',
  'drop',
  'focusin',
  'focusout',
  'input',
  'keydown',
  'keyup',
  'mousedown',
  'mouseup',
  'paste',
  'pointerdown',
  'pointerup',
  'submit',
  'touchend',
  'touchstart',
]);

/** Preact's own schedule: the task after the next frame (or 35 ms, where frames do not come). */
function afterNextFrame(run: () => void): void {
  let frame = 0;
  const done = () => {
    clearTimeout(timeout);
    if (frame) cancelAnimationFrame(frame);
    setTimeout(run);
  };
  const timeout = setTimeout(done, 35);
  if (typeof requestAnimationFrame === 'function') frame = requestAnimationFrame(done);
}

/** The event being handled, if any: set while its listeners and their microtasks run. */
function currentEvent(): Event | undefined {
  return typeof window === 'undefined' ? undefined : (window as { event?: Event }).event;
}

export function installEffectTiming(): void {
  options.requestAnimationFrame = (flush: () => void) => {
    const event = currentEvent();
    if (event && DISCRETE.has(event.type)) queueMicrotask(flush);
    else afterNextFrame(flush);
  };
}
