/**
 * Which layout a graph gets in the room it has: the richest node style (nodeStyle.ts) whose values
 * still come out large enough on screen after Fit, and for it the arrangement (early or late columns,
 * folded into bands, a staggered first column) that makes them largest. Preferences: the paper's look
 * (`full`, inputs in the first column, one band) when it is legible; a less conventional arrangement
 * only when it makes the text clearly larger.
 *
 * Sizes are in CSS px of on-screen font size. An SVG text's box (getBoundingClientRect) is about
 * 1.17 × its font size in the fonts classrooms have, so 9.7 px type measures 11.3 px and 15.6 px
 * type 18.2 px.
 */
import type { Tape } from '../../core/tape';
import { FIT_PADDING, type Size } from './fit';
import {
  columnCount,
  DEFAULT_CONFIG,
  internConfig,
  layoutExtent,
  StructureMemo,
  type LayoutConfig,
} from './layout';
import { NODE_STYLES, STYLE_LADDER, type NodeStyleName } from './nodeStyle';

/** Above this many nodes the graph takes one fixed layout (nothing is legible whole; the lens helps). */
export const ADAPT_MAX_NODES = 150;
export const LARGE_CONFIG: LayoutConfig = internConfig({
  style: 'bare',
  ranks: 'early',
  bands: 1,
  stagger: false,
});

/** Largest on-screen value size Fit goes to, in CSS px (`full` at 1.6×, as before). */
export const FONT_CAP = { normal: 28, present: 40 } as const;

/** Smallest on-screen value size each style is taken at. */
const THRESHOLD: Readonly<Record<'normal' | 'present', Readonly<Record<NodeStyleName, number>>>> = {
  // A margin over 11 px measured (9.7 px type): Fit's room is a little less than the chooser's estimate.
  normal: { full: 13.4, named: 11.9, bare: 10.1, current: 10.1 },
  present: { full: 16, named: 15.8, bare: 15.6, current: 15.6 },
};

interface Arrangement {
  readonly ranks: 'early' | 'late';
  readonly bands: number;
  readonly stagger: boolean;
}

/** The share of the estimated size a layout is trusted to reach when presenting. */
const PRESENT_MARGIN = 0.88;

/** How much larger an unconventional arrangement must make the text to be taken. */
const cost = (a: Arrangement): number =>
  1 + (a.ranks === 'late' ? 0.08 : 0) + (a.stagger ? 0.05 : 0) + 0.12 * (a.bands - 1);

interface Extent {
  readonly config: LayoutConfig;
  readonly width: number;
  readonly height: number;
}

/** Extents measured so far, by the tape's structure and the config (layout.ts, `structureKey`). */
const cache = new StructureMemo<Extent>();

function extentOf(tape: Tape, config: LayoutConfig): Extent {
  return cache.get(tape, config) ?? cache.set(tape, config, { config, ...layoutExtent(tape, config) });
}

/** On-screen value size of a candidate in a canvas of `size`, with Fit's cap. */
export function fontOf(e: Extent, size: Size, cap: number): number {
  const px = NODE_STYLES[e.config.style].valuePx;
  const k = Math.min(
    cap / px,
    (size.width - 2 * FIT_PADDING) / Math.max(1, e.width),
    (size.height - 2 * FIT_PADDING) / Math.max(1, e.height),
  );
  return k * px;
}

/**
 * The candidates worth measuring in a canvas of `size`: the paper's look, and for the compact styles
 * each arrangement folded into more bands for as long as that makes the text larger. The compact
 * styles differ from `bare` only in box width (`named`) or height (`current`), so they are scaled
 * from its extents rather than laid out again.
 */
export function candidates(tape: Tape, size: Size): Extent[] {
  const out: Extent[] = [extentOf(tape, DEFAULT_CONFIG)];
  const columns = columnCount(tape);
  const perLevel = new Map<number, number>();
  for (const n of tape.nodes) perLevel.set(n.level, (perLevel.get(n.level) ?? 0) + 1);
  const tall = Math.max(...perLevel.values()) >= 4;
  const maxBands = Math.max(1, Math.min(6, Math.floor(columns / 3)));
  const bare = NODE_STYLES.bare;
  const named = NODE_STYLES.named;
  const current = NODE_STYLES.current;
  for (const ranks of columns > 2 ? (['early', 'late'] as const) : (['early'] as const)) {
    for (const stagger of tall ? [false, true] : [false]) {
      for (let bands = 1; bands <= maxBands; bands++) {
        const e = extentOf(tape, { style: 'bare', ranks, bands, stagger });
        out.push(e);
        out.push({
          config: { ...e.config, style: 'named' },
          width: (e.width * (named.width + named.ranksep)) / (bare.width + bare.ranksep),
          height: e.height,
        });
        out.push({
          config: { ...e.config, style: 'current' },
          width: e.width,
          height: (e.height * (current.height + current.nodesep)) / (bare.height + bare.nodesep),
        });
        // Folding more helps only while the flattest style is still limited by the width.
        const flat = (e.height * (current.height + current.nodesep)) / (bare.height + bare.nodesep);
        if (e.width / flat < size.width / size.height) break;
      }
    }
  }
  return out;
}

export interface Choice {
  readonly config: LayoutConfig;
  /** The on-screen value size expected after Fit, in CSS px. */
  readonly font: number;
}

/** The layout for `tape` in a canvas of `size` (see the file comment); null until the size is known. */
export function chooseLayout(tape: Tape, size: Size | null, present: boolean): Choice | null {
  // A large graph's layout does not depend on the room, so its worker can start before it is measured.
  if (tape.nodes.length > ADAPT_MAX_NODES) return { config: LARGE_CONFIG, font: 0 };
  if (!size) return null;
  if (size.width <= 0 || size.height <= 0) return { config: DEFAULT_CONFIG, font: 0 };
  const mode = present ? 'present' : 'normal';
  const cap = FONT_CAP[mode];
  const all = candidates(tape, size);
  let fallback: Choice | null = null;
  for (const style of STYLE_LADDER) {
    const threshold = THRESHOLD[mode][style];
    // Among the arrangements that make this style legible, the most conventional (by cost); if none
    // does, the one with the largest text, as a fallback.
    let pass: { e: Extent; font: number; score: number } | null = null;
    let largest: { e: Extent; font: number } | null = null;
    for (const e of all) {
      if (e.config.style !== style) continue;
      // Presenting, the estimate is taken with a margin: Fit keeps the graph clear of the controls
      // and the output names, which the extents leave out, and a projector forgives nothing.
      const font = fontOf(e, size, cap) * (present ? PRESENT_MARGIN : 1);
      if (!largest || font > largest.font) largest = { e, font };
      const score = font / cost(e.config);
      if (font >= threshold && (!pass || score > pass.score)) pass = { e, font, score };
    }
    if (pass) return { config: internConfig(pass.e.config), font: pass.font };
    if (largest && (!fallback || largest.font > fallback.font * 1.05))
      fallback = { config: internConfig(largest.e.config), font: largest.font };
  }
  return fallback ?? { config: DEFAULT_CONFIG, font: 0 };
}
