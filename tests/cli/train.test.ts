/**
 * `--train` on the command line (CONTRACTS §3b): the JSON "train" key, the short table, and every
 * usage error as exit status 2 (with --json, the JSON error object). The numbers are compared with
 * gradient descent written here in plain JavaScript, with the exact gradient worked by hand.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { MAX_TRAIN_STEPS } from '../../src/core/index';
import { runTrace, type CliIo } from '../../src/cli/run';

const files: Record<string, string> = {
  'line.csv': 'x,t\n0,1.1\n1,2.9\n2,5.2\n3,6.8\n4,9.1\n',
  'bad.csv': 'x,t\n0,1\n1,2oops\n',
  'stray.csv': 'x,z\n0,1\n',
  'short.csv': 'x,t\n0,1\n1\n',
};
const io: CliIo = {
  readSource: () => ({ ok: false, message: 'no files here' }),
  readData: (path) =>
    Object.hasOwn(files, path)
      ? { ok: true, text: files[path]! }
      : { ok: false, message: `cannot read ${path}: no such file` },
};
const run = (argv: string[]) => {
  const r = runTrace(argv, io);
  return { ...r, body: r.stdout && argv.includes('--json') ? JSON.parse(r.stdout) : null };
};

const LOSS = '(w*x + b - t)^2';

/** Gradient descent on mean (w x + b − t)² by hand: ∂/∂w = 2 mean(r x), ∂/∂b = 2 mean(r), r = w x + b − t. */
function byHand(points: [number, number][], w0: number, b0: number, rate: number, steps: number) {
  let [w, b] = [w0, b0];
  const mean = (f: (x: number, t: number) => number) =>
    points.reduce((s, [x, t]) => s + f(x, t), 0) / points.length;
  const loss = () => mean((x, t) => (w * x + b - t) ** 2);
  const out = [loss()];
  for (let j = 0; j < steps; j++) {
    const gw = mean((x, t) => 2 * (w * x + b - t) * x);
    const gb = mean((x, t) => 2 * (w * x + b - t));
    [w, b] = [w - rate * gw, b - rate * gb];
    out.push(loss());
  }
  return { loss: out, w, b };
}

describe('--train (CONTRACTS §3b)', () => {
  it('without data: the issue example, k + 1 losses, the final parameters', () => {
    const { status, body } = run([
      LOSS,
      '--at',
      'w=0.5,b=0,x=2,t=1',
      '--train',
      'w,b',
      '--rate',
      '0.1',
      '--steps',
      '50',
      '--json',
    ]);
    expect(status).toBe(0);
    const ref = byHand([[2, 1]], 0.5, 0, 0.1, 50);
    expect(body.train.params).toEqual(['w', 'b']);
    expect(body.train.rate).toBe(0.1);
    expect(body.train.loss).toHaveLength(51);
    body.train.loss.forEach((L: number, j: number) => expect(L).toBeCloseTo(ref.loss[j]!, 12));
    expect(Object.keys(body.train.final)).toEqual(['w', 'b']);
    expect(body.train.final.w).toBeCloseTo(ref.w, 12);
    expect(body.train.final.b).toBeCloseTo(ref.b, 12);
    // Every other key keeps its meaning: the trace is at the --at point.
    expect(body.inputs.find((i: { name: string }) => i.name === 'w').value).toBe(0.5);
    expect(body.jacobian.y.w).toBeCloseTo(2 * (0.5 * 2 - 1) * 2, 12);
  });

  it('with --data: the loss is the mean over the rows, the gradient the mean gradient', () => {
    const { status, body, stderr } = run([
      LOSS,
      '--at',
      'w=0,b=0',
      '--train',
      'w,b',
      '--rate',
      '0.05',
      '--steps',
      '30',
      '--data',
      'line.csv',
      '--json',
    ]);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const points: [number, number][] = [
      [0, 1.1],
      [1, 2.9],
      [2, 5.2],
      [3, 6.8],
      [4, 9.1],
    ];
    const ref = byHand(points, 0, 0, 0.05, 30);
    body.train.loss.forEach((L: number, j: number) => expect(L).toBeCloseTo(ref.loss[j]!, 10));
    expect(body.train.rows).toBe(5);
    expect(body.train.final.w).toBeCloseTo(ref.w, 12);
    // The data inputs without --at values take the first row's.
    expect(body.inputs.find((i: { name: string }) => i.name === 't').value).toBe(1.1);
  });

  it('--steps 0 gives L0 alone and the start as final', () => {
    const { body } = run([
      LOSS,
      '--at',
      'w=0.5,b=0,x=2,t=1',
      '--train',
      'w',
      '--rate',
      '1',
      '--steps',
      '0',
      '--json',
    ]);
    expect(body.train.loss).toEqual([0]);
    expect(body.train.final).toEqual({ w: 0.5 });
  });

  it('a rate too large is reported as divergence (exit 0: a result, not an error)', () => {
    const { status, body, stderr } = run([
      'w^2',
      '--at',
      'w=1',
      '--train',
      'w',
      '--rate',
      '1.5',
      '--steps',
      '40',
      '--json',
    ]);
    expect(status).toBe(0);
    expect(body.train.loss).toHaveLength(41);
    expect(body.train.diverged.reason).toBe('growing');
    expect(body.train.diverged.message).toMatch(/too large/);
    expect(stderr).toMatch(/warning: --train: .*too large/);
  });

  it('prints a short table without --json, with the first step’s update rows', () => {
    const r = run([LOSS, '--at', 'w=0.5,b=0,x=2,t=1', '--train', 'w,b', '--rate', '0.1', '--steps', '50']);
    expect(r.status).toBe(0);
    // ∂L/∂w = 2 (0.5·2 − 1)·2 = 0 at the start; ∂L/∂b = 0 too: nothing moves.
    expect(r.stdout).toMatch(/w = 0\.5 - 0\.1 \* 0 = 0\.5/);
    const moved = run([
      LOSS,
      '--at',
      'w=0.5,b=0,x=2,t=2',
      '--train',
      'w,b',
      '--rate',
      '0.1',
      '--steps',
      '50',
    ]);
    // ∂L/∂w = 2 (1 − 2)·2 = −4: w = 0.5 − 0.1 × (−4) = 0.9.
    expect(moved.stdout).toMatch(/w = 0\.5 - 0\.1 \* \(-4\) = 0\.9/);
    expect(moved.stdout).toMatch(/^step\s+loss\s+w\s+b$/m);
    expect(moved.stdout).toMatch(/^50\s/m);
    expect(moved.stdout.split('\n').length).toBeLessThan(40);
  });

  it('a program with control flow is traced on the path its --at values take', () => {
    const { body } = run(['if x > 2 { y = x*x } else { y = -x }\nreturn y', '--at', 'x=5', '--json']);
    expect(body.outputs[0].value).toBe(25);
  });
});

