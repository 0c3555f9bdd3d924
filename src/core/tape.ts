/**
 * Program → Tape: the Wengert list.
 *
 * With n inputs x_1…x_n (natural sort of their names), the inputs are v_{1-n} … v_0 and the
 * operations are v_1 … v_l. A straight-line program (no control flow, no name assigned twice, no
 * `return`) is numbered as one whole (CONTRACTS §2): level by level from the inputs (level(v) = 1 +
 * max level of its arguments, inputs at level 0), left to right in the source within a level. It does
 * not depend on the input values. A program with control flow is run on the input values and records
 * the path taken (program.ts): statement by statement in execution order, each statement numbered by
 * the same rule. Identical subexpressions become one node unless merging is off; numeric literals
 * and constants stay inline as constant operands; a constant-only subexpression is folded.
 */
import { naturalCompare, plainNumber, texNumber } from './format';
import type { SourceError, SourceWarning } from './parse/errors';
import {
  DEFAULT_LIMITS,
  parse,
  type Ast,
  type Condition,
  type ParseLimits,
  type Program,
  type Span,
  type Statement,
} from './parse/parser';
import { postOrderFrom, postOrderOf, POST_NUM, POST_VAR, type PostOrder } from './parse/postOrder';
import { recordProgram } from './program';
import { FUNCTIONS, RULE_LIST } from './rules';
import type { RowTex } from './tex';

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

/**
 * What a decision chose: an `if` (or `else if`) arm whose condition held (`then`); after a false
 * condition, the next `else if` test, the `else` block, or nothing (`skip`); a loop's next iteration
 * (`iterate`) or its end (`exit`).
 */
export type DecisionSide = 'then' | 'elseif' | 'else' | 'skip' | 'iterate' | 'exit';

/**
 * A decision taken while the program ran: a condition of an `if` or `else if`, or a loop test. It is
 * not differentiated (the tape records only the path it chose).
 */
export interface Decision {
  /** How many nodes (inputs included) were on the tape when it was taken. */
  readonly after: number;
  readonly kind: 'if' | 'for' | 'while';
  /** The condition as text, printed from the parsed program (`y > 10`, `i <= 3`). */
  readonly text: string;
  readonly value: boolean;
  readonly side: DecisionSide;
  /** `if`: which arm was tested (0 for `if`, 1… for each `else if`); loops: the iteration (1-based) it starts, or the number run when it exits. */
  readonly count: number;
  /** Nodes the condition reads. */
  readonly reads: readonly number[];
  /** The condition in TeX with node names, and with their values. */
  readonly tex: { readonly symbolic: string; readonly numeric: string };
  /** The condition as text with the values put in (`67.942 > 10`), for captions. */
  readonly plain: string;
  /** Where the statement is, and the condition's own span. */
  readonly span: Span;
  /** A NaN in the condition: every comparison with NaN is false. */
  readonly nan: boolean;
}

/**
 * Nodes made by one iteration of a loop or by one side of a branch: `[start, end)` in node order (a
 * program's nodes are numbered in execution order, so each group is a run of consecutive nodes).
 */
export interface Group {
  readonly kind: 'iteration' | 'branch';
  /** `i = 2`, `iteration 3`, `if y > 10`, `else`. */
  readonly label: string;
  readonly start: number;
  readonly end: number;
  /** Groups inside groups: 0 for the outermost. */
  readonly depth: number;
  /** The statement that made it. */
  readonly span: Span;
}

export interface Tape {
  readonly n: number;
  readonly inputs: readonly TapeInput[];
  /** Inputs (op `input`) first, then v_1 … v_l. */
  readonly nodes: readonly TapeNode[];
  readonly outputs: readonly TapeOutput[];
  readonly warnings: readonly SourceWarning[];
  /** Programs with control flow: the decisions taken, in execution order. */
  readonly decisions?: readonly Decision[];
  /** Programs with control flow: loop iterations and branch sides, in execution order. */
  readonly groups?: readonly Group[];
}

export interface TapeOptions {
  /** Merge identical subexpressions into one node (value numbering). Default true. */
  readonly merge?: boolean;
  readonly limits?: ParseLimits;
  /**
   * The input values, in the order of the inputs: a program with control flow runs on them to record
   * its path. Without them such a program runs with every input at 1. Straight-line programs ignore it.
   */
  readonly x?: ArrayLike<number>;
}

