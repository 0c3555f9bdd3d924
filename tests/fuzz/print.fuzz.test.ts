import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, printProgram } from '../../src/core/index';
import { parsedTextsPrintBack, printedTreesParseBack } from './properties';
import { RUNS, SEED } from './settings';

/** The printer on texts whose printed form is known independently (written by hand). */
const printed = (text: string): string => {
  const r = parse(text);
  if (!r.ok) throw new Error(r.error.message);
  return printProgram(r.program);
};

describe('the printer', () => {
  it('uses the fewest parentheses the grammar needs', () => {
    expect(printed('((a + b)) + (c)')).toBe('a + b + c');
    expect(printed('a + (b + c)')).toBe('a + (b + c)');
    expect(printed('a - (b - c)')).toBe('a - (b - c)');
    expect(printed('(a - b) - c')).toBe('a - b - c');
    expect(printed('(a*b)/c')).toBe('a*b/c');
    expect(printed('a/(b*c)')).toBe('a/(b*c)');
    expect(printed('-(x^2)')).toBe('-x^2');
    expect(printed('(-x)^2')).toBe('(-x)^2');
    expect(printed('2^(3^2)')).toBe('2^3^2');
    expect(printed('(2^3)^2')).toBe('(2^3)^2');
    expect(printed('2^(-x)')).toBe('2^-x');
    expect(printed('x - (-y)')).toBe('x - -y');
    expect(printed('(-x)*y')).toBe('-x*y');
    expect(printed('-(x*y)')).toBe('-(x*y)');
    expect(printed('(a + b)*c')).toBe('(a + b)*c');
    expect(printed('+x')).toBe('x');
  });

  it('writes functions by name, pow(a, b) as a^b, constants by name, numbers exactly', () => {
    expect(printed('pow(x, 2) + max(x, y) + sin(x + 1)')).toBe('x^2 + max(x, y) + sin(x + 1)');
    expect(printed('pi*x + e^x + 3.141592653589793')).toBe('pi*x + e^x + 3.141592653589793');
    expect(printed('1e21*x + .5*x + 2.50*x + 1e-7*x')).toBe('1e+21*x + 0.5*x + 2.5*x + 1e-7*x');
    expect(printed('x ** 2')).toBe('x^2');
  });

  it('writes statements with their names, separated by ;', () => {
    expect(printed('a = x^2\nb = a + 1; a*b')).toBe('a = x^2; b = a + 1; a*b');
  });
});

describe('fuzz: print ∘ parse = id', () => {
  it(`a random tree prints to a text that parses back to it (${RUNS} runs)`, () => {
    fc.assert(printedTreesParseBack, { numRuns: RUNS, seed: SEED });
  });

  it(`any text that parses prints back to the same tree (${RUNS} runs)`, () => {
    fc.assert(parsedTextsPrintBack, { numRuns: RUNS, seed: SEED + 1 });
  });
});
