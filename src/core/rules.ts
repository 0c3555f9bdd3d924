/**
 * The one table of primitives.
 *
 * Each row holds everything Wengert knows about an operation: how it is written, its arity, how it
 * evaluates, its local partial derivatives ∂v/∂a and ∂v/∂b, how it typesets, and the conventions it
 * follows where a derivative does not exist. The parser reads the function names from here; the
 * primal, tangent and adjoint sweeps, the TeX builder and the tests all read the same rows, so a new
 * primitive is one new row (as in DiffRules.jl).
 *
 * Unary rows ignore their second argument.
 */
import { symConst, symIverson, symOp, symSign, type SymExpr } from './symExpr';

/** An operand as the TeX builder sees it: its TeX and whether it is a numbered node (else a constant). */
export interface TexOperand {
  readonly tex: string;
  readonly node: boolean;
  /** The value of a constant operand. */
  readonly value?: number;
}

/** A remark attached to a node: a convention applied at a non-differentiable point, or a numeric event. */
export interface Note {
  readonly kind: 'convention' | 'domain' | 'overflow' | 'pole' | 'zero-division';
  readonly message: string;
}

export interface Rule {
  readonly name: string;
  readonly arity: 1 | 2;
  /** How it is written: `a + b` (infix), `-a` (prefix) or `f(a, b)` (function). */
  readonly syntax: 'infix' | 'prefix' | 'function';
  /** The operator as plain text (`+`, `×`) for infix and prefix rows; functions use their name. */
  readonly symbol?: string;
  /** The name of its differentiation rule, for quiz feedback (`the product rule`); default: the chain rule. */
  readonly derivativeRule?: string;
  /** Words for captions: "the natural logarithm of". */
  readonly words: string;
  readonly eval: (a: number, b: number) => number;
  /**
   * The local partials ∂v/∂a and ∂v/∂b at the arguments, given the value v already computed: one
   * function each, so that the sweeps allocate nothing per node (a unary row's `d1` is 0).
   */
  readonly d0: (a: number, b: number, v: number) => number;
  readonly d1: (a: number, b: number, v: number) => number;
  /** Both partials as a pair [∂v/∂a, ∂v/∂b], for readers that want them together. */
  readonly partials: (a: number, b: number, v: number) => readonly [number, number];
  /** TeX of the operation applied to operands. */
  readonly tex: (a: TexOperand, b: TexOperand) => string;
  /** TeX of the partial with respect to argument k, in terms of the operands. */
  readonly partialTex: (k: 0 | 1, a: TexOperand, b: TexOperand) => string;
  /** A convention or numeric event at these arguments, if any. `isNode[k]`: argument k is a node. */
  readonly note?: (a: number, b: number, v: number, isNode: readonly [boolean, boolean]) => Note | null;
  /**
   * The partial ∂v/∂(argument k) as an expression of the operands' expressions `a`, `b` and of `v`,
   * the node's own expression: what naive symbolic differentiation writes down (symbolic.ts).
   */
  readonly derivative: (k: 0 | 1, a: SymExpr, b: SymExpr, v: SymExpr) => SymExpr;
  /** How tightly its TeX binds, from `PREC.sum` (loosest) to `PREC.atom`. */
  readonly texPrec: number;
  /** How tightly each operand must bind to go without parentheses when operands are expressions. */
  readonly texArgPrec: readonly [number, number];
}

/** A row as written in the table: `partials` is made from `d0` and `d1`. */
type RuleRow = Omit<Rule, 'partials'>;

/** Binding strength of TeX: `a + b` < `a / b` < `a b` < `-a`, `\sin a` < `a^{b}` < `x`, `\sqrt{a}`, `f(a, b)`. */
export const PREC = { sum: 1, quotient: 2, product: 3, prefix: 4, power: 5, atom: 6 } as const;

