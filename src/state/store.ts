/**
 * The one store. It holds only sources of truth: what the user typed (expression, input values),
 * the chosen seeds, the position on the timeline and the options, plus transient view state
 * (playing, hover, notices). The tape and the trace are derived from it (see `derive.ts`), never
 * stored.
 */
import { create } from 'zustand';
import { EMPTY_SCORE, scoreAfter, type QuizScore, type Verdict } from '../core/quizScore';
import { DEFAULT_STATE, makeValues, type LinkState, type Problem, type View } from './urlCodec';

export const SPEEDS = [0.5, 1, 2, 4] as const;

export interface Notice {
  readonly id: number;
  readonly tone: 'info' | 'warning' | 'error';
  readonly message: string;
  /** A notice about one standing condition (the link cannot be written): a new one replaces it. */
  readonly key?: string;
}

/** Most notices kept at once: a hostile link can name every fault it likes, once each. */
export const MAX_NOTICES = 20;

export interface AppState extends LinkState {
  playing: boolean;
  /** Steps per second while playing. */
  speed: number;
  /** Node index hovered in the graph or the table. */
  hovered: number | null;
  notices: readonly Notice[];
  /** Counts `load` calls, so that a loaded text is traced at once rather than after the typing delay. */
  loadCount: number;
  /** Quiz mode: how many steps the student has answered (or asked to see), and the score. */
  quizRevealed: number;
  quizScore: QuizScore;
}

export interface AppActions {
  setText(text: string): void;
  setValue(name: string, text: string): void;
  setSeed(name: string | null): void;
  setAdjointSeed(name: string | null): void;
  /** Sets the timeline position; the view clamps it to the trace's length. */
  /** Sets the timeline position; the view clamps it to the trace's length. In quiz mode it cannot
   * pass the first step not yet answered. */
  setStep(step: number): void;
  /** Quiz mode: the current step was answered (`right`/`wrong`) or shown on request. */
  quizEvent(event: Verdict | 'shown'): void;
  setMerge(merge: boolean): void;
  setPlaying(playing: boolean): void;
  setSpeed(speed: number): void;
  setHovered(index: number | null): void;
  setView(view: View): void;
  setDual(dual: boolean): void;
  setMode(mode: LinkState['mode']): void;
  setFdx(name: string | null): void;
  /** log10 h of the finite-difference step. */
  setH(log10h: number): void;
  setJdir(vector: number[] | null): void;
  setJcot(vector: number[] | null): void;
  /** Replaces every source of truth at once (a link, an example): never half-applied. */
  /** Sets link fields that need no checking (modes, language). */
  setLink(patch: Partial<Pick<LinkState, 'present' | 'embed' | 'quiz' | 'lang'>>): void;
  load(state: LinkState, problems?: readonly Problem[]): void;
  /** Train panel: the parameters, η and the data; each change ends the run shown (it no longer applies). */
  setTrain(names: string[] | null): void;
  setRate(text: string): void;
  setData(text: string): void;
  setTlog(on: boolean): void;
  /** Train panel: a run from `from` of `steps` steps, ending at `values` (the parameters' new fields). */
  applyRun(from: Record<string, string>, steps: number, values: Record<string, string>): void;
  /** Train panel: input values that show one data row's trace; the run stays (the rows are its data). */
  showRow(values: Record<string, string>): void;
  dismissNotice(id: number): void;
  dismissAllNotices(): void;
  /** Shows the notice for a standing condition `key`, replacing the one it had. */
  notify(key: string, tone: Notice['tone'], message: string): void;
  /** Removes the notice for `key`, if any. */
  clearNotice(key: string): void;
}

let noticeId = 0;

/** `values` with the entries of `patch` set (in place when the name is there, else at the end). */
function merged(values: Record<string, string>, patch: Record<string, string>): Record<string, string> {
  const out = makeValues(Object.entries(values));
  for (const [name, text] of Object.entries(patch)) out[name] = text;
  return out;
}

/** No training run shown. */
const NO_RUN = { from: null, steps: 0 } as const;

const freshDefault = (): LinkState => ({
  ...DEFAULT_STATE,
  values: makeValues(Object.entries(DEFAULT_STATE.values)),
});

