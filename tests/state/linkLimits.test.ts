// Links that always reopen, and notices a hostile link cannot abuse (issue 14, items 1, 5 and 8):
// the page never writes a link that decode would refuse; a step notice names the step shown; quoted
// link text is shortened and its invisible characters are written as code points; notices are
// de-duplicated and capped.
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { MAX_VALUE_LENGTH, parseValue } from '../../src/core/index';
import { deriveModel } from '../../src/state/derive';
import { escapeInvisible, groupDigits, quote, readable } from '../../src/state/readable';
import { MAX_NOTICES, useStore } from '../../src/state/store';
import {
  decode,
  DEFAULT_STATE,
  encode,
  makeValues,
  MAX_LINK_LENGTH,
  MAX_STEP,
  MAX_TEXT_LENGTH,
  nameShownStep,
  shareable,
  type LinkState,
} from '../../src/state/urlCodec';
import { shareableLink, stateFromFragment } from '../../src/state/urlSync';

const PAPER = 'ln(x1) + x1*x2 - sin(x2)';
/** The paper's trace has 7 primal, 7 tangent and 9 adjoint steps (Tables 2 and 3). */
const PAPER_STEPS = 23;

const state = (patch: Partial<LinkState>): LinkState => ({
  ...DEFAULT_STATE,
  values: makeValues(Object.entries(DEFAULT_STATE.values)),
  ...patch,
});

beforeEach(() => useStore.getState().load(DEFAULT_STATE));

describe('the page never writes a link that decode would refuse', () => {
  it('writes an ordinary state as encode does, and it reads back', () => {
    const s = state({ text: PAPER, step: 7 });
    const link = shareable(s);
    expect(link).toEqual({ ok: true, fragment: encode(s) });
    expect(decode(link.ok ? link.fragment : '').state).toEqual(s);
  });

  it('leaves out seeds and names the expression no longer has: the link opens without a notice', () => {
    // The page opens on the paper's example (tangent seed x1); the user types another expression.
    useStore.getState().load(state({ text: PAPER, seed: 'x1', fdx: 'x2' }));
    useStore.getState().setText('sin(q)*q^3 + cos(q)/q');
    const link = shareableLink();
    expect(link.ok).toBe(true);
    const fragment = link.ok ? link.fragment : '';
    expect(new URLSearchParams(fragment).has('seed')).toBe(false);
    expect(new URLSearchParams(fragment).has('fdx')).toBe(false);
    // The same seed still names an input once the expression has it again (the store keeps it).
    useStore.getState().setText('x1*q');
    const back = shareableLink();
    expect(new URLSearchParams(back.ok ? back.fragment : '').get('seed')).toBe('x1');
    // The link written for sin(q)… opens without a notice.
    expect(decode(fragment).problems).toEqual([]);
    stateFromFragment(`#${fragment}`);
    expect(useStore.getState().notices).toEqual([]);
  });

  it('leaves out an adjoint seed that names no output of the new program', () => {
    useStore.getState().load(state({ text: 'a = x*x; b = a + 1', adjointSeed: 'b' }));
    expect(new URLSearchParams((shareableLink() as { fragment: string }).fragment).get('aseed')).toBe('b');
    useStore.getState().setText('x*2');
    const link = shareableLink();
    const fragment = link.ok ? link.fragment : '';
    expect(new URLSearchParams(fragment).has('aseed')).toBe(false);
    expect(decode(fragment).problems).toEqual([]);
  });

  it('refuses an expression over the limit, naming it, whatever its characters', () => {
    const r = shareable(state({ text: 'x'.repeat(MAX_TEXT_LENGTH + 1) }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem.message).toMatch(/20,001 characters long, over the 20,000 a link may carry/);
    // decode refuses the same text: the two limits are one.
    expect(decode(`v=1&f=${'x'.repeat(MAX_TEXT_LENGTH + 1)}`).fallback).toBe(true);
    expect(shareable(state({ text: 'x'.repeat(MAX_TEXT_LENGTH) })).ok).toBe(true);
  });

  it('refuses a state whose link would be too long, though each part is within its limit', () => {
    // 20,000 characters that take 9 each when percent-encoded (a paste from a CJK document).
    const wide = state({ text: '\u4e00'.repeat(MAX_TEXT_LENGTH) });
    expect(decode(encode(wide)).fallback).toBe(true);
    const r = shareable(wide);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem.message).toContain('longer than the 65,536 characters a link may have');
    // Many long values: refused before anything is encoded (the raw lengths already exceed the limit).
    const values = makeValues(
      Array.from({ length: 80 }, (_, i) => [`x${i}`, '1'.repeat(MAX_VALUE_LENGTH)] as const),
    );
    expect(shareable(state({ values })).ok).toBe(false);
  });

  it('property: whatever shareable writes decodes without falling back; what it refuses would fall back', () => {
    const texts = fc.oneof(
      fc.string({ maxLength: 50 }),
      fc.constantFrom('x'.repeat(MAX_TEXT_LENGTH), '\u00d7'.repeat(11_000), '\u4e00'.repeat(7_300)),
      fc.nat({ max: 30_000 }).map((n) => 'a'.repeat(n)),
    );
    const values = fc.dictionary(
      fc.stringMatching(/^[a-z][a-z0-9]{0,5}$/),
      fc.oneof(
        fc.string({ maxLength: 20 }),
        fc.nat({ max: 40_000 }).map((n) => '9'.repeat(n)),
      ),
      { maxKeys: 4 },
    );
    fc.assert(
      fc.property(texts, values, (text, vals) => {
        const s = state({ text, values: makeValues(Object.entries(vals)) });
        const r = shareable(s);
        if (r.ok) {
          expect(r.fragment.length).toBeLessThanOrEqual(MAX_LINK_LENGTH);
          expect(decode(r.fragment).fallback).toBe(false);
        } else {
          expect(decode(encode(s)).fallback).toBe(true);
        }
      }),
      { numRuns: 300, seed: 14 },
    );
  });

  it('the store: a state over a limit has no shareable link; the last good one stays in the store', () => {
    useStore.getState().setText('x'.repeat(MAX_TEXT_LENGTH + 5));
    expect(shareableLink().ok).toBe(false);
    useStore.getState().setText(PAPER);
    const back = shareableLink();
    expect(back.ok && decode(back.fragment).state.text).toBe(PAPER);
  });
});

