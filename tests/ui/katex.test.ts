/**
 * KaTeX, the only path from the core's TeX to HTML (issue 4, part 3): a version with the known
 * fixes, production options that refuse anything active, and every TeX form the core produces
 * rendering under those options at the largest expression the limits allow.
 */
import { readFileSync } from 'node:fs';
import katex from 'katex';
import fullKatex from 'katex/dist/katex.mjs';
import { describe, expect, it } from 'vitest';
import {
  buildTrace,
  compile,
  CONSTANTS,
  DEFAULT_LIMITS,
  MAX_NESTING_DEPTH,
  MAX_OPERATIONS,
  MAX_SOURCE_LENGTH,
  parse,
  RULES,
  type Tape,
} from '../../src/core/index';
import { KATEX_OPTIONS as FROM_TEX } from '../../src/ui/Tex';
import { KATEX_OPTIONS, katexRenderOptions } from '../../src/ui/katexOptions';
import { renderTex } from '../../src/ui/Tex';

const versionAtLeast = (version: string, floor: readonly number[]): boolean => {
  const parts = version.split(/[.-]/).map(Number);
  for (let i = 0; i < floor.length; i++) {
    if ((parts[i] ?? 0) !== floor[i]) return (parts[i] ?? 0) > floor[i]!;
  }
  return true;
};

/** Active HTML that must never come out of TeX: such elements, or such attributes inside a tag. */
const ACTIVE = /<(a|script|iframe|img|object|embed|form)\b|<[^>]*\s(href|src|on[a-z]+|data-[a-z-]+)\s*=/i;

describe('the KaTeX build and its options', () => {
  it('is version 0.16.21 or later (the \\htmlData and maxExpand fixes)', () => {
    const installed = JSON.parse(
      readFileSync(new URL('../../node_modules/katex/package.json', import.meta.url), 'utf8'),
    ) as { version: string };
    expect(versionAtLeast(installed.version, [0, 16, 21])).toBe(true);
    expect(katex.version).toBe(installed.version);
    const declared = (
      JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
        dependencies: Record<string, string>;
      }
    ).dependencies.katex!;
    expect(versionAtLeast(declared.replace(/^[\^~]/, ''), [0, 16, 21])).toBe(true);
  });

  it('trusts nothing, makes every warning an error, and bounds sizes and expansion', () => {
    expect(KATEX_OPTIONS.trust).toBe(false);
    expect(KATEX_OPTIONS.strict).toBe('error');
    expect(KATEX_OPTIONS.throwOnError).toBe(true);
    expect(Number.isFinite(KATEX_OPTIONS.maxSize) && KATEX_OPTIONS.maxSize > 0).toBe(true);
    expect(KATEX_OPTIONS.maxSize).toBeLessThanOrEqual(100);
    expect(Number.isFinite(KATEX_OPTIONS.maxExpand) && KATEX_OPTIONS.maxExpand > 0).toBe(true);
    expect(KATEX_OPTIONS.maxExpand).toBeLessThanOrEqual(1000);
    expect('macros' in KATEX_OPTIONS).toBe(false);
    expect(Object.isFrozen(KATEX_OPTIONS)).toBe(true);
    // Tex.tsx renders with these very options.
    expect(FROM_TEX).toBe(KATEX_OPTIONS);
  });

  it('gives every render a fresh macros object, so a definition never leaks into the next formula', () => {
    const a = katexRenderOptions();
    const b = katexRenderOptions();
    expect(a.macros).toEqual({});
    expect(a.macros).not.toBe(b.macros);
    // Rendering directly with one options object, \gdef would persist in its macros (with the full
    // KaTeX; the one the page ships has no \gdef at all, build/katexSubset.ts) …
    const shared = { ...KATEX_OPTIONS, macros: {} as Record<string, string> };
    fullKatex.renderToString('\\gdef\\leaked{7}', shared);
    expect(Object.keys(shared.macros)).toContain('\\leaked');
    expect(() => katex.renderToString('\\gdef\\leaked{7}', katexRenderOptions())).toThrow();
    // … but through the page's renderer it does not reach the next formula.
    renderTex('\\gdef\\leakedTwo{7}');
    expect(renderTex('\\leakedTwo')).toBeNull();
  });

  it('refuses links, HTML extensions and images, and stops runaway macros', () => {
    const hostile = [
      '\\href{javascript:alert(1)}{x}',
      '\\url{javascript:alert(1)}',
      '\\htmlData{foo=bar, onclick=alert(1)}{x}',
      '\\htmlClass{evil}{x}',
      '\\htmlId{evil}{x}',
      '\\htmlStyle{background:url(javascript:alert(1))}{x}',
      '\\includegraphics{https://example.com/x.png}',
      '\\def\\a{\\a\\a}\\a',
      '\\def\\b#1{#1#1#1#1}\\b{\\b{\\b{\\b{\\b{\\b{x}}}}}}',
      '\\rule{100000em}{100000em}',
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '&lt;script&gt;',
      '\\text{<img src=x onerror=alert(1)>}',
      '\\__proto__',
      '\\constructor',
      '\\toString',
    ];
    for (const tex of hostile) {
      const html = renderTex(tex);
      if (html !== null) expect(html, tex).not.toMatch(ACTIVE);
    }
    // The KaTeX the page ships does not know these commands at all (build/katexSubset.ts): refused.
    for (const tex of hostile.filter((t) => /^\\\\(href|url|html|includegraphics|def|rule)/.test(t)))
      expect(renderTex(tex), tex).toBeNull();
    // And the options alone would hold them, with the full KaTeX: untrusted commands come out as
    // inert red text (the source in an annotation), never a link …
    const full = (tex: string) => {
      try {
        return fullKatex.renderToString(tex, katexRenderOptions());
      } catch {
        return null;
      }
    };
    expect(full('\\href{javascript:alert(1)}{x}')).toContain('color:#cc0000');
    expect(full('\\href{javascript:alert(1)}{x}')).not.toMatch(ACTIVE);
    expect(full('\\htmlData{foo=bar}{x}')).toBeNull();
    expect(full('\\def\\a{\\a\\a}\\a')).toBeNull();
    // … and an oversized rule is clamped to maxSize, not drawn as asked.
    const rule = full('\\rule{100000em}{1em}') ?? '';
    expect(rule).toMatch(/style="[^"]*20em/);
    expect(rule).not.toMatch(/style="[^"]*100000/);
  });
});

