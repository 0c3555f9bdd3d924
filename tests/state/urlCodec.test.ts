import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_TRAIN_STEPS } from '../../src/core/index';
import {
  DEFAULT_STATE,
  LINK_VERSION,
  MAX_LINK_LENGTH,
  MAX_STEP,
  MAX_TEXT_LENGTH,
  MAX_VECTOR_LENGTH,
  VIEWS,
  decode,
  encode,
  isName,
  makeValues,
  reconcile,
  type Decoded,
  type LinkState,
  LANGS,
} from '../../src/state/urlCodec';

/** The link of CONTRACTS.md §4, verbatim. */
const CONTRACT_LINK = '#v=1&f=ln(x1)%2Bx1*x2-sin(x2)&at=x1:2,x2:5&seed=x1&step=7';

/** The paper's state as the contract link writes it (its `f` has no spaces). */
const PAPER: LinkState = {
  text: 'ln(x1)+x1*x2-sin(x2)',
  values: makeValues([
    ['x1', '2'],
    ['x2', '5'],
  ]),
  seed: 'x1',
  adjointSeed: null,
  step: 7,
  merge: true,
  view: 'trace',
  dual: false,
  mode: 'tour',
  fdx: null,
  h: -5,
  jdir: null,
  jcot: null,
  present: false,
  embed: false,
  quiz: false,
  lang: null,
  train: null,
  rate: '0.1',
  data: '',
  from: null,
  steps: 0,
  tlog: false,
};

const state = (over: Partial<LinkState>): LinkState => ({ ...DEFAULT_STATE, values: makeValues(), ...over });

const FATAL = new Set(['newer-version', 'damaged', 'too-large']);

/** Whatever `decode` returns must be a state the app can show, and fallbacks must be whole. */
function expectUsable(result: Decoded): void {
  const { state: s, problems, fallback } = result;
  expect(typeof s.text).toBe('string');
  expect(s.text.length).toBeLessThanOrEqual(MAX_TEXT_LENGTH);
  expect(Object.getPrototypeOf(s.values)).toBe(null);
  for (const [name, value] of Object.entries(s.values)) {
    expect(isName(name)).toBe(true);
    expect(typeof value).toBe('string');
  }
  for (const seed of [s.seed, s.adjointSeed]) if (seed !== null) expect(isName(seed)).toBe(true);
  expect(Number.isSafeInteger(s.step)).toBe(true);
  expect(s.step).toBeGreaterThanOrEqual(0);
  expect(s.step).toBeLessThanOrEqual(MAX_STEP);
  expect(typeof s.merge).toBe('boolean');
  expect(VIEWS).toContain(s.view);
  expect(typeof s.dual).toBe('boolean');
  expect(['tour', 'forward']).toContain(s.mode);
  if (s.fdx !== null) expect(isName(s.fdx)).toBe(true);
  expect(s.h).toBeGreaterThanOrEqual(-16);
  expect(s.h).toBeLessThanOrEqual(-1);
  for (const vector of [s.jdir, s.jcot]) {
    if (vector === null) continue;
    expect(vector.length).toBeGreaterThan(0);
    expect(vector.length).toBeLessThanOrEqual(MAX_VECTOR_LENGTH);
    expect(vector.every(Number.isFinite)).toBe(true);
  }
  for (const p of problems) expect(p.message.length).toBeGreaterThan(0);
  if (fallback) {
    expect(s).toEqual(DEFAULT_STATE);
    expect(problems).toHaveLength(1);
    expect(FATAL.has(problems[0]!.kind)).toBe(true);
  } else {
    expect(problems.some((p) => FATAL.has(p.kind))).toBe(false);
  }
}

function expectFallback(fragment: string, kind: string, message: RegExp): void {
  const result = decode(fragment);
  expect(result.fallback).toBe(true);
  expect(result.state).toEqual(DEFAULT_STATE);
  expect(result.problems).toEqual([{ kind, message: expect.stringMatching(message) }]);
}

