/**
 * Programs with control flow, run on the input values to record the path taken (CONTRACTS §1b).
 *
 * The recorder is an interpreter that writes a tape as it goes: each assignment lowers its
 * expression into new nodes (numbered, within the statement, level by level and left to right, as a
 * straight-line program is as a whole); conditions and loop bounds are evaluated on the values
 * computed so far and are not differentiated — each condition tested becomes a `Decision`, and each
 * loop iteration or branch side a `Group` of the nodes it made. Only executed operations become
 * nodes: the tape is the program unrolled along the path the inputs choose (Baydin et al. 2018, §2:
 * AD "can handle control flow" because it records the operations actually performed).
 *
 * Every failure is located: a bound that is not a whole number, a loop past MAX_ITERATIONS, more
 * than MAX_TOTAL_ITERATIONS iterations in all, a path of more operations than the limit, a name read
 * before it is assigned on the path taken. Nothing here can hang: every loop is bounded.
 */
import { formatNumber, texIdentifier, texNodeId, texNumber } from './format';
import type { Ast, Comparison, Condition, Span, Statement } from './parse/parser';
import { printCondition } from './parse/print';
import { RULE_CODE, RULE_LIST } from './rules';
import { exprTex } from './symTex';
import { symConst, symOp, type SymExpr } from './symExpr';
import {
  fail,
  nodeId,
  type CompileResult,
  type Decision,
  type Group,
  type Operand,
  type ProgramInfo,
  type TapeNode,
  type TapeOutput,
} from './tape';

/** Most iterations one run of a loop may make. */
export const MAX_ITERATIONS = 1_000;
/** Most loop iterations a program may make in all (nested loops multiply). */
export const MAX_TOTAL_ITERATIONS = 100_000;

interface Binding {
  readonly operand: Operand;
  readonly value: number;
}

interface RecordOptions {
  readonly merge: boolean;
  readonly maxOperations: number;
}

/** Runs an analysed program on `x` (input values in the order of `info.inputs`) and records its tape. */
export function recordProgram(
  info: ProgramInfo,
  x: ArrayLike<number>,
  options: RecordOptions,
): CompileResult {
  const r = new Recorder(info, x, options);
  r.run();
  return { ok: true, tape: r.tape() };
}

const RELATIONS: Readonly<Record<Comparison, (a: number, b: number) => boolean>> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
  '==': (a, b) => a === b,
  '!=': (a, b) => a !== b,
};

const RELATION_TEX: Readonly<Record<Comparison, string>> = {
  '<': '<',
  '<=': '\\le',
  '>': '>',
  '>=': '\\ge',
  '==': '=',
  // ≠ as a slash over =: \\ne expands to commands the page's KaTeX does not ship (build/katexSubset.ts).
  '!=': '\\mathrel{\\mathrlap{\\,/}=}',
};

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
const limit = (n: number): string => n.toLocaleString('en-US');

class Recorder {
  private readonly nodes: TapeNode[] = [];
  private readonly v: number[] = [];
  private readonly env = new Map<string, Binding>();
  private readonly memo = new Map<string, number>();
  private readonly refs: Operand[] = [];
  private readonly decisions: Decision[] = [];
  private readonly groups: Group[] = [];
  private readonly bare: Operand[] = [];
  private returned: Operand[] | null = null;
  private depth = 0;
  private iterations = 0;
  private readonly n: number;

  constructor(
    private readonly info: ProgramInfo,
    x: ArrayLike<number>,
    private readonly options: RecordOptions,
  ) {
    this.n = info.inputs.length;
    info.inputs.forEach((name, i) => {
      const k = i - this.n + 1;
      this.nodes.push({
        index: i,
        k,
        id: nodeId(k),
        op: 'input',
        args: [],
        level: 0,
        span: info.inputSpans.get(name)!,
        name,
      });
      this.v.push(x[i]!);
      this.env.set(name, { operand: this.ref(i), value: x[i]! });
    });
  }

  private ref(index: number): Operand {
    return (this.refs[index] ??= { kind: 'node', index });
  }

  run(): void {
    this.block(this.info.program.statements, true);
  }

