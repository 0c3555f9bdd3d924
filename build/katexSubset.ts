/**
 * KaTeX as Wengert uses it, and no more (issue 13: first load ≤ 180 KiB gzip).
 *
 * KaTeX's bundle registers every command it knows (environments, arrows, colour, \href, \html…,
 * commutative diagrams), the metrics of 18 fonts, the SVG geometry of every stretchy arrow and brace,
 * and several hundred macros: 73 KiB gzip, a third of the page's first load. The TeX typeset here is
 * built only by `src/core` from a small fixed vocabulary (fractions, roots, scripts, accents \dot and
 * \bar, operator names, \mathit and \mathrm, Greek letters, spacing). This plugin compiles KaTeX from
 * its TypeScript sources (shipped in the package) with:
 *
 * - only the command modules of `FUNCTIONS` registered (the others are unknown control sequences:
 *   with `throwOnError` the `<Tex>` component shows the source as text, which is also what a refused
 *   command does today);
 * - only the font metrics of `FONTS` (the fonts that vocabulary can reach);
 * - no stretchy SVG paths (only \sqrt draws SVG, and its paths are functions of their own), and
 *   stand-ins for the stretchy builders two kept modules import (`STRETCHY_STUB`);
 * - only the symbols our TeX, the kept commands and macros and KaTeX's core can name
 *   (`subsetSymbols`);
 * - only the macros our TeX and the kept commands can expand to, found by following the macro
 *   definitions from the control sequences written in `src/` and in the kept command modules;
 * - a stylesheet with the font faces of those fonts only, and without the rules for classes only the
 *   left-out commands produce (the woff2 files of the other faces are then never emitted).
 *
 * The same plugin runs under Vitest (vite.config.ts), so the tests typeset with the same KaTeX the
 * page ships; tests/build/katexSubset.test.ts checks that it gives byte-identical HTML to the full
 * KaTeX on every kind of formula the page shows.
 */
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const KATEX = realpathSync(path.join(ROOT, 'node_modules/katex'));
const SRC = path.join(KATEX, 'src');

/** The command modules of katex/src/functions/ that the page's TeX needs. */
export const FUNCTIONS = [
  'accent', // \dot, \bar
  'font', // \mathit, \mathrm
  'genfrac', // \frac
  'lap', // \mathrlap: a program's != is a slash over = (\ne expands to commands the page does not ship)
  'kern', // \kern, \mskip, \hskip (\, and \quad expand to them)
  'mclass', // \mathbin, \mathrel… (the class of operator names and symbols)
  'op', // \sin, \ln, \max… and the operators of \operatorname
  'operatorname', // \operatorname
  'ordgroup', // { … }
  'relax', // \relax
  'sqrt', // \sqrt
  'supsub', // ^ and _
  'symbolsOp',
  'symbolsOrd',
  'symbolsSpacing',
] as const;

/** The fonts whose metrics are kept: roman and italic text, math italic, AMS symbols, delimiter sizes. */
export const FONTS = [
  'AMS-Regular',
  'Main-Italic',
  'Main-Regular',
  'Math-Italic',
  'Size1-Regular',
  'Size2-Regular',
  'Size3-Regular',
  'Size4-Regular',
] as const;

/** The KaTeX font faces kept in the stylesheet: family and style of each face of `FONTS` (all weight 400). */
export const FONT_FACES = [
  'KaTeX_AMS normal',
  'KaTeX_Main italic',
  'KaTeX_Main normal',
  'KaTeX_Math italic',
  'KaTeX_Size1 normal',
  'KaTeX_Size2 normal',
  'KaTeX_Size3 normal',
  'KaTeX_Size4 normal',
] as const;

/**
 * Classes only the left-out commands produce (fonts we do not use, arrays, commutative diagrams,
 * boxes and cancellations, stretchy arrows and braces, tags, rules, over- and underlines): the
 * stylesheet's rules for them are dropped. tests/build/katexSubset.test.ts checks that none of them
 * occurs in any formula the page shows.
 */