export type CompileResult =
  { readonly ok: true; readonly tape: Tape } | { readonly ok: false; readonly error: SourceError };

/** What is known of a program before it runs: its inputs, its outputs, whether it has control flow. */
export interface ProgramInfo {
  readonly program: Program;
  /** Input names in natural order, with where each is first read. */
  readonly inputs: readonly string[];
  readonly inputSpans: ReadonlyMap<string, Span>;
  /** Output names, in order. */
  readonly outputs: readonly string[];
  /** True when the program has control flow, assigns a name twice or returns: its tape depends on x. */
  readonly dynamic: boolean;
  /** The parser's warnings and hints about names (`sinx` is read as an input). */
  readonly warnings: readonly SourceWarning[];
  /** Loop variables, with the span of their `for` (for messages about reads outside the loop). */
  readonly loopVariables: ReadonlyMap<string, Span>;
}

export type AnalyzeResult =
  { readonly ok: true; readonly info: ProgramInfo } | { readonly ok: false; readonly error: SourceError };

/** Parses and analyses program text, without running it. Never throws. */
export function analyzeText(text: string, limits: ParseLimits = DEFAULT_LIMITS): AnalyzeResult {
  const parsed = parse(text, limits);
  if (!parsed.ok) return parsed;
  return analyze(parsed.program, text);
}

/** Parses and tapes program text. Never throws. */
export function compile(text: string, options: TapeOptions = {}): CompileResult {
  const analyzed = analyzeText(text, options.limits ?? DEFAULT_LIMITS);
  if (!analyzed.ok) return analyzed;
  return tapeOf(analyzed.info, options);
}

/** Builds the tape of a parsed program. Never throws. */
export function buildTape(program: Program, options: TapeOptions = {}): CompileResult {
  const analyzed = analyze(program);
  if (!analyzed.ok) return analyzed;
  return tapeOf(analyzed.info, options);
}

/** The tape of an analysed program: built once for a straight-line one, recorded at `x` otherwise. */
export function tapeOf(info: ProgramInfo, options: TapeOptions = {}): CompileResult {
  const merge = options.merge ?? true;
  try {
    if (!info.dynamic) return buildStraight(info, merge);
    const x = options.x ?? new Float64Array(info.inputs.length).fill(1);
    return recordProgram(info, x, { merge, maxOperations: (options.limits ?? DEFAULT_LIMITS).maxOperations });
  } catch (e) {
    if (e instanceof TapeFailure) return { ok: false, error: e.error };
    throw e;
  }
}

/** A located failure while building a tape, caught at `tapeOf`. */
export class TapeFailure extends Error {
  constructor(readonly error: SourceError) {
    super(error.message);
  }
}

export function fail(message: string, start: number, end: number): never {
  throw new TapeFailure({ message, start, end });
}

/** Ids made once and shared by every tape (a tape of 10⁴ nodes would otherwise make 10⁴ strings). */
const IDS_UP: string[] = [];
const IDS_DOWN: string[] = [];

/** `v-1`, `v0`, `v1` …: the id of the node with Wengert subscript k. */
export function nodeId(k: number): string {
  if (k >= 0) return (IDS_UP[k] ??= `v${k}`);
  return (IDS_DOWN[-k] ??= `v${k}`);
}

/**
 * The operand naming node `index`: operands are immutable, so one object per index serves every
 * tape (building a tape allocates no operand objects for its nodes).
 */
const NODE_REFS: Operand[] = [];
export function nodeRef(index: number): Operand {
  return (NODE_REFS[index] ??= { kind: 'node', index });
}

// ---------------------------------------------------------------------------------------------
// Analysis

/** Line and column of an offset, as people count them, for messages: `col 5` or `line 2, col 3`. */
export function placeOf(text: string | undefined, offset: number): string {
  if (text === undefined || !text.includes('\n')) return `col ${offset + 1}`;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `line ${line}, col ${offset - before.lastIndexOf('\n')}`;
}

type Reader = (name: string, span: Span) => void;