  tape() {
    const { nodes, n } = this;
    const inputs = this.info.inputs.map((name, i) => ({ name, id: nodes[i]!.id, index: i }));
    const results = this.returned ?? this.finalOutputs();
    const outputs: TapeOutput[] = this.info.outputs.map((name, j) => {
      const operand = results[j]!;
      if (operand.kind === 'const') {
        const span = this.info.program.statements[this.info.program.statements.length - 1]!.span;
        fail(
          `'${name}' does not depend on any input on the path taken (it is the constant ${texNumber(operand.value).replace(/\\/g, '')}): an output needs an input, so write it as 0*${this.info.inputs[0] ?? 'x'}${operand.value === 0 ? '' : ` + ${texNumber(operand.value).replace(/\\/g, '')}`} for a slope of 0`,
          span[0],
          span[1],
        );
      }
      return { name, id: nodes[operand.index]!.id, index: operand.index };
    });
    return {
      n,
      inputs,
      nodes,
      outputs,
      warnings: this.info.warnings,
      decisions: this.decisions,
      groups: this.groups,
    };
  }

  /** Without `return`: each top-level name at its last value, and the bare statements in order. */
  private finalOutputs(): Operand[] {
    let bare = 0;
    const top = new Set(
      this.info.program.statements.flatMap((s) => (s.kind === 'assign' && s.name !== null ? [s.name] : [])),
    );
    return this.info.outputs.map((name) =>
      top.has(name) ? this.env.get(name)!.operand : this.bare[bare++]!,
    );
  }

  private block(statements: readonly Statement[], top: boolean): void {
    for (const s of statements) this.statement(s, top);
  }

  private statement(s: Statement, top: boolean): void {
    switch (s.kind) {
      case 'assign': {
        const { operand, value } = this.lower([s.expr], s.span)[0]!;
        if (s.name !== null) this.env.set(s.name, { operand, value });
        else if (top) this.bare.push(operand);
        return;
      }
      case 'return':
        this.returned = this.lower(s.values, s.span).map((b) => b.operand);
        return;
      case 'if':
        return this.ifStatement(s);
      case 'for':
        return this.forStatement(s);
      case 'while':
        return this.whileStatement(s);
    }
  }

  private ifStatement(s: Extract<Statement, { kind: 'if' }>): void {
    for (let k = 0; k < s.arms.length; k++) {
      const arm = s.arms[k]!;
      const otherwise = k + 1 < s.arms.length ? 'elseif' : s.otherwise ? 'else' : 'skip';
      const taken = this.decide(
        arm.cond,
        'if',
        () => k,
        arm.span,
        (value) => (value ? 'then' : otherwise),
      );
      if (taken) {
        const label = `${k === 0 ? 'if' : 'else if'} ${printCondition(arm.cond)}`;
        this.group('branch', label, arm.span, () => this.block(arm.body, false));
        return;
      }
    }
    if (s.otherwise) {
      const otherwise = s.otherwise;
      this.group('branch', 'else', s.span, () => this.block(otherwise, false));
    }
  }

  private forStatement(s: Extract<Statement, { kind: 'for' }>): void {
    const from = this.bound(s.from);
    const to = this.bound(s.to);
    const count = Math.max(0, to - from + 1);
    if (count > MAX_ITERATIONS) {
      fail(
        `This for loop would run ${limit(count)} times (limit ${limit(MAX_ITERATIONS)} iterations)`,
        s.headSpan[0],
        s.headSpan[1],
      );
    }
    // The bounds are evaluated once, when the loop starts (as Python's range and Julia's a:b): the
    // test compares with the upper bound's value then, whatever the body assigns afterwards.
    const test: Condition = {
      type: 'compare',
      rel: '<=',
      left: { type: 'var', name: s.variable, span: s.variableSpan },
      right: { type: 'num', value: to, tex: null, span: s.to.span },
      span: [s.variableSpan[0], s.to.span[1]],
    };
    for (let i = from; ; i++) {
      this.env.set(s.variable, {
        operand: { kind: 'const', value: i, tex: texNumber(i, true) },
        value: i,
      });
      const go = this.decide(
        test,
        'for',
        (value) => (value ? i - from + 1 : i - from),
        s.headSpan,
        (value) => (value ? 'iterate' : 'exit'),
      );
      if (!go) break;
      this.tick(s.headSpan);
      this.group('iteration', `${s.variable} = ${i}`, s.span, () => this.block(s.body, false));
    }
    this.env.delete(s.variable);
  }