// ---------------------------------------------------------------------------------------------
// Arbitraries

/** Characters that stress the encoding: URLSearchParams syntax, escapes, line breaks, astral planes. */
const tricky = fc.constantFrom(
  '+',
  '%',
  '&',
  '=',
  '#',
  ',',
  ':',
  ';',
  '/',
  '?',
  '^',
  ' ',
  '\n',
  '\r\n',
  '\t',
  '%2B',
  '%2C',
  '%25',
  '%E0',
  'x1',
  '*',
  '(',
  ')',
  "'",
  '\u2212',
  '\u00d7',
  '\u0445',
  '\u200b',
  '\u0000',
  '\ud83d\ude00',
  '\ufeff',
);
const trickyString = (maxLength: number) => fc.string({ unit: tricky, maxLength });

/** Text up to MAX_TEXT_LENGTH without generating 20,000 characters one by one: a repeated chunk. */
const longText = fc
  .tuple(
    fc.string({ unit: 'binary', minLength: 1, maxLength: 6 }),
    fc.integer({ min: 0, max: MAX_TEXT_LENGTH }),
  )
  .map(([chunk, length]) => {
    const text = chunk.repeat(Math.ceil(length / chunk.length)).slice(0, length);
    // Do not end on half of a surrogate pair: that text is not well-formed Unicode.
    return /[\uD800-\uDBFF]$/.test(text) ? text.slice(0, -1) : text;
  });

const textArb = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 3, arbitrary: trickyString(100) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 100 }) },
  { weight: 1, arbitrary: longText },
  {
    weight: 1,
    arbitrary: fc.string({
      unit: 'grapheme-ascii',
      minLength: MAX_TEXT_LENGTH - 2,
      maxLength: MAX_TEXT_LENGTH,
    }),
  },
);

const nameArb = fc.oneof(
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,9}$/),
  fc.constantFrom('x1', 'x2', 'y', 'f', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'prototype'),
);

const valueArb = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 24 }),
  trickyString(12),
  fc.constantFrom('', '2', '-0', '1e-3', '2.5E+4', '1,5', 'a:b', 'NaN', '__proto__', '%'),
);

const valuesArb = fc
  .uniqueArray(fc.tuple(nameArb, valueArb), { selector: ([name]) => name, maxLength: 8 })
  .map((entries) => makeValues(entries));

/** Seed vectors: finite numbers, no −0 (a link writes it as 0). */
const vectorArb = fc.array(
  fc.oneof(
    fc.integer({ min: -5, max: 5 }),
    fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => (x === 0 ? 0 : x)),
  ),
  { minLength: 1, maxLength: MAX_VECTOR_LENGTH },
);

const stateArb: fc.Arbitrary<LinkState> = fc.record({
  text: textArb,
  values: valuesArb,
  seed: fc.option(nameArb, { nil: null }),
  adjointSeed: fc.option(nameArb, { nil: null }),
  step: fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: MAX_STEP })),
  merge: fc.boolean(),
  view: fc.constantFrom(...VIEWS),
  dual: fc.boolean(),
  mode: fc.constantFrom('tour' as const, 'forward' as const),
  fdx: fc.option(nameArb, { nil: null }),
  h: fc.oneof(
    fc.integer({ min: -16, max: -1 }),
    fc.double({ min: -16, max: -1, noNaN: true }).map((h) => (h === 0 ? -1 : h)),
  ),
  jdir: fc.option(vectorArb, { nil: null }),
  jcot: fc.option(vectorArb, { nil: null }),
  present: fc.boolean(),
  embed: fc.boolean(),
  quiz: fc.boolean(),
  lang: fc.constantFrom(null, ...LANGS),
  train: fc.option(fc.uniqueArray(nameArb, { maxLength: 6 }), { nil: null }),
  rate: valueArb,
  data: fc.oneof(fc.constant(''), valueArb, fc.constant('x,t\n0,1\n1,2.5\n')),
  from: fc.option(valuesArb, { nil: null }),
  steps: fc.integer({ min: 0, max: MAX_TRAIN_STEPS }),
  tlog: fc.boolean(),
});

