/**
 * The expressions of a program in post-order, as flat arrays: what a straight-line tape is built
 * from (issue 13).
 *
 * The parser makes a syntax node after its arguments, left to right, so the order in which it makes
 * them is the post-order a tape is lowered in. It writes each node here as it makes it: an operation
 * as its rule's code, a number as its value, a name as an id. Building a tape then reads these arrays
 * from left to right with a stack of operands, instead of walking the tree of objects (pointer
 * chasing through memory the parser's tokens are interleaved with: at 10⁴ operations the walks were
 * most of the tape's time). The syntax tree stays the program's shape for everything else.
 */
import { RULE_CODE } from '../rules';
import type { Ast, Program, Statement } from './parser';

/** `code` of a number written as digits. */
export const POST_NUM = -1;
/** `code` of a named constant (`pi`, `e`): a number with its own TeX. */
export const POST_CONST = -2;
/** `code` of a name. */
export const POST_VAR = -3;

export interface PostOrder {
  /** Entries written. */
  readonly length: number;
  /** An operation's rule code (≥ 0), or POST_NUM, POST_CONST, POST_VAR. */
  readonly code: Int32Array;
  /** A number's value, or a name's id (its position in `names`). */
  readonly value: Float64Array;
  /** The syntax node of each entry: its span, a constant's TeX. */
  readonly node: readonly Ast[];
  /** Names by id, in order of first appearance. */
  readonly names: readonly string[];
  readonly ids: ReadonlyMap<string, number>;
  /** Each assignment's entries, `[start, end)`, by its expression (the root's entry is the last). */
  readonly ranges: ReadonlyMap<Ast, readonly [number, number]>;
}

/** Writes a post-order as nodes are made; `length` may be set back (the parser's backtracking). */
export class PostOrderWriter implements PostOrder {
  length = 0;
  code = new Int32Array(64);
  value = new Float64Array(64);
  node: Ast[] = [];
  names: string[] = [];
  ids = new Map<string, number>();
  ranges = new Map<Ast, readonly [number, number]>();

  /** Writes `a`, made after its arguments, and returns it. */
  add<T extends Ast>(a: T): T {
    if (this.length === this.code.length) {
      const code = new Int32Array(this.length * 2);
      code.set(this.code);
      this.code = code;
      const value = new Float64Array(this.length * 2);
      value.set(this.value);
      this.value = value;
    }
    const i = this.length++;
    this.node[i] = a;
    if (a.type === 'op') {
      this.code[i] = RULE_CODE.get(a.op)!;
    } else if (a.type === 'num') {
      this.code[i] = a.tex === null ? POST_NUM : POST_CONST;
      this.value[i] = a.value;
    } else {
      let id = this.ids.get(a.name);
      if (id === undefined) {
        id = this.names.length;
        this.names.push(a.name);
        this.ids.set(a.name, id);
      }
      this.code[i] = POST_VAR;
      this.value[i] = id;
    }
    return a;
  }

  /** The last entry's node is now `a` (`+x` is `x` with a wider span). */
  replaceLast<T extends Ast>(a: T): T {
    this.node[this.length - 1] = a;
    return a;
  }

  /** Drops entries past `length` (written by a reading the parser went back on). */
  finish(): PostOrder {
    this.node.length = this.length;
    return this;
  }
}

/**
 * The post-order written while `program` was parsed, if it was. It is a field of the program (not a
 * WeakMap's entry: a WeakMap of one entry per parse made parsing a 10³-operation expression four
 * times slower in the bench, its collector's ephemeron work growing with the parses between
 * collections).
 */
export function postOrderOf(program: Program): PostOrder | undefined {
  return program.postOrder;
}

/**
 * The post-order of a program's assignments (at any depth), written by walking its tree: for
 * programs made otherwise than by the parser (tests build them). Iterative: deep left spines.
 */
export function postOrderFrom(program: Program): PostOrder {
  const post = new PostOrderWriter();
  const walk = (statements: readonly Statement[]): void => {
    for (const s of statements) {
      if (s.kind === 'assign') {
        const start = post.length;
        const stack: Ast[] = [s.expr];
        const visited: boolean[] = [false];
        while (stack.length) {
          const a = stack.pop()!;
          const done = visited.pop()!;
          if (a.type !== 'op' || done) {
            post.add(a);
            continue;
          }
          stack.push(a);
          visited.push(true);
          for (let i = a.args.length - 1; i >= 0; i--) {
            stack.push(a.args[i]!);
            visited.push(false);
          }
        }
        post.ranges.set(s.expr, [start, post.length]);
      } else if (s.kind === 'if') {
        for (const arm of s.arms) walk(arm.body);
        if (s.otherwise) walk(s.otherwise);
      } else if (s.kind === 'for' || s.kind === 'while') walk(s.body);
    }
  };
  walk(program.statements);
  return post.finish();
}