  private whileStatement(s: Extract<Statement, { kind: 'while' }>): void {
    const at: Span = [s.span[0], s.span[0] + 5];
    for (let k = 1; ; k++) {
      const go = this.decide(
        s.cond,
        'while',
        (value) => (value ? k : k - 1),
        s.span,
        (value) => (value ? 'iterate' : 'exit'),
      );
      if (!go) break;
      if (k > MAX_ITERATIONS) {
        fail(
          `This while loop ran ${limit(MAX_ITERATIONS)} times and its condition is still true (limit ${limit(MAX_ITERATIONS)} iterations): does it ever become false?`,
          ...at,
        );
      }
      this.tick(at);
      this.group('iteration', `iteration ${k}`, s.span, () => this.block(s.body, false));
    }
  }

  private tick(at: Span): void {
    if (++this.iterations > MAX_TOTAL_ITERATIONS) {
      fail(
        `The loops ran more than ${limit(MAX_TOTAL_ITERATIONS)} iterations in all (limit ${limit(MAX_TOTAL_ITERATIONS)})`,
        at[0],
        at[1],
      );
    }
  }

  private group(kind: Group['kind'], label: string, span: Span, body: () => void): void {
    const start = this.nodes.length;
    const slot = this.groups.length;
    this.groups.push({ kind, label, start, end: start, depth: this.depth, span });
    this.depth++;
    body();
    this.depth--;
    this.groups[slot] = { ...this.groups[slot]!, end: this.nodes.length };
  }

  /** A for loop's bound: a whole number, evaluated now. */
  private bound(ast: Ast): number {
    const value = this.evaluate(ast, null);
    if (!Number.isInteger(value)) {
      const shown = Number.isNaN(value)
        ? 'NaN'
        : Number.isFinite(value)
          ? String(value)
          : value > 0
            ? '∞'
            : '−∞';
      fail(`A for loop's bounds must be whole numbers; this one is ${shown}`, ast.span[0], ast.span[1]);
    }
    return value;
  }

  /** Tests a condition, records the decision, and returns its value. */
  private decide(
    cond: Condition,
    kind: Decision['kind'],
    count: (value: boolean) => number,
    span: Span,
    side: (value: boolean) => Decision['side'],
  ): boolean {
    const reads = new Set<number>();
    const nan = { seen: false };
    const value = this.test(cond, reads, nan);
    this.decisions.push({
      after: this.nodes.length,
      kind,
      text: printCondition(cond),
      value,
      side: side(value),
      count: count(value),
      reads: [...reads].sort((a, b) => a - b),
      tex: { symbolic: this.conditionTex(cond, false), numeric: this.conditionTex(cond, true) },
      plain: printCondition(this.substitute(cond)),
      span,
      nan: nan.seen,
    });
    return value;
  }

  private test(c: Condition, reads: Set<number>, nan: { seen: boolean }): boolean {
    switch (c.type) {
      case 'compare': {
        const a = this.evaluate(c.left, reads);
        const b = this.evaluate(c.right, reads);
        if (Number.isNaN(a) || Number.isNaN(b)) nan.seen = true;
        return RELATIONS[c.rel](a, b);
      }
      case 'not':
        return !this.test(c.arg, reads, nan);
      case 'and':
        // Both sides are evaluated, so the row can show both (no operation has side effects).
        return [this.test(c.left, reads, nan), this.test(c.right, reads, nan)].every(Boolean);
      case 'or':
        return [this.test(c.left, reads, nan), this.test(c.right, reads, nan)].some(Boolean);
    }
  }