/** A valid link with a few characters inserted, deleted or replaced. */
const mutatedLink = fc
  .tuple(
    stateArb,
    fc.array(
      fc.record({
        at: fc.nat(),
        cut: fc.integer({ min: 0, max: 3 }),
        put: fc.oneof(
          tricky,
          fc.constantFrom(
            'v=2',
            'v=',
            '&f=',
            '&at=',
            '&step=',
            '=',
            '__proto__',
            'constructor',
            '%ZZ',
            '%C3%28',
          ),
          fc.string({ unit: 'binary', maxLength: 3 }),
        ),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  )
  .map(([s, edits]) =>
    edits.reduce(
      (link, { at, cut, put }) => {
        const i = at % (link.length + 1);
        return link.slice(0, i) + put + link.slice(i + cut);
      },
      `#${encode(s)}`,
    ),
  );

/** UTF-16 code units, lone surrogates included. */
const anyUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u)) });

// ---------------------------------------------------------------------------------------------

describe('the contract', () => {
  it('decodes the link of CONTRACTS.md §4 to the paper state at step 7', () => {
    expect(decode(CONTRACT_LINK)).toEqual({ state: PAPER, problems: [], fallback: false });
  });

  it('encodes the paper state to exactly that link', () => {
    expect(`#${encode(PAPER)}`).toBe(CONTRACT_LINK);
  });

  it('has the paper example as the default state', () => {
    expect(DEFAULT_STATE).toEqual({
      text: 'ln(x1) + x1*x2 - sin(x2)',
      values: { x1: '2', x2: '5' },
      seed: 'x1',
      adjointSeed: null,
      step: 0,
      merge: true,
      view: 'trace',
      dual: false,
      mode: 'tour',
      fdx: null,
      h: -5,
      jdir: null,
      jcot: null,
      present: false,
      embed: false,
      quiz: false,
      lang: null,
      train: null,
      rate: '0.1',
      data: '',
      from: null,
      steps: 0,
      tlog: false,
    });
    expect(Object.keys(DEFAULT_STATE.values)).toEqual(['x1', 'x2']);
    expect(Object.isFrozen(DEFAULT_STATE)).toBe(true);
    expect(encode(DEFAULT_STATE)).toBe(
      'v=1&f=ln(x1)%20%2B%20x1*x2%20-%20sin(x2)&at=x1:2,x2:5&seed=x1&step=0',
    );
  });
});

describe('encode', () => {
  it('writes the keys in schema order, leaving out nulls, empty values and merge=1', () => {
    const full = state({
      text: 'a',
      values: makeValues([['x', '1']]),
      seed: 'x',
      adjointSeed: 'y',
      step: 3,
      merge: false,
    });
    expect(encode(full)).toBe('v=1&f=a&at=x:1&seed=x&aseed=y&step=3&merge=0');
    expect(encode(state({ text: 'a', seed: null, step: 0 }))).toBe('v=1&f=a&step=0');
  });

  it('escapes what URLSearchParams would misread and keeps the formula readable', () => {
    expect(encode(state({ text: 'x^2 + y/z, a;b\n#%&=' }))).toBe(
      'v=1&f=x%5E2%20%2B%20y/z,%20a%3Bb%0A%23%25%26%3D&seed=x1&step=0',
    );
    expect(encode(state({ text: "-x1*(x2)!~_.'" }))).toContain("f=-x1*(x2)!~_.'&");
  });

  it('escapes , : and % inside input values so they survive', () => {
    const s = state({
      values: makeValues([
        ['a', '1,5'],
        ['b', 'c:d'],
        ['c', '1e+3'],
        ['d', '50%'],
      ]),
    });
    expect(encode(s)).toContain('&at=a:1%252C5,b:c%253Ad,c:1e%2B3,d:50%2525&');
    expect(decode(encode(s)).state.values).toEqual({ a: '1,5', b: 'c:d', c: '1e+3', d: '50%' });
  });

  it('never throws, even on lone surrogates, and writes U+FFFD for them', () => {
    const s = state({ text: 'a\ud800b\udc00', values: makeValues([['x', '\udfff']]) });
    expect(decode(encode(s)).state.text).toBe('a\ufffdb\ufffd');
    expect(decode(encode(s)).state.values).toEqual({ x: '\ufffd' });
  });

  it('normalises a step that is not a whole number in range', () => {
    for (const [step, written] of [
      [-3, '0'],
      [Number.NaN, '0'],
      [2.7, '2'],
      [1e12, String(MAX_STEP)],
    ] as const) {
      expect(encode(state({ text: 'a', step }))).toContain(`&step=${written}`);
    }
  });
});

