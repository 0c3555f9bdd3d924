/**
 * Symbolic expressions written out: their size as trees and their TeX. Apart from symbolic.ts (the
 * differentiation) because a program's conditions are typeset with it on every page, while symbolic
 * derivatives load with their panel (issue 13).
 */
import { texIdentifier, texNumber } from './format';
import { PREC, rule, type Rule, type TexOperand } from './rules';
import type { SymExpr } from './symExpr';

const children = (e: SymExpr): readonly SymExpr[] => (e.kind === 'const' || e.kind === 'var' ? [] : e.args);

/** Folds an expression bottom-up, once per distinct object, without recursion (trees can be deep). */
export function fold<T>(root: SymExpr, combine: (e: SymExpr, kids: readonly T[]) => T): T {
  const memo = new Map<SymExpr, T>();
  const stack: SymExpr[] = [root];
  while (stack.length > 0) {
    const e = stack[stack.length - 1]!;
    if (memo.has(e)) {
      stack.pop();
      continue;
    }
    const kids = children(e);
    const pending = kids.filter((k) => !memo.has(k));
    if (pending.length > 0) {
      stack.push(...pending);
      continue;
    }
    memo.set(
      e,
      combine(
        e,
        kids.map((k) => memo.get(k)!),
      ),
    );
    stack.pop();
  }
  return memo.get(root)!;
}

/** The number of nodes of the expression as a tree: operations, variables and constants. */
export function exprSize(e: SymExpr): number {
  return fold<number>(e, (_e, kids) => kids.reduce((s, k) => s + k, 1));
}

/** Largest tree `exprTex` writes out; beyond it the TeX would be unreadable and slow to typeset. */
export const MAX_TEX_SIZE = 600;

interface Typeset {
  readonly tex: string;
  readonly prec: number;
}

const RELATION_TEX = { '>': '>', '>=': '\\ge', '<': '<', '<=': '\\le' } as const;

function constTex(e: Extract<SymExpr, { kind: 'const' }>): Typeset {
  const tex = e.tex || texNumber(e.value);
  const prec = tex.startsWith('-')
    ? PREC.prefix
    : tex.includes('\\times')
      ? PREC.product
      : tex.includes(' ')
        ? PREC.prefix
        : PREC.atom;
  return { tex, prec };
}

/** Parenthesises an operand that binds more loosely than its slot needs, or starts with a minus. */
function operand(r: Rule, k: number, t: Typeset, isConstant: boolean, value?: number): TexOperand {
  const need = r.texArgPrec[k] ?? 0;
  const minus = t.tex.startsWith('-') && (k === 1 || r.syntax === 'prefix' || need >= PREC.power);
  const tex = t.prec < need || minus ? `(${t.tex})` : t.tex;
  return { tex, node: !isConstant, ...(value === undefined ? {} : { value }) };
}

/**
 * TeX of an expression, with the parentheses its structure needs (by the rows' `texPrec` and
 * `texArgPrec`), or null when its tree has more than `maxSize` nodes.
 */
export function exprTex(e: SymExpr, maxSize = MAX_TEX_SIZE): string | null {
  if (exprSize(e) > maxSize) return null;
  const go = (x: SymExpr): Typeset => {
    switch (x.kind) {
      case 'const':
        return constTex(x);
      case 'var':
        return { tex: x.tex ?? texIdentifier(x.name), prec: PREC.atom };
      case 'iverson':
        return {
          tex: `[${go(x.args[0]).tex} ${RELATION_TEX[x.rel]} ${go(x.args[1]).tex}]`,
          prec: PREC.atom,
        };
      case 'sign':
        return { tex: `\\operatorname{sign}(${go(x.args[0]).tex})`, prec: PREC.atom };
      case 'op': {
        const r = rule(x.op);
        const ops = x.args.map((a, k) =>
          operand(r, k, go(a), a.kind === 'const', a.kind === 'const' ? a.value : undefined),
        );
        return { tex: r.tex(ops[0]!, ops[1] ?? { tex: '', node: false }), prec: r.texPrec };
      }
    }
  };
  return go(e).tex;
}
