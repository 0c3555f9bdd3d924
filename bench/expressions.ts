/**
 * The expressions the page is measured on: the paper's example, a generated expression of about 500
 * graph nodes, and the largest sum the parser's limits allow (`x*1+x*2+…`, about 2,000 operations).
 */
import { buildTrace, compile, MAX_OPERATIONS, parse, type Phase } from '../src/core/index';
import { generateExpression } from './generate';

export const PAPER_LINK = '#v=1&f=ln(x1)%2Bx1*x2-sin(x2)&at=x1:2,x2:5&seed=x1';

export interface PageExpression {
  /** How the tables name it. */
  readonly name: string;
  readonly text: string;
  /** Input values, in the order of the tape's inputs. */
  readonly values: readonly [string, number][];
  /** Graph nodes (inputs included). */
  readonly nodes: number;
  readonly operations: number;
  /** The output node's id (`v1999`), whose values an edit changes. */
  readonly outputId: string;
  /** The node id of the input the bench edits (the first of `values`): `v0` for the sum. */
  readonly inputId: string;
  /** Timeline positions where each phase starts and ends: steps start+1 … end. */
  readonly phases: Readonly<Record<Phase, { readonly start: number; readonly end: number }>>;
  readonly steps: number;
}

/** The link that opens `e` at `step`. */
export function linkOf(e: Pick<PageExpression, 'text' | 'values'>, step = 0): string {
  const at = e.values.map(([k, v]) => `${k}:${v}`).join(',');
  return `#v=1&f=${encodeURIComponent(e.text)}&at=${at}&step=${step}`;
}

/** `text` with its input values, described for the page benchmark (throws if it does not compile). */
export function describe(name: string, text: string, values: readonly [string, number][]): PageExpression {
  const c = compile(text);
  if (!c.ok) throw new Error(`${name}: ${c.error.message}`);
  const tape = c.tape;
  const byName = new Map(values);
  // The page's default trace: the first input's tangent seeded, the first output's adjoint.
  const trace = buildTrace(
    tape,
    tape.inputs.map((i) => byName.get(i.name) ?? 1),
  );
  return {
    name,
    text,
    values,
    nodes: tape.nodes.length,
    operations: tape.nodes.length - tape.n,
    outputId: tape.outputs[0]!.id,
    inputId: (tape.inputs.find((i) => i.name === values[0]![0]) ?? tape.inputs[0]!).id,
    phases: trace.phases,
    steps: trace.steps.length,
  };
}

export const paperExpression = (): PageExpression =>
  describe('paper example', 'ln(x1) + x1*x2 - sin(x2)', [
    ['x1', 2],
    ['x2', 5],
  ]);

/** `x*1+x*2+…+x*k` with the largest k the parser accepts. */
export function largestSum(): PageExpression {
  let k = 1;
  const text = (m: number) => Array.from({ length: m }, (_, i) => `x*${i + 1}`).join('+');
  while (parse(text(k + 1)).ok) k++;
  const e = describe(`x*1+…+x*${k}`, text(k), [['x', 1.5]]);
  if (e.operations > MAX_OPERATIONS) throw new Error('the sum is over the operation limit');
  return e;
}

/** A generated expression over x1…x4 whose graph has about `nodes` nodes. */
export function generatedExpression(nodes: number, seed = 1): PageExpression {
  let target = nodes;
  const values: [string, number][] = [
    ['x1', 1.1],
    ['x2', 0.9],
    ['x3', 1.3],
    ['x4', 0.7],
  ];
  for (let attempt = 0; ; attempt++) {
    const { text } = generateExpression({ operations: target, inputs: 4, seed });
    const c = compile(text);
    if (!c.ok) throw new Error(`generated expression rejected: ${c.error.message}`);
    const got = c.tape.nodes.length;
    if (Math.abs(got - nodes) <= Math.max(2, 0.03 * nodes) || attempt >= 8)
      return describe(`generated, ${got} nodes`, text, values);
    target = Math.max(1, Math.round((target * nodes) / got));
  }
}