// ---------------------------------------------------------------------------------------------
// The largest expression

const INPUTS: readonly (readonly [string, number])[] = [
  ['x1', 0], // sqrt, abs, relu at 0; ln(0) = −∞; 0/0; x^y at 0
  ['x2', -1], // outside the domain of sqrt, ln, asin
  ['x3', 710], // exp overflow
  ['x4', 2],
  ['theta', 0.5],
  ['alpha1', Math.PI / 2], // near a pole of tan
  ['w0b', 1e-320], // subnormal: printed with an exponent
  ['rate', 1e300], // overflow in products
];
const NAMES = INPUTS.map(([name]) => name);
const INFIX: Readonly<Record<string, string>> = { add: '+', sub: '-', mul: '*', div: '/', pow: '^' };

/** One term per rule and pair of inputs, constants in every position, and literal forms. */
function terms(): string[] {
  const out: string[] = [];
  NAMES.forEach((a, i) => {
    const b = NAMES[(i + 1) % NAMES.length]!;
    for (const r of RULES.values()) {
      if (r.name === 'neg') out.push(`-${a}`, `-(${a}*${b})`);
      else if (INFIX[r.name])
        out.push(`(${a} ${INFIX[r.name]} ${b})`, `(2.5 ${INFIX[r.name]} ${a})`, `(${a} ${INFIX[r.name]} -3)`);
      else if (r.arity === 1) out.push(`${r.name}(${a})`);
      else out.push(`${r.name}(${a}, ${b})`, `${r.name}(${a}, 2)`, `${r.name}(-0.5, ${a})`);
    }
    out.push(`${a}^2`, `${a}^3`, `${a}^-2`, `${a}^0.5`, `${a}^1000000`, `pi*${a}`, `e^${a}`, `${a}/e`);
    out.push(`1e-400*${a}`, `1e300*${a}`, `2.5E+4*${a}`, `(2 + 3)*${a}`, `ln(0)*${a}`, `${a} ** 2`);
    out.push(`pow(${a}, ${b})`, `exp(${a})*0`, `sqrt(${a})*${b}`);
  });
  return out;
}

