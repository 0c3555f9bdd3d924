// Does the page still answer typing at the largest expression the limits allow? (issue 4, part 4)
//
// A benchmark, not a test: it serves the built page (dist/) with `vite preview`, opens it in headless
// Chromium on the largest expression the parser accepts (MAX_OPERATIONS operations, every rule of the
// table, no two nodes alike so that merging cannot shrink it), and then, as a person would:
//   1. types " + x1" at the end of the expression, a key every 150 ms, and deletes it again;
//   2. types a new value into an input field;
//   3. steps the timeline with → twenty times.
// The browser's long-task observer (PerformanceObserver, type 'longtask') records every main-thread
// task over 50 ms; the report lists, per phase, how many took longer than 200 ms and the longest.
//
//   npx tsx bench/longtask.ts            uses dist/ as built (run `npm run build` first)
//   npx tsx bench/longtask.ts --build    builds first
//   npx tsx bench/longtask.ts --json     one JSON object on stdout instead of the table
//   npx tsx bench/longtask.ts --dist=DIR serves that build instead of dist/ (npm run bench passes its own)
//
// The exit status is 0 whatever the numbers: budgets are for people to read, not for CI to enforce.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { DEFAULT_LIMITS, FUNCTIONS, MAX_OPERATIONS, parse, RULES } from '../src/core/index';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const VITE = path.join(ROOT, 'node_modules/vite/bin/vite.js');
const BUDGET_MS = 200;
const KEY_DELAY_MS = 150;
const SETTLE_MS = 1500;
const args = process.argv.slice(2);
const json = args.includes('--json');
const distArg = args.find((a) => a.startsWith('--dist='))?.slice(7);
const DIST = distArg ? path.resolve(distArg) : path.join(ROOT, 'dist');

const UNARY = [...RULES.values()].filter((r) => r.arity === 1 && r.syntax === 'function').map((r) => r.name);
const BINARY = [...FUNCTIONS.values()].filter((r) => r.arity === 2).map((r) => r.name);
const INPUTS = ['x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7', 'x8'];

/** A term per k, each with its own constant so that no two nodes are alike and merging cannot shrink it. */
function term(k: number): string {
  const x = INPUTS[k % INPUTS.length]!;
  const c = (k + 2) / 1000;
  switch (k % 4) {
    case 0:
      return `${UNARY[k % UNARY.length]}(${c}*${x})`;
    case 1:
      return `${BINARY[k % BINARY.length]}(${x}, ${c})`;
    case 2:
      return `-${x}^${c}`;
    default:
      return `${x}/(${c} + ${INPUTS[(k + 3) % INPUTS.length]})`;
  }
}

