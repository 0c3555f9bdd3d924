/**
 * Programs and points on which the generated code is run in the frameworks themselves: the gallery,
 * programs with control flow, and every primitive of the rule table at ordinary points and at its
 * kinks (where a framework's own convention may differ from the page's).
 */
import { RULE_LIST } from '../../src/core/index';
import { EXAMPLES } from '../../src/ui/examples';

export interface RunCase {
  readonly name: string;
  readonly text: string;
  /** Input values by name. */
  readonly at: Readonly<Record<string, number>>;
}

export const GALLERY_CASES: readonly RunCase[] = EXAMPLES.map((e) => ({
  name: `gallery: ${e.title}`,
  text: e.text,
  at: Object.fromEntries(e.values.map(([k, v]) => [k, Number(v)])),
}));

export const PROGRAM_CASES: readonly RunCase[] = [
  {
    name: 'CONTRACTS §1b program, the if branch',
    text: 'y = x\nfor i in 1..3 { y = y*y + x }\nif y > 10 { z = ln(y) } else { z = y/10 }\nreturn z',
    at: { x: 1.5 },
  },
  {
    name: 'CONTRACTS §1b program, the else branch',
    text: 'y = x\nfor i in 1..3 { y = y*y + x }\nif y > 10 { z = ln(y) } else { z = y/10 }\nreturn z',
    at: { x: 0.5 },
  },
  {
    name: 'Newton square root (while)',
    text: 'r = a\nwhile abs(r*r - a) > 1e-12 { r = (r + a/r)/2 }\nreturn r',
    at: { a: 2 },
  },
  {
    name: 'loop bound from an input, loop variable in the body',
    text: 's = 0\nfor k in 1..n { s = s + x^k/k }\nreturn s',
    at: { n: 4, x: 0.3 },
  },
  {
    name: 'else if, and/or/not, two returns',
    text: 'if x > 1 and not (y < 0) { a = x*y } else if x < -1 or y == 2 { a = x - y } else { a = sin(x) }\nb = a^2\nreturn a, b + x',
    at: { x: -2, y: 3 },
  },
  {
    name: 'keywords and shadowing names as variables',
    text: 'lambda = x*2\ndef = lambda + f64\nend = def*torch\nfunction = end - jnp\nreturn function, def',
    at: { x: 0.5, f64: 1.25, torch: 3, jnp: -1 },
  },
  {
    name: 'numbers that plain Python floats refuse',
    text: 'z = 1/0\nw = x + z\nq = 0^(0-1) + x\nreturn x*(2 - 3)/(1 - 1) , q + w',
    at: { x: 2 },
  },
  {
    name: 'constants and a plain function argument',
    text: 'y = sin(pi/6)*x + e^x + max(2, x)',
    at: { x: 1.5 },
  },
  {
    name: 'a bare statement named y1, y2',
    text: 'x*2; sin(x)',
    at: { x: 0.25 },
  },
];

/** Points for each primitive: ordinary ones and the kinks where conventions apply. */
const UNARY_POINTS = [0.7, -0.4, 0, 2.5];
const BINARY_POINTS: readonly (readonly [number, number])[] = [
  [0.7, 1.3],
  [1.5, 1.5],
  [-2, 3],
  [0, 2],
  [2, 0],
  [0, 0],
  [-2, 0.5],
];
const INFIX: Readonly<Record<string, string>> = { add: '+', sub: '-', mul: '*', div: '/', pow: '^' };

/** Every row of the rule table, each at its points (a new row is covered by being in the table). */
export const RULE_CASES: readonly RunCase[] = RULE_LIST.flatMap((r): RunCase[] => {
  if (r.name === 'neg') return UNARY_POINTS.map((x) => ({ name: `neg at ${x}`, text: 'y = -x', at: { x } }));
  if (r.arity === 1)
    return UNARY_POINTS.map((x) => ({ name: `${r.name} at ${x}`, text: `y = ${r.name}(x)`, at: { x } }));
  const text = INFIX[r.name] ? `y = a ${INFIX[r.name]} b` : `y = ${r.name}(a, b)`;
  return BINARY_POINTS.map(([a, b]) => ({ name: `${r.name} at (${a}, ${b})`, text, at: { a, b } }));
});
