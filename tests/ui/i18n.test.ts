/**
 * The two languages: the dictionaries have the same keys, no empty strings and the same placeholders;
 * and every message the core and the link codec can produce (generated here, not listed by hand) is
 * translated into Chinese by the pattern table, with no English left over.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  analyzeText,
  MAX_DATA_ROWS,
  MAX_DATA_TEXT,
  parseData,
  train,
  buildTrace,
  checkAnswer,
  compile,
  jacobianCosts,
  nodeNotes,
  parseValue,
  ruleFor,
  RULES,
  STRONG_ZERO,
  MAX_NESTING_DEPTH,
  MAX_OPERATIONS,
  type Tape,
  type TraceOptions,
} from '../../src/core/index';
import { readdirSync, readFileSync } from 'node:fs';
import { en as enPage } from '../../src/i18n/en';
import { enLater } from '../../src/i18n/en.later';
import { enPanels } from '../../src/i18n/en.panels';
import { EXAMPLES_ZH } from '../../src/i18n/examples.zh';
import {
  browserLang,
  exampleText,
  hasLang,
  loadLang,
  resolveLang,
  translate,
  translateMessage,
  translator,
  type MessageKey,
} from '../../src/i18n/index';
import { KNOWN_RULE_WORDS, MESSAGES_ZH } from '../../src/i18n/messages.zh';
import { zh } from '../../src/i18n/zh';
import {
  decode,
  reconcile,
  makeValues,
  nameShownStep,
  shareable,
  DEFAULT_STATE,
  MAX_LINK_LENGTH,
  MAX_TEXT_LENGTH,
} from '../../src/state/urlCodec';
import { EXAMPLES } from '../../src/ui/examples';

/** Every English string: the page's and the teaching panels' (which load with the panels). */
const en: Record<MessageKey, string> = { ...enPage, ...enPanels, ...enLater };

/** Names used in `{name}` and `{name|one|other}`; the second set only in plural choices. */
function placeholders(template: string): { plain: Set<string>; plural: Set<string> } {
  const plain = new Set<string>();
  const plural = new Set<string>();
  for (const m of template.matchAll(/\{(\w+)(\|[^{}]*)?\}/g)) (m[2] ? plural : plain).add(m[1]!);
  return { plain, plural };
}

/** English words that must not survive in Chinese text (names, numbers and formulas may). */
const BLACKLIST = [
  'the',
  'is',
  'are',
  'of',
  'and',
  'with',
  'from',
  'to',
  'at',
  'by',
  'not',
  'must',
  'needs',
  'write',
  'expected',
  'ignored',
  'link',
  'step',
  'input',
  'inputs',
  'output',
  'outputs',
  'sweep',
  'sweeps',
  'mode',
  'expression',
  'number',
  'character',
  'function',
  'seed',
  'showing',
  'default',
  'example',
  'unexpected',
  'missing',
  'operator',
  'chain',
  'rule',
  'contribution',
  'pushes',
  'adjoint',
  'tangent',
  'used',
  'now',
  'convention',
  'domain',
  'overflow',
  'division',
  'zero',
  'near',
  'pole',
  'derivative',
  'argument',
  'differentiable',
  'negative',
  'exponent',
  'cheaper',
  'operations',
  'gradient',
  'forward',
  'reverse',
  'neither',
  'both',
  'enter',
  'unknown',
  'nested',
  'deeply',
  'limit',
  'large',
  'long',
  'damaged',
  'newer',
  'version',
  'first',
  'twice',
  'times',
  'here',
  'one',
  'per',
  'whole',
  'entries',
  'evaluating',
  'type',
];
const BLACK = new RegExp(`\\b(${BLACKLIST.join('|')})\\b`, 'i');

/** Leftover English in a translated message, after taking out what it quotes and link keys (`mode=`). */
function leftover(text: string): string | null {
  const unquoted = text
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/'[^']*'/g, "''")
    .replace(/\b\w+=/g, '=');
  return BLACK.exec(unquoted)?.[0] ?? null;
}

