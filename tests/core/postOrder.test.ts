/**
 * The parser writes each expression's nodes in post-order into flat arrays as it makes them, and a
 * straight-line tape is built from those arrays (src/core/parse/postOrder.ts). These tests check the
 * arrays against the syntax tree they stand for, including the parser's special cases: `+x` (the
 * node is replaced by one with a wider span), named constants, and conditions the parser reads twice
 * (`(a + b) > c` is first tried as a grouped condition, and what that reading wrote is dropped).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildTape, compile } from '../../src/core/tape';
import { parse, type Ast, type Program, type Statement } from '../../src/core/parse/parser';
import {
  postOrderFrom,
  postOrderOf,
  POST_CONST,
  POST_NUM,
  POST_VAR,
  type PostOrder,
} from '../../src/core/parse/postOrder';
import { RULE_LIST } from '../../src/core/rules';
import { validText } from '../fuzz/properties';

/** The tree's post-order, by recursion (written for this test, independent of both writers). */
function postOrderOfTree(a: Ast, out: Ast[] = []): Ast[] {
  if (a.type === 'op') for (const x of a.args) postOrderOfTree(x, out);
  out.push(a);
  return out;
}

function assignments(statements: readonly Statement[], out: Ast[] = []): Ast[] {
  for (const s of statements) {
    if (s.kind === 'assign') out.push(s.expr);
    else if (s.kind === 'if') {
      for (const arm of s.arms) assignments(arm.body, out);
      if (s.otherwise) assignments(s.otherwise, out);
    } else if (s.kind === 'for' || s.kind === 'while') assignments(s.body, out);
  }
  return out;
}

/** Each assignment's entries are its tree's nodes in post-order, each written as its kind says. */
function checkAgainstTree(program: Program, post: PostOrder): void {
  for (const expr of assignments(program.statements)) {
    const range = post.ranges.get(expr);
    expect(range).toBeDefined();
    const [start, end] = range!;
    const nodes = postOrderOfTree(expr);
    expect(end - start).toBe(nodes.length);
    nodes.forEach((a, j) => {
      const i = start + j;
      expect(post.node[i]).toBe(a);
      if (a.type === 'op') expect(RULE_LIST[post.code[i]!]!.name).toBe(a.op);
      else if (a.type === 'num') {
        expect(post.code[i]).toBe(a.tex === null ? POST_NUM : POST_CONST);
        expect(Object.is(post.value[i], a.value)).toBe(true);
      } else {
        expect(post.code[i]).toBe(POST_VAR);
        expect(post.names[post.value[i]!]).toBe(a.name);
        expect(post.ids.get(a.name)).toBe(post.value[i]);
      }
    });
  }
}

function parsed(text: string): Program {
  const r = parse(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.program;
}

describe('the post-order the parser writes', () => {
  it.each([
    'ln(x1) + x1*x2 - sin(x2)',
    '+x*2 - +sin(+y)',
    'pi*x + e^y - 2',
    'a = x*y; b = a + sin(a); a*b',
    'y = x\nif (x + 1) > 2 and not (x < 0) { y = y*x } else { y = -y }\nreturn y',
    'for i in 1..3 { x = x*2 }\nreturn x',
  ])('matches the tree of %s', (text) => {
    const program = parsed(text);
    const post = postOrderOf(program);
    expect(post).toBeDefined();
    checkAgainstTree(program, post!);
  });

  it('matches the tree of every valid text (property)', () => {
    fc.assert(
      fc.property(validText, (text) => {
        const r = parse(text);
        if (!r.ok) return;
        checkAgainstTree(r.program, postOrderOf(r.program)!);
      }),
      { numRuns: 300, seed: 13 },
    );
  });

  it('is written by walking the tree for a program the parser did not make', () => {
    const program = parsed('a = x*y + 3; +a - cos(pi*a)');
    const copy: Program = { statements: program.statements, warnings: [] };
    expect(postOrderOf(copy)).toBeUndefined();
    checkAgainstTree(copy, postOrderFrom(copy));
  });

  it('is not trusted for statements it does not cover', () => {
    // A program put together from two parses: the first one's post-order, the second one's statements.
    const first = parsed('x*y');
    const second = parsed('a = sin(x); a*a + y');
    const mixed: Program = { ...first, statements: second.statements };
    const fromMixed = buildTape(mixed);
    const fromText = compile('a = sin(x); a*a + y');
    expect(fromMixed.ok && fromText.ok).toBe(true);
    if (!fromMixed.ok || !fromText.ok) return;
    expect(fromMixed.tape.nodes.map((n) => [n.id, n.op, n.args])).toEqual(
      fromText.tape.nodes.map((n) => [n.id, n.op, n.args]),
    );
  });

  it('gives the same tape as the walk over the tree', () => {
    // Baydin et al. (2018), Table 2's example, and a program of several statements.
    for (const text of ['ln(x1) + x1*x2 - sin(x2)', 'a = x*y; b = a + sin(a); a*b + +b - 2*pi']) {
      const fromText = compile(text);
      const program = parsed(text);
      const fromTree = buildTape({ statements: program.statements, warnings: [] });
      expect(fromText.ok && fromTree.ok).toBe(true);
      if (!fromText.ok || !fromTree.ok) return;
      const shape = (t: typeof fromText.tape) =>
        t.nodes.map((n) => ({ id: n.id, op: n.op, args: n.args, level: n.level, span: n.span }));
      expect(shape(fromTree.tape)).toEqual(shape(fromText.tape));
    }
  });
});