describe('1e-400 in a value field is read as 0, with the warning the expression gives', () => {
  it('warns in the field, as the lexer does for the literal', () => {
    const r = parseValue('x1', '1e-400');
    expect(r).toEqual({
      ok: true,
      value: 0,
      warning: '1e-400 is smaller than the smallest double and is read as 0',
    });
    const m = deriveModel({ ...state({ text: 'x1*2' }), values: makeValues([['x1', '-2.5e-999']]) });
    expect(m.fields[0]!.warning).toBe('-2.5e-999 is smaller than the smallest double and is read as 0');
    expect(m.x).toEqual([0]);
    // Zero written as zero, and the smallest subnormal (5e-324 is one), are read as written.
    for (const text of ['0', '0e-400', '-0', '5e-324', '1e-300'])
      expect(parseValue('x1', text), text).not.toHaveProperty('warning');
  });

  it('refuses a value over the length limit before reading it', () => {
    expect(parseValue('x1', `0.${'1'.repeat(MAX_VALUE_LENGTH - 2)}`).ok).toBe(true);
    expect(parseValue('x1', ' '.repeat(MAX_VALUE_LENGTH + 1))).toEqual({
      ok: false,
      message: `x1 is too long: ${MAX_VALUE_LENGTH + 1} characters (limit ${MAX_VALUE_LENGTH})`,
    });
  });
});

