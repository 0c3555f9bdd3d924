/**
 * Program text → the same program in another language (Python or Julia), by walking the AST the way
 * the printer does (parse/print.ts): statements become native control flow, expressions keep their
 * shape with the fewest parentheses, each primitive is spelled by the language's row for it.
 *
 * The languages differ in three ways handled here:
 * - spelling: a `Language` holds one `OpSyntax` per rule-table row (a test walks RULE_LIST, so a new
 *   primitive cannot be forgotten), its keywords, and how blocks open and close;
 * - names: a name the language cannot take (a keyword, or a name the generated code uses itself)
 *   gets a trailing `_`; the language's names never contain `_`, so the new name is free;
 * - plain numbers: Python raises on `1.0/0.0` and `0.0**-1.0` where the page gives ∞, so a part of
 *   an expression made only of numbers that would raise is computed in the framework's floats
 *   (`f64(1.0) / f64(0.0)`); every other part stays as written.
 */
import type { Ast, Comparison, Condition, Statement } from '../parse/parser';
import type { ProgramInfo } from '../tape';
import { CONSTANTS, RULES } from '../rules';

/** Binding strength, loosest first, as in the parser and in Python and Julia alike. */
export const Level = { Sum: 1, Product: 2, Unary: 3, Power: 4, Primary: 5 } as const;
export type Level = (typeof Level)[keyof typeof Level];

/** How a language spells one primitive. */
export type OpSyntax =
  | { readonly kind: 'infix'; readonly symbol: string; readonly level: Level }
  | { readonly kind: 'prefix'; readonly symbol: string }
  /** A call `name(a)` / `name(a, b)`; `helper` names a function the program must define. */
  | { readonly kind: 'call'; readonly name: string; readonly helper?: string };

export interface Language {
  /** Block style: Python's `if c:` with indentation, or Julia's `if c` … `end`. */
  readonly style: 'python' | 'julia';
  /** Names the language cannot take, with the reason shown in the renaming comment. */
  readonly reserved: ReadonlyMap<string, string>;
  /** One row per primitive of the rule table, by its name. */
  readonly ops: Readonly<Record<string, OpSyntax>>;
  /** A named constant of the language (`pi`, `e`). */
  readonly constant: (name: string) => string;
  /**
   * The framework's float constructor when plain numbers must become framework values (Python):
   * in the risky parts described above, at assignments of plain numbers, and as arguments of the
   * calls that need framework values (`wrapArgs`).
   */
  readonly float: string | null;
  /** Which calls need framework values as arguments: helpers (Python) or every call (PyTorch). */
  readonly wrapArgs: 'none' | 'helpers' | 'all';
  readonly not: string;
  readonly and: string;
  readonly or: string;
  /** What the framework does differently at some points, by primitive: said in the program's header. */
  readonly notes: Readonly<Record<string, string>>;
}

/** A number as a float literal both languages read as the same double: `2` → `2.0`, `1e+21`. */
export function floatLiteral(x: number): string {
  const s = String(x);
  return /^-?\d+$/.test(s) ? `${s}.0` : s;
}

/** What the walk found that the surrounding program must provide. */
export interface Needs {
  readonly helpers: Set<string>;
  /** The float constructor was used. */
  float: boolean;
  /** A `for` loop exists (Python: `whole_numbers`; both: `bound`). */
  loops: boolean;
  /** `pi` or `e` was used. */
  constants: boolean;
  /** The primitives used (and `pow^`: a power with a varying exponent). */
  readonly ops: Set<string>;
}

export interface EmittedFunction {
  /** The function body's lines, not indented. */
  readonly body: readonly string[];
  /** Parameter names as the program spells them, in input order. */
  readonly params: readonly string[];
  /** `[original, renamed, reason]` for every name the program had to change. */
  readonly renamed: readonly (readonly [string, string, string])[];
  readonly needs: Needs;
}

const CONSTANT_NAMES: ReadonlyMap<string, string> = /* @__PURE__ */ new Map(
  [...CONSTANTS].map(([name, c]) => [c.tex, name] as const),
);