/** Calls `read` for each variable an expression reads, in reading order (iterative: deep left spines). */
function readsOf(root: Ast, read: Reader): void {
  const stack: Ast[] = [root];
  while (stack.length) {
    const a = stack.pop()!;
    if (a.type === 'var') read(a.name, a.span);
    else if (a.type === 'op') for (let i = a.args.length - 1; i >= 0; i--) stack.push(a.args[i]!);
  }
}

function conditionReads(c: Condition, read: Reader): void {
  const stack: Condition[] = [c];
  while (stack.length) {
    const x = stack.pop()!;
    if (x.type === 'compare') {
      readsOf(x.left, read);
      readsOf(x.right, read);
    } else if (x.type === 'not') stack.push(x.arg);
    else stack.push(x.right, x.left);
  }
}

/** A hint for an input whose name is a function's name run into a variable's: `sinx`, `lnx1`. */
function functionLikeName(name: string): string | null {
  for (const f of FUNCTIONS.keys()) {
    if (name.length <= f.length || !name.startsWith(f)) continue;
    const rest = name.slice(f.length);
    if (/^[a-z][0-9]*$/.test(rest) && !FUNCTIONS.has(name)) return `${f}(${rest})`;
  }
  return null;
}

const WORDS: Readonly<Record<string, string>> = {
  sin: 'the sine',
  cos: 'the cosine',
  tan: 'the tangent',
  exp: 'the exponential',
  ln: 'the logarithm',
  log: 'the logarithm',
  sqrt: 'the square root',
  abs: 'the absolute value',
};

/**
 * What a program is before it runs: which names are inputs (a name whose first use, in the order the
 * program reads, is a read: the right side of `=` before its left, a condition or bound before its
 * body), its outputs, and whether it has control flow. Static errors: assigning an input or a loop
 * variable, a loop variable that is already a name, a program that outputs nothing.
 */
export function analyze(program: Program, text?: string): AnalyzeResult {
  try {
    return { ok: true, info: analyzeOrThrow(program, text) };
  } catch (e) {
    if (e instanceof TapeFailure) return { ok: false, error: e.error };
    throw e;
  }
}

