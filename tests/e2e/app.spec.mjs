// The visualizer, driven as a person would, checked against Baydin et al. (2018), Tables 2 and 3
// (tests/fixtures/baydin2018-tables.json, copied from the project's shared reference).
import { readFileSync } from 'node:fs';

const paper = JSON.parse(
  readFileSync(new URL('../fixtures/baydin2018-tables.json', import.meta.url), 'utf8'),
);
const PAPER_LINK = '#v=1&f=ln(x1)%2Bx1*x2-sin(x2)&at=x1:2,x2:5&seed=x1';

function assert(ok, message) {
  if (!ok) throw new Error(message);
}
function close(a, b, message) {
  assert(Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b)), `${message}: got ${a}, expected ${b}`);
}

/** Every trace row's contract attributes, in document order. */
async function rows(page) {
  return page.$$eval('[data-kind]', (els) =>
    els.map((el) => ({
      kind: el.getAttribute('data-kind'),
      target: el.getAttribute('data-target'),
      from: el.getAttribute('data-from'),
      value: el.getAttribute('data-value'),
      current: el.getAttribute('aria-current'),
      katex: el.querySelector('.katex') !== null,
    })),
  );
}

async function open(page, hash) {
  await page.goto(`/${hash}`);
  await page.waitForSelector('[data-kind]');
}