describe('properties', () => {
  it('round-trips every valid state that fits in a link (decode ∘ encode = id)', () => {
    fc.assert(
      fc.property(stateArb, (s) => {
        const link = encode(s);
        fc.pre(link.length <= MAX_LINK_LENGTH);
        expect(link).not.toContain('+');
        const result = decode(link);
        expect(result).toEqual({ state: s, problems: [], fallback: false });
        expect(Object.keys(result.state.values)).toEqual(Object.keys(s.values));
        expect(decode(`#${link}`).state).toEqual(s);
      }),
      { numRuns: 10_000 },
    );
  });

  it('writes URLSearchParams text: a standard reader gets back the same expression and seeds', () => {
    fc.assert(
      fc.property(stateArb, (s) => {
        const params = new URLSearchParams(encode(s));
        expect(params.get('v')).toBe(String(LINK_VERSION));
        expect(params.get('f')).toBe(s.text);
        expect(params.get('seed')).toBe(s.seed);
        expect(params.get('aseed')).toBe(s.adjointSeed);
        expect(params.get('step')).toBe(String(s.step));
      }),
      { numRuns: 2_000 },
    );
  });

  it('rejects, whole, a state whose link would be too long', () => {
    const s = state({ text: '\u4e00'.repeat(MAX_TEXT_LENGTH) }); // 9 characters each when encoded
    expect(encode(s).length).toBeGreaterThan(MAX_LINK_LENGTH);
    expectFallback(encode(s), 'too-large', /too large .*65,536/);
  });

  it('never throws on arbitrary strings and always returns a usable state', () => {
    for (const strings of [fc.string(), fc.string({ unit: 'binary' }), anyUnits]) {
      fc.assert(
        fc.property(strings, (text) => {
          expectUsable(decode(text));
          expectUsable(decode(`#${text}`));
          expectUsable(decode(`#v=1&${text}`));
        }),
        { numRuns: 10_000 },
      );
    }
  });

  it('never throws on damaged valid links and always returns a usable state', () => {
    fc.assert(
      fc.property(mutatedLink, (link) => expectUsable(decode(link))),
      { numRuns: 10_000 },
    );
  });

  it('never touches Object.prototype, whatever the link', () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    fc.assert(
      fc.property(mutatedLink, (link) => {
        decode(link.replace(/x1|seed|at/g, '__proto__'));
      }),
      { numRuns: 2_000 },
    );
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
  });
});