function analyzeOrThrow(program: Program, text: string | undefined): ProgramInfo {
  /** First use of each name: a read (input) or an assignment (variable). */
  const inputs = new Map<string, Span>();
  const variables = new Map<string, Span>();
  const loopVariables = new Map<string, Span>();
  const active = new Set<string>();
  let dynamic = false;
  const assignedAt = new Set<string>();

  /** Inputs and variables: a name read again (the common case) costs one lookup. */
  const known = new Set<string>();
  const read = (name: string, span: Span) => {
    if (known.has(name) || active.has(name)) return;
    inputs.set(name, span);
    known.add(name);
  };
  const assign = (name: string, span: Span) => {
    const nameSpan: Span = [span[0], span[0] + name.length];
    if (active.has(name)) {
      fail(`'${name}' is the variable of its for loop and cannot be assigned in the loop`, ...nameSpan);
    }
    const used = inputs.get(name);
    if (used) {
      if (!dynamic && !program.statements.some((s) => s.kind !== 'assign')) {
        fail(
          `'${name}' is used at ${placeOf(text, used[0])} before it is defined here: define it first`,
          ...nameSpan,
        );
      }
      fail(
        `'${name}' is read at ${placeOf(text, used[0])} before it is ever assigned, so it is an input, and an input cannot be assigned: give ${name} a value before it is read (${name} = 0), or copy the input first (${name}1 = ${name}) and change the copy`,
        ...nameSpan,
      );
    }
    if (assignedAt.has(name)) dynamic = true;
    assignedAt.add(name);
    if (!variables.has(name)) variables.set(name, span);
    known.add(name);
  };

  // An assignment's reads come from the parser's post-order when there is one: a scan of an array
  // in place of a walk over the tree (each name once per statement: later reads change nothing).
  const post = postOrderOf(program);
  const stamp = post ? new Int32Array(post.names.length).fill(-1) : null;
  let statementCount = 0;
  const assignmentReads = (expr: Ast): void => {
    const range = post?.ranges.get(expr);
    if (!post || !range || !stamp) return readsOf(expr, read);
    const { code, value, node, names } = post;
    const mark = statementCount++;
    for (let i = range[0]; i < range[1]; i++) {
      if (code[i] !== POST_VAR) continue;
      const id = value[i]!;
      if (stamp[id] === mark) continue;
      stamp[id] = mark;
      read(names[id]!, node[i]!.span);
    }
  };

  const walk = (statements: readonly Statement[]): void => {
    for (const s of statements) {
      switch (s.kind) {
        case 'assign':
          assignmentReads(s.expr);
          if (s.name !== null) assign(s.name, s.span);
          break;
        case 'return':
          dynamic = true;
          for (const v of s.values) readsOf(v, read);
          break;
        case 'if':
          dynamic = true;
          for (const arm of s.arms) {
            conditionReads(arm.cond, read);
            walk(arm.body);
          }
          if (s.otherwise) walk(s.otherwise);
          break;
        case 'while':
          dynamic = true;
          conditionReads(s.cond, read);
          walk(s.body);
          break;
        case 'for': {
          dynamic = true;
          readsOf(s.from, read);
          readsOf(s.to, read);
          const v = s.variable;
          if (inputs.has(v) || variables.has(v) || active.has(v)) {
            fail(
              `'${v}' is already a name in this program: choose another name for the loop variable`,
              ...s.variableSpan,
            );
          }
          loopVariables.set(v, s.headSpan);
          active.add(v);
          walk(s.body);
          active.delete(v);
          break;
        }
      }
    }
  };
  walk(program.statements);

  const inputNames = [...inputs.keys()].sort(naturalCompare);
  if (inputNames.length === 0) {
    const first = program.statements[0]!;
    const last = program.statements[program.statements.length - 1]!;
    // A lone constant expression still gets its value (`2^3^2` is 512, not 64: `^` groups to the right).
    const value = constantValue(program);
    fail(
      value === null
        ? 'The expression has no inputs: use a variable such as x'
        : `The expression has no inputs: it is the constant ${plainNumber(value)}; use a variable such as x to see derivatives`,
      first.span[0],
      last.span[1],
    );
  }

  // Outputs, by name: the return list, else every top-level statement (a name once, at its last value).
  const taken = new Set<string>([...inputNames, ...variables.keys()]);
  const outputs: string[] = [];
  const last = program.statements[program.statements.length - 1]!;
  const bare = (count: number): string[] => {
    if (count === 1) {
      const single = ['y', 'f', 'out'].find((c) => !taken.has(c));
      if (single) return [single];
    }
    const names: string[] = [];
    for (let k = 1; names.length < count; k++) if (!taken.has(`y${k}`)) names.push(`y${k}`);
    return names;
  };
  if (last.kind === 'return') {
    const unnamed = last.values.filter((v) => v.type !== 'var').length;
    const fresh = bare(unnamed);
    let j = 0;
    for (const v of last.values) {
      const name = v.type === 'var' ? v.name : fresh[j++]!;
      if (outputs.includes(name)) fail(`'${name}' is returned twice: return each result once`, ...v.span);
      outputs.push(name);
    }
  } else {
    const top = program.statements.filter(
      (s): s is Extract<Statement, { kind: 'assign' }> => s.kind === 'assign',
    );
    const fresh = bare(top.filter((s) => s.name === null).length);
    let j = 0;
    const seen = new Set<string>();
    for (const s of top) {
      const name = s.name ?? fresh[j++]!;
      if (!seen.has(name)) outputs.push(name);
      seen.add(name);
    }
    if (outputs.length === 0) {
      const named = [...variables.keys()];
      const suggestion = named.length > 0 ? named[named.length - 1]! : 'y';
      fail(
        `Nothing to output: end the program with return, as in return ${suggestion}, or assign a result outside the blocks`,
        last.span[0],
        last.span[1],
      );
    }
  }

  const warnings = [...program.warnings];
  for (const name of inputNames) {
    const call = functionLikeName(name);
    if (call) {
      const f = call.slice(0, call.indexOf('('));
      const span = inputs.get(name)!;
      warnings.push({
        message: `${name} is read as an input; for ${WORDS[f] ?? f} write ${call}`,
        start: span[0],
        end: span[1],
      });
    }
  }

  return {
    program,
    inputs: inputNames,
    inputSpans: inputs,
    outputs,
    dynamic,
    warnings,
    loopVariables,
  };
}

