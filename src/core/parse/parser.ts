/**
 * Recursive-descent parser for the expression language (CONTRACTS §1), one function per precedence
 * level, loosest first:
 *
 *   program  := statement ((';' | newline) statement)*
 *   statement:= name '=' sum | sum
 *   sum      := product (('+' | '-') product)*          left-associative
 *   product  := unary (('*' | '/') unary)*               left-associative
 *   unary    := ('-' | '+') unary | power
 *   power    := primary ('^' unary)?                     right-associative, so 2^-x and 2^3^2 work
 *   primary  := number | constant | name | function '(' sum (',' sum)* ')' | '(' sum ')'
 *
 * Every failure is a `SourceError` with `[start, end)` offsets. Nesting depth (parentheses, unary
 * signs, chains of `^`) and the number of operations are bounded by named limits, so no input can
 * exhaust the stack or freeze the page.
 */
import { CONSTANTS, FUNCTIONS } from '../rules';
import { columnOf, ParseFailure, type SourceError, type SourceWarning } from './errors';
import { lex, type Token } from './lexer';

/** Longest expression text accepted, checked before lexing. */
export const MAX_SOURCE_LENGTH = 20_000;
/** Deepest nesting of parentheses, unary signs and `^` chains. */
export const MAX_NESTING_DEPTH = 256;
/** Most operations (operators and function calls) in one text. */
export const MAX_OPERATIONS = 2_000;

export interface ParseLimits {
  readonly maxLength: number;
  readonly maxDepth: number;
  readonly maxOperations: number;
}

export const DEFAULT_LIMITS: ParseLimits = {
  maxLength: MAX_SOURCE_LENGTH,
  maxDepth: MAX_NESTING_DEPTH,
  maxOperations: MAX_OPERATIONS,
};

export type Span = readonly [number, number];

export type Ast =
  | { readonly type: 'num'; readonly value: number; readonly tex: string | null; readonly span: Span }
  | { readonly type: 'var'; readonly name: string; readonly span: Span }
  | { readonly type: 'op'; readonly op: string; readonly args: readonly Ast[]; readonly span: Span };

export interface Statement {
  /** The name given with `name = …`, or null for a bare expression. */
  readonly name: string | null;
  readonly expr: Ast;
  readonly span: Span;
}

export interface Program {
  readonly statements: readonly Statement[];
  readonly warnings: readonly SourceWarning[];
}

export type ParseResult =
  { readonly ok: true; readonly program: Program } | { readonly ok: false; readonly error: SourceError };

const INFIX: Readonly<Record<string, string>> = {
  '+': 'add',
  '-': 'sub',
  '*': 'mul',
  '/': 'div',
  '^': 'pow',
};

/** Parses expression text into statements. Never throws. */
export function parse(text: string, limits: ParseLimits = DEFAULT_LIMITS): ParseResult {
  try {
    if (text.length > limits.maxLength) {
      throw new ParseFailure(
        `Expression too long: ${text.length} characters (limit ${limits.maxLength})`,
        limits.maxLength,
        text.length,
      );
    }
    const warnings: SourceWarning[] = [];
    const tokens = lex(text, warnings);
    const statements = new Parser(tokens, limits).program();
    return { ok: true, program: { statements, warnings } };
  } catch (e) {
    if (e instanceof ParseFailure) return { ok: false, error: e.toSourceError() };
    // A RangeError here would be a bug in the depth limit; report it as an ordinary error all the same.
    return { ok: false, error: { message: 'Expression too complex to read', start: 0, end: text.length } };
  }
}

const quote = (t: Token): string =>
  t.type === 'sep' ? (t.text === ';' ? "';'" : 'the end of the line') : `'${t.text}'`;