/** Every message form of training: data errors, divergence and stops, the link's training keys. */
function trainMessages(): string[] {
  const inputs = ['b', 't', 'w', 'x'];
  const dataError = (text: string) => {
    const r = parseData(text, inputs, ['b', 'w']);
    return r.ok ? [] : [r.error.message];
  };
  const big = 'x,t\n' + Array.from({ length: MAX_DATA_ROWS + 1 }, () => '1,2').join('\n');
  const messages = [
    ...[
      'x,\n1,2',
      '1,2\n1,2',
      '"x"\n1',
      'x,w\n1,2',
      'x,z\n1,2',
      'x,x\n1,2',
      big,
      'x,t\n1',
      'x,t\n1,2,3',
      'x,t\n',
    ].flatMap(dataError),
    ...parseDataNoData(),
  ].filter((m) => m !== '');
  const info = (text: string) => {
    const a = analyzeText(text);
    if (!a.ok) throw new Error(a.error.message);
    return a.info;
  };
  const stops = [
    train({ info: info('1e300*(w - 2)^2'), x: [0], params: [0], rate: 1 }, { steps: 3 }).diverged,
    train({ info: info('w^2'), x: [1], params: [0], rate: 1.5 }, { steps: 40 }).diverged,
    train({ info: info('(w - 2)^2'), x: [0], params: [0], rate: 0.25 }, { steps: 100, untilConverged: true })
      .stopped,
    train({ info: info('(w - 2)^2'), x: [0], params: [0], rate: 0.25 }, { steps: 100, budget: 5 }).stopped,
    train({ info: info('ln(w)*0 + w*w'), x: [Infinity], params: [0], rate: 0.1 }, { steps: 1 }).diverged,
    train(
      { info: info('r = w\nwhile r < 1e9 { r = r*2 }\nreturn r'), x: [1e-300], params: [0], rate: 0.1 },
      { steps: 1 },
    ).stopped,
    // A loss made NaN or infinite by one operation (named, with its note and data row), and a
    // parameter made infinite by an infinite slope.
    train({ info: info('sqrt(w) + w^2'), x: [1], params: [0], rate: 1 }, { steps: 3 }).diverged,
    train({ info: info('1/w'), x: [0], params: [0], rate: 1 }, { steps: 1 }).diverged,
    train(
      { info: info('ln(w*x)'), x: [1, 0], params: [0], rate: 0.1, data: { names: ['x'], rows: [[1], [-2]] } },
      { steps: 1 },
    ).diverged,
    train({ info: info('sqrt(w)'), x: [0], params: [0], rate: 0.5 }, { steps: 3 }).diverged,
    train({ info: info('ln(w)'), x: [1], params: [0], rate: 1 }, { steps: 1 }).diverged,
  ].map((s) => s?.message ?? '');
  const linkProblems = [
    decode('v=1&f=w&train=1a'),
    decode('v=1&f=w&rate=' + '1'.repeat(1001)),
    decode('v=1&f=w&data=' + 'x'.repeat(MAX_DATA_TEXT + 1)),
    decode('v=1&f=w&steps=-1'),
  ].flatMap((d) => d.problems.map((p) => p.message));
  const fitted = [
    'v=1&f=w&train=w,q&steps=3',
    'v=1&f=w&train=w&from=w:abc&steps=3',
    'v=1&f=w&train=w&from=w:1&steps=-5',
  ].flatMap((link) => {
    const decoded = decode(link);
    const problems = [
      ...decoded.problems,
      ...reconcile(decoded.state, { inputs: ['w'], outputs: ['y'] }).problems,
    ];
    return problems.map((p) => p.message);
  });
  const tooLong = shareable({ ...decode('v=1&f=w').state, data: 'x\n' + '1\n'.repeat(40_000) });
  return [
    ...messages,
    ...stops,
    ...linkProblems,
    ...fitted,
    ...(tooLong.ok ? [] : [tooLong.problem.message]),
  ];
}

function parseDataNoData(): string[] {
  const r = parseData('x,t\n1,2', ['b', 'w', 'x', 't'], ['t']);
  return r.ok ? [] : [r.error.message];
}