// ---------------------------------------------------------------------------------------------
// Straight-line programs: numbered as one whole

/** The largest value-numbering table kept between tapes: 2¹⁶ slots, 1.5 MB (tapes of 32,768 operations). */
const REUSE_SLOTS = 1 << 16;

/**
 * Value numbering without strings: an open-addressing table of (operation, operand, operand) → node.
 * An operand is a node index, or a constant identified by the bits of its value.
 */
class OperationTable {
  private keys: Int32Array;
  private a: Float64Array;
  private b: Float64Array;
  private nodes: Int32Array;
  private size = 0;

  constructor(capacity: number) {
    let cap = 16;
    while (cap < capacity * 2) cap *= 2;
    this.keys = new Int32Array(cap).fill(-1);
    this.a = new Float64Array(cap);
    this.b = new Float64Array(cap);
    this.nodes = new Int32Array(cap);
  }

  /** Empties the table for another tape, keeping its arrays (a and b need no clearing). */
  clear(): void {
    this.keys.fill(-1);
    this.size = 0;
  }

  /** Slots held (for the reuse rule). */
  get capacity(): number {
    return this.keys.length;
  }

  private slot(op: number, a: number, b: number): number {
    const mask = this.keys.length - 1;
    let h =
      Math.imul(op + 1, 0x9e3779b1) ^
      Math.imul(hashNumber(a), 0x85ebca6b) ^
      Math.imul(hashNumber(b), 0xc2b2ae35);
    h = (h ^ (h >>> 15)) & mask;
    for (;;) {
      const k = this.keys[h]!;
      if (k === -1 || (k === op && Object.is(this.a[h], a) && Object.is(this.b[h], b))) return h;
      h = (h + 1) & mask;
    }
  }

  /** The node stored under (op, a, b), or −1 after storing `node` there: one probe for both. */
  getOrSet(op: number, a: number, b: number, node: number): number {
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    const h = this.slot(op, a, b);
    if (this.keys[h] !== -1) return this.nodes[h]!;
    this.size++;
    this.keys[h] = op;
    this.a[h] = a;
    this.b[h] = b;
    this.nodes[h] = node;
    return -1;
  }

  set(op: number, a: number, b: number, node: number): void {
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    const h = this.slot(op, a, b);
    if (this.keys[h] === -1) this.size++;
    this.keys[h] = op;
    this.a[h] = a;
    this.b[h] = b;
    this.nodes[h] = node;
  }

  private grow(): void {
    const { keys, a, b, nodes } = this;
    this.keys = new Int32Array(keys.length * 2).fill(-1);
    this.a = new Float64Array(keys.length * 2);
    this.b = new Float64Array(keys.length * 2);
    this.nodes = new Int32Array(keys.length * 2);
    this.size = 0;
    for (let h = 0; h < keys.length; h++) if (keys[h] !== -1) this.set(keys[h]!, a[h]!, b[h]!, nodes[h]!);
  }
}

const HASH_VIEW = new Float64Array(1);
const HASH_BITS = new Int32Array(HASH_VIEW.buffer);
/**
 * The value of a program that is one expression of numbers and constants only (`2^3^2`), by the same
 * rules the sweeps use; null for anything else. Iterative over the parser's post-order, so a deeply
 * nested constant costs no stack.
 */
function constantValue(program: Program): number | null {
  const [statement] = program.statements;
  if (program.statements.length !== 1 || statement?.kind !== 'assign') return null;
  const post = postOrderFrom(program);
  const range = post.ranges.get(statement.expr);
  if (!range) return null;
  const stack: number[] = [];
  for (let i = range[0]; i < range[1]; i++) {
    const code = post.code[i]!;
    if (code === POST_VAR) return null;
    if (code < 0) {
      stack.push(post.value[i]!);
      continue;
    }
    const second = ARITY[code] === 2 ? stack.pop()! : NaN;
    const first = stack.pop()!;
    stack.push(RULE_LIST[code]!.eval(first, second));
  }
  return stack.length === 1 ? stack[0]! : null;
}

