/**
 * Bounded memory: the JavaScript heap of the page, after a full collection, once one value has been
 * edited and again after many more edits of it (each shown and painted before the next), on the
 * paper's example and on the largest expression, at the last step (every row's value shown). Each
 * edit gives every value new digits, so whatever is cached per formula (the typeset HTML in Tex.tsx)
 * sees new keys every time. Read through the DevTools protocol: HeapProfiler.collectGarbage, then
 * Runtime.getHeapUsage; the DOM node count from Performance.getMetrics.
 */
import type { Page } from 'playwright-core';
import { largestSum, linkOf, paperExpression, type PageExpression } from './expressions';
import { INPAGE } from './page';
import './probes';
import { launch, VIEWPORT } from './serve';
import { ms, times, type Row } from './table';

export const MEMORY_BUDGETS = {
  /** Heap after 1,000 edits within this factor of the heap after the first (issue 13). */
  heapGrowth: 2,
} as const;

const MiB = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

async function heap(page: Page): Promise<{ used: number; nodes: number }> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    return { used: usedSize, nodes: metrics.find((m) => m.name === 'Nodes')?.value ?? NaN };
  } finally {
    await cdp.detach();
  }
}

export interface MemoryOptions {
  readonly base: string;
  readonly quick?: boolean;
  readonly log?: (line: string) => void;
}

export async function benchMemory(options: MemoryOptions): Promise<Row[]> {
  const log = options.log ?? (() => {});
  const edits = options.quick ? 100 : 1000;
  const rows: Row[] = [];
  const browser = await launch();
  try {
    for (const e of [paperExpression(), largestSum()] as PageExpression[]) {
      log(`memory: ${e.name}, ${edits} edits`);
      const context = await browser.newContext({ viewport: VIEWPORT });
      try {
        const page = await context.newPage();
        await page.addInitScript({ content: INPAGE });
        await page.goto(`${options.base}${linkOf(e, e.steps)}`);
        await page.evaluate(([n, s]) => window.__bench.settled(n, s), [e.nodes, e.steps] as const);
        const [name, x0] = e.values[0]!;
        // Values a student might type, all different: x0 + 0.001, x0 + 0.002, …
        const value = (i: number) => (x0 + (i + 1) / 1000).toFixed(3);
        const edit = (i: number) =>
          page.evaluate(([n, v, id]) => window.__bench.editValue(n, v, id), [
            name,
            value(i),
            [e.inputId, e.outputId],
          ] as const);
        const firstMs = await edit(0);
        await page.evaluate(() => window.__bench.quiet(500, 2));
        const first = await heap(page);
        const started = Date.now();
        const times_: number[] = [firstMs];
        for (let i = 1; i < edits; i++) {
          times_.push(await edit(i));
          if (i % 100 === 0)
            log(`memory: ${e.name}, ${i} edits (${((Date.now() - started) / 1000).toFixed(0)} s)`);
        }
        await page.evaluate(() => window.__bench.quiet(500, 2));
        const last = await heap(page);
        const growth = last.used / first.used;
        rows.push({
          section: 'Memory',
          figure: `JS heap after a full collection: after the first edit of a value, after ${edits} (DOM nodes)`,
          size: `${e.nodes} nodes`,
          value: `${MiB(first.used)} → ${MiB(last.used)} = ${times(growth)} (${first.nodes} → ${last.nodes} nodes)`,
          budget: `≤ ${MEMORY_BUDGETS.heapGrowth}×`,
          ok: growth <= MEMORY_BUDGETS.heapGrowth,
        });
        times_.sort((a, b) => a - b);
        rows.push({
          section: 'Memory',
          figure: `edit a value → new values painted, over those ${edits} edits (p50 / max)`,
          size: `${e.nodes} nodes`,
          value: `${ms(times_[Math.floor(times_.length / 2)]!)} / ${ms(times_[times_.length - 1]!)}`,
          budget: '',
          ok: null,
        });
      } catch (error) {
        // One expression failing is a figure, not the end of the run.
        log(`memory: ${e.name}: ${(error as Error).message}`);
        rows.push({
          section: 'Memory',
          figure: 'JS heap after many edits of a value',
          size: `${e.nodes} nodes`,
          value: `did not finish: ${(error as Error).message.split('\n')[0]!.slice(0, 120)}`,
          budget: `≤ ${MEMORY_BUDGETS.heapGrowth}×`,
          ok: false,
        });
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
  return rows;
}