export default [
  {
    name: "the paper's link at the last step shows every value of Tables 2 and 3",
    run: async ({ newPage, screenshot }) => {
      const page = await newPage();
      await open(page, `${PAPER_LINK}&step=999`);
      const all = await rows(page);
      assert(
        all.every((r) => r.katex),
        'every row has a KaTeX formula',
      );
      assert(
        all.every((r) => r.value !== null),
        'every row is reached at the last step',
      );
      const byKind = (k) => all.filter((r) => r.kind === k);
      const primal = byKind('primal');
      assert(primal.length === paper.table2_forward_primal.length, 'one primal row per node');
      paper.table2_forward_primal.forEach((ref) => {
        const row = primal.find((r) => r.target === ref.id);
        assert(row, `primal row for ${ref.id}`);
        close(Number(row.value), ref.value, `primal ${ref.id}`);
      });
      const tangent = byKind('tangent');
      paper.table2_forward_tangent_seed_x1.forEach((ref) => {
        const row = tangent.find((r) => r.target === ref.id);
        assert(row, `tangent row for ${ref.id}`);
        close(Number(row.value), ref.value, `tangent ${ref.id}`);
      });
      const adjoint = byKind('adjoint');
      const table3 = paper.table3_reverse_adjoint_in_execution_order;
      assert(adjoint.length === table3.length, `nine adjoint rows, got ${adjoint.length}`);
      table3.forEach((ref, i) => {
        const row = adjoint[i];
        assert(row.target === ref.target, `adjoint row ${i + 1} assigns ${ref.target}, not ${row.target}`);
        assert((row.from ?? null) === ref.from, `adjoint row ${i + 1} comes from ${ref.from}`);
        close(Number(row.value), ref.value, `adjoint row ${i + 1}`);
      });
      assert(all.filter((r) => r.current === 'step').length === 1, 'exactly one current row');
      assert(
        all[all.length - 1].current === 'step' || adjoint[adjoint.length - 1].current === 'step',
        'the last row is current',
      );
      for (const id of ['v-1', 'v0', 'v1', 'v2', 'v3', 'v4', 'v5']) {
        assert((await page.locator(`[data-node="${id}"]`).count()) === 1, `graph node ${id}`);
      }
      await screenshot(page, 'paper-last-step');
    },
  },
  {
    name: 'step=0 shows no values',
    run: async ({ newPage, screenshot }) => {
      const page = await newPage();
      await open(page, `${PAPER_LINK}&step=0`);
      const all = await rows(page);
      assert(all.length === 7 + 7 + 9, `23 rows, got ${all.length}`);
      assert(
        all.every((r) => r.value === null),
        'no row carries a value at step 0',
      );
      assert(
        all.every((r) => r.current === null),
        'no current row at step 0',
      );
      await screenshot(page, 'paper-step0');
    },
  },
  {
    name: '→ and ← step through the timeline, Home and End jump',
    run: async ({ newPage, screenshot }) => {
      const page = await newPage();
      await open(page, PAPER_LINK);
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
      let all = await rows(page);
      assert(all.filter((r) => r.value !== null).length === 3, 'three rows reached after → → →');
      assert(
        (await page.locator('[aria-current="step"]').getAttribute('data-target')) === 'v1',
        'third step assigns v1',
      );
      await page.keyboard.press('ArrowLeft');
      all = await rows(page);
      assert(all.filter((r) => r.value !== null).length === 2, 'two rows reached after ←');
      await page.keyboard.press('End');
      all = await rows(page);
      assert(
        all.every((r) => r.value !== null),
        'End reaches the last step',
      );
      await screenshot(page, 'keys-end');
      await page.keyboard.press('Home');
      all = await rows(page);
      assert(
        all.every((r) => r.value === null),
        'Home goes back to step 0',
      );
      // Keys typed in the editor edit the text; they do not step.
      await page.getByLabel('Expression', { exact: true }).click();
      await page.keyboard.press('ArrowRight');
      all = await rows(page);
      assert(
        all.every((r) => r.value === null),
        'arrow keys in the editor do not step',
      );
    },
  },
  {
    name: 'a link made by editing the expression reopens identical in a fresh page',
    run: async ({ newPage, browser }) => {
      const page = await newPage();
      await open(page, PAPER_LINK);
      const editor = page.getByLabel('Expression', { exact: true });
      await editor.fill('x*y + exp(x)/y');
      await page.getByLabel('x', { exact: true }).fill('0.5');
      await page.getByLabel('y', { exact: true }).fill('-3');
      await page.getByLabel('Tangent seed').selectOption('y');
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      for (let i = 0; i < 9; i++) await page.keyboard.press('ArrowRight');
      await page.waitForFunction(() => location.hash.includes('step=9') && location.hash.includes('seed=y'));
      const url = page.url();
      const before = await rows(page);
      assert(before.filter((r) => r.value !== null).length === 9, 'nine rows reached');
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      const fresh = await context.newPage();
      const errors = [];
      fresh.on('pageerror', (e) => errors.push(e));
      await fresh.goto(url);
      await fresh.waitForSelector('[data-kind]');
      const after = await rows(fresh);
      assert(JSON.stringify(after) === JSON.stringify(before), 'same rows, values and current step');
      assert(
        (await fresh.getByLabel('Expression', { exact: true }).inputValue()) === 'x*y + exp(x)/y',
        'same expression',
      );
      assert((await fresh.getByLabel('y', { exact: true }).inputValue()) === '-3', 'same value of y');
      assert(errors.length === 0, `no page errors: ${errors.join(', ')}`);
      await context.close();
    },
  },
  {
    name: 'an example chosen from the menu is a new history entry: Back returns to the typed expression',
    run: async ({ newPage }) => {
      const page = await newPage();
      await open(page, PAPER_LINK);
      const editor = page.getByLabel('Expression', { exact: true });
      const length = () => page.evaluate(() => history.length);
      const start = await length();
      // Typed, and the menu used at once, before the link has caught up with the typing.
      await editor.fill('x*y + exp(x)/y');
      await page.getByLabel('Examples').selectOption({ label: 'A 2-2-1 tanh network' });
      await page.waitForFunction((n) => history.length === n + 1, start);
      const chosen = await editor.inputValue();
      assert(chosen !== 'x*y + exp(x)/y', 'the example is shown');
      await page.goBack();
      await page.waitForFunction(
        () => document.querySelector('[aria-label="Expression"]')?.value === 'x*y + exp(x)/y',
      );
      assert(
        new URL(page.url()).hash.includes('exp(x)%2Fy') || page.url().includes('exp(x)/y'),
        'the link of the typed text',
      );
      await page.goForward();
      await page.waitForFunction(
        (t) => document.querySelector('[aria-label="Expression"]')?.value === t,
        chosen,
      );
      assert((await length()) === start + 1, 'Back and Forward add no entry');
    },
  },
  {
    name: 'a syntax error is shown at its place and the text is kept',
    run: async ({ newPage, screenshot }) => {
      const page = await newPage();
      await open(page, PAPER_LINK);
      const editor = page.getByLabel('Expression', { exact: true });
      await editor.fill('ln(x1) + x1*x2 - sin(x2) +');
      await page.waitForSelector('.editor-error');
      const message = await page.locator('.editor-error').innerText();
      assert(message.includes("Expected a value after '+'"), `message: ${message}`);
      assert(message.includes('col 27'), `column: ${message}`);
      assert((await editor.inputValue()) === 'ln(x1) + x1*x2 - sin(x2) +', 'text kept');
      assert((await page.locator('.editor-error-span').count()) === 1, 'the error span is underlined');
      assert((await page.locator('[data-node]').count()) === 7, 'the last good graph stays on screen');
      await screenshot(page, 'editor-error');
      await editor.fill('2x1');
      await page.waitForFunction(() =>
        document.querySelector('.editor-error')?.textContent?.includes('write 2*x1'),
      );
    },
  },
  {
    name: 'input fields follow the expression and reject bad values in place',
    run: async ({ newPage, screenshot }) => {
      const page = await newPage();
      await open(page, PAPER_LINK);
      await page.getByLabel('x1', { exact: true }).fill('2abc');
      await page.waitForSelector('.value-error');
      assert((await page.locator('.value-error').innerText()).includes('finite decimal'), 'value message');
      await screenshot(page, 'value-error');
      await page.getByLabel('x1', { exact: true }).fill('3');
      await page.getByLabel('Expression', { exact: true }).fill('ln(x1) + x1*x2 - sin(x2) + x3');
      await page.getByLabel('x3', { exact: true }).waitFor();
      assert((await page.getByLabel('x1', { exact: true }).inputValue()) === '3', 'x1 keeps its typed value');
      await page.getByLabel('Expression', { exact: true }).fill('ln(x1)');
      await page.waitForFunction(() => !document.querySelector('[aria-label="x2"]'));
      await page.getByLabel('Expression', { exact: true }).fill('ln(x1) + x2');
      await page.getByLabel('x2', { exact: true }).waitFor();
      assert(
        (await page.getByLabel('x2', { exact: true }).inputValue()) === '5',
        'x2 comes back with its value',
      );
    },
  },
  {
    name: 'bad links show a message and the default example',
    run: async ({ newPage }) => {
      const cases = [
        ['#v=99&f=x', 'newer version'],
        ['#%E0%A4%A', 'damaged'],
        ['#hello', 'damaged'],
        [`#v=1&f=${'x'.repeat(70000)}`, 'too'],
      ];
      for (const [hash, word] of cases) {
        const page = await newPage();
        await open(page, hash);
        const notice = (await page.locator('.notice').allInnerTexts()).join(' ');
        assert(
          notice.toLowerCase().includes(word),
          `${hash.slice(0, 20)}: notice mentions "${word}": ${notice}`,
        );
        assert(
          (await page.getByLabel('Expression', { exact: true }).inputValue()) === 'ln(x1) + x1*x2 - sin(x2)',
          'default example',
        );
        assert((await page.locator('[data-node]').count()) === 7, 'default graph drawn');
        await page.close();
      }
      const page = await newPage();
      await open(page, '#v=1&f=ln(x1)%2Bx1*x2-sin(x2)&at=x1:2,x2:5,zz:3&step=-5&__proto__=1');
      const notice = (await page.locator('.notice').allInnerTexts()).join(' ');
      assert(notice.length > 0, 'unknown keys and inputs give a notice');
      assert((await page.getByLabel('x1', { exact: true }).inputValue()) === '2', 'the rest applies');
      const syntax = await newPage();
      await syntax.goto('/#v=1&f=sin(x1&at=x1:2');
      await syntax.waitForSelector('.editor-error');
      assert(
        (await syntax.getByLabel('Expression', { exact: true }).inputValue()) === 'sin(x1',
        'text with an error is loaded',
      );
    },
  },
  {
    name: 'screens at projector, desktop and phone sizes',
    run: async ({ newPage, screenshot }) => {
      for (const [w, h] of [
        [1280, 720],
        [1920, 1080],
        [390, 844],
      ]) {
        const page = await newPage({ viewport: { width: w, height: h } });
        await open(page, `${PAPER_LINK}&step=19`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert(overflow <= 0, `no horizontal scrolling at ${w}×${h} (${overflow}px)`);
        await screenshot(page, `screen-${w}x${h}`);
        await page.close();
      }
    },
  },
  {
    name: 'stepping with → through the paper example: each step shows its row whole in the table at once and starts no animation but the adjoint edges’ flow',
    timeout: 60_000,
    run: async ({ newPage }) => {
      // Issue 13: a key pressed while the previous step's fades and glides were running waited for
      // their frames. A step now changes the table, the nodes and the timeline at once.
      const page = await newPage();
      await page.goto(`/${PAPER_LINK}&step=0`);
      await page.waitForSelector('[data-node] .graph-node-box');
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      const total = Number(await page.locator('input[aria-label="Timeline"]').getAttribute('max'));
      let scrolled = 0;
      for (let step = 1; step <= total; step++) {
        const before = await page.evaluate(() => document.querySelector('.table-panel').scrollTop);
        await page.keyboard.press('ArrowRight');
        // The first frame after the key: what it shows is what the student sees.
        const seen = await page.evaluate(
          (s) =>
            new Promise((resolve) =>
              requestAnimationFrame(() => {
                const row = document.querySelector(`[data-step="${s}"]`);
                const panel = document.querySelector('.table-panel');
                const r = row?.getBoundingClientRect();
                const p = panel.getBoundingClientRect();
                // Animations in time only: a scroll-driven one (the input fields' fade) follows a
                // scroll position and runs nothing when a step is taken.
                const running = document
                  .getAnimations()
                  .filter((a) => a.timeline === document.timeline)
                  .map((a) => a.effect?.target)
                  .filter((t) => t instanceof Element && !t.matches('.graph-edge-back'))
                  .map((t) => `${t.tagName.toLowerCase()}.${[...t.classList].join('.')}`);
                resolve({
                  current: row?.getAttribute('aria-current') ?? null,
                  whole: r !== undefined && r.top >= p.top - 0.5 && r.bottom <= p.bottom + 0.5,
                  scrollTop: panel.scrollTop,
                  running,
                });
              }),
            ),
          step,
        );
        assert(seen.current === 'step', `step ${step}: its row is the current one`);
        assert(seen.whole, `step ${step}: the current row is whole in the table's view on the first frame`);
        assert(
          seen.running.length === 0,
          `step ${step}: no animation but the adjoint flow, found ${seen.running.slice(0, 3).join(', ')}`,
        );
        if (seen.scrollTop !== before) scrolled++;
      }
      // At 1280×720 the table is taller than its panel: the check above saw it scroll.
      assert(scrolled > 0, 'the table scrolled to follow the current row at least once');
    },
  },
  {
    name: 'pointing at a node in the graph rings its rows in the table (primal and tangent), and only those',
    run: async ({ newPage }) => {
      const page = await newPage();
      await open(page, `${PAPER_LINK}&step=5`);
      await page.hover('[data-node="v2"]');
      await page.waitForSelector('.row.hovered');
      const rows = await page.$$eval('.row.hovered', (els) =>
        els.map((r) => ({ target: r.getAttribute('data-target'), ring: getComputedStyle(r).boxShadow })),
      );
      assert(rows.length >= 2, `v2's primal and tangent rows (${rows.length})`);
      for (const r of rows) {
        assert(r.target === 'v2', `only v2's rows: ${r.target}`);
        assert(r.ring !== 'none' && r.ring.includes('2px'), `ringed: ${r.ring}`);
      }
      await page.mouse.move(5, 5);
      await page.waitForFunction(() => document.querySelector('.row.hovered') === null);
    },
  },
];