export const UNUSED_CLASSES = [
  ...['textsf', 'texttt', 'textscr', 'textitsf', 'textboldsf', 'textboldfrak', 'textbf', 'textbb'],
  ...['textfrak', 'textit', 'mathtt', 'mathsfit', 'mathsf', 'mathscr', 'mathitsf', 'mathfrak'],
  ...['mathcal', 'mathboldsf', 'mathboldfrak', 'mathbf', 'mathbb', 'boldsymbol'],
  ...['mtable', 'arraycolsep', 'col-align-c', 'col-align-l', 'col-align-r', 'vertical-separator'],
  ...['mtr-glue', 'hline', 'hdashline', 'cd-vert-arrow', 'cd-label-right', 'cd-label-left'],
  ...['cd-arrow-pad', 'fbox', 'fcolorbox', 'cancel-pad', 'cancel-lap', 'sout', 'boxpad', 'angl'],
  ...['anglpad', 'x-arrow', 'x-arrow-pad', 'halfarrow-left', 'halfarrow-right', 'brace-left'],
  ...['brace-right', 'brace-center', 'mover', 'munder', 'tag', 'eqn-num', 'mml-eqn-num', 'leqno'],
  ...['fleqn', 'rule', 'overline', 'underline', 'overline-line', 'underline-line', 'reflectbox'],
  ...['newline', 'smash'],
  // Type sizes: the kept commands change size only by style (text, script, scriptscript), which from
  // the normal size (6) gives sizes 3 and 1 (KaTeX's sizeStyleMap); the rules for every other size,
  // 121 pairs of them, were a third of the stylesheet.
  ...[2, 4, 5, 7, 8, 9, 10, 11].flatMap((n) => [`size${n}`, `reset-size${n}`]),
] as const;

/** Splits CSS text at top-level commas (selector lists have no nested parentheses with commas here but `:is()` may). */
function splitSelectors(selectors: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < selectors.length; i++) {
    const ch = selectors[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      out.push(selectors.slice(start, i));
      start = i + 1;
    }
  }
  out.push(selectors.slice(start));
  return out;
}

/**
 * KaTeX's minified stylesheet with only the font faces of `FONT_FACES` and without the selectors
 * that name a class of `UNUSED_CLASSES` (a rule left with no selector goes). Other at-rules and
 * rules stay exactly as they were.
 */
export function subsetKatexCss(css: string): string {
  const unused = new RegExp(`\\.(?:${UNUSED_CLASSES.join('|')})(?![\\w-])`);
  let out = '';
  let i = 0;
  while (i < css.length) {
    const open = css.indexOf('{', i);
    if (open < 0) {
      out += css.slice(i);
      break;
    }
    const prelude = css.slice(i, open);
    if (prelude.trimStart().startsWith('@') && !prelude.trimStart().startsWith('@font-face')) {
      // An at-rule with a block of rules (none in KaTeX's sheet today): kept whole.
      let depth = 0;
      let j = open;
      for (; j < css.length; j++) {
        if (css[j] === '{') depth++;
        else if (css[j] === '}' && --depth === 0) break;
      }
      out += css.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const close = css.indexOf('}', open);
    const body = css.slice(open, close + 1);
    if (prelude.trimStart().startsWith('@font-face')) {
      const family = /font-family:\s*"?([\w]+)"?/.exec(body)?.[1];
      const style = /font-style:\s*(\w+)/.exec(body)?.[1] ?? 'normal';
      const weight = /font-weight:\s*(\w+)/.exec(body)?.[1] ?? '400';
      if (weight === '400' && (FONT_FACES as readonly string[]).includes(`${family} ${style}`))
        out += prelude + body;
    } else {
      const kept = splitSelectors(prelude).filter((sel) => !unused.test(sel));
      if (kept.length > 0) out += kept.join(',') + body;
    }
    i = close + 1;
  }
  return out;
}

/** Control sequences written in a source text (as a JavaScript string would hold them: `\\frac`). */
export function controlSequences(source: string): Set<string> {
  const found = new Set<string>();
  for (const m of source.matchAll(/\\\\([a-zA-Z@]+|[^a-zA-Z@\\\s])/g)) found.add(`\\${m[1]!}`);
  return found;
}

/**
 * The `defineMacro("name", …)` statements of macros.ts, by name: each runs from its first line (at
 * column 0) to the line before the next top-level line that is not a closing bracket.
 */
export function macroStatements(source: string): Map<string, string> {
  const lines = source.split('\n');
  const out = new Map<string, string>();
  for (let i = 0; i < lines.length; i++) {
    const m = /^defineMacro\(("(?:[^"\\]|\\.)*")/.exec(lines[i]!);
    if (!m) continue;
    let j = i + 1;
    while (j < lines.length && /^(\s|[})\]]|$)/.test(lines[j]!)) j++;
    out.set(JSON.parse(m[1]!) as string, lines.slice(i, j).join('\n').trimEnd());
    i = j - 1;
  }
  return out;
}

