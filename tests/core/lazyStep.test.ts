/**
 * Trace steps write their TeX and caption when first read (trace.ts, `LazyStep`). They must read as
 * plain steps everywhere: JSON (the command line), copies (dual.ts), and in any order of reading.
 */
import { describe, expect, it } from 'vitest';
import { buildTrace, compile } from '../../src/core/index';
import { plainStep } from '../../src/core/plainStep';

const PAPER = 'ln(x1) + x1*x2 - sin(x2)';

function trace(text: string, x: number[], options = {}) {
  const c = compile(text);
  if (!c.ok) throw new Error(c.error.message);
  return buildTrace(c.tape, x, options);
}

describe('lazy trace steps', () => {
  it('serialise with their words, as plain steps do', () => {
    const t = trace(PAPER, [2, 5]);
    const json = JSON.parse(JSON.stringify(t.steps)) as Record<string, unknown>[];
    expect(json).toHaveLength(t.steps.length);
    t.steps.forEach((s, i) => {
      expect(json[i]!.tex).toBe(s.tex);
      expect(json[i]!.caption).toBe(s.caption);
      expect(json[i]!.formula).toBe(s.formula);
      expect(json[i]).toEqual(JSON.parse(JSON.stringify(plainStep(s))));
    });
    // Table 2 of Baydin et al.: v1 = ln v−1 = ln 2 (the words are there, not a placeholder).
    expect(t.steps[2]!.tex).toContain('\\ln');
  });

  it('say the same whichever field is read first', () => {
    const a = trace(PAPER, [2, 5]);
    const b = trace(PAPER, [2, 5]);
    a.steps.forEach((s, i) => {
      const other = b.steps[i]!;
      const first = [s.caption, s.short, s.hint, s.formula, s.tex];
      const second = [other.tex, other.formula, other.hint, other.short, other.caption].reverse();
      expect(first).toEqual(second);
    });
  });

  it('copied into dual-number and forward-mode traces keep every field', () => {
    for (const options of [{ dual: true }, { mode: 'forward' as const }]) {
      const t = trace(PAPER, [2, 5], options);
      for (const s of t.steps) {
        expect(typeof s.tex).toBe('string');
        expect(s.tex.length).toBeGreaterThan(0);
        expect(s.caption.length).toBeGreaterThan(0);
        expect(Number.isFinite(s.value)).toBe(true);
      }
    }
  });
});
