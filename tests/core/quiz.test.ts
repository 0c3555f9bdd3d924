import { describe, expect, it } from 'vitest';
import paper from '../fixtures/baydin2018-tables.json';
import {
  buildTrace,
  checkAnswer,
  compile,
  EMPTY_SCORE,
  readAnswer,
  ruleFor,
  scoreAfter,
} from '../../src/core/index';

const compiled = compile('ln(x1) + x1*x2 - sin(x2)');
if (!compiled.ok) throw new Error(compiled.error.message);
const tape = compiled.tape;
const trace = buildTrace(tape, [2, 5]);

describe('quiz scorer', () => {
  it('accepts every value of Tables 2 and 3 as the paper prints it', () => {
    const printed = [...paper.table2_forward_primal, ...paper.table2_forward_tangent_seed_x1].map(
      (r) => r.printed,
    );
    printed.forEach((p, i) => expect(checkAnswer(String(p), trace.steps[i]!.value).verdict).toBe('right'));
    // Table 3 prints three decimals as well: 1.716, −0.284.
    const adjoint = trace.steps.slice(trace.phases.adjoint.start);
    expect(checkAnswer('1.716', adjoint[7]!.value).verdict).toBe('right');
    expect(checkAnswer('-0.284', adjoint[5]!.value).verdict).toBe('right');
  });

  it('rejects answers off by more than the printed precision', () => {
    expect(checkAnswer('0.69', Math.log(2)).verdict).toBe('wrong');
    expect(checkAnswer('0.694', Math.log(2)).verdict).toBe('wrong');
    expect(checkAnswer('0.6931', Math.log(2)).verdict).toBe('right');
    expect(checkAnswer('-1.716', 1.7163378145367738).verdict).toBe('wrong');
    // Large values: 0.1 % relative.
    expect(checkAnswer('22026', Math.exp(10)).verdict).toBe('right');
    expect(checkAnswer('22100', Math.exp(10)).verdict).toBe('wrong');
  });

  it('reads minus signs, decimal commas and non-finite answers', () => {
    expect(readAnswer('−0.959')).toBe(-0.959);
    expect(readAnswer('0,5')).toBe(0.5);
    expect(readAnswer('2abc')).toBeNull();
    expect(readAnswer('')).toBeNull();
    expect(checkAnswer('∞', Infinity).verdict).toBe('right');
    expect(checkAnswer('-inf', -Infinity).verdict).toBe('right');
    expect(checkAnswer('NaN', NaN).verdict).toBe('right');
    expect(checkAnswer('1e308', Infinity).verdict).toBe('wrong');
    expect(checkAnswer('hello', 1)).toMatchObject({ verdict: 'invalid' });
  });

  it('names the rule that gives each value', () => {
    const tangentV2 = trace.steps.find((s) => s.phase === 'tangent' && s.targetId === 'v2')!;
    expect(ruleFor(tape, tangentV2)).toBe('the product rule');
    const tangentV3 = trace.steps.find((s) => s.phase === 'tangent' && s.targetId === 'v3')!;
    expect(ruleFor(tape, tangentV3)).toContain('chain rule');
    const acc = trace.steps.find((s) => s.phase === 'adjoint' && s.accumulate)!;
    expect(ruleFor(tape, acc)).toContain('add to what it already holds');
  });

  it('gives a hint with the numbers substituted but not the result', () => {
    const tangentV2 = trace.steps.find((s) => s.phase === 'tangent' && s.targetId === 'v2')!;
    expect(tangentV2.hint).toBe('1 \\times 5 + 0 \\times 2');
    expect(tangentV2.hint).not.toContain('= 5');
  });

  it('keeps a running score', () => {
    const s = (['right', 'wrong', 'right', 'invalid', 'shown'] as const).reduce(scoreAfter, EMPTY_SCORE);
    expect(s).toEqual({ right: 2, wrong: 1, shown: 1 });
  });
});
