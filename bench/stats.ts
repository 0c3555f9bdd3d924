/** Small statistics for the benchmark: medians of repeated runs, percentiles, and a timing loop. */

/** The q-quantile (0 ≤ q ≤ 1) of the values, by the nearest-rank method; NaN for none. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1]!;
}

export const median = (values: readonly number[]): number => quantile(values, 0.5);

declare const gc: (() => void) | undefined;

/** Runs the collector where Node was started with --expose-gc, so one figure's garbage is not the next one's pause. */
export function collect(): void {
  if (typeof gc === 'function') gc();
}

export interface TimingOptions {
  /** Least total time to spend measuring, in ms. */
  readonly minTime?: number;
  /** Least and most timed samples of each function. */
  readonly minSamples?: number;
  readonly maxSamples?: number;
  /** Stop after this long, in ms, once every function has 3 samples (slow cases). */
  readonly maxTime?: number;
  /** Least time spent warming each function up before sampling, in ms. */
  readonly warmup?: number;
}

/**
 * The median time of one call of each function, in ms, sampled in interleaved rounds (one sample of
 * each per round) so that a change in machine load affects them alike and their ratios stay fair.
 * Each function is warmed up first (so the compiler has optimised it); fast calls are batched so a
 * sample lasts about a millisecond or more. The collector runs once, before the warm-up, not before
 * each sample: a heap shrunk by a full collection faults its pages in again, which no real run pays,
 * so the warm-up's calls pay it (collected after the warm-up, the first samples of a tape build at 10⁴
 * operations read 12 to 27 ms against about 2 once the pages were back).
 */
export function timeMedians<K extends string>(
  fns: Readonly<Record<K, () => unknown>>,
  options: TimingOptions = {},
): Record<K, number> {
  const minTime = options.minTime ?? 300;
  const minSamples = options.minSamples ?? 7;
  const maxSamples = options.maxSamples ?? 61;
  const maxTime = options.maxTime ?? 20_000;
  const warmup = options.warmup ?? 40;
  const keys = Object.keys(fns) as K[];
  const batch = new Map<K, number>();
  collect();
  for (const k of keys) {
    const f = fns[k];
    const start = performance.now();
    let calls = 0;
    do {
      f();
      calls++;
    } while (performance.now() - start < warmup && calls < 10_000);
    const each = (performance.now() - start) / calls;
    batch.set(k, each >= 1 ? 1 : Math.min(10_000, Math.ceil(1 / Math.max(each, 0.0005))));
  }
  const samples = new Map<K, number[]>(keys.map((k) => [k, []]));
  const started = performance.now();
  for (let round = 0; round < maxSamples; round++) {
    const elapsed = performance.now() - started;
    if (round >= minSamples && elapsed >= minTime) break;
    if (round >= 3 && elapsed > maxTime) break;
    for (const k of keys) {
      const f = fns[k];
      const b = batch.get(k)!;
      const t = performance.now();
      for (let i = 0; i < b; i++) f();
      samples.get(k)!.push((performance.now() - t) / b);
    }
  }
  return Object.fromEntries(keys.map((k) => [k, median(samples.get(k)!)])) as Record<K, number>;
}

/** The median time of one call of `f`, in ms (see `timeMedians`). */
export function timeMedian(f: () => unknown, options: TimingOptions = {}): number {
  return timeMedians({ f }, options).f;
}