describe('step notices name the step shown', () => {
  it('a 400-digit step: the last step, and its number once the trace is known', () => {
    const huge = '9'.repeat(400);
    const { problems } = decode(`#v=1&f=x&step=${huge}`);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toBe(
      `The step "${'9'.repeat(24)}…" is past the limit of 1,000,000; showing the last step.`,
    );
    expect(nameShownStep(problems, PAPER_STEPS)[0]!.message).toMatch(/; showing step 23\.$/);
    // A step that is not whole but within the trace keeps its number; past the end, the last step.
    const frac = decode('#v=1&f=x&step=30.5').problems;
    expect(nameShownStep(frac, 40)[0]!.message).toMatch(/not a whole number; showing step 30\.$/);
    expect(nameShownStep(frac, PAPER_STEPS)[0]!.message).toMatch(/not a whole number; showing step 23\.$/);
    expect(nameShownStep(decode('#v=1&f=x&step=-5').problems, 5)[0]!.message).toBe(
      'The step "-5" is negative; showing step 0.',
    );
  });

  it('opening such a link: the notice names the step the page shows (clampStep)', () => {
    stateFromFragment(`#v=1&f=${encodeURIComponent(PAPER)}&at=x1:2,x2:5&step=${'9'.repeat(400)}`);
    const s = useStore.getState();
    expect(s.step).toBe(MAX_STEP);
    expect(s.notices.map((n) => n.message)).toEqual([
      `The step "${'9'.repeat(24)}…" is past the limit of 1,000,000; showing step ${PAPER_STEPS}.`,
    ]);
  });
});

describe('notices: hostile text is shortened and visible; notices are de-duplicated and capped', () => {
  it('quotes link text with invisible and bidirectional characters written as code points', () => {
    const rtl = 'evil\u202egnp.exe';
    const { problems } = decode(`#v=1&f=x&${encodeURIComponent(rtl)}=1&seed=${encodeURIComponent(rtl)}`);
    const text = problems.map((p) => p.message).join('\n');
    expect(text).toContain('"evil[U+202E]gnp.exe"');
    expect(text).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200b-\u200f]/);
    expect(quote('a\u0000b\u2067c\ufeffd')).toBe('"a[U+0000]b[U+2067]c[U+FEFF]d"');
    // Never half a surrogate pair at the cut.
    expect(quote('😀'.repeat(30))).toBe(`"${'😀'.repeat(24)}…"`);
  });

  it('a 20,000-character name is quoted short, once', () => {
    const name = 'a'.repeat(20_000);
    const { problems } = decode(`#v=1&f=x&${name}=1&${'b'.repeat(20_000)}=2`);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message.length).toBeLessThan(120);
  });

  it('readable: long runs keep their ends, invisible characters are visible, and it is idempotent', () => {
    const message = `Unknown function '${'a'.repeat(19_990)}'; to multiply, write ${'a'.repeat(19_990)}*(…)`;
    const shown = readable(message);
    expect(shown.length).toBeLessThan(200);
    expect(shown).toBe(
      `Unknown function '${'a'.repeat(24)}…${'a'.repeat(8)}'; to multiply, write ${'a'.repeat(24)}…${'a'.repeat(8)}*(…)`,
    );
    expect(readable(shown)).toBe(shown);
    expect(readable('x\u202e1')).toBe('x[U+202E]1');
    expect(escapeInvisible('plain text, 0.6931471805599453')).toBe('plain text, 0.6931471805599453');
    for (const n of [0, 7, 999, 1000, 20_001, 3_000_010, 1_000_000_000])
      expect(groupDigits(n)).toBe(n.toLocaleString('en-US'));
  });

  it('a link with many faults: each message once, at most MAX_NOTICES kept', () => {
    const problems = Array.from({ length: 60 }, (_, i) => ({
      kind: 'ignored' as const,
      message: `Ignored thing ${i % 30}.`,
    }));
    useStore.getState().load(DEFAULT_STATE, problems);
    const messages = useStore.getState().notices.map((n) => n.message);
    expect(new Set(messages).size).toBe(messages.length);
    expect(messages).toHaveLength(MAX_NOTICES);
    expect(messages[0]).toBe('Ignored thing 0.');
  });

  it('a standing condition has one notice that is replaced and cleared by its key', () => {
    const { notify, clearNotice } = useStore.getState();
    notify('link', 'warning', 'first');
    notify('link', 'warning', 'second');
    expect(useStore.getState().notices.map((n) => n.message)).toEqual(['second']);
    clearNotice('link');
    expect(useStore.getState().notices).toEqual([]);
  });
});
