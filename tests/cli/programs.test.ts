/**
 * The command line runs programs (CONTRACTS §1b, issue 11): recorded at the `--at` values, with
 * `branches` in the JSON, and gradients that match oracles nobody here wrote: closed forms (the
 * derivative of √a is 1/(2√a), of x⁸ is 8x⁷) and central differences of the same program evaluated
 * in plain JavaScript.
 */
import { describe, expect, it } from 'vitest';
import { runTrace } from '../../src/cli/run';

const json = (argv: string[], source?: string) => {
  const r = runTrace(argv, {
    readSource: (path: string) =>
      path === 'prog.w' && source !== undefined
        ? { ok: true as const, text: source }
        : { ok: false as const, message: `cannot read ${path}` },
  });
  return { ...r, body: r.stdout ? JSON.parse(r.stdout) : null };
};

const BABYLONIAN = `# Babylonian square root
r = a
while abs(r*r - a) > 1e-12 * a {
  r = (r + a/r) / 2
}
return r`;

/** The same program in plain JavaScript: what the path taken computes. */
function babylonian(a: number): { r: number; iterations: number } {
  let r = a;
  let iterations = 0;
  while (Math.abs(r * r - a) > 1e-12 * a) {
    r = (r + a / r) / 2;
    iterations++;
  }
  return { r, iterations };
}