/** One block per row of BAD_INPUTS.md, "Links (the fragment is untrusted input)". */
describe('BAD_INPUTS.md: Links', () => {
  it('none or "#": the default example, no message', () => {
    for (const fragment of ['', '#', '&', '#&&']) {
      expect(decode(fragment)).toEqual({ state: DEFAULT_STATE, problems: [], fallback: false });
    }
  });

  it('"#v=99&…": "This link is from a newer version", default example', () => {
    expectFallback('#v=99&f=x&step=2', 'newer-version', /^This link is from a newer version of Wengert/);
    expectFallback('v=2', 'newer-version', /newer version/);
    // A newer format may encode differently: it is named as newer, not as damaged.
    expectFallback('#f=%ZZ&v=3&new=thing', 'newer-version', /newer version/);
  });

  it('undecodable percent-encoding: "This link is damaged", default example', () => {
    for (const fragment of [
      '#v=1&f=%ZZ',
      '#v=1&f=x%',
      '#v=1&f=%E0%A4%A', // truncated UTF-8
      '#v=1&f=%C3%28', // invalid UTF-8
      '#v=1&f=%ED%A0%80', // an encoded lone surrogate
      '#v=1&f=x&%FF=1', // a key
      '#v=1&f=x&at=x1:%25ZZ', // a value inside "at"
    ]) {
      expectFallback(fragment, 'damaged', /^This link is damaged/);
    }
  });

  it('garbage: "This link is damaged", default example', () => {
    for (const fragment of [
      '#hello',
      '#<script>alert(1)</script>',
      '#/some/route',
      '#main',
      '#f=x&at=x1:2', // no version
      '#v=&f=x',
      '#v=0&f=x',
      '#v=1.0&f=x',
      '#v=abc&f=x',
      '#v=1', // no expression
    ]) {
      expectFallback(fragment, 'damaged', /^This link is damaged/);
    }
  });

  it('decodes, but the expression has a syntax error: the text is loaded for the editor', () => {
    for (const text of ['2 +', '((x1)', 'sin x1', '2x1', '\\href{javascript:alert(1)}{x}', '', '   ']) {
      const s = state({ text });
      expect(decode(encode(s))).toEqual({ state: s, problems: [], fallback: false });
    }
    expect(decode('#v=1&f=2%20%2B&at=x1:2').state.text).toBe('2 +');
  });

  it('over a size limit: rejected with a message naming the limit, default example', () => {
    expectFallback(
      `#v=1&f=${'x'.repeat(MAX_LINK_LENGTH)}`,
      'too-large',
      /too large \(65,5\d\d characters; the limit is 65,536\)/,
    );
    expectFallback(`v=1&f=${'x'.repeat(MAX_TEXT_LENGTH + 1)}`, 'too-large', /too long .*the limit is 20,000/);
    expect(decode(`v=1&f=${'x'.repeat(MAX_TEXT_LENGTH)}`).fallback).toBe(false);
    // The limit is on the fragment, '#' excluded: a link of exactly the limit is read.
    const exact = `v=1&f=${'x'.repeat(MAX_LINK_LENGTH - 6 - '&at=x1:'.length - 1)}&at=x1:2`;
    expect(exact.length).toBe(MAX_LINK_LENGTH);
    // (It is then refused for its expression, which is over MAX_TEXT_LENGTH, not for its length.)
    expectFallback(
      `#${exact}`,
      'too-large',
      /^The expression in this link is too long \(65,5\d\d characters/,
    );
  });

  it('duplicate keys: the first counts, with a notice; the rest of the link applies', () => {
    const result = decode('#v=1&f=a&f=b&step=2&step=9&at=x1:1,x1:5&seed=x1');
    expect(result.fallback).toBe(false);
    expect(result.state).toEqual(
      state({ text: 'a', step: 2, values: makeValues([['x1', '1']]), seed: 'x1' }),
    );
    expect(result.problems).toEqual([
      { kind: 'ignored', message: 'Ignored repeated values for "x1": the first one counts.' },
      { kind: 'ignored', message: 'Ignored repeated link keys: "f", "step" (the first one counts).' },
    ]);
  });

  it('unknown keys: ignored, with a notice', () => {
    const result = decode('#v=1&f=a&theme=dark&zoom=2&step=1');
    expect(result.state).toEqual(state({ text: 'a', step: 1, seed: null }));
    expect(result.problems).toEqual([
      { kind: 'ignored', message: 'Ignored unknown link keys: "theme", "zoom".' },
    ]);
  });

  it('"at" entries that are not name:value: ignored, with a notice', () => {
    const result = decode('#v=1&f=a&at=x1:2,1x:3,x-y:4,noColon,,%D1%851:5,x2:');
    expect(result.fallback).toBe(false);
    expect(result.state.values).toEqual({ x1: '2', x2: '' });
    expect(result.problems).toEqual([
      {
        kind: 'ignored',
        message: 'Ignored input values that are not name:value: "1x:3", "x-y:4", "noColon", "", "х1:5".',
      },
    ]);
  });

  it('"at" naming unknown inputs: ignored with a notice once the expression is parsed', () => {
    const { state: linked } = decode('#v=1&f=x1*x2&at=x1:2,x9:4,x2:5&seed=x9&aseed=z');
    const result = reconcile(linked, { inputs: ['x1', 'x2'], outputs: ['y'] });
    expect(result.state).toEqual({ ...linked, values: { x1: '2', x2: '5' }, seed: null, adjointSeed: null });
    expect(Object.getPrototypeOf(result.state.values)).toBe(null);
    expect(result.problems.map((p) => p.kind)).toEqual(['ignored', 'ignored', 'ignored']);
    expect(result.problems[0]!.message).toBe('Ignored values for "x9": the expression has no such input.');
    expect(reconcile(PAPER, { inputs: ['x1', 'x2'], outputs: ['y'] })).toEqual({
      state: PAPER,
      problems: [],
    });
  });

  it('step=-5, step=abc, fractional or huge steps: ignored or clamped, with a notice', () => {
    const cases: [string, number, string | null][] = [
      ['-5', 0, 'clamped'],
      ['abc', 0, 'ignored'],
      ['', 0, 'ignored'],
      ['1e3', 0, 'ignored'],
      ['0x10', 0, 'ignored'],
      ['+5', 0, 'ignored'], // an unencoded '+' is a space
      ['Infinity', 0, 'ignored'],
      ['2.5', 2, 'clamped'],
      ['99999999999999999999999', MAX_STEP, 'clamped'],
      [String(MAX_STEP + 1), MAX_STEP, 'clamped'],
      [String(MAX_STEP), MAX_STEP, null],
      ['007', 7, null],
      ['3.0', 3, null],
      ['-0', 0, null],
    ];
    for (const [text, step, kind] of cases) {
      const result = decode(`#v=1&f=a&seed=x1&step=${text}`);
      expect(result.fallback, text).toBe(false);
      expect(result.state, text).toEqual(state({ text: 'a', seed: 'x1', step }));
      expect(
        result.problems.map((p) => p.kind),
        text,
      ).toEqual(kind === null ? [] : [kind]);
    }
    expect(decode('#v=1&f=a&step=-5').problems[0]!.message).toBe(
      'The step "-5" is negative; showing step 0.',
    );
  });

  it('bad seeds and merge flags: ignored, with a notice', () => {
    const result = decode('#v=1&f=a&seed=x%201&aseed=1y&merge=no');
    expect(result.state).toEqual(state({ text: 'a', seed: null, adjointSeed: null, merge: true }));
    expect(result.problems.map((p) => p.kind)).toEqual(['ignored', 'ignored', 'ignored']);
    expect(decode('#v=1&f=a&merge=0').state.merge).toBe(false);
    expect(decode('#v=1&f=a&merge=1').state.merge).toBe(true);
  });

  it('keys or values like __proto__ and constructor: plain data; no prototype is touched', () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const result = decode(
      '#v=1&f=constructor&__proto__=1&constructor=2&prototype=3' +
        '&at=constructor:3,toString:4,__proto__:5,hasOwnProperty:6,valueOf:%7B%7D&seed=constructor&aseed=__proto__',
    );
    expect(result.fallback).toBe(false);
    expect(result.state.text).toBe('constructor');
    expect(Object.getPrototypeOf(result.state.values)).toBe(null);
    expect(Object.entries(result.state.values)).toEqual([
      ['constructor', '3'],
      ['toString', '4'],
      ['hasOwnProperty', '6'],
      ['valueOf', '{}'],
    ]);
    expect(result.state.seed).toBe('constructor');
    expect(result.state.adjointSeed).toBe(null);
    expect(result.problems.map((p) => p.message)).toEqual([
      'Ignored input values that are not name:value: "__proto__:5".',
      'Ignored the adjoint seed "__proto__": not a name.',
      'Ignored unknown link keys: "__proto__", "constructor", "prototype".',
    ]);
    // Missing names stay missing: nothing is inherited.
    expect(decode('#v=1&f=a').state.values['constructor']).toBe(undefined);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>)['1']).toBe(undefined);
  });

  it('a "+" in f that arrived unencoded reads as a space, as URLSearchParams reads it', () => {
    const link = 'v=1&f=x1+x2&at=x1:2,x2:5';
    expect(decode(link).state.text).toBe('x1 x2');
    expect(decode(link).state.text).toBe(new URLSearchParams(link).get('f'));
    // Links the app makes always write '+' as %2B.
    expect(encode(state({ text: 'x1+x2' }))).toMatch(/^v=1&f=x1%2Bx2&/);
  });

  it('accepts the fragment with or without the leading "#"', () => {
    expect(decode(CONTRACT_LINK.slice(1))).toEqual(decode(CONTRACT_LINK));
  });

  it('makes values records without a prototype, the first of repeated names counting', () => {
    const values = makeValues([
      ['constructor', '1'],
      ['x', '2'],
      ['constructor', '3'],
    ]);
    expect(Object.getPrototypeOf(values)).toBe(null);
    expect(Object.entries(values)).toEqual([
      ['constructor', '1'],
      ['x', '2'],
    ]);
  });

  it('never half-applies, and a fallback state is a fresh copy', () => {
    const result = decode('#v=1&f=x%ZZ&at=a:1&step=3');
    expect(result.state).toEqual(DEFAULT_STATE);
    expect(result.state).not.toBe(DEFAULT_STATE);
    result.state.values['x1'] = '99';
    expect(DEFAULT_STATE.values['x1']).toBe('2');
  });
});

