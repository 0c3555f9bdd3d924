/**
 * Symbolic expressions over the inputs: what naive symbolic differentiation (symbolic.ts) builds
 * from the rule table's `derivative` builders.
 *
 * An expression means a tree. Its objects may be shared (the same subexpression object appearing in
 * several places), so an expression whose tree has millions of nodes fits in memory; sizes and values
 * are computed once per object (symbolic.ts), TeX only for trees small enough to print.
 */

/** A relation in an Iverson bracket `[a > b]`: 1 where it holds, 0 elsewhere. */
export type Relation = '>' | '>=' | '<' | '<=';

export type SymExpr =
  | { readonly kind: 'const'; readonly value: number; readonly tex: string }
  /** An input, written by its name; or a node of the tape (`input` −1), written as `tex` (`v_{7}`). */
  | { readonly kind: 'var'; readonly input: number; readonly name: string; readonly tex?: string }
  /** An operation of the rule table applied to one or two expressions. */
  | { readonly kind: 'op'; readonly op: string; readonly args: readonly SymExpr[] }
  /** The derivative of a piecewise-linear primitive: `[a > b]`. */
  | { readonly kind: 'iverson'; readonly rel: Relation; readonly args: readonly [SymExpr, SymExpr] }
  /** sign(a), with sign(0) = 0 (the convention abs'(0) = 0). */
  | { readonly kind: 'sign'; readonly args: readonly [SymExpr] };

/** A constant; its TeX is given for named constants (`\pi`, `\ln 2`), else written from the value. */
export function symConst(value: number, tex?: string): SymExpr {
  return { kind: 'const', value, tex: tex ?? '' };
}

/** A rule applied to expressions: `symOp('mul', a, b)`. */
export function symOp(op: string, ...args: SymExpr[]): SymExpr {
  return { kind: 'op', op, args };
}

export function symIverson(rel: Relation, a: SymExpr, b: SymExpr): SymExpr {
  return { kind: 'iverson', rel, args: [a, b] };
}

export function symSign(a: SymExpr): SymExpr {
  return { kind: 'sign', args: [a] };
}

/** Whether an expression is the constant `c`. */
export const isConst = (e: SymExpr, c: number): boolean => e.kind === 'const' && e.value === c;
