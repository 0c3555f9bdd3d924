/** Plain-text labels of graph nodes (SVG text cannot hold TeX, and must stay readable from the back row). */
import { formatNumber, plainNodeId } from '../../core/format';
import { RULES, plainOp } from '../../core/rules';
import type { Operand, Tape, TapeNode } from '../../core/tape';
import { translate, type Lang } from '../../i18n/translate';

const MINUS = '\u2212';

/** A number as shown in the graph: the table's format, with a true minus sign. */
export function displayNumber(x: number): string {
  return formatNumber(x).replace(/^-/, MINUS).replace(/e-/, `e${MINUS}`);
}

export { splitSubscript } from './textWidth';

/** The Wengert subscript as displayed: −1, 0, 5. */
export function subscriptOf(node: TapeNode): string {
  return node.k < 0 ? `${MINUS}${-node.k}` : String(node.k);
}

const constText = (a: Extract<Operand, { kind: 'const' }>): string =>
  a.tex === '\\pi' ? 'π' : a.tex === 'e' ? 'e' : displayNumber(a.value);

const COMMUTATIVE = new Set(['add', 'mul']);

const symbolOf = (s: string | undefined): string => (s === '-' ? MINUS : (s ?? ''));

/**
 * The operation in the node's header: `ln`, `×`, `−`, `^ 2`, `× 2`, `2 −`, `atan2(·, 2)`, or an
 * input's name. Node operands are implied by the edges; constants, having no node, are written out.
 */
export function opLabel(node: TapeNode): string {
  if (node.op === 'input') return node.name ?? node.id;
  const r = RULES.get(node.op);
  if (!r) return node.op;
  const [a, b] = node.args;
  if (r.syntax === 'prefix') return symbolOf(r.symbol);
  if (r.syntax === 'infix') {
    const sym = symbolOf(r.symbol);
    // Commutative operations read best with the constant last (`× 2` for 2*x); others keep its side.
    if (b?.kind === 'const') return `${sym} ${constText(b)}`;
    if (a?.kind === 'const')
      return COMMUTATIVE.has(r.name) ? `${sym} ${constText(a)}` : `${constText(a)} ${sym}`;
    return sym;
  }
  if (r.arity === 1 || node.args.every((x) => x.kind === 'node')) return r.name;
  const text = (x: Operand | undefined): string =>
    x === undefined ? '' : x.kind === 'const' ? constText(x) : '·';
  return plainOp(r, text(a), text(b));
}

/** The formula in words-and-symbols for the node's tooltip: `v2 = v−1 × v0`. */
export function formulaText(tape: Tape, node: TapeNode, lang: Lang = 'en'): string {
  const id = plainNodeId(node.k);
  if (node.op === 'input') return translate(lang, 'graph.input', { id, name: node.name ?? '' });
  const r = RULES.get(node.op);
  const arg = (x: Operand | undefined): string =>
    x === undefined ? '' : x.kind === 'const' ? constText(x) : plainNodeId(tape.nodes[x.index]!.k);
  const [a, b] = node.args;
  if (!r) return `${id} = ${node.op}(${node.args.map(arg).join(', ')})`;
  return `${id} = ${plainOp(r, arg(a), arg(b)).replace(/ - /, ` ${MINUS} `).replace(/^-/, MINUS)}`;
}

export { estimateWidth } from './textWidth';