beforeAll(async () => {
  // Chinese is a separate chunk: until it has loaded, zh reads as English.
  expect(hasLang('zh')).toBe(false);
  expect(translate('zh', 'tab.jacobian')).toBe('Jacobian');
  await loadLang('zh');
  expect(hasLang('zh')).toBe(true);
});

describe('the dictionaries', () => {
  const enKeys = Object.keys(en).sort();
  const zhKeys = Object.keys(zh).sort();

  it('have exactly the same keys', () => {
    expect(zhKeys).toEqual(enKeys);
  });

  it('have no empty strings', () => {
    for (const k of enKeys) {
      expect(en[k as MessageKey].trim(), k).not.toBe('');
      expect(zh[k as MessageKey].trim(), k).not.toBe('');
    }
  });

  it('use every English placeholder in Chinese, and no other', () => {
    for (const k of enKeys as MessageKey[]) {
      const e = placeholders(en[k]);
      const z = placeholders(zh[k]);
      // A name that English uses only to choose a plural form may be left out of Chinese.
      for (const name of e.plain)
        expect(z.plain.has(name) || z.plural.has(name), `${k}: {${name}}`).toBe(true);
      for (const name of [...z.plain, ...z.plural])
        expect(e.plain.has(name) || e.plural.has(name), `${k}: {${name}} is not English's`).toBe(true);
    }
  });

  it('say everything in Chinese that is not a name, a symbol or a format', () => {
    const changed = enKeys.filter((k) => en[k as MessageKey] !== zh[k as MessageKey]);
    // Same in both: placeholders around symbols only (` · ẋ = e({x})`, `÷ 0`).
    const same = enKeys.filter((k) => !changed.includes(k));
    for (const k of same) expect(en[k as MessageKey], k).not.toMatch(/[A-Za-z]{3,}/);
    for (const k of enKeys) {
      const text = zh[k as MessageKey].replace(/\{[^{}]*\}/g, '');
      expect(leftover(text), `${k}: ${zh[k as MessageKey]}`).toBe(null);
    }
    // Changed strings are Chinese, or a format with no words (`{done} / {total}` for `{done} of {total}`).
    for (const k of changed)
      expect(zh[k as MessageKey].replace(/\{[^{}]*\}/g, ''), k).toMatch(/[\u4e00-\u9fff]|^[\s/·]*$/);
  });

  it('keep in en.panels.ts only strings the teaching panels alone show (they load with the panels)', () => {
    const panels =
      /src\/ui\/teach\/(JacobianPanel|FiniteDiffPanel|SymbolicPanel|TrainPanel|DerivativePicker)\.tsx$/;
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
        d.isDirectory() ? files(`${dir}/${d.name}`) : /\.tsx?$/.test(d.name) ? [`${dir}/${d.name}`] : [],
      );
    const elsewhere = files('src')
      .filter((f) => !panels.test(f) && !f.startsWith('src/i18n/'))
      .map((f) => [f, readFileSync(f, 'utf8')] as const);
    for (const key of Object.keys(enPanels))
      for (const [f, text] of elsewhere)
        expect(
          ["'", '"', '`'].some((q) => text.includes(`${q}${key}${q}`)),
          `${key} in ${f}`,
        ).toBe(false);
    const prefixes = [...new Set(Object.keys(enPanels).map((k) => k.split('.')[0]!))];
    for (const [f, text] of elsewhere)
      for (const p of prefixes) expect(text.includes(`\`${p}.\${`), `${p}.… built in ${f}`).toBe(false);
  });

  it('fill placeholders and choose English plurals', () => {
    expect(translate('en', 'results.forward', { done: 1, n: 1 })).toBe('forward mode · 1 of 1 sweep');
    expect(translate('en', 'results.forward', { done: 1, n: 3 })).toBe('forward mode · 1 of 3 sweeps');
    expect(translate('zh', 'results.forward', { done: 1, n: 3 })).toBe('前向模式 · 已完成 1/3 次扫描');
    expect(translate('en', 'timeline.step', { step: 4, last: 12 })).toBe('Step 4 of 12');
    expect(translate('zh', 'timeline.step', { step: 4, last: 12 })).toBe('第 4 步，共 12 步');
    // A missing parameter stays visible rather than silently empty.
    expect(translate('en', 'timeline.step', { step: 4 })).toBe('Step 4 of {last}');
    expect(translator('zh')('tab.jacobian')).toBe('雅可比矩阵');
  });

  it('translate every example title and lesson', () => {
    expect(Object.keys(EXAMPLES_ZH).sort()).toEqual(EXAMPLES.map((e) => e.title).sort());
    for (const e of EXAMPLES) {
      const z = exampleText('zh', e);
      expect(z.title).toMatch(/[\u4e00-\u9fff]/);
      expect(z.lesson).toMatch(/[\u4e00-\u9fff]/);
      expect(leftover(z.lesson), z.lesson).toBe(null);
      expect(exampleText('en', e)).toEqual({ title: e.title, lesson: e.lesson });
    }
  });
});

