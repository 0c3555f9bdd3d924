/**
 * Training (src/core/train.ts) against an independent gradient descent: each gallery loss written
 * again here in plain JavaScript, its data read by a split of the CSV text, and its gradient taken
 * by central differences — no tape, no sweep, no parser of ours. The loss sequences and the update
 * rows must agree to 1e-6 relative over 50 steps.
 */
import { describe, expect, it } from 'vitest';
import {
  analyzeText,
  lossGrid,
  parseData,
  train,
  updateRows,
  CONVERGED_GRADIENT,
  MAX_DATA_ROWS,
  type DataTable,
  type ProgramInfo,
  type TrainSetup,
} from '../../src/core/index';
import { EXAMPLES } from '../../src/ui/examples';

type Loss = (w: readonly number[], row: Readonly<Record<string, number>>) => number;

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** The gallery's losses, by hand. `w` in the order of the example's parameter list. */
const ORACLES: Readonly<Record<string, Loss>> = {
  'Training: linear regression': ([w, b], { x, t }) => (w! * x! + b! - t!) ** 2,
  'Training: logistic regression': ([b, w1, w2], { x1, x2, t }) => {
    const s = sigmoid(w1! * x1! + w2! * x2! + b!);
    return -(t! * Math.log(s) + (1 - t!) * Math.log(1 - s));
  },
  'Training: a tanh network learns XOR': ([a1, a2, b1, b2, c, w11, w12, w21, w22], { x1, x2, t }) =>
    (a1! * Math.tanh(w11! * x1! + w12! * x2! + b1!) +
      a2! * Math.tanh(w21! * x1! + w22! * x2! + b2!) +
      c! -
      t!) **
    2,
  'Training: the Rosenbrock valley': ([x, y]) => (1 - x!) ** 2 + 100 * (y! - x! * x!) ** 2,
};

/** The CSV rows as name → number records, read independently of `parseData`. */
function rowsOf(csv: string | undefined): Record<string, number>[] {
  if (!csv) return [{}];
  const [header, ...lines] = csv.trim().split('\n');
  const names = header!.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [names[i]!, Number(v)])));
}

/** Plain gradient descent with central differences: L_0 … L_k and the iterates. */
function referenceDescent(
  loss: Loss,
  rows: Record<string, number>[],
  w0: number[],
  rate: number,
  steps: number,
) {
  const L = (w: readonly number[]) => rows.reduce((s, r) => s + loss(w, r), 0) / rows.length;
  const grad = (w: readonly number[]) =>
    w.map((wi, i) => {
      const h = 1e-6 * Math.max(1, Math.abs(wi));
      const up = [...w];
      const down = [...w];
      up[i] = wi + h;
      down[i] = wi - h;
      return (L(up) - L(down)) / (2 * h);
    });
  const losses = [L(w0)];
  const path = [w0];
  const grads: number[][] = [];
  let w = w0;
  for (let j = 0; j < steps; j++) {
    const g = grad(w);
    grads.push(g);
    w = w.map((wi, i) => wi - rate * g[i]!);
    path.push(w);
    losses.push(L(w));
  }
  return { losses, path, grads };
}

function relClose(actual: number, expected: number, tol: number, what: string) {
  const scale = Math.max(Math.abs(expected), 1e-12);
  expect(Math.abs(actual - expected) / scale, `${what}: ${actual} vs ${expected}`).toBeLessThan(tol);
}

function infoOf(text: string): ProgramInfo {
  const a = analyzeText(text);
  if (!a.ok) throw new Error(a.error.message);
  return a.info;
}

