/**
 * The shareable link (CONTRACTS.md §4): the app's sources of truth as URL-fragment text, and back.
 *
 *   #v=1&f=ln(x1)%2Bx1*x2-sin(x2)&at=x1:2,x2:5&seed=x1&step=7
 *
 * Two pure functions, `encode` and `decode`, driven by one schema table (`ROWS`, one row per key, as
 * in TensorFlow Playground's state.ts). No DOM here: the caller reads `location.hash` and writes it
 * with `history.replaceState`.
 *
 * The fragment is untrusted input (BAD_INPUTS.md, "Links"). `decode` never throws and never
 * half-applies: a link that cannot be read as a whole (newer format, damaged, too large) yields a
 * fresh copy of `DEFAULT_STATE` and one problem saying why; smaller faults (unknown or duplicate keys,
 * a bad `at` entry, `step=-5`) are ignored or clamped, each with a notice, and the rest is applied.
 * The expression text is not parsed here: a link whose expression has a syntax error still loads, so
 * the editor can show the error at its place.
 *
 * The text is `URLSearchParams` text: `new URLSearchParams(encode(s))` reads the same keys and values.
 * A `+` means a space there, so `encode` always writes a `+` as `%2B`. A link written by hand with a
 * bare `+` in `f` therefore decodes with a space in its place, exactly as `URLSearchParams` would;
 * there is no way to tell that `+` from an intended space, and guessing would break real spaces.
 */
import type { TraceMode } from '../core/index';
import { FD_LOG10_H_MAX, FD_LOG10_H_MIN, MAX_DATA_TEXT, MAX_TRAIN_STEPS } from '../core/limits';
import { MAX_VALUE_LENGTH, parseValue } from '../core/values';
import { quote } from './readable';

/** What a link carries: the sources of truth the page needs to restore exactly what its author saw. */
export interface LinkState {
  /** The expression, as typed (not validated here). */
  text: string;
  /**
   * Input name → the raw text typed in that input's field (kept as text so nothing typed is lost).
   * Insertion order is the order in the link. Objects made by this module have no prototype, so
   * `values['constructor']` is `undefined` unless set; read with `Object.hasOwn` or `?? ''`.
   */
  values: Record<string, string>;
  /** The input whose unit vector seeds the tangent sweep, or null for the default (the first input). */
  seed: string | null;
  /** The output whose adjoint is seeded with 1, or null for the default (the first output). */
  adjointSeed: string | null;
  /** Position on the timeline: 0 = nothing computed yet; past the last step means the last step. */
  step: number;
  /** Whether identical subexpressions are merged into one node (value numbering). */
  merge: boolean;
  /** The right-hand panel: the trace table, the Jacobian explorer, finite differences or symbolic. */
  view: View;
  /** Forward rows written as dual numbers, graph values as v + v̇ε. */
  dual: boolean;
  /** The timeline: the three-phase tour, or forward mode (v and v̇ in one step per node). */
  mode: TraceMode;
  /** The input the finite-difference and symbolic panels differentiate by; null: the tangent seed's. */
  fdx: string | null;
  /** log10 of the finite-difference step h, in [FD_LOG10_H_MIN, FD_LOG10_H_MAX]. */
  h: number;
  /** Jacobian explorer: the direction ẋ of J ẋ and the cotangent ȳ of ȳᵀ J; null: all ones. */
  jdir: number[] | null;
  jcot: number[] | null;
  /** Presentation mode: full screen, large type, only graph, table and caption. */
  present: boolean;
  /** Embed mode: minimal chrome for an iframe in slides or a course page. */
  embed: boolean;
  /** Quiz mode: the student types each value before it is revealed. */
  quiz: boolean;
  /** The page's language; null: the browser's. */
  lang: Lang | null;
  /** Train panel: the inputs that are parameters (the others are data); null: none chosen yet. */
  train: string[] | null;
  /** Train panel: the learning rate η as typed (kept as text, so nothing typed is lost). */
  rate: string;
  /** Train panel: the data table as CSV text typed or pasted ('' for none). */
  data: string;
  /**
   * Train panel: the run shown, as the parameters' values where it started (name → text) and the
   * steps taken from there; the page recomputes it, and the input values are where it ended.
   */
  from: Record<string, string> | null;
  steps: number;
  /** Train panel: the loss curve on a log scale. */
  tlog: boolean;
}

export const LANGS = ['en', 'zh'] as const;
export type Lang = (typeof LANGS)[number];

