/**
 * AST → Tape: the Wengert list.
 *
 * With n inputs x_1…x_n (natural sort of their names), the inputs are v_{1-n} … v_0 and the
 * operations are v_1 … v_l in a topological order that goes level by level from the inputs
 * (level(v) = 1 + max level of its arguments, inputs at level 0) and left to right in the source
 * within a level (CONTRACTS §2). Identical subexpressions become one node unless merging is off;
 * numeric literals and constants stay inline as constant operands; a constant-only subexpression is
 * folded into one constant.
 */
import { naturalCompare, texNumber } from './format';
import type { SourceError, SourceWarning } from './parse/errors';
import { DEFAULT_LIMITS, parse, type Ast, type ParseLimits, type Program, type Span } from './parse/parser';
import { rule } from './rules';

export type Operand =
  | { readonly kind: 'node'; readonly index: number }
  | { readonly kind: 'const'; readonly value: number; readonly tex: string };

export interface TapeNode {
  /** Position in `Tape.nodes` (inputs first). */
  readonly index: number;
  /** The Wengert subscript: index − n + 1, so inputs are 1−n … 0. */
  readonly k: number;
  /** `v-1`, `v0`, `v1`, … (ASCII hyphen-minus). */
  readonly id: string;
  /** `input`, or the name of a rule. */
  readonly op: string;
  readonly args: readonly Operand[];
  readonly level: number;
  /** Where the node first appears in the source. */
  readonly span: Span;
  /** An input's name. */
  readonly name?: string;
}

export interface TapeInput {
  readonly name: string;
  readonly id: string;
  readonly index: number;
}

export type TapeOutput = TapeInput;

export interface Tape {
  readonly n: number;
  readonly inputs: readonly TapeInput[];
  /** Inputs (op `input`) first, then v_1 … v_l. */
  readonly nodes: readonly TapeNode[];
  readonly outputs: readonly TapeOutput[];
  readonly warnings: readonly SourceWarning[];
}

export interface TapeOptions {
  /** Merge identical subexpressions into one node (value numbering). Default true. */
  readonly merge?: boolean;
  readonly limits?: ParseLimits;
}

export type CompileResult =
  { readonly ok: true; readonly tape: Tape } | { readonly ok: false; readonly error: SourceError };

/** Parses and tapes expression text. Never throws. */
export function compile(text: string, options: TapeOptions = {}): CompileResult {
  const parsed = parse(text, options.limits ?? DEFAULT_LIMITS);
  if (!parsed.ok) return parsed;
  return buildTape(parsed.program, options);
}

interface Draft {
  op: string;
  args: Operand[];
  level: number;
  span: Span;
  name?: string;
}

const nodeId = (k: number): string => `v${k}`;

/** Builds the tape of a parsed program. Never throws. */
export function buildTape(program: Program, options: TapeOptions = {}): CompileResult {
  const merge = options.merge ?? true;
  const defined = new Map<string, { operand: Operand; span: Span }>();
  const inputUse = new Map<string, Span>();

  // First pass: which names are inputs, and are names used before they are defined?
  for (const st of program.statements) {
    for (const [name, span] of variables(st.expr)) {
      if (!defined.has(name) && !inputUse.has(name)) inputUse.set(name, span);
    }
    if (st.name !== null) {
      const prior = defined.get(st.name);
      if (prior) {
        return fail(
          `'${st.name}' is already defined at col ${prior.span[0] + 1}`,
          st.span[0],
          st.span[0] + st.name.length,
        );
      }
      const used = inputUse.get(st.name);
      if (used) {
        return fail(
          `'${st.name}' is used at col ${used[0] + 1} before it is defined here: define it first`,
          st.span[0],
          st.span[0] + st.name.length,
        );
      }
      defined.set(st.name, { operand: { kind: 'const', value: 0, tex: '' }, span: st.span });
    }
  }
  defined.clear();

  const inputNames = [...inputUse.keys()].sort(naturalCompare);
  if (inputNames.length === 0) {
    const last = program.statements[program.statements.length - 1]!;
    return fail(
      'The expression has no inputs: use a variable such as x',
      program.statements[0]!.span[0],
      last.span[1],
    );
  }
  const drafts: Draft[] = inputNames.map((name) => ({
    op: 'input',
    args: [],
    level: 0,
    span: inputUse.get(name)!,
    name,
  }));
  const inputIndex = new Map(inputNames.map((name, i) => [name, i]));
  const memo = new Map<string, number>();
  /** One operand object per draft, shared by all its readers (`refs[i]` refers to `drafts[i]`). */
  const refs: Operand[] = [];
  const outputs: { name: string | null; operand: Operand; span: Span }[] = [];

  for (const st of program.statements) {
    const operand = lower(st.expr, drafts, inputIndex, defined, merge ? memo : null, refs);
    if (operand.kind === 'const') {
      const label = st.name ? `'${st.name}'` : 'This expression';
      return fail(
        `${label} does not depend on any input (it is the constant ${texNumber(operand.value).replace(/\\/g, '')})`,
        st.span[0],
        st.span[1],
      );
    }
    if (st.name !== null) defined.set(st.name, { operand, span: st.span });
    outputs.push({ name: st.name, operand, span: st.span });
  }

  // Number the operations: by level, then by where they start in the source.
  const n = inputNames.length;
  // Sort keys in typed arrays: comparing numbers, not objects, keeps 10⁵ nodes fast.
  const count = drafts.length;
  const level = new Int32Array(count);
  const start = new Float64Array(count);
  const end = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const d = drafts[i]!;
    level[i] = d.level;
    start[i] = d.span[0];
    end[i] = d.span[1];
  }
  const order = Array.from({ length: count }, (_, i) => i);
  order.sort((a, b) => {
    if (a < n || b < n) return a - b;
    return level[a]! - level[b]! || start[a]! - start[b]! || end[a]! - end[b]! || a - b;
  });
  const renumber = new Int32Array(count);
  for (let i = 0; i < count; i++) renumber[order[i]!] = i;
  const nodes: TapeNode[] = new Array<TapeNode>(count);
  // Operands are immutable: one object per node, shared by every reader.
  const nodeRefs: Operand[] = Array.from({ length: count }, (_, index) => ({ kind: 'node', index }));
  for (let index = 0; index < count; index++) {
    const d = drafts[order[index]!]!;
    const k = index - n + 1;
    const args: Operand[] = new Array<Operand>(d.args.length);
    for (let j = 0; j < d.args.length; j++) {
      const a = d.args[j]!;
      args[j] = a.kind === 'node' ? nodeRefs[renumber[a.index]!]! : a;
    }
    const node: TapeNode = { index, k, id: nodeId(k), op: d.op, args, level: d.level, span: d.span };
    nodes[index] = d.name ? { ...node, name: d.name } : node;
  }

  const inputs = inputNames.map((name, i) => ({ name, id: nodes[i]!.id, index: i }));
  const taken = new Set<string>([...inputNames, ...outputs.flatMap((o) => (o.name ? [o.name] : []))]);
  const bareCount = outputs.filter((o) => o.name === null).length;
  let bare = 0;
  const named = outputs.map((o) => {
    let name = o.name;
    if (name === null) {
      if (outputs.length === 1) name = ['y', 'f', 'out'].find((c) => !taken.has(c)) ?? 'y';
      else {
        do name = `y${++bare}`;
        while (taken.has(name) && bare < bareCount + taken.size + 1);
      }
      taken.add(name);
    }
    const index = renumber[(o.operand as { index: number }).index]!;
    return { name, id: nodes[index]!.id, index };
  });

  return { ok: true, tape: { n, inputs, nodes, outputs: named, warnings: program.warnings } };
}