describe('choosing the language', () => {
  it("takes the link's language first, then the browser's", () => {
    expect(resolveLang('zh', ['en-US'])).toBe('zh');
    expect(resolveLang('en', ['zh-CN'])).toBe('en');
    expect(resolveLang(null, ['zh-CN', 'en'])).toBe('zh');
    expect(resolveLang(null, ['zh-Hans-CN'])).toBe('zh');
    expect(resolveLang(null, ['zh-TW'])).toBe('zh');
    expect(resolveLang(null, ['en-GB', 'zh-CN'])).toBe('en');
    expect(resolveLang(null, ['fr-FR', 'zh'])).toBe('zh');
    expect(browserLang(['de-DE'])).toBe('en');
    expect(browserLang([])).toBe('en');
  });
});

// ---------------------------------------------------------------------------------------------------
// Every message the core and the codec can produce

/** The texts of BAD_INPUTS.md "Expression text" (tests/core/parser.test.ts) and the other error forms. */
const BAD_TEXTS = [
  '2 +',
  '2 + * 3',
  '((x1)',
  'x1)',
  '',
  '   ',
  '2x1',
  '3(x+1)',
  'sin x1',
  'sin(x1, x2)',
  'foo(x1)',
  '\u04451',
  '\uff581',
  'x1\u200b + 1',
  '\u{1d465}1 + x1',
  '\u2212x1',
  'x1\u00d7x2',
  'x1\u00b7x2',
  '\\href{javascript:alert(1)}{x}',
  'x1 % 2',
  'x1 # 2',
  '{x1}',
  '$x1$',
  '1e309',
  '0x1F',
  '1_000',
  '2..3',
  '1,5',
  'x*1,5',
  '__proto__',
  'x_1',
  // Other forms the parser and the tape produce
  '2^3^2',
  'sin = x',
  'pi = x',
  'y = x; y = 2*x',
  'y = z; z = x',
  'x + 1e',
  'x + 1e+',
  'x + 0b101',
  'x + .',
  'y = ',
  'x = 2; y = x',
  'y = 2; z = x',
  // A constant on the path taken (x = 1 when no values are given).
  'if x > 0 { y = 0 } else { y = x*x }\nreturn y',
  'x; 2 + 3',
  'max(x)',
  'max x',
  'atan2(x, 1, 2)',
  'x1 x2',
  '()',
  'x = = 2',
  '2 = x',
  'x,1',
  '(x,1)',
  'pi(x)',
  'x^',
  'x +;',
  `${'('.repeat(MAX_NESTING_DEPTH + 1)}x${')'.repeat(MAX_NESTING_DEPTH + 1)}`,
  Array.from({ length: MAX_OPERATIONS + 2 }, () => 'x').join('+'),
  'x+'.repeat(50_000),
  'x（1）',
  '1e-400*x + x',
  // Programs (CONTRACTS §1b): the parser, the analysis and running on x = 1
  'Sin(x)',
  'if x > 0 y = x',
  'if x > 0 {',
  'if x > 0 { y = x',
  'y = x }',
  'return x\ny = x',
  'if x > 0 { return x }',
  'else { y = x }',
  'if = x',
  'if*2',
  'y = x > 2',
  'for sin in 1..2 { y = x }',
  'for pi in 1..2 { y = x }',
  'for 2 in 1..2 { y = x }',
  'for i 1..2 { y = x }',
  'for i in 1 { y = x }',
  'return',
  'if x = 2 { y = x }',
  'if x { y = x }',
  'if 1 < x < 2 { y = x }',
  'x ! 2',
  'for i in 1..3 { s = s + x }',
  'y = x\nwhile y > 1 { x = x/2 }\nreturn y',
  'for i in 1..3 { i = 2*x }\nreturn x',
  'i = x\nfor i in 1..3 { y = x }\nreturn i',
  'return x, x',
  'if x > 0 { y = x } else { y = -x }',
  'sinx + expt + lnx1',
  'y = z\nz = x',
  'for i in 1..2.5 { y = x }\nreturn y',
  'y = x\nfor i in 1..1001 { y = y*x }\nreturn y',
  'r = x\nwhile r > 0 { r = r + 1 }\nreturn r',
  'for i in 1..1000 { for j in 1..1000 { z = 1 } }\ny = x',
  'if x > 5 { z = x }\ny = z*2',
  'for i in 1..3 { y = x }\nz = i*x',
  `y = x\nfor i in 1..1000 { ${Array.from({ length: 10 }, (_, k) => `y = sin(y) + ${k}*x`).join('; ')} }\nreturn y`,
];