/** The macros reachable from `roots` through the definitions in `statements`. */
export function macroClosure(statements: ReadonlyMap<string, string>, roots: Iterable<string>): Set<string> {
  const kept = new Set<string>();
  const queue = [...roots];
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (kept.has(name) || !statements.has(name)) continue;
    kept.add(name);
    queue.push(...controlSequences(statements.get(name)!));
  }
  return kept;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? sourceFiles(p) : /\.tsx?$/.test(f) ? [p] : [];
  });
}

/** The macros.ts module with only the macros reachable from our TeX and the kept commands. */
export function subsetMacros(macrosSource: string, roots: Iterable<string>): string {
  const statements = macroStatements(macrosSource);
  const kept = macroClosure(statements, roots);
  const head = macrosSource.slice(0, macrosSource.indexOf('//////'));
  return `${head}\n${[...statements]
    .filter(([name]) => kept.has(name))
    .map(([, s]) => s)
    .join('\n\n')}\n`;
}

/**
 * fontMetricsData.js with only the metrics of `fonts` (its top-level keys sit at four spaces) and,
 * when `chars` is given, in fonts other than the delimiter sizes, only the metrics of ASCII
 * characters and of the code points in `chars` (the characters our formulas can be drawn with).
 */
export function subsetFontMetrics(
  source: string,
  fonts: readonly string[],
  chars?: ReadonlySet<number>,
): string {
  const lines = source.split('\n');
  const out: string[] = [];
  let keep = true;
  let every = true;
  for (const line of lines) {
    const font = /^ {4}"([^"]+)": \{/.exec(line);
    if (font) {
      keep = fonts.includes(font[1]!);
      every = !chars || font[1]!.startsWith('Size');
    }
    const code = /^ {8}"(\d+)": \[/.exec(line);
    if (keep && (every || !code || Number(code[1]) < 0x80 || chars!.has(Number(code[1])))) out.push(line);
    if (/^ {4}\},/.test(line)) keep = true;
  }
  return out.join('\n');
}

/** The non-ASCII code points a source text names, as characters or as `\\uXXXX` escapes. */
export function codePointsIn(source: string): Set<number> {
  const found = new Set<number>();
  for (const ch of source) if (ch.charCodeAt(0) >= 0x80) found.add(ch.codePointAt(0)!);
  for (const m of source.matchAll(/\\u([0-9a-fA-F]{4})/g)) found.add(parseInt(m[1]!, 16));
  return found;
}

/** A JavaScript string literal of symbols.ts ("…" or '…', escapes \\uXXXX, \\\\, \\", \\') as its value. */
function stringValue(literal: string): string {
  return literal
    .slice(1, -1)
    .replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, e: string) =>
      e.length === 5 ? String.fromCharCode(parseInt(e.slice(1), 16)) : e,
    );
}