/** A gallery example as a training setup (its values, parameters, η and data). */
function setupOf(title: string, rate?: number): { setup: TrainSetup; w0: number[] } {
  const ex = EXAMPLES.find((e) => e.title === title)!;
  const info = infoOf(ex.text);
  const values = new Map(ex.values);
  const x = info.inputs.map((n) => Number(values.get(n)));
  const params = ex.train!.params.map((p) => info.inputs.indexOf(p));
  let data: DataTable | null = null;
  if (ex.train!.data) {
    const parsed = parseData(ex.train!.data, info.inputs, ex.train!.params);
    if (!parsed.ok) throw new Error(parsed.error.message);
    data = parsed.data;
  }
  return {
    setup: { info, x, params, rate: rate ?? Number(ex.train!.rate), data },
    w0: params.map((p) => x[p]!),
  };
}

describe('gradient descent matches an independent one (central differences)', () => {
  for (const title of Object.keys(ORACLES)) {
    it(`${title}: 50 steps, losses and iterates to 1e-6 relative`, () => {
      const ex = EXAMPLES.find((e) => e.title === title);
      expect(ex?.train, `${title} is a training example of the gallery`).toBeDefined();
      const { setup, w0 } = setupOf(title);
      const run = train(setup, { steps: 50 });
      const ref = referenceDescent(ORACLES[title]!, rowsOf(ex!.train!.data), w0, setup.rate, 50);
      expect(run.loss).toHaveLength(51);
      expect(run.diverged).toBeNull();
      ref.losses.forEach((L, j) => relClose(run.loss[j]!, L, 1e-6, `L_${j}`));
      ref.path.forEach((w, j) => w.forEach((wi, i) => relClose(run.path[j]![i]!, wi, 1e-6, `w_${j}[${i}]`)));
      // The update rows of the first step: w = w0 − η × ∂L/∂w = w1.
      const rows = updateRows(run, ex!.train!.params, setup.rate, 0);
      expect(rows.map((r) => r.name)).toEqual(ex!.train!.params);
      rows.forEach((r, i) => {
        expect(r.before).toBe(w0[i]);
        expect(r.rate).toBe(setup.rate);
        relClose(r.gradient, ref.grads[0]![i]!, 1e-6, `∂L/∂${r.name}`);
        expect(r.after).toBe(r.before - r.rate * r.gradient);
        relClose(r.after, ref.path[1]![i]!, 1e-6, `${r.name} after one step`);
      });
      // The final input values are the last iterate's parameters, the data inputs untouched.
      setup.params.forEach((p, i) => expect(run.final[p]).toBe(run.path[50]![i]));
    });
  }

  it('a program with control flow (Huber loss) is recorded again at each point and row', () => {
    const info = infoOf(
      'd = w*x + b - t\nif abs(d) <= 1 { L = 0.5*d^2 } else { L = abs(d) - 0.5 }\nreturn L',
    );
    expect(info.dynamic).toBe(true);
    const csv = 'x,t\n0,0.5\n1,1\n2,4\n3,2.5\n4,9';
    const parsed = parseData(csv, info.inputs, ['b', 'w']);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const x = info.inputs.map(() => 0);
    const params = ['b', 'w'].map((p) => info.inputs.indexOf(p));
    const run = train({ info, x, params, rate: 0.1, data: parsed.data }, { steps: 50 });
    const huber: Loss = ([b, w], { x, t }) => {
      const d = w! * x! + b! - t!;
      return Math.abs(d) <= 1 ? 0.5 * d * d : Math.abs(d) - 0.5;
    };
    const ref = referenceDescent(huber, rowsOf(csv), [0, 0], 0.1, 50);
    ref.losses.forEach((L, j) => relClose(run.loss[j]!, L, 1e-6, `L_${j}`));
  });
});

describe('a run continued and the loss surface', () => {
  it('continuing a run of 30 steps to 80 gives exactly the run of 80 steps', () => {
    const { setup } = setupOf('Training: a tanh network learns XOR');
    const whole = train(setup, { steps: 80 });
    const part = train(setup, { steps: 30 });
    expect(train(setup, { steps: 80, resume: part })).toEqual(whole);
    expect(part.loss).toHaveLength(31);
  });

  it('lossGrid is the loss at each grid point (Rosenbrock, by hand)', () => {
    const { setup } = setupOf('Training: the Rosenbrock valley');
    const xs = [-1.5, 0, 0.5, 2];
    const ys = [-1, 1, 3];
    const grid = lossGrid(setup, [0, 1], xs, ys);
    ys.forEach((y, iy) =>
      xs.forEach((x, ix) =>
        relClose(
          grid[iy * xs.length + ix]!,
          ORACLES['Training: the Rosenbrock valley']!([x, y], {}),
          1e-12,
          `(${x}, ${y})`,
        ),
      ),
    );
  });
});