function hashNumber(x: number): number {
  HASH_VIEW[0] = x;
  return HASH_BITS[0]! ^ Math.imul(HASH_BITS[1]!, 31);
}

/**
 * An operation's node, made by a constructor rather than an object literal: V8 tracks the objects of
 * a literal and, when many outlive a young-generation collection (a tape of 10⁴ nodes being built
 * when one comes), makes that literal allocate in the old generation from then on. The bench saw
 * tape building at 10⁴ operations go from about 3.5 ms to 9 to 12 ms for the rest of the process
 * once that happened (old-generation allocation, write barriers, more full collections).
 */
class OperationNode implements TapeNode {
  constructor(
    readonly index: number,
    readonly k: number,
    readonly id: string,
    readonly op: string,
    readonly args: readonly Operand[],
    readonly level: number,
    readonly span: Span,
  ) {}
}

/** A draft's second argument when its rule takes one. */
const NO_ARG = -0x7fffffff;

/**
 * Drafts of operations in creation order, as typed arrays: lowering stores no object and no
 * reference (a tape's objects are made once, numbered, at the end). An argument is a draft's index
 * (≥ 0), or −1 − k for the constant `consts[k]`.
 */
interface Drafts {
  count: number;
  op: Int32Array;
  level: Int32Array;
  /** The post-order entry each draft comes from (its span); −1 for an input. */
  entry: Int32Array;
  a: Int32Array;
  b: Int32Array;
  consts: Operand[];
}

/** A draft's argument for an operand. */
function argOf(d: Drafts, x: Operand): number {
  if (x.kind === 'node') return x.index;
  d.consts.push(x);
  return -d.consts.length;
}

function buildStraight(info: ProgramInfo, merge: boolean): CompileResult {
  const { program, inputs: inputNames } = info;
  const n = inputNames.length;
  const inputIndex = new Map(inputNames.map((name, i) => [name, i]));
  const capacity = n + (program.operations ?? 16);
  const d: Drafts = {
    count: 0,
    op: new Int32Array(capacity),
    level: new Int32Array(capacity),
    entry: new Int32Array(capacity),
    a: new Int32Array(capacity),
    b: new Int32Array(capacity),
    consts: [],
  };
  const table = merge ? MemoTable.forTape(Math.max(1024, program.operations ?? 0)) : null;
  // The parser's post-order, unless the program was made otherwise (or rebuilt from parsed parts).
  const parsed = postOrderOf(program);
  const post =
    parsed && program.statements.every((st) => st.kind !== 'assign' || parsed.ranges.has(st.expr))
      ? parsed
      : postOrderFrom(program);
  // The operand each name stands for, by the post-order's name id: inputs now, variables as they are
  // assigned (a straight-line program reads a variable only after assigning it).
  const byId = new Array<Operand | undefined>(post.names.length);
  for (let id = 0; id < post.names.length; id++) {
    const i = inputIndex.get(post.names[id]!);
    if (i !== undefined) byId[id] = nodeRef(i);
  }
  const outputsByName = new Map<string, { operand: Operand; span: Span }>();
  const bareOutputs: { operand: Operand; span: Span }[] = [];

  for (let i = 0; i < n; i++) push(d, -1, NO_ARG, NO_ARG, 0, -1);
  for (const st of program.statements) {
    if (st.kind !== 'assign') continue;
    const operand = lowerStraight(post, post.ranges.get(st.expr)!, d, byId, table);
    if (operand.kind === 'const') {
      const label = st.name ? `'${st.name}'` : 'This expression';
      fail(
        `${label} does not depend on any input (it is the constant ${texNumber(operand.value).replace(/\\/g, '')})${st.name ? `: every statement is an output unless the program ends with a return, such as return ${lastName(program.statements) ?? 'y'}` : ''}`,
        st.span[0],
        st.span[1],
      );
    }
    if (st.name !== null) {
      const id = post.ids.get(st.name);
      if (id !== undefined) byId[id] = operand;
      outputsByName.set(st.name, { operand, span: st.span });
    } else bareOutputs.push({ operand, span: st.span });
  }

  // Number the operations: by level, then in creation order, which within a level is source order
  // (two nodes of one level never contain each other, so their spans are disjoint, and lowering
  // creates them post-order, left to right). A counting sort: linear in the number of nodes.
  const count = d.count;
  let maxLevel = 0;
  for (let i = n; i < count; i++) if (d.level[i]! > maxLevel) maxLevel = d.level[i]!;
  const bucket = new Int32Array(maxLevel + 2);
  for (let i = n; i < count; i++) bucket[d.level[i]! + 1]!++;
  for (let l = 1; l < bucket.length; l++) bucket[l]! += bucket[l - 1]!;
  const renumber = new Int32Array(count);
  for (let i = 0; i < n; i++) renumber[i] = i;
  for (let i = n; i < count; i++) renumber[i] = n + bucket[d.level[i]!]!++;
  const nodes = new Array<TapeNode>(count);
  for (let i = 0; i < n; i++) {
    const span = info.inputSpans.get(inputNames[i]!)!;
    nodes[i] = {
      index: i,
      k: i - n + 1,
      id: nodeId(i - n + 1),
      op: 'input',
      args: [],
      level: 0,
      span,
      name: inputNames[i]!,
    };
  }
  const operand = (x: number): Operand => (x >= 0 ? nodeRef(renumber[x]!) : d.consts[-1 - x]!);
  for (let i = n; i < count; i++) {
    const index = renumber[i]!;
    const k = index - n + 1;
    const b = d.b[i]!;
    const args = b === NO_ARG ? [operand(d.a[i]!)] : [operand(d.a[i]!), operand(b)];
    const span = post.node[d.entry[i]!]!.span;
    nodes[index] = new OperationNode(index, k, nodeId(k), RULE_LIST[d.op[i]!]!.name, args, d.level[i]!, span);
  }

  const inputs = inputNames.map((name, i) => ({ name, id: nodes[i]!.id, index: i }));
  const outputs: TapeOutput[] = [];
  let bare = 0;
  for (const name of info.outputs) {
    const o = outputsByName.get(name) ?? bareOutputs[bare++]!;
    const index = renumber[(o.operand as { index: number }).index]!;
    outputs.push({ name, id: nodes[index]!.id, index });
  }
  return { ok: true, tape: { n, inputs, nodes, outputs, warnings: info.warnings } };
}

