/**
 * TeX of trace rows in the style of Baydin et al., Tables 2 and 3:
 *
 *   v_{1} = \ln v_{-1} = \ln 2 = 0.693
 *   \dot v_{2} = \dot v_{-1} v_{0} + \dot v_{0} v_{-1} = 1 \times 5 + 0 \times 2 = 5
 *   \bar v_{0} = \bar v_{0} + \bar v_{2} \frac{\partial v_{2}}{\partial v_{0}} = \bar v_{0} + \bar v_{2} \times v_{-1} = …
 *
 * Built only from node numbers, validated identifiers (`texIdentifier`) and formatted numbers
 * (`texNumber`); no text the user typed reaches TeX.
 */
import { texIdentifier, texNodeId, texNumber } from './format';
import { rule, type TexOperand } from './rules';
import type { AdjointStep } from './sweep/sweeps';
import type { Decision, Operand, Tape, TapeNode } from './tape';

const symbolic = (tape: Tape, a: Operand | undefined): TexOperand =>
  a === undefined
    ? { tex: '', node: false }
    : a.kind === 'node'
      ? { tex: texNodeId(tape.nodes[a.index]!.k), node: true }
      : { tex: a.tex, node: false, value: a.value };

/**
 * An operand with its value substituted. A negative number or a power of ten is parenthesised,
 * except where the row writes its operand inside delimiters of its own (`\\sigma(-2)`, `\\sqrt{…}`,
 * `e^{-2}`, `\\max(-1, 2)`), which would otherwise read `\\sigma((-2))`.
 */
const numeric = (v: ArrayLike<number>, a: Operand | undefined, delimited = false): TexOperand =>
  a === undefined
    ? { tex: '', node: false }
    : {
        tex: texNumber(a.kind === 'node' ? v[a.index]! : a.value, !delimited),
        node: false,
        value: a.kind === 'node' ? v[a.index]! : a.value,
      };

/** Puts a leading-minus factor in parentheses so that `× -1` reads `× (-1)`. */
const factor = (t: string): string => (t.startsWith('-') ? `(${t})` : t);

/** The operation of a node applied to its operands: `\ln v_{-1}`. */
export function opTex(tape: Tape, node: TapeNode): string {
  return rule(node.op).tex(symbolic(tape, node.args[0]), symbolic(tape, node.args[1]));
}

/** The partial ∂node/∂(argument k) in terms of the operands: `v_{-1}` for ∂(v_{-1} v_0)/∂v_0. */
export function partialTex(tape: Tape, node: TapeNode, k: 0 | 1): string {
  return rule(node.op).partialTex(k, symbolic(tape, node.args[0]), symbolic(tape, node.args[1]));
}

/**
 * A row as the chain of equalities it typesets: the symbolic part (shown greyed before the timeline
 * reaches the row) and the numeric part (numbers substituted, then the value).
 */
export interface RowTex {
  readonly symbolic: readonly string[];
  readonly numeric: readonly string[];
}

/** The full TeX of a row: every part joined by `=`. */
export const joinRow = (row: RowTex): string =>
  [...row.symbolic, ...row.numeric].filter((part, i, all) => i === 0 || part !== all[i - 1]).join(' = ');

/** Primal row: `v_{1} = \ln v_{-1} = \ln 2 = 0.693`; an input: `v_{-1} = x_{1} = 2`. */
export function primalRow(tape: Tape, node: TapeNode, v: ArrayLike<number>): RowTex {
  const lhs = texNodeId(node.k);
  const value = texNumber(v[node.index]!);
  if (node.op === 'input') return { symbolic: [lhs, texIdentifier(node.name!)], numeric: [value] };
  const r = rule(node.op);
  const delimited = (k: number) => (r.texArgPrec[k] ?? 0) === 0;
  const withNumbers = r.tex(numeric(v, node.args[0], delimited(0)), numeric(v, node.args[1], delimited(1)));
  return { symbolic: [lhs, opTex(tape, node)], numeric: [withNumbers, value] };
}

export const primalTex = (tape: Tape, node: TapeNode, v: ArrayLike<number>): string =>
  joinRow(primalRow(tape, node, v));

/**
 * A decision row of a program (a branch's condition or a loop's test), as an Iverson bracket with
 * node names, then with the values, then its truth and what it decides:
 * `[v_{6} > 10] = [67.942 > 10] = \\mathrm{true} \\Rightarrow \\mathrm{then}`. Before the timeline
 * reaches it, only the bracket with node names.
 */