const SYMBOL_LINE =
  /^defineSymbol\(\w+, \w+, [\w-]+, ("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'), ("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')(, true)?\);/;

/**
 * symbols.ts with only the symbols our TeX can reach: a `defineSymbol` line at the top level whose
 * name is a control word (`\\equiv`) goes unless `keep` has it, or unless it also defines a
 * non-ASCII character (`acceptUnicodeChar`) that occurs in `text` (our sources); a line whose name
 * is a character or a control symbol (`\\ `, `\\#`) goes unless that is ASCII or occurs in `text`.
 * The loops that define letters, digits and wide characters stay.
 */
export function subsetSymbols(source: string, keep: ReadonlySet<string>, text: string): string {
  const ascii = (ch: string) => [...ch].every((c) => c.charCodeAt(0) < 0x80);
  const wanted = (ch: string) => ascii(ch) || text.includes(ch);
  return source
    .split('\n')
    .filter((line) => {
      const m = SYMBOL_LINE.exec(line);
      if (!m) return true;
      const replace = stringValue(m[1]!);
      const name = stringValue(m[2]!);
      if (m[3] && !ascii(replace) && text.includes(replace)) return true;
      return /^\\[a-zA-Z@]+$/.test(name) ? keep.has(name) : wanted(name);
    })
    .join('\n');
}

/** svgGeometry.ts with an empty table of stretchy paths (the \sqrt paths are functions apart from it). */
export function withoutStretchyPaths(source: string): string {
  const start = source.indexOf('export const path: Record<string, string> = {');
  const end = source.indexOf('\n};', start);
  if (start < 0 || end < 0) throw new Error('katexSubset: svgGeometry.ts no longer has its path table');
  return `${source.slice(0, start)}export const path: Record<string, string> = {}${source.slice(end + 2)}`;
}

/**
 * Settings.ts without the schema's descriptions and command-line fields (`description`, `cli…`):
 * text for KaTeX's command line, which the page never reads. A property runs from its line at
 * eight spaces to the next line at eight spaces or fewer that does not close a bracket.
 */
export function withoutCliSettings(source: string): string {
  const start = source.indexOf('export const SETTINGS_SCHEMA');
  const end = source.indexOf('\n};', start);
  if (start < 0 || end < 0) throw new Error('katexSubset: Settings.ts no longer has its schema');
  const out: string[] = [];
  let dropping = false;
  for (const line of source.slice(start, end).split('\n')) {
    const indent = /^ */.exec(line)![0].length;
    if (indent < 8 && line.trim() !== '') dropping = false;
    else if (indent === 8 && !/^ *[})\]]/.test(line)) dropping = /^ {8}(description|cli\w*):/.test(line);
    if (!dropping) out.push(line);
  }
  return source.slice(0, start) + out.join('\n') + source.slice(end);
}

/**
 * Stretchy accents, arrows and braces are left out, but two kept modules import their builders:
 * `accent` (for \\widehat and the arrows over letters; \\dot and \\bar are never stretchy) and
 * `supsub` (for a brace's label). These stand in: a formula that reached them would be refused as
 * an unknown command is, and none of ours can (tests/build/katexSubset.test.ts).
 */
const REFUSE = `() => { throw new Error("katexSubset: stretchy accents and braces are not shipped"); }`;
export const STRETCHY_STUB = ['stretchyMathML', 'stretchySvg', 'stretchyEnclose']
  .map((name) => `export const ${name} = ${REFUSE};`)
  .join('\n');
export const HORIZ_BRACE_STUB = `export const htmlBuilder = ${REFUSE};`;

/**
 * A CommonJS data module of KaTeX's, evaluated here and written as a literal: Parser.ts imports
 * `unicodeAccents` and `unicodeSymbols` with a `preval` comment: KaTeX's own build evaluates them at
 * build time. Compiled from the sources as they are, the page built the table of accented letters
 * at every start (about 14,000 calls of `normalize('NFC')`) and copied both modules' exports into
 * getters (the bundler's CommonJS interop): 7 to 15 ms of the main script's module code, on the path
 * of every cold open (issue 13).
 */
export function preEvaluated(file: string): string {
  const value: unknown = createRequire(import.meta.url)(file);
  return `export default ${JSON.stringify(value)};\n`;
}

