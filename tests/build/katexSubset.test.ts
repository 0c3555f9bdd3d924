/**
 * The KaTeX the page ships (build/katexSubset.ts: KaTeX compiled from its sources with only the
 * commands, font metrics and macros our TeX uses) typesets every kind of formula the page shows
 * exactly as the full KaTeX bundle does: the same HTML and MathML, byte for byte. The reference is
 * KaTeX's own published bundle (katex/dist/katex.mjs), imported by path so the plugin leaves it whole.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { KatexOptions } from 'katex';
import subset from 'katex';
import { describe, expect, it, vi } from 'vitest';
import {
  FONTS,
  FONT_FACES,
  FUNCTIONS,
  UNUSED_CLASSES,
  controlSequences,
  macroClosure,
  macroStatements,
  subsetFontMetrics,
  subsetKatexCss,
  subsetSymbols,
  withoutCliSettings,
  withoutStretchyPaths,
  preEvaluated,
} from '../../build/katexSubset';
import {
  buildTrace,
  compile,
  dualRuleTex,
  exprTex,
  RULES,
  symbolicDerivative,
  texIdentifier,
  type Trace,
} from '../../src/core/index';
import { katexRenderOptions } from '../../src/ui/katexOptions';
import full from 'katex/dist/katex.mjs';

type Render = (tex: string, options: KatexOptions) => string;
const render = (katex: { renderToString: Render }, tex: string, display = false): string | null => {
  try {
    return katex.renderToString(tex, katexRenderOptions(display));
  } catch {
    return null;
  }
};

/** Every formula a trace shows: each row's TeX, its formula before it is reached, and its quiz hint. */
const traceTex = (trace: Trace): string[] =>
  trace.steps.flatMap((s) => [s.tex, s.formula, ...(s.hint ? [s.hint] : []), ...(s.short ? [s.short] : [])]);

const NAMES = ['x1', 'x2', 'theta', 'alpha1', 'w0b', 'rate', 'x', 'y'];

/** One term per rule, over names that typeset differently (indexed, Greek, \mathit, one letter). */
function everyRule(): string {
  const infix: Record<string, string> = { add: '+', sub: '-', mul: '*', div: '/', pow: '^' };
  const terms: string[] = [];
  [...RULES.values()].forEach((r, i) => {
    const a = NAMES[i % NAMES.length]!;
    const b = NAMES[(i + 3) % NAMES.length]!;
    if (r.name === 'neg') terms.push(`-${a}`);
    else if (infix[r.name]) terms.push(`(${a} ${infix[r.name]} ${b})`, `(2.5 ${infix[r.name]} ${a})`);
    else if (r.arity === 1) terms.push(`${r.name}(${a})`);
    else terms.push(`${r.name}(${a}, ${b})`, `${r.name}(${a}, 2)`);
  });
  return `f = ${terms.join(' + ')} + pi*e; g = x1*x2`;
}

