/**
 * The hardening properties (issue 4), shared by `npm test` (10,000 runs each, fixed seeds, in
 * tests/fuzz/*.fuzz.test.ts) and `npm run fuzz` (tests/fuzz/run.ts: fresh seeds for as long as asked).
 *
 * 1. parse and compile are total: on any text they return a tree or their own located error, never
 *    throw, never fall back to the catch-all message that would hide a bug.
 * 2. print ∘ parse is the identity on trees: printing a tree and parsing it back gives the same tree.
 * 3. decode is total: any fragment gives a valid state, or the default example plus a problem.
 * 4. Every trace row's TeX (the whole row and its formula) renders under the production KaTeX options.
 */
import fc from 'fast-check';
import katex from 'katex';
import {
  analyzeText,
  buildTrace,
  compile,
  CONSTANTS,
  FUNCTIONS,
  parse,
  printProgram,
  RULES,
  tapeOf,
  type Ast,
  type Condition,
  type Program,
  type Comparison,
  type Statement,
} from '../../src/core/index';
import {
  decode,
  DEFAULT_STATE,
  encode,
  isName,
  LINK_KEYS,
  MAX_STEP,
  MAX_TEXT_LENGTH,
} from '../../src/state/urlCodec';
import { katexRenderOptions } from '../../src/ui/katexOptions';

/** The message `parse` gives when something other than its own failure was thrown (a bug). */
export const CATCH_ALL_MESSAGE = 'Expression too complex to read';

// ---------------------------------------------------------------------------------------------
// Trees and texts

/** Input names of every shape `texIdentifier` handles: letter+digits, Greek, multi-letter, mixed. */
export const NAMES = [
  'x1',
  'x2',
  'x10',
  'y',
  'z',
  'theta',
  'alpha2',
  'w0b',
  'rate',
  'constructor',
  'toString',
  'E',
  'X',
] as const;

const UNARY_OPS = [...RULES.values()].filter((r) => r.arity === 1 && r.name !== 'neg').map((r) => r.name);
const BINARY_FUNCTIONS = [...RULES.values()]
  .filter((r) => r.arity === 2 && r.syntax === 'function')
  .map((r) => r.name);
const INFIX_OPS = ['add', 'sub', 'mul', 'div', 'pow'] as const;
const NO_SPAN = [0, 0] as const;

/** A literal as the lexer can produce it: non-negative, finite, and never −0. */
const literal: fc.Arbitrary<Ast> = fc
  .oneof(
    { weight: 3, arbitrary: fc.integer({ min: 0, max: 12 }) },
    { weight: 2, arbitrary: fc.constantFrom(0.5, 2.5, 1e-3, 1e21, 5e-324, Number.MAX_VALUE, 0.1 + 0.2) },
    { weight: 2, arbitrary: fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }) },
  )
  .map((value): Ast => ({ type: 'num', value: value === 0 ? 0 : value, tex: null, span: NO_SPAN }));

const constant: fc.Arbitrary<Ast> = fc
  .constantFrom(...CONSTANTS.entries())
  .map(([, c]): Ast => ({ type: 'num', value: c.value, tex: c.tex, span: NO_SPAN }));

const variable: fc.Arbitrary<Ast> = fc
  .constantFrom(...NAMES)
  .map((name): Ast => ({ type: 'var', name, span: NO_SPAN }));

const op = (name: string, args: Ast[]): Ast => ({ type: 'op', op: name, args, span: NO_SPAN });

/** A random expression tree over every rule of the table; `depth` bounds its height. */
export function astArb(depth: number, leaves: fc.Arbitrary<Ast> = fc.oneof(variable, literal, constant)) {
  const { tree } = fc.letrec<{ tree: Ast }>((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small', maxDepth: depth, withCrossShrink: true },
      { arbitrary: leaves, weight: 4 },
      { arbitrary: tie('tree').map((a) => op('neg', [a])), weight: 1 },
      {
        arbitrary: fc.tuple(fc.constantFrom(...UNARY_OPS), tie('tree')).map(([f, a]) => op(f, [a])),
        weight: 2,
      },
      {
        arbitrary: fc
          .tuple(fc.constantFrom(...INFIX_OPS, ...BINARY_FUNCTIONS), tie('tree'), tie('tree'))
          .map(([f, a, b]) => op(f, [a, b])),
        weight: 4,
      },
    ),
  }));
  return tree;
}

/** Words that are keywords of the language, or keywords inside conditions and `for` headers. */
const RESERVED = new Set(['if', 'else', 'for', 'while', 'return', 'and', 'or', 'not', 'in']);

