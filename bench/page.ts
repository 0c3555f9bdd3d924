/**
 * The page in headless Chromium, served from a fresh build by `vite preview`, and the bundle it
 * fetches: the paper's example drawn and answering a key; for 50-, 200- and 500-node expressions the
 * time to parse, trace, lay out and draw, the time per step and the frame times while playing; a
 * keystroke in a 100-node expression; what the first load fetches.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { compile } from '../src/core/index';
import { URL_WRITE_DELAY_MS } from '../src/state/urlSync';
import { PARSE_DEBOUNCE_MS } from '../src/ui/useModel';
import { generateExpression } from './generate';
import { median, quantile } from './stats';
import { kib, ms, type Row } from './table';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const VITE = path.join(ROOT, 'node_modules/vite/bin/vite.js');
/** Built apart from dist/, which the browser tests rebuild: a benchmark must not race them. */
export const BENCH_DIST = path.join(tmpdir(), 'wengert-bench-dist');
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const VIEWPORT = { width: 1280, height: 720 };

export const PAPER_LINK = '#v=1&f=ln(x1)%2Bx1*x2-sin(x2)&at=x1:2,x2:5&seed=x1';
const PAPER_NODES = 7;
const PAPER_ROWS = 23;

export const PAGE_BUDGETS = {
  /** KiB of HTML + JS + CSS, gzip, that the first load fetches (fonts apart). */
  firstLoadKiB: 230,
  /** The paper's example answers a key within this long of navigation, ms. */
  interactiveMs: 1000,
  /** A keystroke in a 100-node expression shows in the view within this long, debounce excluded, ms. */
  keystrokeMs: 50,
  /** A 500-node expression is laid out and drawn within this long, ms. */
  draw500Ms: 500,
  /** p95 of the frame times while playing, ms (one frame at 60 Hz). */
  frameP95Ms: 16.7,
} as const;

export const PAGE_SIZES = [50, 200, 500] as const;
const KEYSTROKE_SIZE = 100;