  /** The value of an expression on the current bindings, without recording it (iterative). */
  private evaluate(root: Ast, reads: Set<number> | null): number {
    const results: number[] = [];
    const stack: Ast[] = [root];
    const visited: boolean[] = [false];
    while (stack.length) {
      const a = stack.pop()!;
      const done = visited.pop()!;
      if (a.type === 'num') results.push(a.value);
      else if (a.type === 'var') {
        const b = this.binding(a.name, a.span);
        if (b.operand.kind === 'node') reads?.add(b.operand.index);
        results.push(b.value);
      } else if (!done) {
        stack.push(a);
        visited.push(true);
        for (let i = a.args.length - 1; i >= 0; i--) {
          stack.push(a.args[i]!);
          visited.push(false);
        }
      } else {
        const args = results.splice(results.length - a.args.length, a.args.length);
        results.push(RULE_LIST[RULE_CODE.get(a.op)!]!.eval(args[0]!, args[1] ?? NaN));
      }
    }
    return results[0]!;
  }

  private binding(name: string, span: Span): Binding {
    const b = this.env.get(name);
    if (b) return b;
    const loop = this.info.loopVariables.get(name);
    if (loop) {
      fail(`'${name}' is the variable of a for loop and exists only inside that loop`, span[0], span[1]);
    }
    fail(
      `'${name}' is read here before it is assigned on the path these inputs take: assign it before, or on every branch`,
      span[0],
      span[1],
    );
  }

  /** The condition with every name replaced by its value, rounded as the tables print it. */
  private substitute(c: Condition): Condition {
    const value = (x: number, span: Span): Ast => {
      const shown = Number(formatNumber(Math.abs(x)).replace('∞', 'Infinity'));
      const num: Ast = { type: 'num', value: Number.isNaN(x) ? NaN : shown, tex: null, span };
      return x < 0 ? { type: 'op', op: 'neg', args: [num], span } : num;
    };
    const expr = (a: Ast): Ast =>
      a.type === 'var'
        ? value(this.env.get(a.name)!.value, a.span)
        : a.type === 'op'
          ? { ...a, args: a.args.map(expr) }
          : a;
    const go = (x: Condition): Condition => {
      switch (x.type) {
        case 'compare':
          return { ...x, left: expr(x.left), right: expr(x.right) };
        case 'not':
          return { ...x, arg: go(x.arg) };
        default:
          return { ...x, left: go(x.left), right: go(x.right) };
      }
    };
    return go(c);
  }

  /** A condition in TeX: with node names (`v_{7} > 10`) or with the values (`12.3 > 10`). */
  private conditionTex(c: Condition, numeric: boolean): string {
    const prec = (x: Condition): number => (x.type === 'or' ? 1 : x.type === 'and' ? 2 : 3);
    const at = (x: Condition, min: number): string => {
      const t = go(x);
      return prec(x) < min ? `(${t})` : t;
    };
    const go = (x: Condition): string => {
      switch (x.type) {
        case 'compare':
          return `${this.expressionTex(x.left, numeric)} ${RELATION_TEX[x.rel]} ${this.expressionTex(x.right, numeric)}`;
        case 'not':
          return `\\lnot ${at(x.arg, 3)}`;
        case 'and':
          return `${at(x.left, 2)} \\land ${at(x.right, 3)}`;
        case 'or':
          return `${at(x.left, 1)} \\lor ${at(x.right, 2)}`;
      }
    };
    return go(c);
  }

  private expressionTex(root: Ast, numeric: boolean): string {
    const sym = (a: Ast): SymExpr => {
      if (a.type === 'num') return symConst(a.value, a.tex ?? undefined);
      if (a.type === 'var') {
        const b = this.env.get(a.name)!;
        if (numeric) return symConst(b.value);
        if (b.operand.kind === 'node') {
          return { kind: 'var', input: -1, name: a.name, tex: texNodeId(this.nodes[b.operand.index]!.k) };
        }
        // A loop variable keeps its name; a name holding a constant shows the constant.
        return this.info.loopVariables.has(a.name)
          ? { kind: 'var', input: -1, name: a.name, tex: texIdentifier(a.name) }
          : symConst(b.operand.value, b.operand.tex);
      }
      return symOp(a.op, ...a.args.map(sym));
    };
    return exprTex(sym(root), Infinity) ?? '';
  }