export function decisionRow(d: Decision, verdict: string): { tex: string; formula: string } {
  const symbolic = `[${d.tex.symbolic}]`;
  const numbers = `[${d.tex.numeric}]`;
  const truth = `\\mathrm{${d.value ? 'true' : 'false'}}`;
  const what = d.side === 'iterate' ? `\\mathrm{${verdict}}\\ ${d.count}` : `\\mathrm{${verdict}}`;
  // A long condition keeps its numbers only once reached (its node names are in the unreached row and
  // the caption), so that a decision stays about one line in the table.
  const chain =
    symbolic === numbers
      ? [symbolic, truth]
      : symbolic.length + numbers.length > 90
        ? [numbers, truth]
        : [symbolic, numbers, truth];
  return { tex: `${chain.join(' = ')} \\;\\Rightarrow\\; ${what}`, formula: symbolic };
}

/** Joins signed terms: `a + b`, `a - b`. */
function joinTerms(terms: string[]): string {
  if (terms.length === 0) return '0';
  return terms.reduce((acc, t) => (t.startsWith('-') ? `${acc} - ${t.slice(1)}` : `${acc} + ${t}`));
}

/** Tangent row: `\dot v_{2} = \dot v_{-1} v_{0} + \dot v_{0} v_{-1} = 1 \times 5 + 0 \times 2 = 5`. */
export function tangentRow(
  tape: Tape,
  node: TapeNode,
  vDot: ArrayLike<number>,
  partials: readonly number[],
): RowTex {
  const lhs = `\\dot ${texNodeId(node.k)}`;
  const value = texNumber(vDot[node.index]!);
  if (node.op === 'input') return { symbolic: [lhs, texIdentifier(node.name!, '\\dot')], numeric: [value] };
  const sym: string[] = [];
  const num: string[] = [];
  node.args.forEach((a, k) => {
    if (a.kind !== 'node') return;
    const dot = `\\dot ${texNodeId(tape.nodes[a.index]!.k)}`;
    const p = partialTex(tape, node, k as 0 | 1);
    sym.push(
      p === '1'
        ? dot
        : p === '-1'
          ? `-${dot}`
          : p.startsWith('-')
            ? `-${dot} \\, ${p.slice(1)}`
            : `${dot} \\, ${p}`,
    );
    const dv = texNumber(vDot[a.index]!, true);
    const pv = partials[k]!;
    // Mirror the symbolic term: a constant partial ±1 is left out, any other is multiplied out.
    num.push(p === '1' ? dv : p === '-1' ? `-${dv}` : `${dv} \\times ${texNumber(pv, true)}`);
  });
  return { symbolic: [lhs, joinTerms(sym)], numeric: [joinTerms(num), value] };
}

export const tangentTex = (
  tape: Tape,
  node: TapeNode,
  _v: ArrayLike<number>,
  vDot: ArrayLike<number>,
  partials: readonly number[],
): string => joinRow(tangentRow(tape, node, vDot, partials));

/** Seed row of the reverse sweep: `\bar v_{5} = \bar y = 1`. */
export function seedRow(tape: Tape, step: AdjointStep): RowTex {
  const node = tape.nodes[step.target]!;
  const out = tape.outputs[step.output ?? 0]!;
  const lhs = `\\bar ${texNodeId(node.k)}`;
  const seed = texIdentifier(out.name, '\\bar');
  const prev = step.accumulate ? `${lhs} + ` : '';
  return { symbolic: [lhs, `${prev}${seed}`], numeric: [texNumber(step.value)] };
}

export const seedTex = (tape: Tape, step: AdjointStep): string => joinRow(seedRow(tape, step));

/**
 * Adjoint row: `\bar v_{0} = \bar v_{0} + \bar v_{2} \frac{\partial v_{2}}{\partial v_{0}}
 * = \bar v_{0} + \bar v_{2} \times v_{-1} = -0.284 + 1 \times 2 = 1.716`.
 */
export function adjointRow(tape: Tape, step: AdjointStep, vBarFrom: number): RowTex {
  if (step.from === null) return seedRow(tape, step);
  const node = tape.nodes[step.from]!;
  const target = tape.nodes[step.target]!;
  const barT = `\\bar ${texNodeId(target.k)}`;
  const barF = `\\bar ${texNodeId(node.k)}`;
  const prev = step.accumulate ? `${barT} + ` : '';
  const prevNum = step.accumulate ? `${texNumber(step.before, true)} + ` : '';
  const d = `\\frac{\\partial ${texNodeId(node.k)}}{\\partial ${texNodeId(target.k)}}`;
  const p = factor(partialTex(tape, node, step.arg as 0 | 1));
  return {
    symbolic: [barT, `${prev}${barF} ${d}`, `${prev}${barF} \\times ${p}`],
    numeric: [
      `${prevNum}${texNumber(vBarFrom, true)} \\times ${texNumber(step.partial, true)}`,
      texNumber(step.value),
    ],
  };
}

export const adjointTex = (tape: Tape, step: AdjointStep, vBarFrom: number): string =>
  joinRow(adjointRow(tape, step, vBarFrom));