/** The panels beside the graph. */
export const VIEWS = ['trace', 'jacobian', 'fd', 'symbolic', 'train'] as const;
export type View = (typeof VIEWS)[number];
/** The finite-difference step a new page starts with: h = 10⁻⁵. */
export const DEFAULT_LOG10_H = -5;
/** Most entries a `jdir` or `jcot` vector may have. */
export const MAX_VECTOR_LENGTH = 64;

export type ProblemKind = 'newer-version' | 'damaged' | 'too-large' | 'ignored' | 'clamped';

/** Something about a link worth telling the reader; `message` is a plain sentence for the page. */
export interface Problem {
  kind: ProblemKind;
  message: string;
  /**
   * A step the page cannot show as written: the link's text, why, and the step decode made of it.
   * The page clamps that to the trace's length only once the expression is traced, so the notice
   * is written again then (`nameShownStep`) to name the step actually shown.
   */
  step?: { text: string; why: string; value: number };
}

export interface Decoded {
  state: LinkState;
  problems: Problem[];
  /** True when the link could not be used at all and `state` is the default example. */
  fallback: boolean;
}

/** The link format written by `encode`; `decode` refuses larger versions. */
export const LINK_VERSION = 1;
/** Longest fragment `decode` reads, in characters (UTF-16 code units), without the leading '#'. */
export const MAX_LINK_LENGTH = 65536;
/** Longest expression a link may carry, in characters (UTF-16 code units). */
export const MAX_TEXT_LENGTH = 20000;
/** Largest step a link may name; far past the last step of any expression the parser accepts. */
export const MAX_STEP = 1_000_000;
/** The learning rate a new Train panel starts with. */
export const DEFAULT_RATE = '0.1';
/** Most parameters a link may name. */
export const MAX_PARAMS = 64;

/** Names of inputs and outputs (CONTRACTS.md §1): ASCII `[A-Za-z][A-Za-z0-9]*`. */
const NAME = /^[A-Za-z][A-Za-z0-9]*$/;

export function isName(text: string): boolean {
  return NAME.test(text);
}

/** A prototype-free values record, so untrusted names are plain data (`__proto__` included). */
export function makeValues(entries: Iterable<readonly [string, string]> = []): Record<string, string> {
  const values = Object.create(null) as Record<string, string>;
  for (const [name, value] of entries) {
    if (!Object.hasOwn(values, name)) values[name] = value;
  }
  return values;
}

/** The paper's running example (Baydin et al. 2018, Tables 2 and 3), shown when there is no link. */
export const DEFAULT_STATE: LinkState = Object.freeze({
  text: 'ln(x1) + x1*x2 - sin(x2)',
  values: Object.freeze(
    makeValues([
      ['x1', '2'],
      ['x2', '5'],
    ]),
  ),
  seed: 'x1',
  adjointSeed: null,
  step: 0,
  merge: true,
  view: 'trace',
  dual: false,
  mode: 'tour',
  fdx: null,
  h: DEFAULT_LOG10_H,
  jdir: null,
  jcot: null,
  present: false,
  embed: false,
  quiz: false,
  lang: null,
  train: null,
  rate: DEFAULT_RATE,
  data: '',
  from: null,
  steps: 0,
  tlog: false,
});

function defaultState(): LinkState {
  return { ...DEFAULT_STATE, values: makeValues(Object.entries(DEFAULT_STATE.values)) };
}

// ---------------------------------------------------------------------------------------------
// Percent-encoding

/** Lone UTF-16 surrogates cannot be UTF-8 encoded (`encodeURIComponent` throws); write U+FFFD. */
function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/**
 * `encodeURIComponent`, then `keep` characters written back as themselves for readability.
 * `encodeURIComponent` already leaves `A-Z a-z 0-9 - _ . ! ~ * ' ( )` alone and writes `+` as `%2B`,
 * `^` as `%5E`, `&` `=` `#` `%` and spaces escaped, so the result is safe as a `URLSearchParams` value.
 */
function encodeText(text: string, keep: readonly string[] = []): string {
  let out = encodeURIComponent(wellFormed(text));
  for (const ch of keep) out = out.split(encodeURIComponent(ch)).join(ch);
  return out;
}

