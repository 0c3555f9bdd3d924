/**
 * Keeps the URL fragment and the store in step: reads the link once at start (and when another link
 * is pasted into the address bar, or Back returns to an earlier entry), and writes the fragment with
 * `history.replaceState`, debounced, as the state changes (`pushState` after `newHistoryEntry`).
 * The codec itself is pure (`urlCodec.ts`); this is the only place that touches `location` and
 * `history`.
 */
import { URL_WRITE_DELAY_MS } from './delays';
import { deriveModel } from './derive';
import { fitFragment } from './fragment';
import { linkState, useStore } from './store';
import {
  DEFAULT_STATE,
  makeValues,
  MAX_TEXT_LENGTH,
  reconcile,
  shareable,
  type LinkState,
  type Shareable,
} from './urlCodec';

const LINK_FIELDS = Object.keys(DEFAULT_STATE) as (keyof LinkState)[];

export { URL_WRITE_DELAY_MS };

/** The key of the notice that says the link cannot follow the state (it is over a limit). */
export const LINK_NOTICE = 'link';

/** Decodes a fragment and fits it to its expression; never throws, never half-applies. */
export function stateFromFragment(fragment: string): void {
  const { state, problems } = fitFragment(fragment);
  useStore.getState().load(state, problems);
}

/** The link of the current state, if it fits: values for the current inputs as their fields show them. */
export function shareableLink(patch: Partial<LinkState> = {}): Shareable {
  const s = useStore.getState();
  // Over the limit, the text is not compiled (nor anything else done that grows with it).
  const model = s.text.length > MAX_TEXT_LENGTH ? null : deriveModel(s);
  const values = model?.tape ? makeValues(model.fields.map((f) => [f.name, f.text] as const)) : s.values;
  const state: LinkState = { ...linkState(s), values };
  // Names the page no longer shows (the seed x1 of the paper's example after typing sin(q)*q) are
  // left out, as a reader would drop them: the link opens without a notice, on what its author saw.
  const info = model?.program;
  const fitted = info ? reconcile(state, { inputs: info.inputs, outputs: info.outputs }).state : state;
  return shareable({ ...fitted, ...patch });
}

/** The link of the current state, or the one in the address bar if the current state is over a limit. */
export function currentLink(patch: Partial<LinkState> = {}): string {
  const link = shareableLink(patch);
  return link.ok ? link.fragment : window.location.hash.slice(1);
}

/** Set while the binding runs: writes a pending change now and makes the next write a new entry. */
let markEntry: (() => void) | null = null;
/** Set while the binding runs: writes a pending change now. */
let flush: (() => void) | null = null;

/**
 * Writes a change still waiting for its pause into the address bar now (Copy link, when the
 * clipboard refuses, points the reader there). Outside the binding, it does nothing.
 */
export function writeLinkNow(): void {
  flush?.();
}

/**
 * Makes the next change of the link a new entry of the browser's history, as following a link
 * would (the gallery's cards are links): call it just before a change the reader may want to go
 * Back from, such as choosing an example. A change still waiting to be written goes into the
 * current entry first, so that Back returns to exactly what was shown, typing included.
 */
export function newHistoryEntry(): void {
  markEntry?.();
}

/** Starts the two-way binding; returns a function that stops it. */
export function startUrlSync(): () => void {
  stateFromFragment(window.location.hash);
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastWritten = '';
  /** The fragment the address bar held when the page last read or wrote it. */
  let lastSeen = window.location.hash.slice(1);
  /** Reads a link put into the address bar from outside (pasted, Back, a test's `goto`). */
  const readOutsideLink = (fragment: string) => {
    // A pasted link wins over a write still pending from the state it replaces.
    if (timer) clearTimeout(timer);
    timer = null;
    lastWritten = fragment;
    lastSeen = fragment;
    stateFromFragment(window.location.hash);
  };
  /** Set by `newHistoryEntry` for a change in the same task; the pending write is then a new entry. */
  let armed = false;
  let asEntry = false;
  const write = () => {
    timer = null;
    const entry = asEntry;
    asEntry = false;
    const link = shareableLink();
    if (!link.ok) {
      useStore.getState().notify(LINK_NOTICE, 'warning', link.problem.message);
      return;
    }
    useStore.getState().clearNotice(LINK_NOTICE);
    const fragment = link.fragment;
    // The address bar changed since the page last looked, and its `hashchange` has not come yet
    // (it is a task of its own, queued behind this timer): that link wins, as it does when its
    // event comes first. Writing here would overwrite it, and the event would then read back
    // this write and do nothing.
    const inBar = window.location.hash.slice(1);
    if (inBar !== lastSeen && inBar !== fragment) {
      readOutsideLink(inBar);
      return;
    }
    lastSeen = inBar;
    if (fragment === lastWritten) return;
    lastWritten = fragment;
    // The origin first: a path that begins with // would otherwise read as another host.
    const { origin, pathname, search } = window.location;
    const url = `${origin}${pathname}${search}#${fragment}`;
    if (entry) window.history.pushState(null, '', url);
    else window.history.replaceState(window.history.state, '', url);
    lastSeen = window.location.hash.slice(1);
  };
  flush = () => {
    if (timer) {
      clearTimeout(timer);
      write();
    }
  };
  markEntry = () => {
    flush?.();
    armed = true;
    // For the change the caller makes next, at once; not for one made later.
    queueMicrotask(() => {
      armed = false;
    });
  };
  const unsubscribe = useStore.subscribe((s, prev) => {
    // Any field of the link (the key list is DEFAULT_STATE's), so a new key cannot be forgotten here.
    if (LINK_FIELDS.every((key) => s[key] === prev[key])) return;
    if (armed) asEntry = true;
    if (timer) clearTimeout(timer);
    timer = setTimeout(write, URL_WRITE_DELAY_MS);
  });
  const onHashChange = () => {
    const fragment = window.location.hash.slice(1);
    if (fragment === lastWritten) {
      lastSeen = fragment;
      return;
    }
    readOutsideLink(fragment);
  };
  window.addEventListener('hashchange', onHashChange);
  return () => {
    unsubscribe();
    window.removeEventListener('hashchange', onHashChange);
    if (timer) clearTimeout(timer);
    markEntry = null;
    flush = null;
  };
}
