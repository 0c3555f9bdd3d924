import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import paper from '../fixtures/baydin2018-tables.json';
import { runTrace } from '../../src/cli/run';

const PAPER = 'ln(x1) + x1*x2 - sin(x2)';
const json = (argv: string[]) => {
  const r = runTrace(argv);
  return { ...r, body: r.stdout ? JSON.parse(r.stdout) : null };
};

describe('command line (CONTRACTS §3)', () => {
  it('reproduces Tables 2 and 3 in the contract JSON', () => {
    const { status, body } = json([PAPER, '--at', 'x1=2,x2=5', '--json']);
    expect(status).toBe(0);
    expect(body.inputs).toEqual([
      { name: 'x1', id: 'v-1', value: 2 },
      { name: 'x2', id: 'v0', value: 5 },
    ]);
    const graph = paper.graph.filter((g) => 'op' in g);
    expect(body.nodes.map((n: { id: string; op: string; args: string[] }) => [n.id, n.op, n.args])).toEqual(
      graph.map((g) => [g.id, g.op, g.args]),
    );
    for (const ref of paper.table2_forward_primal.slice(2)) {
      expect(body.nodes.find((n: { id: string }) => n.id === ref.id).value).toBeCloseTo(ref.value, 12);
    }
    for (const ref of paper.table2_forward_tangent_seed_x1)
      expect(body.forward.tangents[ref.id]).toBeCloseTo(ref.value, 12);
    expect(body.forward.seed).toEqual({ x1: 1, x2: 0 });
    expect(body.outputs).toEqual([{ name: 'y', id: 'v5', value: expect.closeTo(11.652071455223084, 12) }]);
    expect(body.reverse.seed).toEqual({ y: 1 });
    const table3 = paper.table3_reverse_adjoint_in_execution_order;
    expect(body.reverse.steps).toHaveLength(table3.length);
    table3.forEach((ref, i) => {
      const s = body.reverse.steps[i];
      expect(s.target).toBe(ref.target);
      expect(s.from ?? null).toBe(ref.from);
      if (ref.from !== null) expect(s.accumulate).toBe(ref.accumulate);
      expect(s.value).toBeCloseTo(ref.value, 12);
    });
    expect(body.jacobian.y.x1).toBeCloseTo(paper.gradient.x1, 12);
    expect(body.jacobian.y.x2).toBeCloseTo(paper.gradient.x2, 12);
  });

  it('--seed and --adjoint-seed pick the seeded input and output', () => {
    const { body } = json([
      'u = x*y; w = x + y^2',
      '--at',
      'x=3,y=2',
      '--seed',
      'y',
      '--adjoint-seed',
      'w',
      '--json',
    ]);
    expect(body.forward.seed).toEqual({ x: 0, y: 1 });
    const w = body.outputs.find((o: { name: string }) => o.name === 'w');
    expect(body.forward.tangents[w.id]).toBe(4); // ∂w/∂y = 2y
    expect(body.reverse.seed).toEqual({ w: 1 });
    expect(body.reverse.adjoints['v-1']).toBe(1); // ∂w/∂x
    expect(body.jacobian).toEqual({ u: { x: 2, y: 3 }, w: { x: 1, y: 4 } });
  });

  it('writes non-finite numbers as strings and lists them as warnings', () => {
    const { status, body } = json(['ln(x) + 1', '--at', 'x=0', '--json']);
    expect(status).toBe(0);
    expect(body.outputs[0].value).toBe('-Infinity');
    expect(body.warnings.map((w: { id: string }) => w.id)).toEqual(['v1', 'v2', 'v0']);
    // The input's warning: its gradient was computed through v1 = ln 0 = −∞.
    expect(body.warnings[2]).toMatchObject({ input: 'x', message: expect.stringContaining('through v1') });
    expect(body.forward.tangents.v1).toBe('Infinity');
  });

  it('lists a node whose value is finite but whose tangent or adjoint is not (sqrt at 0)', () => {
    // d/dx sqrt(x) = 1/(2 sqrt(x)) is +∞ at 0: the tangent of v1 and the adjoint of x are "Infinity".
    const { status, body } = json(['sqrt(x)', '--at', 'x=0', '--json']);
    expect(status).toBe(0);
    expect(body.outputs[0].value).toBe(0);
    expect(body.forward.tangents.v1).toBe('Infinity');
    expect(body.reverse.adjoints.v0).toBe('Infinity');
    expect(body.jacobian).toEqual({ y: { x: 'Infinity' } });
    const listed = Object.fromEntries(
      body.warnings.map((w: { id: string; message: string }) => [w.id, w.message]),
    );
    expect(Object.keys(listed).sort()).toEqual(['v0', 'v1']);
    expect(listed.v1).toMatch(/tangent is Infinity/);
    expect(listed.v0).toMatch(/adjoint is Infinity/);
    // Every finite case keeps no warnings key at all.
    expect(json(['sqrt(x)', '--at', 'x=4', '--json']).body.warnings).toBeUndefined();
  });

  it('bad expressions exit 2 with a located JSON error, never a stack trace', () => {
    const r = json(['ln(x1) + 2x2', '--at', 'x1=2,x2=5', '--json']);
    expect(r.status).toBe(2);
    expect(r.body).toEqual({
      error: { message: "Missing operator between '2' and 'x2' — write 2*x2", start: 10, end: 12 },
    });
    const plain = runTrace(['sin(x1, x2)', '--at', 'x1=1,x2=2']);
    expect(plain.status).toBe(2);
    expect(plain.stderr).toContain('sin takes 1 argument, got 2');
    expect(plain.stderr).toContain('  sin(x1, x2)\n  ^^^^^^^^^^^');
    expect(plain.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it('missing or non-numeric values exit 2, pointing at the input in the expression', () => {
    const missing = json([PAPER, '--at', 'x1=2', '--json']);
    expect(missing.status).toBe(2);
    expect(missing.body.error.message).toContain('x2 needs a value');
    expect(PAPER.slice(missing.body.error.start, missing.body.error.end)).toBe('x2');
    const bad = json([PAPER, '--at', 'x1=2abc,x2=5', '--json']);
    expect(bad.status).toBe(2);
    expect(bad.body.error.message).toContain('finite decimal');
    expect(PAPER.slice(bad.body.error.start, bad.body.error.end)).toBe('x1');
    expect(json([PAPER, '--at', 'x1=1e999,x2=5', '--json']).status).toBe(2);
  });

  it('values for names that are not inputs are ignored with a warning', () => {
    const r = json([PAPER, '--at', 'x1=2,x2=5,z=3', '--json']);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('no input is named z');
  });

  it('prints a readable table without --json', () => {
    const r = runTrace([PAPER, '--at', 'x1=2,x2=5']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/v1\s+= ln\(v-1\)\s+0\.693147\s+0\.5/);
    expect(r.stdout).toMatch(/8\s+v0bar \+= v2bar \* dv2\/dv0\s+\(2\)\s+1\.71634/);
  });

  it('runs as `npm run --silent trace` with the contract exit codes', () => {
    const ok = spawnSync('npm', ['run', '--silent', 'trace', '--', PAPER, '--at', 'x1=2,x2=5', '--json'], {
      encoding: 'utf8',
    });
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).outputs[0].id).toBe('v5');
    const bad = spawnSync('npm', ['run', '--silent', 'trace', '--', '2 +', '--at', 'x=1', '--json'], {
      encoding: 'utf8',
    });
    expect(bad.status).toBe(2);
    expect(JSON.parse(bad.stdout)).toEqual({
      error: { message: "Expected a value after '+'", start: 3, end: 3 },
    });
  }, 60_000);
});