const statementName = fc
  .stringMatching(/^[A-Za-z][A-Za-z0-9]{0,5}$/)
  .filter((n) => !FUNCTIONS.has(n) && !CONSTANTS.has(n) && !RESERVED.has(n));

const RELATIONS: readonly Comparison[] = ['<', '<=', '>', '>=', '==', '!='];

/** A random condition: comparisons of small expressions combined with and, or, not. */
function conditionArb(depth: number): fc.Arbitrary<Condition> {
  const { cond } = fc.letrec<{ cond: Condition }>((tie) => ({
    cond: fc.oneof(
      { depthSize: 'small', maxDepth: depth, withCrossShrink: true },
      {
        weight: 4,
        arbitrary: fc
          .tuple(fc.constantFrom(...RELATIONS), astArb(2), astArb(2))
          .map(([rel, left, right]): Condition => ({ type: 'compare', rel, left, right, span: NO_SPAN })),
      },
      { weight: 1, arbitrary: tie('cond').map((arg): Condition => ({ type: 'not', arg, span: NO_SPAN })) },
      {
        weight: 2,
        arbitrary: fc
          .tuple(fc.constantFrom('and' as const, 'or' as const), tie('cond'), tie('cond'))
          .map(([type, left, right]): Condition => ({ type, left, right, span: NO_SPAN })),
      },
    ),
  }));
  return cond;
}

const assignment = (depth: number): fc.Arbitrary<Statement> =>
  fc
    .record({ name: fc.option(statementName, { nil: null }), expr: astArb(depth) })
    .map((s): Statement => ({ kind: 'assign', ...s, span: NO_SPAN }));

/** A random statement; `nesting` bounds how deep blocks go (0: assignments only). */
function statementArb(depth: number, nesting: number): fc.Arbitrary<Statement> {
  if (nesting <= 0) return assignment(depth);
  const block = fc.array(statementArb(depth, nesting - 1), { minLength: 0, maxLength: 2 });
  return fc.oneof(
    { weight: 4, arbitrary: assignment(depth) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.array(fc.tuple(conditionArb(2), block), { minLength: 1, maxLength: 2 }),
          fc.option(block, { nil: null }),
        )
        .map(([arms, otherwise]): Statement => ({
          kind: 'if',
          arms: arms.map(([cond, body]) => ({ cond, body, span: NO_SPAN })),
          otherwise,
          span: NO_SPAN,
        })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(statementName, astArb(1), astArb(1), block)
        .map(([variable, from, to, body]): Statement => ({
          kind: 'for',
          variable,
          variableSpan: NO_SPAN,
          from,
          to,
          body,
          headSpan: NO_SPAN,
          span: NO_SPAN,
        })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(conditionArb(2), block)
        .map(([cond, body]): Statement => ({ kind: 'while', cond, body, span: NO_SPAN })),
    },
  );
}

/**
 * A random program: one to three statements, named or bare (names may repeat: a name may be
 * assigned again); with `nesting` > 0 also if/else, for and while blocks, and sometimes a final return.
 */
export function programArb(depth: number, leaves?: fc.Arbitrary<Ast>, nesting = 0): fc.Arbitrary<Program> {
  const plain = leaves
    ? fc
        .record({ name: fc.option(statementName, { nil: null }), expr: astArb(depth, leaves) })
        .map((s): Statement => ({ kind: 'assign', ...s, span: NO_SPAN }))
    : statementArb(depth, nesting);
  const ret = fc
    .array(astArb(depth), { minLength: 1, maxLength: 2 })
    .map((values): Statement => ({ kind: 'return', values, span: NO_SPAN }));
  return fc
    .tuple(
      fc.array(plain, { minLength: 1, maxLength: 3 }),
      nesting > 0 ? fc.option(ret, { nil: null, freq: 3 }) : fc.constant(null),
    )
    .map(([statements, last]) => ({
      statements: last ? [...statements, last] : statements,
      warnings: [],
    }));
}

/** A tree with its spans removed, for comparing trees that came from different texts. */
export function stripSpans(program: Pick<Program, 'statements'>): unknown {
  const strip = (a: Ast): unknown =>
    a.type === 'num'
      ? { num: Object.is(a.value, -0) ? '-0' : a.value, tex: a.tex }
      : a.type === 'var'
        ? { var: a.name }
        : { op: a.op, args: a.args.map(strip) };
  const cond = (c: Condition): unknown =>
    c.type === 'compare'
      ? { rel: c.rel, left: strip(c.left), right: strip(c.right) }
      : c.type === 'not'
        ? { not: cond(c.arg) }
        : { [c.type]: [cond(c.left), cond(c.right)] };
  const statement = (s: Statement): unknown => {
    switch (s.kind) {
      case 'assign':
        return { name: s.name, expr: strip(s.expr) };
      case 'return':
        return { return: s.values.map(strip) };
      case 'for':
        return { for: s.variable, from: strip(s.from), to: strip(s.to), body: s.body.map(statement) };
      case 'while':
        return { while: cond(s.cond), body: s.body.map(statement) };
      case 'if':
        return {
          if: s.arms.map((a) => ({ cond: cond(a.cond), body: a.body.map(statement) })),
          else: s.otherwise?.map(statement) ?? null,
        };
    }
  };
  return program.statements.map(statement);
}

/** Valid expression texts: printed random programs, and the kinds of texts people type. */
const HAND_WRITTEN = [
  'ln(x1) + x1*x2 - sin(x2)',
  '(sin(x1/x2) + x1/x2 - exp(x2)) * (x1/x2 - exp(x2))',
  '1/(1+exp(-(w0*x0+w1*x1+w2)))',
  'a = x^2; b = sin(a)\nc = a*b + pow(x, 3)',
  '-x1^2 + 2^3^2*x1 - 2^-x1 + x ** 2',
  'max(x, y) - min(x, y) + atan2(y, x) + relu(x) + abs(y) + sigmoid(x*y)',
  'sqrt(x) + log2(x) + log10(x) + log(x) + tanh(x) + cosh(x) + sinh(x)',
  '.5*x + 1e-3*y + 2.5E+4 - +x + pi*e',
];
export const validText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: programArb(5).map((p) => printProgram(p)) },
  { weight: 2, arbitrary: programArb(3, undefined, 2).map((p) => printProgram(p, true)) },
  { weight: 1, arbitrary: fc.constantFrom(...HAND_WRITTEN) },
);