/** The constant's name when a literal is `pi` or `e`, as the printer decides it. */
const constantName = (ast: Extract<Ast, { type: 'num' }>): string | null => {
  const name = ast.tex === null ? undefined : CONSTANT_NAMES.get(ast.tex);
  return name !== undefined && CONSTANTS.get(name)!.value === ast.value ? name : null;
};

function isPlain(ast: Ast): boolean {
  if (ast.type === 'num') return true;
  if (ast.type === 'var') return false;
  return ast.args.every(isPlain);
}

/** A plain literal or a negated one: `2`, `-2`, `pi`. */
function isLiteral(ast: Ast): boolean {
  return ast.type === 'num' || (ast.type === 'op' && ast.op === 'neg' && ast.args[0]!.type === 'num');
}

/**
 * The value of a plain expression, and whether Python's floats would raise somewhere in it (division
 * by zero, `0.0 ** -1.0`, an overflowing power) or give a complex number (`(-8.0) ** (1/3)`).
 */
function plainValue(ast: Ast): { value: number; risky: boolean } {
  if (ast.type === 'num') return { value: ast.value, risky: false };
  if (ast.type === 'var') throw new Error('not plain');
  const parts = ast.args.map(plainValue);
  const [a, b] = [parts[0]!.value, parts[1]?.value ?? NaN];
  const value = RULES.get(ast.op)!.eval(a, b);
  let risky = parts.some((p) => p.risky);
  if (ast.op === 'div') risky ||= b === 0;
  if (ast.op === 'pow') {
    risky ||=
      (a === 0 && b < 0) ||
      (a < 0 && Number.isFinite(b) && !Number.isInteger(b)) ||
      (!Number.isFinite(value) && Number.isFinite(a) && Number.isFinite(b));
  }
  return { value, risky };
}

/** Every name a program uses: inputs, assigned names, loop variables, output names. */
function allNames(info: ProgramInfo): string[] {
  const names = new Set<string>([...info.inputs, ...info.outputs]);
  const expr = (a: Ast): void => {
    if (a.type === 'var') names.add(a.name);
    else if (a.type === 'op') a.args.forEach(expr);
  };
  const cond = (c: Condition): void => {
    if (c.type === 'compare') {
      expr(c.left);
      expr(c.right);
    } else if (c.type === 'not') cond(c.arg);
    else {
      cond(c.left);
      cond(c.right);
    }
  };
  const walk = (statements: readonly Statement[]): void => {
    for (const s of statements) {
      if (s.kind === 'assign') {
        if (s.name !== null) names.add(s.name);
        expr(s.expr);
      } else if (s.kind === 'return') s.values.forEach(expr);
      else if (s.kind === 'for') {
        names.add(s.variable);
        expr(s.from);
        expr(s.to);
        walk(s.body);
      } else if (s.kind === 'while') {
        cond(s.cond);
        walk(s.body);
      } else {
        for (const arm of s.arms) {
          cond(arm.cond);
          walk(arm.body);
        }
        if (s.otherwise) walk(s.otherwise);
      }
    }
  };
  walk(info.program.statements);
  return [...names];
}

/** Names assigned anywhere (Julia declares them `local` so that loops do not hide them). */
export function assignedNames(statements: readonly Statement[]): string[] {
  const names = new Set<string>();
  const walk = (list: readonly Statement[]): void => {
    for (const s of list) {
      if (s.kind === 'assign' && s.name !== null) names.add(s.name);
      else if (s.kind === 'for' || s.kind === 'while') walk(s.body);
      else if (s.kind === 'if') {
        s.arms.forEach((a) => walk(a.body));
        if (s.otherwise) walk(s.otherwise);
      }
    }
  };
  walk(statements);
  return [...names];
}

const RELATIONS: Readonly<Record<Comparison, string>> = {
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
  '==': '==',
  '!=': '!=',
};

/**
 * The body of `f(inputs…)` computing the program's outputs and returning them as a tuple, in the
 * order of `info.outputs`.
 */