/** Messages of compiling the bad texts: errors and warnings. */
function compileMessages(): string[] {
  const out: string[] = [];
  for (const text of BAD_TEXTS) {
    const r = compile(text);
    if (r.ok) out.push(...r.tape.warnings.map((w) => w.message));
    else out.push(r.error.message);
  }
  return out;
}

function valueMessages(): string[] {
  return ['', '  ', 'abc', 'NaN', '1,5', '1e999', '1e-400', '-2e-999', '1'.repeat(5000)].flatMap((t) => {
    const r = parseValue('x1', t);
    return r.ok ? (r.warning ? [r.warning] : []) : [r.message];
  });
}

const tapeOf = (text: string, x?: readonly number[]): Tape => {
  const r = compile(text, x ? { x } : {});
  if (!r.ok) throw new Error(`${text}: ${r.error.message}`);
  return r.tape;
};

/** Numerics cases: every convention and numeric event of the rule table. */
const NUMERICS: readonly [string, readonly number[]][] = [
  ['sqrt(x)', [0]],
  ['ln(x)', [0]],
  ['ln(x)', [-1]],
  ['log(x)', [0]],
  ['log2(x)', [0]],
  ['log10(x)', [0]],
  ['x/y', [0, 0]],
  ['x/y', [1, 0]],
  ['exp(x)', [710]],
  // The sweeps' strong zero: alone at the product, joined to the overflow note at the exp.
  ['exp(x)*0', [710]],
  ['tan(x)', [Math.PI / 2]],
  ['abs(x)', [0]],
  ['relu(x)', [0]],
  ['max(x, y)', [1, 1]],
  ['min(x, y)', [1, 1]],
  ['x^y', [0, 0]],
  ['x^y', [-2, 0.5]],
  ['atan2(x, y)', [0, 0]],
  ['asin(x)', [2]],
  ['acos(x)', [-3]],
  ['sinh(x) * cosh(x) + tanh(x) + atan(x) + sigmoid(x) - cos(x) + sin(x)', [0.5]],
  ['x*x*x*y + x', [2, 3]],
  ['x*x*x*x*x*x*x*x*x*x*x*x*x*x + x', [1.01]],
  ['-x^2 + pow(x, 3) + 2^x + x/2 + 2/x', [1.5]],
  ['p = x; q = x; r = x', [1]],
  ['p = x*y; q = x + y', [1, 2]],
  ['p = x; q = x*y', [1, 2]],
  ['a = x; b = 2*x; c = 3*x', [1]],
  ['u = x*y*z; w = x + y', [1, 2, 3]],
  ['p = x + y; q = x - y; r = x*y', [1, 2]],
];