/** Terms joined by '+' while the parser accepts them, then single additions up to exactly the limit. */
function largestExpression(): string {
  let text = term(0);
  for (let k = 1; parse(`${text} + ${term(k)}`).ok; k++) text = `${text} + ${term(k)}`;
  while (parse(`${text} + x1`).ok) text = `${text} + x1`;
  const fewer = parse(text, { ...DEFAULT_LIMITS, maxOperations: MAX_OPERATIONS - 1 });
  if (fewer.ok || !parse(text).ok) throw new Error('the benchmark expression is not at the operation limit');
  return text;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function main() {
  if (args.includes('--build') || !existsSync(path.join(DIST, 'index.html'))) {
    const build = spawnSync(process.execPath, [VITE, 'build', '--outDir', DIST, '--emptyOutDir'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    if (build.status !== 0) throw new Error('vite build failed');
  }
  const port = await freePort();
  const server = spawn(
    process.execPath,
    [VITE, 'preview', '--outDir', DIST, '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    {
      cwd: ROOT,
      detached: true,
      stdio: 'ignore',
    },
  );
  const stop = () => {
    try {
      process.kill(-server.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  process.on('exit', stop);
  const base = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(base);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const text = largestExpression();
    const values = INPUTS.map((x, i) => `${x}:${(i + 1) / 3}`).join(',');
    const hash = `#v=1&f=${encodeURIComponent(text)}&at=${values}`;
    await page.addInitScript(() => {
      const tasks: { start: number; duration: number }[] = [];
      (window as unknown as { __longTasks: typeof tasks }).__longTasks = tasks;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) tasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    const loadStart = Date.now();
    await page.goto(`${base}${hash}`);
    await page.waitForSelector('[data-kind]', { timeout: 120_000 });
    const loadMs = Date.now() - loadStart;
    // The graph may be laid out off the main thread, after the table: wait for it, within reason.
    await page.waitForSelector('[data-node]', { timeout: 180_000 }).catch(() => {});
    const graphMs = Date.now() - loadStart;
    const nodes = await page.locator('[data-node]').count();
    const error = await page.locator('.editor-error').count();
    if (error > 0)
      throw new Error(
        `the benchmark expression was rejected: ${await page.locator('.editor-error').innerText()}`,
      );
    await page.waitForTimeout(SETTLE_MS);

    const phases: { phase: string; wallMs: number; longTasks: number; over200: number; maxMs: number }[] = [];
    const measure = async (name: string, act: () => Promise<void>) => {
      const from = await page.evaluate(() => performance.now());
      const t0 = Date.now();
      await act();
      await page.waitForTimeout(SETTLE_MS);
      const tasks = await page.evaluate(
        (t) =>
          (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks.filter(
            (e) => e.start >= t,
          ),
        from,
      );
      const over = tasks.filter((t) => t.duration > BUDGET_MS);
      phases.push({
        phase: name,
        wallMs: Date.now() - t0 - SETTLE_MS,
        longTasks: tasks.length,
        over200: over.length,
        maxMs: Math.round(Math.max(0, ...tasks.map((t) => t.duration))),
      });
    };
    const editor = page.getByLabel('Expression', { exact: true });
    await measure('type " + x1" in the editor', async () => {
      await editor.click();
      await page.keyboard.press('End');
      await page.keyboard.press('Control+End');
      await page.keyboard.type(' + x1', { delay: KEY_DELAY_MS });
    });
    await measure('delete it again', async () => {
      for (let i = 0; i < 5; i++) {
        await page.keyboard.press('Backspace');
        await page.waitForTimeout(KEY_DELAY_MS);
      }
    });
    await measure('type a value into x3', async () => {
      const field = page.getByLabel('x3', { exact: true });
      await field.click();
      await field.press('Control+A');
      await page.keyboard.type('0.25', { delay: KEY_DELAY_MS });
    });
    await measure('step with → twenty times', async () => {
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      for (let i = 0; i < 20; i++) {
        await page.keyboard.press('ArrowRight');
        await page.waitForTimeout(KEY_DELAY_MS);
      }
    });
    const report = {
      expression: { characters: text.length, operations: MAX_OPERATIONS, nodes },
      loadMs,
      graphMs,
      budgetMs: BUDGET_MS,
      phases,
    };
    if (json) console.log(JSON.stringify(report));
    else {
      console.log(
        `Long tasks at the largest expression (${text.length} characters, ${MAX_OPERATIONS} operations, ${nodes} graph nodes; table after ${loadMs} ms, graph after ${graphMs} ms)`,
      );
      console.log(
        `${'phase'.padEnd(32)}${'wall ms'.padStart(9)}${'tasks>50'.padStart(10)}${'>200 ms'.padStart(9)}${'longest'.padStart(9)}`,
      );
      for (const p of phases) {
        console.log(
          `${p.phase.padEnd(32)}${String(p.wallMs).padStart(9)}${String(p.longTasks).padStart(10)}${String(p.over200).padStart(9)}${String(p.maxMs).padStart(9)}`,
        );
      }
      const worst = Math.max(...phases.map((p) => p.maxMs));
      console.log(
        worst > BUDGET_MS
          ? `over budget: the longest task took ${worst} ms (budget ${BUDGET_MS} ms)`
          : `within budget: no task over ${BUDGET_MS} ms`,
      );
    }
  } finally {
    await browser.close();
    stop();
  }
}

await main();
