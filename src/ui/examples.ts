import { DEFAULT_RATE, DEFAULT_STATE, makeValues, type LinkState } from '../state/urlCodec';

export interface Example {
  readonly title: string;
  /** What it teaches, in one sentence. */
  readonly lesson: string;
  readonly text: string;
  readonly values: readonly (readonly [string, string])[];
  /** The output whose adjoint is seeded, when it is not the first (a chain's last link, say). */
  readonly adjointSeed?: string;
  /** A training example: it opens the Train panel with these parameters, η and data (CSV). */
  readonly train?: { readonly params: readonly string[]; readonly rate: string; readonly data?: string };
}

/** The examples menu; the first is the default on first load (Baydin et al. 2018, Tables 2 and 3). */
export const EXAMPLES: readonly Example[] = [
  {
    title: 'Baydin et al. (2018), Tables 2–3',
    lesson: 'The survey’s running example: x1 is used twice, so its adjoint collects two contributions.',
    text: 'ln(x1) + x1*x2 - sin(x2)',
    values: [
      ['x1', '2'],
      ['x2', '5'],
    ],
  },
  {
    title: 'Griewank & Walther',
    lesson: 'Shared subexpressions: x1/x2 and exp(x2) are computed once and reused.',
    text: '(sin(x1/x2) + x1/x2 - exp(x2)) * (x1/x2 - exp(x2))',
    values: [
      ['x1', '1.5'],
      ['x2', '0.5'],
    ],
  },
  {
    title: 'Sigmoid neuron (CS231n)',
    lesson: 'One reverse sweep gives all five partial derivatives; forward mode needs five sweeps.',
    text: '1/(1+exp(-(w0*x0+w1*x1+w2)))',
    values: [
      ['w0', '2'],
      ['x0', '-1'],
      ['w1', '-3'],
      ['x1', '-2'],
      ['w2', '-3'],
    ],
  },
  {
    title: 'max gate (CS231n)',
    lesson: 'max routes the whole gradient to the larger argument; the other gets 0.',
    text: '2*(x*y + max(z, w))',
    values: [
      ['x', '3'],
      ['y', '-4'],
      ['z', '2'],
      ['w', '-1'],
    ],
  },
  {
    title: 'Rosenbrock',
    lesson: 'A classic optimisation test: the gradient vanishes at the minimum (1, 1).',
    text: '(1 - x)^2 + 100*(y - x^2)^2',
    values: [
      ['x', '-1.2'],
      ['y', '1'],
    ],
  },
  {
    title: 'Three inputs, three outputs',
    lesson:
      'A map from R³ to R³: three forward sweeps fill the Jacobian column by column, three reverse sweeps row by row — the same matrix.',
    text: 'p = a*b*c; q = a + b^2 + c^3; r = cos(a - c)',
    values: [
      ['a', '1'],
      ['b', '2'],
      ['c', '0.5'],
    ],
  },
  {
    title: 'Expression swell (logistic map)',
    lesson:
      'l(n+1) = 4 l(n) (1 − l(n)): the tape grows by three operations per step, the symbolic derivative several times over (Baydin et al., section 2).',
    text: 'l2 = 4*x*(1 - x)\nl3 = 4*l2*(1 - l2)\nl4 = 4*l3*(1 - l3)\nl5 = 4*l4*(1 - l4)',
    values: [['x', '0.3']],
    // The chain's end: one reverse sweep from l5 back to x, through every link.
    adjointSeed: 'l5',
  },
  {
    title: 'Babylonian square root (while)',
    lesson:
      'AD differentiates the algorithm, not a formula: the loop runs until r² = a, and the gradient of what it returns is 1/(2√a), the derivative of √a.',
    text: '# Babylonian square root: r ← (r + a/r)/2 until r² = a\nr = a\nwhile abs(r*r - a) > 1e-12 * a {\n  r = (r + a/r) / 2\n}\nreturn r',
    values: [['a', '2']],
  },
  {
    title: 'Repeated squaring (for)',
    lesson:
      'A loop is unrolled on the tape: each iteration adds one node, and the reverse sweep multiplies 2y once per iteration, giving d(x⁸)/dx = 8x⁷.',
    text: 'y = x\nfor i in 1..3 {\n  y = y*y\n}\nreturn y',
    values: [['x', '1.1']],
  },
  {
    title: 'Piecewise function (if)',
    lesson:
      'Only the branch taken is on the tape, so AD gives that side’s slope; a difference quotient that straddles x = 0 mixes the two (open the finite-difference panel and move x near 0).',
    text: 'if x < 0 {\n  y = 0.5*x\n} else {\n  y = x*x + 2*x\n}\nreturn y',
    values: [['x', '-0.25']],
  },
  {
    title: 'Logistic map unrolled (for)',
    lesson:
      'The expression-swell example written as a loop: the tape is the same straight line of operations, and each iteration is framed in the graph.',
    text: 'l = x\nfor i in 1..4 {\n  l = 4*l*(1 - l)\n}\nreturn l',
    values: [['x', '0.3']],
  },
  {
    title: 'Newton’s method for a cube root',
    lesson:
      'Four Newton steps for z³ = a, z ← (2z + a/z²)/3, converge to ∛a; differentiating through them gives 1/(3z²), the derivative of ∛a, without solving anything by hand.',
    text: 'z = 1\nfor i in 1..4 {\n  z = (2*z + a/(z*z)) / 3\n}\nreturn z',
    values: [['a', '2']],
  },
  {
    title: 'Logistic-regression loss',
    lesson:
      'Cross-entropy of one sample: the sigmoid is computed once and used twice, and one reverse sweep gives the gradient for all six inputs.',
    text: '-(t*ln(sigmoid(w1*x1 + w2*x2 + b)) + (1 - t)*ln(1 - sigmoid(w1*x1 + w2*x2 + b)))',
    values: [
      ['b', '0.1'],
      ['t', '1'],
      ['w1', '0.5'],
      ['w2', '-0.3'],
      ['x1', '1.5'],
      ['x2', '2'],
    ],
  },
  {
    title: 'A 2-2-1 tanh network',
    lesson:
      'Backpropagation is reverse mode: one sweep back from the output gives the gradient for every weight and input at once.',
    text: 'a1*tanh(w11*x1 + w12*x2 + b1) + a2*tanh(w21*x1 + w22*x2 + b2) + c',
    values: [
      ['a1', '0.7'],
      ['a2', '-1.2'],
      ['b1', '0.1'],
      ['b2', '-0.2'],
      ['c', '0.05'],
      ['w11', '0.4'],
      ['w12', '-0.6'],
      ['w21', '0.9'],
      ['w22', '0.3'],
      ['x1', '1'],
      ['x2', '0.5'],
    ],
  },
  {
    title: 'Training: linear regression',
    lesson:
      'Fit a line w·x + b to five points: the loss is the mean squared error over the rows, a bowl, so gradient descent with a small η slides steadily to its one minimum.',
    text: '(w*x + b - t)^2',
    values: [
      ['b', '0'],
      ['t', '1.1'],
      ['w', '0'],
      ['x', '0'],
    ],
    train: { params: ['w', 'b'], rate: '0.05', data: 'x,t\n0,1.1\n1,2.9\n2,5.2\n3,6.8\n4,9.1' },
  },
  {
    title: 'Training: logistic regression',
    lesson:
      'The cross-entropy loss above, averaged over twelve labelled points that overlap: the loss is convex and falls to a minimum above zero, where no line separates the classes better.',
    text: '-(t*ln(sigmoid(w1*x1 + w2*x2 + b)) + (1 - t)*ln(1 - sigmoid(w1*x1 + w2*x2 + b)))',
    values: [
      ['b', '0'],
      ['t', '0'],
      ['w1', '0'],
      ['w2', '0'],
      ['x1', '0.5'],
      ['x2', '1.5'],
    ],
    train: {
      params: ['b', 'w1', 'w2'],
      rate: '1',
      data: 'x1,x2,t\n0.5,1.5,0\n1,1,0\n1.5,0.5,0\n2,2.5,1\n2.5,1,0\n1,3,1\n3,2.5,1\n2.5,3.5,1\n0.5,2.5,1\n3,1,0\n1.5,2.5,0\n2.5,1.5,1',
    },
  },
  {
    title: 'Training: a tanh network learns XOR',
    lesson:
      'The 2-2-1 network on the four XOR points: no line separates them, two hidden units do. Each step is one reverse sweep per row; after a plateau the loss falls towards 0 within 100 steps.',
    text: '(a1*tanh(w11*x1 + w12*x2 + b1) + a2*tanh(w21*x1 + w22*x2 + b2) + c - t)^2',
    values: [
      ['a1', '0.2'],
      ['a2', '0.4'],
      ['b1', '0.8'],
      ['b2', '-0.9'],
      ['c', '-0.7'],
      ['t', '0'],
      ['w11', '-0.8'],
      ['w12', '-0.8'],
      ['w21', '-0.8'],
      ['w22', '-1'],
      ['x1', '0'],
      ['x2', '0'],
    ],
    train: {
      params: ['a1', 'a2', 'b1', 'b2', 'c', 'w11', 'w12', 'w21', 'w22'],
      rate: '0.3',
      data: 'x1,x2,t\n0,0,0\n0,1,1\n1,0,1\n1,1,0',
    },
  },
  {
    title: 'Training: the Rosenbrock valley',
    lesson:
      'Gradient descent with a small η on the Rosenbrock function: it drops into the curved valley at once, then crawls along its floor towards (1, 1) for thousands of steps. Try η = 0.01: it diverges.',
    text: '(1 - x)^2 + 100*(y - x^2)^2',
    values: [
      ['x', '-1.2'],
      ['y', '1'],
    ],
    train: { params: ['x', 'y'], rate: '0.001' },
  },
  {
    title: 'Two outputs',
    lesson: 'A map from R² to R²: pick the adjoint seed to get either row of the Jacobian.',
    text: 'u = x1*x2 + sin(x1)\nw = exp(x2) - x1/x2',
    values: [
      ['x1', '1'],
      ['x2', '2'],
    ],
  },
];

/**
 * An example's state; the panel, the dual and forward-mode options and h stay as they are, except
 * that a training example opens the Train panel with its settings.
 */
export function exampleState(e: Example, keep: Partial<LinkState> = {}): LinkState {
  return {
    ...DEFAULT_STATE,
    ...keep,
    text: e.text,
    values: makeValues(e.values),
    seed: null,
    adjointSeed: e.adjointSeed ?? null,
    step: 0,
    merge: true,
    fdx: null,
    jdir: null,
    jcot: null,
    ...(e.train
      ? {
          view: 'train' as const,
          train: [...e.train.params],
          rate: e.train.rate,
          data: e.train.data ?? '',
        }
      : { train: null, rate: DEFAULT_RATE, data: '' }),
    from: null,
    steps: 0,
  };
}