/** Characters and fragments that stress the lexer: the language, its neighbours, and look-alikes. */
const PIECES = [
  ...'0123456789.eE+-*/^(),=;\n \t_xyzab',
  '**',
  'if ',
  ' else ',
  'for i in ',
  '..',
  'while ',
  'return ',
  ' and ',
  ' not ',
  '<=',
  '==',
  '!=',
  '}',
  '# c\n',
  'sin',
  'pow',
  'max',
  'pi',
  '1e309',
  '1e-400',
  '0x1F',
  '1_000',
  '\u2212',
  '\u00d7',
  '\u00b7',
  '\u0445',
  '\uff58',
  '\u200b',
  '\ud835\udc65',
  '\ud800',
  '\udc00',
  '\\href{javascript:alert(1)}{x}',
  '%',
  '#',
  '{',
  '$',
  '<script>',
  '__proto__',
  'constructor',
  '\r',
  '\u0000',
];
const piece = fc.constantFrom(...PIECES);

/** A valid text with a few edits: delete a slice, insert pieces, duplicate a slice, swap two chars. */
export const mutatedText: fc.Arbitrary<string> = fc
  .tuple(
    validText,
    fc.array(
      fc.record({
        kind: fc.constantFrom('delete', 'insert', 'duplicate', 'swap'),
        at: fc.nat(),
        length: fc.integer({ min: 1, max: 6 }),
        text: fc.string({ unit: piece, minLength: 1, maxLength: 3 }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  )
  .map(([text, edits]) =>
    edits.reduce((t, e) => {
      const at = t.length === 0 ? 0 : e.at % (t.length + 1);
      switch (e.kind) {
        case 'delete':
          return t.slice(0, at) + t.slice(at + e.length);
        case 'insert':
          return t.slice(0, at) + e.text + t.slice(at);
        case 'duplicate':
          return t.slice(0, at + e.length) + t.slice(at, at + e.length) + t.slice(at + e.length);
        default:
          return at + 1 < t.length ? t.slice(0, at) + t[at + 1] + t[at] + t.slice(at + 2) : t;
      }
    }, text),
  );

/** Any text: random Unicode, strings of the language's pieces, and mutated valid expressions. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
  { weight: 3, arbitrary: fc.string({ unit: piece, maxLength: 40 }) },
  { weight: 5, arbitrary: mutatedText },
);

// ---------------------------------------------------------------------------------------------
// 1. parse and compile are total

/** Throws (failing the property) unless `result` is a tree or a located error inside `text`. */
export function checkParseResult(
  text: string,
  result: ReturnType<typeof parse> | ReturnType<typeof compile>,
) {
  if (result.ok) return;
  const { message, start, end } = result.error;
  if (typeof message !== 'string' || message.length === 0) throw new Error('empty message');
  if (message === CATCH_ALL_MESSAGE) throw new Error(`the catch-all error for ${JSON.stringify(text)}`);
  if (!(
    Number.isInteger(start) &&
    Number.isInteger(end) &&
    0 <= start &&
    start <= end &&
    end <= text.length
  )) {
    throw new Error(`offsets [${start}, ${end}) outside the text of length ${text.length}: ${message}`);
  }
}

export const parseIsTotal = fc.property(anyText, (text) => {
  checkParseResult(text, parse(text));
  checkParseResult(text, compile(text));
  checkParseResult(text, compile(text, { merge: false }));
});

// ---------------------------------------------------------------------------------------------
// 2. print ∘ parse = id

const sameTree = (a: Pick<Program, 'statements'>, b: Pick<Program, 'statements'>): boolean =>
  JSON.stringify(stripSpans(a)) === JSON.stringify(stripSpans(b));

/** A generated tree prints to a text that parses back to the same tree. */
export const printedTreesParseBack = fc.property(
  programArb(6, undefined, 2),
  fc.boolean(),
  (program, lines) => {
    const text = printProgram(program, lines);
    const back = parse(text);
    if (!back.ok) throw new Error(`${JSON.stringify(text)} does not parse: ${back.error.message}`);
    if (!sameTree(back.program, program)) throw new Error(`${JSON.stringify(text)} parses to another tree`);
    // The printer is a fixed point on its own output.
    if (printProgram(back.program, lines) !== text)
      throw new Error(`printing ${JSON.stringify(text)} again differs`);
  },
);

/** Any text that parses prints to a text that parses to the same tree. */
export const parsedTextsPrintBack = fc.property(fc.oneof(validText, mutatedText), (text) => {
  const first = parse(text);
  if (!first.ok) return;
  const printed = printProgram(first.program);
  const back = parse(printed);
  if (!back.ok) throw new Error(`${JSON.stringify(printed)} (from ${JSON.stringify(text)}) does not parse`);
  if (!sameTree(back.program, first.program)) {
    throw new Error(`${JSON.stringify(printed)} (from ${JSON.stringify(text)}) parses to another tree`);
  }
});

// ---------------------------------------------------------------------------------------------
// 3. decode is total

/** Valid-looking links with damage: cut, repeated and hostile keys and values. */
const LINK_PIECES = [
  'v=1',
  'v=2',
  'v=99',
  'f=ln(x1)%2Bx1*x2-sin(x2)',
  'f=x',
  'f=sin(x1',
  'at=x1:2,x2:5',
  'at=__proto__:1,constructor:2',
  'at=x1:%E0',
  'seed=x1',
  'seed=__proto__',
  'aseed=y',
  'step=7',
  'step=-5',
  'step=abc',
  'step=1e999',
  'merge=0',
  'merge=x',
  '__proto__=1',
  'constructor=x',
  '%',
  '%zz',
  '+',
  '&',
  '=',
  '#',
];
/** Every key of the link with a junk value, the kind a tampered link carries. */
const JUNK = [
  '',
  '-1',
  '1e999',
  'NaN',
  '0x10',
  '__proto__',
  'constructor',
  '%E0',
  '%zz',
  '<script>',
  '1,2,3',
  ':',
  '+',
];
const keyJunk = fc
  .tuple(fc.constantFrom(...LINK_KEYS), fc.oneof(fc.constantFrom(...JUNK), fc.string({ maxLength: 8 })))
  .map(([key, value]) => `${key}=${value}`);
const fragmentArb: fc.Arbitrary<string> = fc.oneof(
  fc
    .array(fc.oneof(fc.constantFrom(...LINK_PIECES), keyJunk), { maxLength: 10 })
    .map((parts) => `v=1&f=x*y&${parts.join('&')}`),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.array(fc.constantFrom(...LINK_PIECES), { maxLength: 8 }).map((parts) => `#${parts.join('&')}`),
  fc
    .tuple(
      fc.array(fc.constantFrom(...LINK_PIECES), { maxLength: 6 }),
      fc.string({ maxLength: 10 }),
      fc.nat(),
    )
    .map(([parts, junk, at]) => {
      const link = parts.join('&');
      const i = link.length === 0 ? 0 : at % link.length;
      return link.slice(0, i) + junk + link.slice(i);
    }),
  validText.map((text) => encode({ ...DEFAULT_STATE, text })),
);

/** Throws unless `decode(fragment)` is a valid state, or the default example with one problem. */
export function checkDecoded(fragment: string): void {
  const { state, problems, fallback } = decode(fragment);
  if (fallback) {
    if (JSON.stringify(state) !== JSON.stringify(DEFAULT_STATE) || state.text !== DEFAULT_STATE.text) {
      throw new Error('a fallback that is not the default example');
    }
    if (problems.length !== 1 || !problems[0]!.message) throw new Error('a fallback without its one problem');
    return;
  }
  if (typeof state.text !== 'string' || state.text.length > MAX_TEXT_LENGTH) throw new Error('bad text');
  if (Object.getPrototypeOf(state.values) !== null) throw new Error('values record with a prototype');
  for (const [name, value] of Object.entries(state.values)) {
    if (!isName(name) || typeof value !== 'string') throw new Error(`bad value entry ${name}`);
  }
  for (const seed of [state.seed, state.adjointSeed]) {
    if (seed !== null && !isName(seed)) throw new Error(`bad seed ${seed}`);
  }
  if (!Number.isInteger(state.step) || state.step < 0 || state.step > MAX_STEP) throw new Error('bad step');
  if (typeof state.merge !== 'boolean') throw new Error('bad merge');
  if (problems.some((p) => typeof p.message !== 'string' || p.message === ''))
    throw new Error('empty problem');
  // What decode accepted, encode writes, and decode reads back to the same state without a problem.
  const again = decode(encode(state));
  if (again.fallback || JSON.stringify(again.state) !== JSON.stringify(state) || again.problems.length > 0) {
    throw new Error('the decoded state does not survive encode → decode');
  }
}

export const decodeIsTotal = fc.property(fragmentArb, (fragment) => {
  const before = Object.getOwnPropertyNames(Object.prototype).length;
  checkDecoded(fragment);
  if (Object.getOwnPropertyNames(Object.prototype).length !== before)
    throw new Error('Object.prototype changed');
});

// ---------------------------------------------------------------------------------------------
// 4. Every trace row's TeX renders under the production options

/** Values that reach every special case: zeros, signs, poles, overflow, domain edges. */
const VALUE_POOL = [0, -0, 1, -1, 2, -2, 0.5, -3, 710, -710, Math.PI / 2, 1e-320, 1e300, -1e300, 3.7, 1e6];
export const valueArb: fc.Arbitrary<number> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...VALUE_POOL) },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
);

const rendered = new Set<string>();
const RENDERED_LIMIT = 200_000;

/** Throws KaTeX's own error if `tex` does not render under the production options. */
export function renderOrThrow(tex: string): void {
  if (rendered.has(tex)) return;
  const html = katex.renderToString(tex, katexRenderOptions());
  // An active element, or an active attribute inside a tag (the TeX source itself sits escaped in an annotation).
  if (/<(a|script|iframe|img|object|embed)\b|<[^>]*\s(href|src|on[a-z]+)\s*=/i.test(html)) {
    throw new Error(`active HTML from ${tex}`);
  }
  if (rendered.size >= RENDERED_LIMIT) rendered.clear();
  rendered.add(tex);
}

/** Small programs (so that 10,000 traces stay fast) over every rule, at special and random values. */
export const traceCaseArb = fc.record({
  program: programArb(
    2,
    fc.oneof(
      { weight: 4, arbitrary: variable },
      { weight: 1, arbitrary: literal },
      { weight: 1, arbitrary: constant },
    ),
  ),
  values: fc.array(valueArb, { minLength: NAMES.length, maxLength: NAMES.length }),
  merge: fc.boolean(),
  seed: fc.nat({ max: 12 }),
  adjointSeed: fc.nat({ max: 3 }),
});

export const traceTexRenders = fc.property(traceCaseArb, ({ program, values, merge, seed, adjointSeed }) => {
  // A program with control flow is recorded at the values it is traced at (its decisions' rows too).
  const analyzed = analyzeText(printProgram(program));
  if (!analyzed.ok) return;
  const x = analyzed.info.inputs.map((_, i) => values[i]!);
  const compiled = tapeOf(analyzed.info, { merge, x });
  if (!compiled.ok) return;
  const { tape } = compiled;
  const trace = buildTrace(tape, x, { seed: seed % tape.n, adjointSeed: adjointSeed % tape.outputs.length });
  for (const step of trace.steps) {
    try {
      renderOrThrow(step.tex);
      renderOrThrow(step.formula);
    } catch (e) {
      throw new Error(`${step.targetId} (${step.phase}): ${(e as Error).message}\n  ${step.tex}`, {
        cause: e,
      });
    }
  }
});

/** Every property, by name, as `npm run fuzz` and the tests run them. */
export const PROPERTIES = {
  'parse and compile are total': parseIsTotal,
  'printed trees parse back': printedTreesParseBack,
  'parsed texts print back': parsedTextsPrintBack,
  'decode is total': decodeIsTotal,
  'trace TeX renders': traceTexRenders,
} as const;
