/**
 * Recursive-descent parser for the language (CONTRACTS §1 and §1b), one function per precedence
 * level, loosest first:
 *
 *   program   := block
 *   block     := (statement ((';' | newline) statement)*)?
 *   statement := if | for | while | return | name '=' sum | sum
 *   if        := 'if' condition '{' block '}' ('else' 'if' condition '{' block '}')* ('else' '{' block '}')?
 *   for       := 'for' name 'in' sum '..' sum '{' block '}'          inclusive integer range
 *   while     := 'while' condition '{' block '}'
 *   return    := 'return' sum (',' sum)*                            the last statement only
 *   condition := conjunction ('or' conjunction)*
 *   conjunction := negation ('and' negation)*
 *   negation  := 'not' negation | '(' condition ')' | sum relation sum
 *   sum       := product (('+' | '-') product)*          left-associative
 *   product   := unary (('*' | '/') unary)*               left-associative
 *   unary     := ('-' | '+') unary | power
 *   power     := primary ('^' unary)?                     right-associative, so 2^-x and 2^3^2 work
 *   primary   := number | constant | name | function '(' sum (',' sum)* ')' | '(' sum ')'
 *
 * `if`, `else`, `for`, `while` and `return` are keywords; `in`, `and`, `or` and `not` are keywords only
 * where the grammar expects them (after a `for` variable, inside a condition), so older expressions
 * with an input called `in` keep working. Every failure is a `SourceError` with `[start, end)`
 * offsets, and the first one in reading order is reported. Nesting depth (parentheses, unary signs,
 * chains of `^`, blocks) and the number of operations written are bounded by named limits, so no
 * input can exhaust the stack or freeze the page.
 */
import { CONSTANTS, FUNCTIONS } from '../rules';
import { columnOf, ParseFailure, type SourceError, type SourceWarning } from './errors';
import { lex, type Token } from './lexer';
import { PostOrderWriter, type PostOrder } from './postOrder';

/** Longest expression text accepted, checked before lexing. */
export const MAX_SOURCE_LENGTH = 20_000;
/** Deepest nesting of parentheses, unary signs, `^` chains and blocks. */
export const MAX_NESTING_DEPTH = 256;
/** Most operations (operators and function calls) in one text, and on the path a program takes. */
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

/** A comparison of two expressions in a condition. */
export type Comparison = '<' | '<=' | '>' | '>=' | '==' | '!=';

export type Condition =
  | {
      readonly type: 'compare';
      readonly rel: Comparison;
      readonly left: Ast;
      readonly right: Ast;
      readonly span: Span;
    }
  | {
      readonly type: 'and' | 'or';
      readonly left: Condition;
      readonly right: Condition;
      readonly span: Span;
    }
  | { readonly type: 'not'; readonly arg: Condition; readonly span: Span };

/** `name = expr`, or a bare `expr` (name null). */
export interface Assignment {
  readonly kind: 'assign';
  readonly name: string | null;
  readonly expr: Ast;
  readonly span: Span;
}

export interface IfArm {
  readonly cond: Condition;
  readonly body: readonly Statement[];
  /** From `if` (or `else if`) to the closing brace. */
  readonly span: Span;
}

export interface IfStatement {
  readonly kind: 'if';
  /** `if`, then each `else if`, in order. */
  readonly arms: readonly IfArm[];
  /** The `else` block, or null. */
  readonly otherwise: readonly Statement[] | null;
  readonly span: Span;
}

export interface ForStatement {
  readonly kind: 'for';
  readonly variable: string;
  readonly variableSpan: Span;
  readonly from: Ast;
  readonly to: Ast;
  readonly body: readonly Statement[];
  /** The header, `for i in 1..3`, for messages. */
  readonly headSpan: Span;
  readonly span: Span;
}

export interface WhileStatement {
  readonly kind: 'while';
  readonly cond: Condition;
  readonly body: readonly Statement[];
  readonly span: Span;
}

export interface ReturnStatement {
  readonly kind: 'return';
  readonly values: readonly Ast[];
  readonly span: Span;
}

export type Statement = Assignment | IfStatement | ForStatement | WhileStatement | ReturnStatement;