/** Percent-decoded UTF-8, or null if `raw` is not valid percent-encoded UTF-8. */
function percentDecode(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/** `URLSearchParams`'s reading of one key or value: `+` is a space (see the note at the top). */
function decodeText(raw: string): string | null {
  return percentDecode(raw.replace(/\+/g, ' '));
}

// ---------------------------------------------------------------------------------------------
// The schema table

type Read<T> = { ok: true; value: T } | { ok: false; problem: Problem };

/** One key of the link: how its field is written, read (after percent-decoding) and defaulted. */
interface RowSpec<K extends keyof LinkState> {
  key: string;
  field: K;
  /** The percent-encoded value to write, or null to leave the key out. */
  write: (value: LinkState[K]) => string | null;
  /** The field from the key's decoded text; notices go to `notes`; `ok: false` rejects the whole link. */
  read: (text: string, notes: Problem[]) => Read<LinkState[K]>;
  /** The field when the key is absent. */
  absent: () => Read<LinkState[K]>;
}

/** A row with its field type erased, so rows of different fields fit in one table. */
interface Row {
  key: string;
  encode: (state: LinkState) => string | null;
  decode: (text: string | undefined, into: LinkState, notes: Problem[]) => Problem | null;
}

function row<K extends keyof LinkState>(spec: RowSpec<K>): Row {
  return {
    key: spec.key,
    encode: (state) => spec.write(state[spec.field]),
    decode: (text, into, notes) => {
      const result = text === undefined ? spec.absent() : spec.read(text, notes);
      if (!result.ok) return result.problem;
      into[spec.field] = result.value;
      return null;
    },
  };
}

const ok = <T>(value: T): Read<T> => ({ ok: true, value });

function listOf(texts: readonly string[]): string {
  const shown = texts
    .slice(0, 5)
    .map((text) => quote(text))
    .join(', ');
  return texts.length > 5 ? `${shown} and ${texts.length - 5} more` : shown;
}

/** Digits grouped as in `1,000`. One formatter, made when first needed: making one costs milliseconds. */
let grouped: Intl.NumberFormat | null = null;
const limit = (n: number): string => (grouped ??= new Intl.NumberFormat('en-US')).format(n);

/** The steps of a run as a link writes them (a whole number, at most MAX_TRAIN_STEPS), or null. */
function readTrainSteps(text: string): number | null {
  return /^\d{1,7}$/.test(text) && Number(text) <= MAX_TRAIN_STEPS ? Number(text) : null;
}

const stepsNotice = (text: string): Problem => ({
  kind: 'ignored',
  message: `Ignored steps=${quote(text.slice(0, 40))}: the steps of a run are a whole number from 0 to ${limit(MAX_TRAIN_STEPS)}.`,
});

function nameRow(key: string, field: 'seed' | 'adjointSeed' | 'fdx', what: string): Row {
  return row({
    key,
    field,
    write: (name) => (name === null ? null : encodeText(name)),
    read: (text, notes) => {
      if (isName(text)) return ok(text);
      notes.push({ kind: 'ignored', message: `Ignored the ${what} ${quote(text)}: not a name.` });
      return ok(null);
    },
    absent: () => ok(null),
  });
}

/**
 * `at`: `name:value` entries joined by `,`. Inside an entry, `%`, `,` and `:` are escaped first
 * (`%25`, `%2C`, `%3A`), so a value such as `1,5` or `a:b` survives; the whole is then encoded as a
 * value with `,` and `:` left readable. Common values (`2`, `-0.5`, `1e-3`) read as typed.
 */
const AT_RESERVED = /[%,:]/g;
const escapeAtPart = (text: string): string =>
  wellFormed(text).replace(AT_RESERVED, (ch) => encodeURIComponent(ch));

function writeValues(values: Record<string, string>): string {
  const entries = Object.entries(values).map(
    ([name, value]) => `${escapeAtPart(name)}:${escapeAtPart(value)}`,
  );
  return encodeText(entries.join(','), [',', ':']);
}

function readAt(text: string, notes: Problem[]): Read<Record<string, string>> {
  const values = makeValues();
  if (text === '') return ok(values);
  const bad: string[] = [];
  const repeated: string[] = [];
  for (const entry of text.split(',')) {
    const colon = entry.indexOf(':');
    const name = colon < 0 ? null : percentDecode(entry.slice(0, colon));
    const value = colon < 0 ? null : percentDecode(entry.slice(colon + 1));
    if (colon >= 0 && (name === null || value === null)) {
      return { ok: false, problem: damaged(`the value list "at" has broken percent-encoding`) };
    }
    if (name === null || value === null || !isName(name)) bad.push(entry);
    else if (Object.hasOwn(values, name)) repeated.push(name);
    else values[name] = value;
  }
  if (bad.length > 0) {
    notes.push({ kind: 'ignored', message: `Ignored input values that are not name:value: ${listOf(bad)}.` });
  }
  if (repeated.length > 0) {
    notes.push({
      kind: 'ignored',
      message: `Ignored repeated values for ${listOf(repeated)}: the first one counts.`,
    });
  }
  return ok(values);
}

/**
 * The notice for a step written as `text` that is shown as step `shown`; `null`: the last step of a
 * trace not known yet (a step past `MAX_STEP` is past the end of any trace the limits allow).
 */
function stepProblem(text: string, why: string, value: number, shown: number | null): Problem {
  const where = shown === null ? 'the last step' : `step ${shown}`;
  return {
    kind: 'clamped',
    message: `The step ${quote(text)} ${why}; showing ${where}.`,
    step: { text, why, value },
  };
}

/**
 * The problems of a decoded link once its trace is known: step notices name the step the page shows,
 * the decoded step clamped to `lastStep` (CONTRACTS.md §4: past the last step means the last step).
 */
export function nameShownStep(problems: readonly Problem[], lastStep: number): Problem[] {
  return problems.map((p) =>
    p.step ? stepProblem(p.step.text, p.step.why, p.step.value, Math.min(p.step.value, lastStep)) : p,
  );
}

function readStep(text: string, notes: Problem[]): Read<number> {
  const clamped = (value: number, why: string): Read<number> => {
    notes.push(stepProblem(text, why, value, value >= MAX_STEP ? null : value));
    return ok(value);
  };
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (match === null) {
    notes.push({ kind: 'ignored', message: `Ignored the step ${quote(text)}: not a whole number.` });
    return ok(0);
  }
  const [, sign = '', whole = '', fraction = ''] = match;
  const magnitude = Number(whole);
  const isZero = magnitude === 0 && !/[1-9]/.test(fraction);
  if (sign === '-' && !isZero) return clamped(0, 'is negative');
  if (magnitude > MAX_STEP) return clamped(MAX_STEP, `is past the limit of ${limit(MAX_STEP)}`);
  if (/[1-9]/.test(fraction)) return clamped(magnitude, 'is not a whole number');
  return ok(magnitude);
}

/** A finite decimal as typed in a link: `2`, `-0.5`, `1e-3`. */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A row for a choice among fixed words; `fallback` is the default and is left out of the link. */
/** An on/off key, written `key=1` when on and left out when off. */
function flagRow(field: 'dual' | 'present' | 'embed' | 'quiz' | 'tlog'): Row {
  return row({
    key: field,
    field,
    write: (on) => (on ? '1' : null),
    read: (text, notes) => {
      if (text === '0' || text === '1') return ok(text === '1');
      notes.push({ kind: 'ignored', message: `Ignored ${field}=${quote(text)}: expected 0 or 1.` });
      return ok(false);
    },
    absent: () => ok(false),
  });
}

function choiceRow<K extends 'view' | 'mode'>(
  key: string,
  field: K,
  choices: readonly LinkState[K][],
  fallback: LinkState[K],
  what: string,
): Row {
  return row({
    key,
    field,
    write: (value) => (value === fallback ? null : value),
    read: (text, notes) => {
      const hit = choices.find((c) => c === text);
      if (hit !== undefined) return ok(hit);
      notes.push({
        kind: 'ignored',
        message: `Ignored ${key}=${quote(text)}: the ${what} is one of ${choices.join(', ')}.`,
      });
      return ok(fallback);
    },
    absent: () => ok(fallback),
  });
}

function readLog10H(text: string, notes: Problem[]): Read<number> {
  if (!DECIMAL.test(text)) {
    notes.push({
      kind: 'ignored',
      message: `Ignored h=${quote(text)}: not a number (h is written as log10 h, e.g. -5).`,
    });
    return ok(DEFAULT_LOG10_H);
  }
  const value = Number(text);
  const clamped = Math.min(FD_LOG10_H_MAX, Math.max(FD_LOG10_H_MIN, value));
  if (clamped !== value) {
    notes.push({
      kind: 'clamped',
      message: `The step h=${quote(text)} is outside ${FD_LOG10_H_MIN} … ${FD_LOG10_H_MAX} (log10 h); showing ${clamped}.`,
    });
  }
  return ok(clamped);
}

function vectorRow(key: 'jdir' | 'jcot', what: string): Row {
  return row({
    key,
    field: key,
    write: (vector) =>
      vector === null ? null : encodeText(vector.map((x) => String(x === 0 ? 0 : x)).join(','), [',']),
    read: (text, notes) => {
      const parts = text.split(',');
      if (parts.length > MAX_VECTOR_LENGTH || !parts.every((p) => DECIMAL.test(p.trim()))) {
        notes.push({
          kind: 'ignored',
          message: `Ignored the ${what} ${quote(text)}: expected up to ${MAX_VECTOR_LENGTH} numbers separated by commas.`,
        });
        return ok(null);
      }
      const vector = parts.map((p) => Number(p.trim()));
      if (!vector.every(Number.isFinite)) {
        notes.push({
          kind: 'ignored',
          message: `Ignored the ${what} ${quote(text)}: a number is too large.`,
        });
        return ok(null);
      }
      return ok(vector.map((x) => (x === 0 ? 0 : x)));
    },
    absent: () => ok(null),
  });
}

/** Every key but `v`, in the order `encode` writes them. */
const ROWS: readonly Row[] = [
  row({
    key: 'f',
    field: 'text',
    write: (text) => encodeText(text, ['/', ',']),
    read: (text) =>
      text.length > MAX_TEXT_LENGTH
        ? {
            ok: false,
            problem: {
              kind: 'too-large',
              message: `The expression in this link is too long (${limit(text.length)} characters; the limit is ${limit(MAX_TEXT_LENGTH)}). Showing the default example.`,
            },
          }
        : ok(text),
    absent: () => ({ ok: false, problem: damaged('it has no expression "f"') }),
  }),
  row({
    key: 'at',
    field: 'values',
    write: (values) => (Object.keys(values).length === 0 ? null : writeValues(values)),
    read: readAt,
    absent: () => ok(makeValues()),
  }),
  nameRow('seed', 'seed', 'tangent seed'),
  nameRow('aseed', 'adjointSeed', 'adjoint seed'),
  row({
    key: 'step',
    field: 'step',
    write: (step) => String(normalStep(step)),
    read: readStep,
    absent: () => ok(0),
  }),
  row({
    key: 'merge',
    field: 'merge',
    write: (merge) => (merge ? null : '0'),
    read: (text, notes) => {
      if (text === '0' || text === '1') return ok(text === '1');
      notes.push({ kind: 'ignored', message: `Ignored merge=${quote(text)}: expected 0 or 1.` });
      return ok(true);
    },
    absent: () => ok(true),
  }),
  choiceRow('view', 'view', VIEWS, 'trace', 'panel'),
  flagRow('dual'),
  choiceRow('mode', 'mode', ['tour', 'forward'], 'tour', 'timeline'),
  nameRow('fdx', 'fdx', 'finite-difference input'),
  row({
    key: 'h',
    field: 'h',
    write: (h) => (h === DEFAULT_LOG10_H ? null : encodeText(String(h))),
    read: readLog10H,
    absent: () => ok(DEFAULT_LOG10_H),
  }),
  vectorRow('jdir', 'direction vector'),
  vectorRow('jcot', 'cotangent vector'),
  flagRow('present'),
  flagRow('embed'),
  flagRow('quiz'),
  row({
    key: 'train',
    field: 'train',
    write: (names) => (names === null ? null : encodeText(names.join(','), [','])),
    read: (text, notes) => {
      const names = text === '' ? [] : text.split(',');
      const bad = names.filter((n) => !isName(n));
      if (bad.length > 0 || names.length > MAX_PARAMS) {
        notes.push({
          kind: 'ignored',
          message: `Ignored the parameters ${quote(text.slice(0, 80))}: expected up to ${MAX_PARAMS} input names separated by commas.`,
        });
        return ok(null);
      }
      return ok(names.filter((n, i) => names.indexOf(n) === i));
    },
    absent: () => ok(null),
  }),
  row({
    key: 'rate',
    field: 'rate',
    write: (rate) => (rate === DEFAULT_RATE ? null : encodeText(rate)),
    read: (text, notes) => {
      if (text.length <= MAX_VALUE_LENGTH) return ok(text);
      notes.push({ kind: 'ignored', message: `Ignored the learning rate: it is too long.` });
      return ok(DEFAULT_RATE);
    },
    absent: () => ok(DEFAULT_RATE),
  }),
  row({
    key: 'data',
    field: 'data',
    write: (data) => (data === '' ? null : encodeText(data, [',', '/'])),
    read: (text, notes) => {
      if (text.length <= MAX_DATA_TEXT) return ok(text);
      notes.push({
        kind: 'ignored',
        message: `Ignored the training data: ${limit(text.length)} characters, over the ${limit(MAX_DATA_TEXT)} a table may have.`,
      });
      return ok('');
    },
    absent: () => ok(''),
  }),
  row({
    key: 'from',
    field: 'from',
    write: (from) => (from === null ? null : writeValues(from)),
    read: (text, notes) => {
      const read = readAt(text, notes);
      return read.ok ? ok(read.value) : read;
    },
    absent: () => ok(null),
  }),
  row({
    key: 'steps',
    field: 'steps',
    write: (steps) => (steps > 0 ? String(Math.min(MAX_TRAIN_STEPS, Math.floor(steps))) : null),
    read: (text, notes) => {
      const steps = readTrainSteps(text);
      if (steps !== null) return ok(steps);
      notes.push(stepsNotice(text));
      return ok(0);
    },
    absent: () => ok(0),
  }),
  flagRow('tlog'),
  row({
    key: 'lang',
    field: 'lang',
    write: (lang) => lang,
    read: (text, notes) => {
      const hit = LANGS.find((l) => l === text);
      if (hit !== undefined) return ok(hit);
      notes.push({
        kind: 'ignored',
        message: `Ignored lang=${quote(text)}: the language is one of ${LANGS.join(', ')}.`,
      });
      return ok(null);
    },
    absent: () => ok(null),
  }),
];

/** Every key a link may carry, `v` first, then in the order `encode` writes them. */
export const LINK_KEYS: readonly string[] = ['v', ...ROWS.map((r) => r.key)];

/** A step as `encode` writes it: a whole number in [0, MAX_STEP]. */
function normalStep(step: number): number {
  if (!Number.isFinite(step) || step <= 0) return 0;
  return Math.min(Math.floor(step), MAX_STEP);
}

// ---------------------------------------------------------------------------------------------
// encode / decode

/**
 * The fragment for `state`, without the leading '#'. Keys in a fixed order: `v f at seed aseed step
 * merge`; `at` is left out when there are no values, `seed`/`aseed` when null, `merge` when true.
 * Never throws. Callers should not share a link longer than `MAX_LINK_LENGTH` (decode refuses it).
 */
export function encode(state: LinkState): string {
  const parts = [`v=${LINK_VERSION}`];
  for (const { key, encode: write } of ROWS) {
    const value = write(state);
    if (value !== null) parts.push(`${key}=${value}`);
  }
  return parts.join('&');
}

/** A link that `decode` reads back, or why the state cannot be written as one. */
export type Shareable = { ok: true; fragment: string } | { ok: false; problem: Problem };

/**
 * The fragment for `state` if `decode` would accept it, or a problem saying which limit it is over.
 * The page never writes a link it would then refuse to read (a reload would lose everything): over a
 * limit, the address bar keeps the last link that fitted and the page says so. The lengths are
 * checked before anything is encoded, so a pasted megabyte costs no work that grows with it
 * (percent-encoding never shortens a text, so the raw lengths are a lower bound).
 */
export function shareable(state: LinkState): Shareable {
  const keeps = 'The address bar keeps the last link that fitted.';
  if (state.text.length > MAX_TEXT_LENGTH) {
    return {
      ok: false,
      problem: {
        kind: 'too-large',
        message: `The link is not updated: the expression is ${limit(state.text.length)} characters long, over the ${limit(MAX_TEXT_LENGTH)} a link may carry. ${keeps}`,
      },
    };
  }
  // The problems are written only when one is returned: this runs on every change of the state
  // (debounced), and formatting their numbers costs more than encoding the link.
  const overLink = (): Shareable => ({
    ok: false,
    problem: {
      kind: 'too-large',
      message: `The link is not updated: it would be longer than the ${limit(MAX_LINK_LENGTH)} characters a link may have. ${keeps}`,
    },
  });
  // Training data is the one part that can be large by design: say so, and what to do instead.
  const overData = (): Shareable => ({
    ok: false,
    problem: {
      kind: 'too-large',
      message: `The link is not updated: with the training data (${limit(state.data.length)} characters) it would be longer than the ${limit(MAX_LINK_LENGTH)} characters a link may have. Save the data as a CSV file from the Train panel to share it. ${keeps}`,
    },
  });
  let raw = state.text.length + state.data.length + state.rate.length;
  for (const [name, value] of Object.entries(state.values)) raw += name.length + value.length;
  for (const [name, value] of Object.entries(state.from ?? {})) raw += name.length + value.length;
  if (raw > MAX_LINK_LENGTH) return state.data.length > 0 ? overData() : overLink();
  const fragment = encode(state);
  if (fragment.length <= MAX_LINK_LENGTH) return { ok: true, fragment };
  return state.data.length > 0 && encode({ ...state, data: '' }).length <= MAX_LINK_LENGTH
    ? overData()
    : overLink();
}

function damaged(why: string): Problem {
  return { kind: 'damaged', message: `This link is damaged: ${why}. Showing the default example.` };
}

function fallBack(problem: Problem): Decoded {
  return { state: defaultState(), problems: [problem], fallback: true };
}

/**
 * The state a fragment describes (with or without the leading '#'), and what was wrong with it.
 * Never throws; on `fallback` the state is a fresh copy of `DEFAULT_STATE`.
 */
export function decode(fragment: string): Decoded {
  const body = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  if (body.length > MAX_LINK_LENGTH) {
    return fallBack({
      kind: 'too-large',
      message: `This link is too large (${limit(body.length)} characters; the limit is ${limit(MAX_LINK_LENGTH)}). Showing the default example.`,
    });
  }
  const pairs = body
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const eq = pair.indexOf('=');
      return eq < 0
        ? { rawKey: pair, rawValue: '' }
        : { rawKey: pair.slice(0, eq), rawValue: pair.slice(eq + 1) };
    });
  if (pairs.length === 0) return { state: defaultState(), problems: [], fallback: false };

  // The version first: a newer format is named as such even if the rest is unreadable to us.
  const version = pairs.find((pair) => decodeText(pair.rawKey) === 'v');
  const versionText = version === undefined ? null : decodeText(version.rawValue);
  if (versionText !== null && /^\d+$/.test(versionText) && Number(versionText) > LINK_VERSION) {
    return fallBack({
      kind: 'newer-version',
      message: `This link is from a newer version of Wengert (link format ${quote(versionText)}; this page reads format ${LINK_VERSION}). Showing the default example.`,
    });
  }
  if (version === undefined) return fallBack(damaged('it has no version "v"'));
  if (versionText === null || !/^\d+$/.test(versionText) || Number(versionText) !== LINK_VERSION) {
    return fallBack(
      damaged(`its version ${quote(versionText ?? version.rawValue)} is not one this page reads`),
    );
  }

  // Decode every key and value; the first occurrence of a key counts.
  const fields = new Map<string, string>();
  const repeated = new Set<string>();
  for (const { rawKey, rawValue } of pairs) {
    const key = decodeText(rawKey);
    const value = decodeText(rawValue);
    if (key === null || value === null) return fallBack(damaged('it has broken percent-encoding'));
    if (fields.has(key)) repeated.add(key);
    else fields.set(key, value);
  }

  const state = defaultState();
  const notes: Problem[] = [];
  // A link written by hand with a bare + (x+1): URLSearchParams reads it as a space, as this page
  // does (BAD_INPUTS.md), which then reads as a missing operator. Say why, and what to write.
  const rawText = pairs.find((pair) => decodeText(pair.rawKey) === 'f')?.rawValue ?? '';
  if (rawText.includes('+')) {
    notes.push({
      kind: 'ignored',
      message:
        'The expression in this link has a + not written as %2B: a link reads a bare + as a space. Write %2B for +; the links this page makes always do.',
    });
  }
  for (const { key, decode: read } of ROWS) {
    const fatal = read(fields.get(key), state, notes);
    if (fatal !== null) return fallBack(fatal);
  }

  // A run is its start and its steps. Steps that cannot be read leave a start with no run: the one
  // notice says the run is ignored and why (reconcile would otherwise add that the steps are missing).
  const stepsText = fields.get('steps');
  if (stepsText !== undefined && readTrainSteps(stepsText) === null && state.from !== null) {
    state.from = null;
    const at = notes.findIndex((n) => n.message === stepsNotice(stepsText).message);
    notes.splice(at < 0 ? notes.length : at, at < 0 ? 0 : 1, {
      kind: 'ignored',
      message: `Ignored the training run in this link: steps=${quote(stepsText.slice(0, 40))} is not a whole number from 0 to ${limit(MAX_TRAIN_STEPS)}.`,
    });
  }

  const known = new Set(['v', ...ROWS.map((r) => r.key)]);
  const unknown = [...fields.keys()].filter((key) => !known.has(key));
  if (unknown.length > 0) {
    notes.push({ kind: 'ignored', message: `Ignored unknown link keys: ${listOf(unknown)}.` });
  }
  if (repeated.size > 0) {
    notes.push({
      kind: 'ignored',
      message: `Ignored repeated link keys: ${listOf([...repeated])} (the first one counts).`,
    });
  }
  return { state, problems: notes, fallback: false };
}

