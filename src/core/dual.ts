/**
 * Forward mode as dual-number arithmetic (Baydin et al. 2018, section 3.1.1): each value v carries its
 * tangent v̇ as v + v̇ε with ε² = 0, so that for every primitive
 *
 *   φ(a + ȧε) = φ(a) + φ′(a) ȧ ε,      φ(a + ȧε, b + ḃε) = φ(a, b) + (∂φ/∂a ȧ + ∂φ/∂b ḃ) ε,
 *
 * and one evaluation of the program on dual numbers computes v_i and v̇_i together (ForwardDiff.jl's
 * `Dual`). The rows here are the forward rows of the trace written that way:
 *
 *   v_{1} + \dot v_{1} \varepsilon = \ln (v_{-1} + \dot v_{-1} \varepsilon) = \ln (2 + 1 \varepsilon) = 0.693 + 0.5 \varepsilon
 *
 * built, like every row, from node numbers, validated identifiers and formatted numbers.
 */
import { formatNumber, plainNodeId, texIdentifier, texNodeId, texNumber } from './format';
import { PREC, plainOp, rule, type Rule, type TexOperand } from './rules';
import type { Operand, Tape, TapeNode } from './tape';
import { joinRow, type RowTex } from './tex';
import { plainStep } from './plainStep';
import type { Trace, TraceMode, TraceStep } from './trace';

const EPS = '\\varepsilon';

/** A dual number as TeX: `0.693 + 0.5 \varepsilon`, `-0.959 - 0.284 \varepsilon`, `5 + 0 \varepsilon`. */
export function dualTex(v: number, vDot: number): string {
  const negative = vDot < 0 || Object.is(vDot, -0);
  const t = texNumber(negative ? -vDot : vDot);
  const coefficient = t.includes('\\times') ? `(${t})` : t;
  return `${texNumber(v)} ${negative ? '-' : '+'} ${coefficient} \\, ${EPS}`;
}

/** A dual number as plain text for the graph: `0.693 + 0.5ε`, with true minus signs. */
export function dualText(v: number, vDot: number): string {
  const minus = (s: string) => s.replace(/^-/, '\u2212').replace(/e-/, 'e\u2212');
  const negative = vDot < 0;
  return `${minus(formatNumber(v))} ${negative ? '\u2212' : '+'} ${minus(formatNumber(Math.abs(vDot)))}ε`;
}

/** A dual operand: parenthesised unless the row writes its operand inside delimiters (`\sqrt{…}`). */
function dualOperand(r: Rule, k: number, tex: string): TexOperand {
  const bare = r.syntax === 'function' && (r.texArgPrec[k] ?? 0) <= PREC.sum;
  return { tex: bare ? tex : `(${tex})`, node: true };
}

function operands(
  r: Rule,
  args: readonly Operand[],
  dual: (index: number) => string,
): [TexOperand, TexOperand] {
  const one = (k: number): TexOperand => {
    const a = args[k];
    if (a === undefined) return { tex: '', node: false };
    if (a.kind === 'const') return { tex: a.tex, node: false, value: a.value };
    return dualOperand(r, k, dual(a.index));
  };
  return [one(0), one(1)];
}

/** The symbolic dual of a node: `v_{1} + \dot v_{1} \varepsilon`. */
const dualNode = (tape: Tape, index: number): string => {
  const id = texNodeId(tape.nodes[index]!.k);
  return `${id} + \\dot ${id} \\, ${EPS}`;
};

/**
 * A forward row as dual arithmetic. An input: `v_{-1} + \dot v_{-1} ε = x_{1} + \dot{x}_{1} ε = 2 + 1 ε`.
 */
export function dualRow(tape: Tape, node: TapeNode, v: ArrayLike<number>, vDot: ArrayLike<number>): RowTex {
  const lhs = dualNode(tape, node.index);
  const value = dualTex(v[node.index]!, vDot[node.index]!);
  if (node.op === 'input') {
    const name = node.name!;
    return {
      symbolic: [lhs, `${texIdentifier(name)} + ${texIdentifier(name, '\\dot')} \\, ${EPS}`],
      numeric: [value],
    };
  }
  const r = rule(node.op);
  const sym = operands(r, node.args, (i) => dualNode(tape, i));
  const num = operands(r, node.args, (i) => dualTex(v[i]!, vDot[i]!));
  return { symbolic: [lhs, r.tex(sym[0], sym[1])], numeric: [r.tex(num[0], num[1]), value] };
}

/** Whether TeX has a `+` or `-` outside braces, after its first character: `1 - \\tanh^{2} a`. */
function hasTopLevelSum(tex: string): boolean {
  let depth = 0;
  for (let i = 0; i < tex.length; i++) {
    const ch = tex[i];
    if (ch === '{') depth++;
    else if (ch === '}') depth--;
    else if (depth === 0 && i > 0 && (ch === '+' || ch === '-')) return true;
  }
  return false;
}

/**
 * The dual-number rule of a primitive, from its row: `\ln (a + \dot a ε) = \ln a + \frac{1}{a} \dot a ε`,
 * `(a + \dot a ε) \times (b + \dot b ε) = a \times b + (b \dot a + a \dot b) ε`.
 */
