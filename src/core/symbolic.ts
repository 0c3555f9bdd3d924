/**
 * Naive symbolic differentiation through the same rule table, to set beside AD.
 *
 * The output is first written as one expression of the inputs: the Wengert list is expanded back
 * into a tree, so a node used twice is written twice (a symbolic expression has no names to share).
 * Then the chain rule is applied mechanically, node by node:
 *
 *   d(φ(a, b)) = ∂φ/∂a(a, b) · da + ∂φ/∂b(a, b) · db,    dx_j = 1 for the chosen input, 0 for others,
 *
 * where ∂φ/∂a is the rule row's `derivative` expression, in which the operand expressions a, b (and
 * φ itself, for exp, tanh, sqrt, sigmoid) appear again in full. Nothing is simplified: `x_2 · 1 +
 * x_1 · 0` stays. Two things follow the way the chain rule is written by hand rather than a
 * simplifier: a partial that is the constant 1 or −1 writes `da` or `−da` (the sum and difference
 * rules), and a constant operand, which has no node, has no term (as in the tangent sweep).
 *
 * The resulting tree can be exponentially larger than the tape: "expression swell" (Baydin et al.
 * 2018, section 2). Its objects are shared, so it is built in memory linear in the tape, and sizes
 * and values are computed once per object; TeX is written only for trees small enough to print.
 */
import { rule } from './rules';
import { isConst, symConst, symOp, type SymExpr } from './symExpr';
import { exprSize, fold } from './symTex';
import type { Tape } from './tape';

/** The number of operations (rule applications, brackets, signs) in the expression as a tree. */
export function exprOperations(e: SymExpr): number {
  return fold<number>(e, (x, kids) =>
    kids.reduce((s, k) => s + k, x.kind === 'const' || x.kind === 'var' ? 0 : 1),
  );
}

const RELATIONS = {
  '>': (a: number, b: number) => a > b,
  '>=': (a: number, b: number) => a >= b,
  '<': (a: number, b: number) => a < b,
  '<=': (a: number, b: number) => a <= b,
} as const;

/** The value of an expression at the inputs `x` (in tape order), by the rule table's `eval`. */
export function evaluateExpr(e: SymExpr, x: ArrayLike<number>): number {
  return fold<number>(e, (node, kids) => {
    switch (node.kind) {
      case 'const':
        return node.value;
      case 'var':
        return x[node.input]!;
      case 'op':
        return rule(node.op).eval(kids[0]!, kids[1] ?? NaN);
      case 'iverson':
        return Number.isNaN(kids[0]!) || Number.isNaN(kids[1]!)
          ? NaN
          : RELATIONS[node.rel](kids[0]!, kids[1]!)
            ? 1
            : 0;
      case 'sign':
        return Math.sign(kids[0]!);
    }
  });
}

/** Every node of the tape as an expression of the inputs (the Wengert list expanded into trees). */
export function nodeExpressions(tape: Tape): SymExpr[] {
  const exprs: SymExpr[] = [];
  for (const node of tape.nodes) {
    if (node.op === 'input') {
      exprs.push({ kind: 'var', input: node.index, name: node.name! });
      continue;
    }
    exprs.push(
      symOp(
        node.op,
        ...node.args.map((a) => (a.kind === 'node' ? exprs[a.index]! : symConst(a.value, a.tex))),
      ),
    );
  }
  return exprs;
}

const NO_OPERAND = symConst(NaN);

/**
 * The naive symbolic derivative of every node with respect to input `input` (an index into
 * `tape.inputs`), by the chain rule through each row's `derivative` builder.
 */
export function nodeDerivatives(tape: Tape, input: number, exprs = nodeExpressions(tape)): SymExpr[] {
  const one = symConst(1);
  const zero = symConst(0);
  const d: SymExpr[] = [];
  for (const node of tape.nodes) {
    if (node.op === 'input') {
      d.push(node.index === input ? one : zero);
      continue;
    }
    const r = rule(node.op);
    const self = exprs[node.index]!;
    const operand = (k: number): SymExpr => {
      const a = node.args[k];
      if (a === undefined) return NO_OPERAND;
      return a.kind === 'node' ? exprs[a.index]! : symConst(a.value, a.tex);
    };
    let sum: SymExpr | null = null;
    for (let k = 0; k < node.args.length; k++) {
      const a = node.args[k]!;
      if (a.kind !== 'node') continue;
      const partial = r.derivative(k as 0 | 1, operand(0), operand(1), self);
      const da = d[a.index]!;
      const negative = isConst(partial, -1);
      const term = isConst(partial, 1) || negative ? da : symOp('mul', partial, da);
      if (sum === null) sum = negative ? symOp('neg', term) : term;
      else sum = symOp(negative ? 'sub' : 'add', sum, term);
    }
    d.push(sum ?? zero);
  }
  return d;
}

/** Naive symbolic differentiation of one output by one input, with the sizes to compare. */
export interface SymbolicDerivative {
  readonly input: number;
  readonly output: number;
  /** The output as an expression of the inputs, and its derivative expression. */
  readonly f: SymExpr;
  readonly df: SymExpr;
  /** Tree sizes (nodes: operations, variables and constants); may be astronomically large. */
  readonly fSize: number;
  readonly dfSize: number;
  /** Operations in the derivative tree. */
  readonly dfOperations: number;
  /** The tape: n + l nodes, l operations; the tangent sweep computes the derivative in l steps. */
  readonly tapeNodes: number;
  readonly tapeOperations: number;
  /** Operations of the tape that this output depends on (the tape's share of the comparison). */
  readonly outputOperations: number;
}

export function symbolicDerivative(tape: Tape, input: number, output: number): SymbolicDerivative {
  const exprs = nodeExpressions(tape);
  const derivs = nodeDerivatives(tape, input, exprs);
  const index = tape.outputs[output]!.index;
  const f = exprs[index]!;
  const df = derivs[index]!;
  return {
    input,
    output,
    f,
    df,
    fSize: exprSize(f),
    dfSize: exprSize(df),
    dfOperations: exprOperations(df),
    tapeNodes: tape.nodes.length,
    tapeOperations: tape.nodes.length - tape.n,
    outputOperations: operationsFor(tape, index),
  };
}

/** The number of operations node `index` depends on, itself included. */
function operationsFor(tape: Tape, index: number): number {
  const seen = new Set<number>();
  const stack = [index];
  while (stack.length) {
    const i = stack.pop()!;
    if (seen.has(i) || i < tape.n) continue;
    seen.add(i);
    for (const a of tape.nodes[i]!.args) if (a.kind === 'node') stack.push(a.index);
  }
  return seen.size;
}

/** Sizes for every output with respect to one input: how the swell grows along a program. */
export function symbolicSizes(
  tape: Tape,
  input: number,
): { output: number; name: string; fSize: number; dfSize: number; tapeOperations: number }[] {
  const exprs = nodeExpressions(tape);
  const derivs = nodeDerivatives(tape, input, exprs);
  return tape.outputs.map((o, j) => ({
    output: j,
    name: o.name,
    fSize: exprSize(exprs[o.index]!),
    dfSize: exprSize(derivs[o.index]!),
    tapeOperations: operationsFor(tape, o.index),
  }));
}

export { exprSize, exprTex, MAX_TEX_SIZE } from './symTex';