export interface Program {
  readonly statements: readonly Statement[];
  readonly warnings: readonly SourceWarning[];
  /** Operations (operators and function calls) written, where the parser counted them: sizes the tape's tables. */
  readonly operations?: number;
  /** The expressions' nodes in post-order, as the parser made them (src/core/parse/postOrder.ts). */
  readonly postOrder?: PostOrder;
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

/** Words that start statements; they cannot name a variable. */
export const KEYWORDS: ReadonlySet<string> = new Set(['if', 'else', 'for', 'while', 'return']);
/** Words of conditions and `for` headers, keywords only where the grammar expects them. */
export const CONDITION_WORDS: ReadonlySet<string> = new Set(['and', 'or', 'not', 'in']);

/** Parses program text into statements. Never throws. */
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
    const parser = new Parser(tokens, limits);
    const statements = parser.program();
    const program: Program = {
      statements,
      warnings,
      operations: parser.written,
      postOrder: parser.post.finish(),
    };
    return { ok: true, program };
  } catch (e) {
    if (e instanceof ParseFailure) return { ok: false, error: e.toSourceError() };
    // A RangeError here would be a bug in the depth limit; report it as an ordinary error all the same.
    return { ok: false, error: { message: 'Expression too complex to read', start: 0, end: text.length } };
  }
}

const quote = (t: Token): string =>
  t.type === 'sep'
    ? t.text === ';'
      ? "';'"
      : 'the end of the line'
    : t.type === 'eof'
      ? 'the end'
      : `'${t.text}'`;

/** Levenshtein distance, stopping early past `max` (names are short). */
function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row.push(Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    }
    prev = row;
  }
  return prev[b.length]!;
}

/** Names people reach for that the language spells otherwise. */
const ALIASES: ReadonlyMap<string, string> = new Map([
  ['arcsin', 'asin'],
  ['arccos', 'acos'],
  ['arctan', 'atan'],
  ['power', 'pow'],
  ['logistic', 'sigmoid'],
  ['sig', 'sigmoid'],
  ['maximum', 'max'],
  ['minimum', 'min'],
  ['sqr', 'sqrt'],
  ['absolute', 'abs'],
]);

/** The function a mistyped name most likely meant: `Sin` → `sin`, `arcsin` → `asin`, `sine` → `sin`. */
export function suggestFunction(name: string): string | null {
  const lower = name.toLowerCase();
  if (FUNCTIONS.has(lower)) return lower;
  const alias = ALIASES.get(lower);
  if (alias) return alias;
  if (lower.length < 3) return null;
  const max = lower.length >= 6 ? 2 : 1;
  let best: string | null = null;
  let bestD = max + 1;
  for (const f of FUNCTIONS.keys()) {
    const d = distance(lower, f, max);
    if (d < bestD) {
      best = f;
      bestD = d;
    }
  }
  return bestD <= max ? best : null;
}

class Parser {
  private pos = 0;
  private depth = 0;
  private operations = 0;
  /** The expressions' nodes in the order they are made (post-order), for building tapes. */
  readonly post = new PostOrderWriter();

  /** Operations written in the whole text. */
  get written(): number {
    return this.operations;
  }

  constructor(
    private readonly tokens: readonly Token[],
    private readonly limits: ParseLimits,
  ) {}