describe('teaching keys: view, dual, mode, fdx, h, jdir, jcot', () => {
  const link = (extra: string) => `#v=1&f=a*b&at=a:1,b:2${extra}`;

  it('reads and writes each key, leaving defaults out of the link', () => {
    const s = state({
      text: 'a*b',
      seed: null,
      view: 'fd',
      dual: true,
      mode: 'forward',
      fdx: 'b',
      h: -7.5,
      jdir: [1, -0.5],
      jcot: [2],
    });
    expect(encode(s)).toBe('v=1&f=a*b&step=0&view=fd&dual=1&mode=forward&fdx=b&h=-7.5&jdir=1,-0.5&jcot=2');
    expect(decode(encode(s))).toEqual({ state: s, problems: [], fallback: false });
    expect(encode(state({ text: 'a*b', seed: null }))).toBe('v=1&f=a*b&step=0');
  });

  it('keeps old links meaning what they meant: no new key means the trace, the tour, h = 1e-5', () => {
    const { state: s, problems } = decode(CONTRACT_LINK);
    expect(problems).toEqual([]);
    expect([s.view, s.dual, s.mode, s.fdx, s.h, s.jdir, s.jcot]).toEqual([
      'trace',
      false,
      'tour',
      null,
      -5,
      null,
      null,
    ]);
  });

  it('ignores or clamps bad values with a notice and applies the rest', () => {
    const {
      state: s,
      problems,
      fallback,
    } = decode(
      link('&view=plot&dual=yes&mode=backward&fdx=1x&h=-40&jdir=1,two&jcot=' + '1,'.repeat(70) + '1'),
    );
    expect(fallback).toBe(false);
    expect(s.text).toBe('a*b');
    expect([s.view, s.dual, s.mode, s.fdx, s.h, s.jdir, s.jcot]).toEqual([
      'trace',
      false,
      'tour',
      null,
      -16,
      null,
      null,
    ]);
    const text = problems.map((p) => p.message).join('\n');
    for (const word of ['view=', 'dual=', 'mode=', 'finite-difference input', 'h=', 'direction', 'cotangent'])
      expect(text).toContain(word);
    expect(decode(link('&h=0')).state.h).toBe(-1);
    expect(decode(link('&h=abc')).state.h).toBe(-5);
  });

  it('drops fdx, jdir and jcot that do not fit the expression, with a notice', () => {
    const s = state({ text: 'a*b', seed: null, fdx: 'z', jdir: [1, 2, 3], jcot: [1, 1] });
    const fitted = reconcile(s, { inputs: ['a', 'b'], outputs: ['y'] });
    expect([fitted.state.fdx, fitted.state.jdir, fitted.state.jcot]).toEqual([null, null, null]);
    expect(fitted.problems).toHaveLength(3);
    const kept = reconcile(state({ seed: null, fdx: 'b', jdir: [1, 2], jcot: [3] }), {
      inputs: ['a', 'b'],
      outputs: ['y'],
    });
    expect([kept.state.fdx, kept.state.jdir, kept.state.jcot]).toEqual(['b', [1, 2], [3]]);
    expect(kept.problems).toEqual([]);
  });
});