export const useStore = create<AppState & AppActions>()((set) => ({
  ...freshDefault(),
  playing: false,
  speed: 1,
  hovered: null,
  notices: [],
  loadCount: 0,
  quizRevealed: 0,
  quizScore: EMPTY_SCORE,
  setText: (text) => set({ text }),
  setValue: (name, text) =>
    set((s) => {
      const values = makeValues(Object.entries(s.values));
      values[name] = text;
      // A typed value moves the point away from where the run shown ended.
      return { values, ...NO_RUN };
    }),
  setSeed: (seed) => set({ seed }),
  setAdjointSeed: (adjointSeed) => set({ adjointSeed }),
  setStep: (step) =>
    set((s) => {
      const to = Math.max(0, Math.floor(Number.isFinite(step) ? step : 0));
      return { step: s.quiz ? Math.min(to, s.quizRevealed + 1) : to };
    }),
  quizEvent: (event) =>
    set((s) => ({
      quizScore: scoreAfter(s.quizScore, event),
      ...(event === 'wrong' || event === 'invalid' ? {} : { quizRevealed: Math.max(s.quizRevealed, s.step) }),
    })),
  setMerge: (merge) => set({ merge }),
  setPlaying: (playing) => set({ playing }),
  setSpeed: (speed) => set({ speed }),
  setHovered: (hovered) => set({ hovered }),
  setView: (view) => set({ view }),
  setDual: (dual) => set({ dual }),
  setMode: (mode) => set({ mode }),
  setFdx: (fdx) => set({ fdx }),
  setH: (h) => set({ h }),
  setJdir: (jdir) => set({ jdir }),
  setJcot: (jcot) => set({ jcot }),
  setLink: (patch) =>
    set((s) => ({
      ...patch,
      // Turning the quiz on keeps what is already shown and asks from the next step on.
      ...(patch.quiz && !s.quiz ? { quizRevealed: s.step, quizScore: EMPTY_SCORE } : {}),
    })),
  load: (state, problems = []) =>
    set((s) => ({
      loadCount: s.loadCount + 1,
      // A quiz link opens with the steps before its step already shown: the teacher starts there.
      quizRevealed: Math.max(0, state.step - 1),
      quizScore: EMPTY_SCORE,
      ...pickLink(state),
      values: makeValues(Object.entries(state.values)),
      playing: false,
      hovered: null,
      notices: noticesOf(problems),
    })),
  setTrain: (train) => set({ train, ...NO_RUN }),
  setRate: (rate) => set({ rate, ...NO_RUN }),
  setData: (data) => set({ data, ...NO_RUN }),
  setTlog: (tlog) => set({ tlog }),
  applyRun: (from, steps, patch) =>
    set((s) => ({
      from: makeValues(Object.entries(from)),
      steps,
      values: merged(s.values, patch),
    })),
  showRow: (patch) => set((s) => ({ values: merged(s.values, patch) })),
  dismissNotice: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
  dismissAllNotices: () => set({ notices: [] }),
  notify: (key, tone, message) =>
    set((s) => {
      const old = s.notices.find((n) => n.key === key);
      if (old && old.message === message && old.tone === tone) return {};
      return { notices: [...s.notices.filter((n) => n.key !== key), { id: ++noticeId, tone, message, key }] };
    }),
  clearNotice: (key) =>
    set((s) =>
      s.notices.some((n) => n.key === key) ? { notices: s.notices.filter((n) => n.key !== key) } : {},
    ),
}));

/** The notices of a link's problems: each message once, in order, at most `MAX_NOTICES`. */
function noticesOf(problems: readonly Problem[]): Notice[] {
  const seen = new Set<string>();
  const out: Notice[] = [];
  for (const p of problems) {
    if (seen.has(p.message) || out.length >= MAX_NOTICES) continue;
    seen.add(p.message);
    const tone = p.kind === 'ignored' || p.kind === 'clamped' ? 'info' : 'warning';
    out.push({ id: ++noticeId, tone, message: p.message });
  }
  return out;
}

/** The link-worthy part of the state. */
export function linkState(s: AppState): LinkState {
  return pickLink(s);
}

/** The fields of a link, taken from any object that has them (the key list is DEFAULT_STATE's). */
function pickLink(s: LinkState): LinkState {
  const out = {} as Record<keyof LinkState, unknown>;
  for (const key of Object.keys(DEFAULT_STATE) as (keyof LinkState)[]) out[key] = s[key];
  return out as LinkState;
}