  /** The current token; a character the lexer refused is raised here, when reading reaches it. */
  private get tok(): Token {
    const t = this.tokens[this.pos]!;
    if (t.type === 'error') throw t.failure!;
    return t;
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

  /** Whether the current token is the word `w` (an identifier). */
  private atWord(w: string): boolean {
    const t = this.tok;
    return t.type === 'ident' && t.text === w;
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

  private skipSeparators(): void {
    while (this.at('sep')) this.next();
  }

  program(): Statement[] {
    const statements = this.block(null);
    if (!this.at('eof')) this.unexpected();
    if (statements.length === 0) throw new ParseFailure('Enter an expression', 0, this.tok.end);
    const last = statements.length - 1;
    statements.forEach((s, i) => {
      if (s.kind === 'return' && i !== last) {
        throw new ParseFailure(
          `return must be the last statement: the statements after it would never run`,
          s.span[0],
          s.span[0] + 6,
        );
      }
    });
    return statements;
  }

  /** Statements up to `}` (inside braces, `open` is the `{`) or the end of the text. */
  private block(open: Token | null): Statement[] {
    const statements: Statement[] = [];
    for (;;) {
      this.skipSeparators();
      if (this.at('eof') || this.at('rbrace')) break;
      statements.push(this.statement(open !== null));
      if (!this.at('sep') && !this.at('eof') && !this.at('rbrace')) this.unexpected();
    }
    if (open === null && this.at('rbrace')) {
      throw new ParseFailure(`Unmatched '}'`, this.tok.start, this.tok.end);
    }
    return statements;
  }

  /** `{ block }`, after a condition or a `for` header. */
  private braced(what: string): { body: Statement[]; close: Token } {
    if (!this.at('lbrace')) {
      const t = this.tok;
      throw new ParseFailure(`Expected '{' to start the body of ${what}, found ${quote(t)}`, t.start, t.end);
    }
    const open = this.next();
    this.enter(open);
    const body = this.block(open);
    if (!this.at('rbrace')) {
      throw new ParseFailure(`'{' at col ${columnOf(open.start)} is never closed`, open.start, open.end);
    }
    const close = this.next();
    this.depth--;
    return { body, close };
  }

  private statement(nested: boolean): Statement {
    const first = this.tok;
    if (first.type === 'ident' && KEYWORDS.has(first.text) && this.peek().type !== 'eq') {
      switch (first.text) {
        case 'if':
          return this.ifStatement();
        case 'for':
          return this.forStatement();
        case 'while':
          return this.whileStatement();
        case 'return':
          if (nested) {
            throw new ParseFailure(
              'return must be the last statement of the program, not inside a block',
              first.start,
              first.end,
            );
          }
          return this.returnStatement();
        default:
          throw new ParseFailure(`'else' must follow the '}' of an if`, first.start, first.end);
      }
    }
    if (first.type === 'ident' && this.peek().type === 'eq') {
      if (FUNCTIONS.has(first.text) || CONSTANTS.has(first.text) || KEYWORDS.has(first.text)) {
        const what = FUNCTIONS.has(first.text)
          ? 'a function'
          : CONSTANTS.has(first.text)
            ? 'a constant'
            : 'a keyword';
        throw new ParseFailure(
          `'${first.text}' is ${what} and cannot be assigned: choose another name`,
          first.start,
          first.end,
        );
      }
      this.next();
      const eq = this.next();
      if (this.at('sep') || this.at('eof') || this.at('rbrace')) {
        throw new ParseFailure(`Expected an expression after '='`, eq.start, eq.end);
      }
      const start = this.post.length;
      const expr = this.sum();
      this.post.ranges.set(expr, [start, this.post.length]);
      return { kind: 'assign', name: first.text, expr, span: [first.start, expr.span[1]] };
    }
    if (first.type === 'lbrace') {
      throw new ParseFailure(
        `Unexpected '{': a block follows if, else, for or while`,
        first.start,
        first.end,
      );
    }
    const start = this.post.length;
    const expr = this.sum();
    this.post.ranges.set(expr, [start, this.post.length]);
    if (this.at('rel')) {
      const t = this.tok;
      throw new ParseFailure(
        `A comparison such as ${quote(t)} belongs in an if or while condition`,
        t.start,
        t.end,
      );
    }
    return { kind: 'assign', name: null, expr, span: expr.span };
  }

  private ifStatement(): IfStatement {
    const arms: IfArm[] = [];
    let start = this.tok.start;
    let otherwise: Statement[] | null = null;
    let end: number;
    for (;;) {
      this.next(); // `if`
      const cond = this.condition();
      const { body, close } = this.braced('the if');
      arms.push({ cond, body, span: [start, close.end] });
      end = close.end;
      // `} else` may be on the next line.
      let k = 0;
      while (this.peek(k).type === 'sep' && this.peek(k).text === '\n') k++;
      const after = this.peek(k);
      if (after.type !== 'ident' || after.text !== 'else') break;
      for (let j = 0; j < k; j++) this.next();
      const elseTok = this.next();
      if (this.atWord('if')) {
        start = elseTok.start;
        continue;
      }
      const { body: elseBody, close: elseClose } = this.braced('the else');
      otherwise = elseBody;
      end = elseClose.end;
      break;
    }
    return { kind: 'if', arms, otherwise, span: [arms[0]!.span[0], end] };
  }

  private forStatement(): ForStatement {
    const forTok = this.next();
    const v = this.tok;
    if (v.type !== 'ident' || KEYWORDS.has(v.text)) {
      throw new ParseFailure(`Expected a loop variable after 'for', as in for i in 1..3`, v.start, v.end);
    }
    if (FUNCTIONS.has(v.text) || CONSTANTS.has(v.text)) {
      const what = FUNCTIONS.has(v.text) ? 'a function' : 'a constant';
      throw new ParseFailure(`'${v.text}' is ${what}: choose another loop variable`, v.start, v.end);
    }
    this.next();
    if (!this.atWord('in')) {
      const t = this.tok;
      throw new ParseFailure(
        `Expected 'in' after the loop variable, as in for ${v.text} in 1..3`,
        t.start,
        t.end,
      );
    }
    this.next();
    const from = this.sum();
    if (!this.at('range')) {
      const t = this.tok;
      throw new ParseFailure(`Expected '..' in the range, as in for ${v.text} in 1..3`, t.start, t.end);
    }
    this.next();
    const to = this.sum();
    const headSpan: Span = [forTok.start, to.span[1]];
    const { body, close } = this.braced('the for loop');
    return {
      kind: 'for',
      variable: v.text,
      variableSpan: [v.start, v.end],
      from,
      to,
      body,
      headSpan,
      span: [forTok.start, close.end],
    };
  }

  private whileStatement(): WhileStatement {
    const whileTok = this.next();
    const cond = this.condition();
    const { body, close } = this.braced('the while loop');
    return { kind: 'while', cond, body, span: [whileTok.start, close.end] };
  }

  private returnStatement(): ReturnStatement {
    const ret = this.next();
    if (this.at('sep') || this.at('eof') || this.at('rbrace')) {
      throw new ParseFailure(`Expected what to return after 'return', as in return y`, ret.start, ret.end);
    }
    const values = [this.sum()];
    while (this.at('comma')) {
      this.next();
      values.push(this.sum());
    }
    return { kind: 'return', values, span: [ret.start, values[values.length - 1]!.span[1]] };
  }

  // Conditions -----------------------------------------------------------------------------------

  private condition(): Condition {
    let left = this.conjunction();
    while (this.atWord('or')) {
      this.next();
      const right = this.conjunction();
      left = { type: 'or', left, right, span: [left.span[0], right.span[1]] };
    }
    return left;
  }

  private conjunction(): Condition {
    let left = this.negation();
    while (this.atWord('and')) {
      this.next();
      const right = this.negation();
      left = { type: 'and', left, right, span: [left.span[0], right.span[1]] };
    }
    return left;
  }

  private negation(): Condition {
    const t = this.tok;
    if (t.type === 'ident' && t.text === 'not') {
      this.next();
      this.enter(t);
      const arg = this.negation();
      this.depth--;
      return { type: 'not', arg, span: [t.start, arg.span[1]] };
    }
    if (t.type === 'lparen') {
      // `(a > b and c < d)` or `(a + b) > c`: try the comparison first, then a grouped condition.
      const mark = { pos: this.pos, depth: this.depth, operations: this.operations, post: this.post.length };
      try {
        return this.comparison();
      } catch (first) {
        if (!(first instanceof ParseFailure)) throw first;
        const reached = this.pos;
        this.pos = mark.pos;
        this.depth = mark.depth;
        this.operations = mark.operations;
        this.post.length = mark.post;
        try {
          this.next();
          this.enter(t);
          const inner = this.condition();
          if (!this.at('rparen')) this.closeParen(t);
          const close = this.next();
          this.depth--;
          return { ...inner, span: [t.start, close.end] };
        } catch (second) {
          // Report the reading that got further.
          if (second instanceof ParseFailure && this.pos < reached) throw first;
          throw second;
        }
      }
    }
    return this.comparison();
  }

  private comparison(): Condition {
    const left = this.sum();
    const t = this.tok;
    if (t.type !== 'rel') {
      if (t.type === 'eq') {
        throw new ParseFailure(`To compare, write == (a single = assigns)`, t.start, t.end);
      }
      throw new ParseFailure(
        `Expected a comparison (<, <=, >, >=, == or !=) after the expression, found ${quote(t)}`,
        t.start,
        t.end,
      );
    }
    this.next();
    const right = this.sum();
    const after = this.tok;
    if (after.type === 'rel') {
      throw new ParseFailure(
        `Comparisons do not chain: write a ${t.text} b and b ${after.text} c`,
        after.start,
        after.end,
      );
    }
    return { type: 'compare', rel: t.text as Comparison, left, right, span: [left.span[0], right.span[1]] };
  }

  // Expressions ----------------------------------------------------------------------------------

  private binary(op: Token, left: Ast, right: Ast): Ast {
    return this.post.add({
      type: 'op',
      op: INFIX[op.text]!,
      args: [left, right],
      span: [left.span[0], right.span[1]],
    });
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
      if (op.text === '+')
        return this.post.replaceLast({ ...operand, span: [op.start, operand.span[1]] } as Ast);
      this.countOperation(op);
      return this.post.add({ type: 'op', op: 'neg', args: [operand], span: [op.start, operand.span[1]] });
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
    const t = this.tokens[this.pos]!;
    if (t.type !== 'num' && t.type !== 'ident' && t.type !== 'lparen') return;
    // Words that continue a condition or a `for` header are not values.
    if (t.type === 'ident' && (CONDITION_WORDS.has(t.text) || KEYWORDS.has(t.text))) return;
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
        return this.post.add({ type: 'num', value: t.value!, tex: null, span: [t.start, t.end] });
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
    if (KEYWORDS.has(t.text)) {
      throw new ParseFailure(
        `'${t.text}' is a keyword: it starts a statement and cannot be used as a value`,
        t.start,
        t.end,
      );
    }
    const fnRule = FUNCTIONS.get(t.text);
    const constant = CONSTANTS.get(t.text);
    if (this.at('lparen')) {
      if (!fnRule) {
        const near = constant ? null : suggestFunction(t.text);
        const hint = near ? ` — did you mean ${near}?` : constant ? '' : `; to multiply, write ${t.text}*(…)`;
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
      return this.post.add({ type: 'op', op: fnRule.name, args, span: [t.start, close.end] });
    }
    if (fnRule) {
      const n = this.tokens[this.pos]!;
      const inside = n.type === 'num' || n.type === 'ident' ? n.text : fnRule.arity === 1 ? 'x' : 'a, b';
      throw new ParseFailure(`${t.text} needs parentheses: ${t.text}(${inside})`, t.start, t.end);
    }
    if (constant) {
      return this.post.add({ type: 'num', value: constant.value, tex: constant.tex, span: [t.start, t.end] });
    }
    return this.post.add({ type: 'var', name: t.text, span: [t.start, t.end] });
  }

  private closeParen(open: Token): Token {
    if (this.at('rparen')) return this.next();
    if (this.at('eof') || this.at('sep') || this.at('rbrace') || this.at('lbrace')) {
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
    if (t.type === 'eof' || t.type === 'sep' || t.type === 'rbrace') {
      if (!prev || prev.type === 'sep') throw new ParseFailure('Enter an expression', t.start, t.end);
      throw new ParseFailure(`Expected a value after ${quote(prev)}`, t.start, t.end);
    }
    return this.unexpected();
  }

  private unexpected(): never {
    const t = this.tok;
    if (t.type === 'rparen') throw new ParseFailure(`Unmatched ')'`, t.start, t.end);
    if (t.type === 'rbrace') throw new ParseFailure(`Unmatched '}'`, t.start, t.end);
    if (t.type === 'eq')
      throw new ParseFailure(`Only a name can stand left of '=', as in y = x^2`, t.start, t.end);
    if (t.type === 'range') {
      throw new ParseFailure(`'..' belongs in a for loop's range, as in for i in 1..3`, t.start, t.end);
    }
    if (t.type === 'comma') {
      throw new ParseFailure(
        `Unexpected ',': use '.' as the decimal mark, and ',' only between a function's arguments`,
        t.start,
        t.end,
      );
    }
    if (t.type === 'rel') {
      throw new ParseFailure(
        `A comparison such as ${quote(t)} belongs in an if or while condition`,
        t.start,
        t.end,
      );
    }
    throw new ParseFailure(`Unexpected ${quote(t)}`, t.start, t.end);
  }
}
