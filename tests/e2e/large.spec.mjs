// Large expressions stay usable (issue 5): a 500-node expression is laid out (a link's before the
// page starts, one typed in by the worker) and drawn, steps, and keeps the row contract of CONTRACTS
// §5 on the rows the table renders; its output value matches an evaluation written here in plain
// JavaScript; the built dist/ works from a sub-path (the page's first script and the worker included),
// runs its first script ahead of React, and ships woff2 fonts only. The runner fails a test on any page or
// console error.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DIST = path.join(ROOT, 'dist');

function assert(ok, message) {
  if (!ok) throw new Error(message);
}

// A deterministic expression of distinct terms (distinct constants: merging cannot shrink it),
// summed as a balanced tree, with its value computed by plain JavaScript alongside.
const UNARY = [
  ['sin', Math.sin],
  ['cos', Math.cos],
  ['tanh', Math.tanh],
  ['exp', (a) => Math.exp(a)],
];
const X = { x1: 1.1, x2: 0.9, x3: 1.3, x4: 0.7 };

function term(k) {
  const x = `x${(k % 4) + 1}`;
  const y = `x${((k + 1) % 4) + 1}`;
  const c = (k + 1) / 1000;
  const [name, f] = UNARY[k % UNARY.length];
  // f(c*x) * y: three operations per term.
  return { text: `${name}(${c}*${x})*${y}`, value: f(c * X[x]) * X[y], ops: 3 };
}

function sumOf(terms) {
  if (terms.length === 1) return terms[0];
  const mid = terms.length >> 1;
  const a = sumOf(terms.slice(0, mid));
  const b = sumOf(terms.slice(mid));
  return { text: `(${a.text} + ${b.text})`, value: a.value + b.value, ops: a.ops + b.ops + 1 };
}

const BIG = sumOf(Array.from({ length: 125 }, (_, k) => term(k))); // 125·3 + 124 = 499 operations
const BIG_LINK = `#v=1&f=${encodeURIComponent(BIG.text)}&at=${Object.entries(X)
  .map(([k, v]) => `${k}:${v}`)
  .join(',')}`;

/** The rows the table renders now, with their contract attributes. */
async function renderedRows(page) {
  return page.$$eval('[data-kind]', (els) =>
    els.map((el) => ({
      kind: el.getAttribute('data-kind'),
      target: el.getAttribute('data-target'),
      from: el.getAttribute('data-from'),
      value: el.getAttribute('data-value'),
      step: Number(el.getAttribute('data-step')),
      current: el.getAttribute('aria-current'),
      typeset: el.querySelector('.katex') !== null,
    })),
  );
}

/** Checks the contract on every rendered row at timeline position `step`. */
function checkRows(rows, step, total) {
  assert(rows.length > 0, 'the table renders rows');
  assert(rows.length < total, `the table renders a window (${rows.length} of ${total} rows)`);
  for (const r of rows) {
    assert(['primal', 'tangent', 'adjoint'].includes(r.kind), `row ${r.step}: data-kind ${r.kind}`);
    assert(/^v-?\d+$/.test(r.target ?? ''), `row ${r.step}: data-target ${r.target}`);
    assert(r.typeset, `row ${r.step} is typeset`);
    if (r.kind !== 'adjoint') assert(r.from === null, `row ${r.step}: a forward row has no data-from`);
    if (r.step <= step)
      assert(r.value !== null && !Number.isNaN(Number(r.value)), `row ${r.step} has a value`);
    else assert(r.value === null, `row ${r.step} is not reached and has no value`);
    assert((r.current === 'step') === (r.step === step), `row ${r.step}: aria-current only on step ${step}`);
  }
  if (step > 0)
    assert(
      rows.some((r) => r.step === step && r.current === 'step'),
      `the current row ${step} is rendered`,
    );
}