/**
 * Multi-statement text at the limits: named outputs of every identifier shape, a chain as deep as
 * the nesting limit allows, then terms until exactly MAX_OPERATIONS operations.
 */
function largestText(): string {
  const depth = MAX_NESTING_DEPTH - 1;
  const chain = `${'sin('.repeat(depth)}x4${')'.repeat(depth)}`;
  const head = [`loss = ${chain} + rate*w0b`, 'Theta = loss^2 - theta', 'gain2 = max(loss, Theta)'].join(
    '; ',
  );
  const all = terms();
  let body = '';
  for (let i = 0; ; i++) {
    const next = `${body}${body ? ' + ' : ''}${all[i % all.length]!}`;
    const r = parse(`${head}; ${next}`);
    if (!r.ok) {
      expect(r.error.message).toMatch(/too large|too long/);
      break;
    }
    body = next;
  }
  // Pad with single additions up to exactly the limit.
  let text = `${head}; ${body}`;
  while (parse(`${text} + x1`).ok) text = `${text} + x1`;
  return text;
}

describe('every TeX form the core produces, at the largest expression the limits allow', () => {
  const text = largestText();

  it('is the largest text the parser accepts', () => {
    expect(text.length).toBeLessThanOrEqual(MAX_SOURCE_LENGTH);
    expect(parse(text).ok).toBe(true);
    // Exactly at the operation limit: one fewer allowed and it is rejected.
    const fewer = parse(text, { ...DEFAULT_LIMITS, maxOperations: MAX_OPERATIONS - 1 });
    expect(fewer.ok ? '' : fewer.error.message).toMatch(/too large/);
    const over = parse(`${text} + x1`);
    expect(over.ok).toBe(false);
    if (!over.ok) expect(over.error.message).toMatch(/Expression too (large|long)/);
    const deeper = parse(
      `sin(${text.replace('loss = ', 'loss = sin(').replace(' + rate*w0b', ') + rate*w0b')})`,
    );
    expect(deeper.ok).toBe(false);
  });

  it('renders every row of its traces (merged and not) under the production options', () => {
    for (const merge of [false, true]) {
      const compiled = compile(text, { merge });
      if (!compiled.ok) throw new Error(compiled.error.message);
      const tape: Tape = compiled.tape;
      expect(new Set(tape.nodes.map((n) => n.op))).toEqual(new Set(['input', ...RULES.keys()]));
      const x = tape.inputs.map((i) => INPUTS.find(([name]) => name === i.name)![1]);
      // Seed the multi-letter input and the multi-letter output: accents on \mathit names.
      const trace = buildTrace(tape, x, {
        seed: tape.inputs.findIndex((i) => i.name === 'w0b'),
        adjointSeed: tape.outputs.findIndex((o) => o.name === 'Theta'),
      });
      const all = trace.steps.flatMap((s) => [s.tex, s.formula]);
      const joined = all.join('\n');
      // Every number form and every identifier form is among them.
      for (const form of ['\\mathrm{NaN}', '\\infty', '-\\infty', '\\times 10^{', '(-', '\\pi', 'e^{']) {
        expect(joined.includes(form), form).toBe(true);
      }
      for (const form of [
        '\\theta',
        '\\alpha_{1}',
        '\\mathit{w0b}',
        '\\dot{\\mathit{w0b}}',
        '\\bar{\\mathit{Theta}}',
      ]) {
        expect(joined.includes(form), form).toBe(true);
      }
      expect(trace.steps.some((s) => s.accumulate)).toBe(true);
      const failures: string[] = [];
      for (const tex of new Set(all)) {
        try {
          const html = katex.renderToString(tex, katexRenderOptions());
          if (ACTIVE.test(html)) failures.push(`active HTML: ${tex}`);
        } catch (e) {
          failures.push(`${(e as Error).message}: ${tex}`);
        }
      }
      expect(failures).toEqual([]);
    }
  });

  it('uses every constant of the language', () => {
    for (const name of CONSTANTS.keys()) expect(terms().join(' ')).toMatch(new RegExp(`\\b${name}\\b`));
  });
});