describe('programs on the command line', () => {
  it.each([2, 0.5, 9, 1234.5])('Babylonian square root at a = %s: value √a, gradient 1/(2√a)', (a) => {
    const { status, body } = json(['--file', 'prog.w', '--at', `a=${a}`, '--json'], BABYLONIAN);
    expect(status).toBe(0);
    expect(body.outputs).toHaveLength(1);
    expect(body.outputs[0].name).toBe('r');
    // The same path in plain JavaScript gives the same number; it is √a to the loop's tolerance.
    expect(body.outputs[0].value).toBe(babylonian(a).r);
    expect(Math.abs(body.outputs[0].value - Math.sqrt(a))).toBeLessThan(1e-12 * Math.sqrt(a));
    const g = body.jacobian.r.a;
    expect(Math.abs(g - 1 / (2 * Math.sqrt(a)))).toBeLessThan(1e-9 * Math.max(1, Math.abs(g)));
    expect(body.jacobianForward.r.a).toBeCloseTo(g, 12);
    // One decision per test of the loop: every iteration's, then the one that exits.
    const { iterations } = babylonian(a);
    expect(body.branches).toHaveLength(iterations + 1);
    expect(body.branches.slice(0, -1).every((b: { value: boolean }) => b.value === true)).toBe(true);
    expect(body.branches.at(-1)).toMatchObject({ value: false, side: 'exit' });
    expect(body.branches[0].condition).toBe('abs(r*r - a) > 1e-12*a');
    // Steps are 1-based timeline positions, increasing, each before the nodes the iteration makes.
    const steps = body.branches.map((b: { step: number }) => b.step);
    expect(steps).toEqual([...steps].sort((p: number, q: number) => p - q));
    expect(steps[0]).toBe(2); // after the input a (step 1)
    expect(steps[1]).toBe(2 + 3 + 1); // the first iteration makes three nodes
  });

  it('repeated squaring by for: x⁸ and 8x⁷, the argument or --file', () => {
    const program = 'y = x\nfor i in 1..3 { y = y*y }\nreturn y';
    for (const r of [
      json([program, '--at', 'x=1.1', '--json']),
      json(['--file', 'prog.w', '--at', 'x=1.1', '--json'], program),
    ]) {
      expect(r.status).toBe(0);
      expect(r.body.outputs[0].value).toBeCloseTo(1.1 ** 8, 12);
      expect(r.body.jacobian.y.x).toBeCloseTo(8 * 1.1 ** 7, 12);
      expect(r.body.branches.map((b: { value: boolean }) => b.value)).toEqual([true, true, true, false]);
      expect(r.body.nodes).toHaveLength(3);
    }
  });

  it('a branch records only the side taken, and the gradient is that side’s derivative', () => {
    const program = 'if x < 0 {\n  y = 0.5*x\n} else {\n  y = x*x + 2*x\n}\nreturn y';
    const left = json([program, '--at', 'x=-0.25', '--json']).body;
    expect(left.branches).toEqual([{ condition: 'x < 0', value: true, side: 'then', step: 2 }]);
    expect(left.jacobian.y.x).toBe(0.5);
    const right = json([program, '--at', 'x=0.25', '--json']).body;
    expect(right.branches).toEqual([{ condition: 'x < 0', value: false, side: 'else', step: 2 }]);
    expect(right.jacobian.y.x).toBeCloseTo(2 * 0.25 + 2, 14);
    expect(right.nodes.map((n: { op: string }) => n.op)).toEqual(['mul', 'mul', 'add']);
  });

  it('matches central differences of the same program in plain JavaScript, on a loop whose count depends on an input', () => {
    // n = floor-free: the count is the integer input k; the body mixes x and y.
    const program =
      's = 0\nfor i in 1..k {\n  s = s + sin(i*x) * y / i\n}\nif s > 0 { z = s*s } else { z = -s }\nreturn z';
    const f = (x: number, y: number, k: number) => {
      let s = 0;
      for (let i = 1; i <= k; i++) s = s + (Math.sin(i * x) * y) / i;
      return s > 0 ? s * s : -s;
    };
    for (const [x, y, k] of [
      [0.3, 1.7, 4],
      [1.1, -0.6, 7],
      [2.5, 0.9, 1],
    ] as const) {
      const { status, body } = json([program, '--at', `x=${x},y=${y},k=${k}`, '--json']);
      expect(status).toBe(0);
      expect(body.outputs[0].value).toBeCloseTo(f(x, y, k), 12);
      const h = 1e-6;
      const dx = (f(x + h, y, k) - f(x - h, y, k)) / (2 * h);
      const dy = (f(x, y + h, k) - f(x, y - h, k)) / (2 * h);
      expect(Math.abs(body.jacobian.z.x - dx)).toBeLessThan(1e-7 * Math.max(1, Math.abs(dx)));
      expect(Math.abs(body.jacobian.z.y - dy)).toBeLessThan(1e-7 * Math.max(1, Math.abs(dy)));
      expect(body.jacobian.z.k).toBe(0); // a loop bound is not differentiated
      expect(body.branches).toHaveLength(k + 1 + 1);
    }
  });

  it('located errors exit 2 with the JSON error object: a bound that is not an integer, a loop that never ends', () => {
    const bound = json(['y = x\nfor i in 1..k { y = y*x }\nreturn y', '--at', 'x=2,k=2.5', '--json']);
    expect(bound.status).toBe(2);
    expect(bound.body.error.message).toMatch(/whole number/);
    const text = 'y = x\nwhile y > 0 { y = y + 1 }\nreturn y';
    const forever = json([text, '--at', 'x=1', '--json']);
    expect(forever.status).toBe(2);
    expect(forever.body.error.message).toMatch(/1,000|1000/);
    expect(text.slice(forever.body.error.start, forever.body.error.end)).toMatch(/^while/);
  });

  it('a program without control flow keeps the JSON it had: no branches key', () => {
    const { body } = json(['ln(x1) + x1*x2 - sin(x2)', '--at', 'x1=2,x2=5', '--json']);
    expect(body.branches).toBeUndefined();
  });

  it('the readable table shows each decision where it was taken', () => {
    const r = runTrace(['y = x\nfor i in 1..2 { y = y*y }\nreturn y', '--at', 'x=3']);
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    const first = lines.findIndex((l) => l.startsWith('for'));
    expect(lines[first]).toMatch(/1 <= 2 is true\s+-> iterate/);
    expect(lines.filter((l) => l.startsWith('for'))).toHaveLength(3);
  });
});