/** The formulas of the page: traces (tour, dual, forward mode), symbolic derivatives, legends. */
function formulas(): string[] {
  const out = new Set<string>();
  const add = (t: string | null) => t !== null && out.add(t);
  for (const text of ['ln(x1) + x1*x2 - sin(x2)', everyRule()]) {
    const c = compile(text);
    if (!c.ok) throw new Error(c.error.message);
    const tape = c.tape;
    // Ordinary values, then zeros, negatives, overflow, a subnormal: NaN, ∞ and exponents in the rows.
    for (const x of [
      tape.inputs.map((_, i) => 0.5 + i / 7),
      tape.inputs.map((_, i) => [0, -1, 710, 1e-320, 1e300][i % 5]!),
    ]) {
      for (const options of [{}, { dual: true }, { mode: 'forward' as const }, { seed: 1, adjointSeed: 1 }])
        traceTex(buildTrace(tape, x, options)).forEach(add);
    }
    for (let j = 0; j < Math.min(tape.n, 3); j++) {
      const sym = symbolicDerivative(tape, j, 0);
      add(exprTex(sym.f));
      add(exprTex(sym.df));
      add(
        `\\frac{\\partial ${texIdentifier(tape.outputs[0]!.name)}}{\\partial ${texIdentifier(tape.inputs[j]!.name)}} =`,
      );
    }
  }
  // Programs: the decision rows of branches and loops (if, else if, else, skip; loop tests; NaN).
  for (const [text, xs] of [
    ['r = a\nwhile abs(r*r - a) > 1e-12 * a { r = (r + a/r)/2 }\nreturn r', [[2], [0.5]]],
    ['y = x\nfor i in 1..3 { y = y*y }\nreturn y', [[1.1]]],
    [
      'if x < 0 and not (x == -1 or x >= -3) { y = -x } else if x != 2 { y = x*x } else { y = sin(x) }\nreturn y',
      [[-0.5], [-4], [1], [2], [NaN]],
    ],
    ['y = x\nif x <= 1 { y = 2*x }\nreturn y', [[0.5], [3]]],
  ] as const) {
    for (const x of xs) {
      const c = compile(text, { x });
      if (!c.ok) throw new Error(c.error.message);
      for (const options of [{}, { dual: true }, { mode: 'forward' as const }])
        traceTex(buildTrace(c.tape, x, options)).forEach(add);
    }
  }
  for (const r of RULES.keys()) add(dualRuleTex(r));
  // The dual-number legend (src/ui/teach/DualLegend.tsx).
  const legend = /const GENERAL =\s*"([^"]*)"/.exec(readFileSync('src/ui/teach/DualLegend.tsx', 'utf8'));
  if (!legend) throw new Error('DualLegend.tsx has no GENERAL formula');
  add(legend[1]!.replace(/\\\\/g, '\\'));
  return [...out];
}