/** How a one-argument row typesets around its operand, and its derivative expression. */
interface UnarySym {
  readonly d: (a: SymExpr, v: SymExpr) => SymExpr;
  /** Default: a function written before its operand (`\sin a`), which needs an atom operand. */
  readonly prec?: number;
  readonly argPrec?: number;
}

const frac = (num: string, den: string): string => `\\frac{${num}}{${den}}`;
const neg = (t: string): string => (t.startsWith('-') ? t.slice(1) : `-${t}`);
const fn = (name: string) => (a: TexOperand) => `${name} ${a.tex}`;
const call = (name: string) => (a: TexOperand, b: TexOperand) => `${name}(${a.tex}, ${b.tex})`;
const sq = (a: TexOperand): string => `${a.tex}^{2}`;

const convention = (message: string): Note => ({ kind: 'convention', message });

const zero = (): number => 0;
const one = (): number => 1;
const minusOne = (): number => -1;

const num = (x: number, tex?: string): SymExpr => symConst(x, tex);
const op = symOp;
const recip = (e: SymExpr): SymExpr => op('div', num(1), e);
const square = (e: SymExpr): SymExpr => op('pow', e, num(2));
/** Written inside delimiters (`\sqrt{a}`, `\sigma(a)`): any operand goes bare. */
const DELIMITED = { prec: PREC.atom, argPrec: 0 } as const;

function unary(
  name: string,
  words: string,
  f: (a: number) => number,
  d: (a: number, v: number) => number,
  tex: (a: TexOperand) => string,
  dTex: (a: TexOperand) => string,
  sym: UnarySym,
  note?: (a: number, v: number) => Note | null,
): RuleRow {
  return {
    name,
    arity: 1,
    syntax: 'function',
    words,
    eval: (a) => f(a),
    d0: (a, _b, v) => d(a, v),
    d1: zero,
    tex: (a) => tex(a),
    partialTex: (_k, a) => dTex(a),
    derivative: (_k, a, _b, v) => sym.d(a, v),
    texPrec: sym.prec ?? PREC.prefix,
    texArgPrec: [sym.argPrec ?? PREC.atom, 0],
    ...(note ? { note: (a: number, _b: number, v: number) => note(a, v) } : {}),
  };
}

/**
 * d/da log_b(a) = 1 / (a ln b) where the logarithm exists; NaN for a < 0, where it does not (as for
 * sqrt, asin and acos), rather than a finite slope of a value that is NaN.
 */
const logPartial =
  (lnBase: number) =>
  (a: number): number =>
    a < 0 ? NaN : 1 / (a * lnBase);

/** Every logarithm is −∞ at 0. */
const logNote =
  (name: string) =>
  (a: number): Note | null =>
    a === 0 ? { kind: 'overflow', message: `${name}(0) = −∞` } : null;

const sigmoid = (a: number): number => (a >= 0 ? 1 / (1 + Math.exp(-a)) : Math.exp(a) / (1 + Math.exp(a)));

