import { beforeEach, describe, expect, it } from 'vitest';
import { deriveModel, clampStep } from '../../src/state/derive';
import { linkState, useStore } from '../../src/state/store';
import { decode, DEFAULT_STATE, encode } from '../../src/state/urlCodec';

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
