import { useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { Trace } from '../core/index';
import { clampStep, deriveModel, type Model } from '../state/derive';
import { PARSE_DEBOUNCE_MS } from '../state/delays';
import { useStore } from '../state/store';

export { PARSE_DEBOUNCE_MS };

/**
 * The text to parse: typing is debounced; a loaded link or example goes through at once.
 *
 * The page's component reads this, not the store's text, so that a keystroke re-renders only the
 * editor (which has its own subscription), never the whole page, and the pause counts from the
 * keystroke itself. Each reader keeps the text in a small external store fed by the app's store:
 * a load sets it in the same notification as the rest of the loaded state, so that React renders
 * them together (a state update from the subscription would come in a render of its own).
 */
function useParsedText(): string {
  const [parsed] = useState(parsedTextStore);
  return useSyncExternalStore(parsed.subscribe, parsed.get);
}

function parsedTextStore() {
  const first = useStore.getState();
  let text = first.text;
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    get: () => text,
    subscribe(notify: () => void): () => void {
      const take = (next: string) => {
        clearTimeout(timer);
        if (next !== text) {
          text = next;
          notify();
        }
      };
      const wait = () => {
        clearTimeout(timer);
        timer = setTimeout(() => take(useStore.getState().text), PARSE_DEBOUNCE_MS);
      };
      const stop = useStore.subscribe((s, before) => {
        if (s.loadCount !== before.loadCount) take(s.text);
        else if (s.text !== before.text) wait();
      });
      // What changed between the first render and this subscription.
      const now = useStore.getState();
      if (now.loadCount !== first.loadCount) take(now.text);
      else if (now.text !== text) wait();
      return () => {
        stop();
        clearTimeout(timer);
      };
    },
  };
}

export interface ViewModel {
  /** The model of what is typed (debounced): its error, its fields. */
  readonly current: Model;
  /** The text `current` was derived from (error offsets refer to it). */
  readonly parsedText: string;
  /** The model the panels show: the current one, or the last one that could be traced. */
  readonly shown: Model | null;
  /** True while the panels show an older expression than the editor holds. */
  readonly stale: boolean;
  /** The timeline position, clamped to the shown trace. */
  readonly step: number;
}

/** Derives the view model from the store (memoised), keeping the last good trace on screen. */
export function useModel(): ViewModel {
  const parsedText = useParsedText();
  const values = useStore((s) => s.values);
  const seed = useStore((s) => s.seed);
  const adjointSeed = useStore((s) => s.adjointSeed);
  const merge = useStore((s) => s.merge);
  const dual = useStore((s) => s.dual);
  const mode = useStore((s) => s.mode);
  const rawStep = useStore((s) => s.step);
  const current = useMemo(
    () => deriveModel({ text: parsedText, values, seed, adjointSeed, merge, dual, mode }),
    [parsedText, values, seed, adjointSeed, merge, dual, mode],
  );
  const lastGood = useRef<Model | null>(null);
  const shown = current.trace ? current : lastGood.current;
  useEffect(() => {
    if (current.trace) lastGood.current = current;
  }, [current]);
  const trace = shown?.trace ?? null;
  const step = clampStep(rawStep, trace);
  useStayAtEnd(trace, step, parsedText);
  return { current, parsedText, shown, stale: shown !== current, step };
}

/**
 * A program's path depends on its inputs: a new value can lengthen the tape (a loop runs once more,
 * another branch is taken). Whoever stood at the last step stays at the last step, instead of being
 * left part-way through the new reverse sweep with its result gone.
 */
function useStayAtEnd(trace: Trace | null, step: number, text: string): void {
  const setStep = useStore((s) => s.setStep);
  const last = useRef<{ trace: Trace; end: boolean; text: string } | null>(null);
  useLayoutEffect(() => {
    const before = last.current;
    if (trace && before && before.trace !== trace && before.end && before.text === text) {
      if (trace.steps.length > before.trace.steps.length) setStep(trace.steps.length);
    }
    if (trace) last.current = { trace, end: step > 0 && step === trace.steps.length, text };
  }, [trace, step, text, setStep]);
}