/** All primitives, keyed by name. Infix and prefix rows are reached from operators, the rest by name. */
export const RULES: ReadonlyMap<string, Rule> = new Map<string, Rule>(
  (
    [
      {
        name: 'add',
        derivativeRule: 'the sum rule',
        symbol: '+',
        arity: 2,
        syntax: 'infix',
        words: 'the sum of',
        eval: (a, b) => a + b,
        d0: one,
        d1: one,
        tex: (a, b) => `${a.tex} + ${b.tex}`,
        partialTex: () => '1',
        derivative: () => num(1),
        texPrec: PREC.sum,
        texArgPrec: [PREC.sum, PREC.sum],
      },
      {
        name: 'sub',
        derivativeRule: 'the difference rule',
        symbol: '-',
        arity: 2,
        syntax: 'infix',
        words: 'the difference of',
        eval: (a, b) => a - b,
        d0: one,
        d1: minusOne,
        tex: (a, b) => `${a.tex} - ${b.tex}`,
        partialTex: (k) => (k === 0 ? '1' : '-1'),
        derivative: (k) => num(k === 0 ? 1 : -1),
        texPrec: PREC.sum,
        texArgPrec: [PREC.sum, PREC.quotient],
      },
      {
        name: 'mul',
        derivativeRule: 'the product rule',
        symbol: '×',
        arity: 2,
        syntax: 'infix',
        words: 'the product of',
        eval: (a, b) => a * b,
        d0: (_a, b) => b,
        d1: (a) => a,
        // A constant factor in front of a node is written by juxtaposition, as in `2 v_2`.
        tex: (a, b) => (!a.node && b.node ? `${a.tex} ${b.tex}` : `${a.tex} \\times ${b.tex}`),
        partialTex: (k, a, b) => (k === 0 ? b.tex : a.tex),
        derivative: (k, a, b) => (k === 0 ? b : a),
        texPrec: PREC.product,
        texArgPrec: [PREC.product, PREC.prefix],
      },
      {
        name: 'div',
        derivativeRule: 'the quotient rule',
        symbol: '/',
        arity: 2,
        syntax: 'infix',
        words: 'the quotient of',
        eval: (a, b) => a / b,
        // −(a/b)/b, not −a/b²: b² under- or overflows long before the quotient does (1e300/1e160).
        d0: (_a, b) => 1 / b,
        d1: (a, b) => -(a / b) / b,
        tex: (a, b) => `${a.tex} / ${b.tex}`,
        partialTex: (k, a, b) => (k === 0 ? frac('1', b.tex) : neg(frac(a.tex, sq(b)))),
        derivative: (k, a, b) => (k === 0 ? recip(b) : op('neg', op('div', a, square(b)))),
        texPrec: PREC.quotient,
        texArgPrec: [PREC.power, PREC.power],
        note: (a, b) =>
          b === 0
            ? a === 0
              ? { kind: 'domain', message: '0/0 is undefined (NaN)' }
              : { kind: 'zero-division', message: 'division by zero' }
            : null,
      },
      {
        name: 'neg',
        derivativeRule: 'the rule for a sign change',
        symbol: '-',
        arity: 1,
        syntax: 'prefix',
        words: 'the negation of',
        eval: (a) => -a,
        d0: minusOne,
        d1: zero,
        tex: (a) => `-${a.tex}`,
        partialTex: () => '-1',
        derivative: () => num(-1),
        texPrec: PREC.prefix,
        texArgPrec: [PREC.prefix, 0],
      },
      {
        name: 'pow',
        derivativeRule: 'the power rule',
        symbol: '^',
        arity: 2,
        syntax: 'infix',
        words: 'the power of',
        eval: (a, b) => Math.pow(a, b),
        // A power rule for the base; for the exponent a^b ln a, with the convention 0 at a = 0.
        d0: (a, b) => (b === 0 ? 0 : b * Math.pow(a, b - 1)),
        d1: (a, _b, v) => (a === 0 ? 0 : v * Math.log(a)),
        tex: (a, b) => `${a.tex}^{${b.tex}}`,
        partialTex: (k, a, b) => {
          if (k === 1) return `${a.tex}^{${b.tex}} \\ln ${a.tex}`;
          const c = b.value;
          if (!b.node && c === 2) return `2 ${a.tex}`;
          if (!b.node && c !== undefined && Number.isInteger(c) && Math.abs(c) < 1e6) {
            return `${c} \\, ${a.tex}^{${c - 1}}`;
          }
          return `${b.tex} \\, ${a.tex}^{${b.tex} - 1}`;
        },
        // As partialTex writes it: a constant exponent c gives c a^(c-1), folded; else b a^(b-1).
        derivative: (k, a, b, v) => {
          if (k === 1) return op('mul', v, op('ln', a));
          if (b.kind === 'const')
            return b.value === 2 ? op('mul', num(2), a) : op('mul', b, op('pow', a, num(b.value - 1)));
          return op('mul', b, op('pow', a, op('sub', b, num(1))));
        },
        texPrec: PREC.power,
        texArgPrec: [PREC.atom, 0],
        note: (a, _b, v, isNode) =>
          a === 0 && isNode[1]
            ? convention('∂(x^y)/∂y = 0 at x = 0 (convention)')
            : Number.isNaN(v) && a < 0
              ? { kind: 'domain', message: 'a negative base needs an integer exponent' }
              : null,
      },
      unary('sin', 'the sine of', Math.sin, Math.cos, fn('\\sin'), (a) => `\\cos ${a.tex}`, {
        d: (a) => op('cos', a),
      }),
      unary(
        'cos',
        'the cosine of',
        Math.cos,
        (a) => -Math.sin(a),
        fn('\\cos'),
        (a) => `-\\sin ${a.tex}`,
        { d: (a) => op('neg', op('sin', a)) },
      ),
      unary(
        'tan',
        'the tangent of',
        Math.tan,
        (a) => 1 / (Math.cos(a) * Math.cos(a)),
        fn('\\tan'),
        (a) => frac('1', `\\cos^{2} ${a.tex}`),
        { d: (a) => recip(square(op('cos', a))) },
        (a) => (Math.abs(Math.cos(a)) < 1e-8 ? { kind: 'pole', message: 'near a pole of tan' } : null),
      ),
      unary(
        'asin',
        'the arcsine of',
        Math.asin,
        (a) => 1 / Math.sqrt(1 - a * a),
        fn('\\arcsin'),
        (a) => frac('1', `\\sqrt{1 - ${sq(a)}}`),
        { d: (a) => recip(op('sqrt', op('sub', num(1), square(a)))) },
      ),
      unary(
        'acos',
        'the arccosine of',
        Math.acos,
        (a) => -1 / Math.sqrt(1 - a * a),
        fn('\\arccos'),
        (a) => neg(frac('1', `\\sqrt{1 - ${sq(a)}}`)),
        { d: (a) => op('neg', recip(op('sqrt', op('sub', num(1), square(a))))) },
      ),
      unary(
        'atan',
        'the arctangent of',
        Math.atan,
        (a) => 1 / (1 + a * a),
        fn('\\arctan'),
        (a) => frac('1', `1 + ${sq(a)}`),
        { d: (a) => recip(op('add', num(1), square(a))) },
      ),
      unary('sinh', 'the hyperbolic sine of', Math.sinh, Math.cosh, fn('\\sinh'), (a) => `\\cosh ${a.tex}`, {
        d: (a) => op('cosh', a),
      }),
      unary(
        'cosh',
        'the hyperbolic cosine of',
        Math.cosh,
        Math.sinh,
        fn('\\cosh'),
        (a) => `\\sinh ${a.tex}`,
        {
          d: (a) => op('sinh', a),
        },
      ),
      unary(
        'tanh',
        'the hyperbolic tangent of',
        Math.tanh,
        // sech² a = 1/cosh² a, not 1 − tanh² a, which rounds to 0 once tanh a rounds to 1 (a ≈ 19).
        (a) => 1 / (Math.cosh(a) * Math.cosh(a)),
        fn('\\tanh'),
        (a) => `1 - \\tanh^{2} ${a.tex}`,
        { d: (_a, v) => op('sub', num(1), square(v)) },
      ),
      unary(
        'exp',
        'the exponential of',
        Math.exp,
        (_a, v) => v,
        (a) => `e^{${a.tex}}`,
        (a) => `e^{${a.tex}}`,
        { d: (_a, v) => v, prec: PREC.power, argPrec: 0 },
      ),
      unary(
        'ln',
        'the natural logarithm of',
        Math.log,
        logPartial(1),
        fn('\\ln'),
        (a) => frac('1', a.tex),
        { d: (a) => recip(a) },
        logNote('ln'),
      ),
      unary(
        'log',
        'the natural logarithm of',
        Math.log,
        logPartial(1),
        fn('\\log'),
        (a) => frac('1', a.tex),
        { d: (a) => recip(a) },
        logNote('log'),
      ),
      unary(
        'log2',
        'the base-2 logarithm of',
        Math.log2,
        logPartial(Math.LN2),
        fn('\\log_{2}'),
        (a) => frac('1', `${a.tex} \\ln 2`),
        { d: (a) => recip(op('mul', a, num(Math.LN2, '\\ln 2'))) },
        logNote('log2'),
      ),
      unary(
        'log10',
        'the base-10 logarithm of',
        Math.log10,
        logPartial(Math.LN10),
        fn('\\log_{10}'),
        (a) => frac('1', `${a.tex} \\ln 10`),
        { d: (a) => recip(op('mul', a, num(Math.LN10, '\\ln 10'))) },
        logNote('log10'),
      ),
      unary(
        'sqrt',
        'the square root of',
        Math.sqrt,
        (_a, v) => 1 / (2 * v),
        (a) => `\\sqrt{${a.tex}}`,
        (a) => frac('1', `2 \\sqrt{${a.tex}}`),
        { d: (_a, v) => recip(op('mul', num(2), v)), ...DELIMITED },
        (a) => (a === 0 ? convention("sqrt is not differentiable at 0: sqrt'(0) = +∞") : null),
      ),
      unary(
        'abs',
        'the absolute value of',
        Math.abs,
        (a) => (a > 0 ? 1 : a < 0 ? -1 : 0),
        (a) => `\\lvert ${a.tex} \\rvert`,
        (a) => `\\operatorname{sign}(${a.tex})`,
        { d: (a) => symSign(a), ...DELIMITED },
        (a) => (a === 0 ? convention("abs is not differentiable at 0: abs'(0) = 0 by convention") : null),
      ),
      unary(
        'sigmoid',
        'the logistic sigmoid of',
        sigmoid,
        // σ(a) σ(−a), not σ(a)(1 − σ(a)), which loses every digit once σ(a) rounds to 1 (a ≳ 37).
        (a) => sigmoid(a) * sigmoid(-a),
        (a) => `\\sigma(${a.tex})`,
        (a) => `\\sigma(${a.tex}) (1 - \\sigma(${a.tex}))`,
        { d: (_a, v) => op('mul', v, op('sub', num(1), v)), ...DELIMITED },
      ),
      unary(
        'relu',
        'the rectified linear unit of',
        (a) => (a > 0 ? a : 0),
        (a) => (a > 0 ? 1 : 0),
        (a) => `\\operatorname{relu}(${a.tex})`,
        (a) => `[${a.tex} > 0]`,
        { d: (a) => symIverson('>', a, num(0)), ...DELIMITED },
        (a) =>
          a === 0 ? convention("relu is not differentiable at 0: relu'(0) = 0 (PyTorch's choice)") : null,
      ),
      {
        name: 'max',
        arity: 2,
        syntax: 'function',
        words: 'the larger of',
        eval: (a, b) => (Number.isNaN(a) || Number.isNaN(b) ? NaN : a >= b ? a : b),
        d0: (a, b) => (a >= b ? 1 : 0),
        d1: (a, b) => (a >= b ? 0 : 1),
        tex: call('\\max'),
        partialTex: (k, a, b) => (k === 0 ? `[${a.tex} \\ge ${b.tex}]` : `[${a.tex} < ${b.tex}]`),
        derivative: (k, a, b) => (k === 0 ? symIverson('>=', a, b) : symIverson('<', a, b)),
        texPrec: PREC.atom,
        texArgPrec: [0, 0],
        note: (a, b) =>
          a === b ? convention('a tie in max: the derivative goes to the first argument') : null,
      },
      {
        name: 'min',
        arity: 2,
        syntax: 'function',
        words: 'the smaller of',
        eval: (a, b) => (Number.isNaN(a) || Number.isNaN(b) ? NaN : a <= b ? a : b),
        d0: (a, b) => (a <= b ? 1 : 0),
        d1: (a, b) => (a <= b ? 0 : 1),
        tex: call('\\min'),
        partialTex: (k, a, b) => (k === 0 ? `[${a.tex} \\le ${b.tex}]` : `[${a.tex} > ${b.tex}]`),
        derivative: (k, a, b) => (k === 0 ? symIverson('<=', a, b) : symIverson('>', a, b)),
        texPrec: PREC.atom,
        texArgPrec: [0, 0],
        note: (a, b) =>
          a === b ? convention('a tie in min: the derivative goes to the first argument') : null,
      },
      {
        name: 'atan2',
        arity: 2,
        syntax: 'function',
        words: 'the angle atan2 of',
        eval: (a, b) => Math.atan2(a, b),
        // Scaled by hypot(a, b): a² + b² over- or underflows where the partials do not (1e160, 1e-170).
        d0: (a, b) => b / Math.hypot(a, b) / Math.hypot(a, b),
        d1: (a, b) => -(a / Math.hypot(a, b)) / Math.hypot(a, b),
        tex: call('\\operatorname{atan2}'),
        partialTex: (k, a, b) =>
          k === 0 ? frac(b.tex, `${sq(a)} + ${sq(b)}`) : neg(frac(a.tex, `${sq(a)} + ${sq(b)}`)),
        derivative: (k, a, b) => {
          const r2 = op('add', square(a), square(b));
          return k === 0 ? op('div', b, r2) : op('neg', op('div', a, r2));
        },
        texPrec: PREC.atom,
        texArgPrec: [0, 0],
        note: (a, b) =>
          a === 0 && b === 0 ? { kind: 'domain', message: 'atan2 has no derivative at (0, 0)' } : null,
      },
    ] satisfies RuleRow[]
  ).map((r): [string, Rule] => [r.name, { ...r, partials: (a, b, v) => [r.d0(a, b, v), r.d1(a, b, v)] }]),
);