export function dualRuleTex(name: string): string {
  const r = rule(name);
  const a: TexOperand = { tex: 'a', node: true };
  const b: TexOperand = { tex: 'b', node: true };
  const lhs = r.tex(dualOperand(r, 0, `a + \\dot a \\, ${EPS}`), dualOperand(r, 1, `b + \\dot b \\, ${EPS}`));
  const terms = (r.arity === 1 ? [0] : [0, 1]).map((k) => {
    const p = r.partialTex(k as 0 | 1, a, b);
    const dot = k === 0 ? '\\dot a' : '\\dot b';
    return p === '1' ? dot : p === '-1' ? `-${dot}` : `${hasTopLevelSum(p) ? `(${p})` : p} \\, ${dot}`;
  });
  const sum = terms.reduce((acc, t) => (t.startsWith('-') ? `${acc} - ${t.slice(1)}` : `${acc} + ${t}`));
  const tangent = terms.length > 1 || sum.startsWith('-') ? `(${sum})` : sum;
  return `${lhs} = ${r.tex(a, b)} + ${tangent} \\, ${EPS}`;
}

const DOT = '\u0307';

/** A forward row as dual arithmetic in words and symbols: `v1 + v̇1ε = ln(2 + 1ε) = 0.693 + 0.5ε`. */
export function dualCaption(
  tape: Tape,
  node: TapeNode,
  v: ArrayLike<number>,
  vDot: ArrayLike<number>,
): string {
  const id = plainNodeId(node.k);
  const lhs = `${id} + v${DOT}${id.slice(1)}ε`;
  const value = dualText(v[node.index]!, vDot[node.index]!);
  if (node.op === 'input')
    return `${lhs} = ${node.name} + ${node.name![0]}${DOT}${node.name!.slice(1)}ε = ${value}.`;
  const r = rule(node.op);
  const arg = (a: Operand | undefined): string => {
    if (a === undefined) return '';
    if (a.kind === 'const') return formatNumber(a.value);
    const d = dualText(v[a.index]!, vDot[a.index]!);
    return r.syntax === 'function' ? d : `(${d})`;
  };
  return `${lhs} = ${plainOp(r, arg(node.args[0]), arg(node.args[1]))} = ${value}.`;
}

/**
 * The tour trace with its forward rows written as dual numbers (`dual`), or re-timed as forward mode
 * (`mode: 'forward'`): one step per node that computes v_i and v̇_i together, then the reverse sweep.
 * In forward mode the primal and tangent phases share steps [0, l).
 */
export function dualTrace(
  tape: Tape,
  tour: Trace,
  options: { readonly dual?: boolean; readonly mode?: TraceMode },
): Trace {
  const { v, vDot } = tour;
  const l = tape.nodes.length;
  const dualOf = (node: TapeNode) => {
    const row = dualRow(tape, node, v, vDot);
    return { tex: joinRow(row), formula: row.symbolic.join(' = ') };
  };
  if (options.mode !== 'forward') {
    const steps = tour.steps.map((s, i) =>
      i >= tour.phases.tangent.start && i < tour.phases.tangent.end
        ? {
            ...plainStep(s),
            ...dualOf(tape.nodes[s.target]!),
            caption: `${tape.nodes[s.target]!.op === 'input' ? 'Seed as a dual number' : 'Dual numbers'}: ${dualCaption(tape, tape.nodes[s.target]!, v, vDot)}`,
          }
        : s,
    );
    return { ...tour, steps, mode: 'tour', dual: true };
  }
  // One step per node that computes v_i and v̇_i together; a program's decisions keep their places.
  const primalAt = new Int32Array(l);
  const forward: TraceStep[] = tour.steps.slice(tour.phases.primal.start, tour.phases.primal.end).map((p) => {
    if (p.decision) return p;
    const node = tape.nodes[p.target]!;
    const t = tour.steps[tour.nodeSteps.tangent[node.index]!]!;
    const id = plainNodeId(node.k);
    const dotId = `v${DOT}${id.slice(1)}`;
    return {
      ...plainStep(t),
      primal: v[node.index]!,
      ...(options.dual
        ? dualOf(node)
        : { tex: `${p.tex} ;\\quad ${t.tex}`, formula: `${p.formula} ;\\quad ${t.formula}` }),
      caption: options.dual
        ? `${id} and ${dotId} in one step: ${dualCaption(tape, node, v, vDot)}`
        : `${id} and ${dotId} in one step, as the dual number ${dualText(v[node.index]!, vDot[node.index]!)}.`,
    };
  });
  forward.forEach((s, i) => {
    if (!s.decision) primalAt[s.target] = i;
  });
  const adjoint = tour.steps.slice(tour.phases.adjoint.start);
  const steps = [...forward, ...adjoint];
  const end = steps.length;
  const f = forward.length;
  return {
    ...tour,
    steps,
    mode: 'forward',
    dual: options.dual ?? false,
    phases: { primal: { start: 0, end: f }, tangent: { start: 0, end: f }, adjoint: { start: f, end } },
    nodeSteps: { primal: primalAt, tangent: primalAt },
  };
}