function fail(message: string, start: number, end: number): CompileResult {
  return { ok: false, error: { message, start, end } };
}

/**
 * Each variable of an expression with the span of its first occurrence in the source (iterative:
 * deep left spines must not overflow; one entry per name, not per occurrence).
 */
function variables(root: Ast): Map<string, Span> {
  const first = new Map<string, Span>();
  const stack: Ast[] = [root];
  while (stack.length) {
    const a = stack.pop()!;
    if (a.type === 'var') {
      const seen = first.get(a.name);
      if (seen === undefined || a.span[0] < seen[0]) first.set(a.name, a.span);
    } else if (a.type === 'op') for (let i = a.args.length - 1; i >= 0; i--) stack.push(a.args[i]!);
  }
  return first;
}

/**
 * Lowers an expression into drafts, post-order and iteratively. Constant-only operations are folded;
 * with `memo`, an operation with the same rule and operands as an earlier one reuses its node.
 */
function lower(
  root: Ast,
  drafts: Draft[],
  inputIndex: ReadonlyMap<string, number>,
  defined: ReadonlyMap<string, { operand: Operand }>,
  memo: Map<string, number> | null,
  refs: Operand[],
): Operand {
  // Two parallel stacks (the node, and whether its arguments are done) rather than a frame object
  // per visit: lowering 10⁵ operations should cost little more than reading them.
  const results: Operand[] = [];
  const ref = (index: number): Operand => (refs[index] ??= { kind: 'node', index });
  const stack: Ast[] = [root];
  const visited: boolean[] = [false];
  while (stack.length) {
    const a = stack.pop()!;
    const done = visited.pop()!;
    if (a.type === 'num') {
      results.push({ kind: 'const', value: a.value, tex: a.tex ?? texNumber(a.value, true) });
      continue;
    }
    if (a.type === 'var') {
      const d = defined.get(a.name);
      results.push(d ? d.operand : ref(inputIndex.get(a.name)!));
      continue;
    }
    if (!done) {
      stack.push(a);
      visited.push(true);
      for (let i = a.args.length - 1; i >= 0; i--) {
        stack.push(a.args[i]!);
        visited.push(false);
      }
      continue;
    }
    const arity = a.args.length;
    const args = results.splice(results.length - arity, arity);
    let allConst = true;
    let key = a.op;
    let level = 0;
    for (const x of args) {
      if (x.kind === 'node') {
        allConst = false;
        level = Math.max(level, drafts[x.index]!.level);
        if (memo) key += `|#${x.index}`;
      } else if (memo) key += `|=${Object.is(x.value, -0) ? '-0' : x.value}`;
    }
    if (allConst) {
      const [x, y] = args as { value: number }[];
      const value = rule(a.op).eval(x!.value, y?.value ?? NaN);
      // `-2` stays written as typed; a folded operation shows its value.
      results.push({ kind: 'const', value, tex: texNumber(value, true) });
      continue;
    }
    const hit = memo?.get(key);
    if (hit !== undefined) {
      results.push(ref(hit));
      continue;
    }
    drafts.push({ op: a.op, args, level: level + 1, span: a.span });
    const index = drafts.length - 1;
    memo?.set(key, index);
    results.push(ref(index));
  }
  return results[0]!;
}