class Parser {
  private pos = 0;
  private depth = 0;
  private operations = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly limits: ParseLimits,
  ) {}

  private get tok(): Token {
    return this.tokens[this.pos]!;
  }

  private peek(k = 1): Token {
    return this.tokens[Math.min(this.pos + k, this.tokens.length - 1)]!;
  }

  private next(): Token {
    const t = this.tok;
    if (t.type !== 'eof') this.pos++;
    return t;
  }

  private at(type: Token['type']): boolean {
    return this.tok.type === type;
  }

  /** Whether the current token is the operator `a` or `b` (two fixed arguments: no array per call). */
  private isOp(a: string, b: string = a): boolean {
    const t = this.tok;
    return t.type === 'op' && (t.text === a || t.text === b);
  }

  private enter(at: Token): void {
    if (++this.depth > this.limits.maxDepth) {
      throw new ParseFailure(`Nested too deeply (limit ${this.limits.maxDepth})`, at.start, at.end);
    }
  }

  private countOperation(at: Token): void {
    if (++this.operations > this.limits.maxOperations) {
      throw new ParseFailure(
        `Expression too large (limit ${this.limits.maxOperations} operations)`,
        at.start,
        at.end,
      );
    }
  }

  program(): Statement[] {
    const statements: Statement[] = [];
    for (;;) {
      while (this.at('sep')) this.next();
      if (this.at('eof')) break;
      statements.push(this.statement());
      if (!this.at('sep') && !this.at('eof')) this.unexpected();
    }
    if (statements.length === 0) throw new ParseFailure('Enter an expression', 0, this.tok.end);
    return statements;
  }

  private statement(): Statement {
    const first = this.tok;
    if (first.type === 'ident' && this.peek().type === 'eq') {
      if (FUNCTIONS.has(first.text) || CONSTANTS.has(first.text)) {
        const what = FUNCTIONS.has(first.text) ? 'a function' : 'a constant';
        throw new ParseFailure(
          `'${first.text}' is ${what} and cannot be assigned: choose another name`,
          first.start,
          first.end,
        );
      }
      this.next();
      const eq = this.next();
      if (this.at('sep') || this.at('eof')) {
        throw new ParseFailure(`Expected an expression after '='`, eq.start, eq.end);
      }
      const expr = this.sum();
      return { name: first.text, expr, span: [first.start, expr.span[1]] };
    }
    const expr = this.sum();
    return { name: null, expr, span: expr.span };
  }

  private binary(op: Token, left: Ast, right: Ast): Ast {
    return { type: 'op', op: INFIX[op.text]!, args: [left, right], span: [left.span[0], right.span[1]] };
  }

  private sum(): Ast {
    let left = this.product();
    while (this.isOp('+', '-')) {
      const op = this.next();
      this.countOperation(op);
      left = this.binary(op, left, this.product());
    }
    return left;
  }

  private product(): Ast {
    let left = this.unary();
    while (this.isOp('*', '/')) {
      const op = this.next();
      this.countOperation(op);
      left = this.binary(op, left, this.unary());
    }
    return left;
  }

  private unary(): Ast {
    if (this.isOp('-', '+')) {
      const op = this.next();
      this.enter(op);
      const operand = this.unary();
      this.depth--;
      if (op.text === '+') return { ...operand, span: [op.start, operand.span[1]] } as Ast;
      this.countOperation(op);
      return { type: 'op', op: 'neg', args: [operand], span: [op.start, operand.span[1]] };
    }
    return this.power();
  }

  private power(): Ast {
    const base = this.primary();
    this.checkMissingOperator();
    if (this.isOp('^')) {
      const op = this.next();
      this.enter(op);
      this.countOperation(op);
      const exponent = this.unary();
      this.depth--;
      return this.binary(op, base, exponent);
    }
    return base;
  }

  /** `2x1`, `3(x+1)`, `x1 x2`: a value directly after a value. */
  private checkMissingOperator(): void {
    const t = this.tok;
    if (t.type !== 'num' && t.type !== 'ident' && t.type !== 'lparen') return;
    const prev = this.tokens[this.pos - 1]!;
    const a = prev.type === 'rparen' ? '(…)' : prev.text;
    const b = t.type === 'lparen' ? '(' : t.text;
    const write = t.type === 'lparen' ? `${a}*(…)` : `${a}*${b}`;
    throw new ParseFailure(
      `Missing operator between '${prev.text}' and '${b}' — write ${write}`,
      t.start,
      t.end,
    );
  }

  private primary(): Ast {
    const t = this.tok;
    switch (t.type) {
      case 'num':
        this.next();
        return { type: 'num', value: t.value!, tex: null, span: [t.start, t.end] };
      case 'ident':
        return this.name();
      case 'lparen': {
        this.next();
        this.enter(t);
        if (this.at('rparen')) throw new ParseFailure(`Expected a value inside '()'`, t.start, this.tok.end);
        const inner = this.sum();
        this.closeParen(t);
        this.depth--;
        return inner;
      }
      default:
        return this.missingValue();
    }
  }

  private name(): Ast {
    const t = this.next();
    const fnRule = FUNCTIONS.get(t.text);
    const constant = CONSTANTS.get(t.text);
    if (this.at('lparen')) {
      if (!fnRule) {
        const hint = constant ? '' : `; to multiply, write ${t.text}*(…)`;
        throw new ParseFailure(`Unknown function '${t.text}'${hint}`, t.start, t.end);
      }
      const open = this.next();
      this.enter(open);
      this.countOperation(t);
      const args: Ast[] = [];
      if (!this.at('rparen')) {
        args.push(this.sum());
        while (this.at('comma')) {
          this.next();
          args.push(this.sum());
        }
      }
      const close = this.closeParen(open);
      this.depth--;
      if (args.length !== fnRule.arity) {
        const s = fnRule.arity === 1 ? '' : 's';
        throw new ParseFailure(
          `${t.text} takes ${fnRule.arity} argument${s}, got ${args.length}`,
          t.start,
          close.end,
        );
      }
      return { type: 'op', op: fnRule.name, args, span: [t.start, close.end] };
    }
    if (fnRule) {
      const n = this.tok;
      const inside = n.type === 'num' || n.type === 'ident' ? n.text : fnRule.arity === 1 ? 'x' : 'a, b';
      throw new ParseFailure(`${t.text} needs parentheses: ${t.text}(${inside})`, t.start, t.end);
    }
    if (constant) return { type: 'num', value: constant.value, tex: constant.tex, span: [t.start, t.end] };
    return { type: 'var', name: t.text, span: [t.start, t.end] };
  }

  private closeParen(open: Token): Token {
    if (this.at('rparen')) return this.next();
    if (this.at('eof') || this.at('sep')) {
      throw new ParseFailure(`'(' at col ${columnOf(open.start)} is never closed`, open.start, open.end);
    }
    if (this.at('comma')) {
      const fnTok = this.tokens[this.tokens.indexOf(open) - 1];
      if (fnTok?.type !== 'ident') {
        throw new ParseFailure(
          `Unexpected ',': use '.' as the decimal mark, and ',' only between a function's arguments`,
          this.tok.start,
          this.tok.end,
        );
      }
    }
    return this.unexpected();
  }

  private missingValue(): never {
    const t = this.tok;
    const prev = this.tokens[this.pos - 1];
    if (t.type === 'eof' || t.type === 'sep') {
      if (!prev || prev.type === 'sep') throw new ParseFailure('Enter an expression', t.start, t.end);
      throw new ParseFailure(`Expected a value after ${quote(prev)}`, t.start, t.end);
    }
    return this.unexpected();
  }

  private unexpected(): never {
    const t = this.tok;
    if (t.type === 'rparen') throw new ParseFailure(`Unmatched ')'`, t.start, t.end);
    if (t.type === 'eq')
      throw new ParseFailure(`Only a name can stand left of '=', as in y = x^2`, t.start, t.end);
    if (t.type === 'comma') {
      throw new ParseFailure(
        `Unexpected ',': use '.' as the decimal mark, and ',' only between a function's arguments`,
        t.start,
        t.end,
      );
    }
    throw new ParseFailure(`Unexpected ${quote(t)}`, t.start, t.end);
  }
}