function push(d: Drafts, op: number, a: number, b: number, level: number, entry: number): number {
  if (d.count === d.op.length) {
    const grow = (x: Int32Array): Int32Array => {
      const y = new Int32Array(x.length * 2);
      y.set(x);
      return y;
    };
    d.op = grow(d.op);
    d.level = grow(d.level);
    d.entry = grow(d.entry);
    d.a = grow(d.a);
    d.b = grow(d.b);
  }
  const i = d.count++;
  d.op[i] = op;
  d.level[i] = level;
  d.entry[i] = entry;
  d.a[i] = a;
  d.b[i] = b;
  return i;
}

/**
 * Value numbering for straight-line programs: (operation, operands) → draft index. The table's key
 * holds the operation and each operand's kind (absent, node, constant); the operands themselves are
 * a node's index or a constant's value, compared exactly (−0 apart from 0).
 */
class MemoTable {
  private readonly table: OperationTable;

  constructor(capacity: number) {
    this.table = new OperationTable(capacity);
  }

  /**
   * A table for a tape of about `capacity` operations. Building is synchronous and never nested, so
   * one table is kept and emptied for the next tape when it is large enough: a keystroke in a large
   * expression builds a tape, and a fresh table was most of the garbage each build left (24 bytes a
   * slot, two slots an operation). Tables beyond REUSE_SLOTS are made for their tape and let go.
   */
  static forTape(capacity: number): MemoTable {
    const kept = MemoTable.kept;
    if (
      kept &&
      kept.table.capacity >= capacity * 2 &&
      kept.table.capacity <= Math.min(REUSE_SLOTS, 4 * Math.max(capacity, 1024))
    ) {
      kept.table.clear();
      return kept;
    }
    const fresh = new MemoTable(capacity);
    if (fresh.table.capacity <= REUSE_SLOTS) MemoTable.kept = fresh;
    return fresh;
  }

  private static kept: MemoTable | null = null;

