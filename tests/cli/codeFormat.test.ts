/**
 * `--format jax | pytorch | julia` on the command line (CONTRACTS §3b): a program on stdout, exit 0;
 * with `--json` a usage error as the JSON error object, exit 2.
 */
import { describe, expect, it } from 'vitest';
import { runTrace } from '../../src/cli/run';

const PAPER = 'ln(x1) + x1*x2 - sin(x2)';

describe('--format jax | pytorch | julia', () => {
  it('prints the JAX program for the expression at the --at point, exit 0', () => {
    const r = runTrace([PAPER, '--at', 'x1=2,x2=5', '--format', 'jax']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('import jax\n');
    expect(r.stdout).toContain('def f(x1, x2):\n    y = jnp.log(x1) + x1 * x2 - jnp.sin(x2)\n');
    expect(r.stdout).toContain('x = jnp.array([2.0, 5.0])');
    expect(r.stdout.trimEnd().split('\n').slice(-3)).toEqual([
      'print("y =", repr(float(outputs[0])))',
      'print("dy/dx1 =", repr(float(jacobian[0][0])))',
      'print("dy/dx2 =", repr(float(jacobian[0][1])))',
    ]);
  });

  it('prints PyTorch and Julia programs, a program from --file included', () => {
    const torch = runTrace([PAPER, '--at', 'x1=2,x2=5', '--format', 'pytorch']);
    expect(torch.status).toBe(0);
    expect(torch.stdout).toContain('torch.autograd.functional.jacobian(f, x)');
    const program = 'y = x\nfor i in 1..3 { y = y*y + x }\nreturn y';
    const julia = runTrace(['--file', 'p.txt', '--at', 'x=0.5', '--format', 'julia'], {
      readSource: () => ({ ok: true, text: program }),
    });
    expect(julia.status).toBe(0);
    expect(julia.stdout).toContain('    for i in 1.0:3.0\n        y = y * y + x\n    end\n');
  });

  it('with --json: a usage error, as the JSON error object on stdout, exit 2', () => {
    const r = runTrace([PAPER, '--at', 'x1=2,x2=5', '--format', 'jax', '--json']);
    expect(r.status).toBe(2);
    const body = JSON.parse(r.stdout);
    expect(Object.keys(body)).toEqual(['error']);
    expect(body.error.message).toMatch(/--json and --format/);
  });

  it('an unknown format names the choices, the new ones included', () => {
    const r = runTrace([PAPER, '--at', 'x1=2,x2=5', '--format', 'tensorflow']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/latex, markdown, csv, jax, pytorch, julia/);
  });

  it('bad input is still a located error, not a program', () => {
    const r = runTrace(['ln(x1', '--at', 'x1=2', '--format', 'jax']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
  });
});
