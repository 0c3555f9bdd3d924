/**
 * The printer: a parsed tree back to expression text, with the fewest parentheses the grammar needs.
 *
 * It is the inverse of `parse` up to spans and spelling: `parse(print(p))` is `p` again, node for
 * node (tested as a property). Operators print as `+ - * / ^` (a `pow(a, b)` call prints as `a^b`,
 * which parses to the same node), functions by name, constants by name, numbers with the shortest
 * decimal text that reads back as the same double (`String(x)`).
 *
 * Precedence levels, loosest first, as in the parser: sum (`+ -`, left), product (`* /`, left),
 * unary (`-`), power (`^`, right; its base is a primary), primary.
 */
import { CONSTANTS, RULES } from '../rules';
import type { Ast, Condition, Program, Statement } from './parser';

const Level = { Sum: 1, Product: 2, Unary: 3, Power: 4, Primary: 5 } as const;
type Level = (typeof Level)[keyof typeof Level];

const INFIX: Readonly<Record<string, { symbol: string; level: Level }>> = {
  add: { symbol: ' + ', level: Level.Sum },
  sub: { symbol: ' - ', level: Level.Sum },
  mul: { symbol: '*', level: Level.Product },
  div: { symbol: '/', level: Level.Product },
  pow: { symbol: '^', level: Level.Power },
};

/** Constant TeX → the name that reads back to it (`\pi` → `pi`). */
const CONSTANT_NAMES: ReadonlyMap<string, string> = new Map(
  [...CONSTANTS].map(([name, c]) => [c.tex, name] as const),
);

function levelOf(ast: Ast): Level {
  if (ast.type !== 'op') return Level.Primary;
  if (ast.op === 'neg') return Level.Unary;
  return INFIX[ast.op]?.level ?? Level.Primary;
}

/** A number literal's text. Literals are never negative, NaN or infinite (the lexer reads none). */
function numberText(ast: Extract<Ast, { type: 'num' }>): string {
  const name = ast.tex === null ? undefined : CONSTANT_NAMES.get(ast.tex);
  if (name !== undefined && CONSTANTS.get(name)!.value === ast.value) return name;
  return String(ast.value);
}

/**
 * Text of `ast`, parenthesised if it binds looser than `min` (the level its position requires).
 * Recursive: a parsed tree is at most `MAX_OPERATIONS` deep (chains of `+` are not nesting).
 */
function printAt(ast: Ast, min: Level): string {
  const text = printBare(ast);
  return levelOf(ast) < min ? `(${text})` : text;
}

function printBare(ast: Ast): string {
  if (ast.type === 'num') return numberText(ast);
  if (ast.type === 'var') return ast.name;
  const [a, b] = ast.args;
  if (ast.op === 'neg') return `-${printAt(a!, Level.Unary)}`;
  const infix = INFIX[ast.op];
  if (infix && ast.args.length === 2) {
    switch (infix.level) {
      case Level.Sum:
        return `${printAt(a!, Level.Sum)}${infix.symbol}${printAt(b!, Level.Product)}`;
      case Level.Product:
        return `${printAt(a!, Level.Product)}${infix.symbol}${printAt(b!, Level.Unary)}`;
      default:
        // power := primary '^' unary
        return `${printAt(a!, Level.Primary)}${infix.symbol}${printAt(b!, Level.Unary)}`;
    }
  }
  const name = RULES.get(ast.op)?.name ?? ast.op;
  return `${name}(${ast.args.map((x) => printAt(x, Level.Sum)).join(', ')})`;
}

/** An expression tree as text: `-(x1^2)` prints as `-x1^2`, `(a - b) - c` as `a - b - c`. */
export function printExpression(ast: Ast): string {
  return printAt(ast, Level.Sum);
}

/** A condition as text: `y > 10`, `a < b and not (c == d)`, with the parentheses it needs. */
export function printCondition(c: Condition): string {
  const level = (x: Condition): number => (x.type === 'or' ? 1 : x.type === 'and' ? 2 : 3);
  const at = (x: Condition, min: number): string => {
    const text = bare(x);
    return level(x) < min ? `(${text})` : text;
  };
  const bare = (x: Condition): string => {
    switch (x.type) {
      case 'compare':
        return `${printExpression(x.left)} ${x.rel} ${printExpression(x.right)}`;
      case 'not':
        return `not ${at(x.arg, 3)}`;
      case 'and':
        return `${at(x.left, 2)} and ${at(x.right, 3)}`;
      case 'or':
        return `${at(x.left, 1)} or ${at(x.right, 2)}`;
    }
  };
  return bare(c);
}

function printBlock(body: readonly Statement[], indent: string | null): string {
  if (body.length === 0) return '{ }';
  if (indent === null) return `{ ${body.map((s) => printStatement(s, null)).join('; ')} }`;
  const inner = `${indent}  `;
  return `{\n${body.map((s) => inner + printStatement(s, inner)).join('\n')}\n${indent}}`;
}

/**
 * A statement as text: `name = expr`, a bare `expr`, or a control-flow statement with its blocks.
 * With `indent` null, on one line (`if x > 0 { y = x } else { y = -x }`); else over several lines,
 * each nested line indented by two more spaces than `indent`.
 */
export function printStatement(statement: Statement, indent: string | null = null): string {
  switch (statement.kind) {
    case 'assign': {
      const expr = printExpression(statement.expr);
      return statement.name === null ? expr : `${statement.name} = ${expr}`;
    }
    case 'return':
      return `return ${statement.values.map(printExpression).join(', ')}`;
    case 'for':
      return `for ${statement.variable} in ${printExpression(statement.from)}..${printExpression(statement.to)} ${printBlock(statement.body, indent)}`;
    case 'while':
      return `while ${printCondition(statement.cond)} ${printBlock(statement.body, indent)}`;
    case 'if': {
      const arms = statement.arms
        .map((a) => `if ${printCondition(a.cond)} ${printBlock(a.body, indent)}`)
        .join(' else ');
      return statement.otherwise === null ? arms : `${arms} else ${printBlock(statement.otherwise, indent)}`;
    }
  }
}

/**
 * A whole program: one statement per `;` on one line (the default), or with `multiline` one statement
 * per line with blocks indented, as a person would write it.
 */
export function printProgram(program: Pick<Program, 'statements'>, multiline = false): string {
  return multiline
    ? program.statements.map((s) => printStatement(s, '')).join('\n')
    : program.statements.map((s) => printStatement(s, null)).join('; ');
}
