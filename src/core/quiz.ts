/**
 * Quiz mode: before a value is revealed the student types it. The scorer accepts an answer that
 * rounds to the value as the tables print it (three decimals, `formatNumber`), and names the rule that
 * gives the value when the answer is wrong. `answeredTrace` is the part of a trace the quiz may show.
 */
import { DISPLAY_DECIMALS, formatNumber } from './format';
import { rule } from './rules';
import type { Tape } from './tape';
import type { TraceStep } from './trace';

import type { Verdict } from './quizScore';

export { answeredTrace, EMPTY_SCORE, scoreAfter, type QuizScore, type Verdict } from './quizScore';

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

/**
 * The value as the table prints it, and half a unit in its last printed place: `0.693` and 0.0005 for
 * ln 2; `1.235e-7` and 5e-11 for 1.2345e-7 (`formatNumber` switches to a mantissa of three decimals
 * below 5e-4 and from 1e6 on).
 */
export function printedValue(value: number): { shown: number; halfUnit: number } {
  const printed = formatNumber(value);
  const e = printed.indexOf('e');
  const exponent = e < 0 ? 0 : Number(printed.slice(e + 1));
  return { shown: Number(printed), halfUnit: 0.5 * 10 ** (exponent - DISPLAY_DECIMALS) };
}

/**
 * Whether `text` answers `value`. Right when the answer
 *   - rounds to the value as the table prints it: |x − shown| ≤ ½ unit in the last printed place
 *     (0.6926 and 0.6934 both round to the 0.693 shown for ln 2);
 *   - or agrees with the value to three decimals, |x − value| ≤ 0.0005 (so 0 answers float noise
 *     such as 2.776e-17, which a hand computation gives as 0);
 *   - or is within 0.1 % of it (four significant digits of a large value: 22026 for e¹⁰).
 * Non-finite values must be answered as such (NaN, ∞, −∞).
 */
export function checkAnswer(text: string, value: number): QuizCheck {
  const x = readAnswer(text);
  if (x === null)
    return { verdict: 'invalid', message: 'Type a number such as 0.693, -2 or 1e-3 (or NaN, ∞, −∞).' };
  if (!Number.isFinite(value) || !Number.isFinite(x))
    return { verdict: Object.is(x, value) || (Number.isNaN(x) && Number.isNaN(value)) ? 'right' : 'wrong' };
  const slack = 1 + 1e-9;
  const { shown, halfUnit } = printedValue(value);
  const ok =
    Math.abs(x - shown) <= halfUnit * slack ||
    Math.abs(x - value) <= 0.5 * 10 ** -DISPLAY_DECIMALS * slack ||
    Math.abs(x - value) <= 1e-3 * Math.abs(value);
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