describe('--train usage errors: exit 2, the JSON error object with --json', () => {
  const cases: [string, string[], RegExp][] = [
    ['an unknown parameter', ['--train', 'w,z', '--rate', '0.1', '--steps', '5'], /no input is named z/],
    ['a parameter named twice', ['--train', 'w,w', '--rate', '0.1', '--steps', '5'], /twice/],
    ['an empty name', ['--train', 'w,', '--rate', '0.1', '--steps', '5'], /separated by commas/],
    ['a zero rate', ['--train', 'w', '--rate', '0', '--steps', '5'], /positive finite/],
    ['a negative rate', ['--train', 'w', '--rate=-0.1', '--steps', '5'], /positive finite/],
    ['a rate that is not a number', ['--train', 'w', '--rate', '0.1abc', '--steps', '5'], /positive finite/],
    ['an infinite rate', ['--train', 'w', '--rate', '1e999', '--steps', '5'], /positive finite/],
    ['NaN as the rate', ['--train', 'w', '--rate', 'NaN', '--steps', '5'], /positive finite/],
    ['no rate', ['--train', 'w', '--steps', '5'], /--rate 0\.1/],
    ['no steps', ['--train', 'w', '--rate', '0.1'], /--steps 50/],
    ['fractional steps', ['--train', 'w', '--rate', '0.1', '--steps', '1.5'], /whole number/],
    ['negative steps', ['--train', 'w', '--rate', '0.1', '--steps=-1'], /whole number/],
    [
      'steps over the cap',
      ['--train', 'w', '--rate', '0.1', '--steps', String(MAX_TRAIN_STEPS + 1)],
      /100,000/,
    ],
    ['--rate without --train', ['--rate', '0.1'], /goes with --train/],
    ['--data without --train', ['--data', 'line.csv'], /goes with --train/],
    [
      '--train with --format',
      ['--train', 'w', '--rate', '0.1', '--steps', '1', '--format', 'csv'],
      /different outputs/,
    ],
    [
      'a file that cannot be read',
      ['--train', 'w', '--rate', '0.1', '--steps', '1', '--data', 'nope.csv'],
      /cannot read nope\.csv/,
    ],
    [
      'a header naming no input',
      ['--train', 'w,b', '--rate', '0.1', '--steps', '1', '--data', 'stray.csv'],
      /stray\.csv, line 1, column 3: The expression has no input z/,
    ],
    [
      'a bad number',
      ['--train', 'w,b', '--rate', '0.1', '--steps', '1', '--data', 'bad.csv'],
      /bad\.csv, line 3, column 3: t must be a finite decimal/,
    ],
    [
      'a short row',
      ['--train', 'w,b', '--rate', '0.1', '--steps', '1', '--data', 'short.csv'],
      /short\.csv, line 3, column 2: This row has 1 value/,
    ],
  ];
  for (const [what, args, message] of cases) {
    it(what, () => {
      const json = run([LOSS, '--at', 'w=0.5,b=0,x=2,t=1', ...args, '--json']);
      expect(json.status).toBe(2);
      expect(json.body.error.message).toMatch(message);
      expect(json.stdout).not.toMatch(/\n {4}at /);
      const plain = runTrace([LOSS, '--at', 'w=0.5,b=0,x=2,t=1', ...args], io);
      expect(plain.status).toBe(2);
      expect(plain.stdout).toBe('');
      expect(plain.stderr).toMatch(message);
    });
  }

  it('a malformed CSV error carries its line and column as fields', () => {
    const { body } = run([
      LOSS,
      '--at',
      'w=0.5,b=0',
      '--train',
      'w,b',
      '--rate',
      '0.1',
      '--steps',
      '1',
      '--data',
      'bad.csv',
      '--json',
    ]);
    expect(body.error).toMatchObject({ file: 'bad.csv', line: 3, column: 3 });
  });
});

it('runs as `npm run --silent trace` with a real --data file', () => {
  const r = spawnSync(
    'npm',
    [
      'run',
      '--silent',
      'trace',
      '--',
      LOSS,
      '--at',
      'w=0,b=0',
      '--train',
      'w,b',
      '--rate',
      '0.05',
      '--steps',
      '3',
      '--data',
      '-',
      '--json',
    ],
    { encoding: 'utf8', input: files['line.csv'] },
  );
  expect(r.status).toBe(0);
  expect(JSON.parse(r.stdout).train.loss).toHaveLength(4);
}, 60_000);
