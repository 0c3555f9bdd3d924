/**
 * Everything the views show, derived from the store's sources of truth by pure, memoised functions:
 * text → tape (compile), values → input vector, tape + inputs + seeds → trace.
 */
import {
  analyzeText,
  buildTrace,
  parseValue,
  tapeOf,
  type AnalyzeResult,
  type CompileResult,
  type ProgramInfo,
  type SourceError,
  type Tape,
  type Trace,
  type TraceMode,
} from '../core/index';
import type { LinkState } from './urlCodec';

/** The value a new input field starts with. */
export const DEFAULT_INPUT_VALUE = '1';

export interface Field {
  readonly name: string;
  readonly id: string;
  readonly text: string;
  readonly error: string | null;
  /** The value is read differently from what is written (`1e-400` is read as 0). */
  readonly warning: string | null;
}

export interface Model {
  readonly error: SourceError | null;
  readonly tape: Tape | null;
  readonly fields: readonly Field[];
  /** Input values in tape order, or null while a field is invalid. */
  readonly x: readonly number[] | null;
  readonly seedIndex: number;
  readonly outIndex: number;
  readonly trace: Trace | null;
  /** The analysed program (the finite-difference panel runs it again at x ± h when it has control flow). */
  readonly program: ProgramInfo | null;
}

/** A one-entry memo: the last arguments and result. */
export function memoLast<A extends unknown[], R>(
  f: (...args: A) => R,
  same: (a: A, b: A) => boolean,
): (...args: A) => R {
  let last: { args: A; result: R } | null = null;
  return (...args: A) => {
    if (last && same(last.args, args)) return last.result;
    const result = f(...args);
    last = { args, result };
    return result;
  };
}

/** The analysis of a text, kept for the last text asked (the link's start reads it, then the views). */
export const analyzeMemo = memoLast(
  (text: string): AnalyzeResult => analyzeText(text),
  (a, b) => a[0] === b[0],
);

/**
 * The tape: built once per text for a straight-line program; a program with control flow is run on
 * the input values, so its tape changes with them (the path taken).
 */
const tapeMemo = memoLast(
  (info: ProgramInfo, merge: boolean, x: readonly number[] | null): CompileResult =>
    tapeOf(info, { merge, ...(x ? { x } : {}) }),
  (a, b) =>
    a[0] === b[0] &&
    a[1] === b[1] &&
    (!a[0].dynamic ||
      (a[2] !== null &&
        b[2] !== null &&
        a[2].length === b[2].length &&
        a[2].every((v, i) => Object.is(v, b[2]![i])))),
);

const traceMemo = memoLast(
  (tape: Tape, x: readonly number[], seed: number, out: number, dual: boolean, mode: TraceMode): Trace =>
    buildTrace(tape, x, { seed, adjointSeed: out, dual, mode }),
  (a, b) =>
    a[0] === b[0] &&
    a[2] === b[2] &&
    a[3] === b[3] &&
    a[4] === b[4] &&
    a[5] === b[5] &&
    a[1].length === b[1].length &&
    a[1].every((v, i) => Object.is(v, b[1][i])),
);

/** The field texts of a program's inputs: what the user typed, or the default for a new input. */
export function fieldsOf(tape: Pick<Tape, 'inputs'>, values: Readonly<Record<string, string>>): Field[] {
  return tape.inputs.map((input) => {
    const text = Object.hasOwn(values, input.name) ? values[input.name]! : DEFAULT_INPUT_VALUE;
    const parsed = parseValue(input.name, text);
    return {
      name: input.name,
      id: input.id,
      text,
      error: parsed.ok ? null : parsed.message,
      warning: parsed.ok ? (parsed.warning ?? null) : null,
    };
  });
}

const EMPTY: Omit<Model, 'error'> = {
  tape: null,
  fields: [],
  x: null,
  seedIndex: 0,
  outIndex: 0,
  trace: null,
  program: null,
};

/** Derives the model the views show from the link-worthy state. */
export function deriveModel(
  s: Pick<LinkState, 'text' | 'values' | 'seed' | 'adjointSeed' | 'merge'> &
    Partial<Pick<LinkState, 'dual' | 'mode'>>,
): Model {
  const analyzed = analyzeMemo(s.text);
  if (!analyzed.ok) return { ...EMPTY, error: analyzed.error };
  const info = analyzed.info;
  // The fields come from the program (its inputs are known before it runs), with Wengert ids.
  const n = info.inputs.length;
  const fields = fieldsOf(
    { inputs: info.inputs.map((name, i) => ({ name, id: `v${i - n + 1}`, index: i })) },
    s.values,
  );
  const ok = fields.every((f) => f.error === null);
  const x = ok ? fields.map((f) => (parseValue(f.name, f.text) as { value: number }).value) : null;
  // A program with control flow records the path its input values take. While a field is invalid it
  // is recorded at the valid values and 1 for the others, only to keep the fields and seeds in place
  // (the trace waits for valid values).
  const at = x ?? fields.map((f) => (f.error ? 1 : (parseValue(f.name, f.text) as { value: number }).value));
  const compiled = tapeMemo(info, s.merge, info.dynamic ? at : null);
  if (!compiled.ok) return { ...EMPTY, fields, error: compiled.error, program: info };
  const tape = compiled.tape;
  const seedIndex = Math.max(0, info.inputs.indexOf(s.seed ?? ''));
  const outIndex = Math.max(0, info.outputs.indexOf(s.adjointSeed ?? ''));
  const trace = x ? traceMemo(tape, x, seedIndex, outIndex, s.dual ?? false, s.mode ?? 'tour') : null;
  return { error: null, tape, fields, x, seedIndex, outIndex, trace, program: info };
}

/** The timeline position actually shown: the stored step clamped to the trace. */
export function clampStep(step: number, trace: Trace | null): number {
  return trace ? Math.min(Math.max(0, step), trace.steps.length) : 0;
}