/**
 * The rows in a fixed order: a row's position is its operation code in the flat tape (flat.ts), so
 * that the sweeps dispatch through arrays of the rows' functions.
 */
export const RULE_LIST: readonly Rule[] = [...RULES.values()];

/** Operation name → its code, the row's position in `RULE_LIST`. */
export const RULE_CODE: ReadonlyMap<string, number> = new Map(RULE_LIST.map((r, i) => [r.name, i]));

/** Function names as typed in expressions, mapped to their rule (`pow(a, b)` is the `^` row). */
export const FUNCTIONS: ReadonlyMap<string, Rule> = new Map(
  [...RULES.values()]
    .filter((r) => r.syntax === 'function')
    .map((r) => [r.name, r] as [string, Rule])
    .concat([['pow', RULES.get('pow')!]]),
);

/** Named constants of the language. */
export const CONSTANTS: ReadonlyMap<string, { value: number; tex: string }> = new Map([
  ['pi', { value: Math.PI, tex: '\\pi' }],
  ['e', { value: Math.E, tex: 'e' }],
]);

/** The rule of an operation name; throws only on a programming error (names come from the parser). */
export function rule(name: string): Rule {
  const r = RULES.get(name);
  if (!r) throw new Error(`no rule named ${name}`);
  return r;
}

/** A node's operation as plain text, for terminals and captions: `v-1 × v0`, `ln(v-1)`. */
export function plainOp(r: Rule, a: string, b: string): string {
  if (r.syntax === 'prefix') return `${r.symbol}${a}`;
  if (r.syntax === 'infix') return `${a} ${r.symbol} ${b}`;
  return r.arity === 1 ? `${r.name}(${a})` : `${r.name}(${a}, ${b})`;
}
