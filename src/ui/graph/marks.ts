/**
 * What a graph node is marked with, at a timeline position (DESIGN.md, "Numbers and conventions"):
 * the note of its operation (a convention at a non-differentiable point, a domain error, an overflow,
 * a pole, a division by zero) once its value is shown, and "first non-finite" where a NaN or an
 * infinity first appeared in a sweep, once the timeline has reached that step. Pure reads of the
 * Trace; the table says the same in words (TraceTable's `rowMarks`).
 */
import { formatNumber } from '../../core/format';
import { firstNonFiniteSteps } from '../../core/nonFinite';
import type { Note } from '../../core/rules';
import type { Phase, Trace } from '../../core/trace';
import { translate, translateMessage, type Lang, type MessageKey } from '../../i18n/translate';

export interface NodeMark {
  /** The node's note, shown once its primal step is done. */
  readonly note: Note | null;
  /** Phases in which this node holds the first non-finite value, with that value, shown once reached. */
  readonly first: readonly { readonly phase: Phase; readonly value: number }[];
}

const PHASES: readonly Phase[] = ['primal', 'tangent', 'adjoint'];

/** Marks of every node that has one at timeline position `step` (steps [0, step) are done). */
export function nodeMarksAt(trace: Trace, step: number): Map<number, NodeMark> {
  const marks = new Map<number, { note: Note | null; first: { phase: Phase; value: number }[] }>();
  const get = (index: number) => {
    let m = marks.get(index);
    if (!m) marks.set(index, (m = { note: null, first: [] }));
    return m;
  };
  for (const n of trace.notes) {
    const primalStep = trace.nodeSteps.primal[n.index]!;
    if (primalStep < step && get(n.index).note === null) get(n.index).note = n;
  }
  const firstSteps = firstNonFiniteSteps(trace.steps);
  for (const phase of PHASES) {
    const at = firstSteps[phase];
    if (at === null || at >= step) continue;
    const s = trace.steps[at]!;
    const value = phase === 'primal' && s.phase !== 'primal' ? trace.v[s.target]! : s.value;
    get(s.target).first.push({ phase, value });
  }
  return marks;
}

const NOTE_LABEL: Readonly<Record<Note['kind'], MessageKey>> = {
  convention: 'mark.convention',
  domain: 'mark.domain',
  overflow: 'mark.overflow',
  pole: 'mark.pole',
  'zero-division': 'mark.zeroDivision',
};

const FIRST_TEXT: Readonly<Record<Phase, MessageKey>> = {
  primal: 'table.firstPrimal',
  tangent: 'table.firstTangent',
  adjoint: 'table.firstAdjoint',
};

const VALUE_NAME: Readonly<Record<Phase, string>> = { primal: 'v', tangent: 'v\u0307', adjoint: 'v\u0304' };

/** The short label of a mark's tag: `first v = ∞`, `first v̄ = NaN`, or the kind of its note. */
export function markLabel(mark: NodeMark, lang: Lang = 'en'): string {
  const first = mark.first[0];
  if (first)
    return translate(lang, 'mark.first', { name: VALUE_NAME[first.phase], value: formatNumber(first.value) });
  return mark.note ? translate(lang, NOTE_LABEL[mark.note.kind]) : '';
}

/** The mark in words, for the node's tooltip. */
export function markText(mark: NodeMark, lang: Lang = 'en'): string {
  const parts = mark.first.map((f) => translate(lang, FIRST_TEXT[f.phase]));
  if (mark.note) parts.push(translateMessage(lang, mark.note.message));
  return parts.join(lang === 'zh' ? '；' : '; ');
}
