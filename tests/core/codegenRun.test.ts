/**
 * The generated programs run in the frameworks themselves, and their printed numbers are compared
 * with the core's values and Jacobian (its own sweeps) to 1e-12: the frameworks are the oracle.
 *
 * Needs a Python with JAX (and, for the PyTorch half, torch): `WENGERT_PYTHON` names the
 * interpreter (default `python3`). Where it cannot import them, the tests are skipped with the
 * reason in their title — CI has no Python packages.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { codeOf, compile, jacobianReverse, primal, type CodeFormat } from '../../src/core/index';
import { GALLERY_CASES, PROGRAM_CASES, RULE_CASES, type RunCase } from './codegenCases';

const PYTHON = process.env.WENGERT_PYTHON ?? 'python3';

function canImport(module: string): boolean {
  const r = spawnSync(PYTHON, ['-c', `import ${module}`], { encoding: 'utf8', timeout: 120_000 });
  return r.status === 0;
}

const dir = mkdtempSync(join(tmpdir(), 'wengert-codegen-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Runs every case's program in one Python process (importing the framework once), each with its own
 * globals and captured stdout; returns stdout or the error per case.
 */
function runAll(
  format: CodeFormat,
  cases: readonly RunCase[],
): { out: string; error: string; code: string }[] {
  const codes: string[] = [];
  const files = cases.map((c, k) => {
    const info = compile(c.text);
    if (!info.ok) throw new Error(`${c.name}: ${info.error.message}`);
    const x = info.tape.inputs.map((i) => c.at[i.name]!);
    const file = join(dir, `${format}_${k}.py`);
    codes.push(codeOf(format, c.text, x));
    writeFileSync(file, codes[k]!);
    return file;
  });
  const driver = join(dir, `${format}_driver.py`);
  writeFileSync(
    driver,
    [
      'import contextlib, io, json, runpy, sys, traceback, warnings',
      'warnings.simplefilter("ignore")',
      'results = []',
      'for path in sys.argv[1:]:',
      '    buf = io.StringIO()',
      '    try:',
      '        with contextlib.redirect_stdout(buf):',
      '            runpy.run_path(path, run_name="__main__")',
      '        results.append({"out": buf.getvalue(), "error": ""})',
      '    except BaseException:',
      '        results.append({"out": buf.getvalue(), "error": traceback.format_exc()})',
      'print(json.dumps(results))',
    ].join('\n'),
  );
  const r = spawnSync(PYTHON, [driver, ...files], { encoding: 'utf8', timeout: 600_000, maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`python failed: ${r.stderr}`);
  return (JSON.parse(r.stdout) as { out: string; error: string }[]).map((o, k) => ({
    ...o,
    code: codes[k]!,
  }));
}

/** `name = value` lines → name → number (Python's repr: nan, inf, -inf). */
function printed(out: string): Map<string, number> {
  const map = new Map<string, number>();
  for (const line of out.trim().split('\n')) {
    const m = /^(\S+) = (\S+)$/.exec(line);
    if (!m) throw new Error(`not a result line: ${line}`);
    const text = m[2]!;
    map.set(
      m[1]!,
      text === 'nan' ? NaN : text === 'inf' ? Infinity : text === '-inf' ? -Infinity : Number(text),
    );
  }
  return map;
}

/** The core's outputs and Jacobian, as `name = value` pairs the programs must print. */
function expected(c: RunCase): Map<string, number> {
  const x = Object.values(c.at);
  const first = compile(c.text);
  if (!first.ok) throw new Error(first.error.message);
  const at = first.tape.inputs.map((i) => c.at[i.name]!);
  const again = compile(c.text, { x: at });
  if (!again.ok || x.length !== at.length) throw new Error(c.name);
  const tape = again.tape;
  const v = primal(tape, at);
  const jac = jacobianReverse(tape, v);
  const map = new Map<string, number>();
  tape.outputs.forEach((o) => map.set(o.name, v[o.index]!));
  tape.outputs.forEach((o, j) =>
    tape.inputs.forEach((inp, i) => map.set(`d${o.name}/d${inp.name}`, jac[j]![i]!)),
  );
  return map;
}

const close = (a: number, b: number): boolean =>
  Object.is(a, b) ||
  a === b ||
  (Number.isNaN(a) && Number.isNaN(b)) ||
  Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b));

/**
 * Cases where the framework's answer honestly differs from the page's (documented in the generated
 * code's comments), by format: only these may differ, and only in the listed entries.
 */
const LOGS = ['ln', 'log', 'log2', 'log10'].map((op) => `${op} at -0.4`);
const KNOWN: Readonly<Record<string, readonly string[]>> = Object.fromEntries([
  ...LOGS.map((c) => [`jax: ${c}`, ['dy/dx']]),
  ...LOGS.map((c) => [`pytorch: ${c}`, ['dy/dx']]),
  ['pytorch: atan2 at (0, 0)', ['dy/da', 'dy/db']],
  ['jax: pow at (0, 0)', ['dy/da']],
]);

function check(format: CodeFormat, cases: readonly RunCase[]): void {
  const results = runAll(format, cases);
  const failures: string[] = [];
  cases.forEach((c, k) => {
    const r = results[k]!;
    const known = KNOWN[`${format}: ${c.name}`] ?? [];
    // A difference the tests allow must be one the program's header owns up to.
    if (known.length > 0) expect(r.code, c.name).toMatch(/# Where the framework and the page differ:/);
    if (r.error) {
      failures.push(`${c.name}: ${r.error.trim().split('\n').slice(-1)[0]}`);
      return;
    }
    const got = printed(r.out);
    const want = expected(c);
    expect([...got.keys()], c.name).toEqual([...want.keys()]);
    for (const [name, value] of want) {
      if (!close(got.get(name)!, value) && !known.includes(name))
        failures.push(`${c.name}: ${name} page ${value}, ${format} ${got.get(name)}`);
    }
  });
  expect(failures).toEqual([]);
}

const ALL = [...GALLERY_CASES, ...PROGRAM_CASES, ...RULE_CASES];

const hasJax = canImport('jax');
describe('the JAX program, run in JAX', () => {
  it.skipIf(!hasJax)(
    `prints the page's values and gradients to 1e-12 for the gallery, programs and every primitive${hasJax ? '' : ` (skipped: ${PYTHON} cannot import jax)`}`,
    () => check('jax', ALL),
    600_000,
  );
});

const hasTorch = canImport('torch');
describe('the PyTorch program, run in PyTorch', () => {
  it.skipIf(!hasTorch)(
    `prints the page's values and gradients to 1e-12 for the gallery, programs and every primitive${hasTorch ? '' : ` (skipped: ${PYTHON} cannot import torch)`}`,
    () => check('pytorch', ALL),
    600_000,
  );
});