describe('training links: a tampered run gives one notice that says what is wrong', () => {
  const LINE = '#v=1&f=(w*x%20%2B%20b%20-%20t)%5E2&at=b:0,t:1.1,w:0,x:0&view=train&train=w,b';
  /** The notices of opening `link`, as the page gets them: decode, then fit to the expression. */
  const open = (link: string) => {
    const decoded = decode(link);
    const fitted = reconcile(decoded.state, { inputs: ['b', 't', 'w', 'x'], outputs: ['y'] });
    return { state: fitted.state, messages: [...decoded.problems, ...fitted.problems].map((p) => p.message) };
  };

  it('a sound run is kept without notices', () => {
    const { state: s, messages } = open(`${LINE}&from=w:0.5,b:0&steps=3`);
    expect(messages).toEqual([]);
    expect([s.from, s.steps]).toEqual([{ w: '0.5', b: '0' }, 3]);
  });

  it('a start that is not a number (from=w:abc) drops the run with a notice naming it', () => {
    const { state: s, messages } = open(`${LINE}&from=w:abc,b:0&steps=3`);
    expect([s.from, s.steps]).toEqual([null, 0]);
    expect(messages).toEqual([
      'Ignored the training run in this link: its start for "w" is "abc", not a number.',
    ]);
    expect(open(`${LINE}&from=w:,b:1e999&steps=3`).messages).toEqual([
      'Ignored the training run in this link: its start for "w" is "", not a number.',
    ]);
  });

  it.each(['-5', '1e9', 'abc', '100001', '2.5'])(
    'steps=%s with a start: one notice, about the steps',
    (steps) => {
      const { state: s, messages } = open(`${LINE}&from=w:0,b:0&steps=${steps}`);
      expect([s.from, s.steps]).toEqual([null, 0]);
      expect(messages).toEqual([
        `Ignored the training run in this link: steps="${steps}" is not a whole number from 0 to 100,000.`,
      ]);
    },
  );

  it('bad steps without a start: the one notice about the steps, as before', () => {
    expect(open(`${LINE}&steps=-5`).messages).toEqual([
      'Ignored steps="-5": the steps of a run are a whole number from 0 to 100,000.',
    ]);
  });

  it('a start without steps, or steps without a start: the notice that one is missing', () => {
    for (const tail of ['&from=w:0,b:0', '&steps=3', '&from=w:0&steps=3'])
      expect(open(`${LINE}${tail}`).messages).toEqual([
        'Ignored the training run in this link: its start or its steps are missing.',
      ]);
  });
});