const OPTIONS: readonly TraceOptions[] = [
  {},
  { seed: 1 },
  { dual: true },
  { mode: 'forward' },
  { mode: 'forward', dual: true },
];

/** Programs whose decisions take every side: then, else if, else, skip, loop, exit, NaN. */
const PROGRAMS: readonly [string, readonly number[]][] = [
  ['if x > 0 { y = x } else if x < -1 { y = -x } else { y = x*x }\nreturn y', [2]],
  ['if x > 0 { y = x } else if x < -1 { y = -x } else { y = x*x }\nreturn y', [-0.5]],
  ['y = x\nif x > 0 { y = 2*x }\nreturn y', [-1]],
  ['y = x\nfor i in 1..2 { y = y*x }\nreturn y', [3]],
  ['r = a\nwhile abs(r*r - a) > 1e-12 { r = (r + a/r)/2 }\nreturn r', [2]],
  ['y = sqrt(x)\nif y > 1 { z = y } else { z = 2*y }\nreturn z', [-1]],
  ['y = sqrt(x)\nwhile y > 1 { y = y/2 }\nreturn y', [-1]],
];

/** Captions, notes, the Jacobian verdict and the quiz's rule of every trace of the cases. */
function traceMessages(): string[] {
  const out: string[] = [];
  const cases: [Tape, readonly number[]][] = [
    ...EXAMPLES.map((e): [Tape, number[]] => {
      const values = new Map(e.values);
      const x = tapeOf(e.text).inputs.map((i) => Number(values.get(i.name) ?? '1'));
      // A program is recorded at its example's values (its path depends on them).
      return [tapeOf(e.text, x), x];
    }),
    ...NUMERICS.map(([text, x]): [Tape, readonly number[]] => [tapeOf(text), x]),
    ...PROGRAMS.map(([text, x]): [Tape, readonly number[]] => [tapeOf(text, x), x]),
  ];
  for (const [tape, x] of cases) {
    out.push(jacobianCosts(tape).sentence);
    for (const options of OPTIONS) {
      for (let out_ = 0; out_ < tape.outputs.length; out_++) {
        const trace = buildTrace(tape, x, { ...options, adjointSeed: out_ });
        out.push(...trace.steps.map((s) => s.caption));
        out.push(...trace.notes.map((n) => n.message));
        out.push(...trace.steps.map((s) => ruleFor(tape, s)));
      }
    }
    out.push(...nodeNotes(tape, buildTrace(tape, x).v).map((n) => n.message));
    // The graph's frame labels that are words (`iteration 3`; `i = 2` and conditions are code).
    out.push(...(tape.groups ?? []).filter((g) => g.label.startsWith('iteration')).map((g) => g.label));
  }
  out.push(checkAnswer('two', 1).message!);
  return out;
}

