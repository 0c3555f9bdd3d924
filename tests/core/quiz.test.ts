import { describe, expect, it } from 'vitest';
import paper from '../fixtures/baydin2018-tables.json';
import {
  answeredTrace,
  buildTrace,
  checkAnswer,
  compile,
  EMPTY_SCORE,
  exportTrace,
  formatNumber,
  printedValue,
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

  it('accepts any answer that rounds to the value as the table shows it', () => {
    // 0.6926 is shown as 0.693; 0.6934 rounds to that too, though it is 0.0008 (0.12 %) away.
    expect(formatNumber(0.6926)).toBe('0.693');
    expect(checkAnswer('0.6934', 0.6926).verdict).toBe('right');
    expect(checkAnswer('0.693', 0.6926).verdict).toBe('right');
    expect(checkAnswer('0.6937', 0.6926).verdict).toBe('wrong'); // rounds to 0.694
    // Values the table prints with a mantissa: half a unit of its third decimal.
    expect(printedValue(1.2345678e7)).toEqual({ shown: 1.235e7, halfUnit: 5e3 });
    expect(checkAnswer('1.2349e7', 1.2345678e7).verdict).toBe('right');
    expect(checkAnswer('1.236e7', 1.2345678e7).verdict).toBe('wrong');
    expect(printedValue(Math.log(2))).toEqual({ shown: 0.693, halfUnit: 0.0005 });
  });

  it('keeps only answered steps in what the quiz may show: exports hold no value not yet asked', () => {
    const three = answeredTrace(trace, 3);
    expect(three.steps.map((s) => s.targetId)).toEqual(['v-1', 'v0', 'v1']);
    expect(three.phases).toEqual({
      primal: { start: 0, end: 3 },
      tangent: { start: 3, end: 3 },
      adjoint: { start: 3, end: 3 },
    });
    expect(Array.from(three.v.subarray(0, 3))).toEqual([2, 5, Math.log(2)]);
    expect(Array.from(three.v.subarray(3)).every(Number.isNaN)).toBe(true);
    expect(Array.from(three.vDot).every(Number.isNaN)).toBe(true);
    expect(three.adjointSteps).toEqual([]);
    // The paper's later values (v2 = 10, v5 = 11.652, the gradient 5.5 and 1.716) are in no export.
    for (const format of ['csv', 'markdown', 'latex'] as const) {
      const text = exportTrace(format, tape, three, 'ln(x1) + x1*x2 - sin(x2)');
      expect(text).toContain(format === 'csv' ? '0.6931471805599453' : '0.693');
      for (const later of ['10.693', '11.65', '5.5', '1.716', '-0.958', '−0.959'])
        expect(text, `${format}: ${later}`).not.toContain(later);
    }
    expect(exportTrace('csv', tape, three).trim().split('\n')).toHaveLength(4);
    // Everything answered: the trace itself; nothing answered: no step at all.
    expect(answeredTrace(trace, trace.steps.length)).toBe(trace);
    expect(answeredTrace(trace, 0).steps).toEqual([]);
  });
});
