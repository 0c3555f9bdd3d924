import { beforeEach, describe, expect, it } from 'vitest';
import { deriveModel, clampStep } from '../../src/state/derive';
import { linkState, useStore } from '../../src/state/store';
import {
  decode,
  DEFAULT_STATE,
  encode,
  makeValues,
  reconcile,
  type LinkState,
} from '../../src/state/urlCodec';

beforeEach(() => useStore.getState().load(DEFAULT_STATE));

describe('store', () => {
  it('starts on the paper example and holds only sources of truth', () => {
    const s = useStore.getState();
    expect(s.text).toBe('ln(x1) + x1*x2 - sin(x2)');
    expect(s.values.x1).toBe('2');
    expect(Object.keys(linkState(s)).sort()).toEqual([
      'adjointSeed',
      'data',
      'dual',
      'embed',
      'fdx',
      'from',
      'h',
      'jcot',
      'jdir',
      'lang',
      'merge',
      'mode',
      'present',
      'quiz',
      'rate',
      'seed',
      'step',
      'steps',
      'text',
      'tlog',
      'train',
      'values',
      'view',
    ]);
    expect('tape' in s || 'trace' in s).toBe(false);
  });

  it('keeps what is typed even when it does not parse', () => {
    useStore.getState().setText('ln(x1) +');
    const s = useStore.getState();
    expect(s.text).toBe('ln(x1) +');
    const m = deriveModel(s);
    expect(m.error?.message).toBe("Expected a value after '+'");
    expect(m.trace).toBeNull();
  });

  it('keeps a typed value for an input that disappears and comes back', () => {
    useStore.getState().setValue('x2', '7');
    useStore.getState().setText('ln(x1)');
    expect(deriveModel(useStore.getState()).fields.map((f) => f.name)).toEqual(['x1']);
    useStore.getState().setText('ln(x1) + x2');
    expect(deriveModel(useStore.getState()).fields.find((f) => f.name === 'x2')?.text).toBe('7');
  });

  it('derives a field error, not a trace, from a bad value', () => {
    useStore.getState().setValue('x1', '');
    const m = deriveModel(useStore.getState());
    expect(m.fields[0]!.error).toBe('x1 needs a value');
    expect(m.trace).toBeNull();
  });

  it('memoises the derivation: same sources, same trace object', () => {
    const a = deriveModel(useStore.getState());
    const b = deriveModel({ ...useStore.getState() });
    expect(b.trace).toBe(a.trace);
  });

  it('clamps the step to the trace, and never below 0', () => {
    const m = deriveModel(useStore.getState());
    expect(clampStep(1e6, m.trace)).toBe(23);
    useStore.getState().setStep(-3);
    expect(useStore.getState().step).toBe(0);
  });

  it('seeds: the tangent seed picks the input, the adjoint seed the output', () => {
    useStore.getState().setText('u = x*y; w = x + y');
    useStore.getState().setSeed('y');
    useStore.getState().setAdjointSeed('w');
    const m = deriveModel(useStore.getState());
    expect(m.seedIndex).toBe(1);
    expect(m.outIndex).toBe(1);
    expect(Array.from(m.trace!.xDot)).toEqual([0, 1]);
    expect(Array.from(m.trace!.yBar)).toEqual([0, 1]);
  });

  it('a state survives the link round trip', () => {
    useStore.getState().setText('x*y + exp(x)/y');
    useStore.getState().setValue('y', '-3');
    useStore.getState().setStep(9);
    const s = linkState(useStore.getState());
    expect(decode(encode(s)).state).toEqual({ ...s, values: { ...s.values } });
  });
});

describe('training state', () => {
  it('a run sets the start, the steps and the landed values; typing a value or a new η ends it', () => {
    const s = useStore.getState();
    s.load({
      ...DEFAULT_STATE,
      text: '(w*x - t)^2',
      values: makeValues([
        ['w', '0'],
        ['x', '1'],
        ['t', '2'],
      ]),
      view: 'train',
      train: ['w'],
    });
    useStore.getState().applyRun({ w: '0' }, 3, { w: '1.5' });
    let now = useStore.getState();
    expect([now.from?.w, now.steps, now.values.w, Object.keys(now.values)]).toEqual([
      '0',
      3,
      '1.5',
      ['w', 'x', 't'],
    ]);
    // Choosing a data row keeps the run (the rows are its data).
    useStore.getState().showRow({ x: '2', t: '4' });
    now = useStore.getState();
    expect([now.steps, now.values.x]).toEqual([3, '2']);
    useStore.getState().setValue('w', '7');
    expect([useStore.getState().from, useStore.getState().steps]).toEqual([null, 0]);
    useStore.getState().applyRun({ w: '7' }, 2, { w: '6' });
    useStore.getState().setRate('0.5');
    expect([useStore.getState().from, useStore.getState().steps, useStore.getState().rate]).toEqual([
      null,
      0,
      '0.5',
    ]);
  });

  it('a link with view=train, data and a run reopens identically', () => {
    const state: LinkState = {
      ...DEFAULT_STATE,
      text: '(w*x + b - t)^2',
      seed: 'w',
      values: makeValues([
        ['b', '0.97'],
        ['t', '1.1'],
        ['w', '2.01'],
        ['x', '0'],
      ]),
      view: 'train',
      train: ['w', 'b'],
      rate: '0.05',
      data: 'x,t\n0,1.1\n1,2.9\n2,5.2',
      from: makeValues([
        ['w', '0'],
        ['b', '0'],
      ]),
      steps: 50,
      tlog: true,
    };
    const decoded = decode(`#${encode(state)}`);
    expect(decoded.problems).toEqual([]);
    const fitted = reconcile(decoded.state, { inputs: ['b', 't', 'w', 'x'], outputs: ['y'] });
    expect(fitted.problems).toEqual([]);
    expect(fitted.state).toEqual(state);
  });

  it('a tampered run (steps without a start, an unknown parameter) is dropped with notices', () => {
    const decoded = decode('#v=1&f=w*x&at=w:1,x:2&view=train&train=w,zz&steps=5');
    const fitted = reconcile(decoded.state, { inputs: ['w', 'x'], outputs: ['y'] });
    expect(fitted.state.train).toEqual(['w']);
    expect([fitted.state.from, fitted.state.steps]).toEqual([null, 0]);
    expect(fitted.problems.map((p) => p.message).join(' ')).toMatch(/zz.*training run/s);
  });
});