/** Link problems of the fragments in tests/state/urlCodec.test.ts ("BAD_INPUTS.md: Links"). */
function linkMessages(): string[] {
  const fragments = [
    '#v=99&f=x&step=2',
    'v=2',
    '#f=%ZZ&v=3&new=thing',
    '#v=1&f=%ZZ',
    '#v=1&f=x%',
    '#v=1&f=%E0%A4%A',
    '#v=1&f=x&%FF=1',
    '#v=1&f=x&at=x1:%25ZZ',
    '#hello',
    '#<script>alert(1)</script>',
    '#f=x&at=x1:2',
    '#v=&f=x',
    '#v=0&f=x',
    '#v=abc&f=x',
    '#v=1',
    `#v=1&f=${'x'.repeat(MAX_LINK_LENGTH)}`,
    `v=1&f=${'x'.repeat(MAX_TEXT_LENGTH + 1)}`,
    '#v=1&f=a&f=b&step=2&step=9&at=x1:1,x1:5&seed=x1',
    '#v=1&f=a&theme=dark&zoom=2&step=1',
    '#v=1&f=a&k1&k2&k3&k4&k5&k6&k7',
    '#v=1&f=a&at=x1:2,1x:3,x-y:4,noColon,,%D1%851:5,x2:',
    '#v=1&f=a&step=-5',
    '#v=1&f=x+1',
    '#v=1&f=a&step=abc',
    '#v=1&f=a&step=2.5',
    '#v=1&f=a&step=99999999999999999999999',
    '#v=1&f=a&seed=x%201&aseed=1y&merge=no',
    '#v=1&f=a*b&at=a:1,b:2&view=plot&dual=yes&mode=backward&fdx=1x&h=-40&jdir=1,two&jcot=' +
      '1,'.repeat(70) +
      '1',
    '#v=1&f=a*b&h=abc&jdir=1,1e999&present=2&embed=x&quiz=yes&lang=fr',
    '#v=1&f=constructor&__proto__=1&at=__proto__:5&aseed=__proto__',
  ];
  const out = fragments.flatMap((f) => decode(f).problems.map((p) => p.message));
  // Step notices once the trace is known, and the link that cannot follow the state.
  for (const f of ['#v=1&f=a&step=' + '9'.repeat(400), '#v=1&f=a&step=30.5', '#v=1&f=a&step=1000000.5'])
    out.push(...[decode(f).problems, nameShownStep(decode(f).problems, 23)].flat().map((p) => p.message));
  for (const text of ['x'.repeat(MAX_TEXT_LENGTH + 1), '\u4e00'.repeat(MAX_TEXT_LENGTH)]) {
    const r = shareable({ ...DEFAULT_STATE, text, values: makeValues() });
    if (!r.ok) out.push(r.problem.message);
  }
  const { state } = decode('#v=1&f=x1*x2&at=x1:2,x9:4,x2:5&seed=x9&aseed=z&fdx=q&jdir=1,2,3&jcot=1,1');
  out.push(...reconcile(state, { inputs: ['x1', 'x2'], outputs: ['y'] }).problems.map((p) => p.message));
  return out;
}

