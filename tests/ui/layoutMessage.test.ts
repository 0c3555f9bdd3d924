/**
 * The tape posted to the layout worker (src/ui/graph/layoutMessage.ts): packed into typed arrays,
 * copied as the browser copies a message (structuredClone), and rebuilt, it must give the layout the
 * tape itself gives, character for character, for every example of the menu (programs included,
 * with their loops' and branches' frames), generated expressions from 50 to 1,000 operations and the
 * largest sum the limits allow, in every config a large or small graph is drawn in.
 */
import { describe, expect, it } from 'vitest';
import { compile, MAX_OPERATIONS, parse, type Tape } from '../../src/core/index';
import { LARGE_CONFIG } from '../../src/ui/graph/chooseLayout';
import { DEFAULT_CONFIG, internConfig, layoutGraph, type LayoutConfig } from '../../src/ui/graph/layout';
import { packTape, unpackTape } from '../../src/ui/graph/layoutMessage';
import { EXAMPLES } from '../../src/ui/examples';
import { generateExpression } from '../../bench/generate';

function tapeOf(text: string, x?: number[]): Tape {
  const r = compile(text, x ? { x } : {});
  if (!r.ok) throw new Error(`${text.slice(0, 40)}: ${r.error.message}`);
  return r.tape;
}

const CONFIGS: LayoutConfig[] = [
  DEFAULT_CONFIG,
  LARGE_CONFIG,
  internConfig({ style: 'named', ranks: 'late', bands: 2, stagger: true }),
  internConfig({ style: 'bare', ranks: 'early', bands: 3, stagger: false }),
];

const sameLayout = (tape: Tape, configs: readonly LayoutConfig[]) => {
  const copied = unpackTape(structuredClone(packTape(tape)));
  for (const config of configs)
    expect(JSON.stringify(layoutGraph(copied, config))).toBe(JSON.stringify(layoutGraph(tape, config)));
};

describe('the tape as the layout worker receives it', () => {
  it('lays out every example of the menu as the tape itself does', () => {
    for (const e of EXAMPLES) {
      const tape = tapeOf(
        e.text,
        e.values.map(([, v]) => Number(v)),
      );
      sameLayout(tape, CONFIGS);
    }
    expect(EXAMPLES.some((e) => /\bfor\b|\bif\b|\bwhile\b/.test(e.text))).toBe(true);
  });

  it('lays out generated expressions and the largest sum as the tape itself does', () => {
    for (const operations of [50, 300, 1000]) {
      const { text } = generateExpression({ operations, inputs: 4, seed: operations });
      sameLayout(tapeOf(text), [LARGE_CONFIG, DEFAULT_CONFIG]);
    }
    let k = 1;
    const sum = (m: number) => Array.from({ length: m }, (_, i) => `x*${i + 1}`).join('+');
    while (parse(sum(k + 100)).ok) k += 100;
    const tape = tapeOf(sum(k));
    expect(tape.nodes.length - tape.n).toBeLessThanOrEqual(MAX_OPERATIONS);
    expect(tape.nodes.length).toBeGreaterThan(1500);
    sameLayout(tape, [LARGE_CONFIG]);
  });

  it('sends typed arrays and strings, not an object per node', () => {
    const packed = packTape(tapeOf('ln(x1) + x1*x2 - sin(x2)'));
    expect(packed.op).toBeInstanceOf(Uint16Array);
    expect(packed.arg).toBeInstanceOf(Int32Array);
    // The paper's example: v1 = ln v-1, v2 = v-1 × v0, v3 = sin v0, v4 = v1 + v2, v5 = v4 − v3.
    expect(packed.ids).toEqual(['v-1', 'v0', 'v1', 'v2', 'v3', 'v4', 'v5']);
    expect([...packed.arg]).toEqual([0, 0, 1, 1, 2, 3, 5, 4]);
    expect(packed.names).toEqual([
      [0, 'x1'],
      [1, 'x2'],
    ]);
  });
});