describe('the loss of a convex problem does not increase for a small η', () => {
  it('linear regression, η = 0.05 (below 1 / the largest curvature), 300 steps', () => {
    const { setup } = setupOf('Training: linear regression');
    // The loss's Hessian is 2·mean([x², x; x, 1]); its largest eigenvalue bounds the curvature.
    const rows = setup.data!.rows.map((r) => r[0]!);
    const [a, b, c] = [rows.reduce((s, x) => s + x * x, 0), rows.reduce((s, x) => s + x, 0), rows.length].map(
      (v) => (2 * v) / rows.length,
    );
    const lambda = (a! + c! + Math.hypot(a! - c!, 2 * b!)) / 2;
    expect(setup.rate).toBeLessThanOrEqual(1 / lambda);
    const run = train(setup, { steps: 300 });
    for (let j = 1; j < run.loss.length; j++) expect(run.loss[j]).toBeLessThanOrEqual(run.loss[j - 1]!);
  });

  it('logistic regression, η = 1 / trace of the curvature bound, 300 steps', () => {
    const { setup } = setupOf('Training: logistic regression');
    // Cross-entropy's Hessian is at most ¼·mean(z zᵀ), z = (1, x1, x2): its trace bounds its eigenvalues.
    const cols = setup.data!.names;
    const bound =
      setup.data!.rows.reduce(
        (s, r) => s + 1 + r[cols.indexOf('x1')]! ** 2 + r[cols.indexOf('x2')]! ** 2,
        0,
      ) /
      (4 * setup.data!.rows.length);
    const run = train({ ...setup, rate: 1 / bound }, { steps: 300 });
    expect(run.loss[300]).toBeLessThan(run.loss[0]!);
    for (let j = 1; j < run.loss.length; j++) expect(run.loss[j]).toBeLessThanOrEqual(run.loss[j - 1]!);
  });
});