export function emitFunction(info: ProgramInfo, lang: Language): EmittedFunction {
  const needs: Needs = { helpers: new Set(), float: false, loops: false, constants: false, ops: new Set() };
  const rename = new Map<string, string>();
  const renamed: [string, string, string][] = [];
  for (const name of allNames(info)) {
    const reason = lang.reserved.get(name);
    if (reason === undefined) continue;
    rename.set(name, `${name}_`);
    renamed.push([name, `${name}_`, reason]);
  }
  const nameOf = (name: string): string => rename.get(name) ?? name;

  const floatOf = (text: string): string => {
    needs.float = true;
    return `${lang.float}(${text})`;
  };

  const literal = (ast: Extract<Ast, { type: 'num' }>): string => {
    const name = constantName(ast);
    if (name !== null) {
      needs.constants = true;
      return lang.constant(name);
    }
    return floatLiteral(ast.value);
  };

  /** `[text, level]` of an expression; `leaves`: write every number as a framework float. */
  const expr = (ast: Ast, leaves: boolean): [string, Level] => {
    if (lang.float !== null && !leaves && ast.type === 'op' && isPlain(ast) && plainValue(ast).risky) {
      return expr(ast, true);
    }
    if (ast.type === 'num') {
      const text = literal(ast);
      return leaves ? [floatOf(text), Level.Primary] : [text, Level.Primary];
    }
    if (ast.type === 'var') return [nameOf(ast.name), Level.Primary];
    const [a, b] = ast.args;
    needs.ops.add(ast.op);
    // A power whose exponent varies has conventions of its own (the key `pow^` in `notes`).
    if (ast.op === 'pow' && !isPlain(b!)) needs.ops.add('pow^');
    if (ast.op === 'neg' && a!.type === 'num' && constantName(a!) === null) {
      const text = floatLiteral(-a!.value);
      return leaves ? [floatOf(text), Level.Primary] : [text, Level.Unary];
    }
    const syntax = lang.ops[ast.op];
    if (!syntax) throw new Error(`no translation of ${ast.op}`);
    const at = (x: Ast, min: Level): string => {
      const [text, level] = expr(x, leaves);
      return level < min ? `(${text})` : text;
    };
    switch (syntax.kind) {
      case 'prefix':
        return [`${syntax.symbol}${at(a!, Level.Unary)}`, Level.Unary];
      case 'infix': {
        const sym = syntax.symbol;
        if (syntax.level === Level.Sum)
          return [`${at(a!, Level.Sum)} ${sym} ${at(b!, Level.Product)}`, Level.Sum];
        if (syntax.level === Level.Product)
          return [`${at(a!, Level.Product)} ${sym} ${at(b!, Level.Unary)}`, Level.Product];
        // A power: the base binds tighter than `^`; a signed exponent is parenthesised for the reader.
        return [`${at(a!, Level.Primary)} ${sym} ${at(b!, Level.Power)}`, Level.Power];
      }
      case 'call': {
        if (syntax.helper) needs.helpers.add(syntax.helper);
        const wrap = lang.wrapArgs === 'all' || (lang.wrapArgs === 'helpers' && syntax.helper !== undefined);
        const args = ast.args.map((x) => (wrap ? value(x) : expr(x, leaves)[0]));
        return [`${syntax.name}(${args.join(', ')})`, Level.Primary];
      }
    }
  };

  /** An expression whose result must be a framework value (not a Python float). */
  const value = (ast: Ast): string => {
    const [text] = expr(ast, false);
    if (
      lang.float === null ||
      !isPlain(ast) ||
      (ast.type === 'op' && !isLiteral(ast) && plainValue(ast).risky)
    )
      return text;
    return floatOf(text);
  };

  const condition = (c: Condition): string => {
    const prec = (x: Condition): number => (x.type === 'or' ? 1 : x.type === 'and' ? 2 : 3);
    const at = (x: Condition, min: number): string => (prec(x) < min ? `(${go(x)})` : go(x));
    const go = (x: Condition): string => {
      switch (x.type) {
        case 'compare':
          return `${expr(x.left, false)[0]} ${RELATIONS[x.rel]} ${expr(x.right, false)[0]}`;
        case 'not':
          // Julia's `!` binds tighter than a comparison: `!(a < b)`.
          return lang.style === 'julia' ? `${lang.not}(${go(x.arg)})` : `${lang.not} ${at(x.arg, 3)}`;
        case 'and':
          return `${at(x.left, 2)} ${lang.and} ${at(x.right, 3)}`;
        case 'or':
          return `${at(x.left, 1)} ${lang.or} ${at(x.right, 2)}`;
      }
    };
    return go(c);
  };

  /** Bare top-level statements become the outputs named for them, in order. */
  const bareNames: string[] = [];
  const hasReturn = info.program.statements.some((s) => s.kind === 'return');
  if (!hasReturn) {
    const named = new Set(
      info.program.statements.flatMap((s) => (s.kind === 'assign' && s.name !== null ? [s.name] : [])),
    );
    bareNames.push(...info.outputs.filter((o) => !named.has(o)));
  }
  let bare = 0;

  const py = lang.style === 'python';
  const lines: string[] = [];
  const block = (statements: readonly Statement[], indent: string, top: boolean): void => {
    if (statements.length === 0 && py) lines.push(`${indent}pass`);
    for (const s of statements) statement(s, indent, top);
  };
  const statement = (s: Statement, indent: string, top: boolean): void => {
    const inner = `${indent}    `;
    switch (s.kind) {
      case 'assign': {
        if (s.name !== null) lines.push(`${indent}${nameOf(s.name)} = ${value(s.expr)}`);
        else if (top && !hasReturn) lines.push(`${indent}${nameOf(bareNames[bare++]!)} = ${value(s.expr)}`);
        else lines.push(`${indent}${expr(s.expr, false)[0]}`);
        return;
      }
      case 'return': {
        const values = s.values.map(value);
        lines.push(`${indent}return (${values.join(', ')}${values.length === 1 ? ',' : ''})`);
        return;
      }
      case 'if': {
        s.arms.forEach((arm, k) => {
          const word = k === 0 ? 'if' : py ? 'elif' : 'elseif';
          lines.push(`${indent}${word} ${condition(arm.cond)}${py ? ':' : ''}`);
          block(arm.body, inner, false);
        });
        if (s.otherwise) {
          lines.push(`${indent}else${py ? ':' : ''}`);
          block(s.otherwise, inner, false);
        }
        if (!py) lines.push(`${indent}end`);
        return;
      }
      case 'for': {
        needs.loops = true;
        const bound = (x: Ast): string =>
          x.type === 'num' && Number.isInteger(x.value) && constantName(x) === null
            ? String(x.value)
            : expr(x, false)[0];
        const v = nameOf(s.variable);
        if (py) {
          lines.push(`${indent}for ${v} in whole_numbers(${bound(s.from)}, ${bound(s.to)}):`);
        } else {
          const literal = (x: Ast) =>
            x.type === 'num' && Number.isInteger(x.value) && constantName(x) === null;
          const range =
            literal(s.from) && literal(s.to)
              ? `${floatLiteral((s.from as { value: number }).value)}:${floatLiteral((s.to as { value: number }).value)}`
              : `bound(${expr(s.from, false)[0]}):bound(${expr(s.to, false)[0]})`;
          lines.push(`${indent}for ${v} in ${range}`);
        }
        block(s.body, inner, false);
        if (!py) lines.push(`${indent}end`);
        return;
      }
      case 'while':
        lines.push(`${indent}while ${condition(s.cond)}${py ? ':' : ''}`);
        block(s.body, inner, false);
        if (!py) lines.push(`${indent}end`);
        return;
    }
  };

  if (!py) {
    const locals = assignedNames(info.program.statements).concat(bareNames).map(nameOf);
    if (locals.length > 0) lines.push(`local ${locals.join(', ')}`);
  }
  for (const s of info.program.statements) statement(s, '', true);
  if (!hasReturn) {
    const outs = info.outputs.map(nameOf);
    lines.push(`return (${outs.join(', ')}${outs.length === 1 ? ',' : ''})`);
  }
  return { body: lines, params: info.inputs.map(nameOf), renamed, needs };
}
