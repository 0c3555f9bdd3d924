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
import type { Ast, Program, Statement } from './parser';

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

/** A statement as text: `name = expr` or a bare `expr`. */
export function printStatement(statement: Statement): string {
  const expr = printExpression(statement.expr);
  return statement.name === null ? expr : `${statement.name} = ${expr}`;
}

/** A whole program, one statement per `;`. */
export function printProgram(program: Pick<Program, 'statements'>): string {
  return program.statements.map(printStatement).join('; ');
}