describe('the KaTeX subset', () => {
  it("writes KaTeX's build-time (preval) data modules as the literals they compute", () => {
    const require = createRequire(import.meta.url);
    const src = path.join(path.dirname(require.resolve('katex/package.json')), 'src');
    for (const name of ['unicodeSymbols.js', 'unicodeAccents.js']) {
      const file = path.join(src, name);
      const code = preEvaluated(file);
      expect(code.startsWith('export default {')).toBe(true);
      expect(JSON.parse(code.slice('export default '.length).replace(/;\s*$/, ''))).toEqual(require(file));
    }
    // Accented letters, one and two accents: typeset by the subset as by the full KaTeX.
    const loose = (katex: { renderToString: Render }, tex: string) =>
      katex.renderToString(tex, { ...katexRenderOptions(), strict: 'ignore' });
    for (const tex of ['\u00e9', '\u01d8', 'x_{\u00e0}'].map((t) => JSON.parse(`"${t}"`) as string)) {
      expect(loose(subset, tex), tex).toBe(loose(full, tex));
    }
  });

  it('is KaTeX compiled from its sources, with fewer commands than the full bundle', () => {
    expect(subset.version).toBe(full.version);
    expect(render(full, '\\begin{pmatrix}1\\end{pmatrix}')).not.toBeNull();
    expect(render(subset, '\\begin{pmatrix}1\\end{pmatrix}')).toBeNull();
    expect(render(subset, '\\frac{1}{\\sqrt{x_{1}}}')).not.toBeNull();
    // Stretchy accents and braces are left out: refused, as an unknown command is.
    expect(render(full, '\\widehat{x} + \\overbrace{x}^{2}')).not.toBeNull();
    expect(render(subset, '\\widehat{x}')).toBeNull();
    expect(render(subset, '\\overbrace{x}^{2}')).toBeNull();
    expect(render(subset, '\\equiv')).toBeNull();
  });

  it('typesets every formula of the page exactly as the full KaTeX does', () => {
    // KaTeX warns when a character has no metrics (the subset keeps those of the characters drawn).
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const all = formulas();
    expect(all.length).toBeGreaterThan(500);
    for (const tex of all) {
      const expected = render(full, tex);
      expect(expected, tex).not.toBeNull();
      expect(render(subset, tex), tex).toBe(expected);
    }
    // And in display mode, which the page does not use today: the same again for a sample.
    for (const tex of all.slice(0, 50)) expect(render(subset, tex, true), tex).toBe(render(full, tex, true));
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });

  it('styles every class those formulas use: the stylesheet only loses rules for classes none of them has', () => {
    const classes = new Set<string>();
    for (const tex of formulas())
      for (const m of (render(subset, tex) ?? '').matchAll(/class="([^"]*)"/g))
        m[1]!.split(/\s+/).forEach((c) => classes.add(c));
    expect(classes.has('mord')).toBe(true);
    expect(UNUSED_CLASSES.filter((c) => classes.has(c))).toEqual([]);
    const css = readFileSync('node_modules/katex/dist/katex.min.css', 'utf8');
    const sheet = subsetKatexCss(css);
    expect(sheet.length).toBeLessThan(css.length);
    // Rule by rule and selector by selector, the sheet is the full one less the unused classes.
    const pairs = (text: string) =>
      [...text.replace(/@font-face\{[^}]*\}/g, '').matchAll(/([^{}]+)(\{[^}]*\})/g)].flatMap((m) =>
        m[1]!.split(',').map((selector) => [selector, m[2]!] as const),
      );
    const unused = (selector: string) =>
      UNUSED_CLASSES.some((u) => new RegExp(`\\.${u}(?![\\w-])`).test(selector));
    expect(pairs(sheet)).toEqual(pairs(css).filter(([selector]) => !unused(selector)));
    // The font faces left are those of the kept metrics, and every other face is gone.
    const faces = [...sheet.matchAll(/@font-face\{[^}]*font-family:"?(\w+)"?;font-style:(\w+)/g)].map(
      (m) => `${m[1]} ${m[2]}`,
    );
    expect(faces.sort()).toEqual([...FONT_FACES].sort());
  });

  it('keeps the commands, fonts and macros it says, and cuts the rest', () => {
    expect(FUNCTIONS).toContain('sqrt');
    expect(FONTS).toContain('Math-Italic');
    const metrics = readFileSync('node_modules/katex/src/fontMetricsData.js', 'utf8');
    const kept = subsetFontMetrics(metrics, FONTS);
    expect(kept).toContain('"Main-Regular": {');
    expect(kept).not.toContain('"Fraktur-Regular": {');
    expect(kept.length).toBeLessThan(metrics.length);
    // By character: ASCII and the code points asked for (here −), every delimiter size whole.
    const drawn = subsetFontMetrics(metrics, FONTS, new Set([0x2212]));
    const main = drawn.slice(drawn.indexOf('"Main-Regular": {'), drawn.indexOf('"Math-Italic": {'));
    expect(main).toContain('"8722": [');
    expect(main).toContain('"65": [');
    expect(main).not.toContain('"8764": [');
    expect(drawn.slice(drawn.indexOf('"Size4-Regular": {'))).toContain('"9127": [');
    const svg = withoutStretchyPaths(readFileSync('node_modules/katex/src/svgGeometry.ts', 'utf8'));
    expect(svg).toContain('export const sqrtPath');
    expect(svg).not.toContain('doubleleftarrow:');
    const settings = withoutCliSettings(readFileSync('node_modules/katex/src/Settings.ts', 'utf8'));
    expect(settings).not.toMatch(/description:|cli\w*:/);
    expect(settings).toContain('processor: (n) => Math.max(0, n),');
    expect(settings).toContain('default: 1000,');
    const macros = macroStatements(readFileSync('node_modules/katex/src/macros.ts', 'utf8'));
    expect(macros.size).toBeGreaterThan(300);
    // \, expands through \tmspace and \TextOrMath; \operatorname's \@ifstar through \@ifnextchar.
    expect([...macroClosure(macros, ['\\,', '\\@ifstar'])].sort()).toEqual(
      ['\\,', '\\@firstoftwo', '\\@ifnextchar', '\\@ifstar', '\\TextOrMath', '\\tmspace'].sort(),
    );
    expect(controlSequences('"\\\\frac{1}{2} \\\\, x"')).toEqual(new Set(['\\frac', '\\,']));
    // Symbols: control words as asked, characters if ASCII or written in our sources.
    const symbols = subsetSymbols(
      readFileSync('node_modules/katex/src/symbols.ts', 'utf8'),
      new Set(['\\times']),
      'a · b',
    );
    expect(symbols).toContain('"\\\\times"');
    expect(symbols).not.toContain('"\\\\equiv"');
    expect(symbols).toContain('defineSymbol(math, main, punct, "\\u22c5", "\\u00b7");');
    expect(symbols).not.toContain('"\\u00b1"');
    expect(symbols).toContain('defineSymbol(math, main, spacing, "\\u00a0", "\\\\ ");');
    expect(symbols).toContain('const letters =');
  });
});