/** The Vite plugin. */
export function katexSubset(): Plugin {
  const file = (name: string) => path.join(SRC, name);
  const read = (p: string) => readFileSync(p, 'utf8');
  // The dev server serves modules as they are, and some of KaTeX's sources are CommonJS, which only
  // a bundle converts: `npm run dev` takes the full KaTeX (the same HTML, tests/build/katexSubset.test.ts),
  // the build and Vitest the subset.
  let dev = false;
  /** The control sequences written in our sources and in the kept command modules. */
  const roots = (): Set<string> => {
    const found = new Set<string>();
    for (const f of sourceFiles(path.join(ROOT, 'src')))
      for (const c of controlSequences(read(f))) found.add(c);
    for (const f of FUNCTIONS)
      for (const c of controlSequences(read(file(`functions/${f}.ts`)))) found.add(c);
    return found;
  };
  /** All of our sources, as one text. */
  const ourText = (): string =>
    sourceFiles(path.join(ROOT, 'src'))
      .map((f) => read(f))
      .join('\n');
  /** symbols.ts as shipped: what our TeX writes and what the kept commands, macros and KaTeX's core name. */
  const symbols = (): string => {
    const keep = roots();
    const macros = macroStatements(read(file('macros.ts')));
    for (const name of macroClosure(macros, keep))
      for (const c of controlSequences(macros.get(name)!)) keep.add(c);
    for (const f of readdirSync(SRC).filter((f) => /\.tsx?$/.test(f) && !/^(symbols|macros)\.ts$/.test(f)))
      for (const c of controlSequences(read(file(f)))) keep.add(c);
    // Greek names are written as `\\${name}` (src/core/format.ts): the letters are all kept.
    for (const m of read(path.join(ROOT, 'src/core/format.ts')).matchAll(/^ {2}'([a-zA-Z]+)',$/gm))
      keep.add(`\\${m[1]!}`);
    return subsetSymbols(read(file('symbols.ts')), keep, ourText());
  };
  return {
    name: 'wengert-katex-subset',
    enforce: 'pre',
    configResolved(config) {
      dev = config.command === 'serve' && !process.env.VITEST;
    },
    resolveId(id) {
      return id === 'katex' && !dev ? path.join(KATEX, 'katex.ts') : null;
    },
    transform(code, id) {
      return !dev && /katex\/dist\/katex(\.min)?\.css$/.test(id.replace(/\?.*$/, ''))
        ? { code: subsetKatexCss(code), map: null }
        : null;
    },
    load(id) {
      // KaTeX's own build defines its version; compiling the sources, so do we.
      if (id === path.join(KATEX, 'katex.ts')) {
        const { version } = JSON.parse(read(path.join(KATEX, 'package.json'))) as { version: string };
        return read(id)
          .replace(/^declare let __VERSION__.*$/m, '')
          .replace(/\b__VERSION__\b/g, JSON.stringify(version));
      }
      if (id === file('functions.ts')) {
        const imports = FUNCTIONS.map((f) => `import "./functions/${f}";`).join('\n');
        return `import {_functions} from "./defineFunction";\nexport default _functions;\n${imports}\n`;
      }
      if (id === file('fontMetricsData.js')) {
        // The characters drawn: those the kept symbols stand for, and any that our sources, KaTeX's
        // core and the kept commands write out (delimiter pieces, the \\sqrt sign).
        const chars = codePointsIn(symbols().replace(/^(?!defineSymbol).*$/gm, ''));
        const sources = [
          ...readdirSync(SRC).filter((f) => /\.tsx?$/.test(f) && !/^(symbols|macros)\.ts$/.test(f)),
          ...FUNCTIONS.map((f) => `functions/${f}.ts`),
        ].map((f) => read(file(f)));
        for (const text of [...sources, ourText(), subsetMacros(read(file('macros.ts')), roots())])
          for (const c of codePointsIn(text)) chars.add(c);
        return subsetFontMetrics(read(id), FONTS, chars);
      }
      if (id === file('unicodeSymbols.js') || id === file('unicodeAccents.js')) return preEvaluated(id);
      if (id === file('svgGeometry.ts')) return withoutStretchyPaths(read(id));
      if (id === file('stretchy.ts')) return STRETCHY_STUB;
      if (id === file('Settings.ts')) return withoutCliSettings(read(id));
      if (id === file('functions/horizBrace.ts')) return HORIZ_BRACE_STUB;
      if (id === file('macros.ts')) return subsetMacros(read(id), roots());
      if (id === file('symbols.ts')) return symbols();
      return null;
    },
  };
}