  private static kind(x: Operand | undefined): number {
    return x === undefined ? 0 : x.kind === 'node' ? 1 : 2;
  }

  private static value(x: Operand | undefined): number {
    return x === undefined ? 0 : x.kind === 'node' ? x.index : x.value;
  }

  /**
   * The earlier node with this rule and these operands, or −1 after recording `index` as it. The
   * second operand is passed apart (undefined for a unary rule) so that no array is read past its end.
   */
  getOrSet(code: number, x: Operand, y: Operand | undefined, index: number): number {
    const op = code * 9 + MemoTable.kind(x) * 3 + MemoTable.kind(y);
    return this.table.getOrSet(op, MemoTable.value(x), MemoTable.value(y), index);
  }
}

/** The operand stack of `lowerStraight`, kept between calls and emptied after each. */
const LOWER_RESULTS: Operand[] = [];
/** Each rule's number of arguments, by code. */
const ARITY = Int8Array.from(RULE_LIST, (r) => r.arity);

/** The name of the last statement that assigns one (for a hint such as `return y`). */
function lastName(statements: readonly { kind: string; name?: string | null }[]): string | null {
  for (let i = statements.length - 1; i >= 0; i--) {
    const st = statements[i]!;
    if (st.kind === 'assign' && st.name) return st.name;
  }
  return null;
}

/**
 * Lowers an assignment's expression into drafts from its post-order entries `[start, end)`, with a
 * stack of operands. Constant-only operations are folded; with a memo table, an operation with the
 * same rule and operands as an earlier one reuses its node. A merged operation (four in ten of a
 * large generated expression) allocates nothing, and a new one only its place in the drafts.
 */
function lowerStraight(
  post: PostOrder,
  range: readonly [number, number],
  d: Drafts,
  byId: readonly (Operand | undefined)[],
  memo: MemoTable | null,
): Operand {
  const results = LOWER_RESULTS;
  results.length = 0;
  const { code: codes, value: values, node } = post;
  for (let i = range[0]; i < range[1]; i++) {
    const code = codes[i]!;
    if (code === POST_VAR) {
      results.push(byId[values[i]!]!);
      continue;
    }
    if (code < 0) {
      const tex = code === POST_NUM ? null : (node[i] as { tex: string | null }).tex;
      results.push(constantOperand(values[i]!, tex));
      continue;
    }
    const second = ARITY[code] === 2 ? results.pop()! : undefined;
    const first = results.pop()!;
    let level = 0;
    if (first.kind === 'node') level = d.level[first.index]!;
    if (second !== undefined && second.kind === 'node') {
      const l = d.level[second.index]!;
      if (l > level) level = l;
    }
    if (first.kind === 'const' && (second === undefined || second.kind === 'const')) {
      const value = RULE_LIST[code]!.eval(first.value, second?.kind === 'const' ? second.value : NaN);
      // `-2` stays written as typed; a folded operation shows its value.
      results.push(constantOperand(value, null));
      continue;
    }
    // The index the operation gets if it is new; the earlier one if it is not.
    const hit = memo ? memo.getOrSet(code, first, second, d.count) : -1;
    if (hit >= 0) {
      results.push(nodeRef(hit));
      continue;
    }
    const b = second === undefined ? NO_ARG : argOf(d, second);
    results.push(nodeRef(push(d, code, argOf(d, first), b, level + 1, i)));
  }
  const result = results[0]!;
  results.length = 0;
  return result;
}

/** Constant operands by value: a literal written a thousand times is one object, its TeX made once. */
const CONSTANTS_SEEN = new Map<number, Operand>();

/** The operand of a constant; `tex` given for named constants (`\\pi`), else written from the value. */
export function constantOperand(value: number, tex: string | null): Operand {
  if (tex !== null) return { kind: 'const', value, tex };
  let c = CONSTANTS_SEEN.get(value);
  if (!c || !Object.is((c as { value: number }).value, value)) {
    c = { kind: 'const', value, tex: texNumber(value, true) };
    if (CONSTANTS_SEEN.size > 4096) CONSTANTS_SEEN.clear();
    CONSTANTS_SEEN.set(value, c);
  }
  return c;
}

/** Re-exported for program.ts: a row's TeX parts. */
export type { RowTex };