describe('divergence is reported', () => {
  it('η too large for linear regression: the loss grows past a million times its start', () => {
    const { setup } = setupOf('Training: linear regression', 0.5);
    const run = train(setup, { steps: 50 });
    expect(run.loss).toHaveLength(51);
    expect(run.diverged).not.toBeNull();
    expect(run.diverged!.message).toMatch(/η = 0\.5 is too large/);
    // The reported step is the first at which the loss passed the bound.
    const j = run.diverged!.step;
    expect(run.loss[j]! - run.loss[0]!).toBeGreaterThan(1e6 * run.loss[0]!);
    expect(run.loss[j - 1]! - run.loss[0]!).toBeLessThanOrEqual(1e6 * run.loss[0]!);
  });

  it('the page stops at the first sign: stopOnDivergence ends the run there', () => {
    const { setup } = setupOf('Training: the Rosenbrock valley', 0.01);
    const run = train(setup, { steps: 100, stopOnDivergence: true });
    expect(run.stopped?.reason).toMatch(/growing|non-finite/);
    expect(run.loss).toHaveLength(run.stopped!.step + 1);
  });

  it('a loss that becomes NaN or a parameter that overflows is non-finite divergence', () => {
    // L0 = 4e300; one step lands at w ≈ 4e300, where the loss overflows to ∞, then ∞ − ∞ is NaN.
    const info = infoOf('1e300*(w - 2)^2');
    const run = train({ info, x: [0], params: [0], rate: 1 }, { steps: 20 });
    expect(run.diverged).toMatchObject({ reason: 'non-finite', step: 1 });
    expect(run.loss[1]).toBe(Infinity);
    expect(run.loss).toHaveLength(21);
    expect(run.loss[20]).toBeNaN();
  });

  it('a NaN loss from a domain error names the operation, not an overshoot to 0 × ln 0 or ∞ − ∞', () => {
    // w = 1, ∂L/∂w = 1/(2√1) + 2 = 2.5: one step of η = 1 lands at w = −1.5, where sqrt is undefined.
    const run = train(
      { info: infoOf('sqrt(w) + w^2'), x: [1], params: [0], rate: 1 },
      { steps: 10, stopOnDivergence: true },
    );
    expect(run.loss).toHaveLength(2);
    expect(run.loss[1]).toBeNaN();
    expect(run.diverged).toMatchObject({
      reason: 'non-finite',
      step: 1,
      cause: {
        node: 'v1',
        call: 'sqrt(-1.5)',
        value: 'NaN',
        note: { kind: 'domain', message: 'outside the domain of sqrt' },
        row: null,
      },
    });
    const message = run.diverged!.message;
    expect(message).toMatch(
      /^At step 1 the loss is NaN: .*v1 = sqrt\(-1\.5\) = NaN \(outside the domain of sqrt\)/,
    );
    expect(message).not.toMatch(/overshot|ln 0|∞ − ∞/);
  });

  it('with data, the cause names the row; a pole or 0/0 is named too', () => {
    const info = infoOf('ln(w*x)');
    const data = parseData('x\n1\n-2', info.inputs, ['w']);
    if (!data.ok) throw new Error(data.error.message);
    const run = train({ info, x: [1, 0], params: [0], rate: 0.1, data: data.data }, { steps: 1 });
    expect(run.diverged!.cause).toMatchObject({ node: 'v2', call: 'ln(-2)', value: 'NaN', row: 1 });
    expect(run.diverged!.message).toMatch(/= NaN \(outside the domain of ln\) in data row 2\./);
    const pole = train({ info: infoOf('1/w'), x: [0], params: [0], rate: 1 }, { steps: 1 }).diverged!;
    expect(pole.message).toMatch(
      /^At step 0 the loss is Infinity: .*v1 = 1 \/ 0 = Infinity \(division by zero\)\.$/,
    );
  });

  it('an overflow keeps the overshooting story; a parameter made infinite by an infinite slope says so', () => {
    const over = train({ info: infoOf('1e300*(w - 2)^2'), x: [0], params: [0], rate: 1 }, { steps: 1 });
    expect(over.diverged!.message).toMatch(/overflowed the range of doubles \(η = 1 is too large/);
    expect(over.diverged!.cause).toMatchObject({ overflow: true, note: { kind: 'overflow' } });
    // ln(0) = −∞ is a pole, not an overflow: named as such, not as an overshoot.
    const pole = train({ info: infoOf('ln(w)'), x: [1], params: [0], rate: 1 }, { steps: 1 }).diverged!;
    expect(pole.cause).toMatchObject({ call: 'ln(0)', value: '-Infinity', overflow: false });
    expect(pole.message).toMatch(
      /^At step 1 the loss is -Infinity: .*v1 = ln\(0\) = -Infinity \(ln\(0\) = −∞\)\./,
    );
    expect(pole.message).not.toMatch(/overflowed/);
    // sqrt'(0) = +∞: the step from w = 0 is w − η · ∞ = −∞, not an overshoot.
    const slope = train({ info: infoOf('sqrt(w)'), x: [0], params: [0], rate: 0.5 }, { steps: 3 });
    expect(slope.diverged).toMatchObject({ reason: 'non-finite', step: 1 });
    expect(slope.diverged!.message).toMatch(
      /^At step 1 the parameter w is -Infinity: at step 0 the gradient ∂L\/∂w is Infinity/,
    );
    expect(slope.diverged!.message).not.toMatch(/overshoot/);
  });

  it('until converged stops when every gradient component is below the threshold', () => {
    const info = infoOf('(w - 2)^2');
    const run = train({ info, x: [0], params: [0], rate: 0.25 }, { steps: 10_000, untilConverged: true });
    expect(run.stopped?.reason).toBe('converged');
    expect(Math.abs(run.grads.at(-1)![0]!)).toBeLessThan(CONVERGED_GRADIENT);
    expect(Math.abs(run.grads.at(-2)![0]!)).toBeGreaterThanOrEqual(CONVERGED_GRADIENT);
    relClose(run.path.at(-1)![0]!, 2, 1e-6, 'the minimum');
  });

  it('a work budget stops a long run with a message, never a frozen page', () => {
    const { setup } = setupOf('Training: a tanh network learns XOR');
    const run = train(setup, { steps: 1000, budget: 40 });
    expect(run.stopped?.reason).toBe('budget');
    expect(run.loss).toHaveLength(10);
  });
});

describe('data tables (CSV)', () => {
  const inputs = ['b', 't', 'w', 'x'];
  const params = ['b', 'w'];
  const bad = (text: string) => {
    const r = parseData(text, inputs, params);
    if (r.ok) throw new Error('expected an error');
    return r.error;
  };

  it('reads a header of data inputs and rows of numbers; commas or tabs; blank lines skipped', () => {
    expect(parseData('x,t\n1,2\n\n3, -4.5e0\n', inputs, params)).toEqual({
      ok: true,
      data: {
        names: ['x', 't'],
        rows: [
          [1, 2],
          [3, -4.5],
        ],
      },
    });
    expect(parseData('t\tx\r\n1\t2\r\n', inputs, params)).toEqual({
      ok: true,
      data: { names: ['t', 'x'], rows: [[1, 2]] },
    });
    expect(parseData('  \n', inputs, params)).toEqual({ ok: true, data: null });
  });

  it('locates every problem by line and column', () => {
    expect(bad('x,z\n1,2')).toMatchObject({
      line: 1,
      column: 3,
      message: expect.stringMatching(/no input z/),
    });
    expect(bad('x,w\n1,2')).toMatchObject({
      line: 1,
      column: 3,
      message: expect.stringMatching(/w is a parameter/),
    });
    expect(bad('x,x\n1,2')).toMatchObject({ line: 1, column: 3, message: expect.stringMatching(/twice/) });
    expect(bad('1,2\n1,2')).toMatchObject({
      line: 1,
      column: 1,
      message: expect.stringMatching(/name the columns/),
    });
    expect(bad('x,t\n1,2\n3,2abc')).toMatchObject({
      line: 3,
      column: 3,
      message: expect.stringMatching(/finite decimal/),
    });
    expect(bad('x,t\n1,2\n3')).toMatchObject({
      line: 3,
      column: 2,
      message: expect.stringMatching(/1 value;/),
    });
    expect(bad('x,t\n1,2,3')).toMatchObject({
      line: 2,
      column: 5,
      message: expect.stringMatching(/3 values/),
    });
    expect(bad('x,t\n1,')).toMatchObject({
      line: 2,
      column: 3,
      message: expect.stringMatching(/t needs a value/),
    });
    expect(bad('x,t\n')).toMatchObject({ line: 2, message: expect.stringMatching(/no row/) });
    expect(bad('x,t\n1,NaN')).toMatchObject({ line: 2, column: 3 });
  });

  it(`refuses more than ${MAX_DATA_ROWS} rows, at the first row too many`, () => {
    const rows = Array.from({ length: MAX_DATA_ROWS + 1 }, (_, i) => `${i},1`);
    expect(bad(['x,t', ...rows].join('\n'))).toMatchObject({ line: MAX_DATA_ROWS + 2, column: 1 });
    expect(parseData(['x,t', ...rows.slice(1)].join('\n'), inputs, params).ok).toBe(true);
  });

  it('names are plain data: __proto__ and constructor are unknown columns', () => {
    expect(bad('__proto__\n1').message).toMatch(/not a name/);
    expect(bad('constructor\n1').message).toMatch(/no input constructor/);
  });
});