/** In the page: whether the current row is in view, not merely rendered somewhere in the panel. */
function currentRowInView() {
  const row = document.querySelector('[aria-current="step"]')?.getBoundingClientRect();
  const panel = document.querySelector('.table-panel')?.getBoundingClientRect();
  return !!row && !!panel && row.top >= panel.top && row.bottom <= panel.bottom;
}

/** Types `text` at the end of the expression, as a reader appending a term would. */
async function typeAtEnd(page, text) {
  const editor = page.getByLabel('Expression', { exact: true });
  await editor.focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text);
}

async function graphNodeCount(page) {
  const label = await page.locator('svg.graph-canvas').getAttribute('aria-label');
  return Number(/with (\d+) nodes/.exec(label ?? '')?.[1] ?? NaN);
}

export default [
  {
    name: 'a 500-node expression is laid out, drawn and stepped; rendered rows keep the contract',
    timeout: 60_000,
    run: async ({ newPage, screenshot }) => {
      const page = await newPage();
      const requests = [];
      page.on('request', (r) => requests.push(r.url()));
      // Whether the graph ever said "laying out…", from the page's first mutation on.
      await page.addInitScript(() => {
        window.__pendingSeen = false;
        new MutationObserver(() => {
          if (document.querySelector('.graph-pending')) window.__pendingSeen = true;
        }).observe(document, { childList: true, subtree: true });
      });
      await page.goto(`/${BIG_LINK}`);
      await page.waitForSelector('[data-kind]');
      const nodes = await graphNodeCount(page);
      assert(nodes === BIG.ops + 4, `the graph has ${BIG.ops} operations and 4 inputs, got ${nodes}`);
      await page.waitForFunction((n) => document.querySelectorAll('[data-node]').length === n, nodes, {
        timeout: 20_000,
      });
      assert((await page.locator('.graph-pending').count()) === 0, 'no "laying out" once drawn');
      // The nodes are drawn in groups of at most 64 (GraphNodes.tsx): a step's change to a node
      // makes the layout recompute the bounds of its group, not of every node.
      const groups = await page.$$eval('.graph-nodes > g', (gs) =>
        gs.map((g) => g.querySelectorAll(':scope > [data-node]').length),
      );
      assert(
        groups.length >= nodes / 64 && groups.every((n) => n > 0 && n <= 64),
        `the nodes are grouped: ${groups.join(' ')}`,
      );
      // The link's graph is laid out by the page's first script while the main one arrives
      // (src/early.ts), and drawn with the table: no "laying out…", no worker.
      assert(!(await page.evaluate(() => window.__pendingSeen)), 'the link opens with its graph drawn');
      assert(
        !requests.some((u) => /layout\.worker-[\w-]+\.js$/.test(u)),
        "the link's graph is laid out before the page starts, not by the worker",
      );
      const total = Number(await page.locator('input[aria-label="Timeline"]').getAttribute('max'));

      // Step with the keys, as a teacher would.
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
      await page.waitForSelector('[data-step="5"][aria-current="step"]');
      checkRows(await renderedRows(page), 5, total);

      // The output's primal row (the last primal step) against the value computed here.
      await page.keyboard.press('End');
      await page.waitForSelector(`[data-step="${total}"][aria-current="step"]`);
      checkRows(await renderedRows(page), total, total);
      const primalEnd = nodes; // primal rows are steps 1 … nodes
      await page.goto(`/${BIG_LINK}&step=${primalEnd}`);
      await page.waitForSelector(`[data-step="${primalEnd}"][aria-current="step"]`);
      const row = await page.locator(`[data-step="${primalEnd}"]`).getAttribute('data-value');
      const y = Number(row);
      assert(Math.abs(y - BIG.value) <= 1e-12 * Math.abs(BIG.value), `y = ${y}, expected ${BIG.value}`);
      checkRows(await renderedRows(page), primalEnd, total);

      // The first tangent step sits at the top of the paired table, 500 rows up: its rows are
      // rendered ahead once the page is quiet, so the key press that goes there creates none.
      const first = primalEnd + 1;
      await page.waitForFunction((n) => document.querySelector(`[data-step="${n}"] .katex`) !== null, first, {
        timeout: 10_000,
      });
      assert(await page.evaluate(currentRowInView), 'the last primal row is in view');
      // … and laid out ahead: a row out of view is otherwise skipped (content-visibility: auto), and
      // the press that scrolls to it would style and lay out its typeset math.
      assert(
        await page.$eval(
          `[data-step="${first}"]`,
          (el) => getComputedStyle(el).contentVisibility === 'visible',
        ),
        'the rows rendered ahead are laid out ahead',
      );
      await page.evaluate(() => {
        window.__added = 0;
        new MutationObserver((ms) => {
          for (const m of ms)
            for (const n of m.addedNodes) if (n.nodeType === 1 && n.matches('[data-kind]')) window.__added++;
        }).observe(document.querySelector('.table-panel'), { childList: true, subtree: true });
      });
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('ArrowRight');
      await page.waitForSelector(`[data-step="${first}"][aria-current="step"]`);
      assert((await page.evaluate(() => window.__added)) === 0, 'the press renders no new row');
      await page.waitForFunction(currentRowInView);
      checkRows(await renderedRows(page), first, total);

      // Back to the start: the table follows the current row up again.
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('Home');
      await page.keyboard.press('ArrowRight');
      await page.waitForSelector('[data-step="1"][aria-current="step"]');
      checkRows(await renderedRows(page), 1, total);
      // The current row is in view, not merely rendered somewhere in the scrolled panel.
      await page.waitForFunction(currentRowInView);
      await screenshot(page, 'large-500-nodes');

      // A graph of another shape, typed in, is laid out by the worker: "laying out…", then drawn.
      await typeAtEnd(page, ' + sin(x1)');
      await page.waitForFunction((n) => document.querySelectorAll('[data-node]').length === n, nodes + 2, {
        timeout: 20_000,
      });
      assert(await page.evaluate(() => window.__pendingSeen), 'the new graph said it was laying out');
      assert(
        requests.some((u) => /layout\.worker-[\w-]+\.js$/.test(u)),
        'a graph this large, typed in, is laid out by the worker',
      );
    },
  },
  {
    name: 'stepping line by line past the edge of the view adds rows in batches, not one after every step',
    timeout: 60_000,
    run: async ({ newPage }) => {
      const page = await newPage();
      await page.goto(`/${BIG_LINK}&step=12`);
      await page.waitForSelector('[data-step="12"][aria-current="step"]');
      await page.waitForFunction(currentRowInView);
      await page.evaluate(() => {
        window.__addedAt = [];
        new MutationObserver((ms) => {
          for (const m of ms)
            for (const n of m.addedNodes)
              if (n.nodeType === 1 && n.matches('[data-kind]')) window.__addedAt.push(window.__step);
        }).observe(document.querySelector('.table-panel'), { childList: true, subtree: true });
      });
      const presses = 16;
      for (let i = 1; i <= presses; i++) {
        const step = 12 + i;
        await page.evaluate((k) => (window.__step = k), step);
        await page.locator('body').click({ position: { x: 5, y: 5 } });
        await page.keyboard.press('ArrowRight');
        await page.waitForSelector(`[data-step="${step}"][aria-current="step"]`);
        await page.waitForFunction(currentRowInView);
        // Let the window follow after the paint (its margin comes as a transition).
        await page.evaluate(
          () => new Promise((r) => setTimeout(() => requestAnimationFrame(() => r()), 250)),
        );
      }
      const steps = new Set(await page.evaluate(() => window.__addedAt));
      // The window's margin holds the next line; the rows after it come when the margin runs low
      // (about every other press here). Rendering the next line's rows ahead at every step added a
      // row after every press, 16 of 16 (each such change costs a frame after the step's: issue
      // 13's late frames while playing).
      assert(steps.size > 0, 'the window follows the steps down the table');
      assert(steps.size <= (presses * 3) / 4, `rows were added after ${steps.size} of ${presses} presses`);
    },
  },
  {
    name: 'the largest link a tape can hold (2,000 operations) opens with its graph drawn with the table',
    timeout: 60_000,
    run: async ({ newPage }) => {
      const page = await newPage();
      const requests = [];
      page.on('request', (r) => requests.push(r.url()));
      // Every frame is looked at as it is about to be painted (an animation frame callback runs after
      // the tasks before it and before the frame's rendering): what a reader could ever see.
      await page.addInitScript(() => {
        window.__pendingSeen = false;
        window.__tableFirst = false;
        const look = () => {
          if (document.querySelector('.graph-pending')) window.__pendingSeen = true;
          if (document.querySelector('[data-kind]') && !document.querySelector('[data-node]'))
            window.__tableFirst = true;
          requestAnimationFrame(look);
        };
        requestAnimationFrame(look);
      });
      // x*1 + … + x*1000: 1,000 products and 999 sums, the parser's limit of operations.
      const k = 1000;
      const text = Array.from({ length: k }, (_, i) => `x*${i + 1}`).join('+');
      await page.goto(`/#v=1&f=${encodeURIComponent(text)}&at=x:1.5&step=${k * 2}`);
      await page.waitForSelector(`[data-step="${k * 2}"][aria-current="step"]`, { timeout: 30_000 });
      assert((await graphNodeCount(page)) === 2 * k, 'the graph has 2,000 nodes');
      assert(
        (await page.locator('[data-node]').count()) === 2 * k,
        'every node is drawn as the table shows its first rows',
      );
      // Laid out by the page's first script (src/early.ts): no "laying out…", no worker, and the
      // table's rows never shown without the graph.
      assert(!(await page.evaluate(() => window.__pendingSeen)), 'the graph never said it was laying out');
      assert(!(await page.evaluate(() => window.__tableFirst)), 'the table is not drawn before the graph');
      assert(
        !requests.some((u) => /layout\.worker-[\w-]+\.js$/.test(u)),
        "the link's graph is laid out before the page starts, not by the worker",
      );
      // The output's primal row (step 2,000): 1.5 · (1 + … + 1000), exactly.
      const y = Number(await page.locator(`[data-step="${k * 2}"]`).getAttribute('data-value'));
      assert(y === 1.5 * ((k * (k + 1)) / 2), `y = ${y}`);
    },
  },
  {
    name: "a link's first frame typesets the rows on the screen, and the panel's rows below it come after",
    timeout: 60_000,
    run: async ({ newPage }) => {
      const page = await newPage();
      // At each frame until rows appear: where the rows, the panel and the screen are.
      await page.addInitScript(() => {
        const look = () => {
          const rows = [...document.querySelectorAll('[data-kind]')];
          if (!rows.length) return requestAnimationFrame(look);
          const panel = document.querySelector('.table-panel').getBoundingClientRect();
          window.__first = {
            rows: rows.map((r) => {
              const b = r.getBoundingClientRect();
              return {
                step: Number(r.getAttribute('data-step')),
                top: b.top,
                bottom: b.bottom,
                typeset: !!r.querySelector('.katex'),
              };
            }),
            panel: { top: panel.top, bottom: panel.bottom },
            screen: innerHeight,
          };
        };
        requestAnimationFrame(look);
      });
      await page.goto(`/${BIG_LINK}`);
      await page.waitForFunction(() => window.__first !== undefined);
      const first = await page.evaluate(() => window.__first);
      const { panel, screen } = first;
      assert(
        panel.top < screen && panel.bottom > screen,
        `the 499-node link's table panel runs past the screen (${panel.top}–${panel.bottom} of ${screen})`,
      );
      assert(
        first.rows.every((r) => r.typeset),
        'every row of the first frame is typeset',
      );
      // Only as many lines as the screen's part of the panel can show, counted in rows of the least
      // height (40 px and a 2 px gap): the rest of the panel is typeset after the paint.
      const lines = first.rows.filter((r) => r.step <= BIG.ops + 4).length;
      const most = Math.ceil((screen - panel.top) / 42) + 1;
      assert(
        lines <= most,
        `the first frame typesets ${lines} lines, more than the ${most} the screen can show`,
      );
      // No blank strip: in each column the rows reach the bottom of the screen.
      const lowest = (kind) =>
        Math.max(...first.rows.filter((r) => r.step <= BIG.ops + 4 === kind).map((r) => r.bottom));
      assert(
        lowest(true) >= screen && lowest(false) >= screen,
        `the first frame's rows reach the bottom of the screen (${lowest(true)}, ${lowest(false)} of ${screen})`,
      );
      // After the paint, the panel's rows below the screen, and its margin, are typeset too.
      await page.waitForFunction(
        (n) => {
          const rows = [...document.querySelectorAll('[data-kind]')];
          return rows.length > n && rows.every((r) => r.querySelector('.katex'));
        },
        first.rows.length,
        { timeout: 10_000 },
      );
      const bottom = await page.$$eval('[data-kind]', (rows) =>
        Math.max(...rows.map((r) => r.getBoundingClientRect().bottom)),
      );
      assert(
        bottom >= panel.bottom,
        `the rows reach the panel's bottom after the paint (${bottom} of ${panel.bottom})`,
      );
    },
  },
  {
    name: 'the built page works from a sub-path, layout worker included',
    timeout: 60_000,
    run: async ({ newPage }) => {
      const dir = mkdtempSync(path.join(tmpdir(), 'wengert-subpath-'));
      const sub = path.join(dir, 'courses', 'ad', 'wengert');
      cpSync(DIST, sub, { recursive: true });
      const types = {
        '.html': 'text/html',
        '.js': 'text/javascript',
        '.css': 'text/css',
        '.woff2': 'font/woff2',
        '.svg': 'image/svg+xml',
      };
      const server = createServer((req, res) => {
        const url = new URL(req.url ?? '/', 'http://x');
        let file = path.join(dir, decodeURIComponent(url.pathname));
        if (!file.startsWith(dir)) return void res.writeHead(403).end();
        try {
          if (statSync(file).isDirectory()) file = path.join(file, 'index.html');
          res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
          res.end(readFileSync(file));
        } catch {
          res.writeHead(404).end();
        }
      });
      await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const { port } = server.address();
        const page = await newPage();
        const requests = [];
        page.on('request', (r) => requests.push(r.url()));
        await page.goto(`http://127.0.0.1:${port}/courses/ad/wengert/${BIG_LINK}`);
        const nodes = BIG.ops + 4;
        await page.waitForFunction((n) => document.querySelectorAll('[data-node]').length === n, nodes, {
          timeout: 20_000,
        });
        // The link's graph was laid out by the page's first script; one typed in goes to the worker.
        await typeAtEnd(page, ' + sin(x1)');
        await page.waitForFunction((n) => document.querySelectorAll('[data-node]').length === n, nodes + 2, {
          timeout: 20_000,
        });
        assert(
          requests.some((u) => /\/assets\/early-[\w-]+\.js$/.test(u)),
          `the page's first script loads: ${requests.filter((u) => u.endsWith('.js'))}`,
        );
        const worker = requests.find((u) => /layout\.worker-[\w-]+\.js$/.test(u));
        assert(
          worker?.includes('/courses/ad/wengert/assets/'),
          `the worker loads from the sub-path: ${worker}`,
        );
        assert(
          requests.every((u) => u.includes('/courses/ad/wengert/')),
          `every request stays under the sub-path: ${requests.filter((u) => !u.includes('/courses/ad/wengert/'))}`,
        );
      } finally {
        server.close();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
  {
    name: 'the built page runs its first script before the main one; that script is one file, without React or Preact',
    run: async () => {
      const html = readFileSync(path.join(DIST, 'index.html'), 'utf8');
      const scripts = [...html.matchAll(/<script type="module"[^>]*src="\.\/assets\/([^"]+)"/g)].map(
        (m) => m[1],
      );
      assert(
        scripts.length === 2 && /^early-/.test(scripts[0]) && /^index-/.test(scripts[1]),
        `the early script, then the main one: ${scripts}`,
      );
      const read = (file) => readFileSync(path.join(DIST, 'assets', file), 'utf8');
      const imports = (code) => [...code.matchAll(/(?:from|import)\s*"\.\/([\w.-]+\.js)"/g)].map((m) => m[1]);
      const early = read(scripts[0]);
      // One file: split into chunks, it waited for the slowest of three responses (issue 13).
      assert(imports(early).length === 0, `the early script imports no other chunk: ${imports(early)}`);
      // Neither React nor Preact (whose hooks keep their state in "__H"): it would wait for as much
      // code as the page itself.
      assert(
        !early.includes('react.dev/errors') && !early.includes('__H'),
        'the early script holds no React or Preact',
      );
      // The main script imports the shared code from it rather than shipping it twice.
      assert(
        imports(read(scripts[1])).includes(scripts[0]),
        `the main script imports the early one: ${imports(read(scripts[1]))}`,
      );
    },
  },
  {
    name: 'the build ships woff2 fonts only, as files, and the stylesheet asks for nothing else',
    run: async () => {
      const assets = readdirSync(path.join(DIST, 'assets'));
      const fonts = assets.filter((f) => /\.(woff2?|ttf|otf|eot)$/.test(f));
      // The KaTeX subset (build/katexSubset.ts) ships only the faces our TeX reaches.
      assert(fonts.length >= 5, `KaTeX's fonts are shipped (${fonts.length})`);
      assert(
        fonts.every((f) => f.endsWith('.woff2')),
        `only woff2: ${fonts.filter((f) => !f.endsWith('.woff2'))}`,
      );
      let referenced = 0;
      for (const css of assets.filter((f) => f.endsWith('.css'))) {
        const text = readFileSync(path.join(DIST, 'assets', css), 'utf8');
        const urls = [...text.matchAll(/url\(([^)]*)\)/g)].map((m) => m[1]);
        // No face is inlined as base64: it would load with the page whether a formula needs it or
        // not (KaTeX_Size3, under Vite's 4 KiB inlining limit, was 4.1 KiB gzip of the first load).
        assert(!/url\(["']?data:[^)]*font/.test(text), `${css} inlines no font (url(data:font/…))`);
        const fontUrls = urls.filter((u) => /\.(woff2?|ttf|otf|eot)/.test(u));
        referenced += fontUrls.length;
        assert(
          fontUrls.every((u) => /\.woff2["']?$/.test(u)),
          `${css} refers to woff2 only`,
        );
        for (const u of fontUrls) {
          const file = path.basename(u.replace(/["']/g, ''));
          assert(fonts.includes(file), `${css} asks for ${file}, which the build does not ship`);
        }
      }
      assert(referenced > 0, 'the stylesheets ask for the fonts');
      // The page's head preloads the two faces every table uses (build/fontPreload.ts).
      const html = readFileSync(path.join(DIST, 'index.html'), 'utf8');
      for (const face of ['KaTeX_Main-Regular', 'KaTeX_Math-Italic']) {
        const tag = html.match(
          new RegExp(
            `<link rel="preload" href="\\./assets/(${face}-[^"]+\\.woff2)" as="font"[^>]*crossorigin`,
          ),
        );
        assert(tag && fonts.includes(tag[1]), `index.html preloads ${face} (${tag?.[1]})`);
      }
    },
  },
];