// ---- serving -------------------------------------------------------------------------------------

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export function build(outDir = BENCH_DIST): void {
  const r = spawnSync(
    process.execPath,
    [VITE, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
    {
      cwd: ROOT,
      stdio: 'inherit',
    },
  );
  if (r.status !== 0) throw new Error(`vite build exited with ${r.status ?? r.signal}`);
}

async function serve(outDir: string): Promise<{ base: string; server: ChildProcess; stop: () => void }> {
  const port = await freePort();
  const server = spawn(
    process.execPath,
    [VITE, 'preview', '--outDir', outDir, '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    { cwd: ROOT, detached: true, stdio: 'ignore' },
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
  for (let i = 0; i < 300; i++) {
    try {
      await (await fetch(base)).arrayBuffer();
      return { base, server, stop };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  stop();
  throw new Error(`vite preview did not answer at ${base}`);
}

// ---- expressions -----------------------------------------------------------------------------------

/** A generated expression whose graph has about `nodes` nodes (inputs included), and its link. */
function sizedExpression(nodes: number, seed: number): { text: string; nodes: number; outputId: string } {
  let target = nodes;
  for (let attempt = 0; ; attempt++) {
    const { text } = generateExpression({ operations: target, inputs: 4, seed });
    const c = compile(text);
    if (!c.ok) throw new Error(`generated expression rejected: ${c.error.message}`);
    const got = c.tape.nodes.length;
    if (Math.abs(got - nodes) <= Math.max(2, 0.03 * nodes) || attempt >= 8)
      return { text, nodes: got, outputId: c.tape.outputs[0]!.id };
    target = Math.max(1, Math.round((target * nodes) / got));
  }
}

const linkOf = (text: string, step = 0): string =>
  `#v=1&f=${encodeURIComponent(text)}&at=x1:1.1,x2:0.9,x3:1.3,x4:0.7&step=${step}`;

// ---- in the page -----------------------------------------------------------------------------------

/** The probes (bench/inpage.js), installed in every page before its own scripts. */
const INPAGE = readFileSync(path.join(ROOT, 'bench/inpage.js'), 'utf8');

interface Probes {
  paper: { drawn?: number; answered?: number };
  keystroke?: Promise<number>;
  watchPaper(nodes: number, rows: number): void;
  open(hash: string, nodes: number, quiet: number): Promise<number>;
  steps(count: number): Promise<number[]>;
  frames(duration: number): Promise<number[]>;
  armKeystroke(outputId: string): void;
}
type Probed = Window & { __bench: Probes };

/**
 * Sets the link (as pasting it would); ms until the graph has `nodes` nodes, the table typeset rows,
 * and a frame has been painted.
 */
const openExpression = (page: Page, hash: string, nodes: number): Promise<number> =>
  page.evaluate(([h, n, q]) => (window as unknown as Probed).__bench.open(h, n, q), [
    hash,
    nodes,
    URL_WRITE_DELAY_MS + 50,
  ] as const);

/** ms from a → key to the update committed and laid out, for `count` steps in a row. */
const stepTimes = (page: Page, count: number): Promise<number[]> =>
  page.evaluate((c) => (window as unknown as Probed).__bench.steps(c), count);

/** One refresh at 60 Hz, the rate of headless Chromium and of most classroom screens. */
const REFRESH_MS = 1000 / 60;

/**
 * requestAnimationFrame intervals as whole refreshes: frames begin on the display's refresh, so an
 * interval is a multiple of 16.67 ms up to a jitter of a few tenths (16.6, 16.8…), which would
 * otherwise decide a budget of 16.7 ms. A late frame shows as 33.3 ms, two as 50 ms.
 */
export function inFrames(deltas: readonly number[]): number[] {
  return deltas.map((d) => Math.max(1, Math.round(d / REFRESH_MS)) * REFRESH_MS);
}

/** Frame-to-frame times (requestAnimationFrame) while the timeline plays at 4 steps/s for `duration` ms. */
async function frameTimes(page: Page, duration: number): Promise<number[]> {
  await page.selectOption('select[aria-label="Speed"]', '4');
  return page.evaluate((d) => (window as unknown as Probed).__bench.frames(d), duration);
}

/** Types one key in the expression field; ms from its input event to the view updated and painted. */
async function keystroke(page: Page, key: string, outputId: string): Promise<number> {
  await page.evaluate((id) => (window as unknown as Probed).__bench.armKeystroke(id), outputId);
  await page.getByLabel('Expression', { exact: true }).press(key);
  return page.evaluate(() => (window as unknown as Probed).__bench.keystroke!);
}

// ---- bundle ----------------------------------------------------------------------------------------

interface Fetched {
  readonly url: string;
  readonly type: string;
  readonly bytes: number;
  readonly gzip: number;
}

const gz = (b: Buffer): number => gzipSync(b).length;

function distFiles(dir: string): { name: string; bytes: number; gzip: number }[] {
  const out: { name: string; bytes: number; gzip: number }[] = [];
  const walk = (d: string) => {
    for (const f of readdirSync(d)) {
      const p = path.join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else {
        const b = readFileSync(p);
        out.push({ name: path.relative(dir, p), bytes: b.length, gzip: gz(b) });
      }
    }
  };
  walk(dir);
  return out;
}

// ---- the run ---------------------------------------------------------------------------------------

export interface PageOptions {
  readonly quick?: boolean;
  readonly skipBuild?: boolean;
  readonly log?: (line: string) => void;
}

export async function benchPage(options: PageOptions = {}): Promise<Row[]> {
  const log = options.log ?? (() => {});
  const reps = options.quick ? 2 : 5;
  if (!options.skipBuild) {
    log('page: building');
    build();
  }
  const { base, stop } = await serve(BENCH_DIST);
  let browser: Browser | null = null;
  const rows: Row[] = [];
  const row = (figure: string, size: string, value: string, budget = '', ok: boolean | null = null) =>
    rows.push({ section: 'Page', figure, size, value, budget, ok });
  const bundle: Row[] = [];
  const bundleRow = (figure: string, value: string, budget = '', ok: boolean | null = null) =>
    bundle.push({ section: 'Bundle', figure, size: '', value, budget, ok });
  const errors: string[] = [];
  try {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    });
    const watch = (page: Page) => {
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
    };

    // The paper's example, cold, in a fresh context each time; the first run also records the bundle.
    log('page: the paper example');
    const drawn: number[] = [];
    const answered: number[] = [];
    let fetched: Fetched[] = [];
    for (let r = 0; r < reps; r++) {
      const context = await browser.newContext({ viewport: VIEWPORT });
      const page = await context.newPage();
      watch(page);
      const pending: Promise<void>[] = [];
      const seen: Fetched[] = [];
      if (r === 0) {
        page.on('response', (response) =>
          pending.push(
            response
              .body()
              .then((body) => {
                seen.push({
                  url: response.url(),
                  type: response.request().resourceType(),
                  bytes: body.length,
                  gzip: gz(body),
                });
              })
              .catch(() => {}),
          ),
        );
      }
      await page.addInitScript({
        content: `${INPAGE}\n;window.__bench.watchPaper(${PAPER_NODES}, ${PAPER_ROWS});`,
      });
      await page.goto(`${base}${PAPER_LINK}`);
      await page.waitForFunction(
        () => (window as unknown as Probed).__bench.paper.answered !== undefined,
        undefined,
        {
          timeout: 30_000,
        },
      );
      const t = await page.evaluate(() => (window as unknown as Probed).__bench.paper);
      drawn.push(t.drawn!);
      answered.push(t.answered!);
      if (r === 0) {
        await Promise.all(pending);
        fetched = seen;
      }
      await context.close();
    }
    row('paper example drawn: graph, typeset rows, fonts (from navigation)', '7 nodes', ms(median(drawn)));
    const tAnswer = median(answered);
    row(
      'paper example answers → (from navigation)',
      '7 nodes',
      ms(tAnswer),
      `≤ ${PAGE_BUDGETS.interactiveMs} ms`,
      tAnswer <= PAGE_BUDGETS.interactiveMs,
    );

    // Bundle: what the first load fetched, and what dist/ ships.
    const of = (type: string) => fetched.filter((f) => f.type === type);
    const sum = (fs: readonly Fetched[], k: 'bytes' | 'gzip') => fs.reduce((a, f) => a + f[k], 0);
    const html = of('document');
    const js = of('script');
    const css = of('stylesheet');
    const fonts = of('font');
    const files = (fs: readonly Fetched[]) => `${fs.length} file${fs.length === 1 ? '' : 's'}`;
    bundleRow('first load: HTML', `${kib(sum(html, 'gzip'))} gzip (${kib(sum(html, 'bytes'))})`);
    bundleRow(`first load: JS, ${files(js)}`, `${kib(sum(js, 'gzip'))} gzip (${kib(sum(js, 'bytes'))})`);
    bundleRow(`first load: CSS, ${files(css)}`, `${kib(sum(css, 'gzip'))} gzip (${kib(sum(css, 'bytes'))})`);
    const first = sum([...html, ...js, ...css], 'gzip');
    bundleRow(
      'first load: HTML + JS + CSS',
      `${kib(first)} gzip`,
      `≤ ${PAGE_BUDGETS.firstLoadKiB} KiB`,
      first <= PAGE_BUDGETS.firstLoadKiB * 1024,
    );
    const nonWoff2 = fonts.filter((f) => !/\.woff2(\?|$)/.test(f.url));
    bundleRow(
      `fonts fetched by the paper example, ${files(fonts)}`,
      `${kib(sum(fonts, 'bytes'))} (woff2 is compressed already)`,
      'woff2 only',
      nonWoff2.length === 0,
    );
    const dist = distFiles(BENCH_DIST);
    const shippedFonts = dist.filter((f) => /\.(woff2?|ttf|otf|eot)$/.test(f.name));
    const shippedOther = shippedFonts.filter((f) => !f.name.endsWith('.woff2'));
    bundleRow(
      `fonts in dist/: ${shippedFonts.length - shippedOther.length} woff2, ${shippedOther.length} other`,
      kib(shippedFonts.reduce((a, f) => a + f.bytes, 0)),
      'woff2 only',
      shippedOther.length === 0,
    );
    const later = dist.filter(
      (f) => /\.(js|css)$/.test(f.name) && !fetched.some((x) => x.url.endsWith(f.name.replace(/\\/g, '/'))),
    );
    for (const f of later) bundleRow(`loaded when needed: ${path.basename(f.name)}`, `${kib(f.gzip)} gzip`);

    // Expressions of 50, 200 and 500 nodes: open, step, play.
    const page = await browser.newPage({ viewport: VIEWPORT });
    watch(page);
    await page.addInitScript({ content: INPAGE });
    await page.goto(`${base}${PAPER_LINK}`);
    await page.waitForSelector('[data-node]');
    for (const size of PAGE_SIZES) {
      log(`page: ${size} nodes`);
      const label = `${size} nodes`;
      const opens: number[] = [];
      let last = sizedExpression(size, 1);
      for (let r = 0; r < reps; r++) {
        // A different expression each time (no cache helps), the paper's example in between.
        last = sizedExpression(size, 1 + r);
        await openExpression(page, `${PAPER_LINK}&step=1`, PAPER_NODES);
        opens.push(await openExpression(page, linkOf(last.text), last.nodes));
      }
      const tOpen = median(opens);
      const budget = size === 500 ? PAGE_BUDGETS.draw500Ms : null;
      row(
        'open an expression: parse, trace, lay out, draw',
        `${last.nodes} nodes`,
        ms(tOpen),
        budget === null ? '' : `≤ ${budget} ms`,
        budget === null ? null : tOpen <= budget,
      );
      // Steps at the start of each phase and in the adjoint sweep's middle.
      const steps: number[] = [];
      const total = await page.evaluate(() =>
        Number(document.querySelector('input[aria-label="Timeline"]')?.getAttribute('max') ?? 0),
      );
      for (const at of [0, Math.floor(total / 3), Math.floor((2 * total) / 3)]) {
        await openExpression(page, `${PAPER_LINK}&step=1`, PAPER_NODES);
        await openExpression(page, linkOf(last.text, at), last.nodes);
        steps.push(...(await stepTimes(page, options.quick ? 8 : 20)));
      }
      row(
        'step (→): update, style and layout',
        label,
        `${ms(median(steps))} (p95 ${ms(quantile(steps, 0.95))})`,
      );
      const deltas = await frameTimes(page, options.quick ? 1500 : 4000);
      const frames = inFrames(deltas);
      const p95 = quantile(frames, 0.95);
      const dropped = frames.filter((f) => f > REFRESH_MS * 1.5).length;
      row(
        'frame time while playing at 4 steps/s, p95',
        label,
        `${ms(p95)} (${deltas.length} frames, ${dropped} late; longest ${ms(Math.max(...deltas))})`,
        `≤ ${PAGE_BUDGETS.frameP95Ms} ms`,
        p95 <= PAGE_BUDGETS.frameP95Ms,
      );
    }

    // A keystroke in a 100-node expression: `…*2` → `…*25` and back, at the last step.
    log('page: keystrokes');
    const k = sizedExpression(KEYSTROKE_SIZE, 11);
    const text = `${k.text}*2`;
    const kNodes = compile(text);
    if (!kNodes.ok) throw new Error(kNodes.error.message);
    await openExpression(page, `${PAPER_LINK}&step=1`, PAPER_NODES);
    await openExpression(page, linkOf(text, 99_999), kNodes.tape.nodes.length);
    const field = page.getByLabel('Expression', { exact: true });
    await field.click();
    await field.press('Control+End');
    const keys: number[] = [];
    for (let r = 0; r < (options.quick ? 4 : 10); r++) {
      keys.push(
        (await keystroke(page, r % 2 === 0 ? '5' : 'Backspace', kNodes.tape.outputs[0]!.id)) -
          PARSE_DEBOUNCE_MS,
      );
      await page.waitForTimeout(300);
    }
    const tKey = median(keys);
    row(
      `keystroke to view updated, less the ${PARSE_DEBOUNCE_MS} ms typing pause`,
      `${kNodes.tape.nodes.length} nodes`,
      ms(tKey),
      `≤ ${PAGE_BUDGETS.keystrokeMs} ms`,
      tKey <= PAGE_BUDGETS.keystrokeMs,
    );
    row(
      'page errors and console errors during the run',
      '',
      String(errors.length),
      'none',
      errors.length === 0,
    );
    if (errors.length) log(`page errors:\n${errors.slice(0, 5).join('\n')}`);
  } finally {
    await browser?.close();
    stop();
  }
  return [...rows, ...bundle];
}
