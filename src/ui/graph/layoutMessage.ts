/**
 * The tape as the layout worker receives it: what `layoutGraph` reads of a tape (each node's
 * operation, level, id, input name and node arguments; the outputs; a program's groups), in typed
 * arrays and a few strings. Posting the tape itself made the browser copy every node object, its
 * argument objects, spans and TeX: 10,000 objects, 15 ms of the 2,000-node link's first render on
 * the main thread (issue 13). Typed arrays are copied as blocks of memory.
 */
import type { Operand, Tape, TapeNode } from '../../core/tape';

export interface PackedTape {
  readonly n: number;
  /** Each operation's name once; `op[i]` indexes it. */
  readonly ops: readonly string[];
  readonly op: Uint16Array;
  readonly level: Int32Array;
  readonly ids: readonly string[];
  /** Node i's arguments are `arg[argStart[i]]` … `arg[argStart[i + 1] − 1]`: a node's index, or −1 for a constant. */
  readonly argStart: Int32Array;
  readonly arg: Int32Array;
  /** The nodes that have a name (the inputs), as [index, name]. */
  readonly names: readonly (readonly [number, string])[];
  readonly outputs: Tape['outputs'];
  readonly groups?: Tape['groups'];
}

export function packTape(tape: Tape): PackedTape {
  const nodes = tape.nodes;
  const count = nodes.length;
  const opIndex = new Map<string, number>();
  const ops: string[] = [];
  const op = new Uint16Array(count);
  const level = new Int32Array(count);
  const ids = new Array<string>(count);
  const argStart = new Int32Array(count + 1);
  let args = 0;
  for (let i = 0; i < count; i++) args += nodes[i]!.args.length;
  const arg = new Int32Array(args);
  const names: [number, string][] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    const node = nodes[i]!;
    let o = opIndex.get(node.op);
    if (o === undefined) {
      o = ops.length;
      ops.push(node.op);
      opIndex.set(node.op, o);
    }
    op[i] = o;
    level[i] = node.level;
    ids[i] = node.id;
    if (node.name !== undefined) names.push([i, node.name]);
    argStart[i] = at;
    for (const a of node.args) arg[at++] = a.kind === 'node' ? a.index : -1;
  }
  argStart[count] = at;
  return {
    n: tape.n,
    ops,
    op,
    level,
    ids,
    argStart,
    arg,
    names,
    outputs: tape.outputs,
    ...(tape.groups ? { groups: tape.groups } : {}),
  };
}

/** A constant argument: the layout only tells node arguments from the rest. */
const CONSTANT: Operand = Object.freeze({ kind: 'const', value: NaN, tex: '' });
const NO_SPAN = Object.freeze([0, 0] as const);

/** The tape `layoutGraph` needs, rebuilt in the worker (no spans, TeX, decisions or warnings). */
export function unpackTape(p: PackedTape): Tape {
  const count = p.op.length;
  const names = new Map(p.names);
  const nodes = new Array<TapeNode>(count);
  for (let i = 0; i < count; i++) {
    const args: Operand[] = [];
    for (let j = p.argStart[i]!; j < p.argStart[i + 1]!; j++) {
      const index = p.arg[j]!;
      args.push(index < 0 ? CONSTANT : { kind: 'node', index });
    }
    const name = names.get(i);
    nodes[i] = {
      index: i,
      k: i - p.n + 1,
      id: p.ids[i]!,
      op: p.ops[p.op[i]!]!,
      args,
      level: p.level[i]!,
      span: NO_SPAN,
      ...(name === undefined ? {} : { name }),
    };
  }
  return {
    n: p.n,
    inputs: [],
    nodes,
    outputs: p.outputs,
    warnings: [],
    ...(p.groups ? { groups: p.groups } : {}),
  };
}