  /**
   * Lowers the expressions of one statement into new nodes, numbered within the statement level by
   * level (a node of an earlier statement counts as level 0) and left to right; returns each
   * expression's operand and value.
   */
  private lower(exprs: readonly Ast[], span: Span): Binding[] {
    const first = this.nodes.length;
    interface Draft {
      readonly code: number;
      readonly args: Operand[];
      readonly level: number;
      readonly span: Span;
      readonly key: string | null;
    }
    const drafts: Draft[] = [];
    /** Operands that refer to drafts of this statement, by draft number, until they are numbered. */
    const temp: Operand[] = [];
    const tempRef = (d: number): Operand => (temp[d] ??= { kind: 'node', index: -1 - d });
    const isTemp = (a: Operand): a is { kind: 'node'; index: number } => a.kind === 'node' && a.index < 0;
    const local = new Map<string, number>();
    const values: number[] = [];
    const valueOf = (a: Operand): number =>
      a.kind === 'const' ? a.value : a.index < 0 ? values[-1 - a.index]! : this.v[a.index]!;
    const keyOf = (code: number, args: readonly Operand[]): string =>
      `${code}|${args.map((a) => (a.kind === 'const' ? `=${Object.is(a.value, -0) ? '-0' : a.value}` : `#${a.index}`)).join('|')}`;

    const results: Operand[] = [];
    for (const root of exprs) {
      const out: Operand[] = [];
      const stack: Ast[] = [root];
      const visited: boolean[] = [false];
      while (stack.length) {
        const a = stack.pop()!;
        const done = visited.pop()!;
        if (a.type === 'num') {
          out.push({ kind: 'const', value: a.value, tex: a.tex ?? texNumber(a.value, true) });
          continue;
        }
        if (a.type === 'var') {
          out.push(this.binding(a.name, a.span).operand);
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
        const args = out.splice(out.length - a.args.length, a.args.length);
        const code = RULE_CODE.get(a.op)!;
        if (args.every((x) => x.kind === 'const')) {
          const [x, y] = args as { value: number }[];
          const value = RULE_LIST[code]!.eval(x!.value, y?.value ?? NaN);
          out.push({ kind: 'const', value, tex: texNumber(value, true) });
          continue;
        }
        const key = this.options.merge ? keyOf(code, args) : null;
        if (key !== null) {
          const hit = local.get(key) ?? this.memo.get(key);
          if (hit !== undefined) {
            out.push(hit < 0 ? tempRef(-1 - hit) : this.ref(hit));
            continue;
          }
        }
        let level = 0;
        for (const x of args) if (isTemp(x)) level = Math.max(level, drafts[-1 - x.index]!.level);
        const d = drafts.length;
        drafts.push({ code, args, level: level + 1, span: a.span, key });
        values.push(RULE_LIST[code]!.eval(valueOf(args[0]!), args[1] ? valueOf(args[1]) : NaN));
        if (key !== null) local.set(key, -1 - d);
        if (first - this.n + drafts.length > this.options.maxOperations) {
          fail(
            `The path these inputs take is too long: more than ${limit(this.options.maxOperations)} operations (limit ${limit(this.options.maxOperations)} operations)`,
            span[0],
            span[1],
          );
        }
        out.push(tempRef(d));
      }
      results.push(out[0]!);
    }

    // Number this statement's nodes: by level, then in creation order (source order within a level).
    const order = drafts.map((_, d) => d).sort((p, q) => drafts[p]!.level - drafts[q]!.level || p - q);
    const final = new Int32Array(drafts.length);
    order.forEach((d, j) => (final[d] = first + j));
    const resolve = (a: Operand): Operand => (isTemp(a) ? this.ref(final[-1 - a.index]!) : a);
    for (const d of order) {
      const draft = drafts[d]!;
      const index = final[d]!;
      const k = index - this.n + 1;
      this.nodes.push({
        index,
        k,
        id: nodeId(k),
        op: RULE_LIST[draft.code]!.name,
        args: draft.args.map(resolve),
        level: draft.level,
        span: draft.span,
      });
      this.v.push(values[d]!);
      if (draft.key !== null) {
        // Re-key with the numbered operands, so later statements find this node.
        const args = draft.args.map(resolve);
        this.memo.set(keyOf(draft.code, args), index);
      }
    }
    return results.map((a) => {
      const operand = resolve(a);
      return { operand, value: valueOf(a) };
    });
  }
}

/** Words for a decision, used by captions and the table (trace.ts): `2 iterations`. */
export const iterations = (n: number): string => plural(n, 'iteration', 'iterations');
