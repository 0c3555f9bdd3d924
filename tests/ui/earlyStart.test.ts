/**
 * The page's first script (src/early.ts) reads the link, compiles and sweeps it, and lays out a large
 * graph while the main script is still arriving; the page's start must then find that work done, not
 * do it again: the same tape and trace (by identity), and the layout in the cache the graph view reads
 * (checked against a layout computed afresh), up to the largest graph a link can hold. Small graphs
 * are left to the view.
 */
import { describe, expect, it } from 'vitest';
import { generateExpression } from '../../bench/generate';
import { compile, MAX_OPERATIONS, type Tape } from '../../src/core/index';
import { deriveModel } from '../../src/state/derive';
import { fitFragment } from '../../src/state/fragment';
import { DEFAULT_STATE, encode } from '../../src/state/urlCodec';
import { ADAPT_MAX_NODES, LARGE_CONFIG } from '../../src/ui/graph/chooseLayout';
import { layoutGraph } from '../../src/ui/graph/layout';
import {
  cached,
  EARLY_LAYOUT_MAX_NODES,
  layoutAhead,
  SYNC_LAYOUT_MAX_NODES,
} from '../../src/ui/graph/layoutCache';

function tapeOf(text: string): Tape {
  const c = compile(text);
  if (!c.ok) throw new Error(c.error.message);
  return c.tape;
}

const generated = (operations: number, seed: number) =>
  generateExpression({ operations, inputs: 4, seed }).text;

describe('the link read ahead of the page', () => {
  it('gives the page the same state, tape and trace, without compiling again', () => {
    const text = generated(480, 3);
    const fragment = `#${encode({
      ...DEFAULT_STATE,
      text,
      values: { x1: '1.1', x2: '0.9', x3: '1.3', x4: '0.7' },
    })}`;
    const early = fitFragment(fragment);
    const earlyModel = deriveModel(early.state);
    expect(earlyModel.error).toBeNull();
    expect(earlyModel.tape!.nodes.length).toBeGreaterThan(SYNC_LAYOUT_MAX_NODES);
    // The page's start reads the same fragment: the same objects, so the memos hold.
    const again = fitFragment(fragment);
    expect(again).toBe(early);
    const model = deriveModel({ ...again.state });
    expect(model.tape).toBe(earlyModel.tape);
    expect(model.trace).toBe(earlyModel.trace);
  });

  it('reads a link from a newer version as the page would: the default example, and why', () => {
    const fitted = fitFragment('#v=99&%%%');
    expect(fitted.state.text).toBe('ln(x1) + x1*x2 - sin(x2)');
    expect(fitted.problems.map((p) => p.kind)).toEqual(['newer-version']);
  });
});

describe('layoutAhead', () => {
  it('lays out a large graph into the cache the view reads, as the view would lay it out', () => {
    const tape = tapeOf(generated(520, 11));
    expect(tape.nodes.length).toBeGreaterThan(SYNC_LAYOUT_MAX_NODES);
    expect(tape.nodes.length).toBeLessThanOrEqual(EARLY_LAYOUT_MAX_NODES);
    expect(cached(tape, LARGE_CONFIG)).toBeUndefined();
    expect(layoutAhead(tape)).toBe(true);
    expect(cached(tape, LARGE_CONFIG)).toEqual(layoutGraph(tape, LARGE_CONFIG));
    // Once there, it is not laid out again.
    expect(layoutAhead(tape)).toBe(false);
  });

  it('leaves small graphs (their layout depends on the room) to the view, and lays out the largest a link can hold', () => {
    const small = tapeOf(generated(100, 2));
    expect(small.nodes.length).toBeLessThanOrEqual(ADAPT_MAX_NODES);
    expect(layoutAhead(small)).toBe(false);
    expect(cached(small, LARGE_CONFIG)).toBeUndefined();
    // The most operations a tape may hold, as a sum: the largest graph a link can open on.
    const largest = tapeOf(Array.from({ length: MAX_OPERATIONS / 2 }, (_, i) => `x*${i + 1}`).join(' + '));
    expect(largest.nodes.length - largest.n).toBeGreaterThan(MAX_OPERATIONS - 2);
    expect(largest.nodes.length).toBeLessThanOrEqual(EARLY_LAYOUT_MAX_NODES);
    expect(layoutAhead(largest)).toBe(true);
    expect(cached(largest, LARGE_CONFIG)).toEqual(layoutGraph(largest, LARGE_CONFIG));
    // Between the two, a graph drawn on the main thread is laid out ahead as well.
    const middle = tapeOf(generated(200, 4));
    expect(middle.nodes.length).toBeGreaterThan(ADAPT_MAX_NODES);
    expect(middle.nodes.length).toBeLessThanOrEqual(SYNC_LAYOUT_MAX_NODES);
    expect(layoutAhead(middle)).toBe(true);
  });
});