/**
 * Fits a decoded state to the expression it carries, once the caller has parsed it: drops values
 * for names that are not inputs, and seeds that name no input or output, each with a notice
 * (BAD_INPUTS.md: "`at` naming unknown inputs … ignored, with a notice"). Call it only when the
 * expression parsed; with a syntax error the inputs are unknown and the state should stay as it is.
 * The step is left alone: past the last step means the last step (CONTRACTS.md §4).
 */
export function reconcile(
  state: LinkState,
  known: { inputs: readonly string[]; outputs: readonly string[] },
): { state: LinkState; problems: Problem[] } {
  const inputs = new Set(known.inputs);
  const outputs = new Set(known.outputs);
  const problems: Problem[] = [];
  const entries = Object.entries(state.values);
  const strays = entries.filter(([name]) => !inputs.has(name)).map(([name]) => name);
  if (strays.length > 0) {
    problems.push({
      kind: 'ignored',
      message: `Ignored values for ${listOf(strays)}: the expression has no such input.`,
    });
  }
  let { seed, adjointSeed, fdx, jdir, jcot } = state;
  if (fdx !== null && !inputs.has(fdx)) {
    problems.push({
      kind: 'ignored',
      message: `Ignored the finite-difference input ${quote(fdx)}: the expression has no such input.`,
    });
    fdx = null;
  }
  if (jdir !== null && jdir.length !== known.inputs.length) {
    problems.push({
      kind: 'ignored',
      message: `Ignored the direction vector: it has ${jdir.length} entries, the expression ${known.inputs.length} inputs.`,
    });
    jdir = null;
  }
  if (jcot !== null && jcot.length !== known.outputs.length) {
    problems.push({
      kind: 'ignored',
      message: `Ignored the cotangent vector: it has ${jcot.length} entries, the expression ${known.outputs.length} outputs.`,
    });
    jcot = null;
  }
  if (seed !== null && !inputs.has(seed)) {
    problems.push({
      kind: 'ignored',
      message: `Ignored the tangent seed ${quote(seed)}: the expression has no such input.`,
    });
    seed = null;
  }
  if (adjointSeed !== null && !outputs.has(adjointSeed)) {
    problems.push({
      kind: 'ignored',
      message: `Ignored the adjoint seed ${quote(adjointSeed)}: the expression has no such output.`,
    });
    adjointSeed = null;
  }
  let { train, from, steps } = state;
  if (train !== null && train.some((name) => !inputs.has(name))) {
    const unknown = train.filter((name) => !inputs.has(name));
    problems.push({
      kind: 'ignored',
      message: `Ignored the parameters ${listOf(unknown)}: the expression has no such input.`,
    });
    train = train.filter((name) => inputs.has(name));
  }
  // A run is its start and its steps: without a start for every parameter there is no run to show.
  if (from !== null || steps > 0) {
    const params = train ?? [];
    const complete =
      from !== null && steps > 0 && params.length > 0 && params.every((p) => Object.hasOwn(from!, p));
    // A start the run cannot begin from (`w:abc`) is no run either; the first such value is named.
    const unreadable = complete ? params.find((p) => !parseValue(p, from![p]!).ok) : undefined;
    if (!complete || unreadable !== undefined) {
      problems.push({
        kind: 'ignored',
        message:
          unreadable === undefined
            ? 'Ignored the training run in this link: its start or its steps are missing.'
            : `Ignored the training run in this link: its start for ${quote(unreadable)} is ${quote(from![unreadable]!)}, not a number.`,
      });
      from = null;
      steps = 0;
    } else from = makeValues(Object.entries(from!).filter(([name]) => params.includes(name)));
  }
  const values = makeValues(entries.filter(([name]) => inputs.has(name)));
  return { state: { ...state, values, seed, adjointSeed, fdx, jdir, jcot, train, from, steps }, problems };
}
