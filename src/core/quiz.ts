/**
 * Quiz mode: before a value is revealed the student types it. The scorer accepts an answer that
 * agrees with the value as the tables print it (three decimals), or to 0.1 % for large values, and
 * names the rule that gives the value when the answer is wrong.
 */
import { DISPLAY_DECIMALS } from './format';
import { rule } from './rules';
import type { Tape } from './tape';
import type { TraceStep } from './trace';

export type Verdict = 'right' | 'wrong' | 'invalid';

export interface QuizCheck {
  readonly verdict: Verdict;
  /** Why an answer could not be read. */
  readonly message?: string;
}

const NON_FINITE: ReadonlyMap<string, number> = new Map([
  ['nan', NaN],
  ['inf', Infinity],
  ['infinity', Infinity],
  ['∞', Infinity],
  ['+inf', Infinity],
  ['+∞', Infinity],
  ['-inf', -Infinity],
  ['-infinity', -Infinity],
  ['-∞', -Infinity],
  ['−∞', -Infinity],
]);

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Reads an answer: a decimal (`−` and `,` as a decimal mark tolerated) or NaN / ∞ / −∞. */
export function readAnswer(text: string): number | null {
  const t = text
    .trim()
    .replace(/\u2212/g, '-')
    .replace(/^([+-]?\d*),(\d+)$/, '$1.$2');
  const special = NON_FINITE.get(t.toLowerCase());
  if (special !== undefined) return special;
  if (!DECIMAL.test(t)) return null;
  const x = Number(t);
  return Number.isFinite(x) ? x : null;
}

/** Whether `answer` is the value as printed to `DISPLAY_DECIMALS` places, or within 0.1 %. */
export function checkAnswer(text: string, value: number): QuizCheck {
  const x = readAnswer(text);
  if (x === null)
    return { verdict: 'invalid', message: 'Type a number such as 0.693, -2 or 1e-3 (or NaN, ∞, −∞).' };
  if (!Number.isFinite(value) || !Number.isFinite(x))
    return { verdict: Object.is(x, value) || (Number.isNaN(x) && Number.isNaN(value)) ? 'right' : 'wrong' };
  const printed = 0.5 * 10 ** -DISPLAY_DECIMALS;
  const ok = Math.abs(x - value) <= printed * (1 + 1e-9) || Math.abs(x - value) <= 1e-3 * Math.abs(value);
  return { verdict: ok ? 'right' : 'wrong' };
}

/** The rule that gives a step's value, in words, for feedback on a wrong answer. */
export function ruleFor(tape: Tape, step: TraceStep): string {
  if (step.decision)
    return 'the condition, evaluated on the values so far (a decision: 1 if it holds, else 0)';
  const node = tape.nodes[step.target]!;
  if (step.phase === 'adjoint') {
    if (step.from === null) return 'the seed of the reverse sweep: the output’s adjoint starts at its seed';
    const from = tape.nodes[step.from]!;
    const acc = step.accumulate ? 'add to what it already holds ' : '';
    return `the reverse sweep: ${acc}the adjoint of ${from.id} times the partial ∂${from.id}/∂${node.id}`;
  }
  if (node.op === 'input') {
    return step.phase === 'primal'
      ? `the input's value`
      : 'the seed: 1 for the input we differentiate by, 0 for the others';
  }
  const r = rule(node.op);
  if (step.phase === 'primal') return `evaluating ${r.words} its arguments`;
  return r.derivativeRule ?? `the chain rule: ${r.name}′ of the argument times the argument’s tangent`;
}

export interface QuizScore {
  readonly right: number;
  readonly wrong: number;
  /** Answers shown without being found. */
  readonly shown: number;
}

export const EMPTY_SCORE: QuizScore = { right: 0, wrong: 0, shown: 0 };

/** The score after one more event: a checked answer, or an answer shown on request. */
export function scoreAfter(score: QuizScore, event: Verdict | 'shown'): QuizScore {
  if (event === 'right') return { ...score, right: score.right + 1 };
  if (event === 'wrong') return { ...score, wrong: score.wrong + 1 };
  if (event === 'shown') return { ...score, shown: score.shown + 1 };
  return score;
}
