import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Trace } from '../core/index';
import { clampStep, deriveModel, type Model } from '../state/derive';
import { useStore } from '../state/store';

/** Delay between the last keystroke and parsing. */
export const PARSE_DEBOUNCE_MS = 120;

/** The text to parse: typing is debounced; a loaded link or example goes through at once. */
function useParsedText(): string {
  const text = useStore((s) => s.text);
  const loadCount = useStore((s) => s.loadCount);
  const [debounced, setDebounced] = useState(text);
  const [seenLoad, setSeenLoad] = useState(loadCount);
  if (loadCount !== seenLoad) {
    setSeenLoad(loadCount);
    setDebounced(text);
  }
  // A layout effect: the pause starts when the keystroke is committed, not a frame later.
  useLayoutEffect(() => {
    const t = setTimeout(() => setDebounced(text), PARSE_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [text]);
  return debounced;
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