describe('every message of the core and the codec, in Chinese', () => {
  const groups: Record<string, string[]> = {
    'expression text': compileMessages(),
    'input values': valueMessages(),
    'traces, notes, verdicts and quiz rules': traceMessages(),
    'link problems': linkMessages(),
    'training messages': trainMessages(),
  };

  it('generates the message forms it means to cover', () => {
    const all = Object.values(groups).flat();
    // One of each family, so that a change in the generators cannot silently test nothing.
    for (const start of [
      'Expected a value after',
      'Character U+',
      "Unknown function 'foo'",
      'Nested too deeply',
      'Expression too large',
      'Expression too long',
      "'y' does not depend",
      'does not depend on any input on the path taken',
      'unless the program ends with a return, such as return z',
      'This expression does not depend',
      'x1 needs a value',
      'x1 is too large',
      'is smaller than the smallest double',
      'sqrt is not differentiable',
      'a tie in max',
      'overflow: exp',
      'strong zero: in the derivative sweeps',
      'overflow: exp is too large for a double; strong zero: ',
      'near a pole of tan',
      'outside the domain of',
      '0/0 is undefined',
      'division by zero',
      '∂(x^y)/∂y = 0',
      'a negative base',
      'ln(0) = −∞',
      'atan2 has no derivative',
      'Seed: ',
      'Chain rule: ',
      'Seed the output',
      'Dual numbers: ',
      'Seed as a dual number',
      'and v̇1 in one step: ',
      'and v̇1 in one step, as the dual number',
      'Neither mode is cheaper here: f has 1 input and 3 outputs',
      'Neither mode is cheaper here: f has 2 inputs and 2 outputs',
      'Both modes need',
      'Reverse mode is cheaper',
      'Forward mode is cheaper',
      'the reverse sweep: add to',
      'the chain rule: ',
      'the product rule',
      'evaluating the',
      'Type a number',
      'This link is from a newer version',
      'This link is damaged',
      'This link is too large',
      'The expression in this link is too long',
      'Ignored unknown link keys',
      'Ignored repeated link keys',
      'Ignored the step',
      'has a + not written as %2B',
      'The step "-5" is negative',
      'Ignored lang=',
      'Ignored the direction vector: it has',
      'Ignored the adjoint seed',
      'x1 is too long',
      'showing the last step',
      'showing step 23',
      'The link is not updated: the expression is',
      'The link is not updated: it would be longer',
      'the first value that is not finite is v1 = sqrt(-1.5) = NaN (outside the domain of sqrt). The step from step 0',
      'v1 = 1 / 0 = Infinity (division by zero).',
      'in data row 2.',
      'at step 0 the gradient ∂L/∂w is Infinity',
      'Ignored the training run in this link: its start for "w" is "abc", not a number.',
      'Ignored the training run in this link: steps="-5" is not a whole number',
    ])
      expect(
        all.some((m) => m.startsWith(start) || m.includes(start)),
        start,
      ).toBe(true);
    expect(all.some((m) => / is used (twice|three times|\d+ times), so /.test(m))).toBe(true);
    expect(all.some((m) => / and \d+ more/.test(m))).toBe(true);
  });

  for (const [group, messages] of Object.entries(groups)) {
    it(`translates each of the ${group}, leaving no English`, () => {
      expect(messages.length).toBeGreaterThan(5);
      const untranslated = [...new Set(messages)].filter((m) => translateMessage('zh', m) === m);
      expect(untranslated).toEqual([]);
      const left = [...new Set(messages)]
        .map((m) => [m, translateMessage('zh', m)] as const)
        .filter(([, z]) => leftover(z) !== null);
      expect(left).toEqual([]);
      for (const m of messages) expect(translateMessage('en', m)).toBe(m);
    });
  }

  it('keeps names, numbers and formulas untouched', () => {
    expect(translateMessage('zh', "Missing operator between '2' and 'x1' — write 2*x1")).toBe(
      "'2' 和 'x1' 之间缺少运算符——请写成 2*x1",
    );
    expect(translateMessage('zh', 'v2 is the product of v−1 and v0: 10.')).toBe('v2 是 v−1 与 v0 的积：10。');
    expect(translateMessage('zh', 'v5 is the difference of v4 and v3: 11.652.')).toBe(
      'v5 是 v4 减 v3 的差：11.652。',
    );
    expect(
      translateMessage('zh', 'x1 is used twice, so v̄−1 collects a second contribution from v2: now 5.5.'),
    ).toBe('x1 被使用了 2 次，所以 v̄−1 从 v2 收到第 2 份贡献：现在为 5.5。');
    expect(translateMessage('zh', 'Ignored unknown link keys: "theme", "zoom".')).toBe(
      '已忽略未知的链接参数："theme", "zoom"。',
    );
  });

  it('translates the strong zero alone and joined to the note of its node', () => {
    const zh = translateMessage('zh', STRONG_ZERO);
    expect(zh).toMatch(/^强零约定：.*0 × ∞ 与 0 × NaN 得 0.*IEEE/);
    expect(translateMessage('zh', `overflow: exp is too large for a double; ${STRONG_ZERO}`)).toBe(
      `溢出：exp 的结果超出了双精度浮点数的范围；${zh}`,
    );
    expect(translateMessage('zh', `sqrt is not differentiable at 0: sqrt'(0) = +∞; ${STRONG_ZERO}`)).toBe(
      `sqrt 在 0 处不可导：sqrt'(0) = +∞；${zh}`,
    );
  });

  it('knows the words of every rule in the table', () => {
    for (const r of RULES.values()) {
      expect(KNOWN_RULE_WORDS.apply, r.name).toContain(r.words);
      expect(KNOWN_RULE_WORDS.noun, r.name).toContain(r.words);
      if (r.derivativeRule) expect(KNOWN_RULE_WORDS.derivative, r.name).toContain(r.derivativeRule);
    }
  });

  it('has anchored patterns only', () => {
    for (const [re] of MESSAGES_ZH) {
      expect(re.source.startsWith('^'), re.source).toBe(true);
      expect(re.source.endsWith('$'), re.source).toBe(true);
    }
  });

  it('leaves a message it does not know in English, unchanged', () => {
    expect(translateMessage('zh', 'Something new from the core.')).toBe('Something new from the core.');
  });
});
